"""Accounts, roles, sign-in rules and the audit log, on real database files."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from dashboard.access import accounts, audit, policy, roles
from dashboard.access.roles import User

PASSWORD = "a long enough passphrase"
NOON = datetime(2026, 12, 6, 12, 0, 0)


def test_a_password_is_kept_only_as_an_argon2id_hash(conn):
    accounts.create_account(conn, "anna", PASSWORD, "analyst")
    stored = conn.execute("SELECT password_hash FROM accounts").fetchone()[0]
    assert PASSWORD not in stored
    assert stored.startswith("$argon2id$")
    listed = accounts.list_accounts(conn)
    assert "password_hash" not in listed.columns
    assert listed.to_dict("records")[0]["role"] == "analyst"


def test_the_right_password_signs_in_with_the_accounts_role(conn):
    accounts.create_account(conn, "anna", PASSWORD, "analyst")
    user = accounts.authenticate(conn, "anna", PASSWORD, now=NOON)
    assert user == User("anna", "analyst", "local")
    assert accounts.list_accounts(conn)["last_sign_in"][0] == pd.Timestamp(NOON)


@pytest.mark.parametrize("name, password", [("anna", "wrong passphrase!"), ("nobody", PASSWORD)])
def test_a_wrong_name_and_a_wrong_password_get_the_same_message(conn, name, password):
    accounts.create_account(conn, "anna", PASSWORD, "analyst")
    with pytest.raises(accounts.SignInFailed) as failed:
        accounts.authenticate(conn, name, password, now=NOON)
    assert str(failed.value) == "The user name or the password is wrong."


def test_failed_sign_ins_lock_the_account_for_longer_each_time(conn):
    accounts.create_account(conn, "anna", PASSWORD, "viewer")
    for _ in range(3):
        with pytest.raises(accounts.SignInFailed):
            accounts.authenticate(conn, "anna", "guess guess guess", now=NOON)
    # the third failure locks for 2 s: a second later even the right password waits 1 s more
    with pytest.raises(accounts.SignInFailed, match="try again in 1 s"):
        accounts.authenticate(conn, "anna", PASSWORD, now=NOON + timedelta(seconds=1))
    with pytest.raises(accounts.SignInFailed):
        accounts.authenticate(conn, "anna", "guess guess guess", now=NOON + timedelta(seconds=3))
    with pytest.raises(accounts.SignInFailed, match="try again in 4 s"):
        accounts.authenticate(conn, "anna", PASSWORD, now=NOON + timedelta(seconds=3))
    row = accounts.list_accounts(conn).iloc[0]
    assert row["failed_sign_ins"] == 4
    # once the lock is over, the right password signs in and the count starts again
    assert accounts.authenticate(conn, "anna", PASSWORD, now=NOON + timedelta(seconds=8))
    assert accounts.list_accounts(conn).iloc[0]["failed_sign_ins"] == 0


def test_the_wait_grows_to_five_minutes_and_no_further():
    waits = [accounts.lock_seconds(n) for n in range(1, 14)]
    assert waits[:2] == [0, 0]
    assert waits[2:6] == [2, 4, 8, 16]
    assert max(waits) == accounts.MAX_LOCK_SECONDS == 300


def test_a_disabled_account_cannot_sign_in(conn):
    accounts.create_account(conn, "boss", PASSWORD, "admin")
    accounts.create_account(conn, "anna", PASSWORD, "viewer")
    accounts.set_disabled(conn, "anna", True)
    with pytest.raises(accounts.SignInFailed):
        accounts.authenticate(conn, "anna", PASSWORD, now=NOON)
    accounts.set_disabled(conn, "anna", False)
    assert accounts.authenticate(conn, "anna", PASSWORD, now=NOON).role == "viewer"


@pytest.mark.parametrize(
    "change",
    [
        lambda c: accounts.set_role(c, "boss", "viewer"),
        lambda c: accounts.set_disabled(c, "boss", True),
        lambda c: accounts.remove_account(c, "boss"),
    ],
)
def test_the_last_administrator_cannot_be_taken_away(conn, change):
    accounts.create_account(conn, "boss", PASSWORD, "admin")
    with pytest.raises(accounts.AccountError, match="last enabled administrator"):
        change(conn)
    assert accounts.list_accounts(conn).iloc[0]["role"] == "admin"
    accounts.create_account(conn, "deputy", PASSWORD, "admin")
    change(conn)  # with a second administrator it may go


@pytest.mark.parametrize(
    "name, password, message",
    [
        ("anna", "short", "at least 12 characters"),
        ("../etc", PASSWORD, "is not allowed"),
        ("<script>", PASSWORD, "is not allowed"),
        ("", PASSWORD, "is not allowed"),
    ],
)
def test_bad_names_and_short_passwords_are_refused(conn, name, password, message):
    with pytest.raises(accounts.AccountError, match=message):
        accounts.create_account(conn, name, password, "viewer")
    assert accounts.list_accounts(conn).empty


def test_a_single_sign_on_account_has_no_password_and_cannot_use_the_form(conn):
    accounts.create_account(conn, "anna@example.com", None, "analyst")
    assert accounts.sso_user(conn, "Anna@Example.com", None) == User(
        "anna@example.com", "analyst", "sso"
    )
    with pytest.raises(accounts.SignInFailed):
        accounts.authenticate(conn, "anna@example.com", "", now=NOON)
    # a person the provider knows but we do not: the default role, or refused without one
    assert accounts.sso_user(conn, "new@example.com", "viewer").role == "viewer"
    with pytest.raises(accounts.SignInFailed, match="has no account here"):
        accounts.sso_user(conn, "new@example.com", None)


def test_each_role_may_do_what_the_readme_says():
    viewer, analyst, admin = (User("x", r) for r in roles.ROLES)
    assert roles.allowed(viewer, "view")
    assert not roles.allowed(viewer, "personal_data")
    assert not roles.allowed(viewer, "download_customers")
    assert roles.allowed(analyst, "download_customers") and roles.allowed(analyst, "campaigns")
    assert not roles.allowed(analyst, "import") and not roles.allowed(analyst, "accounts")
    assert all(roles.allowed(admin, p) for p in roles.PERMISSIONS)
    assert not roles.allowed(None, "view")
    with pytest.raises(roles.AccessDenied) as denied:
        roles.require(analyst, "clear")
    assert "needs the role admin" in str(denied.value)
    assert "нужна роль admin" in denied.value.localized("ru")


def test_a_viewer_sees_names_emails_and_phones_masked():
    frame = pd.DataFrame(
        {"customer_id": ["C1", "C2"], "name": ["Anna Petrova", None], "email": ["a@x.ru", "b@y"],
         "phone": ["+7 900", "+7 901"], "revenue": [10.0, 20.0]}
    )  # fmt: skip
    masked = roles.mask_personal(frame, User("v", "viewer"))
    assert masked["name"].tolist()[0] == roles.MASK and masked["name"].isna().tolist()[1]
    assert set(masked["email"]) == {roles.MASK} and set(masked["phone"]) == {roles.MASK}
    assert masked["customer_id"].tolist() == ["C1", "C2"]
    assert masked["revenue"].tolist() == [10.0, 20.0]
    assert frame["name"][0] == "Anna Petrova"  # the caller's frame is untouched
    shown = roles.mask_personal(frame, User("a", "analyst"))
    assert shown["email"].tolist() == ["a@x.ru", "b@y"]


@pytest.mark.parametrize(
    "mode, address, required",
    [
        ("auto", "127.0.0.1", False),
        ("auto", "localhost", False),
        ("auto", "::1", False),
        ("auto", "0.0.0.0", True),
        ("auto", "192.168.1.20", True),
        ("auto", None, True),  # streamlit run without an address listens everywhere
        ("on", "127.0.0.1", True),
        ("off", "0.0.0.0", False),
    ],
)
def test_sign_in_is_on_as_soon_as_the_app_is_served_beyond_this_machine(mode, address, required):
    assert policy.sign_in_required(mode, address) is required


def test_an_unknown_sign_in_setting_is_refused_not_taken_as_off():
    with pytest.raises(ValueError, match="on, off or auto"):
        policy.sign_in_required("maybe", "0.0.0.0")


def test_sessions_end_when_idle_and_after_the_longest_day():
    rules = policy.SessionRules(idle_minutes=30, max_hours=12)
    assert not rules.expired(NOON, NOON, NOON + timedelta(minutes=29))
    assert rules.expired(NOON, NOON, NOON + timedelta(minutes=31))
    busy = NOON + timedelta(hours=12, minutes=1)
    assert rules.expired(NOON, busy - timedelta(minutes=1), busy)


def test_the_audit_log_keeps_every_event_in_order_without_bumping_the_data(conn):
    from dashboard.store import database

    before = database.data_version(conn)
    audit.record(conn, "anna", "sign_in", "password")
    audit.record(conn, "anna", "download", "tier_1.csv", rows=42)
    events = audit.recent(conn)
    assert events["action"].tolist() == ["download", "sign_in"]
    assert events["rows"].tolist()[0] == 42
    assert audit.recent(conn, action="sign_in")["detail"].tolist() == ["password"]
    assert database.data_version(conn) == before
    with pytest.raises(ValueError):
        audit.record(conn, "anna", "made_up_action")
