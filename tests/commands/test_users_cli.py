"""`python -m dashboard users ...` and `audit`: the first administrator, roles, the audit log."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from dashboard import cli
from dashboard.access import accounts
from dashboard.store import database
from tests.conftest import ROOT

PASSWORD = "a long enough passphrase"


def run(capsys, monkeypatch, *argv, stdin: str = ""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main([*argv, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else None), err


def test_the_first_administrator_is_made_by_a_command_with_a_piped_password(tmp_path):
    db = tmp_path / "app.duckdb"
    made = subprocess.run(
        [sys.executable, "-m", "dashboard", "users", "add", "boss", "--role", "admin",
         "--password-stdin", "--db", str(db), "--json"],
        input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    listed = json.loads(made.stdout)["accounts"]
    assert [(a["username"], a["role"], a["kind"]) for a in listed] == [("boss", "admin", "local")]
    assert PASSWORD not in made.stdout
    conn = database.connect(db)
    try:
        assert accounts.authenticate(conn, "boss", PASSWORD).role == "admin"
    finally:
        conn.close()


def test_no_password_no_account(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "app.duckdb")
    code, _, err = run(capsys, monkeypatch, "users", "add", "boss", "--role", "admin",
                       "--password-stdin", "--db", db)  # fmt: skip
    assert code == 2 and "No password given" in err
    code, _, err = run(capsys, monkeypatch, "users", "add", "boss", "--role", "admin",
                       "--password-stdin", "--db", db, stdin="short\n")  # fmt: skip
    assert code == 2 and "at least 12 characters" in err
    conn = database.connect(db)
    try:
        assert accounts.list_accounts(conn).empty
    finally:
        conn.close()


def test_roles_change_and_every_change_is_in_the_audit_log(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "app.duckdb")
    for name, role in (("boss", "admin"), ("anna", "viewer")):
        code, _, err = run(capsys, monkeypatch, "users", "add", name, "--role", role,
                           "--password-stdin", "--db", db, stdin=PASSWORD + "\n")  # fmt: skip
        assert code == 0, err
    code, result, _ = run(capsys, monkeypatch, "users", "role", "anna", "analyst", "--db", db)
    assert {a["username"]: a["role"] for a in result["accounts"]} == {
        "anna": "analyst",
        "boss": "admin",
    }
    code, _, err = run(capsys, monkeypatch, "users", "remove", "boss", "--db", db)
    assert code == 2 and "last enabled administrator" in err
    code, _, _ = run(capsys, monkeypatch, "users", "disable", "anna", "--db", db)
    code, result, _ = run(capsys, monkeypatch, "audit", "--db", db)
    events = [(e["action"], e["detail"]) for e in result["events"]]
    assert events == [
        ("account_change", "anna: disabled"),
        ("account_change", "anna: role analyst"),
        ("account_create", "anna (viewer)"),
        ("account_create", "boss (admin)"),
    ]
    assert all(e["actor"].startswith("cli:") for e in result["events"])


def test_imports_demo_and_exports_from_the_command_line_are_audited(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "app.duckdb")
    code, _, err = run(capsys, monkeypatch, "demo", "--customers", "300", "--db", db)
    assert code == 0, err
    out = tmp_path / "tier1.csv"
    code, exported, err = run(capsys, monkeypatch, "export", "tier", "1", "--out", str(out),
                              "--db", db)  # fmt: skip
    assert code == 0, err
    code, result, _ = run(capsys, monkeypatch, "audit", "--db", db)
    latest = result["events"][0]
    assert (latest["action"], latest["detail"], latest["rows"]) == (
        "export",
        str(out.resolve()),
        exported["customers"],
    )
    assert result["events"][1]["action"] == "demo_load"
