"""The project's own exceptions: messages written for the person who has to act on them.

A message is written in English (the command line prints it). An error a person can meet on a
page also carries a translation key and the values of its placeholders, so that the page shows
it in the reader's language: ``e.localized(lang)``.
"""

from __future__ import annotations

from numbers import Integral, Real

from dashboard import i18n


class Label:
    """A name inside a message: as the English text writes it, and its translation key.

    English keeps ``text`` (the name the command line knows, e.g. a feature column); any other
    language shows the label ``key`` with ``values``, e.g. «Оценка NPS (0-10)».
    """

    def __init__(self, text: str, key: str, **values):
        self.text, self.key, self.values = text, key, values

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Label({self.text!r}, {self.key!r})"

    def localized(self, lang: str) -> str:
        if lang == "en":
            return self.text
        return i18n.t(self.key, lang, **{n: _shown(v, lang) for n, v in self.values.items()})


class Percent:
    """A fraction shown as a percentage in a message (0.04: 4% / 4 %)."""

    def __init__(self, fraction: float, decimals: int = 0):
        self.fraction, self.decimals = float(fraction), decimals

    def __repr__(self) -> str:
        return f"Percent({self.fraction!r}, {self.decimals})"

    def localized(self, lang: str) -> str:
        return i18n.format_percent(self.fraction, lang, self.decimals)


def _shown(value, lang: str) -> str:
    """A placeholder value as the language writes it.

    Counts (whole numbers) are grouped (1,234 / 1 234), other numbers get a decimal mark,
    :class:`Label` and :class:`Percent` localise themselves, lists are joined with commas and
    anything else (ids, names, file paths) is shown as it is.
    """
    if hasattr(value, "localized"):
        return value.localized(lang)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, Integral):
        return i18n.format_number(int(value), lang)
    if isinstance(value, Real):
        number = float(value)
        if number.is_integer():
            return i18n.format_number(number, lang)
        return i18n.format_number(number, lang, 4).rstrip("0").rstrip(".,")
    if isinstance(value, (list, tuple)):
        return ", ".join(_shown(item, lang) for item in value)
    return str(value)


def shown(value, lang: str) -> str:
    """A name or value of a message as ``lang`` writes it (a :class:`Label` translated, a
    count grouped); what a page uses to name the same things outside a message."""
    return _shown(value, lang)


class DashboardError(Exception):
    """Base of every error the dashboard reports to a user instead of a traceback.

    Parameters
    ----------
    message : str, optional
        The English text, as the command line prints it (``str(e)``); without it, the English
        of ``key`` (where the words must agree with a count: "1 field", "2 fields").
    key : str, optional
        A translation key (``errors.…`` in ``dashboard/translations/errors.py``) of the same
        message for the pages.
    **values
        The key's placeholders: counts as numbers (formatted per language), names as text, or a
        :class:`Label` / :class:`Percent`.
    """

    def __init__(self, *args, key: str | None = None, **values):
        if not args and key is not None:  # the English text of the key, counts agreeing
            args = (english(key, values),)
        super().__init__(*args)
        self.key, self.values = key, values

    def localized(self, lang: str) -> str:
        """The message in ``lang`` ('en' or 'ru'); the English text when it has no key."""
        if self.key is None:
            return str(self)
        return i18n.t(self.key, lang, **{n: _shown(v, lang) for n, v in self.values.items()})


def english(key: str, values: dict) -> str:
    """The English text of a message key with its values filled in."""
    return i18n.t(key, "en", **{n: _shown(v, "en") for n, v in values.items()})


class StorageError(DashboardError):
    """The database cannot be opened or a storage operation is not allowed."""


class ImportFailed(DashboardError):
    """A file cannot be imported; nothing was changed.

    The message names the file, and where known the row, the column, the offending value and
    what to do.

    Parameters
    ----------
    message : str, optional
        The English message, as the command line prints it (inside ``str(e)``); without it,
        the English of ``key``.
    file, row, column, value : optional
        Where the problem is: the file's name, the row (as a spreadsheet counts it), the
        column's name in the file and the offending value, shown as they are in every language.
    fix : str, optional
        What to do, in English.
    key, fix_key : str, optional
        Translation keys (``import_errors.…`` in ``dashboard/translations/import_errors.py``)
        of the message and of the fix, for the pages.
    **values
        The placeholders of both keys (see :class:`DashboardError`).
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        fix: str | None = None,
        key: str | None = None,
        fix_key: str | None = None,
        **values,
    ):
        if message is None:
            message = english(key, values)
        self.file, self.row, self.column, self.value, self.fix = file, row, column, value, fix
        self.message, self.fix_key = message, fix_key
        parts = []
        if file:
            parts.append(f"{file}:")
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column {column!r}")
        if where:
            parts.append(", ".join(where) + ":")
        parts.append(message)
        if value is not None:
            parts.append(f"(value: {value!r})")
        text = " ".join(parts)
        if fix:
            text += f" Fix: {fix}"
        super().__init__(text, key=key, **values)

    def localized(self, lang: str) -> str:
        """The message in ``lang``: the English text (``str(e)``), or in Russian «файл: строка N,
        столбец «X»: сообщение (значение: «…») Что сделать: …»."""
        if lang == "en" or self.key is None:
            return str(self)
        shown = {n: _shown(v, lang) for n, v in self.values.items()}
        parts = [f"{self.file}:"] if self.file else []
        where = []
        if self.row is not None:
            where.append(i18n.t("import_errors.where.row", lang, row=self.row))
        if self.column:
            where.append(i18n.t("import_errors.where.column", lang, column=self.column))
        if where:
            parts.append(", ".join(where) + ":")
        parts.append(i18n.t(self.key, lang, **shown))
        if self.value is not None:
            parts.append(i18n.t("import_errors.where.value", lang, value=self.value))
        text = " ".join(parts)
        fix = i18n.t(self.fix_key, lang, **shown) if self.fix_key else self.fix
        if fix:
            text += " " + i18n.t("import_errors.where.fix", lang, fix=fix)
        return text


class AnalysisError(DashboardError):
    """An analysis cannot run on the data or settings given (too few customers, empty feature...)."""


class NotComputed(AnalysisError):
    """A view's answer was not computed where the lines live (a Spark cluster), and this file
    holds none of them to compute it from: the pages say so instead of showing zeros.

    ``command`` is the command line that computes it (``python -m dashboard compute --engine
    spark --from … --to …``); the message names the period and segments and quotes it.
    """

    def __init__(self, *args, command: str, **kwargs):
        super().__init__(*args, command=command, **kwargs)
        self.command = command
