"""Charts titled with their finding, in a language given as an argument.

The pages draw them for the session's language and the presenter's deck for the deck's, so a
slide's title is the very sentence of the live page's chart (same numbers, same words).
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import campaigns as campaign_figures
from dashboard.figures import clusters as cluster_figures
from dashboard.figures import future as future_figures
from dashboard.figures import pyramid as pyramid_figures
from dashboard.text_safety import plotly_text
from dashboard.value import pyramid, value_table

TOP = ("1", "2")


def _pct(fraction, lang: str) -> str:
    return i18n.format_percent(fraction, lang, decimals=0)


def _money(amount, lang: str, currency: str) -> str:
    return i18n.format_money(amount, lang, currency, compact=True)


def wrap(title: str, width: int = 36) -> str:
    """A title broken onto lines for a chart in a half-width column."""
    return "<br>".join(textwrap.wrap(title, width))


def tier_names(lang: str, combined: bool = False) -> dict[str, str]:
    """Label of each tier ('1'-'4', 'inactive' and, when asked, the combined '1-2')."""
    names = {t: i18n.t("pyramid.tier", lang, tier=t) for t in pyramid.TIERS}
    names["inactive"] = i18n.t("pyramid.tier.inactive", lang)
    if combined:
        names["1-2"] = i18n.t("pyramid.tiers_1_2", lang)
    return names


def pyramid_story(shares: pd.DataFrame, lang: str) -> str:
    """The pyramid page's headline: what tiers 1-2 bring."""
    top = shares[shares.tier.isin(TOP)].sum(numeric_only=True)
    over = top.share_profit > 1  # more than all of it: the other tiers lose money
    return i18n.t(
        "pyramid.story_over" if over else "pyramid.story",
        lang,
        customers=_pct(top.share_customers, lang),
        revenue=_pct(top.share_revenue, lang),
        profit=_pct(top.share_profit, lang),
    )


def shares_figure(
    shares: pd.DataFrame, lang: str, compare: bool = False, width: int = 40
) -> go.Figure:
    """Each tier's share of customers, revenue, cost and profit; with ``compare``, tiers 1-2 as
    one bar beside the texts' figures (11% of customers bring 90% of revenue...)."""
    data = pyramid_figures.combine_top_tiers(shares) if compare else shares
    return pyramid_figures.shares_figure(
        data,
        title=wrap(pyramid_story(shares, lang), width),
        tier_names=tier_names(lang, combined=True),
        measure_names={m: i18n.t(f"pyramid.share.{m}", lang) for m in pyramid_figures.MEASURES},
        y_title=i18n.t("pyramid.share_axis", lang),
        x_title="",
        reference=pyramid.REFERENCE if compare else None,
        reference_name=i18n.t("pyramid.reference", lang, tier="{tier}"),
    )


def cost_figure(shares: pd.DataFrame, lang: str, currency: str) -> go.Figure:
    """Cost to serve per customer of each tier, by component, titled by the costliest tier."""
    tiers = shares[shares.tier.isin(pyramid.TIERS) & (shares.customers > 0)]
    ratios = tiers.cost_to_serve / tiers.revenue.where(tiers.revenue > 0)
    worst = tiers.loc[ratios.idxmax()] if ratios.notna().any() else tiers.iloc[-1]
    title = i18n.t(
        "pyramid.cost_title",
        lang,
        tier=worst.tier,
        ratio=_pct(ratios.get(worst.name), lang),
        cost=_money(worst.cost_to_serve / worst.customers, lang, currency),
    )
    return pyramid_figures.cost_components_figure(
        shares,
        title=title,
        tier_names=tier_names(lang),
        component_names={
            c: i18n.t(f"pyramid.component.{c}", lang) for c in value_table.COST_COMPONENTS
        },
        x_title=i18n.t("pyramid.tier_axis", lang),
        y_title=i18n.t("pyramid.cost_axis", lang, currency=currency),
    )


def top_stayed(matrix: pd.DataFrame) -> float:
    """The share of last period's tier 1-2 customers still in tiers 1-2."""
    top = matrix[matrix.tier_before.isin(TOP)]
    return top[top.tier_after.isin(TOP)].customers.sum() / max(1, top.customers.sum())


def migration_figure(matrix: pd.DataFrame, lang: str) -> go.Figure:
    """Tier migration as a matrix, titled with the share of the top tiers who stayed there."""
    return pyramid_figures.migration_heatmap(
        matrix,
        title=wrap(i18n.t("pyramid.migration_title", lang, stayed=_pct(top_stayed(matrix), lang))),
        tier_names=tier_names(lang),
        x_title=i18n.t("pyramid.migration_after", lang),
        y_title=i18n.t("pyramid.migration_before", lang),
    )


def cluster_title(title: str, lang: str, stale_run: dict | None = None) -> str:
    """A cluster chart's finding, said to be of the run's time when the data changed since
    (``stale_run``: the run, when it is stale)."""
    if stale_run is None:
        return title
    date = i18n.format_date(stale_run["created_at"], lang)
    return i18n.t("clusters.as_of", lang, title=title, run_id=stale_run["run_id"], date=date)


def cluster_shares_figure(run: dict, names: dict, lang: str, stale: bool = False) -> go.Figure:
    """Each cluster's share of customers, revenue, cost and profit, titled by the cluster that
    brings the most revenue."""
    profile = run["profile"]
    top = profile.sort_values("share_revenue", ascending=False).iloc[0]
    measures = {m: i18n.t(f"common.{m}", lang) for m in ("customers", "revenue", "cost", "profit")}
    title = i18n.t(
        "clusters.chart.shares_title",
        lang,
        name=plotly_text(names[int(top["cluster"])]),
        share=i18n.format_percent(top["share_revenue"], lang, 0),
        customers=i18n.format_percent(top["share_customers"], lang, 0),
    )
    title = cluster_title(title, lang, run if stale else None)
    return cluster_figures.shares_figure(
        profile, names, measures, title, i18n.t("clusters.chart.shares_y", lang)
    )


def cluster_heatmap_figure(run: dict, names: dict, lang: str, stale: bool = False) -> go.Figure:
    """What sets each cluster apart: standardised differences, titled by the largest."""
    from dashboard.clustering.profiles import feature_label

    diffs = run["differences"].sort_index()[run["features"]]
    cluster, column = diffs.abs().stack().idxmax()
    z = diffs.loc[cluster, column]
    title = i18n.t(
        "clusters.chart.heatmap_title",
        lang,
        name=plotly_text(names[int(cluster)]),
        feature=feature_label(column, lang).lower(),
        z=i18n.format_number(z, lang, 1),
    )
    return cluster_figures.heatmap_figure(
        diffs,
        [f"{c}: {names[int(c)]}" for c in diffs.index],
        [feature_label(c, lang) for c in diffs.columns],
        cluster_title(title, lang, run if stale else None),
        i18n.t("clusters.chart.heatmap_x", lang),
        i18n.t("clusters.chart.heatmap_y", lang),
        i18n.t("clusters.chart.heatmap_scale", lang),
    )


def points(fraction: float, lang: str, signed: bool = True) -> str:
    """A difference of two rates in percentage points: +4.1 pp / +4,1 п. п."""
    if fraction != fraction:
        return "—"
    text = i18n.format_number(abs(fraction) * 100, lang, 1)
    sign = ("+" if fraction > 0 else "−" if fraction < 0 else "") if signed else ""
    return i18n.t("campaigns.pp", lang, value=sign + text)


def uplift_figure(result: dict, lang: str) -> go.Figure:
    """A campaign's response rates of both groups and the uplift, each with its interval,
    titled by whether the interval of the uplift is above, below or around zero."""
    groups = result["groups"]
    rows = [
        {
            "kind": grp,
            "label": i18n.t(f"campaigns.group.{grp}", lang),
            "value": groups[grp]["response_rate"],
            "low": groups[grp]["rate_low"],
            "high": groups[grp]["rate_high"],
            "text": i18n.format_percent(groups[grp]["response_rate"], lang),
        }
        for grp in ("target", "control")
    ]
    rows.append(
        {
            "kind": "uplift",
            "label": i18n.t("campaigns.chart.uplift_label", lang),
            "value": result["uplift"],
            "low": result["ci_low"],
            "high": result["ci_high"],
            "text": points(result["uplift"], lang),
        }
    )
    if result["ci_low"] > 0:
        key = "above"
    elif result["ci_high"] < 0:
        key = "below"
    else:
        key = "zero"
    return campaign_figures.uplift_figure(
        pd.DataFrame(rows),
        i18n.t(f"campaigns.chart.uplift_{key}", lang, pp=points(result["uplift"], lang)),
        i18n.t("campaigns.chart.uplift_x", lang),
    )


def future_tier_names(lang: str) -> dict[str, str]:
    """The tiers as the Future value page names them."""
    return {t: i18n.t(f"common.tier_name.{t}", lang) for t in pyramid.ALL_TIERS}


def ahead_figure(shares: pd.DataFrame, weeks: int, lang: str) -> go.Figure:
    """The pyramid ahead: each tier's share now beside its share of the predicted value,
    titled by the top tier's two shares."""
    names = future_tier_names(lang)
    shown_weeks = i18n.format_number(weeks, lang)
    top = shares.iloc[0]
    return future_figures.ahead_figure(
        shares,
        names,
        {
            "now": i18n.t("future.series.now", lang),
            "ahead": i18n.t("future.series.ahead", lang, weeks=shown_weeks),
        },
        i18n.t(
            "future.ahead_title",
            lang,
            tier=names[top.tier],
            now=_pct(top.now, lang),
            ahead=_pct(top.ahead, lang),
            weeks=shown_weeks,
        ),
        i18n.t("future.ahead_y", lang),
    )
