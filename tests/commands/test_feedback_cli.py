"""`python -m dashboard feedback`: the JSON a scheduled job reads."""

from __future__ import annotations

import json

import pytest

from dashboard import cli
from tests.feedback.test_feedback_data import build_db


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "cli.duckdb"
    build_db(path).close()
    return path


def _run(capsys, *args):
    code = cli.main(["feedback", "--db", str(args[0]), *args[1:]])
    out = capsys.readouterr()
    return code, out


def test_feedback_json_has_trend_iceberg_nps_and_ladder(db_path, capsys):
    code, out = _run(capsys, db_path, "--json")
    assert code == 0
    result = json.loads(out.out)
    march_complaints = next(
        r for r in result["trend"] if r["period"] == "2024-03" and r["kind"] == "complaint"
    )
    assert march_complaints == {
        "period": "2024-03",
        "kind": "complaint",
        "count": 2,
        "per_1000_active": 500.0,
    }
    assert result["iceberg"][-1] == {
        "period": "2024-03",
        "complaints": 2,
        "complaining_customers": 2,
        "estimated_dissatisfied": 5,  # 2 / 4% = 50, but the shop has only 5 customers
        "capped": True,
    }
    assert result["iceberg_total"]["estimated_dissatisfied"] <= result["iceberg_total"]["customers"]
    assert [r["nps"] for r in result["nps"]] == [0.0, 50.0, 100.0]
    assert result["ladder"] == {
        "prospect": 1,
        "one_time": 3,
        "satisfied": 0,
        "devoted": 1,
        "partner": 1,
    }


def test_weekly_periods_and_a_custom_complaint_share(db_path, capsys):
    code, out = _run(capsys, db_path, "--json", "--freq", "week", "--complaint-share", "0.5")
    result = json.loads(out.out)
    assert code == 0
    assert result["iceberg"][0]["period"] == "2024-01-08"  # the Monday of 11 January
    assert sum(r["estimated_dissatisfied"] for r in result["iceberg"]) == 8


def test_a_bad_share_is_a_message_not_a_traceback(db_path, capsys):
    code, out = _run(capsys, db_path, "--complaint-share", "4")
    assert code == 2
    assert "share who complain" in out.err and "Traceback" not in out.err


def test_a_bad_date_is_refused_by_the_parser(db_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _run(capsys, db_path, "--from", "March")
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_feedback_covers_the_apps_period_and_says_it(db_path, capsys):
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as conn:
        first, last = conn.execute(
            "SELECT CAST(min(ordered_at) AS DATE), CAST(max(ordered_at) AS DATE) FROM transactions"
        ).fetchone()
    code, out = _run(capsys, db_path, "--json")
    assert code == 0
    assert json.loads(out.out)["period"] == {"from": first.isoformat(), "to": last.isoformat()}
    code, out = _run(capsys, db_path, "--json", "--from", "2024-03-01", "--to", "2024-03-31")
    result = json.loads(out.out)
    assert result["period"] == {"from": "2024-03-01", "to": "2024-03-31"}
    assert {r["period"] for r in result["iceberg"]} == {"2024-03"}


def test_feedback_without_transactions_still_reports_the_feedback(tmp_path, capsys):
    path = tmp_path / "only_feedback.duckdb"
    conn = build_db(path)
    conn.execute("DELETE FROM transactions")
    conn.close()
    code, out = _run(capsys, path, "--json")
    assert code == 0, out.err
    result = json.loads(out.out)
    assert result["period"] == {"from": None, "to": None}  # no purchases to take a period from
    assert sum(r["count"] for r in result["trend"]) > 0
