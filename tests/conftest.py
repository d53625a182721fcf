"""Shared fixtures: fresh DuckDB files, a small demo database, the real Online Retail II data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from dashboard.store import database

# AppTests run the app as `make run` serves it: on this machine only, where sign-in is off
# (tests/ui/test_sign_in.py serves it on other addresses).
streamlit_config.set_option("server.address", "127.0.0.1")

ROOT = Path(__file__).resolve().parent.parent
ONLINE_RETAIL = ROOT.parent / "shared" / "data" / "online_retail_ii.parquet"
#: Small enough to build in seconds, big enough for every chart to have data.
TEST_DEMO_CUSTOMERS = 2000


@pytest.fixture
def conn(tmp_path):
    """An empty dashboard database in a fresh file."""
    connection = database.connect(tmp_path / "test.duckdb")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """A database file holding the demo data (built once per test session; copy before writing)."""
    from dashboard.demo import generator

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    connection = database.connect(path)
    generator.load_demo(connection, customers=TEST_DEMO_CUSTOMERS, seed=7)
    connection.close()
    return path


@pytest.fixture
def demo_conn(demo_db_file, tmp_path):
    """A writable copy of the demo database."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, path)
    connection = database.connect(path)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def online_retail_path() -> Path:
    """The real Online Retail II file (shared, read-only)."""
    if not ONLINE_RETAIL.exists():
        pytest.fail(f"{ONLINE_RETAIL} is missing: the real data lives in ../shared/data")
    return ONLINE_RETAIL


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """Point the app (AppTest) at a fresh database that loads a small demo on first run.

    Streamlit's caches are process-wide, so they are cleared before and after.
    """
    import streamlit as st

    from dashboard.ui.state import DEMO_CUSTOMERS_ENV

    path = tmp_path / "app.duckdb"
    monkeypatch.setenv(database.DB_ENV_VAR, str(path))
    monkeypatch.setenv(DEMO_CUSTOMERS_ENV, str(TEST_DEMO_CUSTOMERS))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def app_db_with_file(app_db: Path, tmp_path: Path, csv_text: str, table: str = "transactions"):
    """Fill the app's database with one CSV file (no demo, since the database is no longer empty);
    returns the import's result."""
    from dashboard import importer

    path = tmp_path / f"{table}.csv"
    path.write_text(csv_text, encoding="utf-8")
    conn = database.connect(app_db)
    try:
        return importer.import_file(conn, path, table)
    finally:
        conn.close()
