"""Cached loaders and the controls of the Customer pyramid page (its state lives in the URL)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.store import filters as filters_module
from dashboard.store.filters import Filters
from dashboard.ui import auth, state
from dashboard.value import cost_model, migration, pyramid, ranking, rfm, whale
from dashboard.value.cost_model import CostModel
from dashboard.value.pyramid import TierRule

FILTERS = ("country", "channel", "category")


@dataclass(frozen=True)
class View:
    """What the user chose on the page: the filters, the ranking measure and the tier rule."""

    filters: Filters
    by: str
    rule: TierRule
    model: CostModel


# --- cached loaders: each takes the data version and plain values, and opens its own cursor ---


@st.cache_data(show_spinner=False, max_entries=8)
def filter_options(db: str, data_version: int) -> dict[str, list[str]]:
    """The countries, channels and categories present in the data."""
    return filters_module.options(state.cursor())


@st.cache_data(show_spinner=False, max_entries=8)
def saved_cost_model(db: str, data_version: int) -> CostModel:
    """The saved cost model (or the defaults)."""
    return cost_model.load_cost_model(state.cursor())


@st.cache_data(show_spinner=False, max_entries=8)
def saved_tier_rule(db: str, data_version: int) -> TierRule:
    """The saved tier rule (or the texts' default): what the Overview and the CLI use."""
    return pyramid.load_tier_rule(state.cursor())


def value_source(view: View) -> tuple[str, list] | None:
    """For a view ranked by predicted value: the value table with each customer's predicted
    value (the Future value page's forecast as of the period's end); else None."""
    if view.by in ranking.PAST_MEASURES:
        return None
    from dashboard.future import tiers
    from dashboard.ui import future

    fc = future.forecast(view.filters)
    tiers.require_forecast(fc)
    return tiers.value_source(state.cursor(), future.relation(fc), view.filters, view.model)


@st.cache_data(show_spinner=False, max_entries=32)
def tier_shares(db: str, data_version: int, view: View) -> pd.DataFrame:
    """Tier shares for the view."""
    return pyramid.tier_shares(
        state.cursor(), view.filters, view.by, view.rule, view.model, value_source(view)
    )


@st.cache_data(show_spinner=False, max_entries=32)
def tier_customers(
    db: str, data_version: int, view: View, tier: str, limit: int | None = None
) -> pd.DataFrame:
    """The customers of one tier, best first (the first ``limit`` of them when given)."""
    return whole_tier(state.cursor(), view, tier, limit)


def whole_tier(cursor, view: View, tier: str, limit: int | None = None) -> pd.DataFrame:
    """The customers of one tier, best first, read on ``cursor`` (a download's own)."""
    return pyramid.tier_customers(
        cursor, view.filters, tier, view.by, view.rule, view.model, value_source(view), limit
    )


@st.cache_data(show_spinner=False, max_entries=32)
def whale_curve(db: str, data_version: int, filters: Filters, model: CostModel) -> pd.DataFrame:
    """The whale curve's points."""
    return whale.whale_curve(state.cursor(), filters, model)


def migration_args(cursor, view: View) -> tuple:
    """(before, after, by, rule, cost model) of the view's migration, read on ``cursor``."""
    before, after = migration.default_periods(cursor, view.filters)
    by = view.by if view.by in ranking.PAST_MEASURES else "revenue"  # both periods are past
    return before, after, by, view.rule, view.model


@st.cache_data(show_spinner=False, max_entries=16)
def tier_migration(db: str, data_version: int, view: View, limit: int | None = None) -> tuple:
    """(before, after, matrix, fallen customers: the first ``limit`` when given) for the view's
    period and the one before it."""
    conn = state.cursor()
    args = migration_args(conn, view)
    return (
        *args[:2],
        migration.tier_migration(conn, *args),
        migration.fallen_from_top(conn, *args, limit=limit),
    )


@st.cache_data(show_spinner=False, max_entries=16)
def rfm_segments(db: str, data_version: int, filters: Filters, model: CostModel) -> pd.DataFrame:
    """Customers per RFM segment under the saved rules."""
    return rfm.segment_summary(state.cursor(), filters, cost_model=model)


@st.cache_data(show_spinner=False, max_entries=8)
def saved_segments(db: str, data_version: int) -> tuple[rfm.Segment, ...]:
    """The saved RFM segment rules (or the defaults)."""
    return rfm.load_segments(state.cursor())


def cache_key() -> tuple[str, int]:
    """The first two arguments of every loader: the database and its data version."""
    return state.db_path(), state.version()


# --- controls, kept in the URL ---


def _init(key: str, value) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _param(name: str, default, cast=str):
    try:
        return cast(st.query_params.get(name, default))
    except (TypeError, ValueError):
        return default


def _start_rule(mode: str) -> TierRule:
    """The saved rule when it cuts the same way, else the texts' default for ``mode``."""
    saved = saved_tier_rule(*cache_key())
    return saved if saved.mode == mode else TierRule.default(mode)


def _tier_inputs(mode: str) -> TierRule:
    defaults = _start_rule(mode).shares()
    columns = st.columns(3)
    shares = []
    for i, column in enumerate(columns):
        key = f"pyramid_t{i + 1}"
        _init(key, _param(f"t{i + 1}", round(defaults[i] * 100, 2), float))
        with column:
            shares.append(
                st.number_input(
                    state.tr("pyramid.tier_size", tier=i + 1),
                    key=key,
                    min_value=0.1,
                    max_value=99.0,
                    step=0.5,
                    format="%g",  # 1, 10, 24 rather than 1.00, which reads as English in Russian
                    help=state.tr("pyramid.tier_size_help"),
                )
            )
        state.set_url(f"t{i + 1}", f"{shares[-1]:g}", default=f"{round(defaults[i] * 100, 2):g}")
    rule = TierRule.from_shares(tuple(s / 100 for s in shares), mode)
    st.caption(state.tr("pyramid.rest", share=i18n.format_percent(rule.shares()[3], state.lang())))
    return rule


def _reset_sizes() -> None:
    mode = st.session_state.get("pyramid_mode", "customers")
    for i, share in enumerate(TierRule.default(mode).shares()[:3]):
        st.session_state[f"pyramid_t{i + 1}"] = round(share * 100, 2)


def _save_rule(rule: TierRule) -> None:
    if not auth.check("settings"):
        return
    pyramid.save_tier_rule(state.cursor(), rule)
    st.toast(state.tr("pyramid.rule_saved"))


def _filter_inputs() -> dict[str, tuple[str, ...]]:
    options = filter_options(*cache_key())
    chosen = {}
    for column, name in zip(st.columns(len(FILTERS)), FILTERS, strict=True):
        key = f"pyramid_{name}"
        _init(key, [v for v in st.query_params.get_all(name) if v in options[name]])
        with column:
            chosen[name] = tuple(
                st.multiselect(
                    state.tr(f"pyramid.filter.{name}"),
                    options[name],
                    key=key,
                    placeholder=state.tr("common.all"),
                    format_func=state.value_labeler(),
                )
            )
        state.set_url(name, chosen[name])
    return chosen


def controls() -> View:
    """The page's controls (ranking, tier rule, filters), synced with the URL; the chosen view."""
    _init("pyramid_by", _param("by", "revenue"))
    saved_mode = saved_tier_rule(*cache_key()).mode
    _init("pyramid_mode", _param("rule", saved_mode))
    left, right = st.columns([1, 2])
    with left:
        by = st.radio(
            state.tr("pyramid.by"),
            pyramid.MEASURES,
            key="pyramid_by",
            horizontal=True,
            format_func=state.labeler("pyramid.measure."),
        )
        mode = st.radio(
            state.tr("pyramid.mode"),
            pyramid.RULE_MODES,
            key="pyramid_mode",
            horizontal=True,
            format_func=state.labeler("pyramid.mode."),
            on_change=_reset_sizes,
        )
        state.set_url("by", by, default="revenue")
        state.set_url("rule", mode, default=saved_mode)
    with right:
        rule = _tier_inputs(mode)
        # as wide as their words (Russian ones are longer), wrapping rather than cut off
        reset = save = st.container(horizontal=True, key="pyramid_rule_buttons")
        reset.button(state.tr("pyramid.reset"), key="pyramid_reset", on_click=_reset_sizes)
        save.button(
            state.tr("pyramid.save_rule"),
            key="pyramid_save_rule",
            on_click=_save_rule,
            args=(rule,),
        )
    chosen = _filter_inputs()
    filters = state.filters(
        countries=chosen["country"], channels=chosen["channel"], categories=chosen["category"]
    )
    return View(filters, by, rule, saved_cost_model(*cache_key()))
