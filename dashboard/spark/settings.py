"""Where Spark runs and where the data are: settings kept in the database like every other."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb

from dashboard.errors import AnalysisError
from dashboard.store import database

ENGINES = ("duckdb", "spark")
#: The settings' keys.
ENGINE_KEY = "engine"
MASTER_KEY = "spark.master"
SOURCES_KEY = "spark.sources"
CONF_KEY = "spark.conf"
DEFAULT_MASTER = "local[2]"
TABLES = database.DATA_TABLES
#: The masters Spark knows: local mode, standalone, YARN, Kubernetes, Mesos, Spark Connect.
MASTER_PATTERN = re.compile(
    r"local(\[(\d+|\*)(,\d+)?\])?|spark://\S+|yarn|k8s://\S+|mesos://\S+|sc://\S+"
)


@dataclass(frozen=True)
class SparkSettings:
    """``engine`` (duckdb | spark); ``master``: ``local[N]``, ``spark://host:7077``, ``yarn``,
    ``k8s://https://host``, or ``sc://host:15002`` for Spark Connect; ``sources``: table ->
    Parquet path or glob (``s3a://lake/tx/*.parquet``) or Spark table name (``lake.sales``);
    ``conf``: extra Spark configuration (``spark.executor.memory``...)."""

    engine: str = "duckdb"
    master: str = DEFAULT_MASTER
    sources: dict = field(default_factory=dict)
    conf: dict = field(default_factory=dict)

    def check(self) -> SparkSettings:
        if self.engine not in ENGINES:
            raise AnalysisError(
                key="spark.unknown_engine",
                engine=repr(self.engine),
            )
        unknown = sorted(set(self.sources) - set(TABLES))
        if unknown:
            raise AnalysisError(
                key="spark.unknown_source",
                names=", ".join(unknown),
                tables=", ".join(TABLES),
            )
        if "transactions" not in self.sources:
            raise AnalysisError(key="spark.no_transactions")
        if not MASTER_PATTERN.fullmatch(self.master or ""):
            raise AnalysisError(key="spark.bad_master", master=repr(self.master))
        wrong = sorted(k for k in self.conf if not str(k).startswith("spark."))
        if wrong:
            raise AnalysisError(key="spark.bad_conf", keys=", ".join(wrong))
        return self


def load(conn: duckdb.DuckDBPyConnection) -> SparkSettings:
    """The saved settings (the defaults where none are saved)."""
    return SparkSettings(
        engine=database.get_setting(conn, ENGINE_KEY, "duckdb"),
        master=database.get_setting(conn, MASTER_KEY, DEFAULT_MASTER),
        sources=dict(database.get_setting(conn, SOURCES_KEY, {}) or {}),
        conf=dict(database.get_setting(conn, CONF_KEY, {}) or {}),
    )


def save(conn: duckdb.DuckDBPyConnection, settings: SparkSettings) -> None:
    """Save the settings (one transaction)."""
    if settings.engine not in ENGINES:
        SparkSettings(engine=settings.engine, sources={"transactions": ""}).check()
    conn.execute("BEGIN TRANSACTION")
    try:
        database.put_setting(conn, ENGINE_KEY, settings.engine)
        database.put_setting(conn, MASTER_KEY, settings.master)
        database.put_setting(conn, SOURCES_KEY, dict(settings.sources))
        database.put_setting(conn, CONF_KEY, {k: str(v) for k, v in settings.conf.items()})
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
