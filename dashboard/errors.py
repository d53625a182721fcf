"""The project's own exceptions: messages written for the person who has to act on them."""

from __future__ import annotations


class DashboardError(Exception):
    """Base of every error the dashboard reports to a user instead of a traceback."""


class StorageError(DashboardError):
    """The database cannot be opened or a storage operation is not allowed."""


class ImportFailed(DashboardError):
    """A file cannot be imported; nothing was changed.

    The message names the file, and where known the row, the column, the offending value and
    what to do.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        fix: str | None = None,
    ):
        self.file, self.row, self.column, self.value, self.fix = file, row, column, value, fix
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
        super().__init__(text)


class AnalysisError(DashboardError):
    """An analysis cannot run on the data or settings given (too few customers, empty feature...)."""
