"""Row-for-row comparison of one query's result on DuckDB and on Spark."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.spark import compute

#: Money to the cent: two results agree when they differ by less than half a cent.
CENT = 0.005


def on_duckdb(conn, sql: str, params) -> pd.DataFrame:
    return conn.execute(sql, params).to_arrow_table().to_pandas()


def on_spark(spark, sql: str, params) -> pd.DataFrame:
    return compute.run_spark(spark, sql, params).to_pandas()


def _plain(series: pd.Series) -> list:
    values = series.astype(object).where(series.notna(), None).tolist()
    return [v.item() if hasattr(v, "item") else v for v in values]


def assert_same(duck: pd.DataFrame, spark: pd.DataFrame, keys: list[str]) -> None:
    """The same columns, the same rows (sorted by ``keys``), numbers to the cent, counts,
    dates and text exactly."""
    assert list(spark.columns) == list(duck.columns)
    assert len(spark) == len(duck)
    duck = duck.sort_values(keys, kind="stable").reset_index(drop=True)
    spark = spark.sort_values(keys, kind="stable").reset_index(drop=True)
    for column in duck.columns:
        ours, theirs = _plain(duck[column]), _plain(spark[column])
        if any(isinstance(v, float) for v in ours + theirs):
            for row, (a, b) in enumerate(zip(ours, theirs, strict=True)):
                if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
                    assert (a is None or math.isnan(a)) == (b is None or math.isnan(b)), (
                        column,
                        row,
                        a,
                        b,
                    )
                else:
                    assert abs(a - b) < CENT, (column, duck.loc[row, keys].tolist(), a, b)
        else:
            mismatched = [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
            assert not mismatched, (
                column,
                [(duck.loc[i, keys].tolist(), ours[i], theirs[i]) for i in mismatched[:5]],
            )


def same_on_both(conn, spark, sql: str, params, keys: list[str]) -> pd.DataFrame:
    """Run the query on both engines, assert the results agree; DuckDB's result."""
    duck = on_duckdb(conn, sql, params)
    assert_same(duck, on_spark(spark, sql, params), keys)
    return duck
