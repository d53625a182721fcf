"""The Feedback page's answers kept by ``compute`` (the prepare step of a large business) are the
answers computed from the lines: on the demo and on Online Retail II (no feedback at all)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from dashboard.feedback import complaints, potential, trends
from dashboard.spark import compute
from dashboard.store import computed, database
from dashboard.store import filters as filters_module
from dashboard.store.filters import Filters


def default_period(conn) -> Filters:
    info = database.summary(conn)
    first, last = (pd.Timestamp(info[k]).date() for k in ("date_from", "date_to"))
    return Filters(*filters_module.default_period(first, last))


@pytest.fixture(scope="module")
def retail_file(tmp_path_factory, online_retail_path):
    from dashboard import importer

    path = tmp_path_factory.mktemp("retail") / "retail.duckdb"
    conn = database.connect(path)
    importer.import_file(conn, online_retail_path, "transactions")
    conn.close()
    return path


@pytest.fixture(params=["demo", "retail"])
def lines_and_kept(request, tmp_path):
    """(the lines alone, the same file after compute --engine duckdb), both connections."""
    source = request.getfixturevalue("demo_db_file" if request.param == "demo" else "retail_file")
    shutil.copy(source, tmp_path / "lines.duckdb")
    shutil.copy(source, tmp_path / "kept.duckdb")
    lines = database.connect(tmp_path / "lines.duckdb", read_only=True)
    kept = database.connect(tmp_path / "kept.duckdb")
    compute.compute(kept, engine="duckdb")
    yield lines, kept
    lines.close()
    kept.close()


def assert_same_frame(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    """The same rows in the same order, sums to far below a cent (added up in another order)."""
    pd.testing.assert_frame_equal(
        ours.reset_index(drop=True),
        theirs.reset_index(drop=True),
        check_exact=False,
        rtol=0,
        atol=1e-6,
        check_dtype=False,
    )


def test_the_trend_nps_and_ratings_of_the_period_are_served_as_computed(lines_and_kept):
    lines, kept = lines_and_kept
    period = default_period(lines)
    sql, params = trends.trend_sql(kept, period)
    assert computed.served(kept, sql, params) is not None  # read from the kept table
    assert computed.served(kept, *trends.rating_distribution_sql(period)) is not None
    assert_same_frame(trends.trend(kept, period), trends.trend(lines, period))
    assert trends.nps_summary(kept, period) == trends.nps_summary(lines, period)
    assert trends.nps_summary(kept, period.previous()) == trends.nps_summary(
        lines, period.previous()
    )
    assert_same_frame(trends.nps_trend(kept, period), trends.nps_trend(lines, period))
    assert_same_frame(
        trends.rating_distribution(kept, period), trends.rating_distribution(lines, period)
    )


def test_the_potential_table_is_served_as_computed(lines_and_kept):
    lines, kept = lines_and_kept
    period = default_period(lines)
    assert potential.potential_source(kept, period)[0].startswith(
        f"SELECT * FROM {computed.SCHEMA}."
    )
    everyone = potential.customer_potential(lines, period)
    assert_same_frame(potential.customer_potential(kept, period), everyone)
    assert potential.potential_count(kept, period) == len(everyone)
    for score in potential.SCORES:
        top = potential.ranked_potential(kept, period, score, limit=50)
        # the page's table: the highest score first, ties in the table's own order
        expected = everyone.sort_values(score, ascending=False, kind="stable").head(50)
        assert_same_frame(top, expected)


def test_the_iceberg_at_any_share_and_the_resolution_are_served_as_computed(lines_and_kept):
    """One kept answer per view serves every share the page's slider offers: the counts are
    kept, the estimate of the silent is worked out from them."""
    lines, kept = lines_and_kept
    period = default_period(lines)
    for view in complaints.ICEBERG_VIEWS:
        sql, params = complaints.iceberg_sql(kept, period, view, plain=True)
        assert computed.served(kept, sql, params) is not None
    for by_tier in (False, True):
        sql, params = complaints.resolution_sql(kept, period, by_tier, plain=True)
        assert computed.served(kept, sql, params) is not None
    for share in (0.04, 0.1, 0.5):
        ours = complaints.iceberg_summary(kept, period, share)
        assert ours == complaints.iceberg_summary(lines, period, share)
        for view in (complaints.complaint_iceberg, complaints.iceberg_by_tier):
            ours, theirs = (view(c, period, complaint_share=share) for c in (kept, lines))
            assert_same_frame(ours, theirs)
    assert complaints.resolution_summary(kept, period) == complaints.resolution_summary(
        lines, period
    )
    assert_same_frame(
        complaints.resolution_by_tier(kept, period), complaints.resolution_by_tier(lines, period)
    )


def test_the_scatter_sample_is_the_same_customers_every_time(demo_conn):
    period = default_period(demo_conn)
    everyone = potential.customer_potential(demo_conn, period)
    assert len(everyone) > 100
    sample = potential.potential_sample(demo_conn, period, 100)
    assert len(sample) == 100 and sample["customer_id"].is_unique
    assert set(sample["customer_id"]) <= set(everyone["customer_id"])
    again = potential.potential_sample(demo_conn, period, 100)
    assert sample["customer_id"].tolist() == again["customer_id"].tolist()
    whole = potential.potential_sample(demo_conn, period, len(everyone) + 10)
    assert sorted(whole["customer_id"]) == sorted(everyone["customer_id"])  # all when few
