"""Every customer-level query the core writes gives on Spark what it gives in DuckDB, row for
row, to the cent: the same query text, translated by SQLGlot, on the same rows as Parquet."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.future import summary as future_summary
from dashboard.loyalty import ladder, retention
from dashboard.spark import sources
from dashboard.store import database
from dashboard.store import filters as filters_module
from dashboard.store.filters import Filters
from dashboard.value import cost_model, pyramid, ranking, rfm, value_table
from tests.spark.compare import same_on_both


@pytest.fixture(params=["demo", "retail"])
def lake(request, spark):
    """One dataset in DuckDB, and Spark's views reading its Parquet copy."""
    chosen = request.getfixturevalue(f"{request.param}_lake")
    sources.register(spark, chosen.sources)
    conn = chosen.connect()
    yield conn
    conn.close()


def default_period(conn) -> Filters:
    info = database.summary(conn)
    first, last = date.fromisoformat(info["date_from"]), date.fromisoformat(info["date_to"])
    return Filters(*filters_module.default_period(first, last))


def test_value_table_of_the_whole_history(lake, spark):
    sql, params = ranking.ranked_value_sql(Filters(), cost_model.load_cost_model(lake))
    found = same_on_both(lake, spark, sql, params, ["customer_id"])
    assert found["revenue"].abs().sum() > 0 and found["is_active"].any()
    # every buyer has a place in both rankings, 1 to the number of buyers, as the pyramid cuts
    for by in ("revenue", "profit"):
        places = found.loc[found["is_active"], f"position_{by}"]
        assert sorted(places) == list(range(1, int(found["is_active"].sum()) + 1))


def test_value_table_of_the_default_period_and_the_one_before(lake, spark):
    period = default_period(lake)
    for each in (period, period.previous()):
        sql, params = ranking.ranked_value_sql(each, cost_model.load_cost_model(lake))
        found = same_on_both(lake, spark, sql, params, ["customer_id"])
        assert found["orders"].sum() > 0


def test_value_table_of_one_country_and_one_channel(demo_lake, spark):
    sources.register(spark, demo_lake.sources)
    with demo_lake.connect() as conn:
        choices = filters_module.options(conn)
        period = default_period(conn)
        for segment in (
            Filters(period.start, period.end, countries=(choices["country"][0],)),
            Filters(period.start, period.end, channels=(choices["channel"][0],)),
            Filters(period.start, period.end, categories=tuple(choices["category"][:2])),
        ):
            sql, params = ranking.ranked_value_sql(segment, cost_model.CostModel())
            found = same_on_both(conn, spark, sql, params, ["customer_id"])
            assert found["orders"].sum() > 0


def test_summary_choices_and_coverage(lake, spark):
    same_on_both(lake, spark, database.SUMMARY_SQL, [], ["date_from"])
    same_on_both(lake, spark, database.KNOWN_SQL, [], ["customers"])
    for field, sql in filters_module.OPTIONS_SQL.items():
        same_on_both(lake, spark, sql, [], [field])
    sql, params = pyramid.coverage_sql(default_period(lake))
    found = same_on_both(lake, spark, sql, params, ["first_day"])
    assert found["purchases"][0] > 0


def test_rfm_scores_and_segments(lake, spark):
    sql, params = rfm.rfm_sql(default_period(lake), rfm.DEFAULT_SEGMENTS)
    found = same_on_both(lake, spark, sql, params, ["customer_id"])
    assert found["segment"].nunique() > 1 and set(found["r"]) == {1, 2, 3, 4, 5}


def test_loyalty_rates_and_cohort_retention(lake, spark):
    period = default_period(lake)
    found = same_on_both(lake, spark, *retention.loyalty_rates_sql(period), ["period"])
    assert found["buyers"].sum() > 0
    found = same_on_both(
        lake, spark, *retention.cohort_retention_sql(period), ["cohort", "months_since"]
    )
    assert found["months_since"].max() > 0


def test_loyalty_ladder_and_buyers_with_nps(lake, spark):
    period = default_period(lake)
    sql, params = ladder.ladder_sql(period, period.end, ladder.load_rules(lake))
    found = same_on_both(lake, spark, sql, params, ["customer_id"])
    assert len(found) > 0
    same_on_both(lake, spark, *ladder.buyers_with_nps_sql(period, period.end), ["buyers"])
    same_on_both(lake, spark, ladder.LATEST_SQL, [], ["latest"])


def test_future_value_inputs(lake, spark):
    period = default_period(lake)
    values = value_table.customer_value_sql(Filters(None, period.end))
    sql, params = future_summary.summary_sql(
        Filters(), period.start, period.end, period.end, values=values
    )
    found = same_on_both(lake, spark, sql, params, ["customer_id"])
    assert found["frequency"].max() > 0 and found["holdout"].sum() > 0


def test_feedback_trends_and_nps_counts(demo_lake, spark):
    from dashboard.feedback import trends

    sources.register(spark, demo_lake.sources)
    with demo_lake.connect() as conn:
        period = default_period(conn)
        for freq, split in (("month", None), ("week", "channel")):
            sql, params = trends.trend_sql(conn, period, freq, split)
            found = same_on_both(conn, spark, sql, params, ["period", "kind", "group"])
            assert found["count"].sum() > 0
        for by_period in (False, True):
            sql, params = trends.nps_counts_sql(period, by_period)
            params = [*(["month"] if by_period else []), *params]
            found = same_on_both(conn, spark, sql, params, ["period"])
            assert found["responses"].sum() > 0


def test_overview_counts_and_customers_known_by_day(lake, spark):
    from dashboard.reporting import metrics

    period = default_period(lake)
    found = same_on_both(lake, spark, metrics.KNOWN_BY_DAY_SQL, [], ["day"])
    assert found["customers"].sum() == lake.execute(database.KNOWN_SQL).fetchone()[0]
    for each in (period, period.previous()):
        same_on_both(lake, spark, *metrics.feedback_counts_sql(each), ["complaints"])
    found = same_on_both(lake, spark, *metrics.known_cost_sql(period), ["known"])
    assert found["total"].iloc[0] > 0


def test_feedback_potential_and_ratings(demo_lake, spark):
    from dashboard.feedback import potential, trends

    sources.register(spark, demo_lake.sources)
    with demo_lake.connect() as conn:
        period = default_period(conn)
        found = same_on_both(conn, spark, *potential.potential_sql(conn, period), ["customer_id"])
        assert found["information_points"].sum() > 0 and found["cooperation_points"].sum() > 0
        keys = ["score", "kind"]
        found = same_on_both(conn, spark, *trends.rating_distribution_sql(period), keys)
        assert found["count"].sum() > 0


def test_complaint_iceberg_and_resolution(demo_lake, spark):
    """The iceberg's counts in each view and the resolution times (the fraction of a second
    kept, the 90th percentile interpolated) are DuckDB's, row for row."""
    from dashboard.feedback import complaints

    sources.register(spark, demo_lake.sources)
    with demo_lake.connect() as conn:
        period = default_period(conn)
        for view in complaints.ICEBERG_VIEWS:
            sql, params = complaints.iceberg_sql(conn, period, view, plain=True)
            found = same_on_both(conn, spark, sql, params, ["grp"])
            assert found["complaints"].sum() > 0
        for by_tier in (False, True):
            sql, params = complaints.resolution_sql(conn, period, by_tier, plain=True)
            found = same_on_both(conn, spark, sql, params, ["tier"])
            assert found["resolved"].sum() > 0 and found["p90_days"].notna().any()
