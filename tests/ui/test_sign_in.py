"""Sign-in and roles through AppTest: the app served beyond this machine, on a demo database."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import pytest
import streamlit as st
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from dashboard.access import accounts, audit, roles
from dashboard.store import database

ENTRY = str(database.PROJECT_ROOT / "streamlit_app.py")
PASSWORD = "a long enough passphrase"


@pytest.fixture
def office_app(demo_db_file, tmp_path, monkeypatch):
    """The demo database served on every interface (as on an office server), with a viewer,
    an analyst and an administrator."""
    path = tmp_path / "office.duckdb"
    shutil.copy(demo_db_file, path)
    conn = database.connect(path)
    for name, role in (("vera", "viewer"), ("anna", "analyst"), ("boss", "admin")):
        accounts.create_account(conn, name, PASSWORD, role)
    conn.close()
    monkeypatch.setenv(database.DB_ENV_VAR, str(path))
    streamlit_config.set_option("server.address", "0.0.0.0")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    streamlit_config.set_option("server.address", "127.0.0.1")
    st.cache_resource.clear()
    st.cache_data.clear()


def events(path, action=None):
    st.cache_resource.clear()  # let go of the app's connection to read the file
    conn = database.connect(path)
    try:
        return audit.recent(conn, action=action)
    finally:
        conn.close()


def sign_in(name: str, password: str = PASSWORD, **query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.text_input(key="auth_username").input(name)
    at.text_input(key="auth_password").input(password)
    return at.button[0].click().run()


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success",
                                  "subheader", "title") for e in getattr(at, kind)]  # fmt: skip
    return " ".join(str(p) for p in parts)


def test_served_on_an_office_address_the_app_shows_only_the_sign_in_form(office_app):
    at = AppTest.from_file(ENTRY, default_timeout=180).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert not at.dataframe and not at.metric and not at.get("plotly_chart")
    assert not at.sidebar.caption  # no data status before sign-in: only the language
    assert at.sidebar.selectbox[0].label.startswith("Language")
    # a deep link to a page shows the same form, not the page
    at = AppTest.from_file(ENTRY, default_timeout=180)
    at.query_params["customer"] = "C00001"
    at.run()
    assert [t.value for t in at.title] == ["Sign in"] and not at.dataframe


def test_without_accounts_the_form_says_how_to_make_the_first_administrator(office_app):
    conn = database.connect(office_app)
    conn.execute("DELETE FROM accounts")
    conn.close()
    at = AppTest.from_file(ENTRY, default_timeout=180).run()
    assert "python -m dashboard users add NAME --role admin" in at.warning[0].value


def test_a_wrong_password_is_refused_counted_and_logged(office_app):
    at = sign_in("anna", "not the password")
    assert [t.value for t in at.title] == ["Sign in"]
    assert at.error[0].value == "The user name or the password is wrong."
    failed = events(office_app, "sign_in_failed")
    assert failed["actor"].tolist() == ["anna"]
    conn = database.connect(office_app)
    row = accounts.list_accounts(conn).set_index("username").loc["anna"]
    conn.close()
    assert row["failed_sign_ins"] == 1


def test_the_right_password_opens_the_dashboard_and_the_sign_in_is_logged(office_app):
    at = sign_in("anna")
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert "Signed in as anna (analyst)" in " ".join(c.value for c in at.sidebar.caption)
    assert events(office_app, "sign_in")["actor"].tolist() == ["anna"]


def test_signing_in_keeps_the_link_and_works_in_russian(office_app):
    at = sign_in("anna", lang="ru")
    assert at.title[0].value == "Обзор"
    assert "Вы вошли как anna (аналитик)" in " ".join(c.value for c in at.sidebar.caption)


def test_an_idle_session_ends_and_asks_again(office_app):
    at = sign_in("anna")
    held = at.session_state["_signed_in"]
    held["seen"] = datetime.now() - timedelta(minutes=31)
    at.run()
    assert [t.value for t in at.title] == ["Sign in"]
    assert "Your session ended" in at.info[0].value
    assert events(office_app, "session_expired")["actor"].tolist() == ["anna"]


def test_signing_out_returns_to_the_form(office_app):
    at = sign_in("anna")
    next(b for b in at.sidebar.button if b.label == "Sign out").click().run()
    assert [t.value for t in at.title] == ["Sign in"]
    assert events(office_app)["action"].tolist()[:2] == ["sign_out", "sign_in"]


def test_a_viewer_sees_no_names_emails_or_phones_and_cannot_download_customers(office_app):
    at = sign_in("vera")
    at.switch_page("pages/customers.py").run()
    assert not at.exception
    assert at.subheader[0].value == roles.MASK  # the profile heading: a masked name
    for frame in (d.value for d in at.dataframe):
        for column in ("name", "email", "phone", "Name", "E-mail", "Phone"):
            if column in frame.columns:
                assert set(frame[column].dropna()) <= {roles.MASK}, column
    assert "@" not in " ".join(c.value for c in at.caption)  # no e-mail in the identity line
    assert not at.get("download_button")
    at.switch_page("pages/loyalty.py").run()
    assert not at.exception and not at.get("download_button")


def test_an_analyst_sees_personal_data_and_downloads_customer_lists(office_app):
    at = sign_in("anna")
    at.switch_page("pages/loyalty.py").run()
    assert len(at.get("download_button")) == 2
    at.switch_page("pages/customers.py").run()
    assert at.subheader[0].value != roles.MASK


def test_only_an_administrator_imports_loads_demo_data_or_clears(office_app):
    for name in ("vera", "anna"):
        at = sign_in(name)
        at.switch_page("pages/data.py").run()
        assert not at.exception
        assert not at.get("file_uploader")
        assert not [b for b in at.button if b.key in ("clear", "demo_load")]
        assert "This needs the role administrator" in texts(at)
    at = sign_in("boss")
    at.switch_page("pages/data.py").run()
    assert at.get("file_uploader")
    assert {"clear", "demo_load"} <= {b.key for b in at.button}


def test_an_administrator_reads_the_audit_log_and_clears_are_recorded(office_app):
    at = sign_in("boss")
    at.switch_page("pages/data.py").run()
    at.selectbox(key="clear_table").select("interactions").run()
    at.checkbox(key="clear_confirm_interactions").check().run()
    at.button(key="clear").click().run()
    assert not at.exception
    log = events(office_app)
    cleared = log[log["action"] == "clear"].iloc[0]
    assert (cleared["actor"], cleared["detail"]) == ("boss", "interactions")
    assert cleared["rows"] > 0
    at = sign_in("boss")
    at.switch_page("pages/data.py").run()
    shown = next(d.value for d in at.dataframe if "Who" in d.value.columns)
    assert {"sign_in", "clear"} <= set(shown["What"])
    # a viewer never sees the log
    at = sign_in("vera")
    at.switch_page("pages/data.py").run()
    assert not any("Who" in d.value.columns for d in at.dataframe)


def test_on_this_machine_only_there_is_no_sign_in(app_db):
    at = AppTest.from_file(ENTRY, default_timeout=180).run()
    assert at.title[0].value == "Overview"
    assert not any("Signed in" in c.value for c in at.sidebar.caption)
