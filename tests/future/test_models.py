"""BG/NBD and Gamma-Gamma against the published CDNOW figures and against simulated customers.

The CDNOW summary here is computed with plain Python from the raw file (not with our SQL), so
these tests check the likelihoods and predictions alone; tests/commands/test_clv_cli.py checks
the whole way from the raw file through the importer.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

import numpy as np
import pytest
from scipy import optimize

from dashboard.future import bgnbd, gamma_gamma
from tests.conftest import ROOT

CDNOW = ROOT.parent / "shared" / "data" / "cdnow_sample.txt"
PAPER = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}  # Fader, Hardie and Lee (2005)
CALIBRATION_END = date(1997, 9, 30)


@pytest.fixture(scope="module")
def cdnow():
    """Per customer: x, t_x, T (weeks) and the mean repeat spend, over the 39 calibration weeks."""
    if not CDNOW.exists():
        pytest.fail(f"{CDNOW} is missing: the real data lives in ../shared/data")
    spend = defaultdict(lambda: defaultdict(float))
    for line in CDNOW.read_text().splitlines():
        _, customer, day, _, value = line.split()
        when = datetime.strptime(day, "%Y%m%d").date()
        if when <= CALIBRATION_END:
            spend[customer][when] += float(value)
    rows = []
    for days in spend.values():
        ordered = sorted(days)
        repeat = [days[d] for d in ordered[1:]]
        rows.append(
            (
                len(ordered) - 1,
                (ordered[-1] - ordered[0]).days / 7,
                (CALIBRATION_END - ordered[0]).days / 7,
                sum(repeat) / len(repeat) if repeat else np.nan,
            )
        )
    return np.array(rows)


def test_the_fit_of_cdnow_is_the_papers(cdnow):
    x, t_x, T = cdnow[:, 0], cdnow[:, 1], cdnow[:, 2]
    assert len(x) == 2357
    fit = bgnbd.fit(x, t_x, T)
    assert fit.converged
    for name, published in PAPER.items():
        assert f"{getattr(fit, name):.3g}" == f"{published:.3g}", name
    assert round(fit.log_likelihood, 1) == -9582.4


def test_customers_with_the_same_history_fitted_once_give_the_same_fit(cdnow):
    x, t_x, T = cdnow[:, 0], cdnow[:, 1], cdnow[:, 2]
    rows, index, counts = np.unique(cdnow[:, :3], axis=0, return_inverse=True, return_counts=True)
    assert len(rows) < len(x)  # there are shared histories to merge
    weighted = bgnbd.fit(rows[:, 0], rows[:, 1], rows[:, 2], counts)
    single = bgnbd.fit(x, t_x, T)
    assert weighted.log_likelihood == pytest.approx(single.log_likelihood, abs=1e-6)
    assert weighted.params == pytest.approx(single.params, rel=1e-4)


def test_the_papers_customer_with_two_repeat_purchases():
    """2 repeat purchases, the last at 30.43 weeks, 38.86 weeks old: 1.226 purchases expected in
    the next 39 weeks, and alive with probability 0.727 (the paper's parameters)."""
    params = tuple(PAPER.values())
    assert bgnbd.expected_purchases(params, 39, 2, 30.43, 38.86) == pytest.approx(1.226, abs=5e-4)
    assert bgnbd.probability_alive(params, 2, 30.43, 38.86) == pytest.approx(0.727, abs=5e-4)


def test_what_the_model_says_of_customers_moves_the_way_it_should():
    params = tuple(PAPER.values())
    # never bought again: cannot have dropped out yet
    assert bgnbd.probability_alive(params, 0, 0, 30) == 1.0
    # the same purchases, the last one longer ago: less likely alive, fewer purchases ahead
    recent, old = (bgnbd.probability_alive(params, 5, tx, 38) for tx in (37, 10))
    assert recent > 0.85 and old < 0.2
    assert bgnbd.expected_purchases(params, 39, 5, 37, 38) > bgnbd.expected_purchases(
        params, 39, 5, 10, 38
    )
    # more weeks ahead, more purchases
    ahead = [float(bgnbd.expected_purchases(params, t, 3, 20, 38)) for t in (13, 26, 52)]
    assert ahead == sorted(ahead)


def test_the_gradient_is_the_likelihoods(cdnow):
    rows = bgnbd._Rows(cdnow[:, 0], cdnow[:, 1], cdnow[:, 2], np.ones(len(cdnow)))
    point = np.log([0.3, 5.0, 0.9, 2.0])
    value, gradient = rows.negative(point)
    direct = -np.sum(bgnbd.log_likelihood_terms(np.exp(point), *cdnow[:, :3].T))
    assert value == pytest.approx(direct, rel=1e-12)
    numeric = optimize.approx_fprime(point, lambda p: rows.negative(p)[0], 1e-6)
    assert gradient == pytest.approx(numeric, rel=1e-3, abs=1e-2)


def test_the_spend_model_of_cdnow_is_the_published_one(cdnow):
    repeat = cdnow[cdnow[:, 0] > 0]
    fit = gamma_gamma.fit(repeat[:, 0], repeat[:, 3])
    assert fit.customers == 946
    assert fit.converged
    assert (round(fit.p, 2), round(fit.q, 2), round(fit.gamma, 2)) == (6.25, 3.74, 15.44)
    # a customer's expected spend lies between their own mean and the population's
    population = fit.p * fit.gamma / (fit.q - 1)
    own = gamma_gamma.expected_spend(fit.params, 10, 100.0)
    assert population < own < 100.0
    assert gamma_gamma.expected_spend(fit.params, 0, np.nan) == pytest.approx(population)


def simulate(customers: int, r, alpha, a, b, weeks: float, seed: int = 3):
    """Customers whose first purchase is at 0 and who follow BG/NBD for ``weeks``."""
    rng = np.random.default_rng(seed)
    rates = rng.gamma(r, 1 / alpha, customers)
    dropout = rng.beta(a, b, customers)
    rows = []
    for rate, p in zip(rates, dropout, strict=True):
        t, times = 0.0, []
        while True:
            if times and rng.random() < p:
                break  # dropped out just after the last purchase
            t += rng.exponential(1 / rate)
            if t > weeks:
                break
            times.append(t)
            if not times:
                break
        rows.append((len(times), times[-1] if times else 0.0, weeks))
    return np.array(rows)


def test_a_simulated_customer_base_is_recognised():
    truth = (0.5, 6.0, 0.8, 3.0)
    data = simulate(6000, *truth, weeks=78)
    fit = bgnbd.fit(data[:, 0], data[:, 1], data[:, 2])
    assert fit.converged
    errors = np.sqrt(np.diag(fit.covariance))  # of the log-parameters
    for estimate, true, error in zip(np.log(fit.params), np.log(truth), errors, strict=True):
        assert abs(estimate - true) < 4 * error + 0.05
