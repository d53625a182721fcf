"""Where DuckDB and Spark differ in meaning, the translated query gives DuckDB's answer on Spark."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from dashboard.spark import translate
from tests.spark.compare import on_duckdb, on_spark

MOMENTS = """(VALUES ('a', TIMESTAMP '2025-01-31 23:59:00', TIMESTAMP '2025-02-01 00:01:00'),
                     ('b', TIMESTAMP '2024-12-31 12:00:00', TIMESTAMP '2025-03-01 11:00:00'),
                     ('c', TIMESTAMP '2025-03-15 08:00:00', TIMESTAMP '2025-03-15 20:00:00'),
                     ('d', NULL, TIMESTAMP '2025-03-15 20:00:00')) AS t(id, a, b)"""


def both(spark, sql: str, params=()):
    with duckdb.connect() as conn:
        return on_duckdb(conn, sql, list(params)), on_spark(spark, sql, list(params))


def test_date_diff_counts_boundaries_as_duckdb_does(spark):
    sql = f"""SELECT id, date_diff('day', a, b) AS days, datediff('month', a, b) AS months,
                     date_diff('year', a, b) AS years
              FROM {MOMENTS} ORDER BY id"""
    ours, theirs = both(spark, sql)
    assert ours["days"].tolist()[:3] == [1, 60, 0]  # 23:59 to 00:01 is the next day
    assert ours["months"].tolist()[:3] == [1, 3, 0]
    for column in ("days", "months", "years"):
        assert theirs[column].tolist()[:3] == ours[column].tolist()[:3]
        assert theirs[column].isna().tolist() == ours[column].isna().tolist()


def test_date_trunc_keeps_wall_clock_times(spark):
    sql = f"SELECT id, date_trunc('month', b) AS month FROM {MOMENTS} ORDER BY id"
    ours, theirs = both(spark, sql)
    assert theirs["month"].tolist() == ours["month"].tolist()
    assert str(ours["month"][0]) == "2025-02-01 00:00:00"


def test_nulls_sort_last_in_both_directions(spark):
    for direction in ("", " DESC"):
        sql = f"SELECT id FROM {MOMENTS} ORDER BY a{direction}, id"
        ours, theirs = both(spark, sql)
        assert ours["id"].tolist()[-1] == "d"
        assert theirs["id"].tolist() == ours["id"].tolist()


def test_division_and_parameters(spark):
    sql = (
        "SELECT 7 / 2 AS ratio, 7 // 2 AS whole, CAST(? AS DATE) AS day, ? * 2 AS twice, "
        "1000.0 * 1 / 3 AS per_1000"
    )
    ours, theirs = both(spark, sql, [date(2025, 3, 1), 1.25])
    assert ours.iloc[0].tolist()[:4] == [3.5, 3, date(2025, 3, 1), 2.5]
    assert theirs.iloc[0].tolist() == ours.iloc[0].tolist()  # a DOUBLE, not a DECIMAL
    assert isinstance(theirs["per_1000"][0], float)
    assert "2025" not in translate.to_spark(sql)  # values stay parameters


def test_hash_is_refused_so_control_groups_stay_in_duckdb():
    with pytest.raises(translate.NotPortable, match="hash"):
        translate.to_spark("SELECT customer_id FROM customers ORDER BY hash(hash(customer_id, 7))")


def test_epoch_keeps_fractions_of_a_second_and_quantiles_interpolate(spark):
    sql = """SELECT (epoch(b) - epoch(a)) / 86400.0 AS days FROM (VALUES
                 (TIMESTAMP '2025-01-31 23:59:00.250', TIMESTAMP '2025-02-01 00:01:00.750'),
                 (TIMESTAMP '2024-12-31 12:00:00', TIMESTAMP '2025-03-01 11:00:00')) AS t(a, b)
             ORDER BY days"""
    ours, theirs = both(spark, sql)
    assert ours["days"][0] == pytest.approx(120.5 / 86400, abs=1e-12)  # two minutes and a half
    assert theirs["days"].tolist() == pytest.approx(ours["days"].tolist(), abs=1e-12)
    sql = """SELECT quantile_cont(x, 0.9) AS p90, median(x) AS p50
             FROM (VALUES (1e0), (2e0), (4e0), (10e0)) AS t(x)"""
    ours, theirs = both(spark, sql)
    assert ours.iloc[0].tolist() == pytest.approx([8.2, 3.0])  # between 4 and 10, 0.7 of the way
    assert theirs.iloc[0].tolist() == pytest.approx(ours.iloc[0].tolist())
