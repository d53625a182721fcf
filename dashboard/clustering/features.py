"""Per-customer features for clustering, computed in DuckDB on top of the customer value table."""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from dashboard.errors import AnalysisError, Label
from dashboard.store import computed
from dashboard.store.filters import Filters
from dashboard.value import cache as value_cache


@dataclass(frozen=True)
class Feature:
    """One feature a marketer can choose: its column, whether it is skewed, how to read it."""

    name: str
    log: bool  # skewed money or count: log-transformed before scaling
    integer: bool = False  # thresholds read as whole numbers ("orders ≥ 6")
    money: bool = False


#: The features, in the order the page lists them. ``channel_mix`` expands to one share per channel.
FEATURES = {
    f.name: f
    for f in (
        Feature("recency_days", log=True, integer=True),
        Feature("orders", log=True, integer=True),
        Feature("revenue", log=True, money=True),
        Feature("avg_order_value", log=True, money=True),
        Feature("tenure_days", log=False, integer=True),
        Feature("margin", log=False),
        Feature("return_rate", log=False),
        Feature("complaint_rate", log=False),
        Feature("nps", log=False),
        Feature("categories", log=True, integer=True),
        Feature("channel_mix", log=False),
    )
}
DEFAULT_FEATURES = (
    "recency_days",
    "orders",
    "revenue",
    "avg_order_value",
    "tenure_days",
    "return_rate",
    "categories",
)
#: Money columns kept beside the features for the profiles (shares of revenue, cost and profit).
VALUE_COLUMNS = ("revenue", "cost", "profit")
CHANNEL_PREFIX = "channel_share__"
MAX_CHANNELS = 5


def parse_features(text: str | None) -> tuple[str, ...]:
    """Feature names from a comma-separated list (the command line's --features); defaults if empty.

    Parameters
    ----------
    text : str or None
        For example ``"recency_days,orders,revenue"``.
    """
    if not text:
        return DEFAULT_FEATURES
    names = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    return check_feature_names(names)


def check_feature_names(names) -> tuple[str, ...]:
    """The names, validated: each known, at least two."""
    names = tuple(names)
    unknown = [n for n in names if n not in FEATURES]
    if unknown:
        raise AnalysisError(
            f"Unknown feature {', '.join(unknown)}: choose from {', '.join(FEATURES)}.",
            key="errors.unknown_feature",
            unknown=", ".join(unknown),
            known=", ".join(FEATURES),
        )
    if len(names) < 2:
        raise AnalysisError(
            "Choose at least two features: clusters need something to differ in.",
            key="errors.two_features",
        )
    return names


def channel_column(channel: str) -> str:
    """The feature column holding a customer's share of orders in ``channel``."""
    slug = re.sub(r"[^0-9a-z]+", "_", str(channel).lower()).strip("_") or "unknown"
    return CHANNEL_PREFIX + slug


def _feature_name(column: str) -> Label:
    """A feature column as a message names it: the column in English, the page's label otherwise."""
    if column.startswith(CHANNEL_PREFIX):
        channel = column.removeprefix(CHANNEL_PREFIX).replace("_", " ")
        return Label(column, "clusters.feature.channel_share", channel=channel)
    return Label(column, f"clusters.feature.{column}")


def feature_spec(column: str) -> Feature:
    """The Feature behind a column (a channel share column maps to ``channel_mix``)."""
    return FEATURES["channel_mix" if column.startswith(CHANNEL_PREFIX) else column]


def top_channels(conn: duckdb.DuckDBPyConnection, filters: Filters) -> list[str]:
    """The most used purchase channels in the period (the rest are left out of the mix)."""
    where, params = filters.transaction_sql("t")
    rows = conn.execute(
        f"""
        SELECT coalesce(t.channel, 'unknown') AS channel, count(*) AS n
        FROM transactions t WHERE {where} AND t.revenue > 0
        GROUP BY 1 ORDER BY n DESC, channel LIMIT ?
        """,
        [*params, MAX_CHANNELS],
    ).fetchall()
    return [r[0] for r in rows]


def _value_sql(filters: Filters, cost_model) -> tuple[str, list]:
    from dashboard.value import value_table

    return value_table.customer_value_sql(filters, cost_model=cost_model)


def features_sql(
    filters: Filters,
    channels=(),
    cost_model=None,
    with_mix: bool = True,
    value: tuple[str, list] | None = None,
) -> tuple[str, list]:
    """SQL giving one row per buying customer: customer_id, every feature and revenue/cost/profit.

    Builds on :func:`dashboard.value.value_table.customer_value_sql` and adds what it lacks: NPS, categories,
    channel shares, return, complaint and margin rates.

    Parameters
    ----------
    filters : Filters
        The period and segment to describe.
    channels : sequence of str
        Channels whose share of orders to compute (see :func:`top_channels`).
    cost_model : optional
        Passed to the customer value table.
    with_mix : bool
        Compute categories and channel shares (a second pass over the transactions); when False
        they are 0.
    value : tuple of (str, list), optional
        The customer value table's query and parameters when it is kept already
        (:func:`dashboard.value.cache.source`); computed inline otherwise.

    Returns
    -------
    tuple of (str, list)
        The query and its parameters.
    """
    value_sql, value_params = value or _value_sql(filters, cost_model)
    if not with_mix:
        channels, where, t_params = (), "FALSE", []
    else:
        where, t_params = filters.transaction_sql("t")
    f_where, f_params = filters.date_sql("f.created_at")
    shares = "".join(
        f",\n                sum(t.revenue) FILTER (WHERE t.revenue > 0 AND"
        f" coalesce(t.channel, 'unknown') = ?) AS {channel_column(c)}"
        for c in channels
    )
    share_sums = "".join(f", sum({channel_column(c)}) AS {channel_column(c)}" for c in channels)
    share_cols = "".join(
        f",\n            coalesce(m.{channel_column(c)} / nullif(m.gross_revenue, 0), 0)"
        f" AS {channel_column(c)}"
        for c in channels
    )
    sql = f"""
        WITH value AS ({value_sql}),
        buyers AS (
            SELECT * FROM value WHERE is_active
        ),
        mix_by_category AS (
            SELECT t.customer_id, t.category,
                sum(greatest(t.revenue, 0)) AS gross_revenue{shares}
            FROM transactions t
            WHERE {where}
            GROUP BY t.customer_id, t.category
        ),
        mix AS (  -- count(DISTINCT) per customer is 2-3 times slower than grouping twice
            SELECT customer_id,
                count(category) AS categories,
                sum(gross_revenue) AS gross_revenue{share_sums}
            FROM mix_by_category
            GROUP BY customer_id
        ),
        nps AS (
            SELECT f.customer_id, avg(f.score) AS nps
            FROM feedback f
            WHERE {f_where} AND f.scale = 'nps_0_10' AND f.score IS NOT NULL
                AND f.customer_id IS NOT NULL
            GROUP BY f.customer_id
        )
        SELECT b.customer_id,
            b.recency_days::DOUBLE AS recency_days,
            b.orders::DOUBLE AS orders,
            b.revenue::DOUBLE AS revenue,
            b.avg_order_value::DOUBLE AS avg_order_value,
            b.tenure_days::DOUBLE AS tenure_days,
            CASE WHEN b.revenue > 0 THEN greatest(least(b.profit / b.revenue, 1), -1) ELSE 0 END
                AS margin,
            CASE WHEN b.revenue + b.returned_revenue > 0
                THEN least(b.returned_revenue / (b.revenue + b.returned_revenue), 1)
                ELSE 0 END AS return_rate,
            coalesce(b.complaints, 0)::DOUBLE / b.orders AS complaint_rate,
            n.nps,
            coalesce(m.categories, 0)::DOUBLE AS categories{share_cols},
            b.cost::DOUBLE AS cost,
            b.profit::DOUBLE AS profit
        FROM buyers b
        LEFT JOIN mix m USING (customer_id)
        LEFT JOIN nps n USING (customer_id)
        ORDER BY b.customer_id
    """
    params = [*value_params, *list(channels), *t_params, *f_params]
    return sql, params


def feature_columns(features, channels=()) -> list[str]:
    """The columns the chosen features occupy (``channel_mix`` becomes one column per channel)."""
    columns = []
    for name in features:
        if name == "channel_mix":
            columns.extend(channel_column(c) for c in channels)
        else:
            columns.append(name)
    return columns


def read_features(
    conn: duckdb.DuckDBPyConnection, filters: Filters, features=DEFAULT_FEATURES, cost_model=None
) -> pd.DataFrame:
    """One row per buying customer with the chosen features and revenue, cost and profit.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters
        The period and segment.
    features : sequence of str
        Names from :data:`FEATURES`.
    cost_model : optional
        Passed to the customer value table.

    Returns
    -------
    pandas.DataFrame
        ``customer_id`` then the feature columns, then revenue, cost and profit; the attribute
        ``attrs["columns"]`` lists the feature columns in order.
    """
    features = check_feature_names(features)
    if computed.lines_elsewhere(conn):  # the features read every line: not brought back
        raise AnalysisError(key="spark.no_lines")
    channels = top_channels(conn, filters) if "channel_mix" in features else []
    with_mix = "categories" in features or bool(channels)
    # the value table of the period as the other pages keep it (computed once per data version)
    value = value_cache.source(conn, filters, cost_model)
    sql, params = features_sql(filters, channels, cost_model, with_mix, value)
    try:
        frame = conn.execute(sql, params).df()
    except duckdb.Error as e:
        raise AnalysisError(
            f"Cannot compute the customer features: {e}", key="errors.features_failed", error=str(e)
        ) from e
    columns = feature_columns(features, channels)
    keep = ["customer_id", *dict.fromkeys([*columns, *VALUE_COLUMNS])]
    frame = frame[keep]
    frame.attrs["columns"] = columns
    return frame


def uninformative(frame: pd.DataFrame, columns) -> list[str]:
    """The columns that are empty or the same for every customer (they cannot separate anyone)."""
    out = []
    for column in columns:
        values = frame[column].to_numpy(dtype=float)
        present = values[~np.isnan(values)]
        if len(present) == 0 or present.max() == present.min():
            out.append(column)
    return out


def check_features(frame: pd.DataFrame, columns, fill_missing: bool = False) -> None:
    """Raise AnalysisError when a feature is empty, constant or (unless filled) has gaps.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`read_features`.
    columns : sequence of str
        The feature columns to check.
    fill_missing : bool
        When True, missing values are allowed (the pipeline fills them with the median).
    """
    if frame.empty:
        raise AnalysisError(
            "No customer bought anything in this period: widen the period or import transactions.",
            key="errors.no_buyers",
        )
    if len(columns) < 2:
        raise AnalysisError(
            "Choose at least two features that differ between customers.",
            key="errors.two_differing_features",
        )
    for column in columns:
        values = frame[column].to_numpy(dtype=float)
        present = values[~np.isnan(values)]
        missing = len(values) - len(present)
        if len(present) == 0:
            raise AnalysisError(
                f"The feature {column} has no value for any customer: untick it "
                "(NPS needs feedback with scale nps_0_10).",
                key="errors.feature_empty",
                feature=_feature_name(column),
            )
        if missing and not fill_missing:
            raise AnalysisError(
                key="errors.feature_missing",
                feature=_feature_name(column),
                missing=missing,
                customers=len(values),
            )
        if np.nanmax(present) == np.nanmin(present):
            raise AnalysisError(
                f"The feature {column} is the same ({present[0]:g}) for every customer, so it "
                "cannot separate clusters: untick it (the data may have no such column, e.g. "
                "no categories).",
                key="errors.feature_constant",
                feature=_feature_name(column),
                value=float(present[0]),
            )
