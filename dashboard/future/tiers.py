"""The forecast by value tier, in SQL: probability alive within each tier, the pyramid ahead
(each tier's share of this period's profit beside its share of the predicted value), the value
table with each customer's predicted value (so the pyramid can rank by it), and the contact
details of a list of customers.

``relation`` is the name of a table holding a forecast's customers (see
:func:`dashboard.future.cache.relation`); the tiers are those of ``filters`` (the period the
pyramid shows), cut by ``rule`` on ``by`` under ``cost_model``, as in :mod:`dashboard.value.pyramid`.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError, Label, Percent
from dashboard.future import check
from dashboard.store.filters import Filters
from dashboard.value import cache, pyramid, value_table
from dashboard.value.cost_model import CostModel
from dashboard.value.pyramid import TierRule

#: Probability alive is counted in bands of this width (0-10%, 10-20%, … 90-100%).
BAND = 0.1


def failure_labels(fc) -> list[Label]:
    """The failed conditions of a forecast's check, as names an error message carries (English
    as :attr:`~dashboard.future.check.Failure.message` says it, other languages by its key)."""
    return [
        Label(
            f.message,
            f.key,
            **{k: Percent(v) if k in check.SHARES else v for k, v in f.values.items()},
        )
        for f in fc.check.failures
    ]


def require_forecast(fc) -> None:
    """Refuse to rank by predicted value when the forecast's data check failed, saying why."""
    if fc.check.ok:
        return
    reasons = failure_labels(fc)
    raise AnalysisError(
        "The forecast is not shown, so customers cannot be ranked by predicted value: "
        + " ".join(r.text for r in reasons),
        key="errors.forecast_refused",
        reasons=reasons,
    )


def _tiers(conn, filters: Filters, rule: TierRule | None, cost_model: CostModel | None):
    return pyramid.customer_tiers_sql(
        filters, "revenue", rule, cost_model, cache.source(conn, filters, cost_model)
    )


def alive_bins(
    conn: duckdb.DuckDBPyConnection,
    relation: str,
    filters: Filters,
    rule: TierRule | None = None,
    cost_model: CostModel | None = None,
) -> pd.DataFrame:
    """How probability alive is spread within each tier.

    Returns
    -------
    pandas.DataFrame
        One row per tier ('1'-'4', 'inactive') and band (``bin``: 0, 0.1, … 0.9, every band, zero
        when empty): tier, bin, customers, share (of the tier's customers), median (the tier's
        median probability alive) and tier_customers.
    """
    tiers_sql, params = _tiers(conn, filters, rule, cost_model)
    bands = int(round(1 / BAND))
    sql = f"""
    WITH tiers AS ({tiers_sql}),
    {pyramid.TIER_LIST_SQL},
    scored AS (
        SELECT coalesce(t.tier, 'inactive') AS tier, f.p_alive,
               least(floor(f.p_alive * {bands}), {bands - 1})::INTEGER AS band
        FROM {relation} f LEFT JOIN tiers t USING (customer_id)
        WHERE f.p_alive IS NOT NULL
    ),
    per_tier AS (
        SELECT tier, count(*) AS tier_customers, quantile_cont(p_alive, 0.5) AS median
        FROM scored GROUP BY tier
    ),
    counted AS (SELECT tier, band, count(*) AS customers FROM scored GROUP BY tier, band)
    SELECT p.tier, b.band / {bands}::DOUBLE AS bin, coalesce(c.customers, 0) AS customers,
           coalesce(c.customers, 0) / p.tier_customers AS share, p.median, p.tier_customers
    FROM per_tier p
    JOIN tier_list l USING (tier)
    CROSS JOIN range({bands}) b(band)
    LEFT JOIN counted c ON c.tier = p.tier AND c.band = b.band
    ORDER BY l.tier_order, b.band"""
    frame = conn.execute(sql, params).df()
    frame["customers"] = frame["customers"].astype("int64")
    return frame


def ahead_shares(
    conn: duckdb.DuckDBPyConnection,
    relation: str,
    filters: Filters,
    rule: TierRule | None = None,
    cost_model: CostModel | None = None,
) -> pd.DataFrame:
    """The pyramid ahead: each tier's share of this period's profit and of the predicted value.

    Returns
    -------
    pandas.DataFrame
        One row per tier '1'-'4', 'inactive' (all five): tier, customers, profit (this period),
        predicted_value, predicted_value_low, predicted_value_high, predicted_revenue, ``now``
        (the share of tiers 1-4's profit; 0 for 'inactive') and ``ahead`` (the share of the
        predicted value of every customer).
    """
    value_sql, value_params = cache.source(conn, filters, cost_model)
    tiers_sql, params = pyramid.tiered_value_sql(
        filters, "revenue", rule, cost_model, (value_sql, value_params)
    )
    sql = f"""
    WITH tiered AS ({tiers_sql}),
    {pyramid.TIER_LIST_SQL},
    joined AS (
        SELECT coalesce(t.tier, 'inactive') AS tier, coalesce(t.profit, 0) AS profit,
               f.predicted_value, f.predicted_value_low, f.predicted_value_high,
               f.predicted_revenue
        FROM {relation} f FULL JOIN tiered t USING (customer_id)
    ),
    by_tier AS (
        SELECT tier, count(*) AS customers, sum(profit) AS profit,
               coalesce(sum(predicted_value), 0) AS predicted_value,
               coalesce(sum(predicted_value_low), 0) AS predicted_value_low,
               coalesce(sum(predicted_value_high), 0) AS predicted_value_high,
               coalesce(sum(predicted_revenue), 0) AS predicted_revenue
        FROM joined GROUP BY tier
    ),
    totals AS (
        SELECT sum(profit) FILTER (WHERE tier <> 'inactive') AS profit,
               sum(predicted_value) AS predicted_value
        FROM by_tier
    )
    SELECT l.tier, coalesce(b.customers, 0) AS customers, coalesce(b.profit, 0) AS profit,
           coalesce(b.predicted_value, 0) AS predicted_value,
           coalesce(b.predicted_value_low, 0) AS predicted_value_low,
           coalesce(b.predicted_value_high, 0) AS predicted_value_high,
           coalesce(b.predicted_revenue, 0) AS predicted_revenue,
           CASE WHEN l.tier = 'inactive' THEN 0
                ELSE coalesce(b.profit, 0) / nullif(tot.profit, 0) END AS now,
           coalesce(b.predicted_value, 0) / nullif(tot.predicted_value, 0) AS ahead
    FROM tier_list l CROSS JOIN totals tot LEFT JOIN by_tier b USING (tier)
    ORDER BY l.tier_order"""
    frame = conn.execute(sql, params).df()
    frame["customers"] = frame["customers"].astype("int64")
    return frame


def value_source(
    conn: duckdb.DuckDBPyConnection,
    relation: str,
    filters: Filters,
    cost_model: CostModel | None = None,
) -> tuple[str, list]:
    """The value table of ``filters`` with each customer's ``predicted_value`` (0 without a
    forecast): a ``source`` the pyramid ranks by predicted value (see
    :func:`dashboard.value.pyramid.tier_shares`)."""
    sql, params = cache.source(conn, filters, cost_model)
    joined = f"""
    SELECT v.*, coalesce(f.predicted_value, 0) AS predicted_value
    FROM ({sql}) v LEFT JOIN {relation} f USING (customer_id)"""
    return joined, params


def contacts(conn: duckdb.DuckDBPyConnection, customer_ids: list[str]) -> pd.DataFrame:
    """Name, e-mail, phone and country of each of ``customer_ids`` (one row each, in no order;
    a customer without a record has empty fields)."""
    return value_table.run_query(
        conn,
        """
        WITH wanted AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS customer_id)
        SELECT w.customer_id, c.name, c.email, c.phone, c.country
        FROM wanted w
        LEFT JOIN (  -- only the wanted customers' records, one each (not all of them)
            SELECT DISTINCT ON (customer_id) * FROM customers
            WHERE customer_id IN (SELECT customer_id FROM wanted)
        ) c USING (customer_id)""",
        [list(customer_ids)],
    )
