"""The customer-level tables computed on Spark and brought back into the DuckDB file.

What runs where: Spark reads the lines where they live (:mod:`sources`) and runs the core's own
queries, translated (:mod:`translate`): the summary (period bounds, buyers, revenue, orders),
the known customers' count, the sidebar's channels and categories, and for each period the value
table (one row per customer: the pyramid, whale curve, RFM and migration rank it) and the
period's purchase coverage, the Loyalty page's ladder, rates and cohorts, and the Overview's and
Feedback page's counts, trends and potential (:func:`feedback_queries`). Only those results
come back, through Arrow, and are written into the file in one transaction
(:mod:`dashboard.store.computed`), with the customers table whole when it lives in the lake
too. The pages then read them where they would have computed from ``transactions``.

The periods: the pages' default (the last 12 months of data) and the one before it (the
migration's comparison), the whole history, and any period asked for (``--from/--to``) with the
one before it, and the 12 months before the start a new campaign is offered (its tier
audiences). The campaigns' control groups are drawn in DuckDB, on the customers brought back
(their ``hash()`` has no Spark twin).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from dashboard.campaigns import design
from dashboard.errors import AnalysisError, DashboardError
from dashboard.feedback import complaints, potential, trends
from dashboard.identify import identification, identities
from dashboard.loyalty import ladder, retention
from dashboard.reporting import metrics
from dashboard.spark import settings as spark_settings
from dashboard.spark import sources, translate
from dashboard.store import computed, database
from dashboard.store import filters as filters_module
from dashboard.store.filters import Filters
from dashboard.value import cost_model as cost_model_module
from dashboard.value import pyramid, ranking

#: The Loyalty page compares the ladder on a day with the ladder this many days before.
LADDER_DAYS_BEFORE = 91


@dataclass(frozen=True)
class Query:
    """One of the core's queries, as the core builds it, and what it is for."""

    what: str
    sql: str
    params: list | dict
    filters: Filters | None = None
    #: What DuckDB runs instead (the same answer from a table kept earlier in the same run).
    duckdb: tuple[str, list] | None = None

    @property
    def local(self) -> tuple[str, list | dict]:
        """The SQL and parameters DuckDB runs for this answer."""
        return self.duckdb or (self.sql, self.params)


def _period_text(filters: Filters | None) -> str | None:
    """``2025-01-01..2025-03-31``, ``all`` for the whole history, None for no period."""
    if filters is None:
        return None
    if filters.start is None and filters.end is None:
        return "all"
    return f"{filters.start or ''}..{filters.end or ''}"


def global_queries() -> list[Query]:
    """The queries that do not depend on a period: summary, known customers, choices."""
    queries = [
        Query("summary", database.SUMMARY_SQL, []),
        Query("known", database.KNOWN_SQL, []),
        Query("known_by_day", metrics.KNOWN_BY_DAY_SQL, []),  # the Overview's customers known
        Query("latest", ladder.LATEST_SQL, []),
    ]
    for field, sql in filters_module.OPTIONS_SQL.items():
        if field != "country":  # the customers come back whole: DuckDB answers this one
            queries.append(Query(f"options_{field}", sql, []))
    return queries


def period_queries(periods, model, rules: dict) -> list[Query]:
    """The value table and the coverage of each period; for a period with both dates, the
    Loyalty page's too: the ladder on its last day and 91 days before (the page's default
    comparison), buyers with an NPS answer, the monthly rates and the cohorts."""
    queries = []
    for period in periods:
        queries.append(Query("value_table", *ranking.ranked_value_sql(period, model), period))
        if period.start is None or period.end is None:
            continue
        queries.append(Query("coverage", *pyramid.coverage_sql(period), period))
        for day in (period.end, period.end - timedelta(days=LADDER_DAYS_BEFORE)):
            queries.append(Query("ladder", *ladder.ladder_sql(period, day, rules), period))
        queries.append(Query("nps_buyers", *ladder.buyers_with_nps_sql(period, period.end), period))
        queries.append(Query("loyalty_rates", *retention.loyalty_rates_sql(period), period))
        queries.append(Query("cohorts", *retention.cohort_retention_sql(period), period))
    return queries


def campaign_queries(last: date | None, today: date, model) -> list[Query]:
    """The Campaigns page's: the value table of the period a new campaign's tier audiences are
    ranked on when it starts on the day the form offers (the 12 months before it). The form
    counts each tier's customers as it opens, and a value table of another period takes about a
    minute at 10M customers. For historical data that start is fixed; for current data it is
    today, so this serves the day the data were prepared."""
    if last is None:
        return []
    period = design.tier_period(design.default_start(last, today))
    return [Query("value_table", *ranking.ranked_value_sql(period, model), period)]


def identify_queries(periods, model) -> list[Query]:
    """The Customers page's: every known customer's identity with the comparable form of each
    attribute and how many ids share it (search, profile, identification quality, duplicates),
    and for a period shown the likely duplicates with and without the name-only groups (read
    from the identities and the period's value table kept just before). Computed in DuckDB
    only: Spark leaves them to the pages, which keep them in memory."""
    queries = [Query("identities", identities.IDENTITIES_SQL, [])]
    known = computed.table_name("identities", identities.IDENTITIES_SQL, [])
    for period in periods:
        if period.start is None or period.end is None or period.previous() not in periods:
            continue
        value = computed.table_name("value_table", *ranking.ranked_value_sql(period, model))
        kept = {
            "source": (f'SELECT * FROM {computed.SCHEMA}."{value}"', []),
            "known": (f'SELECT * FROM {computed.SCHEMA}."{known}"', []),
        }
        for names in (True, False):
            sql, params = identification.duplicate_groups_sql(period, model, names)
            local = identification.duplicate_groups_sql(period, model, names, **kept)
            queries.append(Query("duplicates", sql, params, period, local))
    return queries


def feedback_queries(conn, periods, model) -> list[Query]:
    """The Overview's and the Feedback page's, for each period with both dates: the feedback
    and complaint counts and the NPS counts (the KPIs compare them with the period before); for
    a period shown (the one before it is computed too) also the monthly feedback trend, the NPS
    per month, the 1-5 ratings, the revenue with a known cost, the complaint iceberg's counts
    (the range, per month, per tier: any share estimates the silent from them), the resolution
    (the range, per tier) and each customer's information and cooperation potential (the tiers
    under the saved tier rule and cost model; in DuckDB read from the period's value table kept
    just before rather than computing it again, which alone takes about a minute at 10M
    customers)."""
    queries = []
    for period in periods:
        if period.start is None or period.end is None:
            continue
        queries.append(Query("feedback_counts", *metrics.feedback_counts_sql(period), period))
        queries.append(Query("nps", *trends.nps_counts_sql(period, by_period=False), period))
        if period.previous() not in periods:
            continue
        queries.append(Query("feedback_trend", *trends.trend_sql(conn, period), period))
        sql, params = trends.nps_counts_sql(period, by_period=True)
        queries.append(Query("nps_trend", sql, ["month", *params], period))
        queries.append(Query("ratings", *trends.rating_distribution_sql(period), period))
        queries.append(Query("known_cost", *metrics.known_cost_sql(period), period))
        value = computed.table_name("value_table", *ranking.ranked_value_sql(period, model))
        kept_value = (f'SELECT * FROM {computed.SCHEMA}."{value}"', [])
        queries.append(
            Query(
                "potential",
                *potential.potential_sql(conn, period),
                period,
                potential.potential_sql(conn, period, source=kept_value),
            )
        )
        for view in complaints.ICEBERG_VIEWS:
            queries.append(
                Query(
                    "iceberg",
                    *complaints.iceberg_sql(conn, period, view, plain=True),
                    period,
                    complaints.iceberg_sql(conn, period, view, source=kept_value),
                )
            )
        for by_tier in (False, True):
            queries.append(
                Query(
                    "resolution",
                    *complaints.resolution_sql(conn, period, by_tier, plain=True),
                    period,
                    complaints.resolution_sql(conn, period, by_tier, source=kept_value),
                )
            )
    return queries


def periods_for(first: date | None, last: date | None, asked=()) -> list[Filters]:
    """The pages' default period and the one before it, the whole history, and each period
    asked for with the one before it; without data only the whole history."""
    chosen = [Filters()]
    start, end = filters_module.default_period(first, last)
    candidates = [Filters(start, end)] if start is not None else []
    candidates += list(asked)
    for period in candidates:
        for each in (period, period.previous()):
            if each is not None and each not in chosen:
                chosen.append(each)
    return chosen


def run_spark(spark, sql: str, params):
    """One query on Spark, its result as an Arrow table."""
    text = translate.to_spark(sql)
    frame = spark.sql(text, args=params) if params else spark.sql(text)
    return frame.toArrow()


def _run(engine, spark, conn, query: Query):
    try:
        if engine == "spark":
            return run_spark(spark, query.sql, query.params)
        return conn.execute(query.sql, query.params).to_arrow_table()
    except DashboardError:
        raise
    except Exception as e:
        raise AnalysisError(
            key="spark.query_failed", what=query.what, error=str(e).splitlines()[0]
        ) from e


def compute(
    conn: duckdb.DuckDBPyConnection,
    *,
    engine: str = "spark",
    spark=None,
    settings: spark_settings.SparkSettings | None = None,
    asked=(),
    missing_only: bool = False,
    today: date | None = None,
) -> dict:
    """Compute the customer-level tables on ``engine`` and keep them in the file.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database, writable: the results are written into it in one transaction.
    engine : str
        ``spark`` (the sources in the settings) or ``duckdb`` (the file's own tables).
    spark : SparkSession, optional
        A running session (the tests' one); else one is built from the settings.
    settings : SparkSettings, optional
        Master, sources and configuration; the saved ones when omitted.
    asked : iterable of Filters
        Periods to compute besides the defaults.
    missing_only : bool
        On DuckDB, keep the answers still fresh (the file's rows unchanged since) and compute
        only those not kept: a nightly job on current data computes the one table that moves
        with the day (the Campaigns form's 12 months before today) rather than all of them.
        Kept answers no run asks for any more go.
    today : date, optional
        The day the Campaigns form offers as a start on current data (default: today).

    Returns
    -------
    dict
        engine, master, the sources read, and for each result what it is, its filters, its
        rows and its seconds; the customers brought back; ``unchanged``, how many kept answers
        were still fresh and kept as they were.

    Raises
    ------
    AnalysisError
        ``missing_only`` with the Spark engine: the file cannot tell whether the lake's rows
        changed, so every answer is computed again.
    """
    if missing_only and engine != "duckdb":
        raise AnalysisError(key="spark.missing_on_spark")
    chosen = settings or spark_settings.load(conn)
    master = None
    registered = {}
    if engine == "spark":
        chosen.check()
        if spark is None:
            from dashboard.spark import session

            spark = session.build(chosen.master, chosen.conf)
        master = (
            spark.conf.get("spark.master", None)
            if not chosen.master.startswith("sc://")
            else chosen.master
        )
        registered = sources.register(spark, chosen.sources)
    model = cost_model_module.load_cost_model(conn)
    results = []

    seen, unchanged = set(), set()

    def fetch(query: Query):
        key = computed.query_key(query.sql, query.params)
        if key in seen:  # the same question for two periods (a ladder on the same day)
            return None
        seen.add(key)
        kept = computed.served(conn, query.sql, query.params) if missing_only else None
        if kept is not None:  # still fresh: kept as it is (the summary read back for its dates)
            unchanged.add(key)
            return conn.execute(kept[0]).to_arrow_table() if query.what == "summary" else None
        if engine == "duckdb" and query.what != "summary":
            # written straight into the file in the transaction below: no copy held in memory
            results.append((query, None, None))
            return None
        began = time.perf_counter()
        table = _run(engine, spark, conn, query)
        results.append((query, table, time.perf_counter() - began))
        return table

    for query in global_queries():
        table = fetch(query)
        if query.what == "summary":
            row = table.to_pylist()[0]
            first = row["date_from"].date() if row["date_from"] else None
            last = row["date_to"].date() if row["date_to"] else None
    rules = ladder.load_rules(conn)
    for query in period_queries(periods_for(first, last, asked), model, rules):
        fetch(query)
    for query in campaign_queries(last, today or date.today(), model):
        fetch(query)
    for query in feedback_queries(conn, periods_for(first, last, asked), model):
        fetch(query)
    if engine == "duckdb":  # DuckDB-only SQL (any_value ... ORDER BY, regexp flags)
        for query in identify_queries(periods_for(first, last, asked), model):
            fetch(query)
    customers = None
    if engine == "spark" and registered.get("customers"):
        began = time.perf_counter()
        customers = spark.table("customers").toArrow()
        customers_seconds = time.perf_counter() - began
    rows, results = _write(
        conn, results, customers, engine, master, registered.get("customers", ""), unchanged
    )
    out = {
        "engine": engine,
        "master": master,
        "sources": registered,
        "results": [
            {
                "what": q.what,
                "period": _period_text(q.filters),
                "rows": rows[i],
                "seconds": round(s, 3),
            }
            for i, (q, _, s) in enumerate(results)
        ],
        "unchanged": len(unchanged),
    }
    if customers is not None:
        out["customers"] = {"rows": customers.num_rows, "seconds": round(customers_seconds, 3)}
    return out


def _write(conn, results, customers, engine, master, customers_source, unchanged=frozenset()):
    """Every result into the file in one transaction (the old ones go, but for the keys in
    ``unchanged``); rows of each, and the results with their seconds (a DuckDB query without a
    table runs here, into the file)."""
    names = [f"_computed_{i}" for i in range(len(results))]
    for name, (_, table, _) in zip(names, results, strict=True):
        if table is not None:
            conn.register(name, table)  # before the transaction: DuckDB registers outside one
    done = []
    if customers is not None:
        conn.register("_lake_customers", customers)
    rows = []
    try:
        conn.execute("BEGIN TRANSACTION")
        try:
            # the file's rows change only when the lake's customers replace its own
            database.bump_data_version(conn, rows=customers is not None or engine != "duckdb")
            content = database.content_version(conn)
            computed.drop_all(conn, keep=unchanged)
            if customers is not None:
                _replace_customers(conn, customers.column_names, customers_source)
            for name, (query, table, seconds) in zip(names, results, strict=True):
                began = time.perf_counter()
                rows.append(
                    computed.keep(
                        conn,
                        name if table is not None else f"({query.local[0]})",
                        sql=query.sql,
                        params=query.params,
                        what=query.what,
                        filters=query.filters.describe() if query.filters else None,
                        engine=engine,
                        master=master,
                        seconds=seconds if table is not None else None,
                        content_version=content,
                        relation_params=None if table is not None else query.local[1],
                    )
                )
                if table is None:
                    seconds = time.perf_counter() - began
                done.append((query, table, seconds))
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
    finally:
        kept = [n for n, (_, table, _) in zip(names, results, strict=True) if table is not None]
        for name in kept + (["_lake_customers"] if customers is not None else []):
            conn.unregister(name)
    return rows, done


def _replace_customers(conn, lake_columns, source: str) -> None:
    """The lake's customers table (registered as ``_lake_customers``) in place of the file's,
    the columns both have."""
    ours = [r[0] for r in conn.execute("DESCRIBE customers").fetchall()]
    names = [n for n in ours if n in set(lake_columns) and n != "import_id"]
    import_id = database.next_import_id(conn)
    removed = conn.execute("DELETE FROM customers").fetchone()[0]
    listed = ", ".join(f'"{n}"' for n in names)
    conn.execute(
        f"INSERT INTO customers ({listed}, import_id) SELECT {listed}, ? FROM _lake_customers",
        [import_id],
    )
    added = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
    conn.execute(
        "INSERT INTO import_log (import_id, imported_at, file_name, table_name, mode, "
        "rows_imported, rows_set_aside, set_aside_reasons, rows_removed) "
        "VALUES (?, now(), ?, 'customers', 'spark', ?, 0, '{}', ?)",
        [import_id, source, added, removed],
    )
