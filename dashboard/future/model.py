"""Who will buy again, who is slipping away, and what each customer is worth ahead.

:func:`forecast` reads each customer's purchase history (:mod:`~dashboard.future.summary`),
checks it on a holdout, fits BG/NBD (:mod:`~dashboard.future.bgnbd`) and Gamma-Gamma
(:mod:`~dashboard.future.gamma_gamma`), and predicts per customer over a horizon:

- ``p_alive``: the probability that the customer has not dropped out;
- ``expected_purchases``: transactions expected in the horizon;
- ``expected_spend``: spend expected per transaction;
- ``predicted_revenue`` = expected purchases x expected spend, discounted at the annual rate
  (each part of the horizon at its own time: the expected purchases are taken in steps of about
  four weeks and each step discounted at its middle);
- ``predicted_value`` = predicted revenue x the customer's profit share under the cost model
  (lifetime profit / lifetime revenue up to the as-of date, between -1 and 1).

Intervals (80% by default) come from parameter uncertainty: ``draws`` parameter vectors are
drawn from a normal distribution around the estimates, in log-parameters, with the covariance
of the estimates (the inverse Hessian of the negative log-likelihood at the optimum), and each
figure is recomputed for every draw (the discounting step uses the estimates' timing).

Two ways to run it:

- the default: as of the end of the view (or the last purchase day), the model is first fitted
  on the history up to ``holdout_weeks`` before it and checked on those weeks; when the check
  passes it is fitted again on the whole history, and that fit predicts;
- ``calibration_end`` (and ``holdout_end``): fitted on the purchases up to ``calibration_end``,
  checked on those after it up to ``holdout_end``; that fit predicts, as of ``calibration_end``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
from scipy.special import ndtri as special_ndtri

from dashboard.errors import AnalysisError
from dashboard.future import bgnbd, gamma_gamma, summary
from dashboard.future.check import (
    MAX_HOLDOUT_ERROR,
    MIN_CUSTOMERS,
    MIN_GAPS,
    MIN_REPEATERS,
    Check,
    Failure,
)
from dashboard.store import computed
from dashboard.store.filters import Filters
from dashboard.value import cache as value_cache
from dashboard.value.cost_model import CostModel

#: The calibration purchase counts the holdout is shown by (the last group is "7+").
FREQUENCY_GROUPS = 7

#: The columns of :attr:`Forecast.customers`, in order.
CUSTOMER_COLUMNS = (
    "customer_id",
    "frequency",
    "recency_weeks",
    "age_weeks",
    "monetary",
    "p_alive",
    "p_alive_low",
    "p_alive_high",
    "expected_purchases",
    "expected_purchases_low",
    "expected_purchases_high",
    "expected_spend",
    "expected_spend_low",
    "expected_spend_high",
    "profit_share",
    "predicted_revenue",
    "predicted_revenue_low",
    "predicted_revenue_high",
    "predicted_value",
    "predicted_value_low",
    "predicted_value_high",
    "past_revenue",
    "past_value",
)


@dataclass(frozen=True)
class Settings:
    """What the forecast looks at; hashable, so cached loaders can take it."""

    horizon_weeks: int = 52
    discount_rate: float = 0.10
    holdout_weeks: int = 26
    calibration_end: date | None = None
    holdout_end: date | None = None
    level: float = 0.80
    draws: int = 100
    seed: int = 0

    def validate(self) -> None:
        """Refuse settings that mean nothing, with the fix."""
        problems = []
        if not 1 <= self.horizon_weeks <= 520:
            problems.append(("horizon_weeks", "between 1 and 520 weeks"))
        if not 0 <= self.discount_rate < 1:
            problems.append(("discount_rate", "between 0 and 1 (0.10 is 10% a year)"))
        if self.calibration_end is None and not 1 <= self.holdout_weeks <= 260:
            problems.append(("holdout_weeks", "between 1 and 260 weeks"))
        if not 0.5 <= self.level < 1:
            problems.append(("level", "between 0.5 and 0.99"))
        if not 10 <= self.draws <= 2000:
            problems.append(("draws", "between 10 and 2000"))
        if (
            self.calibration_end is not None
            and self.holdout_end is not None
            and self.holdout_end <= self.calibration_end
        ):
            problems.append(("holdout_end", "after the calibration end"))
        if self.holdout_end is not None and self.calibration_end is None:
            problems.append(("calibration_end", "given with the holdout end"))
        if problems:
            name, fix = problems[0]
            raise AnalysisError(
                f"The future-value setting {name} must be {fix}.",
                key="errors.future_setting",
                name=name,
                fix=fix,
            )


@dataclass(frozen=True)
class Holdout:
    """The calibration fit's predictions for the holdout beside what happened."""

    start: date  # the first day of the holdout
    end: date
    weeks: float
    actual: int
    predicted: float
    by_frequency: pd.DataFrame  # purchases ("0".."7+"), customers, actual, predicted
    bgnbd: dict

    @property
    def error(self) -> float:
        """predicted / actual - 1: negative when the model under-predicts."""
        return self.predicted / self.actual - 1 if self.actual else math.inf

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "weeks": round(self.weeks, 2),
            "actual": self.actual,
            "predicted": self.predicted,
            "error": self.error,
            "bgnbd": self.bgnbd,
            "by_frequency": self.by_frequency.to_dict("records"),
        }


@dataclass(frozen=True, eq=False)
class Forecast:
    """The model's verdict and, when the check passed, its predictions."""

    settings: Settings
    as_of: date | None
    check: Check
    bgnbd: dict | None = None
    gamma_gamma: dict | None = None
    holdout: Holdout | None = None
    customers: pd.DataFrame = field(default_factory=lambda: _empty_customers())
    totals: dict = field(default_factory=dict)
    #: Customers the models were fitted on when they were fitted on a random sample of them
    #: (every customer is still checked on the holdout and predicted); None: on all of them.
    fit_sample: int | None = None

    @property
    def method(self) -> str:
        """How the intervals are made, in words (the translation key is ``future.method``)."""
        return (
            f"{self.settings.level:.0%} intervals from {self.settings.draws} draws of the "
            "parameters from the estimates' covariance (the inverse Hessian at the optimum)"
        )


def _empty_customers() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in CUSTOMER_COLUMNS})
    frame["customer_id"] = frame["customer_id"].astype("object")
    frame["frequency"] = frame["frequency"].astype("int64")
    return frame


def forecast(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    settings: Settings | None = None,
    cost_model: CostModel | None = None,
    sample_above: int | None = None,
    fit_sample: int | None = None,
) -> Forecast:
    """Check the data, fit the models and predict each customer's future.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters, optional
        ``end`` is the as-of date (None: the last purchase day); ``start`` is ignored (the model
        reads the whole history); countries, channels and categories narrow the purchases.
    settings : Settings, optional
        Horizon, discount rate, holdout, interval level.
    cost_model : CostModel, optional
        For each customer's profit share; the saved or default one when omitted.
    sample_above, fit_sample : int, optional
        Above ``sample_above`` customers (:data:`SAMPLE_ABOVE` by default) both models are fitted
        on a random sample of ``fit_sample`` of them (:data:`FIT_SAMPLE`; see
        :func:`sample_rows`); the holdout check and the predictions still cover every customer.
    """
    filters = filters or Filters()
    settings = settings or Settings()
    settings.validate()
    if computed.lines_elsewhere(conn):  # the lines were not brought back from Spark
        return Forecast(settings, filters.end, Check((Failure("lines_elsewhere"),)))
    first, last = summary.data_range(conn, filters)
    explicit = settings.calibration_end is not None
    if explicit:
        calibration_end = settings.calibration_end
        holdout_end = settings.holdout_end or filters.end or last
        as_of = calibration_end
    else:
        as_of = filters.end or last
        calibration_end = as_of - timedelta(weeks=settings.holdout_weeks) if as_of else None
        holdout_end = as_of
    if last is None or calibration_end is None or first is None or calibration_end < first:
        found = 0 if last is None else None
        failure = Failure(
            "customers",
            {
                "customers": found or 0,
                "needed": MIN_CUSTOMERS,
                "calibration_end": str(calibration_end or ""),
            },
        )
        return Forecast(settings, as_of, Check((failure,)))

    frame = summary.customer_summary(
        conn,
        filters,
        calibration_end,
        as_of,
        holdout_end,
        _values(conn, filters, as_of, cost_model),
    )
    calibration = summary.calibration_rows(frame)
    sample_above = SAMPLE_ABOVE if sample_above is None else int(sample_above)
    fit_sample = min(FIT_SAMPLE if fit_sample is None else int(fit_sample), sample_above)
    sampled = len(frame) > sample_above
    fit_frame = (
        frame.iloc[sample_rows(conn, frame, fit_sample, settings.seed)] if sampled else frame
    )
    fit_calibration = summary.calibration_rows(fit_frame) if sampled else calibration
    failures = list(_history_failures(calibration, first, calibration_end))
    holdout = None
    calibration_fit = None
    if not failures:
        calibration_fit = _fit_bgnbd(fit_calibration)
        if not calibration_fit.converged:
            failures.append(Failure("converged", {"model": "BG/NBD"}))
        elif holdout_end > calibration_end:
            holdout = _holdout(calibration, calibration_fit, calibration_end, holdout_end)
            failures.extend(_holdout_failures(holdout, calibration_end))
    if failures:
        return Forecast(settings, as_of, Check(tuple(failures)), holdout=holdout)

    if explicit:
        base, fit, fit_base = calibration, calibration_fit, fit_calibration
    else:
        base = summary.full_rows(frame)
        fit_base = summary.full_rows(fit_frame) if sampled else base
        fit = _fit_bgnbd(fit_base, start=calibration_fit)
        if not fit.converged:
            return Forecast(
                settings,
                as_of,
                Check((Failure("converged", {"model": "BG/NBD"}),)),
                holdout=holdout,
            )
    repeat = (fit_base["frequency"] > 0) & (fit_base["monetary"] > 0)
    spend_fit = gamma_gamma.fit(fit_base.loc[repeat, "frequency"], fit_base.loc[repeat, "monetary"])
    if not spend_fit.converged:
        return Forecast(
            settings,
            as_of,
            Check((Failure("converged", {"model": "Gamma-Gamma"}),)),
            bgnbd=fit.as_dict(),
            holdout=holdout,
        )
    customers, totals = _predict(base, fit, spend_fit, settings)
    return Forecast(
        settings,
        as_of,
        Check(),
        bgnbd=fit.as_dict(),
        gamma_gamma=spend_fit.as_dict(),
        holdout=holdout,
        customers=customers,
        totals=totals,
        fit_sample=len(fit_frame) if sampled else None,
    )


#: Above this many customers the models are fitted on a random sample (see :func:`forecast`).
SAMPLE_ABOVE = 500_000
#: The size of that sample.
FIT_SAMPLE = 500_000


def sample_rows(
    conn: duckdb.DuckDBPyConnection, frame: pd.DataFrame, size: int, seed: int = 0
) -> np.ndarray:
    """The rows (positions, sorted) of a reproducible random sample of ``size`` customers.

    The customers whose ids hash lowest under DuckDB's ``hash(customer_id, seed)``: the same
    customers for the same data and seed whatever the order of the rows (which the summary's
    parallel aggregation does not fix), and a uniform random choice for a good hash.
    """
    if len(frame) <= size:
        return np.arange(len(frame))
    cursor = conn.cursor()
    try:
        cursor.register("future_sample_ids", frame[["customer_id"]])
        keys = cursor.execute(
            "SELECT hash(customer_id, ?::UBIGINT) AS k FROM future_sample_ids", [int(seed)]
        ).fetchnumpy()["k"]
    finally:
        cursor.close()
    keys = np.asarray(keys, dtype=np.uint64)
    chosen = np.argpartition(keys, size - 1)[:size]
    return np.sort(chosen)


def _weeks(frame: pd.DataFrame, rows=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Frequency, recency and age in weeks (of ``rows`` only, when given)."""
    columns = [frame[c].to_numpy(dtype=float) for c in ("frequency", "recency_days", "age_days")]
    if rows is not None:
        columns = [c[rows] for c in columns]
    x, recency, age = columns
    return x, recency / 7, age / 7


def _combos(frame: pd.DataFrame, days: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (frequency, recency, age) rows, in steps of ``days``: the first customer of
    each, each customer's row, and how many customers each stands for."""
    recency = frame["recency_days"].to_numpy(dtype=np.int64)
    age = frame["age_days"].to_numpy(dtype=np.int64)
    if days > 1:
        recency, age = (recency + days // 2) // days, (age + days // 2) // days
    key = frame["frequency"].to_numpy(dtype=np.int64) * (1 << 42) + recency * (1 << 21) + age
    inverse, unique = pd.factorize(key)  # hashing: no sort of a million keys
    first = np.empty(len(unique), dtype=np.int64)
    first[inverse] = np.arange(len(inverse))  # a customer of each (any: they share the row)
    return first, inverse, np.bincount(inverse, minlength=len(unique))


#: Above this many distinct (frequency, recency, age) rows, the fit reads recency and age in
#: whole weeks (a million customers have about 460,000 distinct rows in days, 150,000 in weeks:
#: the estimates move in the fourth digit, the fit takes a third of the time).
EXACT_ROWS = 100_000


def _fit_bgnbd(frame: pd.DataFrame, start: bgnbd.Fit | None = None) -> bgnbd.Fit:
    first, _, counts = _combos(frame)
    x, t_x, T = _weeks(frame, first)
    if len(first) > EXACT_ROWS:
        first, _, counts = _combos(frame, days=7)
        x, t_x, T = _weeks(frame, first)
        t_x, T = np.round(t_x), np.round(T)  # the whole weeks the rows were merged on
    return bgnbd.fit(x, t_x, T, counts, start=None if start is None else start.params)


def _history_failures(frame: pd.DataFrame, first: date, calibration_end: date):
    customers = len(frame)
    end = calibration_end.isoformat()
    if customers < MIN_CUSTOMERS:
        yield Failure(
            "customers", {"customers": customers, "needed": MIN_CUSTOMERS, "calibration_end": end}
        )
        return
    frequency = frame["frequency"].to_numpy()
    repeat = frequency > 0  # the repeaters' two columns only (not a copy of every column)
    repeaters = int(repeat.sum())
    if repeaters < MIN_REPEATERS:
        yield Failure(
            "repeaters",
            {"repeaters": repeaters, "needed": MIN_REPEATERS, "calibration_end": end},
        )
        return
    gaps = frame["recency_days"].to_numpy()[repeat] / frequency[repeat]
    gap = float(np.median(gaps)) / 7
    span = (calibration_end - first).days / 7
    if span < MIN_GAPS * gap:
        yield Failure(
            "history",
            {
                "span_weeks": round(span, 1),
                "gap_weeks": round(gap, 1),
                "needed_weeks": round(MIN_GAPS * gap, 1),
                "calibration_end": end,
            },
        )


def _holdout(frame: pd.DataFrame, fit: bgnbd.Fit, calibration_end: date, end: date) -> Holdout:
    weeks = (end - calibration_end).days / 7
    first, inverse, _ = _combos(frame)
    x, t_x, T = _weeks(frame, first)
    expected = bgnbd.expected_purchases(fit.params, weeks, x, t_x, T)[inverse]
    groups = np.minimum(frame["frequency"].to_numpy(), FREQUENCY_GROUPS)
    table = (
        pd.DataFrame(
            {"group": groups, "actual": frame["holdout"].to_numpy(), "predicted": expected}
        )
        .groupby("group")
        .agg(customers=("actual", "size"), actual=("actual", "sum"), predicted=("predicted", "sum"))
        .reindex(range(FREQUENCY_GROUPS + 1), fill_value=0)
        .reset_index()
    )
    table.insert(
        0, "purchases", [str(g) if g < FREQUENCY_GROUPS else f"{g}+" for g in table.pop("group")]
    )
    table["customers"] = table["customers"].astype("int64")
    table["actual"] = table["actual"].astype("int64")
    table["predicted"] = table["predicted"].astype("float64")
    return Holdout(
        start=calibration_end + timedelta(days=1),
        end=end,
        weeks=weeks,
        actual=int(frame["holdout"].sum()),
        predicted=float(expected.sum()),
        by_frequency=table,
        bgnbd=fit.as_dict(),
    )


def _holdout_failures(holdout: Holdout, calibration_end: date):
    values = {"weeks": round(holdout.weeks, 1), "calibration_end": calibration_end.isoformat()}
    if holdout.actual == 0:
        yield Failure("holdout_empty", values)
    elif abs(holdout.error) > MAX_HOLDOUT_ERROR:
        yield Failure(
            "holdout",
            {
                **values,
                "predicted": round(holdout.predicted),
                "actual": holdout.actual,
                "error": holdout.error,
                "allowed": MAX_HOLDOUT_ERROR,
            },
        )


def _values(conn, filters: Filters, as_of: date, cost_model: CostModel | None):
    """The value table whose lifetime columns give each customer's profit share."""
    # The lifetime columns of any period ending on the as-of day are the same: use the view's
    # period when it has one, whose value table the pages have most likely computed already.
    start = filters.start if filters.start is not None and filters.start <= as_of else None
    history = Filters(start, as_of, filters.countries, filters.channels, filters.categories)
    return value_cache.source(conn, history, cost_model)


def _discount_ratio(params, horizon: float, rate: float, x, t_x, T) -> np.ndarray:
    """Discounted over undiscounted expected purchases, per row (1 without a discount)."""
    if rate == 0:
        return np.ones_like(x)
    steps = max(1, math.ceil(horizon / 4))
    times = np.linspace(0, horizon, steps + 1)
    cumulative = np.stack(
        [np.zeros_like(x)] + [bgnbd.expected_purchases(params, t, x, t_x, T) for t in times[1:]]
    )
    increments = np.diff(cumulative, axis=0)
    middles = (times[1:] + times[:-1]) / 2
    factors = (1 + rate) ** (-middles / 52)
    discounted = (increments * factors[:, None]).sum(axis=0)
    total = cumulative[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, discounted / total, 1.0)


#: The intervals are computed on at most about this many distinct histories: recency and age are
#: taken in steps of 1, 7, 14, 28 or 56 days until the histories are few enough.
INTERVAL_ROWS = 30_000


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` of counts (whole numbers from 0), by counting
    instead of sorting; other values go to ``np.unique``."""
    whole = values.astype(np.int64)
    if len(values) == 0 or whole.min() < 0 or not np.array_equal(whole, values):
        distinct, inverse = np.unique(values, return_inverse=True)
        return distinct, inverse.ravel()
    present = np.flatnonzero(np.bincount(whole))
    lookup = np.zeros(present[-1] + 1, dtype=np.int64)
    lookup[present] = np.arange(len(present))
    return present.astype(values.dtype), lookup[whole]


def _interval_grid(frame: pd.DataFrame):
    steps = (1, 7, 14, 28, 56)
    if len(frame) > 20 * INTERVAL_ROWS:  # many customers: daily or weekly steps cannot do
        steps = steps[2:]
    for days in steps:
        first, inverse, counts = _combos(frame, days)
        if len(first) <= INTERVAL_ROWS:
            break
    x, t_x, T = _weeks(frame, first)
    if days > 1:
        t_x, T = np.round(t_x * 7 / days) * days / 7, np.round(T * 7 / days) * days / 7
    return x, t_x, T, inverse


def _predict(base, fit, spend_fit, settings: Settings) -> tuple[pd.DataFrame, dict]:
    """Each customer's predictions with intervals, and the totals.

    Points are exact per customer. The intervals come from ``draws`` parameter draws (see the
    module): for the probability alive and the purchases, each customer's point times the
    percentiles of draw / point on a grid of similar histories (:data:`INTERVAL_ROWS`); for the
    spend, the draws of the Gamma-Gamma mean for the customer's own history (their percentiles
    computed from the draws' mean and spread, per number of purchases); for revenue and value,
    the two combined on the log scale. The totals' intervals are the percentiles of the totals
    recomputed for every draw.
    """
    horizon = float(settings.horizon_weeks)
    low_q, high_q = (1 - settings.level) / 2, (1 + settings.level) / 2
    z = float(special_ndtri(high_q))

    frame = base
    frequency = frame["frequency"].to_numpy(dtype=float)
    monetary = frame["monetary"].to_numpy(dtype=float)
    share = frame["profit_share"].to_numpy(dtype=float)

    # Points, exact per distinct history.
    first, inverse, _ = _combos(frame)
    x, t_x, T = _weeks(frame, first)
    params = fit.params
    alive = bgnbd.probability_alive(params, x, t_x, T)[inverse]
    purchases = bgnbd.expected_purchases(params, horizon, x, t_x, T)[inverse]
    spend = gamma_gamma.expected_spend(spend_fit.params, frequency, monetary)

    # The discounting and the draws on the grid.
    gx, gt_x, gT, grid = _interval_grid(frame)
    ratio_grid = _discount_ratio(params, horizon, settings.discount_rate, gx, gt_x, gT)
    ratio = ratio_grid[grid]
    revenue = purchases * ratio * spend
    value = revenue * share

    rng = np.random.default_rng(settings.seed)
    drawn = np.exp(rng.multivariate_normal(np.log(params), fit.covariance, size=settings.draws))
    drawn_spend = np.exp(
        rng.multivariate_normal(np.log(spend_fit.params), spend_fit.covariance, settings.draws)
    )
    alive_g = bgnbd.probability_alive(params, gx, gt_x, gT)
    purchases_g = bgnbd.expected_purchases(params, horizon, gx, gt_x, gT)
    alive_d = np.stack([bgnbd.probability_alive(p, gx, gt_x, gT) for p in drawn], axis=1)
    purchases_d = np.stack(
        [bgnbd.expected_purchases(p, horizon, gx, gt_x, gT) for p in drawn], axis=1
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        alive_rel = np.quantile(alive_d / alive_g[:, None], [low_q, high_q], axis=1)
        purchases_log = np.log(purchases_d / purchases_g[:, None])
    purchases_rel = np.exp(np.quantile(purchases_log, [low_q, high_q], axis=1))
    sigma_purchases = np.nan_to_num(purchases_log.std(axis=1))[grid]

    # Spend per draw is A + B * m for the customer's number of purchases (few distinct ones).
    p_d, q_d, g_d = drawn_spend[:, 0], drawn_spend[:, 1], drawn_spend[:, 2]
    distinct_x, x_index = _distinct(frequency)
    population_d = p_d * g_d / (q_d - 1)
    weight_d = p_d * distinct_x[:, None] / (p_d * distinct_x[:, None] + q_d - 1)  # x by draws
    a_d = (1 - weight_d) * population_d  # the intercept
    b_d = weight_d  # the slope on the customer's mean
    has_mean = (frequency > 0) & (monetary > 0)
    m = np.where(has_mean, np.nan_to_num(monetary), 0.0)
    a_d = np.where(distinct_x[:, None] > 0, a_d, population_d)
    b_d = np.where(distinct_x[:, None] > 0, b_d, 0.0)
    mean_a, mean_b = a_d.mean(axis=1), b_d.mean(axis=1)
    var_a, var_b = a_d.var(axis=1), b_d.var(axis=1)
    cov_ab = ((a_d - mean_a[:, None]) * (b_d - mean_b[:, None])).mean(axis=1)
    spend_var = np.where(
        has_mean,
        var_a[x_index] + 2 * m * cov_ab[x_index] + m**2 * var_b[x_index],
        population_d.var(),
    )
    spend_sd = np.sqrt(np.maximum(spend_var, 0))
    spend_lo = np.maximum(spend - z * spend_sd, 0)
    spend_hi = spend + z * spend_sd
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma_spend = np.where(spend > 0, spend_sd / spend, 0.0)
    sigma = np.sqrt(sigma_purchases**2 + sigma_spend**2)
    rev_lo, rev_hi = revenue * np.exp(-z * sigma), revenue * np.exp(z * sigma)

    # Totals per draw, exactly: sum over grid rows of purchases_d times each row's discounted
    # spend draws (A_d sum(ratio) + B_d sum(ratio * m), and the same weighted by the share).
    n_grid = len(gx)
    totals_rev_d = np.zeros(settings.draws)
    totals_val_d = np.zeros(settings.draws)
    for key_x in range(len(distinct_x)):
        rows = np.flatnonzero(x_index == key_x)
        if rows.size == 0:
            continue
        cells = grid[rows]
        with_mean = has_mean[rows]
        for mean_rows, a_row, b_row in (
            (with_mean, a_d[key_x], b_d[key_x]),
            (~with_mean, population_d, np.zeros(settings.draws)),
        ):
            if not mean_rows.any():
                continue
            chosen, where = rows[mean_rows], cells[mean_rows]
            r_sum = np.bincount(where, weights=ratio[chosen], minlength=n_grid)
            rm_sum = np.bincount(where, weights=ratio[chosen] * m[chosen], minlength=n_grid)
            rs_sum = np.bincount(where, weights=ratio[chosen] * share[chosen], minlength=n_grid)
            rms_sum = np.bincount(
                where, weights=ratio[chosen] * m[chosen] * share[chosen], minlength=n_grid
            )
            used = np.flatnonzero(r_sum)
            block = purchases_d[used]
            totals_rev_d += (block * r_sum[used, None]).sum(0) * a_row + (
                block * rm_sum[used, None]
            ).sum(0) * b_row
            totals_val_d += (block * rs_sum[used, None]).sum(0) * a_row + (
                block * rms_sum[used, None]
            ).sum(0) * b_row
    grid_counts = np.bincount(grid, minlength=n_grid)
    totals_purchases_d = (purchases_d * grid_counts[:, None]).sum(axis=0)

    value_lo = np.where(share >= 0, rev_lo * share, rev_hi * share)
    value_hi = np.where(share >= 0, rev_hi * share, rev_lo * share)
    numbers = {
        "recency_weeks": frame["recency_days"].to_numpy() / 7,
        "age_weeks": frame["age_days"].to_numpy() / 7,
        "monetary": monetary,
        "p_alive": alive,
        "p_alive_low": np.minimum(np.nan_to_num(alive * alive_rel[0][grid], nan=0), alive),
        "p_alive_high": np.clip(np.nan_to_num(alive * alive_rel[1][grid], nan=1), alive, 1),
        "expected_purchases": purchases,
        "expected_purchases_low": np.minimum(purchases * purchases_rel[0][grid], purchases),
        "expected_purchases_high": np.maximum(purchases * purchases_rel[1][grid], purchases),
        "expected_spend": spend,
        "expected_spend_low": spend_lo,
        "expected_spend_high": spend_hi,
        "profit_share": share,
        "predicted_revenue": revenue,
        "predicted_revenue_low": rev_lo,
        "predicted_revenue_high": rev_hi,
        "predicted_value": value,
        "predicted_value_low": value_lo,
        "predicted_value_high": value_hi,
        "past_revenue": frame["past_revenue"].to_numpy(dtype=float),
        "past_value": frame["past_value"].to_numpy(dtype=float),
    }
    # One block of floats (a frame of 21 separate columns costs as much again to consolidate),
    # laid out as pandas keeps it (a row per column), so that it is not copied again.
    block = np.vstack([np.asarray(v, dtype=float) for v in numbers.values()])
    result = pd.DataFrame(block.T, columns=list(numbers), copy=False)
    result.insert(0, "customer_id", frame["customer_id"].reset_index(drop=True))
    result.insert(1, "frequency", frame["frequency"].to_numpy())
    totals = {"customers": len(frame)}
    for name, point, per_draw in (
        ("expected_purchases", float(purchases.sum()), totals_purchases_d),
        ("predicted_revenue", float(revenue.sum()), totals_rev_d),
        ("predicted_value", float(value.sum()), totals_val_d),
    ):
        low, high = np.quantile(per_draw, [low_q, high_q])
        totals[name] = point
        # the draws are made on the grid: centre their spread on the exact point
        centre = float(np.median(per_draw))
        totals[f"{name}_low"] = min(point, point + float(low) - centre)
        totals[f"{name}_high"] = max(point, point + float(high) - centre)
    return result, totals


def at_risk(fc: Forecast, limit: int | None = None) -> pd.DataFrame:
    """Valuable customers at risk: a past value in the top fifth of the positive past values and
    a probability of being alive under one half, most valuable first."""
    customers = fc.customers
    positive = customers.loc[customers["past_value"] > 0, "past_value"]
    if positive.empty:
        return customers.iloc[0:0]
    threshold = float(positive.quantile(0.8))
    chosen = customers[(customers["past_value"] >= threshold) & (customers["p_alive"] < 0.5)]
    chosen = chosen.sort_values(["past_value", "customer_id"], ascending=[False, True])
    return (chosen if limit is None else chosen.head(limit)).reset_index(drop=True)
