"""What the database holds: whether a table exists (for the files' own tables, the results kept
by compute, the kept forecasts and the value cache's in-memory tables)."""

from __future__ import annotations

import duckdb


def has_table(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    schema: str | None = None,
    database: str | None = None,
) -> bool:
    """True when ``table`` exists (in ``schema`` when given; in ``database``, by default the
    connection's own file, when given; any database when ``database`` is ``"*"``)."""
    where, params = ["table_name = ?"], [table]
    if schema is not None:
        where.append("schema_name = ?")
        params.append(schema)
    if database is None:
        where.append("database_name = current_database()")
    elif database != "*":
        where.append("database_name = ?")
        params.append(database)
    sql = f"SELECT count(*) FROM duckdb_tables() WHERE {' AND '.join(where)}"
    return bool(conn.execute(sql, params).fetchone()[0])
