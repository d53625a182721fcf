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
    _follow_the_url()
    st.session_state[IN_RUN_KEY] = True
    shared().enter()


def end_run() -> None:
    """Called by the router when its run ends, however it ends: the URL shows the view (one
    history entry per change), and the connection is free."""
    try:
        st.session_state[IN_RUN_KEY] = False
        _write_url()
    finally:
        shared().exit()


# --- the view in the URL ---

#: Every URL parameter the app keeps, with the widget keys that show it (one registry for all
#: pages). When the browser's Back or Forward brings another URL, these keys are set again from
#: it before any widget is drawn; otherwise the widgets are what the user chose, and the run
#: writes them into the URL (:func:`set_url`).
URL_KEYS: dict[str, tuple[str, ...]] = {
    "lang": ("lang",),
    "from": ("period_dates", "period_preset"),
    "to": ("period_dates", "period_preset"),
    "by": ("pyramid_by",),
    "rule": ("pyramid_mode",),
    "t1": ("pyramid_t1",),
    "t2": ("pyramid_t2",),
    "t3": ("pyramid_t3",),
    "country": ("pyramid_country",),
    "channel": ("pyramid_channel",),
    "category": ("pyramid_category",),
    "tier": ("pyramid_tier",),
    "q": ("customer_search",),
    "customer": ("customer_pick",),
}
#: The query the app last gave the browser (pairs of name and values), and the one the
#: browser had when this run began.
WRITTEN_KEY = "_url_written"
BROWSER_KEY = "_url_in_browser"
IN_RUN_KEY = "_url_in_routed_run"  # True while the router runs (it writes the URL at the end)


def _url_now() -> list[tuple[str, list[str]]]:
    return [(name, st.query_params.get_all(name)) for name in st.query_params]


def _query_string(pairs: list[tuple[str, list[str]]]) -> str:
    from urllib.parse import urlencode

    return urlencode([(name, v) for name, values in pairs for v in values])


def _is_history_navigation() -> bool:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))


def _follow_the_url() -> None:
    """Before any widget: the URL wins when it changed from outside, the view stays otherwise.

    Back and Forward rerun the page with that entry's URL while the widgets still hold the view
    of the page left: the keys of every parameter that differs from what the app last wrote are
    dropped, so the widgets start again from the URL (a language switch first keeps every
    choice, as the language selector does). A page chosen in the menu comes with an empty URL
    (Streamlit keeps no parameter of ours across pages): the view is put back before the menu
    is drawn, with the very query the browser shows, so the page change is one history entry.
    """
    written = st.session_state.get(WRITTEN_KEY)
    now = _url_now()
    if written is not None and _is_history_navigation():
        before, after = dict(written), dict(now)
        changed = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}
        if "lang" in changed:
            keep_choices()
        for name in changed:
            for key in URL_KEYS.get(name, ()):
                if key in st.session_state:
                    del st.session_state[key]
    elif written and not now:
        st.query_params.from_dict(dict(written))  # the same query: the browser adds no entry
        now = written
    st.session_state[BROWSER_KEY] = _query_string(now)


def set_url(
    name: str, value: str | list[str] | tuple[str, ...] | None, default: str | None = None
) -> None:
    """Keep ``name=value`` in the URL (a list: the parameter repeated; None or empty: none),
    so that a link reproduces the view. Written once when the run ends (:func:`end_run`): one
    history entry per change, which Back undoes; ``st.query_params`` reads it at once.

    A value equal to ``default`` is not added to a URL without it, so a page's first view
    makes no history entry of its own (the page reads the parameter's absence as the default).
    """
    from streamlit.runtime.state.session_state_proxy import get_session_state

    values = [] if value is None else [value] if isinstance(value, str) else [*map(str, value)]
    if values == st.query_params.get_all(name) or (
        default is not None and values == [default] and name not in st.query_params
    ):
        return
    with get_session_state().query_params() as params:
        names = [*params] if name in params else [*params, name]  # a kept one keeps its place
        kept = [(n, values if n == name else params.get_all(n)) for n in names]
        params.clear_with_no_forward_msg(preserve_embed=True)
        for n, vs in kept:
            if vs:
                params.set_with_no_forward_msg(n, vs[0] if len(vs) == 1 else vs)
    if not st.session_state.get(IN_RUN_KEY):  # a page run on its own (AppTest): written now
        st.query_params.from_dict(dict(_url_now()))


def _write_url() -> None:
    now = _url_now()
    if _query_string(now) != st.session_state.get(BROWSER_KEY):
        st.query_params.from_dict(dict(now))  # one message, so one history entry
    st.session_state[WRITTEN_KEY] = now


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
    set_url("from", start.isoformat())
    set_url("to", end.isoformat())
