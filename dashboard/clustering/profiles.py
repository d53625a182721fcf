"""Cluster profiles in plain words: sizes, value shares, feature means, names and rules."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier

from dashboard import i18n
from dashboard.clustering.features import CHANNEL_PREFIX, feature_spec
from dashboard.clustering.pipeline import RANDOM_STATE, signed_log1p

RULE_SAMPLE = 50_000
RULE_DEPTH = 2
#: Feature columns holding a fraction (besides the channel shares).
RATE_FEATURES = ("margin", "return_rate", "complaint_rate")


def profile(frame: pd.DataFrame, columns, labels) -> pd.DataFrame:
    """Per cluster: customers, shares of customers, revenue, cost and profit, and feature means.

    Parameters
    ----------
    frame : pandas.DataFrame
        Features with ``revenue``, ``cost`` and ``profit`` (from ``read_features``).
    columns : sequence of str
        The feature columns.
    labels : array-like of int
        The cluster of each row.

    Returns
    -------
    pandas.DataFrame
        One row per cluster, largest first: ``cluster``, ``customers``, ``share_customers``,
        ``revenue``, ``cost``, ``profit``, ``share_revenue``, ``share_cost``, ``share_profit``
        and the mean of each feature column.
    """
    data = frame[list(dict.fromkeys([*columns, "revenue", "cost", "profit"]))].copy()
    data["cluster"] = np.asarray(labels)
    grouped = data.groupby("cluster", sort=True)
    out = grouped[["revenue", "cost", "profit"]].sum()
    out.insert(0, "customers", grouped.size())
    for measure in ("customers", "revenue", "cost", "profit"):
        total = out[measure].sum()
        out[f"share_{measure}"] = out[measure] / total if total else np.nan
    means = grouped[list(columns)].mean()
    out = out.join(means.rename(columns=lambda c: f"mean_{c}"))
    return out.reset_index()


def _transformed(frame: pd.DataFrame, columns) -> pd.DataFrame:
    data = frame[list(columns)].astype(float)
    for column in columns:
        if feature_spec(column).log:
            data[column] = signed_log1p(data[column])
    return data


def differences(frame: pd.DataFrame, columns, labels) -> pd.DataFrame:
    """Standardised difference of each cluster's mean from all customers', per feature.

    Skewed features are compared on their log scale, so a few giants do not dominate.

    Returns
    -------
    pandas.DataFrame
        Index ``cluster``, one column per feature: (cluster mean - overall mean) / overall SD.
    """
    data = _transformed(frame, columns)
    spread = data.std(ddof=0).replace(0, np.nan)
    means = data.groupby(np.asarray(labels)).mean()
    out = (means - data.mean()) / spread
    out.index.name = "cluster"
    return out.fillna(0.0)


def _name_key(z: dict, mean_orders: float | None) -> str:
    value = max(z.get("revenue", 0), z.get("avg_order_value", 0))
    unhappy = (
        z.get("complaint_rate", 0) > 0.5 or z.get("nps", 0) < -0.5 or z.get("return_rate", 0) > 1.0
    )
    recent, lapsing = z.get("recency_days", 0) < 0, z.get("recency_days", 0) > 0.5
    rules = (
        (value > 0.3 and unhappy, "unhappy_high_value"),
        (mean_orders is not None and mean_orders <= 1.5 and not lapsing, "new_one_time"),
        (mean_orders is not None and mean_orders <= 1.5, "lapsed_one_time"),
        (z.get("revenue", 0) > 0.5 and z.get("orders", 0) > 0.3 and recent, "loyal_big_spenders"),
        (lapsing and z.get("orders", 0) >= -0.2, "lapsing_regulars"),
        (lapsing, "drifting_away"),
        (z.get("return_rate", 0) > 0.7, "frequent_returners"),
        (z.get("avg_order_value", 0) > 0.5, "big_baskets"),
        (z.get("tenure_days", 0) < -0.5, "newcomers"),
        (z.get("orders", 0) > 0.3 or z.get("revenue", 0) > 0.3, "steady_regulars"),
        (value < -0.5, "small_spenders"),
    )
    return next((key for matched, key in rules if matched), "typical")


def name_keys(profile_table: pd.DataFrame, diffs: pd.DataFrame) -> list[str]:
    """A name for each cluster (a translation key ``clusters.name.*``) from rules on its profile.

    The rules read the standardised differences: e.g. more revenue and orders than most and a
    recent purchase make "Loyal big spenders"; one order on average makes "New one-time buyers".
    """
    keys = []
    for _, row in profile_table.iterrows():
        z = diffs.loc[int(row["cluster"])].to_dict()
        orders = row.get("mean_orders")
        keys.append("clusters.name." + _name_key(z, None if orders is None else float(orders)))
    return keys


def display_names(keys, custom: dict | None = None, lang: str = "en") -> dict[int, str]:
    """Each cluster's name in ``lang``: the saved custom name, else its rule name (numbered if repeated)."""
    custom = custom or {}
    names, seen = {}, {}
    for cluster, key in enumerate(keys):
        base = i18n.t(key, lang)
        seen[base] = seen.get(base, 0) + 1
        names[cluster] = base if seen[base] == 1 else f"{base} {seen[base]}"
    for cluster, name in custom.items():
        if name:
            names[int(cluster)] = name
    return names


def _leaf_conditions(tree, leaf: int, columns) -> list[list]:
    bounds: dict[str, list] = {}
    structure = tree.tree_
    parents = {}
    for node in range(structure.node_count):
        for child, side in (
            (structure.children_left[node], "le"),
            (structure.children_right[node], "gt"),
        ):
            if child != -1:
                parents[child] = (node, side)
    node = leaf
    while node in parents:
        node, side = parents[node]
        column = columns[structure.feature[node]]
        low, high = bounds.setdefault(column, [None, None])
        threshold = float(structure.threshold[node])
        if side == "gt":
            bounds[column][0] = threshold if low is None else max(low, threshold)
        else:
            bounds[column][1] = threshold if high is None else min(high, threshold)
    return [[column, low, high] for column, (low, high) in bounds.items()]


def cluster_rules(
    frame: pd.DataFrame, columns, labels, depth: int = RULE_DEPTH, random_state: int = RANDOM_STATE
) -> list[dict]:
    """A plain rule for each cluster from a shallow decision tree (one tree per cluster).

    Returns
    -------
    list of dict
        Per cluster: ``cluster``, ``conditions`` (``[column, above, up_to]``: the value is above
        ``above`` and at most ``up_to``; either may be None), ``precision`` (share of the customers
        the rule describes who are in the cluster) and ``coverage`` (share of the cluster described).
    """
    labels = np.asarray(labels)
    rng = np.random.default_rng(random_state)
    rows = np.arange(len(frame))
    if len(rows) > RULE_SAMPLE:
        rows = rng.choice(rows, RULE_SAMPLE, replace=False)
    X = frame[list(columns)].astype(float).iloc[rows]
    X = X.fillna(X.median())
    y_all = labels[rows]
    out = []
    for cluster in range(int(labels.max()) + 1):
        y = y_all == cluster
        tree = DecisionTreeClassifier(
            max_depth=depth,
            min_samples_leaf=max(1, len(y) // 100),
            class_weight="balanced",
            random_state=random_state,
        )
        tree.fit(X.to_numpy(), y)
        leaves = tree.apply(X.to_numpy())
        candidates = [
            _leaf_conditions(tree, int(leaf), list(columns)) for leaf in np.unique(leaves)
        ]
        scored = [(_quality(X, y, c), c) for c in candidates]
        best = max(scored, key=lambda s: s[0][0], default=((0.0, 0.0, 0.0), []))
        (score, precision, coverage), conditions = _simplify(X, y, *best)
        out.append(
            {
                "cluster": cluster,
                "conditions": conditions,
                "precision": precision,
                "coverage": coverage,
            }
        )
    return out


def _quality(X: pd.DataFrame, y: np.ndarray, conditions) -> tuple[float, float, float]:
    """F1, precision and coverage of a rule for one cluster."""
    inside = np.ones(len(X), dtype=bool)
    for column, above, up_to in conditions:
        if above is not None:
            inside &= X[column].to_numpy() > above
        if up_to is not None:
            inside &= X[column].to_numpy() <= up_to
    hits = int((inside & y).sum())
    if not hits:
        return 0.0, 0.0, 0.0
    precision, coverage = hits / int(inside.sum()), hits / int(y.sum())
    return 2 * precision * coverage / (precision + coverage), precision, coverage


def _simplify(X, y, quality, conditions, tolerance: float = 0.02):
    """Drop conditions that barely help (shorter rules read better)."""
    conditions = list(conditions)
    while len(conditions) > 1:
        trials = [
            (_quality(X, y, conditions[:i] + conditions[i + 1 :]), i)
            for i in range(len(conditions))
        ]
        (best, i) = max(trials, key=lambda t: t[0][0])
        if best[0] < quality[0] - tolerance:
            break
        quality, conditions = best, conditions[:i] + conditions[i + 1 :]
    return quality, conditions


def is_rate(column: str) -> bool:
    """True for a feature column holding a fraction, read as a percentage (returns, margin)."""
    return column in RATE_FEATURES or column.startswith(CHANNEL_PREFIX)


def mean_format(column: str) -> tuple[str, int]:
    """How a cluster's mean of a feature is written in a table: a kind and its decimals.

    Returns
    -------
    tuple of (str, int)
        ``("money", 2)`` for money, ``("percent", 1)`` for rates, ``("number", 0)`` for days
        (169.94 days reads "170"), ``("number", 1)`` for counts and scores (6.3 orders).
    """
    if feature_spec(column).money:
        return "money", 2
    if is_rate(column):
        return "percent", 1
    if column.endswith("_days"):
        return "number", 0
    return "number", 1


def _format_value(column: str, value: float, lang: str, currency: str) -> str:
    spec = feature_spec(column)
    if spec.money:
        return i18n.format_money(value, lang, currency)
    if is_rate(column):
        return i18n.format_percent(value, lang, 0)
    if spec.integer:
        return i18n.format_number(value, lang)
    return i18n.format_number(value, lang, 1)


def feature_label(column: str, lang: str = "en") -> str:
    """The reader's name of a feature column (a channel share names its channel)."""
    if column.startswith(CHANNEL_PREFIX):
        return i18n.t(
            "clusters.feature.channel_share",
            lang,
            channel=column.removeprefix(CHANNEL_PREFIX).replace("_", " "),
        )
    return i18n.t(f"clusters.feature.{column}", lang)


def describe_condition(condition, lang: str = "en", currency: str = "USD") -> str:
    """One condition in words: "orders ≥ 6", "last purchase within 45 days"."""
    column, above, up_to = condition
    if feature_spec(column).integer:  # whole numbers: "> 5.5" reads "≥ 6"
        above = None if above is None else math.floor(above) + 1
        up_to = None if up_to is None else math.floor(up_to)
        kind = "int"
    else:
        kind = "num"
    fmt = {
        k: _format_value(column, v, lang, currency)
        for k, v in (("low", above), ("high", up_to))
        if v is not None
    }
    shape = "between" if len(fmt) == 2 else ("above" if "low" in fmt else "up_to")
    special = f"clusters.rule.{column}.{shape}"
    if special in i18n.texts():
        return i18n.t(special, lang, **fmt)
    label = feature_label(column, lang).lower()
    return i18n.t(f"clusters.rule.{kind}.{shape}", lang, feature=label, **fmt)


def describe_rule(rule: dict, lang: str = "en", currency: str = "USD") -> str:
    """A cluster's rule as a sentence: conditions joined by "and"."""
    if not rule["conditions"]:
        return i18n.t("clusters.rule.none", lang)
    joiner = i18n.t("clusters.rule.and", lang)
    text = joiner.join(describe_condition(c, lang, currency) for c in rule["conditions"])
    return text[0].upper() + text[1:]
