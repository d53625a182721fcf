"""The BG/NBD model of repeat purchases and dropout (Fader, Hardie and Lee 2005).

While alive, a customer buys as a Poisson process with rate ``lambda`` (gamma(r, alpha) across
customers); after each purchase they drop out with probability ``p`` (beta(a, b) across
customers). A customer is summarised by ``x`` (repeat transactions), ``t_x`` (time of the last
one since the first) and ``T`` (time since the first), in weeks here.

The likelihood is the paper's equation (6), written as a log-sum-exp of its two terms so that it
stays finite for long histories; it is maximised over the logarithms of the four parameters with
rows that share ``(x, t_x, T)`` counted once with their weight. The covariance of the estimates is
the inverse of the Hessian of the negative log-likelihood at the optimum, in log-parameters.

References: P. S. Fader, B. G. S. Hardie and K. L. Lee, "Counting Your Customers the Easy Way: An
Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005; their note "Computing P(alive)
using the BG/NBD model" (2008).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

#: Tolerances of the L-BFGS-B fits (the published CDNOW figures need the fourth digit).
TIGHT = {"ftol": 1e-14, "gtol": 1e-8, "maxiter": 1000}

#: The parameters, in the order of every vector here.
NAMES = ("r", "alpha", "a", "b")


@dataclass(frozen=True)
class Fit:
    """A fitted BG/NBD model."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    #: Covariance of the log-parameters (inverse Hessian); None when it cannot be inverted.
    covariance: np.ndarray | None
    converged: bool
    message: str = ""

    @property
    def params(self) -> np.ndarray:
        return np.array([self.r, self.alpha, self.a, self.b])

    def as_dict(self) -> dict:
        return {
            "r": self.r,
            "alpha": self.alpha,
            "a": self.a,
            "b": self.b,
            "log_likelihood": self.log_likelihood,
        }


def log_likelihood_terms(params, x, t_x, T) -> np.ndarray:
    """Each customer's log-likelihood under ``params`` = (r, alpha, a, b) (arrays broadcast)."""
    r, alpha, a, b = (np.asarray(v, dtype=float) for v in params)
    x = np.asarray(x, dtype=float)
    common = (
        special.gammaln(r + x)
        - special.gammaln(r)
        + r * np.log(alpha)
        + special.betaln(a, b + x)
        - special.betaln(a, b)
    )
    alive = -(r + x) * np.log(alpha + T)  # still alive at T
    with np.errstate(divide="ignore", invalid="ignore"):
        # dropped out just after the last purchase (only possible after a repeat purchase)
        dropped = np.where(
            x > 0,
            np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + t_x),
            -np.inf,
        )
    return common + np.logaddexp(alive, dropped)


class _Rows:
    """The data of a fit, with what depends on ``x`` alone kept per distinct ``x`` (few)."""

    def __init__(self, x, t_x, T, weights):
        self.x = x
        self.unique_x, self.x_index = np.unique(x, return_inverse=True)
        self.t_x, self.T, self.weights = t_x, T, weights
        self.repeat = x > 0
        # sum of the weights per distinct x: the terms that depend on x only are summed once
        self.x_weights = np.bincount(self.x_index.ravel(), weights=weights)

    def negative(self, log_params) -> tuple[float, np.ndarray]:
        """The negative log-likelihood and its gradient in log-parameters."""
        r, alpha, a, b = np.exp(log_params)
        ux, w, wx = self.unique_x, self.weights, self.x_weights
        x, t_x, T = self.x, self.t_x, self.T
        common = np.sum(wx * (special.gammaln(r + ux) + special.betaln(a, b + ux))) + w.sum() * (
            -special.gammaln(r) + r * np.log(alpha) - special.betaln(a, b)
        )
        log_T, log_tx = np.log(alpha + T), np.log(alpha + t_x)
        with np.errstate(divide="ignore", invalid="ignore"):
            log_b = np.log(np.where(self.repeat, b + x - 1, 1.0))
        alive = -(r + x) * log_T
        dropped = np.where(self.repeat, np.log(a) - log_b - (r + x) * log_tx, -np.inf)
        mix = np.logaddexp(alive, dropped)
        value = common + np.sum(w * mix)
        w_alive = np.exp(alive - mix)
        w_dropped = np.exp(dropped - mix)
        d_r = (
            np.sum(wx * special.digamma(r + ux))
            + w.sum() * (np.log(alpha) - special.digamma(r))
            - np.sum(w * (w_alive * log_T + w_dropped * log_tx))
        )
        d_alpha = w.sum() * r / alpha - np.sum(
            w * (r + x) * (w_alive / (alpha + T) + w_dropped / (alpha + t_x))
        )
        d_a = (
            w.sum() * special.digamma(a + b)
            - np.sum(wx * special.digamma(a + b + ux))
            + np.sum(w * w_dropped) / a
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            inverse_b = np.where(self.repeat, 1.0 / (b + x - 1), 0.0)
        d_b = (
            np.sum(wx * (special.digamma(b + ux) - special.digamma(a + b + ux)))
            + w.sum() * (special.digamma(a + b) - special.digamma(b))
            - np.sum(w * w_dropped * inverse_b)
        )
        gradient = np.array([d_r * r, d_alpha * alpha, d_a * a, d_b * b])
        if not np.isfinite(value) or not np.all(np.isfinite(gradient)):
            return 1e300, np.zeros(4)
        return -value, -gradient


def fit(x, t_x, T, weights=None, start=None) -> Fit:
    """Maximum-likelihood estimates of (r, alpha, a, b).

    Parameters
    ----------
    x, t_x, T : array_like
        Repeat transactions, time of the last one and age, per row (weeks).
    weights : array_like, optional
        How many customers each row stands for (rows sharing (x, t_x, T) fitted once).
    start : array_like, optional
        (r, alpha, a, b) to start from (an earlier fit of the same customers).
    """
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    weights = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    rows = _Rows(x, t_x, T, weights)
    initial = np.log([1.0, max(float(np.average(T, weights=weights)), 1.0) / 2, 1.0, 1.0])
    start = initial if start is None else np.log(np.asarray(start, dtype=float))
    best, covariance, converged = maximise(rows.negative, start, initial, weights.sum())
    r, alpha, a, b = np.exp(best.x)
    converged = converged and bool(np.all(np.isfinite([r, alpha, a, b])))
    return Fit(
        float(r),
        float(alpha),
        float(a),
        float(b),
        float(-best.fun),
        covariance,
        converged,
        str(best.message),
    )


def maximise(negative, start, initial, customers: float):
    """Minimise ``negative`` (value and gradient of a negative log-likelihood in log-parameters).

    L-BFGS-B with tight tolerances from ``start`` (a third of BFGS's evaluations for the same
    optimum); when that fails, Nelder-Mead from ``initial`` and BFGS to polish. Returns the
    result, the covariance (the inverse Hessian; None when not positive definite) and whether it
    converged: a finite optimum whose gradient is small for ``customers`` (a "precision loss"
    message at the optimum is fine) and an invertible Hessian.
    """
    best = optimize.minimize(negative, start, jac=True, method="L-BFGS-B", options=TIGHT)
    tolerance = 1e-3 * max(1.0, customers**0.5)
    if not (best.success or np.max(np.abs(best.jac)) < tolerance):
        rough = optimize.minimize(
            lambda p: negative(p)[0],
            initial,
            method="Nelder-Mead",
            options={"maxiter": 4000, "xatol": 1e-7, "fatol": 1e-9},
        )
        best = optimize.minimize(
            negative, rough.x, jac=True, method="BFGS", options={"gtol": 1e-5, "maxiter": 1000}
        )
    covariance = invert(gradient_hessian(lambda p: negative(p)[1], best.x))
    converged = bool(
        np.isfinite(best.fun)
        and best.fun < 1e300
        and covariance is not None
        and np.max(np.abs(best.jac)) < tolerance
    )
    return best, covariance, converged


def gradient_hessian(gradient, point, step: float = 1e-5) -> np.ndarray:
    """The Hessian at ``point`` by central differences of an exact ``gradient`` (2n calls)."""
    point = np.asarray(point, dtype=float)
    steps = step * np.maximum(1.0, np.abs(point))
    columns = []
    for i in range(point.size):
        up, down = point.copy(), point.copy()
        up[i] += steps[i]
        down[i] -= steps[i]
        columns.append((gradient(up) - gradient(down)) / (2 * steps[i]))
    hessian = np.array(columns)
    return (hessian + hessian.T) / 2


def invert(hessian: np.ndarray) -> np.ndarray | None:
    """The covariance (inverse Hessian), or None when it is not positive definite."""
    try:
        np.linalg.cholesky(hessian)
        covariance = np.linalg.inv(hessian)
    except np.linalg.LinAlgError:
        return None
    return covariance if np.all(np.isfinite(covariance)) else None


def probability_alive(params, x, t_x, T) -> np.ndarray:
    """P(alive at T | x, t_x, T): 1 for customers without a repeat purchase (they cannot have
    dropped out yet under the model)."""
    r, alpha, a, b = params
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_ratio = (
            np.log(a)
            - np.log(np.maximum(b + x - 1, 1e-300))
            + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
        )
        return np.where(x > 0, 1.0 / (1.0 + np.exp(log_ratio)), 1.0)


def expected_purchases(params, t, x, t_x, T) -> np.ndarray:
    """E[Y(t) | x, t_x, T]: purchases expected in the next ``t`` weeks (the paper's eq. 10)."""
    r, alpha, a, b = params
    x = np.asarray(x, dtype=float)
    T = np.asarray(T, dtype=float)
    t = np.asarray(t, dtype=float)
    z = t / (alpha + T + t)
    hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        first = (a + b + x - 1) / (a - 1)
        second = 1 - np.exp((r + x) * (np.log(alpha + T) - np.log(alpha + T + t))) * hyp
        log_ratio = (
            np.log(a)
            - np.log(np.maximum(b + x - 1, 1e-300))
            + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
        )
        denominator = 1 + np.where(x > 0, np.exp(log_ratio), 0.0)
    return first * second / denominator
