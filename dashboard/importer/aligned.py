"""Text in whitespace-aligned columns: fixed columns separated by runs of spaces, with or without
a header row (the CDNOW sample as published: ``" 00004 0001 19970101  2   29.33"``).

DuckDB's CSV reader takes one delimiter character, so such a file is rewritten, once, as
tab-separated text (a temporary file) that the rest of the importer reads like any CSV. How
its columns are told apart (:class:`Layout`):

- **by runs of spaces** when (nearly) every line has the same number of values, and a header,
  if there is one, has as many names: a ragged or right-aligned file of numbers, ids and dates;
- **by position** otherwise: a column is a span of characters that some line fills, the gaps
  between them are blank on every line. A value with spaces inside ("Anna  Ivanova") stays one
  value, and a header word that no data line fills ("customer id": "id" over blank cells) belongs
  to the name before it.

A file without a header row (its first line has a number among its values, as data has and
headers have not) gets the column names "column 1", "column 2"...; the mapping is then proposed
from the values (:func:`dashboard.importer.fields.propose_from_values`).

A line that does not fit the layout (a value missing or one too many, text across the gap
between two columns) is refused with its row and column: the import never guesses which value
went missing.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dashboard.errors import ImportFailed, english

#: Lines whose layout decides how the columns are told apart; later lines are checked against it.
SAMPLE_LINES = 20_000
#: Lines with another number of values that still leave the file "split by runs of spaces"
#: (each of them is then refused with its row): one line, or 1% of the sample.
ODD_SHARE = 0.01
#: A value that is a number or a date written in digits: a header has no such name.
_NUMERIC = re.compile(r"[-+]?(\d[\d.,/:-]*|[.,]\d+)")
GENERATED = "column {}"


@dataclass
class Layout:
    """How an aligned file's lines split into columns."""

    #: The column names: the header's, or "column 1", "column 2"... (:attr:`has_header` False).
    columns: list[str]
    has_header: bool
    #: (start, end) of each column on a line, or None when values are split by runs of spaces.
    spans: list[tuple[int, int]] | None = None

    def split(self, line: str) -> list[str]:
        """The values of one line (not checked: see :func:`read_lines`)."""
        if self.spans is None:
            return line.split()
        return [line[start:end].strip() for start, end in self.spans]


def _lines(text: str, truncated: bool) -> list[str]:
    lines = text.lstrip("\ufeff").splitlines()
    if truncated and lines:
        lines = lines[:-1]  # the head of a larger file ends inside a line
    return [_expand(line) for line in lines[:SAMPLE_LINES]]


def _expand(line: str) -> str:
    line = line.rstrip("\r\n")
    return line.expandtabs(8) if "\t" in line else line


def _filled(lines: list[str]) -> list[tuple[int, int]]:
    """The spans of characters some line fills (the union of every line's non-blank places)."""
    width = max((len(line) for line in lines), default=0)
    used = bytearray(width)
    for line in lines:
        for match in re.finditer(r"\S+", line):
            used[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return [(m.start(), m.end()) for m in re.finditer(rb"\x01+", bytes(used))]


def _merge_header_words(spans, header: str, data: list[str]) -> list[tuple[int, int]]:
    """Join to the column one space before it a header word that no data line fills ("customer
    id" over values under "customer") and a word without a header ("Nizhny Novgorod" under
    "city")."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        header_only = not any(line[start:end].strip() for line in data)
        unnamed = not header[start:end].strip()
        if merged and (header_only or unnamed) and start - merged[-1][1] == 1:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def detect(text: str, truncated: bool = False) -> Layout | None:
    """The layout of text in whitespace-aligned columns, or None when the text is not such a file
    (one column, a title block above a CSV header, free text...).

    Parameters
    ----------
    text : str
        The start of the file, decoded.
    truncated : bool
        True when ``text`` is only the head of the file (its last line may be cut).
    """
    lines = [line for line in _lines(text, truncated) if line.strip()]
    if len(lines) < 2 or len(lines[0].split()) < 2:
        return None
    first = lines[0].split()
    has_header = not any(_NUMERIC.fullmatch(word) for word in first)
    data = lines[1:] if has_header else lines
    counts = Counter(len(line.split()) for line in data)
    values, common = counts.most_common(1)[0]
    if values < 2:
        return None
    spaced = any("  " in line or line.startswith(" ") for line in lines)
    if not spaced and values < 3:  # "Customer name" over "Anna Ivanova": one column of text
        return None
    odd = len(data) - common
    if odd <= max(1, int(len(data) * ODD_SHARE)) and (not has_header or len(first) == values):
        columns = first if has_header else [GENERATED.format(i) for i in range(1, values + 1)]
        return Layout(columns=list(columns), has_header=has_header)
    spans = _filled(lines)
    if has_header:
        spans = _merge_header_words(spans, lines[0], data)
    if len(spans) < 2:
        return None
    names = [lines[0][s:e].strip() if has_header else "" for s, e in spans]
    columns = [name or GENERATED.format(i) for i, name in enumerate(names, 1)]
    return Layout(columns=columns, has_header=has_header, spans=spans)


def _misfit(layout: Layout, line: str, good: list[tuple[int, int]] | None):
    """What is wrong with a line that does not fit the layout: (kind, column, values), or None
    when it fits. ``good``: the columns' places on a line (:func:`_positions`), if known."""
    if layout.spans is not None:
        bounds = [0, *[p for span in layout.spans for p in span], len(line) + 1]
        for gap, (start, end) in enumerate(zip(bounds[::2], bounds[1::2], strict=True)):
            if line[start:end].strip():
                last = len(layout.columns) - 1
                near = {layout.columns[max(gap - 1, 0)], layout.columns[min(gap, last)]}
                names = ", ".join(repr(c) for c in layout.columns if c in near)
                offset = len(line[start:end]) - len(line[start:end].lstrip())
                column = layout.columns[min(gap, last)]
                return "crossing", column, {"position": start + offset + 1, "near": names}
        return None
    found, expected = len(line.split()), len(layout.columns)
    if found == expected:
        return None
    if found > expected:
        return "extra", layout.columns[-1], {"found": found, "expected": expected}
    column = layout.columns[found]
    if good is not None:  # an aligned file: the column whose place on the line is blank
        blank = [i for i, (start, end) in enumerate(good) if not line[start:end].strip()]
        column = layout.columns[blank[0]] if blank else column
    return "missing", column, {"found": found, "expected": expected}


def _misfit_error(file_name: str, row: int, line: str, misfit) -> ImportFailed:
    """The ImportFailed for a line that does not fit the layout (see :func:`_misfit`)."""
    kind, column, values = misfit
    where = {"file": file_name, "row": row, "column": column, "value": line.strip()[:200]}
    if kind == "crossing":
        return ImportFailed(
            **where,
            fix=english("import_errors.fix.aligned_crossing", {}),
            key="import_errors.aligned_crossing",
            fix_key="import_errors.fix.aligned_crossing",
            position=values["position"],
            near=values["near"],
        )
    if kind == "extra":
        return ImportFailed(
            **where,
            fix=english("import_errors.fix.aligned_extra", {}),
            key="import_errors.aligned_extra",
            fix_key="import_errors.fix.aligned_extra",
            found=values["found"],
            expected=values["expected"],
        )
    return ImportFailed(
        **where,
        fix=english("import_errors.fix.aligned_missing", {}),
        key="import_errors.aligned_missing",
        fix_key="import_errors.fix.aligned_missing",
        found=values["found"],
        expected=values["expected"],
    )


def _text_lines(path: Path, encoding: str):
    """(line number, text) of every line; a line that is not valid text raises ImportFailed."""
    if encoding == "utf-16":
        with open(path, encoding="utf-16", newline="") as f:
            yield from enumerate(f, 1)
        return
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            try:
                yield number, raw.decode(encoding)
            except UnicodeDecodeError:
                raise ImportFailed(
                    f"The text is not valid {encoding}.",
                    file=path.name,
                    row=number,
                    fix="save the file as UTF-8 (CSV UTF-8 in Excel) and import it again.",
                    key="import_errors.bad_encoding",
                    fix_key="import_errors.fix.save_utf8",
                    encoding=encoding,
                ) from None


def to_tab_separated(path: Path, encoding: str, layout: Layout, file_name: str) -> Path:
    """A temporary UTF-8 tab-separated copy of an aligned file, its header the layout's column
    names (so a file without a header row gains one line: rows keep their numbers by
    :attr:`dashboard.importer.formats.Source.row_offset`).

    Raises
    ------
    ImportFailed
        For the first line that does not fit the layout: its row, the column and what to do.
    """
    handle, name = tempfile.mkstemp(suffix=".tsv", prefix="import-aligned-")
    good, header_left = None, layout.has_header
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter="\t", lineterminator="\n")
            writer.writerow(layout.columns)
            for number, text in _text_lines(path, encoding):
                line = _expand(text.lstrip("\ufeff") if number == 1 else text)
                if not line.strip():
                    out.write("\n")
                    continue
                if header_left:  # the first line with text (blank lines may stand above it)
                    header_left = False
                    continue
                misfit = _misfit(layout, line, good)
                if misfit is not None and layout.spans is None and good is None:
                    good = _positions(path, encoding, layout)
                    misfit = _misfit(layout, line, good)
                if misfit is not None:
                    raise _misfit_error(file_name, number, line, misfit)
                writer.writerow(layout.split(line))
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _positions(path: Path, encoding: str, layout: Layout) -> list[tuple[int, int]] | None:
    """The column spans of the sampled lines that have every value, when the values stand in
    columns (one span per column), else None: where a short line's missing value would be."""
    lines = []
    for number, text in _text_lines(path, encoding):
        if number > SAMPLE_LINES:
            break
        line = _expand(text)
        if len(line.split()) == len(layout.columns):
            lines.append(line)
    spans = _filled(lines[1:] if layout.has_header else lines)
    return spans if len(spans) == len(layout.columns) else None
