"""The Customer pyramid page (AppTest) of an app whose database holds no transactions, only the
tables Spark computed: it shows the numbers DuckDB computes from the lines themselves."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.store import database
from dashboard.value import pyramid
from dashboard.value.cost_model import load_cost_model
from tests.ui.test_page_pyramid import (
    ROOT,
    assert_clean,
    chart,
    drill_table,
    open_page,
    pyramid_sizes,
    shown_period,
)


@pytest.fixture
def lake_app(served_lake, monkeypatch, tmp_path):
    """The app pointed at a copy of the Spark-served file."""
    path = tmp_path / "lake.duckdb"
    path.write_bytes(served_lake.db_path.read_bytes())
    monkeypatch.setenv(database.DB_ENV_VAR, str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def test_the_pyramid_page_is_served_from_spark_tables(lake_app, demo_lake):
    with database.connect(lake_app) as conn:
        assert database.table_counts(conn)["transactions"] == 0
    at = open_page()
    assert_clean(at)
    with demo_lake.connect() as source:  # the lines themselves, in DuckDB
        period = shown_period(at)
        assert period.start is not None
        shares = pyramid.tier_shares(
            source, period, rule=pyramid.TierRule(), cost_model=load_cost_model(source)
        )
    active = shares[shares.tier != "inactive"]
    assert pyramid_sizes(at) == [int(n) for n in active.customers]
    assert len(drill_table(at)) == int(active.customers.iloc[0])
    top = active.iloc[:2].sum(numeric_only=True)
    title = chart(at, "pyramid_shares_chart")["layout"]["title"]["text"].replace("<br>", " ")
    assert f"top {top.share_customers:.0%} of customers bring {top.share_revenue:.0%}" in title


def test_the_loyalty_page_is_served_from_spark_tables(lake_app, demo_lake):
    from dashboard.loyalty import ladder

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/loyalty.py")
    at.run()
    assert_clean(at)
    with demo_lake.connect() as source:
        period = shown_period(at)
        counts = ladder.ladder_counts(source, period, period.end, ladder.load_rules(source))
    assert sum(counts.values()) > 0
    assert chart(at, "ladder")["data"][0]["x"] == [counts[level] for level in ladder.LEVELS]
    assert chart(at, "retention")["data"]


def test_the_feedback_page_is_served_from_spark_tables(lake_app, demo_lake):
    """The lake's feedback never comes into the file: the page's trend, NPS and potential are
    the ones Spark computed, equal to DuckDB's on the lines themselves."""
    from dashboard.feedback import complaints, potential, trends
    from dashboard.ui import interact
    from tests.ui.test_page_feedback import _title, _values

    with database.connect(lake_app) as conn:
        assert database.table_counts(conn)["feedback"] == 0
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/feedback.py")
    at.run()
    assert_clean(at)
    assert not [i.value for i in at.info if "No feedback" in i.value]
    # each complaint and text stay in the lake: the page says so rather than list none
    assert [i.value for i in at.info if "The feedback lives in the data lake" in i.value]
    assert not [c for c in at.get("plotly_chart") if "fb_terms" in c.proto.id]
    assert not [d for d in at.dataframe if "Days open" in d.value.columns]
    with demo_lake.connect() as source:
        period = shown_period(at)
        trend = trends.trend(source, period)
        nps = trends.nps_summary(source, period)["nps"]
        top = potential.ranked_potential(
            source, period, "information_score", interact.POTENTIAL_ROWS
        )
        iceberg = complaints.iceberg_summary(source, period)
        resolution = complaints.resolution_summary(source, period)
    drawn = chart(at, "fb_trend")["data"]
    assert sum(_values(trace["y"]).sum() for trace in drawn) == trend["count"].sum() > 0
    assert next(m for m in at.metric if m.label == "NPS").value == f"{nps:+.0f}"
    table = next(d.value for d in at.dataframe if "Responsiveness" in d.value.columns)
    assert table["Customer id"].tolist() == top["customer_id"].tolist()
    # the iceberg and resolution Spark computed: the same as DuckDB's on the lines and feedback
    assert iceberg["complaints"] > 0 and resolution["complaints"] == iceberg["complaints"]
    said = " ".join(complaints.iceberg_sentence(iceberg, "en").split())
    assert " ".join(_title(at, "fb_iceberg").split()) == said
    assert (
        next(m for m in at.metric if m.label == "Open complaints").value
        == f"{resolution['open']:,}"
    )
