"""Charts of the Customers page: one customer's monthly revenue, how well attributes identify."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.i18n import currency_symbol, format_money, format_month, format_percent, t

#: The attributes the identification chart shows (the id always identifies, so it is left out).
CHART_ATTRIBUTES = ("email", "phone", "name_country")
#: How an attribute's customers split: identified alone, shared with another customer, missing.
QUALITY_PARTS = (
    ("unique_share", theme.POSITIVE),
    ("shared_share", theme.TIER_COLORS["3"]),
    ("missing_share", theme.TIER_COLORS["inactive"]),
)


def attribute_label(attribute: str, lang: str = "en") -> str:
    """The name of an identifying attribute as a user reads it ("E-mail")."""
    return t(f"customers.attribute.{attribute}", lang)


def share_label(fraction: float, lang: str = "en") -> str:
    """A share as the identification chart writes it, in its title and on its bars alike: one
    decimal unless it is whole ("99,7 %", "100 %"), so a bar never rounds 99.7% up to 100%."""
    if round(fraction * 100, 1) == round(fraction * 100):
        return format_percent(fraction, lang, 0)
    return format_percent(fraction, lang, 1)


def monthly_revenue_figure(
    monthly: pd.DataFrame, lang: str = "en", currency: str = "USD", tier: str | None = None
) -> go.Figure:
    """One customer's net revenue per month, in the colour of their tier.

    Parameters
    ----------
    monthly : pandas.DataFrame
        month (timestamp of the first day), revenue; as from
        :func:`dashboard.identify.customers.monthly_revenue`. At least one row.
    lang, currency : str
        Language of the labels and currency of the money.
    tier : str, optional
        The customer's tier ('1'-'4', 'inactive'); bars take its colour. Months with more returns
        than purchases are drawn in the loss colour.

    Raises
    ------
    ValueError
        When ``monthly`` is empty or lacks the columns.
    """
    if not {"month", "revenue"} <= set(monthly.columns):
        raise ValueError("monthly needs the columns 'month' and 'revenue'")
    if monthly.empty:
        raise ValueError("monthly has no rows: show a message instead of a chart")
    data = monthly.sort_values("month")
    color = theme.TIER_COLORS.get(str(tier), theme.NEUTRAL) if tier else theme.NEUTRAL
    colors = [color if value >= 0 else theme.NEGATIVE for value in data["revenue"]]
    labels = [format_month(month, lang) for month in data["month"]]
    fig = go.Figure(
        go.Bar(
            x=data["month"],
            y=data["revenue"],
            marker_color=colors,
            customdata=[
                [label, format_money(value, lang, currency)]
                for label, value in zip(labels, data["revenue"], strict=True)
            ],
            hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
        )
    )
    best = data.loc[data["revenue"].idxmax()]
    title = t(
        "customers.chart.monthly_title",
        lang,
        total=format_money(data["revenue"].sum(), lang, currency),
        months=len(data),
        best_month=format_month(best["month"], lang),
        best=format_money(best["revenue"], lang, currency),
    )
    symbol = currency_symbol(currency, lang)
    fig.update_xaxes(dtick="M1" if len(data) <= 12 else None, tickformat="%b %Y")
    fig = theme.style(
        fig,
        title,
        x_title=t("common.month", lang),
        y_title=t("customers.chart.revenue_axis", lang, currency=symbol),
        height=380,
        legend=False,
    )
    return theme.localize_months(fig, lang)


def identification_figure(attributes: pd.DataFrame, lang: str = "en") -> go.Figure:
    """How many customers each attribute identifies without error, shares, and who lacks it.

    Parameters
    ----------
    attributes : pandas.DataFrame
        attribute, unique_share, filled_share (fractions of customers), as from
        :func:`dashboard.identify.identification.attribute_quality`.
    lang : str
        Language of the labels.

    Raises
    ------
    ValueError
        When the table lacks the columns or holds none of :data:`CHART_ATTRIBUTES`.
    """
    if not {"attribute", "unique_share", "filled_share"} <= set(attributes.columns):
        raise ValueError("attributes needs attribute, unique_share and filled_share")
    data = attributes[attributes["attribute"].isin(CHART_ATTRIBUTES)].fillna(0)
    if data.empty:
        raise ValueError("attributes holds none of e-mail, phone, name and country")
    data = data.assign(
        shared_share=data["filled_share"] - data["unique_share"],
        missing_share=1 - data["filled_share"],
    ).iloc[::-1]
    names = [attribute_label(a, lang) for a in data["attribute"]]
    labelled = QUALITY_PARTS[0][0]  # every bar labels the same part: who is identified alone
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=data[part] * 100,
                orientation="h",
                marker_color=color,
                name=t(f"customers.chart.{part}", lang),
                text=[share_label(v, lang) for v in data[part]] if part == labelled else None,
                textposition="inside",
                insidetextanchor="start",
                textangle=0,
                hovertemplate="%{y}: %{x:.1f}%<extra>"
                + t(f"customers.chart.{part}", lang)
                + "</extra>",
            )
            for part, color in QUALITY_PARTS
        ]
    )
    # a narrow part still shows its label (over the next part) rather than shrinking it away
    fig.update_layout(
        barmode="stack", legend_traceorder="normal", uniformtext={"minsize": 11, "mode": "show"}
    )
    fig.update_xaxes(range=[0, 100])
    return theme.style(
        fig,
        _quality_title(data, lang),
        x_title=t("customers.chart.share_axis", lang),
        y_title="",
        height=340,
    )


def _quality_title(data: pd.DataFrame, lang: str) -> str:
    best = data.loc[data["unique_share"].idxmax()]
    if best["unique_share"] <= 0:
        return t("customers.chart.quality_title_none", lang)
    return t(
        "customers.chart.quality_title",
        lang,
        attribute=attribute_label(best["attribute"], lang),
        share=share_label(best["unique_share"], lang),
    )
