"""The view filters that every page shares (date range, country, channel, category) as SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the view to. Dates are inclusive; empty tuples mean "all".

    Frozen and made of plain values, so it hashes: cached loaders take it as an argument.
    """

    start: date | None = None
    end: date | None = None
    countries: tuple[str, ...] = field(default_factory=tuple)
    channels: tuple[str, ...] = field(default_factory=tuple)
    categories: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> dict:
        """The filters as plain values: what compute writes into its catalog (as JSON, where a
        view not computed is looked up by them) and prints."""
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "countries": list(self.countries),
            "channels": list(self.channels),
            "categories": list(self.categories),
        }

    def date_sql(self, column: str) -> tuple[str, list]:
        """A SQL condition (always valid, ``TRUE`` when open) on a timestamp column, with params."""
        clauses, params = [], []
        if self.start is not None:
            clauses.append(f"{column} >= ?")
            params.append(self.start)
        if self.end is not None:
            clauses.append(f"{column} < ?")
            params.append(self.end + timedelta(days=1))
        return (" AND ".join(clauses) or "TRUE"), params

    def transaction_sql(self, alias: str = "t") -> tuple[str, list]:
        """The whole filter as a condition on the transactions table (aliased ``alias``).

        Country is a customer attribute: it is matched through the customers table.
        """
        prefix = f"{alias}." if alias else ""
        sql, params = self.date_sql(f"{prefix}ordered_at")
        clauses = [sql]
        for column, values in (("channel", self.channels), ("category", self.categories)):
            if values:
                clauses.append(f"{prefix}{column} IN ({', '.join('?' * len(values))})")
                params.extend(values)
        if self.countries:
            clauses.append(
                f"{prefix}customer_id IN (SELECT customer_id FROM customers WHERE country IN "
                f"({', '.join('?' * len(self.countries))}))"
            )
            params.extend(self.countries)
        return " AND ".join(clauses), params

    def previous(self) -> Filters | None:
        """The period of the same length just before this one (for KPI changes), if dates are set."""
        if self.start is None or self.end is None:
            return None
        length = self.end - self.start + timedelta(days=1)
        return Filters(
            self.start - length,
            self.start - timedelta(days=1),
            self.countries,
            self.channels,
            self.categories,
        )


#: The quick ranges of the period picker; "custom" is whatever the user chose.
PRESETS = ("last_12", "last_6", "last_3", "ytd", "all", "custom")
PRESET_MONTHS = {"last_12": 12, "last_6": 6, "last_3": 3}
#: The first day a row's date may plausibly fall on; an import sets earlier rows aside.
EARLIEST_DATE = date(1990, 1, 1)


def latest_plausible(today: date | None = None) -> date:
    """The last day a row's date may plausibly fall on: a year after today (the 28th of
    February after a 29th). An import sets later rows aside, and no period a preset chooses
    ends after it."""
    today = today or date.today()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def preset_range(preset: str, first: date, last: date) -> tuple[date, date]:
    """The dates a preset stands for, within the data's own range [first, last].

    The last months and the year to date end at the data's last day; when that day is after
    :func:`latest_plausible` (a row dated 2999, kept in a database from before the importer set
    such rows aside), they end today instead, so such a row never moves the view.

    Parameters
    ----------
    preset : str
        One of :data:`PRESETS` ("custom" and "all" give the whole range).
    first, last : date
        The first and last transaction dates of the data.
    """
    if (preset in PRESET_MONTHS or preset == "ytd") and last > latest_plausible():
        last = date.today()
    if preset in PRESET_MONTHS:
        start = months_before(last, PRESET_MONTHS[preset]) + timedelta(days=1)
    elif preset == "ytd":
        start = date(last.year, 1, 1)
    else:
        start = first
    return (max(start, first) if first <= last else start), last


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier; the 31st of a short month becomes its last day."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate in range(day.day, 0, -1):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def default_period(first: date | None, last: date | None) -> tuple[date | None, date | None]:
    """The period shown when none is chosen: the last 12 months of the data (None without data)."""
    if first is None or last is None:
        return None, None
    return preset_range("last_12", first, last)


def fit_period(
    start: date | None, end: date | None, first: date | None, last: date | None
) -> tuple[date | None, date | None]:
    """A chosen period kept inside the data's dates [first, last].

    A period that overlaps the data is cut to it; one that misses it entirely, is backwards or
    incomplete (an old link, data replaced by another file) becomes the default period.
    """
    if first is None or last is None:
        return None, None
    if start is None or end is None or start > end or end < first or start > last:
        return default_period(first, last)
    return max(start, first), min(end, last)


#: The values the sidebar offers for each segment (the customers' countries, the lines' channels
#: and categories); answered by a Spark cluster too when the lines live there.
OPTIONS_SQL = {
    "country": "SELECT DISTINCT country FROM customers",
    "channel": "SELECT DISTINCT channel FROM transactions",
    "category": "SELECT DISTINCT category FROM transactions",
}


def options(conn) -> dict[str, list[str]]:
    """The countries, channels and categories present in the data, sorted, without NULL."""
    from dashboard.store import computed

    return {
        field: sorted(
            r[0]
            for r in conn.execute(*computed.serve(conn, sql, [])).fetchall()
            if r[0] is not None
        )
        for field, sql in OPTIONS_SQL.items()
    }
