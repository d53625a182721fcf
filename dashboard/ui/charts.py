"""Showing a figure: every chart goes through :func:`show`, so it speaks the session's language."""

from __future__ import annotations

import plotly.graph_objects as go

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
    return where.plotly_chart(theme.localize_numbers(fig, state.lang()), **kwargs)
