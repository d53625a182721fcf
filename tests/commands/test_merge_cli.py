"""`python -m dashboard customers merge|merges|unmerge`: what a scheduled job or an admin sees."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dashboard import cli
from dashboard.access import audit
from dashboard.store import database
from tests.identify.test_customers import ROOT
from tests.identify.test_merge import add_campaigns, fill


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    conn = database.connect(path)
    fill(conn)
    add_campaigns(conn)
    conn.close()
    return path


def run(capsys, *argv) -> tuple[int, dict | list | str, str]:
    code = cli.main(["customers", *argv])
    out = capsys.readouterr()
    return code, json.loads(out.out) if "--json" in argv else out.out, out.err


def test_merge_lists_and_unmerge_in_json(db, capsys):
    code, dry, _ = run(
        capsys, "merge", "--into", "C3", "C10", "--dry-run", "--db", str(db), "--json"
    )
    assert code == 0 and dry["dry_run"] is True and dry["moves"]["transactions"] == 1
    assert [row["customer_id"] for row in dry["per_id"]] == ["C3", "C10"]
    conn = database.connect(db, read_only=True)
    assert conn.execute("SELECT count(*) FROM transactions WHERE customer_id = 'C10'").fetchone()[0]
    conn.close()

    code, done, _ = run(capsys, "merge", "--into", "C3", "C10", "--db", str(db), "--json")
    assert code == 0 and done["merge_id"] == 1
    assert done["moved"] == {
        "transactions": 1,
        "feedback": 0,
        "interactions": 0,
        "campaign_members": 2,
        "customers": 1,
    }
    code, listed, _ = run(capsys, "merges", "--db", str(db), "--json")
    assert code == 0 and len(listed) == 1
    assert listed[0]["into_id"] == "C3" and listed[0]["merged_ids"] == "C10"
    assert listed[0]["actor"].startswith("cli:") and listed[0]["undone_at"] is None

    code, undone, _ = run(capsys, "unmerge", "1", "--db", str(db), "--json")
    assert code == 0 and undone["restored"]["transactions"] == 1
    code, listed, _ = run(capsys, "merges", "--db", str(db), "--json")
    assert listed[0]["undone_at"] is not None
    conn = database.connect(db, read_only=True)
    try:
        assert (
            conn.execute(
                "SELECT sum(revenue) FROM transactions WHERE customer_id = 'C10'"
            ).fetchone()[0]
            == 300.0
        )
        log = audit.recent(conn)
        assert log["action"].tolist()[:2] == ["customer_unmerge", "customer_merge"]
        assert log["detail"].tolist()[1] == "#1 C10 → C3"
    finally:
        conn.close()


def test_refusals_say_what_to_do(db, capsys):
    code, _, err = run(capsys, "merge", "--into", "C3", "NOPE", "--db", str(db))
    assert code == 2 and "No customer has the id 'NOPE'" in err and "nothing was merged" in err
    code, _, err = run(capsys, "unmerge", "4", "--db", str(db))
    assert code == 2 and "No merge has the number 4" in err
    code, printed, _ = run(capsys, "merge", "--into", "C3", "C10", "--db", str(db))
    assert code == 0 and "merge_id: 1" in printed and "transactions: 1" in printed
    assert run(capsys, "unmerge", "1", "--db", str(db))[0] == 0
    code, _, err = run(capsys, "unmerge", "1", "--db", str(db))
    assert code == 2 and "Merge 1 was undone already" in err


def test_the_command_line_runs_merge_as_a_program(db):
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "customers", "merge", "--into", "C2", "C4", "C1",
         "--db", str(db), "--json"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["merged"] == ["C4", "C1"] and result["moved"]["transactions"] == 4
