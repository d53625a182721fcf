"""`python -m dashboard clv` on the CDNOW sample, from its raw file through the importer.

The published figures (../shared/data/README.md): BG/NBD r = 0.243, alpha = 4.414, a = 0.793,
b = 2.426 with log-likelihood -9,582.4 (Fader, Hardie and Lee 2005); Gamma-Gamma p = 6.25,
q = 3.74, gamma = 15.44 on the 946 repeat customers; 1,882 transactions in the 39 holdout weeks.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import cli
from tests.conftest import ROOT

CDNOW = ROOT.parent / "shared" / "data" / "cdnow_sample.txt"


@pytest.fixture(scope="module")
def cdnow_db(tmp_path_factory):
    """The raw CDNOW file imported as it is (its 21 repeated lines are purchases: kept)."""
    if not CDNOW.exists():
        pytest.fail(f"{CDNOW} is missing: the real data lives in ../shared/data")
    path = tmp_path_factory.mktemp("cdnow") / "cdnow.duckdb"
    code = cli.main(["import", str(CDNOW), "--table", "transactions", "--keep-duplicates",
                     "--db", str(path), "--json"])  # fmt: skip
    assert code == 0
    return path


def clv(capsys, *argv) -> tuple[int, dict]:
    capsys.readouterr()
    code = cli.main(["clv", *argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_cdnow_gives_the_published_figures(cdnow_db, capsys):
    code, out = clv(capsys, "--db", str(cdnow_db), "--calibration-end", "1997-09-30",
                    "--holdout-end", "1998-06-30", "--horizon-weeks", "39")  # fmt: skip
    assert code == 0
    assert out["time_unit"] == "week"
    assert out["customers"] == 2357
    fit = out["bgnbd"]
    assert [f"{fit[k]:.3g}" for k in ("r", "alpha", "a", "b")] == ["0.243", "4.41", "0.793", "2.43"]
    assert round(fit["log_likelihood"], 1) == -9582.4
    spend = out["gamma_gamma"]
    assert (round(spend["p"], 2), round(spend["q"], 2), round(spend["gamma"], 2)) == (
        6.25, 3.74, 15.44,
    )  # fmt: skip
    assert spend["customers"] == 946
    holdout = out["holdout"]
    assert holdout["actual"] == 1882
    assert holdout["weeks"] == 39
    assert [row["purchases"] for row in holdout["by_frequency"]][-1] == "7+"
    assert sum(row["actual"] for row in holdout["by_frequency"]) == 1882
    assert out["check"] == {"ok": True, "failures": []}
    totals = out["totals"]["expected_purchases"]
    assert totals["low"] < totals["value"] < totals["high"]
    assert totals["value"] == pytest.approx(holdout["predicted"])  # as of the calibration end
    assert "inverse Hessian" in out["interval"]["method"]


def test_one_row_per_customer_goes_to_a_file(cdnow_db, capsys, tmp_path):
    target = tmp_path / "clv.csv"
    code, out = clv(capsys, "--db", str(cdnow_db), "--out", str(target))
    assert code == 0 and out["file"] == str(target)
    frame = pd.read_csv(target, dtype={"customer_id": str})
    assert len(frame) == 2357 == frame["customer_id"].nunique()
    for column in ("p_alive", "expected_purchases", "predicted_value", "predicted_value_low"):
        assert column in frame.columns
    customer = frame.set_index("customer_id").loc["0001"]  # the sample's first customer
    assert 0 <= customer["p_alive"] <= 1


def test_a_refusal_says_why_and_exits_with_3(cdnow_db, capsys):
    # the first four weeks of the cohort are far too little history
    code, out = clv(capsys, "--db", str(cdnow_db), "--calibration-end", "1997-01-20",
                    "--holdout-end", "1997-03-01")  # fmt: skip
    assert code == 3
    assert out["check"]["ok"] is False
    failure = out["check"]["failures"][0]
    assert failure["condition"] in ("repeaters", "history")
    assert "Import" in failure["message"]
    assert "totals" not in out


def test_a_holdout_end_without_a_calibration_end_is_refused(cdnow_db, capsys):
    assert cli.main(["clv", "--db", str(cdnow_db), "--holdout-end", "1998-01-01"]) == 2
    assert "--holdout-end needs --calibration-end" in capsys.readouterr().err
