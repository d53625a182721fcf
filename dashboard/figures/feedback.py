"""Charts of the Feedback page: trend by kind, the complaint iceberg, resolution, NPS, terms."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.i18n import format_month, format_number, format_percent, t

MEASURES = ("count", "per_1000_active")


def kind_label(kind: str, lang: str = "en") -> str:
    """The plural name of a feedback kind ("Complaints"); unknown kinds as they are."""
    key = f"feedback.kind.{kind}"
    try:
        return t(key, lang)
    except KeyError:
        return str(kind)


def group_label(split: str | None, group: str, lang: str = "en") -> str:
    """The name of a tier, cluster or channel group as a user reads it."""
    group = str(group)
    if group == "unknown":
        return t("feedback.group.unknown", lang)
    if split == "tier":
        return t("feedback.group.inactive", lang) if group == "inactive" else t(
            "feedback.group.tier", lang, tier=group)
    if split == "cluster":
        return t("feedback.group.cluster", lang, cluster=group)
    return group


def group_color(split: str | None, group: str) -> str | None:
    """The theme's colour of a tier or cluster group (None lets Plotly choose for channels)."""
    if split == "tier":
        return theme.TIER_COLORS.get(str(group), theme.NEUTRAL)
    if split == "cluster" and str(group).lstrip("-").isdigit():
        return theme.cluster_color(int(group))
    return None


def _value_text(value: float, measure: str, lang: str) -> str:
    return format_number(value, lang, 0 if measure == "count" else 1)


def _change_text(now: float, before: float, lang: str) -> str:
    if not before or before != before:
        return ""
    change = (now - before) / before
    if abs(change) < 0.005:
        return t("feedback.change.same", lang)
    key = "feedback.change.up" if change > 0 else "feedback.change.down"
    return t(key, lang, pct=format_percent(abs(change), lang, 0))


def _ordered_kinds(kinds) -> list[str]:
    known = [k for k in theme.FEEDBACK_KINDS if k in set(kinds)]
    return known + sorted(k for k in kinds if k not in theme.FEEDBACK_KINDS)


def focus_kind(df: pd.DataFrame) -> str:
    """The kind a title talks about: complaints when there are any, else the most frequent."""
    totals = df.groupby("kind")["count"].sum()
    if totals.get("complaint", 0) > 0:
        return "complaint"
    return str(totals.idxmax())


def _trend_title(df: pd.DataFrame, measure: str, lang: str) -> str:
    kind = focus_kind(df)
    series = df[df["kind"] == kind].groupby("period")[measure].sum(min_count=1).sort_index()
    last_period = series.index[-1]
    values = {"kind": kind_label(kind, lang), "period": format_month(last_period, lang),
              "value": _value_text(series.iloc[-1], measure, lang)}
    if len(series) < 2:
        return t("feedback.title.trend_first", lang, **values)
    change = _change_text(series.iloc[-1], series.iloc[-2], lang)
    if not change:
        return t("feedback.title.trend_first", lang, **values)
    return t("feedback.title.trend", lang, change=change, **values)


def _check_trend(df: pd.DataFrame, measure: str) -> None:
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    missing = {"period", "kind", measure} - set(df.columns)
    if missing:
        raise ValueError(f"trend data lacks the columns {sorted(missing)}")


def trend_figure(df: pd.DataFrame, lang: str = "en", measure: str = "count",
                 split: str | None = None, kind: str | None = None) -> go.Figure:
    """Lines of feedback per period: one per kind, or one per group of ``split`` for one kind.

    Parameters
    ----------
    df : pandas.DataFrame
        The result of :func:`dashboard.feedback.trend` (with ``group`` when split).
    lang : str
        'en' or 'ru'.
    measure : {'count', 'per_1000_active'}
        Plain counts, or per 1,000 customers who bought in the period.
    split : {None, 'tier', 'cluster', 'channel'}
        When given (and ``df`` has a ``group`` column) draw one line per group for ``kind``.
    kind : str, optional
        The kind drawn when split (default: complaints when present).
    """
    _check_trend(df, measure)
    fig = go.Figure()
    if df.empty or df["count"].sum() == 0:
        return theme.style(fig, t("feedback.title.trend_empty", lang))
    if split is not None and "group" not in df.columns:
        raise ValueError("a split trend needs the 'group' column: call trend(..., split=...)")
    y_title = t("feedback.axis.count" if measure == "count" else "feedback.axis.per_1000", lang)
    if split is None:
        for kind_name in _ordered_kinds(df["kind"].unique()):
            part = df[df["kind"] == kind_name].groupby("period", as_index=False)[measure].sum(min_count=1)
            fig.add_scatter(x=part["period"], y=part[measure], mode="lines+markers",
                            name=kind_label(kind_name, lang),
                            line={"color": theme.KIND_COLORS.get(kind_name, theme.NEUTRAL)})
        title = _trend_title(df, measure, lang)
    else:
        kind = kind or focus_kind(df)
        part = df[df["kind"] == kind]
        for group, rows in part.groupby("group", sort=True):
            fig.add_scatter(x=rows["period"], y=rows[measure], mode="lines+markers",
                            name=group_label(split, group, lang),
                            line={"color": group_color(split, group)})
        totals = part.groupby("group")[measure].agg("sum" if measure == "count" else "mean")
        top = totals.idxmax()
        title = t("feedback.title.trend_group", lang, kind=kind_label(kind, lang),
                  split=t(f"feedback.split.{split}", lang), group=group_label(split, top, lang),
                  value=_value_text(totals[top], measure, lang))
    return theme.style(fig, title, x_title=t("feedback.axis.period", lang), y_title=y_title)
