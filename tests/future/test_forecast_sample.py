"""Many customers: the models are fitted on a random sample and every customer is predicted.

The threshold is lowered through ``forecast``'s parameters, so the small test shops take the path
that 10 million customers take.
"""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.future import model
from tests.future.test_forecast import shop

#: Relative distance allowed between a parameter fitted on half of 6,000 customers and on all.
TOLERANCE = 0.25


@pytest.fixture
def big_shop(conn):
    shop(conn, 6000, weeks=104)
    return conn


def test_a_sampled_fit_predicts_every_customer(big_shop):
    full = model.forecast(big_shop)
    sampled = model.forecast(big_shop, sample_above=4000, fit_sample=3000)
    assert full.fit_sample is None
    assert sampled.check.ok, sampled.check.as_dict()
    assert sampled.fit_sample == 3000
    assert sampled.gamma_gamma["customers"] < full.gamma_gamma["customers"]  # fitted on fewer
    # every customer is predicted and checked on the holdout, not only the sample
    assert len(sampled.customers) == len(full.customers) == sampled.totals["customers"] == 6000
    assert sorted(sampled.customers["customer_id"]) == sorted(full.customers["customer_id"])
    assert (
        sampled.customers[["p_alive", "expected_purchases", "predicted_revenue"]]
        .notna()
        .all()
        .all()
    )
    assert sampled.holdout.actual == full.holdout.actual
    assert (
        sampled.holdout.by_frequency["customers"].sum()
        == full.holdout.by_frequency["customers"].sum()
    )


def test_the_sampled_fit_is_close_to_the_full_fit(big_shop):
    full = model.forecast(big_shop)
    sampled = model.forecast(big_shop, sample_above=4000, fit_sample=3000)
    for name in ("r", "alpha", "a", "b"):
        assert sampled.bgnbd[name] == pytest.approx(full.bgnbd[name], rel=TOLERANCE), name
    for name in ("p", "q", "gamma"):
        assert sampled.gamma_gamma[name] == pytest.approx(full.gamma_gamma[name], rel=TOLERANCE)
    # what a manager reads: purchases and revenue ahead, and the holdout check
    for name in ("expected_purchases", "predicted_revenue"):
        assert sampled.totals[name] == pytest.approx(full.totals[name], rel=0.05), name
    assert abs(sampled.holdout.error - full.holdout.error) < 0.05
    both = full.customers.merge(sampled.customers, on="customer_id", suffixes=("", "_s"))
    assert np.corrcoef(both["p_alive"], both["p_alive_s"])[0, 1] > 0.99


def test_the_sample_is_the_same_every_time_whatever_the_order_of_the_rows(big_shop):
    first = model.forecast(big_shop, sample_above=4000, fit_sample=3000)
    again = model.forecast(big_shop, sample_above=4000, fit_sample=3000)
    # the same customers (the rows come in another order: sums differ in the last digits)
    assert first.bgnbd == pytest.approx(again.bgnbd, rel=1e-9)
    assert first.gamma_gamma == pytest.approx(again.gamma_gamma, rel=1e-9)
    frame = first.customers[["customer_id"]]
    rows = model.sample_rows(big_shop, frame, 100, seed=3)
    shuffled = frame.sample(frac=1, random_state=1).reset_index(drop=True)
    chosen = set(frame["customer_id"].iloc[rows])
    assert len(chosen) == 100
    assert chosen == set(
        shuffled["customer_id"].iloc[model.sample_rows(big_shop, shuffled, 100, 3)]
    )
    assert chosen != set(frame["customer_id"].iloc[model.sample_rows(big_shop, frame, 100, 4)])
