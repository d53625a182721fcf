"""Removing the demo: a user who imported their own data keeps it, and only it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from dashboard import importer
from dashboard.campaigns import design
from dashboard.demo import generator, removal
from dashboard.store import database

#: 30 customers of the user's own shop, two orders each in 2025 (60 lines, 30 customers).
USER_IDS = [f"U{i:02d}" for i in range(1, 31)]
#: Their revenue: 10i + 0.50 and i + 0.25 for customer i.
USER_REVENUE = sum(10 * i + 0.5 + i + 0.25 for i in range(1, 31))


def orders_csv(path):
    """A small real CSV of the user's orders, with a country column (so customers are added)."""
    lines = ["Invoice,Customer ID,InvoiceDate,Revenue,Country"]
    for i, customer in enumerate(USER_IDS, start=1):
        lines.append(f"A{i}a,{customer},2025-0{i % 9 + 1}-05,{10 * i}.50,France")
        lines.append(f"A{i}b,{customer},2025-1{i % 3}-15,{i}.25,Spain")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def contacts_csv(path):
    """Three service contacts of the user's customers."""
    path.write_text(
        "customer_id,occurred_at,channel,kind,cost\n"
        "U01,2025-03-01,phone,support_call,4.5\n"
        "U02,2025-04-01,e-mail,email,1\n"
        "U03,2025-05-01,chat,chat,2\n",
        encoding="utf-8",
    )
    return path


def import_own_data(conn, tmp_path) -> None:
    """What the reviewer did: the user's transactions with "Replace the table", then contacts."""
    importer.import_file(conn, orders_csv(tmp_path / "orders.csv"), "transactions", mode="replace")
    importer.import_file(conn, contacts_csv(tmp_path / "contacts.csv"), "interactions")


def rows(conn, sql: str, params=None) -> list[tuple]:
    return conn.execute(sql, params or []).fetchall()


def snapshot(conn) -> tuple:
    """Everything a user could look at: rows, the version, the log, campaigns and members."""
    return (
        database.table_counts(conn),
        database.data_version(conn),
        rows(conn, "SELECT * FROM import_log ORDER BY import_id"),
        rows(conn, "SELECT * FROM campaigns ORDER BY campaign_id"),
        rows(conn, "SELECT * FROM campaign_members ORDER BY campaign_id, customer_id"),
        rows(conn, "SELECT customer_id, name, import_id FROM customers ORDER BY customer_id"),
    )


def test_removing_the_demo_leaves_exactly_the_imported_rows(demo_conn, tmp_path):
    demo_counts = database.table_counts(demo_conn)
    import_own_data(demo_conn, tmp_path)
    # The reviewer's symptom: the demo's customers, feedback and contacts stay beside the import.
    assert database.table_counts(demo_conn) == {
        "transactions": 60,
        "customers": demo_counts["customers"] + 30,
        "feedback": demo_counts["feedback"],
        "interactions": demo_counts["interactions"] + 3,
    }
    left = removal.demo_rows(demo_conn)
    assert left == {
        "transactions": 0,
        "customers": demo_counts["customers"],
        "feedback": demo_counts["feedback"],
        "interactions": demo_counts["interactions"],
        "campaigns": 1,
    }
    assert removal.demo_status(demo_conn)["mixed"]
    version = database.data_version(demo_conn)

    removed = removal.remove_demo(demo_conn)

    assert removed == left
    assert database.table_counts(demo_conn) == {
        "transactions": 60,
        "customers": 30,
        "feedback": 0,
        "interactions": 3,
    }
    assert [r[0] for r in rows(demo_conn, "SELECT customer_id FROM customers ORDER BY 1")] == (
        USER_IDS
    )
    assert rows(demo_conn, "SELECT round(sum(revenue), 2) FROM transactions") == [(USER_REVENUE,)]
    assert rows(demo_conn, "SELECT count(*) FROM campaigns") == [(0,)]
    assert rows(demo_conn, "SELECT count(*) FROM campaign_members") == [(0,)]
    assert database.data_version(demo_conn) == version + 1
    assert removal.demo_rows(demo_conn) == dict.fromkeys(removal.DEMO_PARTS, 0)
    assert not removal.demo_status(demo_conn)["mixed"]
    # The log keeps its history; the sidebar's last import is still the user's file.
    modes = rows(demo_conn, "SELECT mode, file_name FROM import_log ORDER BY import_id")
    assert [m for m, _ in modes] == ["demo", "replace", "append"]
    assert database.summary(demo_conn)["last_import"]["file"] == "contacts.csv"
    assert database.summary(demo_conn)["customers"] == 30
    assert list(removal.demo_rows_left(demo_conn).values()) == [0]


def test_a_database_without_demo_data_is_left_unchanged(conn, tmp_path):
    import_own_data(conn, tmp_path)
    before = snapshot(conn)
    assert removal.remove_demo(conn) == dict.fromkeys(removal.DEMO_PARTS, 0)
    assert snapshot(conn) == before
    assert not removal.demo_status(conn)["mixed"]


def test_removing_twice_removes_nothing_the_second_time(demo_conn, tmp_path):
    import_own_data(demo_conn, tmp_path)
    removal.remove_demo(demo_conn)
    before = snapshot(demo_conn)
    assert removal.remove_demo(demo_conn) == dict.fromkeys(removal.DEMO_PARTS, 0)
    assert snapshot(demo_conn) == before


def test_an_older_demo_campaign_is_found_and_the_users_lookalike_stays(demo_conn, tmp_path):
    import_own_data(demo_conn, tmp_path)
    # The user copies the demo campaign's settings exactly, for their own customers.
    settings = ("name", "tier", "control_share", "window_days", "cost_per_contact", "channel")
    own = design.create_campaign(
        demo_conn,
        start=date(2026, 1, 1),
        offer=generator.DEMO_CAMPAIGN["offer"],
        **{key: generator.DEMO_CAMPAIGN[key] for key in settings},
    )
    own_members = rows(demo_conn, "SELECT * FROM campaign_members WHERE campaign_id = ?", [own])
    assert {r[1] for r in own_members} <= set(USER_IDS)
    # A database whose demo was loaded before the log recorded the demo's campaign.
    demo_conn.execute("UPDATE import_log SET mapping = NULL WHERE mode = 'demo'")
    (demo_campaign,) = removal.demo_campaigns(demo_conn)
    assert demo_campaign != own

    assert removal.remove_demo(demo_conn)["campaigns"] == 1

    assert rows(demo_conn, "SELECT campaign_id FROM campaigns") == [(own,)]
    assert rows(demo_conn, "SELECT * FROM campaign_members") == own_members


def test_the_demo_is_mixed_only_beside_other_data(demo_conn, conn, tmp_path):
    only_demo = removal.demo_status(demo_conn)
    assert not only_demo["mixed"] and only_demo["demo"]["customers"] > 0
    assert sum(only_demo["other"].values()) == 0

    import_own_data(conn, tmp_path)
    only_own = removal.demo_status(conn)
    assert not only_own["mixed"] and only_own["other"]["transactions"] == 60
    assert sum(only_own["demo"].values()) == 0

    importer.import_file(demo_conn, contacts_csv(tmp_path / "contacts.csv"), "interactions")
    assert removal.demo_status(demo_conn)["mixed"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def mixed_db(demo_conn, tmp_path):
    """The path of a database holding the demo and the user's own data (closed for commands)."""
    import_own_data(demo_conn, tmp_path)
    expected = removal.demo_rows(demo_conn)
    demo_conn.close()
    return str(tmp_path / "demo.duckdb"), expected  # the file of the demo_conn fixture


def test_the_command_removes_the_demo_and_says_what_it_removed(mixed_db):
    path, expected = mixed_db
    done = run_cli("demo", "--remove", "--db", path, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["removed"] == expected
    assert result["rows_left"] == {
        "transactions": 60,
        "customers": 30,
        "feedback": 0,
        "interactions": 3,
    }
    assert result["message"].startswith(f"Removed the demo data: {expected['customers']:,} cu")
    assert "1 campaign." in result["message"]

    again = run_cli("demo", "--remove", "--db", path)
    assert again.returncode == 0, again.stderr
    assert "There is no demo data to remove: nothing was changed." in again.stdout
    summary = json.loads(run_cli("summary", "--db", path, "--json").stdout)
    assert summary["rows"] == result["rows_left"]


def test_the_command_refuses_load_options_with_remove(mixed_db):
    path, expected = mixed_db
    done = run_cli("demo", "--remove", "--seed", "3", "--db", path)
    assert done.returncode == 2
    assert "--remove takes no --seed" in done.stderr
    summary = json.loads(run_cli("summary", "--db", path, "--json").stdout)
    assert summary["rows"]["customers"] == expected["customers"] + 30


def test_an_older_demo_campaign_is_found_after_every_demo_customer_was_replaced(
    demo_conn, tmp_path
):
    import_own_data(demo_conn, tmp_path)
    people = tmp_path / "people.csv"
    people.write_text("customer_id,name\nU01,Ann Lee\nU02,Bob Stone\n", encoding="utf-8")
    importer.import_file(demo_conn, people, "customers", mode="replace")
    demo_conn.execute("UPDATE import_log SET mapping = NULL WHERE mode = 'demo'")
    assert removal.demo_rows(demo_conn)["customers"] == 0
    assert removal.demo_rows(demo_conn)["campaigns"] == 1
    assert removal.remove_demo(demo_conn)["campaigns"] == 1
    assert rows(demo_conn, "SELECT count(*) FROM campaigns") == [(0,)]
    assert rows(demo_conn, "SELECT customer_id FROM customers ORDER BY 1") == [("U01",), ("U02",)]


def test_the_command_on_a_demo_only_database_says_it_is_now_empty(demo_conn, tmp_path):
    demo_conn.close()
    path = str(tmp_path / "demo.duckdb")
    done = run_cli("demo", "--remove", "--db", path, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["rows_removed"] > 0 and result["rows_left"] == dict.fromkeys(
        ("transactions", "customers", "feedback", "interactions"), 0
    )
    assert "The database is now empty" in result["message"]
