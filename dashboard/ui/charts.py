"""Showing a figure: every chart goes through :func:`show`, so it speaks the session's language."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import theme
from dashboard.ui import state


def show(where, fig: go.Figure, *, half: bool = False, **kwargs):
    """``where.plotly_chart(fig, **kwargs)`` with Plotly's own numbers in the session's language.

    ``where`` is ``st`` or a container (a column, an expander); ``half`` for a chart beside
    another, whose title then wraps sooner. Returns what Streamlit returns (the selection event
    when ``on_select`` is given).
    """
    if half:
        theme.fit_half_width(fig)
    lang = state.lang()
    kwargs["config"] = {**plotly_locale(lang), **kwargs.get("config", {})}
    return where.plotly_chart(theme.localize_numbers(fig, lang), **kwargs)


PLOTLY_PREFIX = "charts.plotly."


def plotly_locale(lang: str) -> dict:
    """Plotly's config in ``lang``: its own words (the toolbar's tooltips, its notices) and
    the language's percent sign (:func:`dashboard.figures.theme.plotly_config`).

    Streamlit ships Plotly without its locale files, so the dictionary goes in the chart's
    config (``locales``), from ``translations/charts.py`` (keyed by Plotly's English).
    """
    if lang == i18n.DEFAULT_LANGUAGE:
        return {}
    dictionary = {
        english: i18n.t(key, lang)
        for key, (english, _) in i18n.texts().items()
        if key.startswith(PLOTLY_PREFIX)
    }
    return theme.plotly_config(lang, dictionary)
