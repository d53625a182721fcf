"""The pages' core served from Spark-computed tables: a DuckDB file that holds no transactions,
only what Spark brought back, gives the numbers DuckDB computes from the lines themselves."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from dashboard.store import computed, database
from dashboard.store import filters as filters_module
from dashboard.store.filters import Filters
from dashboard.value import cache, migration, pyramid, rfm, whale
from tests.spark.compare import assert_same


@pytest.fixture
def served(served_lake):
    """The demo computed on Spark into a file of its own: (its connection, the report)."""
    conn = database.connect(served_lake.db_path)
    yield conn, served_lake.report
    conn.close()


@pytest.fixture
def source(demo_lake):
    with demo_lake.connect() as conn:
        yield conn


def the_default_period(conn) -> Filters:
    info = database.summary(conn)
    first, last = date.fromisoformat(info["date_from"]), date.fromisoformat(info["date_to"])
    return Filters(*filters_module.default_period(first, last))


def test_the_file_holds_no_lines_only_what_spark_brought_back(served):
    conn, report = served
    assert database.table_counts(conn)["transactions"] == 0
    assert report["engine"] == "spark" and report["master"] == "local[2]"
    kept = computed.catalog(conn)
    assert {k["what"] for k in kept} >= {"summary", "value_table", "coverage"}
    assert all(k["engine"] == "spark" and k["fresh"] for k in kept)
    periods = {
        (k["filters"]["from"], k["filters"]["to"]) for k in kept if k["what"] == "value_table"
    }
    assert ("2025-01-01", "2025-03-31") in periods and (None, None) in periods
    assert report["customers"]["rows"] == database.table_counts(conn)["customers"] > 0


def test_the_sidebar_gets_the_bounds_counts_and_choices(served, source):
    conn, _ = served
    ours, theirs = database.summary(conn), database.summary(source)
    for key in ("date_from", "date_to", "customers", "buying_customers", "orders"):
        assert ours[key] == theirs[key], key
    assert ours["revenue"] == pytest.approx(theirs["revenue"], abs=0.005)
    assert filters_module.options(conn) == filters_module.options(source)
    assert not database.is_empty(conn)


def test_value_table_pyramid_whale_rfm_and_migration_are_served(served, source):
    conn, _ = served
    period = the_default_period(source)
    assert the_default_period(conn) == period
    assert cache.source(conn, period)[0].startswith(f"SELECT * FROM {computed.SCHEMA}.")
    for each in (period, period.previous(), Filters()):
        assert_same(
            cache.customer_value(source, each), cache.customer_value(conn, each), ["customer_id"]
        )
    for by in ("revenue", "profit"):
        assert_same(
            pyramid.tier_shares(source, period, by), pyramid.tier_shares(conn, period, by), ["tier"]
        )
    assert_same(whale.whale_curve(source, period), whale.whale_curve(conn, period), ["position"])
    assert_same(rfm.segment_summary(source, period), rfm.segment_summary(conn, period), ["segment"])
    before, after = migration.default_periods(source, period)
    assert_same(
        migration.tier_migration(source, before, after),
        migration.tier_migration(conn, before, after),
        ["tier_before", "tier_after"],
    )
    assert pyramid.period_coverage(conn, period) == pyramid.period_coverage(source, period)


def test_a_new_import_makes_the_kept_tables_stale(served, tmp_path):
    conn, _ = served
    copy = tmp_path / "copy.duckdb"
    conn.execute("CHECKPOINT")
    copy.write_bytes(database.database_file(conn).read_bytes())
    other = database.connect(copy)
    period = the_default_period(other)
    assert cache.source(other, period)[0].startswith(f"SELECT * FROM {computed.SCHEMA}.")
    other.execute("BEGIN TRANSACTION")
    other.execute(
        "INSERT INTO transactions (customer_id, ordered_at, revenue) VALUES ('new', ?, 10)",
        [pd.Timestamp(period.end)],
    )
    database.bump_data_version(other)
    other.execute("COMMIT")
    assert not cache.source(other, period)[0].startswith(f"SELECT * FROM {computed.SCHEMA}.")
    assert computed.served(other, database.SUMMARY_SQL, []) is None
    assert database.summary(other)["buying_customers"] == 1
    other.close()


def test_a_tier_campaign_draws_the_same_groups_from_spark_tables(served_lake, demo_lake, tmp_path):
    """The control group is drawn in DuckDB (its hash has no Spark twin) on the tiers Spark
    computed: the same seed gives the same target and control customers as on the lines."""
    from dashboard.campaigns import design

    groups = []
    for name, path in (("served", served_lake.db_path), ("lines", demo_lake.db_path)):
        copy = tmp_path / f"{name}.duckdb"
        copy.write_bytes(path.read_bytes())
        with database.connect(copy) as conn:
            start = the_default_period(conn).end + timedelta(days=1)
            campaign = design.create_campaign(
                conn,
                tier="2",
                control_share=0.2,
                start=start,
                window_days=30,
                seed=99,
                name="same seed",
            )
            groups.append(
                conn.execute(
                    "SELECT grp, list(customer_id ORDER BY customer_id) FROM campaign_members "
                    "WHERE campaign_id = ? GROUP BY grp ORDER BY grp",
                    [campaign],
                ).fetchall()
            )
    assert groups[0] == groups[1]
    assert [g for g, _ in groups[0]] == ["control", "target"] and len(groups[0][0][1]) > 0


def test_the_loyalty_ladder_rates_and_cohorts_are_served(served, source):
    from dashboard.loyalty import ladder, retention

    conn, _ = served
    period = the_default_period(source)
    assert ladder.latest_date(conn) == ladder.latest_date(source)
    rules = ladder.load_rules(source)
    before = period.end - timedelta(days=91)
    assert ladder.ladder_counts(conn, period, period.end, rules) == ladder.ladder_counts(
        source, period, period.end, rules
    )
    assert_same(
        ladder.ladder_movement(conn, period, before, period.end, rules),
        ladder.ladder_movement(source, period, before, period.end, rules),
        ["from_level", "to_level"],
    )
    assert ladder.buyers_with_nps(conn, period, period.end) == ladder.buyers_with_nps(
        source, period, period.end
    )
    for name in ("loyalty_rates", "cohort_retention"):
        ours, theirs = (
            getattr(retention, name)(conn, period),
            getattr(retention, name)(source, period),
        )
        assert len(ours) > 0
        assert_same(ours, theirs, list(ours.columns[:2]))
        assert ours.iloc[:, 0].tolist() == theirs.iloc[:, 0].tolist()  # in the page's order
