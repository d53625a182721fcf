"""The forecast on real DuckDB files: what it predicts, what it refuses and why."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from dashboard.errors import AnalysisError
from dashboard.future import cache, model
from dashboard.future.model import Settings
from dashboard.store.filters import Filters

START = date(2024, 1, 1)


def shop(
    conn,
    customers: int,
    weeks: int,
    *,
    r=0.6,
    alpha=5.0,
    a=0.8,
    b=3.0,
    seed=5,
    regular: float | None = None,
    boom_after: int | None = None,
    cohort_weeks: int = 12,
):
    """A shop whose customers follow BG/NBD from a first purchase in the first ``cohort_weeks``.

    ``regular``: every customer buys every ``regular`` weeks and never leaves (no heterogeneity).
    ``boom_after``: from that week on, everyone alive buys three times as often.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(customers):
        first = rng.uniform(0, cohort_weeks)
        rate, p = rng.gamma(r, 1 / alpha), rng.beta(a, b)
        spend = rng.gamma(4, 15)
        t, times = first, [first]
        while regular is None:
            if rng.random() < p:
                break
            speed = 3 if boom_after is not None and t >= boom_after else 1
            t += rng.exponential(1 / (rate * speed))
            if t > weeks:
                break
            times.append(t)
        if regular is not None:
            times = list(np.arange(first, weeks, regular))
        for when in times:
            day = START + timedelta(days=int(when * 7))
            rows.append((f"C{i:05d}", day, round(float(rng.gamma(8, spend / 8)), 2)))
    frame = pd.DataFrame(rows, columns=["customer_id", "ordered_at", "revenue"])
    frame["ordered_at"] = pd.to_datetime(frame["ordered_at"])
    conn.execute(
        "INSERT INTO transactions (customer_id, ordered_at, revenue, quantity) "
        "SELECT customer_id, ordered_at, revenue, 1 FROM frame"
    )
    return frame


def failed(fc) -> list[str]:
    return [f.name for f in fc.check.failures]


def test_a_shop_that_follows_the_model_is_predicted_with_intervals(conn):
    shop(conn, 3000, weeks=104)
    fc = model.forecast(conn)
    assert fc.check.ok, fc.check.as_dict()
    assert abs(fc.holdout.error) < 0.15
    assert fc.holdout.weeks == 26
    assert list(fc.holdout.by_frequency["purchases"]) == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    assert fc.holdout.by_frequency["actual"].sum() == fc.holdout.actual
    customers = fc.customers
    assert len(customers) == 3000 == fc.totals["customers"]
    assert customers["p_alive"].between(0, 1).all()
    for name in ("p_alive", "expected_purchases", "expected_spend", "predicted_revenue"):
        assert (customers[f"{name}_low"] <= customers[name] + 1e-9).all(), name
        assert (customers[name] <= customers[f"{name}_high"] + 1e-9).all(), name
    assert fc.totals["predicted_revenue"] == pytest.approx(customers["predicted_revenue"].sum())
    low, high = fc.totals["predicted_revenue_low"], fc.totals["predicted_revenue_high"]
    assert low < fc.totals["predicted_revenue"] < high
    assert "80% intervals from 100 draws" in fc.method


def test_those_at_risk_were_valuable_and_are_probably_gone(conn):
    shop(conn, 3000, weeks=104)
    fc = model.forecast(conn)
    risk = model.at_risk(fc)
    assert len(risk) > 0
    assert (risk["p_alive"] < 0.5).all()
    threshold = fc.customers.loc[fc.customers["past_value"] > 0, "past_value"].quantile(0.8)
    assert (risk["past_value"] >= threshold).all()
    assert list(risk["past_value"]) == sorted(risk["past_value"], reverse=True)


def test_the_discount_rate_lowers_the_value_ahead(conn):
    shop(conn, 2000, weeks=104)
    plain = model.forecast(conn, settings=Settings(discount_rate=0.0))
    discounted = model.forecast(conn, settings=Settings(discount_rate=0.10))
    ratio = discounted.totals["predicted_revenue"] / plain.totals["predicted_revenue"]
    assert 1 / 1.10 < ratio < 1.0  # a year's purchases, each discounted for its own wait
    row = plain.customers.iloc[0]
    assert row["predicted_revenue"] == pytest.approx(
        row["expected_purchases"] * row["expected_spend"]
    )


def test_a_calibration_and_holdout_given_are_those_used(conn):
    shop(conn, 2000, weeks=104)
    fc = model.forecast(
        conn, settings=Settings(calibration_end=date(2025, 1, 31), holdout_end=date(2025, 7, 31))
    )
    assert fc.as_of == date(2025, 1, 31)
    assert (fc.holdout.start, fc.holdout.end) == (date(2025, 2, 1), date(2025, 7, 31))
    assert fc.bgnbd == fc.holdout.bgnbd  # the calibration fit is the one that predicts


def test_too_few_customers_are_refused_with_what_would_fix_it(conn):
    shop(conn, 150, weeks=104)
    fc = model.forecast(conn)
    assert failed(fc) == ["customers"]
    assert fc.customers.empty and fc.totals == {} and fc.bgnbd is None
    assert "needs at least 200" in fc.check.failures[0].message
    assert fc.check.failures[0].key == "future.fail.customers"


def test_too_few_repeat_buyers_are_refused(conn):
    shop(conn, 400, weeks=104, a=30.0, b=1.0)  # nearly everyone leaves after the first purchase
    fc = model.forecast(conn)
    assert failed(fc) == ["repeaters"]
    assert "repeat buyers" in fc.check.failures[0].message


def test_a_history_shorter_than_a_few_gaps_between_purchases_is_refused(conn):
    shop(conn, 600, weeks=60, regular=20.0, cohort_weeks=2)
    fc = model.forecast(conn, settings=Settings(calibration_end=date(2024, 7, 1)))
    assert failed(fc) == ["history"]
    values = fc.check.failures[0].values
    assert values["gap_weeks"] == pytest.approx(20, abs=1)
    assert values["span_weeks"] < values["needed_weeks"]


def test_customers_who_never_differ_cannot_be_fitted(conn):
    shop(conn, 600, weeks=104, regular=4.0, cohort_weeks=1)
    fc = model.forecast(conn)
    assert failed(fc) == ["converged"]
    assert fc.check.failures[0].values == {"model": "BG/NBD"}
    assert fc.customers.empty


def test_a_holdout_the_model_misses_is_refused(conn):
    shop(conn, 3000, weeks=104, boom_after=78)  # the last 26 weeks: everyone buys 3x as often
    fc = model.forecast(conn)
    assert failed(fc) == ["holdout"]
    values = fc.check.failures[0].values
    assert values["actual"] > 1.25 * values["predicted"]
    assert "off by" in fc.check.failures[0].message
    assert fc.customers.empty


def test_a_holdout_without_purchases_is_refused(conn):
    shop(conn, 2000, weeks=52)
    fc = model.forecast(
        conn, settings=Settings(calibration_end=date(2025, 6, 1), holdout_end=date(2025, 12, 1))
    )
    assert failed(fc) == ["holdout_empty"]


def test_no_data_at_all_is_refused(conn):
    fc = model.forecast(conn)
    assert failed(fc) == ["customers"]


def test_settings_that_mean_nothing_are_refused():
    with pytest.raises(AnalysisError, match="horizon_weeks must be between 1 and 520"):
        Settings(horizon_weeks=0).validate()
    with pytest.raises(AnalysisError, match="after the calibration end"):
        Settings(calibration_end=date(2025, 1, 1), holdout_end=date(2024, 1, 1)).validate()


def test_the_cached_forecast_is_computed_once_and_joins_in_sql(conn):
    shop(conn, 1500, weeks=104)
    cache.forget()
    first = cache.forecast_cached(conn, Filters())
    assert cache.forecast_cached(conn, Filters()) is first
    name = cache.relation(conn, first)
    total = conn.execute(f"SELECT sum(predicted_revenue), count(*) FROM {name}").fetchone()
    assert total[0] == pytest.approx(first.totals["predicted_revenue"])
    assert total[1] == 1500
