"""One place for the look of every chart: colours of tiers, clusters and feedback kinds, fonts."""

from __future__ import annotations

import math
import re
import textwrap
from datetime import date, datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import DEFAULT_LANGUAGE, format_month

#: Value tiers, best first, then customers with no purchase in the period.
TIER_ORDER = ("1", "2", "3", "4", "inactive")
TIER_COLORS = {
    "1": "#1b4f9c",  # deep blue: the few who bring most
    "2": "#3f88c5",
    "3": "#e08a2b",  # orange: the costly middle
    "4": "#9aa5b1",  # grey-blue: the many infrequent buyers
    "inactive": "#d3d7dc",
}
#: Clusters are coloured by their number everywhere (12 distinguishable, colour-blind-safe hues).
CLUSTER_COLORS = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#7f3c8d",
    "#f0e442",
    "#117733",
    "#882255",
    "#44aa99",
    "#999933",
)
FEEDBACK_KINDS = ("complaint", "suggestion", "wish", "praise", "question")
KIND_COLORS = {
    "complaint": "#c0392b",
    "suggestion": "#2e86c1",
    "wish": "#8e44ad",
    "praise": "#27ae60",
    "question": "#7f8c8d",
}
#: Money that is gained and lost, and a neutral series.
POSITIVE, NEGATIVE, NEUTRAL = "#2a9d8f", "#c0392b", "#5d6d7e"
#: A campaign's two groups: the contacted target group in one colour, the held-out control group
#: in a neutral grey, on every chart and table that shows them.
GROUP_COLORS = {"target": "#1f6fb2", "control": "#9aa1a9"}
#: The events of a customer's timeline (dashboard.identify.timeline): money in and out as above,
#: the customer's voice in the colour of a wish, the company's contacts and campaigns in their own.
TIMELINE_COLORS = {
    "purchase": POSITIVE,
    "return": NEGATIVE,
    "feedback": KIND_COLORS["wish"],
    "contact": NEUTRAL,
    "campaign": GROUP_COLORS["target"],
    "response": TIER_COLORS["3"],
}

#: Plotly does not wrap titles; these are sentences (and Russian runs long), so longer ones break
#: into lines that fit a chart in half the page's width.
TITLE_WIDTH = 56
#: The same for a chart in half the page's width.
HALF_TITLE_WIDTH = 34
FONT_FAMILY = "Inter, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
BASE_FONT_SIZE = 16  # readable on a projector


def cluster_color(cluster: int) -> str:
    """The colour of cluster number ``cluster`` (stable across pages and runs)."""
    return CLUSTER_COLORS[int(cluster) % len(CLUSTER_COLORS)]


def style(
    fig: go.Figure,
    title: str,
    *,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 460,
    legend: bool = True,
) -> go.Figure:
    """Apply the dashboard's look: a title that states the finding, big type, axis titles.

    A long title is broken into lines; the chart then makes room for it and puts its legend below.
    """
    fig.update_layout(
        title={"x": 0, "xanchor": "left", "font": {"size": 21}},
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": "#1f2933"},
        template="plotly_white",
        height=height,
        margin={"l": 70, "r": 30, "t": 80, "b": 60},
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hoverlabel={"font": {"size": 15}},
    )
    fit_title(fig, title)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def fit_title(fig: go.Figure, title: str, width: int = TITLE_WIDTH) -> go.Figure:
    """Set ``title`` in lines of at most ``width`` characters; a title of several lines gets room
    above the chart, and the legend moves below it."""
    title = wrap_title(title, width)
    extra_lines = title.count("<br>")
    fig.update_layout(title_text=title, margin_t=80 + 28 * extra_lines)
    if extra_lines:
        titled = bool(fig.layout.xaxis.title.text)  # the legend goes below the x axis's title
        fig.update_layout(
            margin_b=150 if titled else 110,
            legend={"yanchor": "top", "y": -0.32 if titled else -0.22, "xanchor": "left", "x": 0},
        )
    return fig


#: At most this many labels on the x axis of a chart in half the page.
HALF_MAX_TICKS = 4


def fit_half_width(fig: go.Figure) -> go.Figure:
    """A chart for half the page (two charts side by side), readable at 1280 pixels.

    The title wraps at :data:`HALF_TITLE_WIDTH` characters (a line of :data:`TITLE_WIDTH` would
    run past the chart's edge), and the x axis keeps its labels level, at most
    :data:`HALF_MAX_TICKS` of them on a time axis (tilted month names were cut at the bottom).
    """
    text = fig.layout.title.text
    if text:
        fit_title(fig, text.replace("<br>", " "), HALF_TITLE_WIDTH)
    xaxis = fig.layout.xaxis
    fig.update_xaxes(tickangle=0)
    if xaxis.tickvals is not None and len(xaxis.tickvals) > HALF_MAX_TICKS:
        step = math.ceil(len(xaxis.tickvals) / HALF_MAX_TICKS)
        texts = xaxis.ticktext[::step] if xaxis.ticktext is not None else None
        fig.update_xaxes(tickvals=xaxis.tickvals[::step], ticktext=texts)
    elif any(_dates(getattr(trace, "x", None)) for trace in fig.data):
        fig.update_xaxes(nticks=HALF_MAX_TICKS)
    return fig


def wrap_title(title: str, width: int = TITLE_WIDTH) -> str:
    """``title`` broken with <br> into lines of at most ``width`` characters (kept if it has breaks)."""
    if "<br>" in title or len(title) <= width:
        return title
    # a number stays on the line of the word after it ("58 texts", "9 143 клиента")
    held = re.sub(r"(\d%?) (?=\S)", "\\1\x00", title)
    return "<br>".join(textwrap.wrap(held, width)).replace("\x00", " ") or title


#: At most this many month labels on a time axis.
MAX_MONTH_TICKS = 8


def _dates(values) -> list[pd.Timestamp]:
    if values is None:
        return []
    array = np.asarray(values)
    if np.issubdtype(array.dtype, np.datetime64):
        return list(pd.to_datetime(array))
    if (
        array.dtype == object
        and len(array)
        and all(isinstance(v, (date, datetime, pd.Timestamp)) for v in array)
    ):
        return [pd.Timestamp(v) for v in array]
    return []


#: Plotly's decimal mark and thousands separator per language (1,234.5 / 1 234,5).
SEPARATORS = {"en": ".,", "ru": ",\u202f"}


def localize_numbers(fig: go.Figure, lang: str) -> go.Figure:
    """Numbers that Plotly itself writes (ticks, cell texts, hovers) with the language's marks.

    Outside English, axes write large numbers in full (20 000, not Plotly's Latin "20k").
    """
    fig.update_layout(separators=SEPARATORS.get(lang, SEPARATORS[DEFAULT_LANGUAGE]))
    if lang != DEFAULT_LANGUAGE:
        fig.update_xaxes(exponentformat="none")
        fig.update_yaxes(exponentformat="none")
    if lang in PERCENT_SIGN:
        _spaced_percents(fig)
    return fig


#: How a percentage ends per language when not as in English: Russian puts a no-break space
#: before the sign (80 %, as ``i18n.format_percent``). Plotly's number formats know no such
#: space, but d3's currency suffix can hold it: a percent format gets d3's ``$`` flag (".0%" →
#: "$.0%", whose suffix is then the currency's and not "%"), and :func:`plotly_config` gives
#: the chart a currency of ("", " %"). No chart of ours writes money with ``$``.
PERCENT_SIGN = {"ru": "\u00a0%"}
_PERCENT_FORMAT = re.compile(r"^([+\-( ]?)([0-9]*,?(?:\.[0-9]+)?~?%)$")
_PERCENT_TEMPLATE = re.compile(r"%\{([^}:]+):([+\-( ]?)([0-9]*,?(?:\.[0-9]+)?~?%)\}")


def _spaced_format(spec):
    if not isinstance(spec, str):
        return spec
    return _PERCENT_FORMAT.sub(r"\1$\2", spec)


def _spaced_percents(fig: go.Figure) -> None:
    """Every percent format of ``fig`` (axes, colour bars, hover and text templates) written
    with d3's ``$`` flag, so that the language's :data:`PERCENT_SIGN` ends it."""

    def axis(ax) -> None:
        ax.tickformat = _spaced_format(ax.tickformat)

    fig.for_each_xaxis(axis)
    fig.for_each_yaxis(axis)
    if fig.layout.coloraxis.colorbar.tickformat:
        axis(fig.layout.coloraxis.colorbar)
    for trace in fig.data:
        for name in ("hovertemplate", "texttemplate"):
            template = getattr(trace, name, None)
            if isinstance(template, str):
                trace[name] = _PERCENT_TEMPLATE.sub(r"%{\1:\2$\3}", template)
        for bar in (
            getattr(trace, "colorbar", None),
            getattr(trace.marker, "colorbar", None) if hasattr(trace, "marker") else None,
        ):
            if bar is not None and bar.tickformat:
                axis(bar)


def plotly_config(lang: str, dictionary: dict[str, str] | None = None) -> dict:
    """The config that goes with a figure from :func:`localize_numbers` in ``lang``: the
    language's percent sign (see :data:`PERCENT_SIGN`) and Plotly's own words (``dictionary``:
    Plotly's English → the language's, its toolbar's tooltips). Empty for English."""
    locale = {}
    if dictionary:
        locale["dictionary"] = dictionary
    if lang in PERCENT_SIGN:
        locale["format"] = {"currency": ["", PERCENT_SIGN[lang]]}
    if not locale:
        return {}
    return {"locale": lang, "locales": {lang: locale}}


def localize_months(fig: go.Figure, lang: str) -> go.Figure:
    """Month labels on a time axis in the language (Plotly writes month names in English only).

    Only traces whose x values are dates count; a figure without any is returned unchanged.
    In English Plotly's own labels stay, but for data of a single month: Plotly would label
    that one bar with hours ("00:00:00, Jul 1, 2024").
    """
    found = [d for trace in fig.data for d in _dates(getattr(trace, "x", None))]
    if not found:
        return fig
    months = sorted({d.to_period("M").to_timestamp() for d in found})
    if lang == DEFAULT_LANGUAGE and len(months) > 1:
        return fig
    shown = months[:: max(1, math.ceil(len(months) / MAX_MONTH_TICKS))]
    fig.update_xaxes(tickvals=shown, ticktext=[format_month(m, lang) for m in shown])
    return fig
