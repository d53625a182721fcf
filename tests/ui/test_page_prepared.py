"""The Clusters and Future value pages on data the prepare step made ready: they show the run
and the forecast it kept, say so in the reader's language, and show what they would have
computed themselves."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.clustering import runs
from dashboard.commands import prepare
from dashboard.future import cache as future_cache
from dashboard.store import database
from dashboard.text_safety import plain_text

ENTRY = str(database.PROJECT_ROOT / "streamlit_app.py")


def open_page(page: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=300)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest, kind: str) -> str:
    return " ".join(plain_text(str(e.value)) for e in getattr(at, kind))


def at_risk_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Probability alive" in d.value.columns)


@pytest.fixture
def prepared_app(app_db, demo_db_file):
    """The app on the demo after the prepare step's first views (the first clustering run and
    the default forecast made and kept)."""
    shutil.copy(demo_db_file, app_db)
    conn = database.connect(app_db)
    made = prepare.first_views(conn)
    conn.close()
    future_cache.forget()
    assert made["clusters"]["made"] and made["future"]["made"], made
    yield app_db
    future_cache.forget()


def fresh_app(path, demo_db_file, monkeypatch):
    """Another copy of the demo, nothing prepared, for the app to compute on its own."""
    shutil.copy(demo_db_file, path)
    monkeypatch.setenv(database.DB_ENV_VAR, str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    future_cache.forget()


def test_the_clusters_page_shows_the_prepared_run_as_its_own_first_run(
    prepared_app, demo_db_file, tmp_path, monkeypatch
):
    at = open_page("clusters")
    assert "A first clustering with the recommended settings" not in texts(at, "info")
    assert "Saved as run" not in texts(at, "success")  # nothing fitted on this view
    assert "Fitted when the data were imported (" in texts(at, "caption")
    options = at.selectbox(key="clusters_open_run").options
    assert len(options) == 1 and "First run (recommended settings)" in options[0]
    ru = open_page("clusters", "ru")
    assert "Рассчитано при загрузке данных (" in texts(ru, "caption")
    conn = database.connect(prepared_app)
    prepared = runs.load_run(conn, 1)
    prepared_rows = conn.execute(
        "SELECT customer_id, cluster FROM segment_assignments WHERE run_id = 1 ORDER BY 1"
    ).df()
    conn.close()
    # the page's own first run on the same data (nothing prepared) is the same clustering
    own_path = tmp_path / "own.duckdb"
    fresh_app(own_path, demo_db_file, monkeypatch)
    own_at = open_page("clusters")
    assert "A first clustering with the recommended settings" in texts(own_at, "info")
    assert "Fitted when the data were imported" not in texts(own_at, "caption")
    conn = database.connect(own_path)
    own = runs.load_run(conn, 1)
    own_rows = conn.execute(
        "SELECT customer_id, cluster FROM segment_assignments WHERE run_id = 1 ORDER BY 1"
    ).df()
    conn.close()
    assert (prepared["k"], prepared["features"]) == (own["k"], own["features"])
    assert prepared["filters"] == own["filters"]
    pd.testing.assert_frame_equal(prepared["profile"], own["profile"])
    pd.testing.assert_frame_equal(prepared_rows, own_rows)
    assert prepared["summary"]["rules"] == own["summary"]["rules"]


def test_the_future_page_shows_the_kept_forecast_as_it_computes_it(
    prepared_app, demo_db_file, tmp_path, monkeypatch
):
    at = open_page("future")
    assert not at.error, [e.value for e in at.error]
    shown = texts(at, "caption")
    assert "Fitted when the data were imported (" in shown
    ru = open_page("future", "ru")
    assert "Модели построены при загрузке данных (" in texts(ru, "caption")
    table = at_risk_table(at)
    # the same page computing the forecast itself
    fresh_app(tmp_path / "own.duckdb", demo_db_file, monkeypatch)
    own = open_page("future")
    assert "Fitted when the data were imported" not in texts(own, "caption")
    own_table = at_risk_table(own)
    assert len(table) == len(own_table) > 0
    assert table.iloc[:, 0].tolist() == own_table.iloc[:, 0].tolist()  # the same customers
    pd.testing.assert_frame_equal(table, own_table, rtol=1e-6)
    # every sentence with a figure but the one that says where the forecast came from
    assert [t for t in shown.split(". ") if "imported" not in t] == [
        t for t in texts(own, "caption").split(". ") if "imported" not in t
    ]
    assert texts(at, "markdown") == texts(own, "markdown")  # the holdout sentence, the model
