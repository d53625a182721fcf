"""A scheduled command and a running dashboard take turns with the one database file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading

import pytest

from dashboard.store import database, file_lock
from dashboard.store.filters import Filters
from dashboard.store.shared_connection import SharedConnection
from dashboard.value import cache
from tests.conftest import ROOT

NEW_ORDERS = (
    "customer_id,order_id,ordered_at,revenue\r\n"
    "NIGHTLY-1,N-1,2026-01-05,1200.50\r\n"
    "NIGHTLY-2,N-2,2026-01-06,80\r\n"
)


def cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m dashboard ...` in a process of its own, as a scheduled job runs it."""
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def app_like(demo_db_file, tmp_path):
    """The dashboard's connection to a copy of the demo database, as a running app holds it."""
    path = tmp_path / "app.duckdb"
    shutil.copy(demo_db_file, path)
    shared = SharedConnection(str(path), idle_grace=0.2, poll=0.05)
    shared.get()
    yield shared
    shared.shutdown()


def count_nightly(conn) -> int:
    return conn.execute(
        "SELECT count(*) FROM transactions WHERE customer_id LIKE 'NIGHTLY-%'"
    ).fetchone()[0]


def test_a_scheduled_import_runs_while_the_dashboard_is_open_and_the_dashboard_sees_it(
    app_like, tmp_path
):
    conn = app_like.get()
    version = database.data_version(conn)
    cache.source(conn, Filters())  # a page filled the value cache
    orders = tmp_path / "nightly.csv"
    orders.write_text(NEW_ORDERS, encoding="utf-8")

    done = cli("import", str(orders), "--table", "transactions", "--db", app_like.path, "--json")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows_imported"] == 2
    assert not app_like.is_open  # the dashboard let go of the file while nobody used it
    assert not file_lock.request_path(app_like.path).exists()  # the command withdrew its request
    conn = app_like.get()  # the next page view opens it again
    assert app_like.opened == 2
    assert count_nightly(conn) == 2
    assert database.data_version(conn) == version + 1
    sql, _ = cache.source(conn, Filters())  # the cache is built afresh on the new data
    assert sql.startswith("SELECT * FROM value_cache.")


def test_a_command_waits_for_a_page_at_work_then_says_who_holds_the_file(app_like, tmp_path):
    app_like.enter()  # a page is working: the dashboard must not let go halfway
    try:
        orders = tmp_path / "nightly.csv"
        orders.write_text(NEW_ORDERS, encoding="utf-8")
        refused = cli(
            "import", str(orders), "--table", "transactions", "--db", app_like.path, "--wait", "1"
        )
        assert refused.returncode == 2
        message = refused.stderr
        assert app_like.path in message
        assert f"PID {os.getpid()}" in message
        assert "--wait SECONDS" in message
        assert "Traceback" not in message
        assert app_like.is_open
        assert count_nightly(app_like.get()) == 0  # nothing was imported
    finally:
        app_like.exit()


def test_the_dashboard_waits_for_a_command_at_work_then_opens_the_file(app_like):
    app_like.close()
    started = threading.Event()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from dashboard.store import database, file_lock
                conn = database.connect({app_like.path!r})
                file_lock.request_release({app_like.path!r})  # as a command at work keeps it
                conn.execute("CREATE TABLE held_by_command AS SELECT 42 AS answer")
                print("holding", flush=True)
                sys.stdin.readline()
                conn.close()
                file_lock.withdraw()
                """
            ),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        opened = {}

        def page_view():
            started.set()
            opened["answer"] = app_like.get().execute("FROM held_by_command").fetchone()[0]

        viewer = threading.Thread(target=page_view)
        viewer.start()
        started.wait()
        assert app_like.another_program_has_it()
        holder.stdin.write("done\n")
        holder.stdin.flush()
        viewer.join(timeout=300)
        assert opened == {"answer": 42}  # it waited and then read what the command wrote
    finally:
        holder.kill()
        holder.wait()


def test_a_request_left_by_a_killed_command_is_ignored(tmp_path):
    path = tmp_path / "x.duckdb"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    file_lock.request_path(path).write_text(f"{dead.pid}\n", encoding="utf-8")
    assert not file_lock.release_requested(path)
    file_lock.request_path(path).write_text(f"{os.getppid()}\n", encoding="utf-8")
    assert file_lock.release_requested(path)  # a living process's request counts


def test_without_wait_a_command_fails_at_once_and_says_how_to_wait(app_like):
    app_like.enter()
    try:
        refused = cli("summary", "--db", app_like.path, "--json", "--wait", "0")
    finally:
        app_like.exit()
    assert refused.returncode == 2
    assert "is in use by another program" in refused.stderr
    assert "Wait for it with --wait SECONDS, or use another file with --db." in refused.stderr
