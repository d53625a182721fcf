"""Process-wide connection, the data version, the language and the shared filters of a session."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

import duckdb
import streamlit as st

from dashboard import i18n
from dashboard.store import database
from dashboard.store import filters as filters_module
from dashboard.store.filters import Filters
from dashboard.store.shared_connection import SharedConnection
from dashboard.value import cache

DEMO_CUSTOMERS_ENV = "DASHBOARD_DEMO_CUSTOMERS"


def db_path() -> str:
    """The database file: $DASHBOARD_DB, then `db_path` in .streamlit/secrets.toml, then the default."""
    if os.environ.get(database.DB_ENV_VAR):
        return str(database.resolve_db_path())
    try:
        configured = st.secrets.get("db_path")
    except Exception:  # no secrets.toml: Streamlit raises when the file is missing
        configured = None
    return str(database.resolve_db_path(configured))


def _load_demo_if_empty(conn: duckdb.DuckDBPyConnection) -> None:
    if database.is_empty(conn):
        from dashboard.demo import generator

        customers = int(os.environ.get(DEMO_CUSTOMERS_ENV, generator.DEFAULT_CUSTOMERS))
        generator.load_demo(conn, customers=customers)


def _forget_caches() -> None:
    """The connection was closed: the tables kept in its memory are gone, and the forecasts
    (keyed on the data version, which another file shares) are forgotten with them."""
    from dashboard.future import cache as future_cache

    cache.forget()
    future_cache.forget()


@st.cache_resource(show_spinner=False, on_release=SharedConnection.shutdown)
def _shared(path: str) -> SharedConnection:
    return SharedConnection(path, on_open=_load_demo_if_empty, on_close=_forget_caches)


def shared() -> SharedConnection:
    """The process's shared connection to the database (let go while a command needs the file)."""
    return _shared(db_path())


def connection() -> duckdb.DuckDBPyConnection:
    """The one connection of this process (demo data is loaded into an empty database)."""
    return shared().get()


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of its own for one query: a DuckDB connection must not be shared across threads."""
    return connection().cursor()


def deferred(make: Callable[[duckdb.DuckDBPyConnection], bytes | str]) -> Callable[[], bytes | str]:
    """Deferred data for a download button: ``make(cursor)`` run when the user clicks.

    Streamlit calls it outside any page run, so the connection is bound now and held while it
    runs (it is not let go to another program halfway).
    """
    holder = shared()

    def run() -> bytes | str:
        with holder.using() as conn:
            cur = conn.cursor()
            try:
                return make(cur)
            finally:
                cur.close()

    return run


def version() -> int:
    """The data version now; cached loaders take it so that an import is seen at once."""
    return database.data_version(cursor())


ROUTED_KEY = "_routed"


def _pages_directory_mode_was_on() -> bool:
    """Switch off Streamlit's old "pages/ directory" mode; True if it was on."""
    from streamlit.runtime.pages_manager import PagesManager

    was_on = bool(PagesManager.uses_pages_directory)
    PagesManager.uses_pages_directory = False
    return was_on


def start_routed_run() -> None:
    """Called by the router (streamlit_app.py) first thing in every run; see :func:`end_run`."""
    st.session_state[ROUTED_KEY] = True
    _pages_directory_mode_was_on()
    shared().enter()


def end_run() -> None:
    """Called by the router when its run ends, however it ends: the connection is free."""
    shared().exit()


def _reroute_if_never_routed() -> None:
    # A fresh server whose first visit is a deep link (/pyramid?...) runs that page script on its
    # own, in Streamlit's old "pages/ directory" mode, which only a call of st.navigation turns
    # off. Turn it off and rerun, so the router draws the page with its sidebar. Only a session
    # the router has never run in can be in that state (widget callbacks come after a routed run).
    if ROUTED_KEY not in st.session_state and _pages_directory_mode_was_on():
        st.rerun()


def lang() -> str:
    """The interface language of this session ('en' or 'ru'), kept in the URL."""
    _reroute_if_never_routed()
    chosen = st.session_state.get("lang") or st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
    return chosen if chosen in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


_KEPT_TYPES = (str, int, float, date)


def _keepable(value) -> bool:
    if isinstance(value, bool):  # buttons: their value cannot be set
        return False
    if isinstance(value, (list, tuple)):
        return all(_keepable(v) for v in value)
    return isinstance(value, _KEPT_TYPES)


def keep_choices() -> None:
    """The language selector's ``on_change``: every choice on the page stays as it was.

    A radio or a select box sends back the label of its option, so labels of the other language
    would match no option and the widget would fall back to its default (an empty radio, the
    default period); a date input changes its identity with its date format. Each keyed choice
    is read while the old labels still apply and set again, so only the words change. Buttons,
    uploads and table edits hold no choice and cannot be set, so they are left alone.
    """
    for key in list(st.session_state.keys()):
        value = st.session_state[key]
        if _keepable(value):
            st.session_state[key] = value


def tr(key: str, **values) -> str:
    """The label ``key`` in this session's language."""
    return i18n.t(key, lang(), **values)


def labeler(prefix: str):
    """A ``format_func`` for widgets: option ``x`` shown as the label ``prefix + x``.

    The language is bound now, because Streamlit may call a format function after the run.
    """
    language = lang()
    return lambda option: i18n.t(f"{prefix}{option}", language)


def value_labeler():
    """A ``format_func`` that shows a known data value (a country, a channel) in this session's
    language (see :func:`dashboard.i18n.value_label`); the chosen value stays the raw one."""
    language = lang()
    return lambda value: i18n.value_label(value, language)


def date_format() -> str:
    """How date inputs show dates in this session's language (01.03.2024 / 2024-03-01)."""
    return "DD.MM.YYYY" if lang() == "ru" else "YYYY-MM-DD"


def currency() -> str:
    """The currency code for money (a saved setting, USD by default)."""
    return database.get_setting(cursor(), "currency", "USD")


def _date_param(name: str) -> date | None:
    try:
        return date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return None


def link_period() -> tuple[str, str] | None:
    """The period the URL asks for, as written (``from``, ``to``; "" when one is missing), or
    None when it names none (a first visit)."""
    asked = st.query_params.get("from"), st.query_params.get("to")
    return None if asked == (None, None) else (asked[0] or "", asked[1] or "")


def link_period_problem() -> str | None:
    """Why the period the URL asks for is not the one shown: "unreadable" (not two dates),
    "reversed", "outside" (the data have no day of it), "cut" (to the data's dates); or None."""
    asked = link_period()
    first, last = data_range()
    if asked is None or first is None:
        return None
    start, end = _date_param("from"), _date_param("to")
    if start is None or end is None:
        return "unreadable"
    if start > end:
        return "reversed"
    if end < first or start > last:
        return "outside"
    return "cut" if (start, end) != (max(start, first), min(end, last)) else None


def filters(**page_filters) -> Filters:
    """The shared period (from the URL, kept inside the data's dates; else the last 12 months of
    data) with page-level filters.

    Page-level filters are keyword arguments of :class:`dashboard.store.filters.Filters`
    (``countries=``, ``channels=``, ``categories=``), given as tuples.
    """
    start, end = filters_module.fit_period(_date_param("from"), _date_param("to"), *data_range())
    return Filters(start=start, end=end, **page_filters)


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(db: str, data_version: int) -> dict:
    return database.summary(cursor())


def summary() -> dict:
    """Rows per table, date range and last import of the database (cached per data version)."""
    return _summary(db_path(), version())


def data_range() -> tuple[date | None, date | None]:
    """The first and last transaction dates in the database."""
    info = summary()
    if not info["date_from"]:
        return None, None
    return date.fromisoformat(info["date_from"]), date.fromisoformat(info["date_to"])


def set_period(start: date, end: date) -> None:
    """Keep the period in the URL, so that a link reproduces the view."""
    st.query_params["from"] = start.isoformat()
    st.query_params["to"] = end.isoformat()
