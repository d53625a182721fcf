"""`python -m dashboard tiers`: JSON a scheduled job can read, and errors a person can act on."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import cli
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import pyramid
from dashboard.value.cost_model import CostModel, save_cost_model


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    conn = database.connect(path)
    tx = pd.DataFrame(  # noqa: F841 - read by DuckDB
        {  # noqa: F841 - read by DuckDB
            "customer_id": [f"c{i % 150:03d}" for i in range(900)],
            "order_id": [f"o{i}" for i in range(900)],
            "ordered_at": pd.date_range("2023-01-01", periods=900, freq="D"),
            "revenue": [float((i * 37) % 500) for i in range(900)],
        }
    )
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) SELECT * FROM tx"
    )
    save_cost_model(conn, CostModel(marketing_per_customer=50))
    conn.close()
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(["tiers", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_tiers_json_matches_the_library(db, capsys):
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "--json",
        "--by",
        "profit",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
    )
    assert code == 0
    result = json.loads(out)
    assert [t["tier"] for t in result["tiers"]] == ["1", "2", "3", "4"]
    for key in ("share_customers", "share_revenue", "share_cost", "share_profit"):
        assert sum(t[key] for t in result["tiers"]) == pytest.approx(1)
    conn = database.connect(db)
    shares = pyramid.tier_shares(
        conn,
        Filters(pd.Timestamp("2024-01-01").date(), pd.Timestamp("2024-12-31").date()),
        by="profit",
        cost_model=CostModel(marketing_per_customer=50),
    )
    assert [t["customers"] for t in result["tiers"]] == shares.customers.iloc[:4].tolist()
    assert result["tiers"][0]["profit"] == pytest.approx(shares.profit.iloc[0])
    assert result["inactive"] == int(shares.customers.iloc[4])
    assert result["whale"]["customers"] == sum(t["customers"] for t in result["tiers"])
    assert result["whale"]["peak_share_profit"] >= 1


def test_tiers_custom_rule(db, capsys):
    code, out, _ = run(capsys, "--db", str(db), "--json", "--cuts", "0.1,0.2,0.5")
    sizes = [t["customers"] for t in json.loads(out)["tiers"]]
    assert code == 0 and sizes == [15, 15, 45, 75]


def test_tiers_bad_input_is_a_message(db, capsys):
    code, _, err = run(capsys, "--db", str(db), "--from", "2024-05-01", "--to", "2024-01-01")
    assert code == 2 and "swap" in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", str(db), "--cuts", "0.5,0.2,0.9")
    assert code == 2 and "grow" in err
