"""The share-of-wallet chart of the Customer pyramid page: each tier's share of its customers'
category spend."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import TIER_COLORS, style

TIERS = ("1", "2", "3", "4", "inactive")


def tier_share_figure(
    summary: pd.DataFrame,
    *,
    title: str,
    tier_names: dict[str, str],
    texts: dict[str, str],
    hovers: dict[str, str],
    x_title: str,
    y_title: str,
) -> go.Figure:
    """One bar per tier with a known wallet: our revenue ÷ the wallet, in the tier's colour.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`dashboard.wallet.share.tier_summary`: tier, known, share.
    title, x_title, y_title : str
        The finding and the axis titles.
    tier_names, texts, hovers : dict
        Per tier: its label, the text on its bar and its hover text (already escaped).
    """
    missing = [c for c in ("tier", "known", "share") if c not in summary.columns]
    if missing:
        raise ValueError(f"the share-of-wallet chart needs {', '.join(missing)}")
    rows = summary[(summary.known > 0) & summary.share.notna()]
    rows = rows[rows.tier.isin(TIERS)]
    if rows.empty:
        raise ValueError("no tier has a known wallet")
    fig = go.Figure(
        go.Bar(
            x=[tier_names[t] for t in rows.tier],
            y=rows.share,
            marker_color=[TIER_COLORS[t] for t in rows.tier],
            text=[texts[t] for t in rows.tier],
            textposition="outside",
            hovertext=[hovers[t] for t in rows.tier],
            hoverinfo="text",
            cliponaxis=False,
        )
    )
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return style(fig, title, x_title=x_title, y_title=y_title, legend=False)
