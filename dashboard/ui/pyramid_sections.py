"""The sections of the Customer pyramid page: charts with titles that state what the data shows."""

from __future__ import annotations

import textwrap

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.figures import pyramid as figures
from dashboard.reporting import findings
from dashboard.reporting import story as story_module
from dashboard.store.filters import Filters
from dashboard.ui import charts, downloads, state, tables
from dashboard.ui import pyramid as ui
from dashboard.value import migration, pyramid, whale

DRILL_COLUMNS = (
    "position",
    "customer_id",
    "revenue",
    "product_cost",
    "cost_to_serve",
    "profit",
    "orders",
    "returns",
    "avg_order_value",
    "last_purchase_at",
    "recency_days",
    "service_contacts",
    "complaints",
    "lifetime_value",
)
#: The drill-down shows the best 1,000 of a tier (every row is formatted in Python: 5,000 took
#: 0.6 s of each page run); the downloads hold them all.
SHOWN_ROWS = 1_000
FALLEN_COLUMNS = (
    "customer_id",
    "tier_before",
    "tier_after",
    "revenue_before",
    "revenue_after",
    "last_purchase_at",
)
MONEY = {
    "revenue",
    "product_cost",
    "cost_to_serve",
    "profit",
    "avg_order_value",
    "lifetime_value",
    "revenue_before",
    "revenue_after",
    "predicted_value",
}


def _pct(fraction) -> str:
    return i18n.format_percent(fraction, state.lang(), decimals=0)


def wrap(title: str, width: int = 36) -> str:
    """A title broken onto lines for a chart in a half-width column."""
    return "<br>".join(textwrap.wrap(title, width))


def _money(amount) -> str:
    return i18n.format_money(amount, state.lang(), state.currency(), compact=True)


def tier_names(combined: bool = False) -> dict[str, str]:
    """Label of each tier ('1'-'4', 'inactive' and, when asked, the combined '1-2')."""
    return findings.tier_names(state.lang(), combined)


def story(shares: pd.DataFrame) -> str:
    """The headline sentence: what tiers 1-2 bring."""
    return findings.pyramid_story(shares, state.lang())


def headline(shares: pd.DataFrame, by: str = "revenue") -> None:
    """The pyramid and, beside it, each tier's share of customers, revenue, cost and profit.

    Each box of the pyramid gives its tier's share of what customers are ranked ``by``.
    """
    names = tier_names()
    inactive = int(shares.customers.iloc[-1])
    st.caption(state.tr("pyramid.inactive", customers=i18n.format_number(inactive, state.lang())))
    left, right = st.columns([2, 3])
    rows = shares[shares.tier.isin(pyramid.TIERS)]
    texts = {
        r.tier: state.tr(f"pyramid.pyramid_text.{by}", share=_pct(getattr(r, f"share_{by}")))
        for r in rows.itertuples()
    }
    labels = {r.tier: f"{names[r.tier]} · {_pct(r.share_customers)}" for r in rows.itertuples()}
    top = rows[rows.tier.isin(["1", "2"])].share_customers.sum()
    charts.show(
        left,
        figures.pyramid_figure(
            shares,
            title=wrap(state.tr("pyramid.pyramid_title", customers=_pct(top)), 24),
            tier_names=labels,
            texts=texts,
        ),
        key="pyramid_chart",
    )
    with right:
        compare = st.toggle(state.tr("pyramid.compare"), key="pyramid_compare")
        charts.show(
            st, findings.shares_figure(shares, state.lang(), compare), key="pyramid_shares_chart"
        )


def costs(shares: pd.DataFrame) -> None:
    """Cost to serve per customer of each tier, by component, titled by the costliest tier."""
    charts.show(
        st, findings.cost_figure(shares, state.lang(), state.currency()), key="pyramid_cost_chart"
    )


def strategies(shares: pd.DataFrame) -> None:
    """The texts' strategy for each tier, with the customers and the money it concerns."""
    st.subheader(state.tr("pyramid.strategies"))
    groups = story_module.strategies(shares, state.lang(), state.currency())
    for column, group in zip(st.columns(len(groups)), groups, strict=True):
        with column.container(border=True):
            st.markdown(f"**{group['name']}**")
            st.write(group["strategy"])
            st.caption(group["numbers"])


def table(frame: pd.DataFrame, key: str) -> None:
    """A sortable table with translated headers, numbers and money in the session's language."""
    tables.show(
        frame,
        money=[c for c in frame.columns if c in MONEY],
        dates=["last_purchase_at"],
        labels={c: state.tr(f"pyramid.col.{c}") for c in frame.columns},
        hide_index=True,
        key=key,
    )


def drill_down(view: ui.View) -> None:
    """The customers of a chosen tier, downloadable as CSV and Excel."""
    st.subheader(state.tr("pyramid.drill"))
    ui._init("pyramid_tier", ui._param("tier", "1"))
    names = tier_names()
    tier = (
        st.segmented_control(
            state.tr("pyramid.drill_tier"),
            pyramid.ALL_TIERS,
            key="pyramid_tier",
            format_func=names.get,
        )
        or "1"
    )
    state.set_url("tier", tier, default="1")
    shares = ui.tier_shares(*ui.cache_key(), view)
    count = int(shares.loc[shares["tier"] == tier, "customers"].sum())
    # only the rows shown are read: a tier of 6.5 million customers stays in DuckDB
    found = ui.tier_customers(*ui.cache_key(), view, tier, SHOWN_ROWS)
    columns = [*DRILL_COLUMNS, *(["predicted_value"] if view.by == "predicted_value" else [])]
    lang = state.lang()
    st.caption(state.tr("pyramid.drill_count", customers=i18n.format_number(count, lang)))
    if count > SHOWN_ROWS:  # a browser table of 650,000 rows helps nobody
        st.caption(state.tr("pyramid.drill_shown", shown=i18n.format_number(SHOWN_ROWS, lang)))
    table(found[columns], key="pyramid_drill_table")
    downloads.csv_and_excel(  # the whole tier, read when a button is clicked
        lambda cursor: ui.whole_tier(cursor, view, tier)[columns], f"tier_{tier}", "pyramid"
    )


def whale_section(view: ui.View) -> None:
    """The whale curve with its peak marked and stated."""
    st.subheader(state.tr("pyramid.whale"))
    curve = ui.whale_curve(*ui.cache_key(), view.filters, view.model)
    if curve.empty:
        st.info(state.tr("pyramid.nobody"))
        return
    summary = whale.whale_summary(curve)
    charts.show(
        st,
        story_module.whale_figure(curve, summary, state.lang(), state.currency()),
        key="pyramid_whale_chart",
    )


@st.cache_data(show_spinner=False, max_entries=16)
def period_coverage(db: str, data_version: int, period: Filters) -> dict:
    """How much of the earlier period the data cover (see :func:`pyramid.period_coverage`)."""
    return pyramid.period_coverage(state.cursor(), period)


def _earlier_data(before: Filters, after: Filters) -> bool:
    """Say how much of the earlier period the data cover; False when there is nothing to compare.

    With no purchase in the earlier period (the "All time" range puts it before the data begin)
    every customer would be "inactive" before, so no figure of the section would mean anything.
    """
    coverage = period_coverage(*ui.cache_key(), before)
    lang = state.lang()
    dates = {
        "before_start": i18n.format_date(before.start, lang),
        "before_end": i18n.format_date(before.end, lang),
        "after_start": i18n.format_date(after.start, lang),
        "after_end": i18n.format_date(after.end, lang),
        "first": i18n.format_date(coverage["first"], lang),
    }
    if coverage["covered_days"] == 0:
        st.info(state.tr("pyramid.migration_no_before", **dates))
        return False
    if coverage["purchases"] == 0:
        st.info(state.tr("pyramid.migration_empty_before", **dates))
        return False
    st.caption(state.tr("pyramid.migration_periods", **dates))
    if coverage["covered_days"] < coverage["days"]:
        st.warning(
            state.tr(
                "pyramid.migration_partial",
                share=_pct(coverage["share"]),
                covered=i18n.format_number(coverage["covered_days"], lang),
                days=i18n.format_number(coverage["days"], lang),
                **dates,
            )
        )
    return True


def migration_section(view: ui.View) -> None:
    """Tier migration between the period before and this one: matrix, Sankey, who fell out."""
    st.subheader(state.tr("pyramid.migration"))
    before, after, matrix, fallen = ui.tier_migration(*ui.cache_key(), view, SHOWN_ROWS)
    fell = migration.fallen_count(matrix)  # the table shows the first SHOWN_ROWS
    if not _earlier_data(before, after):
        return
    lang = state.lang()
    rose = matrix[~matrix.tier_before.isin(["1", "2"]) & matrix.tier_after.isin(["1", "2"])]
    names = tier_names()
    before_name, after_name = (
        state.tr("pyramid.migration_before"),
        state.tr("pyramid.migration_after"),
    )
    left, right = st.columns(2)
    charts.show(left, findings.migration_figure(matrix, lang), key="pyramid_migration_chart")
    charts.show(
        right,
        figures.migration_sankey(
            matrix,
            tier_names=names,
            before_name=before_name,
            after_name=after_name,
            title=wrap(
                state.tr(
                    "pyramid.sankey_title",
                    fell=i18n.format_number(fell, lang),
                    rose=i18n.format_number(rose.customers.sum(), lang),
                )
            ),
        ),
        key="pyramid_sankey_chart",
    )
    st.markdown(f"**{state.tr('pyramid.fallen')}**")
    if fallen.empty:
        st.caption(state.tr("pyramid.fallen_none"))
        return
    shown = fallen[list(FALLEN_COLUMNS)].copy()
    shown["tier_before"] = shown.tier_before.map(names)
    shown["tier_after"] = shown.tier_after.map(names)
    if fell > SHOWN_ROWS:  # 150,000 rows at 10M customers: the downloads hold them
        st.caption(state.tr("pyramid.drill_shown", shown=i18n.format_number(SHOWN_ROWS, lang)))
    table(shown, key="pyramid_fallen_table")
    if fell > SHOWN_ROWS:
        downloads.csv_and_excel(  # every one of them, read when a button is clicked
            lambda cursor: _fallen_rows(cursor, view, names), "fallen_from_top", "pyramid_fallen"
        )


def _fallen_rows(cursor, view: ui.View, names: dict[str, str]) -> pd.DataFrame:
    """Every customer fallen out of tiers 1-2, as the table shows them (a download's own cursor)."""
    rows = migration.fallen_from_top(cursor, *ui.migration_args(cursor, view))
    rows = rows[list(FALLEN_COLUMNS)].copy()
    rows["tier_before"] = rows.tier_before.map(names)
    rows["tier_after"] = rows.tier_after.map(names)
    return rows
