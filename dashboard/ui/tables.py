"""Read-only tables in the session's language: every table on every page goes through :func:`show`.

The numbers stay numbers in the DataFrame (so a column sorts by its values); what a reader sees
is the text of a pandas Styler (1 234,5 / 1,234.5, 3,6 % / 3.6%, 2 715,14 ₽ / $2,715.14), which
Streamlit shows in place of the value. A ``column_config`` number format would override that text,
so columns formatted here get only a label. Editable tables (``st.data_editor``) ignore a Styler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.access import roles
from dashboard.ui import auth, state

#: Above this many cells a Styler costs seconds on every run: the table keeps Streamlit's own
#: (English) number formats instead.
MAX_STYLED_CELLS = 100_000
#: Streamlit's own money formats, for a table too big to style.
MONEY_FORMATS = {"USD": "dollar", "EUR": "euro", "JPY": "yen"}
#: Decimals tried for a float column without its own: the fewest that show every value.
MAX_DECIMALS = 4
#: What a missing cell shows (Streamlit's own is "None", in English, whatever a Styler says).
MISSING = "—"
#: Columns (by their name before renaming) whose cells are data values a reader sees in their
#: language when the vocabulary knows them (``i18n.value_label``: web → «сайт»).
VALUE_COLUMNS = ("channel", "country", "kind", "category")


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def date_text(value, lang: str, with_time: bool) -> str:
    """A date (and time of day when the column has one) as the language writes it."""
    if _missing(value):
        return MISSING
    stamp = pd.Timestamp(value)
    text = i18n.format_date(stamp.to_pydatetime(), lang)
    return f"{text} {stamp:%H:%M}" if with_time else text


def _text(value) -> str:
    return MISSING if _missing(value) else str(value)


def float_decimals(values: pd.Series) -> int:
    """The fewest decimals (up to :data:`MAX_DECIMALS`) that show every value of a column."""
    finite = values.dropna()
    for decimals in range(MAX_DECIMALS + 1):
        if ((finite - finite.round(decimals)).abs() < 1e-9).all():
            return decimals
    return MAX_DECIMALS


def _number_formatter(
    column: pd.Series, lang: str, currency: str, kind: str | None, decimals: int | None
) -> Callable[[object], str] | None:
    if kind == "money":
        return lambda v: i18n.format_money(v, lang, currency, decimals=2)
    if kind == "percent":
        places = 1 if decimals is None else decimals
        return lambda v: i18n.format_percent(v, lang, places)
    if kind == "date":
        return lambda v: date_text(v, lang, with_time=False)
    if pd.api.types.is_integer_dtype(column):
        return lambda v: i18n.format_number(v, lang, 0)
    if pd.api.types.is_float_dtype(column):
        places = float_decimals(column) if decimals is None else decimals
        return lambda v: i18n.format_number(v, lang, places)
    if pd.api.types.is_datetime64_any_dtype(column):
        times = column.dropna()
        with_time = bool(len(times)) and bool((times != times.dt.normalize()).any())
        return lambda v: date_text(v, lang, with_time)
    return None


def _formatter(
    column: pd.Series, lang: str, currency: str, kind: str | None, decimals: int | None
) -> Callable[[object], str] | None:
    """How one column's cells are written: :data:`MISSING` for a missing value."""
    if pd.api.types.is_bool_dtype(column):
        return None  # a tick box: Streamlit draws it, the Styler's text is not used
    if kind == "value":
        return lambda v: MISSING if _missing(v) else str(i18n.value_label(v, lang))
    formatter = _number_formatter(column, lang, currency, kind, decimals)
    if formatter is None:
        return _text
    return lambda v: MISSING if _missing(v) else formatter(v)


def styled(
    frame: pd.DataFrame,
    lang: str,
    currency: str = "USD",
    money: Iterable[str] = (),
    percent: Iterable[str] = (),
    dates: Iterable[str] = (),
    decimals: Mapping[str, int] | None = None,
    values: Iterable[str] = (),
):
    """A Styler writing ``frame``'s cells in ``lang``; the frame's values are left as they are.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table, numbers as numbers and dates as datetimes.
    lang : str
        'en' or 'ru'.
    currency : str
        The currency code of the ``money`` columns.
    money, percent : iterable of str
        Columns holding money, and columns holding fractions shown as percentages (0.036 → 3.6%).
    dates : iterable of str
        Datetime columns shown as dates only (other datetime columns show the time of day when
        they have one).
    decimals : mapping of str to int, optional
        Decimals of a float or percent column (else the fewest that show every value; 1 for
        percentages).
    values : iterable of str
        Text columns of data values (channels, countries, kinds): a value the vocabulary knows
        is written in ``lang`` («Великобритания»), any other as it is.
    """
    kinds = (
        dict.fromkeys(values, "value")
        | dict.fromkeys(money, "money")
        | dict.fromkeys(percent, "percent")
        | dict.fromkeys(dates, "date")
    )
    decimals = dict(decimals or {})
    formats = {}
    for name in frame.columns:
        formatter = _formatter(frame[name], lang, currency, kinds.get(name), decimals.get(name))
        if formatter is not None:
            formats[name] = formatter
    return frame.style.format(formats)


def _fallback_config(column_config: dict, money: Iterable[str], percent: Iterable[str]) -> dict:
    """Streamlit's own formats for a table too big to style (labels kept)."""
    config = dict(column_config)
    money_format = MONEY_FORMATS.get(state.currency(), "accounting")
    for name, fmt in [(c, money_format) for c in money] + [(c, "percent") for c in percent]:
        label = config.get(name)
        if label is None or isinstance(label, str):
            config[name] = st.column_config.NumberColumn(label, format=fmt)
    return config


def show(
    frame: pd.DataFrame,
    *,
    money: Iterable[str] = (),
    percent: Iterable[str] = (),
    dates: Iterable[str] = (),
    decimals: Mapping[str, int] | None = None,
    labels: Mapping[str, str] | None = None,
    column_config: Mapping | None = None,
    values: Iterable[str] | None = None,
    where=st,
    **kwargs,
):
    """``st.dataframe`` of ``frame`` with numbers, money, percentages, dates and known data
    values in the session's language (see :func:`styled`); columns still sort by their values.

    ``labels`` rename columns (name → header); ``money``, ``percent``, ``dates``, ``decimals``,
    ``values`` and ``column_config`` use the names before renaming. ``values`` are the columns
    of data values (by default those of :data:`VALUE_COLUMNS` the frame has; ``()`` for none,
    e.g. a file's own preview). A ``column_config`` must not give a number ``format`` to a column
    formatted here, or that format wins. Other keyword arguments go to ``st.dataframe``;
    returns what it returns.
    """
    frame = roles.mask_personal(frame, auth.user())  # names, e-mails, phones: not for viewers
    names = dict(labels or {})
    if values is None:
        values = [c for c in VALUE_COLUMNS if c in frame.columns]

    def renamed(columns: Iterable[str]) -> tuple[str, ...]:
        return tuple(names.get(c, c) for c in columns)

    money, percent, dates = renamed(money), renamed(percent), renamed(dates)
    values = tuple(c for c in renamed(values) if c not in money + percent + dates)
    decimals = {names.get(c, c): d for c, d in (decimals or {}).items()}
    config = {names.get(c, c): v for c, v in (column_config or {}).items()}
    frame = frame.rename(columns=names) if names else frame
    kwargs.setdefault("placeholder", MISSING)
    lang = state.lang()
    if frame.size > MAX_STYLED_CELLS:
        data = _translated(frame, values, lang)
        config = _fallback_config(config, money, percent)
    else:
        data = styled(frame, lang, state.currency(), money, percent, dates, decimals, values)
    return where.dataframe(data, column_config=config or None, **kwargs)


def _translated(frame: pd.DataFrame, values: Iterable[str], lang: str) -> pd.DataFrame:
    """A table too big to style with its known data values written in ``lang`` (a copy)."""
    present = [c for c in values if c in frame.columns]
    if lang != "ru" or not present:
        return frame
    return frame.assign(**{c: frame[c].map(lambda v: i18n.value_label(v, lang)) for c in present})


def progress_column(label: str) -> st.column_config.ProgressColumn:
    """A bar for a share held as percentage points (0-100): Streamlit draws its own text there,
    so the number is whole (no decimal mark to localise) and the sign is spaced as the language
    writes it (23% / 23 %)."""
    fmt = "%.0f\u00a0%%" if state.lang() == "ru" else "%.0f%%"
    return st.column_config.ProgressColumn(label, format=fmt, min_value=0, max_value=100)
