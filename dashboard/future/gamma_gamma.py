"""The Gamma-Gamma model of spend per transaction (Fader and Hardie 2013; Colombo and Jiang 1999).

A customer's transactions are gamma(p, nu) around their own mean; ``nu`` is gamma(q, gamma) across
customers. Only customers with at least one repeat transaction and a positive mean repeat spend
are fitted; ``x`` is their number of repeat transactions and ``m`` the mean value of those.

The likelihood of a customer's mean (``x`` transactions averaging ``m``) is maximised over the
logarithms of (p, q, gamma); the covariance is the inverse Hessian at the optimum, as for BG/NBD.

Reference: P. S. Fader and B. G. S. Hardie, "The Gamma-Gamma Model of Monetary Value" (2013).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

from dashboard.future.bgnbd import maximise

NAMES = ("p", "q", "gamma")


@dataclass(frozen=True)
class Fit:
    """A fitted Gamma-Gamma model."""

    p: float
    q: float
    gamma: float
    customers: int
    log_likelihood: float
    covariance: np.ndarray | None
    converged: bool

    @property
    def params(self) -> np.ndarray:
        return np.array([self.p, self.q, self.gamma])

    def as_dict(self) -> dict:
        return {
            "p": self.p,
            "q": self.q,
            "gamma": self.gamma,
            "customers": self.customers,
            "log_likelihood": self.log_likelihood,
        }


def log_likelihood_terms(params, x, m) -> np.ndarray:
    """Each customer's log-likelihood of their mean spend ``m`` over ``x`` transactions."""
    p, q, gamma = params
    x = np.asarray(x, dtype=float)
    m = np.asarray(m, dtype=float)
    return (
        special.gammaln(p * x + q)
        - special.gammaln(p * x)
        - special.gammaln(q)
        + q * np.log(gamma)
        + (p * x - 1) * np.log(m)
        + p * x * np.log(x)
        - (p * x + q) * np.log(gamma + x * m)
    )


class _Rows:
    """The data of a fit: customers' (x, m), with logs computed once."""

    def __init__(self, x, m, weights):
        self.x, self.m, self.weights = x, m, weights
        self.log_m, self.log_x = np.log(m), np.log(x)
        self.unique_x, index = np.unique(x, return_inverse=True)
        self.x_weights = np.bincount(index.ravel(), weights=weights)

    def negative(self, log_params) -> tuple[float, np.ndarray]:
        """The negative log-likelihood and its gradient in log-parameters."""
        p, q, gamma = np.exp(log_params)
        x, m, w, ux, wx = self.x, self.m, self.weights, self.unique_x, self.x_weights
        log_total = np.log(gamma + x * m)
        value = (
            np.sum(wx * (special.gammaln(p * ux + q) - special.gammaln(p * ux)))
            + w.sum() * (q * np.log(gamma) - special.gammaln(q))
            + np.sum(w * ((p * x - 1) * self.log_m + p * x * self.log_x - (p * x + q) * log_total))
        )
        digamma_sum = special.digamma(p * ux + q)
        d_p = np.sum(wx * ux * (digamma_sum - special.digamma(p * ux))) + np.sum(
            w * x * (self.log_m + self.log_x - log_total)
        )
        d_q = (
            np.sum(wx * digamma_sum)
            + w.sum() * (np.log(gamma) - special.digamma(q))
            - np.sum(w * log_total)
        )
        d_gamma = w.sum() * q / gamma - np.sum(w * (p * x + q) / (gamma + x * m))
        gradient = np.array([d_p * p, d_q * q, d_gamma * gamma])
        if not np.isfinite(value) or not np.all(np.isfinite(gradient)):
            return 1e300, np.zeros(3)
        return -value, -gradient


def fit(x, m, weights=None) -> Fit:
    """Maximum-likelihood estimates of (p, q, gamma) from repeat customers' (x, m)."""
    x = np.asarray(x, dtype=float)
    m = np.asarray(m, dtype=float)
    weights = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    keep = (x > 0) & (m > 0) & np.isfinite(m)
    x, m, weights = x[keep], m[keep], weights[keep]
    # the same rows in any order give the same fit: a sum of doubles depends on its order, and
    # the optimiser can take another path on the last bits
    order = np.lexsort((weights, m, x))
    x, m, weights = x[order], m[order], weights[order]
    if len(x) < 2:
        return Fit(math.nan, math.nan, math.nan, int(weights.sum()), math.nan, None, False)
    rows = _Rows(x, m, weights)
    scale = float(np.average(m, weights=weights))
    start = np.log([2.0, 2.0, max(scale, 1e-6)])
    best, covariance, converged = maximise(rows.negative, start, start, weights.sum())
    p, q, gamma = np.exp(best.x)
    converged = converged and q > 1  # the mean spend exists
    return Fit(
        float(p),
        float(q),
        float(gamma),
        int(weights.sum()),
        float(-best.fun),
        covariance,
        converged,
    )


def expected_spend(params, x, m, fallback: float | None = None) -> np.ndarray:
    """E[spend per transaction | x, m]: the customer's mean shrunk towards the population's.

    Customers without a repeat transaction (``x = 0`` or no ``m``) get the population mean
    ``p * gamma / (q - 1)`` (or ``fallback``).
    """
    p, q, gamma = params
    x = np.asarray(x, dtype=float)
    m = np.nan_to_num(np.asarray(m, dtype=float), nan=0.0)
    population = p * gamma / (q - 1) if fallback is None else fallback
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = p * x / (p * x + q - 1)
        shrunk = (1 - weight) * (p * gamma / (q - 1)) + weight * m
    return np.where((x > 0) & (m > 0), shrunk, population)
