"""The chart of one customer's timeline: every event of every channel on one time axis."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.i18n import format_date, format_money, t, value_label
from dashboard.identify.timeline import EVENTS
from dashboard.text_safety import plotly_text

#: Characters of an event's detail (a feedback text, products) shown when hovering.
HOVER_DETAIL = 80


def event_label(event: str, lang: str = "en") -> str:
    """The name of a kind of event as a user reads it ("Purchase", «Покупка»)."""
    return t(f"customers.timeline.event.{event}", lang)


def _short(text) -> str:
    if text is None or pd.isna(text):
        return ""
    text = str(text)
    return text if len(text) <= HOVER_DETAIL else text[: HOVER_DETAIL - 1] + "…"


def timeline_figure(events: pd.DataFrame, lang: str = "en", currency: str = "USD") -> go.Figure:
    """One lane per kind of event (purchases at the top), each event a dot on its date.

    Parameters
    ----------
    events : pandas.DataFrame
        occurred_at, event (one of :data:`dashboard.identify.timeline.EVENTS`), channel,
        detail, amount; as from :func:`dashboard.identify.timeline.customer_timeline` (the
        detail of a campaign in the reader's words). At least one row.
    lang, currency : str
        Language of the labels and currency of the money.

    Raises
    ------
    ValueError
        When ``events`` is empty or lacks the columns.
    """
    needed = {"occurred_at", "event", "channel", "detail", "amount"}
    if not needed <= set(events.columns):
        raise ValueError(f"events needs the columns {sorted(needed)}")
    if events.empty:
        raise ValueError("events has no rows: show a message instead of a chart")
    fig = go.Figure()
    present = [e for e in EVENTS if e in set(events["event"])]
    for event in present:
        rows = events[events["event"] == event]
        label = plotly_text(event_label(event, lang))
        hover = [
            [
                format_date(pd.Timestamp(when).to_pydatetime(), lang),
                plotly_text(value_label(channel, lang)) if isinstance(channel, str) else "—",
                plotly_text(_short(detail)),
                "" if amount is None or pd.isna(amount) else format_money(amount, lang, currency),
            ]
            for when, channel, detail, amount in zip(
                rows["occurred_at"], rows["channel"], rows["detail"], rows["amount"], strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=rows["occurred_at"],
                y=[label] * len(rows),
                mode="markers",
                name=label,
                marker={"color": theme.TIMELINE_COLORS[event], "size": 12, "symbol": "circle"},
                customdata=hover,
                hovertemplate=(
                    "%{customdata[0]} · %{customdata[1]}<br>%{customdata[2]}"
                    "<br>%{customdata[3]}<extra>" + label + "</extra>"
                ),
            )
        )
    channels = events["channel"].dropna().nunique()
    title = t(
        "customers.timeline.chart_title",
        lang,
        events=len(events),
        channels=int(channels),
        first=format_date(pd.Timestamp(events["occurred_at"].min()).to_pydatetime(), lang),
        last=format_date(pd.Timestamp(events["occurred_at"].max()).to_pydatetime(), lang),
    )
    lanes = [plotly_text(event_label(e, lang)) for e in present]
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(lanes)))
    fig = theme.style(
        fig,
        title,
        x_title=t("customers.timeline.date_axis", lang),
        height=max(260, 90 + 55 * len(present)),
        legend=False,
    )
    return theme.localize_months(fig, lang)
