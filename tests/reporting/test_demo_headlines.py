"""Every headline sentence of the demo, as a new user first reads it, says something believable.

The demo is built at the size the app loads (``generator.DEFAULT_CUSTOMERS``) and read over the
app's default period, like the Overview, the Pyramid, the Feedback page and the report.
"""

from __future__ import annotations

import re

import pytest

from dashboard.demo import generator
from dashboard.feedback import complaints
from dashboard.figures import feedback_complaints
from dashboard.reporting import metrics, story
from dashboard.store import database
from dashboard.store.filters import Filters, default_period
from dashboard.text_safety import plain_text
from dashboard.value import pyramid, whale
from dashboard.value.cost_model import load_cost_model


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("headlines") / "demo.duckdb"
    conn = database.connect(path)
    generator.load_demo(conn, customers=generator.DEFAULT_CUSTOMERS)
    first, last = conn.execute(
        "SELECT min(ordered_at)::DATE, max(ordered_at)::DATE FROM transactions"
    ).fetchone()
    yield conn, Filters(*default_period(first, last))
    conn.close()


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _title(fig) -> str:
    return plain_text(fig.layout.title.text.replace("<br>", " "))


def test_the_iceberg_finds_some_customers_dissatisfied_not_all(demo):
    conn, filters = demo
    total = complaints.iceberg_summary(conn, filters)
    # about 0.5-1% of a year's buyers complain, as in a real shop, not 6%
    assert 0.004 <= total["complaining_customers"] / total["customers"] <= 0.012, total
    title = _title(
        feedback_complaints.iceberg_figure(complaints.complaint_iceberg(conn, filters), total, "en")
    )
    found = re.fullmatch(
        r"Behind ([\d,]+) complaints from ([\d,]+) customers(?: \([\d,]+ of them anonymous\))? "
        r"stand about ([\d,]+) dissatisfied customers \(if 4% complain\)",
        title,
    )
    assert found, title  # not "all 9,099 customers of the period may be dissatisfied"
    share = _number(found.group(3)) / total["customers"]
    assert 0.10 <= share <= 0.30, title
    russian = _title(
        feedback_complaints.iceberg_figure(complaints.complaint_iceberg(conn, filters), total, "ru")
    )
    assert russian.startswith("За ") and "(если жалуются 4\u00a0%)" in russian, russian


def test_no_tier_is_said_to_be_wholly_dissatisfied(demo):
    conn, filters = demo
    by_tier = complaints.iceberg_by_tier(conn, filters)
    title = _title(feedback_complaints.iceberg_tier_figure(by_tier, "en"))
    found = re.search(r"about ([\d,]+) dissatisfied of its ([\d,]+) customers", title)
    assert found, title  # not "all 5,914 customers of the group may be dissatisfied"
    assert _number(found.group(1)) / _number(found.group(2)) <= 0.4, title
    known = by_tier[by_tier["tier"].isin(["1", "2", "3", "4"])]
    assert not known["capped"].any(), known
    assert (known["estimated_dissatisfied"] <= 0.4 * known["customers"]).all(), known


def test_the_pyramid_and_whale_sentences_read_like_a_real_shop(demo):
    conn, filters = demo
    shares = pyramid.tier_shares(
        conn, filters, rule=pyramid.load_tier_rule(conn), cost_model=load_cost_model(conn)
    )
    sentence = story.plain(story.story(shares, "en"))
    top = re.match(r"(\d+)% of customers \(tiers 1-2\) bring (\d+)% of revenue\.", sentence)
    assert top, sentence
    assert 5 <= int(top.group(1)) <= 30 and 50 <= int(top.group(2)) <= 90, sentence
    summary = whale.whale_summary(whale.whale_curve(conn, filters, load_cost_model(conn)))
    title = story.whale_title(summary, "en", "USD")
    peak = re.fullmatch(
        r"The top (\d+)% of customers earn (\d+)% of profit; the last (\d+)% lose (\d+)%", title
    )
    assert peak, title
    assert 100 <= int(peak.group(2)) <= 300 and int(peak.group(4)) <= 200, title
    for group in story.strategies(shares, "en", "USD"):
        customers = re.match(r"([\d,]+) customers · ", group["numbers"])
        assert customers and _number(customers.group(1)) > 0, group


def test_the_kpis_and_resolution_times_are_believable(demo):
    conn, filters = demo
    kpis = {row["kpi"]: row for row in metrics.kpis_with_change(conn, filters)}
    assert 0.2 <= kpis["repeat_purchase_rate"]["value"] <= 0.8
    assert -10 <= kpis["nps"]["value"] <= 60  # a real shop's NPS, neither -50 nor +80
    assert kpis["complaints"]["value"] <= 0.015 * kpis["active_customers"]["value"]
    assert -0.5 <= kpis["revenue"]["change"] <= 0.6, kpis["revenue"]
    resolution = complaints.resolution_by_tier(conn, filters)
    title = _title(feedback_complaints.resolution_figure(resolution, "en"))
    days = re.search(r"takes over ([\d.]+) days", title)
    assert days and 3 <= float(days.group(1)) <= 60, title
