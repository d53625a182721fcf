"""The Overview's KPIs from the answers ``compute`` kept (the prepare step of a large business)
are the KPIs computed from the lines: on the demo and on Online Retail II."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from dashboard.reporting import metrics
from dashboard.spark import compute
from dashboard.store import computed, database
from dashboard.store.filters import Filters
from tests.feedback.test_feedback_prepared import default_period, retail_file  # noqa: F401


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


def test_the_kpis_and_their_change_are_served_as_computed(lines_and_kept):
    lines, kept = lines_and_kept
    period = default_period(lines)
    assert computed.served(kept, metrics.KNOWN_BY_DAY_SQL, []) is not None
    for sql, params in (
        metrics.known_cost_sql(period),
        metrics.feedback_counts_sql(period),
        metrics.feedback_counts_sql(period.previous()),
    ):
        assert computed.served(kept, sql, params) is not None
    ours, theirs = metrics.kpis_with_change(kept, period), metrics.kpis_with_change(lines, period)
    assert [r["kpi"] for r in ours] == [r["kpi"] for r in theirs]
    for mine, computed_row in zip(ours, theirs, strict=True):
        for key in ("value", "previous", "change"):
            if isinstance(computed_row[key], float):
                assert mine[key] == pytest.approx(computed_row[key], abs=1e-6), mine
            else:
                assert mine[key] == computed_row[key], mine
    assert metrics.known_cost_share(kept, period) == pytest.approx(
        metrics.known_cost_share(lines, period)
    )
    assert metrics.has_earlier_data(kept, period) == metrics.has_earlier_data(lines, period)
    first = database.summary(lines)["date_from"]
    assert not metrics.has_earlier_data(kept, Filters(date.fromisoformat(first), period.end))


def test_customers_known_by_any_day_add_up_from_the_kept_days(lines_and_kept):
    lines, kept = lines_and_kept
    period = default_period(lines)
    for day in (period.start, period.end, None):
        chosen = Filters(None, day)
        assert metrics.known_customers(kept, chosen) == metrics.known_customers(lines, chosen)
    everyone = lines.execute(database.KNOWN_SQL).fetchone()[0]
    assert metrics.known_customers(kept, Filters()) == everyone > 0
