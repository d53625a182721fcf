"""Charts of the Feedback page: feedback by kind over time, NPS and ratings; shared helpers."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.i18n import format_date, format_month, format_number, format_percent, t
from dashboard.text_safety import plotly_text

MEASURES = ("count", "per_1000_active")


def styled(fig: go.Figure, title: str, **kwargs) -> go.Figure:
    """The theme's style with the title wrapped and the legend under the chart, clear of the title."""
    wrapped = theme.wrap_title(title)
    fig = theme.style(fig, wrapped, **kwargs)
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0},
        margin={"t": 80 + 28 * wrapped.count("<br>"), "b": 130},
    )
    return fig


def kind_label(kind: str, lang: str = "en") -> str:
    """The plural name of a feedback kind ("Complaints"); unknown kinds as they are."""
    key = f"feedback.kind.{kind}"
    try:
        return t(key, lang)
    except KeyError:
        return str(kind)


def chart_kind_label(kind: str, lang: str = "en") -> str:
    """:func:`kind_label` as a chart shows it: a kind of the user's own is text, never Plotly's
    markup."""
    return plotly_text(kind_label(kind, lang))


def group_label(split: str | None, group: str, lang: str = "en") -> str:
    """The name of a tier, cluster or channel group as a chart shows it (a channel is the
    user's text, escaped for Plotly)."""
    group = str(group)
    if group == "unknown":
        return t("feedback.group.unknown", lang)
    if split == "tier":
        return (
            t("feedback.group.inactive", lang)
            if group == "inactive"
            else t("feedback.group.tier", lang, tier=group)
        )
    if split == "cluster":
        return t("feedback.group.cluster", lang, cluster=plotly_text(group))
    return plotly_text(group)


def group_color(split: str | None, group: str) -> str | None:
    """The theme's colour of a tier or cluster group (None lets Plotly choose for channels)."""
    if split == "tier":
        return theme.TIER_COLORS.get(str(group), theme.NEUTRAL)
    if split == "cluster" and str(group).lstrip("-").isdigit():
        return theme.cluster_color(int(group))
    return None


def period_text(value, periods, lang: str = "en") -> str:
    """A period as a user reads it: "Mar 2024" when ``periods`` are months, else its first day."""
    monthly = all(pd.Timestamp(p).day == 1 for p in periods)
    return format_month(value, lang) if monthly else format_date(value, lang)


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
    values = {
        "kind": chart_kind_label(kind, lang),
        "period": period_text(last_period, series.index, lang),
        "value": _value_text(series.iloc[-1], measure, lang),
    }
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


def trend_figure(
    df: pd.DataFrame,
    lang: str = "en",
    measure: str = "count",
    split: str | None = None,
    kind: str | None = None,
) -> go.Figure:
    """Lines of feedback per period: one per kind, or one per group of ``split`` for one kind.

    Parameters
    ----------
    df : pandas.DataFrame
        The result of :func:`dashboard.feedback.trends.trend` (with ``group`` when split).
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
        return styled(fig, t("feedback.title.trend_empty", lang))
    if split is not None and "group" not in df.columns:
        raise ValueError("a split trend needs the 'group' column: call trend(..., split=...)")
    y_title = t("feedback.axis.count" if measure == "count" else "feedback.axis.per_1000", lang)
    if split is None:
        for kind_name in _ordered_kinds(df["kind"].unique()):
            part = (
                df[df["kind"] == kind_name]
                .groupby("period", as_index=False)[measure]
                .sum(min_count=1)
            )
            fig.add_scatter(
                x=part["period"],
                y=part[measure],
                mode="lines+markers",
                name=chart_kind_label(kind_name, lang),
                line={"color": theme.KIND_COLORS.get(kind_name, theme.NEUTRAL)},
            )
        title = _trend_title(df, measure, lang)
    else:
        kind = kind or focus_kind(df)
        part = df[df["kind"] == kind]
        for group, rows in part.groupby("group", sort=True):
            fig.add_scatter(
                x=rows["period"],
                y=rows[measure],
                mode="lines+markers",
                name=group_label(split, group, lang),
                line={"color": group_color(split, group)},
            )
        totals = part.groupby("group")[measure].agg("sum" if measure == "count" else "mean")
        top = totals.idxmax()
        title = t(
            "feedback.title.trend_group",
            lang,
            kind=chart_kind_label(kind, lang),
            split=t(f"feedback.split.{split}", lang),
            group=group_label(split, top, lang),
            value=_value_text(totals[top], measure, lang),
        )
    fig = styled(fig, title, x_title=t("feedback.axis.period", lang), y_title=y_title)
    return theme.localize_months(fig, lang)


def nps_figure(df: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Shares of promoters, passives and detractors per period with the NPS line (``nps_trend``)."""
    missing = {"period", "responses", "promoters", "passives", "detractors", "nps"} - set(df)
    if missing:
        raise ValueError(f"NPS data lacks the columns {sorted(missing)}")
    fig = go.Figure()
    if df.empty or df["responses"].sum() == 0:
        return styled(fig, t("feedback.title.no_nps", lang))
    for column, color in (
        ("detractors", theme.NEGATIVE),
        ("passives", "#b0b8c1"),
        ("promoters", theme.POSITIVE),
    ):
        fig.add_bar(
            x=df["period"],
            y=df[column] / df["responses"],
            name=t(f"feedback.nps.{column}", lang),
            marker_color=color,
            yaxis="y",
        )
    fig.add_scatter(
        x=df["period"],
        y=df["nps"],
        name="NPS",
        yaxis="y2",
        mode="lines+markers",
        line={"color": "#1f2933", "width": 3},
    )
    fig.update_layout(
        barmode="stack",
        yaxis={"tickformat": ".0%", "range": [0, 1]},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [-100, 100],
            "title": {"text": t("feedback.axis.nps", lang)},
            "showgrid": False,
        },
    )
    last = df.iloc[-1]
    title = t(
        "feedback.title.nps",
        lang,
        nps=format_number(last["nps"], lang, 0),
        period=period_text(last["period"], df["period"], lang),
        responses=format_number(last["responses"], lang),
    )
    fig = styled(
        fig,
        title,
        x_title=t("feedback.axis.period", lang),
        y_title=t("feedback.axis.share_answers", lang),
    )
    fig.update_layout(yaxis2={"title": {"text": t("feedback.axis.nps", lang)}})  # style set both
    return theme.localize_months(fig, lang)


def rating_figure(df: pd.DataFrame, lang: str = "en") -> go.Figure:
    """How many 1-5 ratings of each score, stacked by kind (from ``rating_distribution``)."""
    missing = {"score", "kind", "count"} - set(df)
    if missing:
        raise ValueError(f"rating data lacks the columns {sorted(missing)}")
    fig = go.Figure()
    if df.empty:
        return styled(fig, t("feedback.title.no_ratings", lang))
    for kind in _ordered_kinds(df["kind"].unique()):
        part = df[df["kind"] == kind]
        fig.add_bar(
            x=part["score"],
            y=part["count"],
            name=chart_kind_label(kind, lang),
            marker_color=theme.KIND_COLORS.get(kind, theme.NEUTRAL),
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickvals=[1, 2, 3, 4, 5])
    high = df.loc[df["score"] >= 4, "count"].sum() / df["count"].sum()
    title = t("feedback.title.ratings", lang, share=format_percent(high, lang, 0))
    return styled(
        fig, title, x_title=t("feedback.axis.stars", lang), y_title=t("feedback.axis.answers", lang)
    )
