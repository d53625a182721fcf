"""Figures of the customer pyramid: the pyramid, tier shares, cost to serve, whale curve, migration."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import (
    KIND_COLORS,
    NEGATIVE,
    NEUTRAL,
    TIER_COLORS,
    TIER_ORDER,
    style,
)

TIERS = TIER_ORDER[:4]
#: The measures of the shares chart; cost is the cost to serve, as in the texts (tier 3: 45%).
MEASURES = ("customers", "revenue", "cost_to_serve", "profit")
#: Cost components, in hues no tier uses (the x axis of their chart is the tiers).
COMPONENT_COLORS = {
    "order_cost": "#2a9d8f",
    "return_cost": "#e9c46a",
    "service_cost": "#264653",
    "complaint_cost": KIND_COLORS["complaint"],
    "marketing_cost": KIND_COLORS["wish"],
}


def _style(fig: go.Figure, title: str, **kwargs) -> go.Figure:
    """The theme's style; a title wrapped on two lines gets room above the legend."""
    style(fig, title, **kwargs)
    if "<br>" in title:
        fig.update_layout(
            margin={"t": 110, "b": 110},
            legend={"y": -0.22, "yanchor": "top", "x": 0, "xanchor": "left"},
        )
    return fig


def _require(frame: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} needs the columns {missing}")


def _tiers(shares: pd.DataFrame) -> pd.DataFrame:
    _require(shares, ["tier", "customers", "share_customers"], "the tier shares")
    return shares[shares.tier.isin(TIERS)].set_index("tier").reindex(list(TIERS))


def pyramid_figure(
    shares: pd.DataFrame, *, title: str, tier_names: dict[str, str], texts: dict[str, str]
) -> go.Figure:
    """The tiers drawn as a pyramid: tier 1 at the narrow top, width by share of customers.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`dashboard.value.pyramid.tier_shares` output.
    title : str
        The finding to state.
    tier_names : dict
        Label of each tier '1'-'4'.
    texts : dict
        Text written inside each tier's band, by tier.
    """
    tiers = _tiers(shares)
    # Widths grow steadily so the shape reads as a pyramid even when tier 1 is 1% of customers;
    # the true shares are written beside and inside each band.
    fig = go.Figure(
        go.Funnel(
            y=[tier_names[t] for t in TIERS],
            x=[2.2, 2.8, 3.4, 4.0],
            text=[texts[t] for t in TIERS],
            textinfo="text",
            textposition="inside",
            constraintext="none",
            textfont={"color": "white", "size": 14},
            connector={"visible": False},
            marker={"color": [TIER_COLORS[t] for t in TIERS]},
            customdata=tiers.customers.fillna(0).astype(int).tolist(),
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    _style(fig, title, legend=False, height=440)
    fig.update_xaxes(visible=False)
    return fig


def shares_figure(
    shares: pd.DataFrame,
    *,
    title: str,
    measure_names: dict[str, str],
    tier_names: dict[str, str],
    y_title: str,
    x_title: str,
    reference: dict | None = None,
    reference_name: str = "{tier}",
) -> go.Figure:
    """Each tier's share of customers, revenue, cost to serve and profit, in the tiers' colours.

    The measures run along the x axis with a bar per tier in each, coloured as on the pyramid, so
    "tier 3: 24% of customers, 7% of revenue, 45% of the cost to serve" reads along one colour.

    Parameters
    ----------
    shares : pandas.DataFrame
        Tier shares (tiers '1'-'4'; a combined '1-2' row is allowed for the comparison).
    title, x_title, y_title : str
        The finding and the axis titles.
    measure_names : dict
        Label of each of :data:`MEASURES`.
    tier_names : dict
        Label of each tier in ``shares``.
    reference : dict, optional
        The texts' figures ``{tier: {"share_revenue": 0.9, ...}}``, drawn as hollow markers.
    reference_name : str
        Legend label of a tier's reference markers, with ``{tier}``.
    """
    _require(shares, ["tier", *(f"share_{m}" for m in MEASURES)], "the shares chart")
    rows = shares[shares.tier != "inactive"]
    x = [measure_names[m] for m in MEASURES]
    fig = go.Figure()
    # one bar per tier in each measure, in the tier's colour (as on the pyramid beside it)
    for row in rows.itertuples(index=False):
        fig.add_bar(
            x=x,
            y=[getattr(row, f"share_{m}") * 100 for m in MEASURES],
            name=tier_names[row.tier],
            marker_color=_tier_color(row.tier),
            offsetgroup=row.tier,
            hovertemplate="%{x}: %{y:.1f}%<extra>" + tier_names[row.tier] + "</extra>",
        )
    for tier, figures in (reference or {}).items():
        points = [(measure_names[m], figures[f"share_{m}"] * 100) for m in MEASURES
                  if f"share_{m}" in figures]  # fmt: skip
        if points and tier in set(rows.tier):
            fig.add_scatter(
                x=[p[0] for p in points],
                y=[p[1] for p in points],
                mode="markers",
                name=reference_name.format(tier=tier_names[tier]),
                offsetgroup=tier,
                marker={
                    "symbol": "diamond-open",
                    "size": 16,
                    "line": {"width": 3},
                    "color": "#222222",
                },
            )
    fig.update_layout(barmode="group", scattermode="group")
    return _style(fig, title, x_title=x_title, y_title=y_title)


def _tier_color(tier: str) -> str:
    """A tier's colour; the combined '1-2' takes tier 1's."""
    return TIER_COLORS[tier.split("-")[0]]


def combine_top_tiers(shares: pd.DataFrame) -> pd.DataFrame:
    """Tiers 1 and 2 summed into one row '1-2' (how the texts give their figures).

    Parameters
    ----------
    shares : pandas.DataFrame
        Tier shares with share_* columns.
    """
    rows = shares[shares.tier.isin(TIERS)].copy()
    rows["tier"] = rows.tier.replace({"1": "1-2", "2": "1-2"})
    return rows.groupby("tier", sort=False, as_index=False).sum(numeric_only=True)


def cost_components_figure(
    shares: pd.DataFrame,
    *,
    title: str,
    component_names: dict[str, str],
    tier_names: dict[str, str],
    y_title: str,
    x_title: str,
) -> go.Figure:
    """Cost to serve per customer of each tier, stacked by component: why a tier costs so much.

    Parameters
    ----------
    shares : pandas.DataFrame
        Tier shares with the cost component columns.
    title, x_title, y_title : str
        The finding and the axis titles.
    component_names : dict
        Label of each component column (``order_cost``...), in stacking order.
    tier_names : dict
        Label of each tier.
    """
    _require(shares, ["tier", "customers", *component_names], "the cost chart")
    rows = _tiers(shares)
    per_customer = rows[list(component_names)].div(rows.customers.where(rows.customers > 0), axis=0)
    fig = go.Figure()
    for component, name in component_names.items():
        fig.add_bar(
            x=[tier_names[t] for t in TIERS],
            y=per_customer[component],
            name=name,
            marker_color=COMPONENT_COLORS.get(component, NEUTRAL),
        )
    fig.update_layout(barmode="stack")
    return _style(fig, title, x_title=x_title, y_title=y_title)


def whale_figure(
    curve: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    y_title: str,
    peak_name: str,
    in_money: bool = False,
) -> go.Figure:
    """Cumulative profit over customers ranked by profit, from (0, 0), the peak marked.

    Parameters
    ----------
    curve : pandas.DataFrame
        :func:`dashboard.value.whale.whale_curve` output.
    title, x_title, y_title : str
        The finding and the axis titles.
    peak_name : str
        Label of the peak marker.
    in_money : bool
        Plot cumulative profit in money (when the total is not positive) instead of in %.
    """
    _require(
        curve,
        ["share_customers", "cumulative_profit", "share_profit", "is_peak"],
        "the whale curve",
    )
    y = curve.cumulative_profit if in_money else curve.share_profit * 100
    x = curve.share_customers * 100
    fig = go.Figure()
    fig.add_scatter(
        x=[0, *x],
        y=[0, *y],
        mode="lines",
        line={"color": TIER_COLORS["1"], "width": 4},
        name=y_title,
        hovertemplate="%{x:.1f}% → %{y:,.1f}<extra></extra>",
    )
    peak = curve.is_peak.to_numpy()
    fig.add_scatter(
        x=x[peak],
        y=y[peak],
        mode="markers+text",
        name=peak_name,
        text=[peak_name],
        textposition="top center",
        cliponaxis=False,  # the label sits above the plot area when the peak is at the top
        marker={"size": 16, "color": NEGATIVE, "symbol": "diamond"},
    )
    if not in_money:
        fig.add_hline(y=100, line_dash="dot", line_color=NEUTRAL)
    return _style(fig, title, x_title=x_title, y_title=y_title, legend=False)


def _matrix(migration: pd.DataFrame) -> pd.DataFrame:
    _require(migration, ["tier_before", "tier_after", "customers"], "the migration chart")
    return migration.pivot_table(
        index="tier_before", columns="tier_after", values="customers", aggfunc="sum", fill_value=0
    ).reindex(index=list(TIER_ORDER), columns=list(TIER_ORDER), fill_value=0)


def migration_heatmap(
    migration: pd.DataFrame, *, title: str, tier_names: dict[str, str], x_title: str, y_title: str
) -> go.Figure:
    """The migration matrix: customers from each tier before (rows) to each tier after (columns).

    Parameters
    ----------
    migration : pandas.DataFrame
        :func:`dashboard.value.migration.tier_migration` output.
    title, x_title, y_title : str
        The finding and the axis titles.
    tier_names : dict
        Label of each tier, 'inactive' included.
    """
    matrix = _matrix(migration)
    names = [tier_names[t] for t in TIER_ORDER]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=names,
            y=names,
            colorscale="Blues",
            texttemplate="%{z:,.0f}",  # 20,113 customers (Plotly's own "%{z}" writes 20.113k)
            hovertemplate=f"{y_title}: %{{y}}<br>{x_title}: %{{x}}<br>%{{z:,.0f}}<extra></extra>",
            showscale=False,
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _style(fig, title, x_title=x_title, y_title=y_title, legend=False)


#: Share of the plot's height that Plotly gives the nodes of a column (its padding of 18 px
#: between five nodes takes the rest of a 460-px chart).
NODE_SHARE = 0.75
#: Least height kept for each node, as a share of the plot: room for its label, also on a
#: half-width chart at 1280 pixels whose title takes two lines (a plot about 240 px tall).
MIN_NODE_SLOT = 0.09
#: The tiers' labels beside the nodes, a little smaller than the theme's text.
NODE_LABEL_SIZE = 14


def node_heights(sizes: pd.Series) -> list[float]:
    """The heights Plotly draws a column of Sankey nodes at, as shares of the plot's height."""
    total = max(1, sizes.sum())
    return (sizes / total * NODE_SHARE).tolist()


def _node_centres(sizes: pd.Series) -> list[float]:
    """Vertical centres of a column of Sankey nodes in tier order, tier 1 at the top.

    Each node gets a slot as tall as the node, or :data:`MIN_NODE_SLOT` when it is thinner (tier
    1 is 1% of customers), so neither nodes nor labels overlap; what is left is spread as gaps.
    """
    slots = [max(h, MIN_NODE_SLOT) for h in node_heights(sizes)]
    if sum(slots) > 1:
        slots = [slot / sum(slots) for slot in slots]
    gap = (1 - sum(slots)) / len(slots)
    centres, top = [], 0.0
    for slot in slots:
        centres.append(min(0.999, max(0.001, top + gap / 2 + slot / 2)))
        top += slot + gap
    return centres


def migration_sankey(
    migration: pd.DataFrame,
    *,
    title: str,
    tier_names: dict[str, str],
    before_name: str,
    after_name: str,
) -> go.Figure:
    """The same flows as a Sankey diagram: tiers before on the left, after on the right.

    Parameters
    ----------
    migration : pandas.DataFrame
        :func:`dashboard.value.migration.tier_migration` output.
    title : str
        The finding.
    tier_names : dict
        Label of each tier, 'inactive' included.
    before_name, after_name : str
        Words that tell the two sides apart.
    """
    matrix = _matrix(migration)
    # Only tiers with customers get a node: Plotly drops a node without links, and the node
    # positions given after it would then land on the wrong nodes.
    before = matrix.sum(axis=1)
    after = matrix.sum(axis=0)
    left = [t for t in TIER_ORDER if before[t] > 0]
    right = [t for t in TIER_ORDER if after[t] > 0]
    index = {("before", t): i for i, t in enumerate(left)}
    index |= {("after", t): len(left) + i for i, t in enumerate(right)}
    sources, targets, values, colors = [], [], [], []
    for tier_before in left:
        for tier_after in right:
            if matrix.loc[tier_before, tier_after] > 0:
                sources.append(index[("before", tier_before)])
                targets.append(index[("after", tier_after)])
                values.append(int(matrix.loc[tier_before, tier_after]))
                colors.append(TIER_COLORS[tier_before] + "80")
    fig = go.Figure(
        go.Sankey(
            node={
                "label": [tier_names[t] for t in left + right],
                "color": [TIER_COLORS[t] for t in left + right],
                "pad": 18,
                "x": [0.001] * len(left) + [0.999] * len(right),
                "y": _node_centres(before[left]) + _node_centres(after[right]),
            },
            link={"source": sources, "target": targets, "value": values, "color": colors},
            arrangement="fixed",
            textfont={"size": NODE_LABEL_SIZE},
        )
    )
    for x, text, anchor in ((0, before_name, "left"), (1, after_name, "right")):
        fig.add_annotation(
            x=x,
            y=-0.06,
            xref="paper",
            yref="paper",
            text=f"<b>{text}</b>",
            showarrow=False,
            xanchor=anchor,
            yanchor="top",
        )
    return _style(fig, title, legend=False)
