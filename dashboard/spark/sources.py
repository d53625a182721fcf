"""The four data tables as Spark temporary views named like ours (``transactions``,
``customers``, ``feedback``, ``interactions``), so the core's SQL reads them unchanged.

Each source in the settings is a Parquet path or glob (anything with ``/``, ``:`` or ending in
``.parquet``: ``/lake/tx/*.parquet``, ``s3a://bucket/tx/``) or else a Spark table name
(``lake.sales``); ``parquet:`` or ``table:`` in front says which outright. A view takes our
columns with our types: columns a source lacks are NULL unless our schema needs them (then the
source is refused, naming them), extra columns are left out. A table without a source is an
empty view. Timestamps are wall-clock times (TIMESTAMP_NTZ), as DuckDB keeps them.
"""

from __future__ import annotations

import functools
import glob
import re

import duckdb

from dashboard.errors import AnalysisError
from dashboard.store import database

#: DuckDB's types of our columns, as Spark spells them.
_SPARK_TYPES = {
    "VARCHAR": "STRING",
    "JSON": "STRING",
    "TIMESTAMP": "TIMESTAMP_NTZ",
    "DOUBLE": "DOUBLE",
    "INTEGER": "INT",
    "BIGINT": "BIGINT",
    "DATE": "DATE",
    "BOOLEAN": "BOOLEAN",
}


@functools.cache
def columns(table: str) -> tuple[tuple[str, str, bool], ...]:
    """Our schema's columns of ``table``: (name, Spark type, required)."""
    with duckdb.connect(":memory:") as memory:
        database.ensure_schema(memory)
        rows = memory.execute(f"DESCRIBE {table}").fetchall()
    return tuple((name, _SPARK_TYPES[kind], null == "NO") for name, kind, null, *_ in rows)


def where(source: str) -> tuple[str, str]:
    """What a source is and its name: (``parquet``, path or glob) or (``table``, Spark table)."""
    kind, _, name = source.partition(":")
    if kind not in ("parquet", "table") or not name:
        looks_like_path = "/" in source or ":" in source or source.endswith(".parquet")
        kind, name = ("parquet" if looks_like_path else "table"), source
    return kind, name


#: A URI with a scheme Spark reads itself (s3a://, hdfs://, abfss://...); file: is this machine.
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def check(sources: dict) -> None:
    """Refuse a source on this machine that does not exist (a path no file matches), before
    Spark starts or the database is touched; remote paths and tables Spark checks itself."""
    for table in database.DATA_TABLES:
        source = sources.get(table) or ""
        if not source:
            continue
        kind, name = where(source)
        if kind != "parquet" or (_REMOTE.match(name) and not name.startswith("file:")):
            continue
        local = re.sub(r"^file:(//)?", "", name)
        if not glob.glob(local):
            raise AnalysisError(key="spark.source_missing", table=table, source=source)


def read(spark, table: str, source: str | None):
    """The Spark DataFrame of one table from its source (an empty one without)."""
    from pyspark.sql import functions as F

    wanted = columns(table)
    if not source:
        ddl = ", ".join(f"`{name}` {kind}" for name, kind, _ in wanted)
        return spark.createDataFrame([], ddl)
    kind, name = where(source)
    try:
        frame = spark.read.parquet(name) if kind == "parquet" else spark.table(name)
        present = {c.lower(): c for c in frame.columns}
    except Exception as e:
        raise AnalysisError(
            key="spark.source_failed", table=table, source=source, error=str(e).splitlines()[0]
        ) from e
    missing = [n for n, _, required in wanted if required and n not in present]
    if missing:
        raise AnalysisError(
            key="spark.missing_columns", table=table, source=source, columns=", ".join(missing)
        )
    return frame.select(
        *[
            (F.col(f"`{present[n]}`") if n in present else F.lit(None)).cast(kind).alias(n)
            for n, kind, _ in wanted
        ]
    )


def register(spark, sources: dict) -> dict[str, str]:
    """Register the four views from ``sources`` (table -> path or name); return what each
    view reads ("" for an empty one)."""
    registered = {}
    for table in database.DATA_TABLES:
        source = sources.get(table) or ""
        read(spark, table, source).createOrReplaceTempView(table)
        registered[table] = source
    return registered
