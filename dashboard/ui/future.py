"""Cached loaders and sections of the Future value page, and the predictions other pages show
(a customer's profile, the Overview's predicted revenue)."""

from __future__ import annotations

import math
from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.figures import future as figures
from dashboard.future import cache, check, kept, tiers
from dashboard.future.model import Forecast, Settings
from dashboard.reporting import export, findings, story
from dashboard.store.filters import Filters
from dashboard.ui import charts, downloads, state, tables
from dashboard.value import cost_model, pyramid
from dashboard.value.cost_model import CostModel
from dashboard.value.pyramid import TierRule

#: The campaign form's keys the "Make them a campaign audience" button sets.
CAMPAIGN_SOURCE_KEY, CAMPAIGN_START_KEY = "campaigns_source", "campaigns_start"
AT_RISK_SHOWN = 1_000
AT_RISK_COLUMNS = (
    "customer_id",
    "name",
    "past_value",
    "frequency",
    "weeks_since",
    "age_weeks",
    "p_alive",
    "expected_purchases",
    "predicted_value",
)
#: The 12 months the Overview and the report predict.
YEAR_WEEKS = 52


# --- loaders: the forecast is kept per data version by dashboard.future.cache; what is drawn
# from it is cached here on the same key ---


def cache_key() -> tuple[str, int]:
    """The first two arguments of every loader: the database and its data version."""
    return state.db_path(), state.version()


@st.cache_data(show_spinner=False, max_entries=8)
def saved_cost_model(db: str, data_version: int) -> CostModel:
    """The saved cost model (or the defaults)."""
    return cost_model.load_cost_model(state.cursor())


@st.cache_data(show_spinner=False, max_entries=8)
def saved_tier_rule(db: str, data_version: int) -> TierRule:
    """The saved tier rule (or the texts' default)."""
    return pyramid.load_tier_rule(state.cursor())


def forecast(filters: Filters, settings: Settings | None = None) -> Forecast:
    """The forecast as of the end of ``filters`` (fitted once per data version and arguments;
    the period's start only lets it reuse the pages' value table of the period)."""
    model = saved_cost_model(*cache_key())
    return cache.forecast_cached(state.cursor(), filters, settings or Settings(), model)


def relation(fc: Forecast) -> str:
    """The name of the table holding the forecast's customers (to join in SQL)."""
    return cache.relation(state.cursor(), fc)


@st.cache_data(show_spinner=False, max_entries=16)
def alive_bins(db: str, data_version: int, filters: Filters, settings: Settings) -> pd.DataFrame:
    """Probability alive by tier of the period (see :func:`dashboard.future.tiers.alive_bins`)."""
    fc = forecast(filters, settings)
    conn = state.cursor()
    rule, model = saved_tier_rule(db, data_version), saved_cost_model(db, data_version)
    return tiers.alive_bins(conn, relation(fc), filters, rule, model)


@st.cache_data(show_spinner=False, max_entries=16)
def ahead_shares(db: str, data_version: int, filters: Filters, settings: Settings) -> pd.DataFrame:
    """The pyramid ahead (see :func:`dashboard.future.tiers.ahead_shares`)."""
    fc = forecast(filters, settings)
    conn = state.cursor()
    rule, model = saved_tier_rule(db, data_version), saved_cost_model(db, data_version)
    return tiers.ahead_shares(conn, relation(fc), filters, rule, model)


@st.cache_data(show_spinner=False, max_entries=16)
def at_risk(
    db: str, data_version: int, filters: Filters, settings: Settings, limit: int | None = None
) -> pd.DataFrame:
    """Valuable customers at risk, most valuable first (the first ``limit``), with their names
    and contacts."""
    return at_risk_rows(state.cursor(), forecast(filters, settings), limit)


@st.cache_data(show_spinner=False, max_entries=16)
def at_risk_count(db: str, data_version: int, filters: Filters, settings: Settings) -> int:
    """How many valuable customers are at risk in all."""
    return cache.at_risk_count(state.cursor(), forecast(filters, settings))


def at_risk_rows(conn, fc: Forecast, limit: int | None = None) -> pd.DataFrame:
    """The at-risk customers of ``fc`` (the first ``limit``) with their names and contacts."""
    rows = cache.at_risk(conn, fc, limit)
    found = tiers.contacts(conn, rows["customer_id"].tolist())
    rows = rows.assign(weeks_since=rows["age_weeks"] - rows["recency_weeks"])
    return rows.merge(found, on="customer_id", how="left")


# --- texts ---


def _number(value, decimals: int = 0) -> str:
    return i18n.format_number(value, state.lang(), decimals)


def _money(value) -> str:
    return i18n.format_money(value, state.lang(), state.currency(), compact=True)


def _pct(fraction, decimals: int = 0) -> str:
    return i18n.format_percent(fraction, state.lang(), decimals)


def significant(value: float, digits: int = 3) -> str:
    """A parameter to ``digits`` significant digits, as the language writes numbers."""
    if value == 0 or not math.isfinite(value):
        return _number(value)
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return _number(value, decimals)


def failure_text(failure: check.Failure) -> str:
    """A failed condition and what data would fix it, in the session's language."""
    return story.failure_text(failure, state.lang())


def reasons(fc: Forecast) -> str:
    """Every failed condition of the forecast's check, in one text."""
    return story.forecast_reasons(fc, state.lang())


def validation_sentence(holdout, lang: str | None = None) -> str:
    """ "The model expected 1,200 purchases in the last 26 weeks; there were 1,300: it
    under-predicts by 8%"."""
    lang = lang or state.lang()
    error = holdout.error
    return i18n.t(
        "future.validation_sentence." + ("under" if error < 0 else "over"),
        lang,
        predicted=i18n.format_number(round(holdout.predicted), lang),
        actual=i18n.format_number(holdout.actual, lang),
        weeks=i18n.format_number(round(holdout.weeks), lang),
        error=error_text(error, lang),
    )


def error_text(error: float, lang: str) -> str:
    """How far off the holdout prediction is: "8%", or "0.4%" where a whole percent reads 0%."""
    return i18n.format_percent(abs(error), lang, 0 if abs(error) >= 0.005 else 1)


def interval_text(low, high, money: bool = False, percent: bool = False) -> str:
    """ "80%: 1.2 – 3.4" in the session's language."""
    if money:
        write = _money
    elif percent:
        write = _pct
    else:
        write = lambda v: _number(v, 2)  # noqa: E731
    return state.tr("future.interval", low=write(low), high=write(high))


def tier_names() -> dict[str, str]:
    return findings.future_tier_names(state.lang())


# --- the page's sections ---


def as_of_text(fc: Forecast) -> str:
    """ "Predictions as of 31 Dec 2025, from 2,000 customers' purchases", and when the models
    were fitted on a random sample of the customers, that they were."""
    count = fc.totals["customers"] if "customers" in fc.totals else len(fc.customers)
    customers = _number(count)  # (a kept forecast's rows are not read for their count)
    text = state.tr(
        "future.as_of", date=i18n.format_date(fc.as_of, state.lang()), customers=customers
    )
    if fc.fit_sample:
        sample = state.tr("future.fit_sample", sample=_number(fc.fit_sample), customers=customers)
        text = f"{text} {sample}"
    if isinstance(fc, kept.KeptForecast):  # made by the prepare step, read from the file
        made = i18n.format_datetime(fc.made_at, state.lang())
        text = f"{text} {state.tr('future.prepared', date=made)}"
    return text


def settings_form() -> Settings:
    """Horizon, discount rate and holdout, in an expander; the chosen settings."""
    with st.expander(state.tr("future.settings")):
        horizon, discount, holdout = st.columns(3)
        weeks = horizon.number_input(
            state.tr("future.horizon"), 1, 520, 52, key="future_horizon",
            help=state.tr("future.horizon_help"),
        )  # fmt: skip
        rate = discount.number_input(
            state.tr("future.discount"), 0.0, 99.0, 10.0, step=1.0, format="%g",
            key="future_discount", help=state.tr("future.discount_help"),
        )  # fmt: skip
        check_weeks = holdout.number_input(
            state.tr("future.holdout"), 1, 260, 26, key="future_holdout",
            help=state.tr("future.holdout_help"),
        )  # fmt: skip
    return Settings(
        horizon_weeks=int(weeks), discount_rate=float(rate) / 100, holdout_weeks=int(check_weeks)
    )


def refused(fc: Forecast) -> None:
    """Which condition failed and what data would fix it; no numbers of the model."""
    lines = "\n".join(f"- {failure_text(f)}" for f in fc.check.failures)
    st.warning(f"{state.tr('future.failed')}\n\n{lines}", icon=":material/rule:")


def validation(fc: Forecast) -> None:
    """The holdout check: one sentence and the chart by number of calibration purchases."""
    holdout = fc.holdout
    st.subheader(state.tr("future.validation"))
    if holdout is None:
        return
    st.markdown(validation_sentence(holdout))
    rows = holdout.by_frequency.copy()
    per = rows["customers"].where(rows["customers"] > 0)
    rows["actual"], rows["predicted"] = rows["actual"] / per, rows["predicted"] / per
    weeks = _number(round(holdout.weeks))
    fig = figures.validation_figure(
        rows,
        {k: state.tr(f"future.series.{k}") for k in ("actual", "predicted")},
        state.tr(
            "future.validation_title", weeks=weeks, error=error_text(holdout.error, state.lang())
        ),
        state.tr("future.validation_x"),
        state.tr("future.validation_y"),
    )
    charts.show(st, fig, key="future_validation_chart")


def alive_section(filters: Filters, settings: Settings) -> None:
    """Probability alive within each tier of the period."""
    st.subheader(state.tr("future.alive"))
    bins = alive_bins(*cache_key(), filters, settings)
    if bins.empty:
        return
    names = tier_names()
    medians = bins.drop_duplicates("tier").set_index("tier")["median"]
    lowest = medians[medians.index != "inactive"].idxmin() if len(medians) > 1 else medians.idxmin()
    fig = figures.alive_figure(
        bins,
        names,
        state.tr("future.alive_title", tier=names[lowest], median=_pct(medians[lowest])),
        state.tr("future.alive_x"),
        state.tr("future.alive_y"),
    )
    charts.show(st, fig, key="future_alive_chart")
    st.caption(
        state.tr(
            "future.alive_caption",
            medians=", ".join(f"{names[t]} {_pct(m)}" for t, m in medians.items()),
        )
    )


def ahead_section(filters: Filters, settings: Settings, fc: Forecast) -> None:
    """The pyramid ahead: each tier's share of this period's profit and of the predicted value."""
    st.subheader(state.tr("future.ahead"))
    shares = ahead_shares(*cache_key(), filters, settings)
    weeks = _number(settings.horizon_weeks)
    fig = findings.ahead_figure(shares, settings.horizon_weeks, state.lang())
    charts.show(st, fig, key="future_ahead_chart")
    lang, totals = state.lang(), fc.totals
    st.caption(
        state.tr(
            "future.ahead_caption",
            start=i18n.format_date(filters.start, lang),
            end=i18n.format_date(filters.end, lang),
            weeks=weeks,
            value=_money(totals["predicted_value"]),
            low=_money(totals["predicted_value_low"]),
            high=_money(totals["predicted_value_high"]),
        )
    )


def _use_as_audience(start) -> None:
    st.session_state[CAMPAIGN_SOURCE_KEY] = "at_risk"
    st.session_state[CAMPAIGN_START_KEY] = start
    st.session_state["campaigns_open_form"] = True


def at_risk_section(filters: Filters, settings: Settings, fc: Forecast) -> None:
    """Valuable customers at risk: the table, its downloads and the way to a campaign."""
    st.subheader(state.tr("future.at_risk"))
    count = at_risk_count(*cache_key(), filters, settings)
    if not count:
        st.info(state.tr("future.at_risk_none"))
        return
    st.caption(state.tr("future.at_risk_caption", customers=_number(count)))
    # the table shows the first rows; the downloads list them all (made on the click)
    shown = at_risk(*cache_key(), filters, settings, AT_RISK_SHOWN)[list(AT_RISK_COLUMNS)]
    tables.show(
        shown,
        labels={c: state.tr(f"future.column.{c}") for c in AT_RISK_COLUMNS},
        money=("past_value", "predicted_value"),
        percent=("p_alive",),
        decimals={"weeks_since": 0, "age_weeks": 0, "expected_purchases": 2, "p_alive": 0},
        hide_index=True,
        key="future_at_risk_table",
    )

    def listed(cursor) -> pd.DataFrame:
        rows = at_risk_rows(cursor, fc)
        rows = rows[["customer_id", "name", "email", "phone", "country", *AT_RISK_COLUMNS[2:]]]
        return rows.loc[:, ~rows.columns.duplicated()]

    left, middle, right = st.columns([1, 1, 2])
    downloads.customer_list(
        left, state.tr("common.download_csv"), listed, export.to_csv_bytes,
        "valuable_customers_at_risk.csv", "text/csv", "future_at_risk_csv",
    )  # fmt: skip
    downloads.customer_list(
        middle, state.tr("common.download_xlsx"), listed,
        lambda frame: export.to_excel_bytes(frame, "at_risk"),
        "valuable_customers_at_risk.xlsx", downloads.XLSX, "future_at_risk_xlsx",
    )  # fmt: skip
    start = fc.as_of + timedelta(days=1)
    if right.button(
        state.tr("future.to_campaign"),
        key="future_to_campaign",
        icon=":material/campaign:",
        on_click=_use_as_audience,
        args=(start,),
    ):
        # the link's language and period go along (a switch of page clears the query)
        st.switch_page("pages/campaigns.py", query_params=st.query_params.to_dict())


def model_section(fc: Forecast) -> None:
    """The model's parameters and how the intervals are made, in words."""
    with st.expander(state.tr("future.model")):
        fit, spend = fc.bgnbd, fc.gamma_gamma
        st.markdown(
            state.tr(
                "future.model_text",
                r=significant(fit["r"]),
                alpha=significant(fit["alpha"]),
                a=significant(fit["a"]),
                b=significant(fit["b"]),
                ll=_number(fit["log_likelihood"], 1),
                spenders=_number(spend["customers"]),
                p=significant(spend["p"]),
                q=significant(spend["q"]),
                gamma=significant(spend["gamma"]),
            )
        )
        st.markdown(
            state.tr(
                "future.method",
                level=_pct(fc.settings.level),
                draws=_number(fc.settings.draws),
            )
        )


# --- elsewhere: the Overview's predicted revenue, a customer's profile ---


def year_ahead(filters: Filters) -> Forecast:
    """The forecast of the next 12 months as of the end of ``filters`` (default settings)."""
    return forecast(filters, Settings(horizon_weeks=YEAR_WEEKS))


def year_ahead_card(filters: Filters) -> None:
    """The Overview's predicted revenue for the next 12 months with its interval, or why the
    model shows none."""
    fc = year_ahead(filters)
    lang = state.lang()
    if not fc.check.ok:
        st.caption(story.year_ahead_sentence(fc, lang, state.currency()))
        return
    totals = fc.totals
    st.metric(
        state.tr("future.overview_metric"),
        _money(totals["predicted_revenue"]),
        help=state.tr(
            "future.overview_help",
            date=i18n.format_date(fc.as_of, lang),
            rate=_pct(fc.settings.discount_rate),
            level=_pct(fc.settings.level),
            low=_money(totals["predicted_revenue_low"]),
            high=_money(totals["predicted_revenue_high"]),
        ),
        border=True,
        width="content",
    )
    st.caption(
        interval_text(totals["predicted_revenue_low"], totals["predicted_revenue_high"], money=True)
    )


def profile_section(filters: Filters, customer_id: str) -> None:
    """Probability alive, expected purchases and predicted value of one customer, with their
    intervals (or why there are none)."""
    settings = Settings()
    fc = forecast(filters, settings)
    st.markdown(f"**{state.tr('future.profile', weeks=_number(settings.horizon_weeks))}**")
    if not fc.check.ok:
        st.caption(state.tr("future.profile_none", reason=reasons(fc)))
        return
    found = cache.customer_row(state.cursor(), fc, customer_id)
    if found.empty:
        st.caption(state.tr("future.profile_unknown"))
        return
    row = found.iloc[0]
    alive, purchases, value = st.columns(3)
    alive.metric(
        state.tr("future.profile.p_alive"),
        _pct(row.p_alive),
        help=interval_text(row.p_alive_low, row.p_alive_high, percent=True),
    )
    purchases.metric(
        state.tr("future.profile.expected_purchases"),
        _number(row.expected_purchases, 2),
        help=interval_text(row.expected_purchases_low, row.expected_purchases_high),
    )
    value.metric(
        state.tr("future.profile.predicted_value"),
        _money(row.predicted_value),
        help=interval_text(row.predicted_value_low, row.predicted_value_high, money=True),
    )
    st.caption(
        " · ".join(
            [
                f"{state.tr('future.profile.p_alive')}: "
                + interval_text(row.p_alive_low, row.p_alive_high, percent=True),
                f"{state.tr('future.profile.expected_purchases')}: "
                + interval_text(row.expected_purchases_low, row.expected_purchases_high),
                f"{state.tr('future.profile.predicted_value')}: "
                + interval_text(row.predicted_value_low, row.predicted_value_high, money=True),
            ]
        )
    )
