"""The period's story in words: KPI values and changes as people read them, the pyramid's sentence,
the whale curve's finding and each tier's strategy; shared by the Overview, the pyramid page and the
HTML report, so that all of them say the same thing the same way."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import pyramid as pyramid_figures

TIERS = ("1", "2", "3", "4")
MONEY_KPIS = ("revenue", "cost", "profit")
#: The texts' strategy per group of tiers (seeds/004), with its translation key.
STRATEGY_GROUPS = (
    (("1", "2"), "pyramid.strategy.top"),
    (("3",), "pyramid.strategy.3"),
    (("4",), "pyramid.strategy.4"),
)


def format_kpi(name: str, value, lang: str, currency: str) -> str:
    """A KPI's value as people read it: money compact, rates as percentages, NPS signed.

    Parameters
    ----------
    name : str
        The KPI (see :data:`dashboard.reporting.metrics.KPIS`).
    value : float or None
        Its value; None shows as a dash.
    lang, currency : str
        The language and the currency code.
    """
    if value is None:
        return "—"
    if name in MONEY_KPIS:
        return i18n.format_money(value, lang, currency, compact=True)
    if name == "repeat_purchase_rate":
        return i18n.format_percent(value, lang)
    if name == "nps":
        return f"{value:+.0f}"
    return i18n.format_number(value, lang)


def format_change(row: dict, lang: str) -> str | None:
    """The change shown under a KPI: relative in %, or in points for rates and NPS.

    Parameters
    ----------
    row : dict
        One row of :func:`dashboard.reporting.metrics.kpis_with_change`.
    lang : str
        'en' or 'ru'.
    """
    change = row["change"]
    if change is None:
        return None
    if unchanged(row):
        change = 0.0
    sign = "+" if change > 0 else ""  # a rise is signed; no change is not ("+0.0%" reads as one)
    if row["kpi"] == "repeat_purchase_rate":
        points = i18n.format_number(change * 100, lang, 1)
        return i18n.t("overview.points", lang, value=sign + points)
    if row["kpi"] == "nps":
        return i18n.t("overview.points", lang, value=f"{sign}{change:.0f}")
    return sign + i18n.format_percent(change, lang)


def unchanged(row: dict) -> bool:
    """True when a KPI's change rounds to nothing as :func:`format_change` writes it (0.0%,
    0.0 pp, NPS 0): shown without an arrow or colour."""
    change = row["change"]
    if change is None:
        return False
    if row["kpi"] == "nps":
        return abs(change) < 0.5
    return abs(change) < 0.0005  # 0.0% and 0.0 pp alike


def missing_change_note(row: dict, lang: str) -> str | None:
    """What to say under a KPI that has no change (see :func:`format_change`), or None for nothing.

    A missing value (complaints and NPS without any feedback, the repeat rate without buyers)
    has nothing to compare, so nothing is said: "no earlier period" would blame the wrong thing.
    Only a value whose earlier period gives no figure says so.
    """
    if row["change"] is not None or row["value"] is None:
        return None
    if row["previous"] is None:
        return i18n.t("report.no_previous", lang)
    return None  # the earlier value was 0: no rate of change, the earlier value says enough


def change_is_good(row: dict) -> bool | None:
    """Whether a KPI's change is good news (None when there is no change or it is neutral)."""
    if row["change"] is None or unchanged(row) or row["higher_is_better"] is None:
        return None
    return (row["change"] > 0) == bool(row["higher_is_better"])


def has_tiers(shares: pd.DataFrame) -> bool:
    """True when somebody bought in the period, so the tiers hold customers."""
    return bool(shares.set_index("tier").loc[list(TIERS), "customers"].sum() > 0)


def story(shares: pd.DataFrame, lang: str) -> str | None:
    """The pyramid in one sentence (Markdown, the first part bold); None when nobody bought.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`dashboard.value.pyramid.tier_shares` output.
    lang : str
        'en' or 'ru'.
    """
    if not has_tiers(shares):
        return None
    tiers = shares.set_index("tier")

    def pct(tier_list, column):
        return i18n.format_percent(tiers.loc[tier_list, column].sum(), lang, 0)

    sentence = i18n.t(
        "overview.story",
        lang,
        top_share=pct(["1", "2"], "share_customers"),
        top_revenue=pct(["1", "2"], "share_revenue"),
        mid_share=pct(["3"], "share_customers"),
        mid_revenue=pct(["3"], "share_revenue"),
        mid_cost=pct(["3"], "share_cost_to_serve"),
        low_share=pct(["4"], "share_customers"),
        low_revenue=pct(["4"], "share_revenue"),
    )
    losing = [t for t in TIERS if tiers.loc[t, "profit"] < 0]
    if losing:  # who costs us: said outright, not left to the Pyramid page
        sentence += " " + i18n.t(
            "overview.story_loss." + ("one" if len(losing) == 1 else "many"),
            lang,
            tiers=", ".join(losing),
            share=pct(losing, "share_profit"),
        )
    return sentence


def plain(markdown: str) -> str:
    """A sentence with its Markdown bold marks (``**``) removed."""
    return markdown.replace("**", "")


def bold_to_html(escaped: str) -> str:
    """HTML-escaped text with Markdown ``**bold**`` turned into ``<strong>``."""
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)


def tier_share_figure(shares: pd.DataFrame, lang: str) -> go.Figure:
    """Each tier's share of customers, revenue, cost and profit, titled with the top tiers' share.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`dashboard.value.pyramid.tier_shares` output.
    lang : str
        'en' or 'ru'.
    """
    top = shares.set_index("tier").loc[["1", "2"]]
    return pyramid_figures.shares_figure(
        shares,
        title=i18n.t(
            "overview.tiers_title",
            lang,
            customers=i18n.format_percent(top["share_customers"].sum(), lang, 0),
            revenue=i18n.format_percent(top["share_revenue"].sum(), lang, 0),
        ),
        measure_names={m: i18n.t(f"pyramid.share.{m}", lang) for m in pyramid_figures.MEASURES},
        tier_names={t: i18n.t(f"common.tier_name.{t}", lang) for t in TIERS},
        x_title="",
        y_title=i18n.t("overview.share_axis", lang),
    )


def strategies(shares: pd.DataFrame, lang: str, currency: str) -> list[dict]:
    """The texts' strategy for tiers 1-2, 3 and 4, with the customers and money each concerns.

    Parameters
    ----------
    shares : pandas.DataFrame
        :func:`dashboard.value.pyramid.tier_shares` output.
    lang, currency : str
        The language and the currency code.

    Returns
    -------
    list of dict
        ``{"tiers", "name", "strategy", "numbers"}`` per group, best first.
    """
    groups = []
    for tiers, key in STRATEGY_GROUPS:
        rows = shares[shares.tier.isin(tiers)].sum(numeric_only=True)
        name = (
            i18n.t("pyramid.tiers_1_2", lang)
            if len(tiers) == 2
            else i18n.t("pyramid.tier", lang, tier=tiers[0])
        )
        groups.append(
            {
                "tiers": tiers,
                "name": name,
                "strategy": i18n.t(key, lang),
                "numbers": i18n.t(
                    "pyramid.strategy_numbers",
                    lang,
                    customers=i18n.format_number(rows.customers, lang),
                    revenue=_money(rows.revenue, lang, currency),
                    profit=_money(rows.profit, lang, currency),
                    serve=_money(rows.cost_to_serve, lang, currency),
                ),
            }
        )
    return groups


def _money(amount, lang: str, currency: str) -> str:
    return i18n.format_money(amount, lang, currency, compact=True)


def whale_title(summary: dict, lang: str, currency: str) -> str:
    """The whale curve's finding in one sentence.

    Parameters
    ----------
    summary : dict
        :func:`dashboard.value.whale.whale_summary` output (of a curve with customers).
    lang, currency : str
        The language and the currency code.
    """

    def pct(fraction):
        return i18n.format_percent(fraction, lang, decimals=0)

    if summary["peak_share_profit"] is None:
        return i18n.t(
            "pyramid.whale_title_loss",
            lang,
            loss=_money(summary["total_profit"], lang, currency),
            customers=pct(summary["peak_share_customers"]),
            peak=_money(summary["peak_profit"], lang, currency),
        )
    if summary["tail_customers"] == 0:
        return i18n.t("pyramid.whale_title_flat", lang)
    if summary["tail_share_loss"] < 0.005:  # "the last 1% lose 0%" would say nothing
        return i18n.t(
            "pyramid.whale_title_small_tail", lang, tail=pct(summary["tail_share_customers"])
        )
    return i18n.t(
        "pyramid.whale_title",
        lang,
        customers=pct(summary["peak_share_customers"]),
        profit=pct(summary["peak_share_profit"]),
        tail=pct(summary["tail_share_customers"]),
        loss=pct(summary["tail_share_loss"]),
    )


def whale_figure(curve: pd.DataFrame, summary: dict, lang: str, currency: str) -> go.Figure:
    """The whale curve titled with its finding; in money when the total profit is not positive.

    Parameters
    ----------
    curve : pandas.DataFrame
        :func:`dashboard.value.whale.whale_curve` output (not empty).
    summary : dict
        :func:`dashboard.value.whale.whale_summary` of ``curve``.
    lang, currency : str
        The language and the currency code.
    """
    in_money = summary["peak_share_profit"] is None
    y_title = (
        i18n.t("pyramid.whale_y_money", lang, currency=currency)
        if in_money
        else i18n.t("pyramid.whale_y", lang)
    )
    return pyramid_figures.whale_figure(
        curve,
        title=whale_title(summary, lang, currency),
        x_title=i18n.t("pyramid.whale_x", lang),
        y_title=y_title,
        peak_name=i18n.t("pyramid.whale_peak", lang),
        in_money=in_money,
    )


# --- the future: what the customer-base model predicts, or why it says nothing ---


def failure_text(failure, lang: str) -> str:
    """A failed condition of the forecast's data check and what data would fix it, in ``lang``
    (``failure`` is a :class:`dashboard.future.check.Failure`)."""
    from dashboard.future import check

    values = {}
    for name, value in failure.values.items():
        if name in check.SHARES:
            values[name] = i18n.format_percent(abs(value), lang, 0)
        elif name == "calibration_end" and value:
            values[name] = i18n.format_date(pd.Timestamp(value).date(), lang)
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            values[name] = str(value)
        else:
            values[name] = i18n.format_number(value, lang, 0 if isinstance(value, int) else 1)
    return i18n.t(failure.key, lang, **values)


def forecast_reasons(fc, lang: str) -> str:
    """Every failed condition of a forecast's check, in one text."""
    return " ".join(failure_text(f, lang) for f in fc.check.failures)


def year_ahead_sentence(fc, lang: str, currency: str) -> str:
    """Predicted revenue for the next 12 months ("$1.2M (80% interval $1.1M – $1.4M) …"), or
    why it is not shown (``fc`` a forecast over 52 weeks)."""
    if not fc.check.ok:
        return i18n.t("future.year_ahead_omitted", lang, reason=forecast_reasons(fc, lang))
    totals = fc.totals
    return i18n.t(
        "future.year_ahead",
        lang,
        value=_money(totals["predicted_revenue"], lang, currency),
        low=_money(totals["predicted_revenue_low"], lang, currency),
        high=_money(totals["predicted_revenue_high"], lang, currency),
        level=i18n.format_percent(fc.settings.level, lang, 0),
        rate=i18n.format_percent(fc.settings.discount_rate, lang, 0),
        date=i18n.format_date(fc.as_of, lang),
    )
