"""`python -m dashboard campaign`: create, list, export, measure and delete from a scheduled job."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pandas as pd
import pytest

from dashboard import cli
from dashboard.campaigns import design, response
from dashboard.store import database
from tests.campaigns.test_campaigns import add_customers, add_purchases, at

START = date(2025, 7, 1)


@pytest.fixture
def db(tmp_path):
    """500 customers who bought in the year before the start; 40 buy again in the window."""
    path = tmp_path / "cli.duckdb"
    conn = database.connect(path)
    ids = add_customers(conn, 500)
    add_purchases(
        conn, [(c, at(START - timedelta(days=1 + i % 300)), 10.0 + i) for i, c in enumerate(ids)]
    )
    add_purchases(conn, [(c, at(START + timedelta(days=3)), 50.0) for c in ids[::12][:40]])
    add_purchases(conn, [(ids[1], at(START + timedelta(days=60)), 20.0)])  # the data go on
    conn.close()
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(["campaign", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def create(capsys, db, *argv) -> dict:
    code, out, err = run(capsys, "create", *argv, "--db", str(db), "--json")
    assert code == 0, err
    return json.loads(out)


def test_create_from_a_tier_list_and_measure_as_json(db, capsys):
    made = create(
        capsys, db, "--tier", "4", "--name", "Coupon", "--start", "2025-07-01",
        "--window", "14", "--control", "0.2", "--seed", "5", "--cost-per-contact", "0.5",
    )  # fmt: skip
    assert made["name"] == "Coupon" and made["tier"] == "4" and made["seed"] == 5
    assert made["start_date"] == "2025-07-01" and made["end_date"] == "2025-07-14"
    # tier 4: the 65% below the top 35% of 500 buyers; a fifth of them held out
    assert made["target_customers"] + made["control_customers"] == 325
    assert made["control_customers"] == 65
    code, out, _ = run(capsys, "list", "--db", str(db), "--json")
    assert code == 0
    assert [(c["campaign_id"], c["name"]) for c in json.loads(out)] == [(1, "Coupon")]
    code, out, _ = run(capsys, "measure", "1", "--db", str(db), "--json", "--curve")
    assert code == 0
    result = json.loads(out)
    conn = database.connect(db)
    expected = response.measure_campaign(conn, 1)
    conn.close()
    for grp in ("target", "control"):
        assert result["groups"][grp]["responders"] == expected["groups"][grp]["responders"]
    assert result["uplift"] == pytest.approx(expected["uplift"])
    assert result["roi"] == pytest.approx(expected["roi"])
    assert result["status"] == "complete" and result["days_covered"] == 14
    assert len(result["curve"]) == 28 and result["curve"][0]["date"] == "2025-07-01"


def test_export_writes_the_target_group_as_csv_and_excel(db, capsys, tmp_path):
    made = create(capsys, db, "--tier", "4", "--start", "2025-07-01")
    for name in ("target.csv", "target.xlsx"):
        out_file = tmp_path / name
        code, out, err = run(
            capsys, "export", "1", "--out", str(out_file), "--db", str(db), "--json"
        )
        assert code == 0, err
        assert json.loads(out)["customers"] == made["target_customers"]
        if name.endswith(".csv"):
            frame = pd.read_csv(out_file, encoding="utf-8-sig")
        else:
            frame = pd.read_excel(out_file, engine="calamine")
        assert len(frame) == made["target_customers"]
        assert list(frame.columns) == ["customer_id", "name", "email", "phone", "country", "tier"]
    conn = database.connect(db)
    control = set(design.campaign_members(conn, 1).query("grp == 'control'")["customer_id"])
    conn.close()
    assert control and control.isdisjoint(frame["customer_id"])


def test_delete_removes_the_campaign(db, capsys):
    create(capsys, db, "--tier", "4", "--start", "2025-07-01")
    code, out, _ = run(capsys, "delete", "1", "--db", str(db), "--json")
    assert code == 0 and json.loads(out) == {"deleted": 1, "name": "Tier 4, 2025-07-01"}
    code, out, _ = run(capsys, "list", "--db", str(db), "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["create", "--tier", "4", "--control", "0.7"], "control share must be above 0%"),
        (["create", "--tier", "1", "--start", "2020-01-01"], "The audience is empty"),
        (["create", "--pick", "3"], "There is no kept pick 3"),
        (["measure", "42"], "There is no campaign 42"),
        (["export", "42", "--out", "x.csv"], "There is no campaign 42"),
    ],
)
def test_bad_input_exits_non_zero_with_the_message(db, capsys, argv, message):
    code, out, err = run(capsys, *argv, "--db", str(db))
    assert code == 2 and message in err and out == ""
    conn = database.connect(db)
    assert design.list_campaigns(conn).empty
    conn.close()


def test_the_command_line_process_reports_errors_on_stderr(db, tmp_path):
    def command(*argv):
        return subprocess.run(
            [sys.executable, "-m", "dashboard", "campaign", *argv, "--db", str(db)],
            capture_output=True,
            text=True,
            check=False,
            cwd=database.PROJECT_ROOT,
        )

    made = command("create", "--tier", "4", "--start", "2025-07-01", "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["campaign_id"] == 1
    wrong_file = command("export", "1", "--out", str(tmp_path / "target.txt"))
    assert wrong_file.returncode == 2
    assert "name the output file .csv or .xlsx" in wrong_file.stderr
    both = command("create", "--tier", "4", "--pick", "1")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    neither = command("create")
    assert (
        neither.returncode == 2
        and "one of the arguments --pick --tier --at-risk --wallet is required" in (neither.stderr)
    )
    assert "Traceback" not in wrong_file.stderr + both.stderr + neither.stderr


def test_a_win_back_campaign_goes_to_the_valuable_customers_at_risk(demo_db_file, capsys, tmp_path):
    import shutil

    from dashboard.future import model
    from dashboard.store.filters import Filters

    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, path)
    conn = database.connect(path, read_only=True)
    last = conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]
    start = last - timedelta(days=60)
    expected = model.at_risk(model.forecast(conn, Filters(None, start - timedelta(days=1))))
    conn.close()
    made = create(capsys, path, "--at-risk", "--start", start.isoformat())
    assert made["source"] == "at_risk"
    assert made["target_customers"] + made["control_customers"] == len(expected) > 0


def test_a_win_back_campaign_on_too_little_data_says_why(db, capsys):
    code, _, err = run(capsys, "create", "--at-risk", "--db", str(db))
    assert code == 2
    assert "cannot be trusted" in err and "repeat buyers" in err
