"""Translation and number formatting: every label goes through one table, in English and Russian.

The table is split by area: each module in ``dashboard/translations/`` defines
``TEXTS = {"key": ("English", "Русский"), ...}``; they are merged here, and a key defined twice is
an error, found by the tests.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from datetime import date, datetime
from functools import cache

from babel import core as babel_core
from babel import numbers as babel_numbers

import dashboard.translations as translations_package

LANGUAGES = {"en": "English", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"
#: Babel's locale of each language: currency symbols and names come from its CLDR data.
BABEL_LOCALES = {"en": "en_US", "ru": "ru_RU"}
MONTHS_RU = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


@cache
def texts() -> dict[str, tuple[str, str]]:
    """All translations, merged from the area modules."""
    merged: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(translations_package.__path__):
        module = importlib.import_module(f"{translations_package.__name__}.{info.name}")
        for key, pair in module.TEXTS.items():
            if key in merged:
                raise ValueError(f"translation key {key!r} is defined twice ({info.name})")
            merged[key] = pair
    return merged


#: ``{name|one|few|many}``: the word form that agrees with the number in ``name``.
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\|([^{}|]*)\}")


def plural_form(number: int) -> int:
    """Which Russian form agrees with ``number``: 0 (1, 21: клиент), 1 (2-4: клиента), 2 (5-20,
    11-14: клиентов)."""
    n = abs(int(number))
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def _count(value, lang: str) -> int:
    """The whole number in a value or in its formatted text, as the language writes it
    ('1 234,5' in Russian and '1,234.5' in English are both 1234)."""
    if isinstance(value, (int, float)):
        return int(value)
    whole = str(value).split("," if lang == "ru" else ".")[0]
    digits = re.sub(r"[^0-9]", "", whole)
    return int(digits) if digits else 0


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The label ``key`` in language ``lang``, with ``{placeholders}`` filled from ``values``.

    ``{name|клиент|клиента|клиентов}`` picks the word form that agrees with the number ``name``.
    """
    pair = texts().get(key)
    if pair is None:
        raise KeyError(f"no translation for {key!r}: add it to dashboard/translations/")
    text = pair[1] if lang == "ru" else pair[0]
    if not values:
        return text

    def form(count: int) -> int:  # English has two forms: "1 text", "21 texts"
        return plural_form(count) if lang == "ru" else (0 if abs(count) == 1 else 1)

    text = _PLURAL.sub(lambda m: m.group(2 + form(_count(values[m.group(1)], lang))), text)
    return text.format(**values)


@cache
def _known_values() -> dict[str, str]:
    """The Russian names of known data values (``translations/values.py``), keyed by the value
    trimmed and in lower case."""
    prefix = "value."
    return {
        key.removeprefix(prefix).strip().casefold(): pair[1]
        for key, pair in texts().items()
        if key.startswith(prefix)
    }


def value_label(value, lang: str = DEFAULT_LANGUAGE):
    """A data value as the reader sees it: the Russian name of a value the vocabulary knows
    (a channel, a contact or feedback kind, a country: 'United Kingdom' → «Великобритания»),
    else the value itself, as the user wrote it (and always in English)."""
    if lang != "ru" or not isinstance(value, str):
        return value
    return _known_values().get(value.strip().casefold(), value)


def _group(number: float, decimals: int, lang: str) -> str:
    text = f"{number:,.{decimals}f}"
    if lang == "ru":  # −1 234 567,89: narrow no-break space groups, decimal comma, a real minus
        text = text.replace(",", "\u202f").replace(".", ",").replace("-", "\u2212")
    return text


def format_number(value, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal mark; '—' for a missing value."""
    if value is None or value != value:  # None or NaN
        return "—"
    return _group(float(value), decimals, lang)


@cache
def currency_codes() -> tuple[str, ...]:
    """The ISO 4217 currencies some country uses as legal tender today (CLDR data via Babel),
    sorted: the choice of the Data page."""
    from babel.core import get_global

    today = date.today()
    codes = {
        code
        for territory in get_global("territory_currencies")
        for code in babel_numbers.get_territory_currencies(territory, today, tender=True)
    }
    return tuple(sorted(codes))


@cache
def currency_symbol(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A currency's symbol in the language ($, €, R$, ₹); where the language knows only the code
    (RUB, KZT in English), the sign of the currency's own country when it is one (₽, ₸), else
    the code (CHF, KWD); an unknown code as it is."""
    locale = BABEL_LOCALES.get(lang, BABEL_LOCALES[DEFAULT_LANGUAGE])
    symbol = babel_numbers.get_currency_symbol(code, locale)
    if symbol == code:
        try:  # ISO 4217 codes start with the country's code: RUB → RU → ru_RU
            home = babel_core.Locale.parse(f"und_{code[:2]}")
        except (ValueError, babel_core.UnknownLocaleError):
            return symbol
        own = babel_numbers.get_currency_symbol(code, home)
        if own and all(unicodedata.category(c) == "Sc" for c in own):  # ₽, not "د.ك.‏" or "zł"
            return own
    return symbol


def currency_label(code: str, lang: str = DEFAULT_LANGUAGE, named: bool = True) -> str:
    """A currency as a choice reads it: "BRL (R$) · Brazilian Real" ("BRL (R$)" unnamed)."""
    locale = BABEL_LOCALES.get(lang, BABEL_LOCALES[DEFAULT_LANGUAGE])
    symbol = currency_symbol(code, lang)
    shown = code if symbol == code else f"{code} ({symbol})"
    name = babel_numbers.get_currency_name(code, locale=locale) if named else code
    return shown if name == code else f"{shown} · {name}"


def format_money(
    value,
    lang: str = DEFAULT_LANGUAGE,
    currency: str = "USD",
    compact: bool = False,
    decimals: int | None = None,
) -> str:
    """Money with the currency symbol where the language puts it; ``compact`` gives 1.2M / 1,2 млн.

    ``decimals`` fixes the decimals (a table column: 1,234.50); else 0 from 100 up, 2 below.
    """
    if value is None or value != value:
        return "—"
    symbol = currency_symbol(currency, lang)
    precision = babel_numbers.get_currency_precision(currency)  # yen: 0, dinar: 3
    amount = float(value)
    if compact and abs(amount) >= 1000:
        for size, en, ru in ((1e9, "B", " млрд"), (1e6, "M", " млн"), (1e3, "K", " тыс.")):
            if abs(amount) >= size:
                number = _group(amount / size, 1, lang) + (ru if lang == "ru" else en)
                break
    else:
        places = decimals if decimals is not None else (0 if abs(amount) >= 100 else 2)
        number = _group(amount, min(places, precision), lang)
    if lang == "ru":
        return f"{number}\u00a0{symbol}"
    sign = "-" if number.startswith("-") else ""
    space = "\u00a0" if symbol[-1:].isalpha() else ""  # CHF 1,200, but $1,200
    return f"{sign}{symbol}{space}{number.lstrip('-')}"


def format_percent(fraction, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A fraction (0.25) as a percentage (25.0% / 25,0 %)."""
    if fraction is None or fraction != fraction:
        return "—"
    number = _group(float(fraction) * 100, decimals, lang)
    return f"{number}\u00a0%" if lang == "ru" else f"{number}%"


def format_date(value: date | datetime | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date as the language writes it: 2024-03-01 / 01.03.2024."""
    if value is None:
        return "—"
    return value.strftime("%d.%m.%Y") if lang == "ru" else value.strftime("%Y-%m-%d")


def format_datetime(value: datetime | str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A moment to the minute as the language writes it: 2024-03-01 14:05 / 01.03.2024 14:05
    (an ISO text such as the import log's is read first)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{format_date(value, lang)} {value:%H:%M}"


def format_month(value: date | datetime, lang: str = DEFAULT_LANGUAGE) -> str:
    """A month label: Mar 2024 / мар 2024."""
    if lang == "ru":
        return f"{MONTHS_RU[value.month - 1]} {value.year}"
    return value.strftime("%b %Y")
