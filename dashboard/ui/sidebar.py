"""The sidebar every page shares: the period (kept in the URL), the language and what data is loaded."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import i18n
from dashboard.demo import generator
from dashboard.store import database
from dashboard.store.filters import PRESETS, fit_period, preset_range
from dashboard.text_safety import markdown_text
from dashboard.ui import auth, state
from dashboard.ui import data as data_ui


def _matching_preset(start: date, end: date, first: date, last: date) -> str:
    for preset in PRESETS[:-1]:
        if preset_range(preset, first, last) == (start, end):
            return preset
    return "custom"


def _on_preset() -> None:
    first, last = state.data_range()
    preset = st.session_state["period_preset"]
    if preset != "custom" and first:
        st.session_state["period_dates"] = preset_range(preset, first, last)


def _on_dates() -> None:
    first, last = state.data_range()
    chosen = st.session_state.get("period_dates") or ()
    if len(chosen) == 2 and first:
        st.session_state["period_preset"] = _matching_preset(*chosen, first, last)


LINK_NOTICE_KEY = "_link_period_notice"


def _note_link_period(current) -> None:
    """Remember what a link asked for when it is not the period shown (see _link_notice)."""
    problem = state.link_period_problem()
    if problem is not None:
        st.session_state[LINK_NOTICE_KEY] = (
            problem,
            *state.link_period(),
            current.start,
            current.end,
        )


def _link_notice() -> None:
    """Say what the link asked for beside what is shown, while the period shown is that one."""
    notice = st.session_state.get(LINK_NOTICE_KEY)
    if not notice:
        return
    problem, asked_from, asked_to, start, end = notice
    current = state.filters()
    if (current.start, current.end) != (start, end):
        del st.session_state[LINK_NOTICE_KEY]
        return
    lang = state.lang()
    first, last = state.data_range()

    def shown_date(text: str) -> str:
        try:
            return i18n.format_date(date.fromisoformat(text), lang)
        except ValueError:
            return markdown_text(text) if text else "…"

    st.info(
        state.tr(
            f"common.link_period.{problem}",
            asked=f"{shown_date(asked_from)} – {shown_date(asked_to)}",
            shown=f"{i18n.format_date(start, lang)} – {i18n.format_date(end, lang)}",
            first=i18n.format_date(first, lang),
            last=i18n.format_date(last, lang),
        ),
        icon=":material/date_range:",
    )


def _period_widgets() -> None:
    first, last = state.data_range()
    if first is None:
        return
    current = state.filters()
    _note_link_period(current)
    chosen = tuple(st.session_state.get("period_dates") or ())
    if len(chosen) != 2 or fit_period(*chosen, first, last) != chosen:
        # A first visit, or data of other dates imported since: show the period the pages use.
        st.session_state["period_dates"] = (current.start, current.end)
        st.session_state["period_preset"] = _matching_preset(
            current.start, current.end, first, last
        )
    st.selectbox(
        state.tr("common.preset"),
        PRESETS,
        key="period_preset",
        on_change=_on_preset,
        format_func=state.labeler("common.preset."),
    )
    st.date_input(
        state.tr("common.period"),
        key="period_dates",
        min_value=first,
        max_value=last,
        on_change=_on_dates,
        help=state.tr("common.period_help"),
        format=state.date_format(),
    )
    chosen = st.session_state.get("period_dates") or ()
    if len(chosen) == 2:
        state.set_period(*chosen)


def _language_widget() -> None:
    if "lang" not in st.session_state:
        st.session_state["lang"] = state.lang()
    st.selectbox(
        i18n.t("common.language", "en") + " / " + i18n.t("common.language", "ru"),
        list(i18n.LANGUAGES),
        key="lang",
        format_func=i18n.LANGUAGES.get,
        on_change=state.keep_choices,
    )
    state.set_url("lang", st.session_state["lang"])


def _data_status() -> None:
    info = state.summary()
    lang = state.lang()
    lines = [f"**{state.tr('common.data_loaded')}**"]
    for table in database.DATA_TABLES:
        lines.append(
            f"{state.tr('common.table.' + table)}: {i18n.format_number(info['rows'][table], lang)}"
        )
    if info["date_from"]:
        lines.append(
            state.tr(
                "common.date_range",
                start=i18n.format_date(date.fromisoformat(info["date_from"]), lang),
                end=i18n.format_date(date.fromisoformat(info["date_to"]), lang),
            )
        )
    if info["last_import"]:
        last = info["last_import"]
        lines.append(
            state.tr(
                "common.last_import",
                file=markdown_text(generator.shown_file_name(last["file"], state.lang())),
                at=i18n.format_datetime(last["at"], state.lang()),
            )
        )
    if data_ui.mixed_demo() is not None:
        lines.append(state.tr("data.demo_sidebar"))
    st.caption("  \n".join(lines))


def render() -> None:
    """Draw the shared sidebar: language, period, data status."""
    with st.sidebar:
        _language_widget()
        _period_widgets()
        st.divider()
        _data_status()
        auth.sidebar()
    _link_notice()


def render_signed_out() -> None:
    """The sidebar beside the sign-in form: the language only (no data is shown before sign-in)."""
    with st.sidebar:
        _language_widget()
