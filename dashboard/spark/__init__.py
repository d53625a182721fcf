"""Apache Spark: the customer-level tables computed where the transactions already live.

What it answers: the value table of a period (and from it the tiers, the whale curve, RFM and
the migration), the loyalty ladder, rates and cohorts, the period bounds and the sidebar's
choices, computed on a Spark cluster (local, standalone, YARN, Kubernetes or Spark Connect)
from Parquet files or Spark tables, and brought back, customer-level and aggregate results
only, into the DuckDB file the pages read
(:mod:`dashboard.store.computed`). The SQL is the core's own, translated by SQLGlot
(:mod:`translate`); nothing here writes a second copy of a query.

- ``settings``: engine, master, sources and Spark configuration, kept in the database's settings.
- ``session``: a SparkSession for those settings.
- ``sources``: the four data tables as Spark views named like ours.
- ``compute``: which queries run, on Spark, and the results written into the file.
"""
