"""Parts of one table: files with the same columns (the parts of one export, a folder of Parquet
files, ``parts/*.parquet``) imported as one table, all or nothing.

Several files whose columns differ are a set of related files instead (orders, items,
customers: :mod:`dashboard.importer.related`); :func:`same_table` tells the two apart.
"""

from __future__ import annotations

import contextlib
import glob
from pathlib import Path

import duckdb

from dashboard.errors import DashboardError, ImportFailed
from dashboard.importer.formats import open_source

_PATTERN_MARKS = ("*", "?", "[")


def is_pattern(item: str) -> bool:
    """True when ``item`` is a file pattern ('parts/*.parquet') rather than a path."""
    return any(mark in str(item) for mark in _PATTERN_MARKS) and not Path(item).exists()


def expand(items: list[str]) -> list[Path]:
    """The paths of ``items``: a pattern gives the files it matches (sorted), anything else
    itself.

    Raises
    ------
    ImportFailed
        When a pattern matches no file.
    """
    found: list[Path] = []
    for item in items:
        if not is_pattern(item):
            found.append(Path(item))
            continue
        matches = sorted(Path(p) for p in glob.glob(str(item)) if Path(p).is_file())
        if not matches:
            raise ImportFailed(
                file=str(item),
                fix="check the folder and the pattern, e.g. 'parts/*.parquet'.",
                key="import_errors.no_match",
                fix_key="import_errors.fix.no_match",
            )
        found += matches
    return found


def columns_of(conn, path: Path, name: str) -> tuple[str, frozenset[str]] | None:
    """(format, columns) of a table file, None when it cannot be read as a table."""
    source = None
    try:
        source = open_source(conn, path, name)
        return source.format, frozenset(source.columns)
    except (DashboardError, duckdb.Error):
        return None
    finally:
        if source is not None:
            with contextlib.suppress(duckdb.Error):
                source.close(conn)


def same_table(files: list[tuple[Path, str]]) -> bool:
    """True when ``files`` ((path, name) each) are parts of one table: two or more, every one
    readable, of one format, with the same columns (in any order)."""
    if len(files) < 2:
        return False
    conn = duckdb.connect()  # only the headers are read
    try:
        seen = {columns_of(conn, path, name) for path, name in files}
    finally:
        conn.close()
    return len(seen) == 1 and None not in seen


def name_of(items: list[str], files: list[tuple[Path, str]]) -> str:
    """The name the import log and the messages give parts of one table: the pattern or the
    folder given, else the first file's name and how many more."""
    if len(items) == 1 and (is_pattern(items[0]) or Path(items[0]).is_dir()):
        return str(items[0])
    return f"{files[0][1]} (+{len(files) - 1})" if len(files) > 1 else files[0][1]
