"""One customer's timeline: every channel's events with their dates, newest first."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.identify import timeline
from dashboard.store.filters import Filters
from tests.identify.test_customers import YEAR_2024
from tests.identify.test_merge import shop  # noqa: F401 - the fixture


def test_every_channel_and_kind_of_event_is_on_one_timeline_newest_first(shop):  # noqa: F811
    events = timeline.customer_timeline(shop, "C1", YEAR_2024)
    assert events["occurred_at"].is_monotonic_decreasing
    rows = list(zip(events["event"], events["channel"].fillna("—"), events["kind"], strict=True))
    assert rows[:2] == [("feedback", "—", "suggestion"), ("contact", "web", "referral")]
    # an order is one event: purchases and the return apart, with their channel and revenue
    orders = events[events["event"].isin(["purchase", "return"])]
    assert orders[["event", "order_id", "amount"]].values.tolist() == [
        ["return", "o3", -20.0],
        ["purchase", "o2", 50.0],
        ["purchase", "o1", 100.0],
    ]
    assert set(orders["channel"]) == {"web"}
    # Summer started 2024-05-01 with C1 in the target group; no purchase in its window
    campaigns = events[events["event"].isin(["campaign", "response"])]
    assert campaigns[["event", "kind", "detail", "campaign_id"]].values.tolist() == [
        ["campaign", "target", "Summer", 2]
    ]
    assert events["occurred_at"].min().year == 2024  # the period: 2023 and 2025 are left out
    assert len(timeline.customer_timeline(shop, "C1")) == len(events) + 3


def test_a_purchase_in_a_campaigns_window_is_its_response(shop):  # noqa: F811
    events = timeline.customer_timeline(shop, "C10", YEAR_2024)
    responses = events[events["event"] == "response"]
    assert responses[["kind", "detail", "amount", "channel"]].values.tolist() == [
        ["control", "Spring", 300.0, "phone"],
        ["target", "Summer", 300.0, "phone"],
    ]
    assert set(events["event"]) == {"purchase", "feedback", "contact", "campaign", "response"}
    complaint = events[events["event"] == "feedback"].iloc[0]
    assert complaint["detail"] == "Late again" and complaint["channel"] == "phone"


def test_a_period_before_the_customer_and_the_limit(shop):  # noqa: F811
    assert timeline.customer_timeline(
        shop, "C10", Filters(date(2020, 1, 1), date(2020, 12, 31))
    ).empty
    newest = timeline.customer_timeline(shop, "C1", limit=2)
    assert len(newest) == 2 and newest["occurred_at"].iloc[0].year == 2025


@pytest.mark.parametrize("customer_id", ["nobody", "X99"])
def test_an_id_without_events_or_with_purchases_only(shop, customer_id):  # noqa: F811
    events = timeline.customer_timeline(shop, customer_id, YEAR_2024)
    assert set(events["event"]) <= {"purchase"}
