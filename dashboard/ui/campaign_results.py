"""The Campaigns page's results: the status of the window, the KPIs, the verdict and the charts."""

from __future__ import annotations

import streamlit as st

from dashboard.figures import campaigns as figures
from dashboard.i18n import format_date, format_money, format_number, format_percent
from dashboard.reporting import findings
from dashboard.ui import charts, state


def points(fraction: float, signed: bool = True) -> str:
    """A difference of two rates in percentage points: +4.1 pp / +4,1 п. п."""
    return findings.points(fraction, state.lang(), signed)


def money(value) -> str:
    return "—" if value is None else format_money(value, state.lang(), state.currency())


def status(result: dict) -> bool:
    """Say how much of the window the data cover; False when there is nothing to measure."""
    lang, campaign = state.lang(), result["campaign"]
    values = {
        "days": result["days_covered"],
        "window": campaign["window_days"],
        "start": format_date(campaign["start_date"], lang),
        "end": format_date(campaign["end_date"], lang),
        "data_end": format_date(result["data_end"], lang),
    }
    if result["status"] == "not_started":
        st.info(state.tr("campaigns.status.not_started", **values), icon=":material/schedule:")
        return False
    if result["status"] == "not_over":
        st.info(state.tr("campaigns.status.not_over", **values), icon=":material/schedule:")
    elif result["status"] == "data_end":
        st.warning(state.tr("campaigns.status.data_end", **values), icon=":material/history:")
    return True


def sizes(result: dict) -> None:
    """The two groups' sizes (known before any response)."""
    lang, groups = state.lang(), result["groups"]
    left, right, _, _ = st.columns(4)
    for where, grp in ((left, "target"), (right, "control")):
        where.metric(
            state.tr(f"campaigns.kpi.{grp}_customers"),
            format_number(groups[grp]["customers"], lang),
        )


def kpis(result: dict) -> None:
    """Sizes, response rates, the uplift with its interval, incremental revenue and ROI.

    Two rows of cards that wrap, each card as wide as its text ("Дополнительные покупатели"),
    so nothing is cut short on a narrow screen.
    """
    lang, groups = state.lang(), result["groups"]
    with st.container(horizontal=True, wrap=True):
        for grp in ("target", "control"):
            st.metric(
                state.tr(f"campaigns.kpi.{grp}_customers"),
                format_number(groups[grp]["customers"], lang),
            )
        for grp in ("target", "control"):
            st.metric(
                state.tr(f"campaigns.kpi.{grp}_rate"),
                format_percent(groups[grp]["response_rate"], lang),
                delta=state.tr(
                    "campaigns.kpi.responders",
                    responders=format_number(groups[grp]["responders"], lang),
                ),
                delta_color="off",
                delta_arrow="off",
            )
    with st.container(horizontal=True, wrap=True):
        st.metric(
            state.tr("campaigns.kpi.uplift"),
            points(result["uplift"]),
            delta=state.tr(
                "campaigns.kpi.ci", low=points(result["ci_low"]), high=points(result["ci_high"])
            ),
            delta_color="off",
            delta_arrow="off",
            help=state.tr("campaigns.kpi.uplift_help"),
        )
        _incremental_cards(result)
    st.markdown("**" + verdict(result) + "**")


def _incremental_cards(result: dict) -> None:
    """Extra buyers, incremental revenue and ROI. When the uplift could be chance (the verdict's
    own test), each card says so and shows its 95% interval: the money may well be zero."""
    lang, chance = state.lang(), not result["is_significant"]
    target = result["groups"]["target"]["customers"]

    def caveat(low: str, high: str) -> str | None:
        return state.tr("campaigns.kpi.chance_ci", low=low, high=high) if chance else None

    def helped(key: str) -> str:
        text = state.tr(key)
        return state.tr("campaigns.kpi.chance_help") + " " + text if chance else text

    st.metric(
        state.tr("campaigns.kpi.incremental_responders"),
        format_number(round(result["incremental_responders"]), lang),
        delta=caveat(
            format_number(round(result["ci_low"] * target), lang),
            format_number(round(result["ci_high"] * target), lang),
        ),
        delta_color="off",
        delta_arrow="off",
        help=state.tr("campaigns.kpi.chance_help") if chance else None,
    )
    st.metric(
        state.tr("campaigns.kpi.incremental_revenue"),
        money(result["incremental_revenue"]),
        delta=caveat(money(result["revenue_low"]), money(result["revenue_high"])),
        delta_color="off",
        delta_arrow="off",
        help=helped("campaigns.kpi.incremental_revenue_help"),
    )
    roi = result["roi"]
    if roi is None:
        st.metric(state.tr("campaigns.kpi.roi"), "—", help=state.tr("campaigns.kpi.roi_unknown"))
        return
    cost = state.tr("campaigns.kpi.cost", cost=money(result["contact_cost"]))
    interval = caveat(
        format_percent(result["roi_low"], lang, 0), format_percent(result["roi_high"], lang, 0)
    )
    st.metric(
        state.tr("campaigns.kpi.roi"),
        format_percent(roi, lang, 0),
        delta=cost if interval is None else interval + " · " + cost,
        delta_color="off",
        delta_arrow="off",
        help=helped("campaigns.kpi.roi_help"),
    )


def verdict(result: dict) -> str:
    """One sentence a marketer can repeat: the uplift, its interval and whether it is chance."""
    lang = state.lang()
    p_value = result["p_value"]
    shown = format_number(max(p_value, 0.001), lang, 3)
    if p_value < 0.001:
        shown = "< " + shown
    key = "chance"
    if result["is_significant"]:
        key = "more" if result["uplift"] > 0 else "less"
    return state.tr(
        f"campaigns.verdict.{key}",
        uplift=points(result["uplift"], signed=key == "chance"),
        low=points(result["ci_low"]),
        high=points(result["ci_high"]),
        p=shown,
    )


def charts_row(result: dict) -> None:
    """The cumulative response of both groups and the uplift with its interval, side by side."""
    labels = {g: state.tr(f"campaigns.group.{g}") for g in ("target", "control")}
    uplift = result["uplift"]
    # a difference is claimed only when the verdict calls it significant
    title_key = "more" if uplift > 0 else "less" if uplift < 0 else "same"
    if uplift and not result["is_significant"]:
        title_key = "chance"
    left, right = st.columns(2)
    charts.show(
        left,
        figures.response_curve_figure(
            result["curve"],
            labels,
            state.tr(f"campaigns.chart.curve_{title_key}", pp=points(uplift, signed=False)),
            state.tr("campaigns.chart.curve_x"),
            state.tr("campaigns.chart.curve_y"),
        ),
        half=True,
        key="campaigns_curve",
    )
    charts.show(right, _uplift_figure(result), half=True, key="campaigns_uplift")


def _uplift_figure(result: dict):
    return findings.uplift_figure(result, state.lang())
