"""The demo business: a seeded, believable company generated in DuckDB, and its removal.

Modules: ``generator`` (loads the demo in one transaction as an import of its own),
``generator_sql`` (the SQL that makes its rows), ``vocabulary`` (names, places, products and
texts in English and Russian), ``removal`` (what of the demo is left beside a user's own data,
and taking it out).

Builds on ``store`` and ``campaigns`` (the demo holds one finished campaign); only the command line, the
app's first run and the report (which names the demo's source file in words) import it.
"""

__all__ = ["generator", "generator_sql", "removal", "vocabulary"]
