"""A SparkSession for the settings: a master URL (local, standalone, YARN, Kubernetes) or
Spark Connect (``sc://``), with the settings' extra configuration."""

from __future__ import annotations

from dashboard.errors import AnalysisError

#: What every session gets unless the settings say otherwise: UTC (timestamps are wall-clock
#: times in our files, read as TIMESTAMP_NTZ), no console progress bars.
DEFAULT_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",
}


def build(master: str, conf: dict | None = None, app_name: str = "customer-value-dashboard"):
    """A SparkSession on ``master`` (``sc://`` for Spark Connect), reused if one is running.

    Raises
    ------
    AnalysisError
        pyspark is not installed, or Java is missing (the message says what to install).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise AnalysisError(key="spark.no_pyspark") from e
    builder = SparkSession.builder.appName(app_name)
    builder = builder.remote(master) if master.startswith("sc://") else builder.master(master)
    for key, value in {**DEFAULT_CONF, **(conf or {})}.items():
        if master.startswith("sc://") and not key.startswith("spark.sql."):
            continue  # a Connect server keeps its own cluster settings
        builder = builder.config(key, str(value))
    try:
        return builder.getOrCreate()
    except Exception as e:  # pyspark's own errors: no Java, an unreachable master
        raise AnalysisError(
            key="spark.no_session",
            master=master,
            error=str(e),
        ) from e
