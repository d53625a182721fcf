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
