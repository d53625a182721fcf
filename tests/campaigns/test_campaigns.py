"""Campaigns: the audience and its control group, the measurement of the response, refusals."""

from __future__ import annotations

import math
import zlib
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from dashboard.campaigns import design, response
from dashboard.demo import generator
from dashboard.errors import AnalysisError
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import pyramid

START = date(2025, 7, 1)


def add_customers(conn, count: int, prefix: str = "c") -> list[str]:
    """``count`` customers with contact details and no purchase (all in tier 'inactive')."""
    ids = [f"{prefix}{i:04d}" for i in range(count)]
    frame = pd.DataFrame(
        {
            "customer_id": ids,
            "name": [f"Customer {i}" for i in ids],
            "email": [f"{i}@example.com" for i in ids],
            "phone": [f"+44 20 {n:04d}" for n in range(count)],
            "country": "UK",
        }
    )
    conn.register("new_customers", frame)
    conn.execute(
        "INSERT INTO customers (customer_id, name, email, phone, country) "
        "SELECT * FROM new_customers"
    )
    conn.unregister("new_customers")
    return ids


def add_purchases(conn, rows) -> None:
    """Transactions (customer_id, ordered_at, revenue); each line its own order."""
    frame = pd.DataFrame(rows, columns=["customer_id", "ordered_at", "revenue"])
    frame["order_id"] = [f"o{i}" for i in range(len(frame))]
    conn.register("new_lines", frame)
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) "
        "SELECT customer_id, order_id || '-' || hash(customer_id, ordered_at), ordered_at, "
        "revenue FROM new_lines"
    )
    conn.unregister("new_lines")


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def members(conn, campaign_id: int) -> dict[str, set[str]]:
    frame = design.campaign_members(conn, campaign_id)
    return {g: set(frame.loc[frame["grp"] == g, "customer_id"]) for g in ("target", "control")}


@pytest.fixture
def thousand(conn):
    """1,000 customers with no purchase before the start: tier 'inactive' is all of them."""
    return conn, add_customers(conn, 1000)


def test_the_control_group_is_exact_deterministic_and_disjoint_from_the_target(thousand):
    conn, ids = thousand
    first = design.create_campaign(conn, tier="inactive", start=START, control_share=0.15, seed=7)
    groups = members(conn, first)
    assert len(groups["control"]) == 150 and len(groups["target"]) == 850
    assert groups["control"].isdisjoint(groups["target"])
    assert groups["control"] | groups["target"] == set(ids)
    campaign = design.read_campaign(conn, first)
    assert (campaign["target_customers"], campaign["control_customers"]) == (850, 150)
    # the same seed draws the same customers; another seed others
    again = design.create_campaign(
        conn, name="again", tier="inactive", start=START, control_share=0.15, seed=7
    )
    assert members(conn, again)["control"] == groups["control"]
    other = design.create_campaign(
        conn, name="other", tier="inactive", start=START, control_share=0.15, seed=8
    )
    overlap = len(members(conn, other)["control"] & groups["control"])
    assert overlap < 60  # two independent 15% draws share about 22 customers
    # drawn across the whole audience, not the first or last ids
    positions = sorted(ids.index(c) for c in groups["control"])
    assert positions[0] < 50 and positions[-1] > 950


def test_a_second_click_on_create_makes_no_twin_campaign(thousand):
    conn, _ = thousand
    first = design.create_campaign(conn, name="Spring", tier="inactive", start=START)
    before = conn.execute("SELECT count(*) FROM campaign_members").fetchone()
    with pytest.raises(AnalysisError) as refused:
        design.create_campaign(conn, name="Spring", tier="inactive", start=START)
    assert f'#{first} "Spring" already has this audience' in str(refused.value)
    assert f"Кампания №{first} «Spring»" in refused.value.localized("ru")
    assert design.list_campaigns(conn)["campaign_id"].tolist() == [first]
    assert conn.execute("SELECT count(*) FROM campaign_members").fetchone() == before
    # another start date, window or name is another campaign
    later = design.create_campaign(
        conn, name="Spring", tier="inactive", start=START + timedelta(days=7)
    )
    assert later != first


def test_the_control_group_is_rounded_half_up():
    assert design.control_size(650, 0.15) == 98  # 97.5
    assert design.control_size(10, 0.25) == 3  # 2.5
    assert design.control_size(1000, 0.1) == 100
    assert design.control_size(4, 0.1) == 0


def test_a_tier_audience_is_the_tier_of_the_twelve_months_before_the_start(conn):
    ids = add_customers(conn, 200)
    # each customer bought once in the year before the start, spending more the lower the id
    add_purchases(
        conn, [(c, at(START - timedelta(days=1 + i)), 1000.0 - i) for i, c in enumerate(ids)]
    )
    add_customers(conn, 5, prefix="late")
    add_purchases(conn, [("late0000", at(START + timedelta(days=3)), 5000.0)])  # after the start
    campaign_id = design.create_campaign(conn, tier="2", start=START)
    campaign = design.read_campaign(conn, campaign_id)
    assert (campaign["tier_from"], campaign["tier_to"]) == (date(2024, 7, 1), date(2025, 6, 30))
    expected = pyramid.tier_customers(conn, Filters(date(2024, 7, 1), date(2025, 6, 30)), "2")
    group = members(conn, campaign_id)
    assert group["target"] | group["control"] == set(expected["customer_id"])
    # tier 2 is the next 10% after the top 1%: ids 2 to 21 spent the most after ids 0 and 1
    assert group["target"] | group["control"] == set(ids[2:22])
    assert campaign["name"] == "Tier 2, 2025-07-01"


def respond(conn, customers, day: date, revenue: float = 100.0) -> None:
    add_purchases(conn, [(c, at(day), revenue) for c in customers])


def test_measurement_on_a_known_response(thousand):
    conn, _ = thousand
    campaign_id = design.create_campaign(
        conn, tier="inactive", start=START, window_days=30, control_share=0.2, cost_per_contact=2
    )
    groups = {g: sorted(c) for g, c in members(conn, campaign_id).items()}
    target, control = groups["target"], groups["control"]
    assert (len(target), len(control)) == (800, 200)
    respond(conn, target[:100], START)  # on the first day
    respond(conn, target[100:200], START + timedelta(days=29))  # on the last day of the window
    respond(conn, control[:20], START + timedelta(days=10))
    add_purchases(conn, [(target[0], at(START + timedelta(days=5)), -30.0)])  # a return
    # outside the window: the day before and the day after; a lone return is no response
    add_purchases(conn, [(target[300], at(START - timedelta(days=1)), 500.0)])
    add_purchases(conn, [(control[50], at(START + timedelta(days=30), 0), 500.0)])
    add_purchases(conn, [(target[400], at(START + timedelta(days=3)), -40.0)])
    add_purchases(conn, [(target[500], at(START + timedelta(days=200)), 1.0)])  # data end later

    result = response.measure_campaign(conn, campaign_id, today=date(2026, 6, 1))
    t, c = result["groups"]["target"], result["groups"]["control"]
    assert (t["customers"], t["responders"], t["orders"]) == (800, 200, 200)
    assert (c["customers"], c["responders"], c["orders"]) == (200, 20, 20)
    assert t["response_rate"] == 0.25 and c["response_rate"] == 0.10
    assert t["revenue"] == pytest.approx(200 * 100 - 30 - 40)
    assert result["uplift"] == pytest.approx(0.15)
    se = math.sqrt(0.25 * 0.75 / 800 + 0.1 * 0.9 / 200)
    assert result["ci_low"] == pytest.approx(0.15 - 1.959964 * se, abs=1e-6)
    assert result["ci_high"] == pytest.approx(0.15 + 1.959964 * se, abs=1e-6)
    assert result["ci_low"] < 0.15 < result["ci_high"] and result["ci_low"] > 0
    assert result["p_value"] < 1e-6 and result["is_significant"]
    assert result["incremental_responders"] == pytest.approx(120)
    incremental = ((20000 - 70) / 800 - 2000 / 200) * 800
    assert result["incremental_revenue"] == pytest.approx(incremental)
    assert result["contact_cost"] == 1600
    assert result["roi"] == pytest.approx((incremental - 1600) / 1600)
    assert result["status"] == "complete" and result["days_covered"] == 30
    # the money's 95% interval: the difference of mean revenue per customer, scaled to the target
    per_t = pd.Series([0.0] * 800)
    per_t[:200], per_t[0], per_t[400] = 100.0, 70.0, -40.0
    per_c = pd.Series([0.0] * 200)
    per_c[:20] = 100.0
    half = 1.959964 * math.sqrt(per_t.var() / 800 + per_c.var() / 200) * 800
    assert result["revenue_low"] == pytest.approx(incremental - half, rel=1e-6)
    assert result["revenue_high"] == pytest.approx(incremental + half, rel=1e-6)
    assert result["roi_low"] == pytest.approx((incremental - half - 1600) / 1600, rel=1e-6)
    assert result["roi_high"] == pytest.approx((incremental + half - 1600) / 1600, rel=1e-6)

    curve = result["curve"].set_index(["grp", "day"])
    assert curve.loc[("target", 1), "responders"] == 100
    assert curve.loc[("target", 29), "responders"] == 100
    assert curve.loc[("target", 30), "response_rate"] == 0.25
    assert curve.loc[("control", 10), "response_rate"] == 0
    assert curve.loc[("control", 11), "response_rate"] == 0.10
    assert curve.loc[("control", 30), "date"] == pd.Timestamp(START + timedelta(days=29))
    assert len(result["curve"]) == 60


def test_the_interval_covers_a_true_uplift_drawn_at_random(thousand):
    """Responses drawn with true rates 30% (target) and 20% (control): the truth, 10 points,
    lies in the interval and no uplift at all would not."""
    conn, _ = thousand
    campaign_id = design.create_campaign(
        conn, tier="inactive", start=START, control_share=0.5, seed=3
    )
    groups = members(conn, campaign_id)
    chance = {"target": 0.3, "control": 0.2}
    for grp, customers in groups.items():
        drawn = [c for c in sorted(customers) if zlib.crc32(c.encode()) % 1000 / 1000 < chance[grp]]
        respond(conn, drawn, START + timedelta(days=2))
    result = response.measure_campaign(conn, campaign_id, today=date(2026, 1, 1))
    assert result["ci_low"] <= 0.10 <= result["ci_high"]
    assert result["ci_low"] > 0


def test_a_window_not_over_yet_says_how_many_days_the_data_cover(thousand):
    conn, ids = thousand
    campaign_id = design.create_campaign(conn, tier="inactive", start=START, window_days=30)
    respond(conn, ids[:3], START + timedelta(days=9))  # the data end on the 10th day
    running = response.measure_campaign(conn, campaign_id, today=START + timedelta(days=10))
    assert (running["status"], running["days_covered"], running["is_complete"]) == (
        "not_over",
        10,
        False,
    )
    assert running["data_end"] == START + timedelta(days=9)
    assert running["curve"]["day"].max() == 10
    later = response.measure_campaign(conn, campaign_id, today=date(2026, 1, 1))
    assert (later["status"], later["days_covered"]) == ("data_end", 10)
    future = design.create_campaign(conn, tier="inactive", start=date(2026, 3, 1))
    waiting = response.measure_campaign(conn, future, today=date(2026, 3, 5))
    assert (waiting["status"], waiting["days_covered"]) == ("not_started", 0)
    assert waiting["curve"].empty and waiting["groups"]["target"]["responders"] == 0


def database_state(conn) -> tuple:
    return conn.execute(
        "SELECT (SELECT count(*) FROM campaigns), (SELECT count(*) FROM campaign_members), "
        "(SELECT value FROM meta WHERE key = 'data_version'), "
        "(SELECT count(*) FROM duckdb_tables() WHERE temporary)"
    ).fetchall()[0]


@pytest.mark.parametrize(
    ("settings", "key", "message"),
    [
        ({"tier": "1"}, "errors.campaign_empty", "The audience is empty"),
        ({"tier": "inactive", "control_share": 0.6}, "errors.campaign_share", "not 60%"),
        ({"tier": "inactive", "control_share": 0}, "errors.campaign_share", "at most 50%"),
        ({"tier": "inactive", "window_days": 0}, "errors.campaign_window", "1 to 365 days"),
        ({"tier": "inactive", "cost_per_contact": -1}, "errors.campaign_cost", "negative"),
        ({"tier": "inactive", "pick_id": 1}, "errors.campaign_source", "either a kept pick"),
        ({}, "errors.campaign_source", "either a kept pick"),
        ({"tier": "5"}, "errors.unknown_tier", "choose 1, 2, 3, 4 or inactive"),
        ({"pick_id": 9}, "errors.no_pick", "no kept pick 9"),
    ],
)
def test_refusals_say_why_and_change_nothing(thousand, settings, key, message):
    conn, _ = thousand
    before = database_state(conn)
    with pytest.raises(AnalysisError, match=message) as caught:
        design.create_campaign(conn, start=START, **settings)
    assert caught.value.key == key
    assert database_state(conn) == before


def test_an_audience_too_small_for_a_control_group_says_how_many_are_needed(conn):
    add_customers(conn, 4)
    before = database_state(conn)
    with pytest.raises(AnalysisError) as caught:
        design.create_campaign(conn, tier="inactive", start=START, control_share=0.1)
    assert str(caught.value) == (
        "The audience has only 4 customers: with a control share of 10% a control group and a "
        "target group need at least 5. Choose a larger audience or a larger control share."
    )
    assert caught.value.localized("ru").startswith(
        "В аудитории всего 4 клиента: при доле контроля 10\u00a0% для контрольной и целевой "
        "групп нужно не меньше 5."
    )
    assert database_state(conn) == before
    # the first campaign made after the refusals still gets id 1, and the database took it
    add_customers(conn, 1, prefix="more")
    assert design.create_campaign(conn, tier="inactive", start=START) == 1


def test_campaigns_are_listed_read_deleted_and_never_bump_the_data_version(thousand):
    conn, _ = thousand
    version = database.data_version(conn)
    first = design.create_campaign(
        conn, name=" Spring coupon ", tier="inactive", start=START, channel="e-mail", offer="-10%"
    )
    second = design.create_campaign(conn, tier="inactive", start=START, window_days=7)
    listed = design.list_campaigns(conn)
    assert list(listed["campaign_id"]) == [second, first]
    assert listed.loc[1, "name"] == "Spring coupon"
    assert listed.loc[0, "end_date"] == pd.Timestamp(START + timedelta(days=6))
    assert design.read_campaign(conn, first)["offer"] == "-10%"
    assert design.read_campaign(conn, first)["seed"] == first  # the default seed is the id
    design.delete_campaign(conn, first)
    assert list(design.list_campaigns(conn)["campaign_id"]) == [second]
    assert conn.execute(
        "SELECT count(*) FROM campaign_members WHERE campaign_id = ?", [first]
    ).fetchone() == (0,)
    with pytest.raises(AnalysisError, match=f"There is no campaign {first}"):
        response.measure_campaign(conn, first)
    assert design.create_campaign(conn, tier="inactive", start=START) == 3  # ids never reused
    assert database.data_version(conn) == version  # like picks: no cached result goes stale


def test_the_target_audience_has_contact_details_and_leaves_out_the_control_group(thousand):
    conn, _ = thousand
    campaign_id = design.create_campaign(conn, tier="inactive", start=START)
    audience = design.campaign_audience(conn, campaign_id)
    assert list(audience.columns) == ["customer_id", "name", "email", "phone", "country", "tier"]
    assert set(audience["customer_id"]) == members(conn, campaign_id)["target"]
    assert len(audience) == 900 and audience["email"].str.endswith("@example.com").all()
    assert (audience["tier"] == "inactive").all()


def test_a_campaign_from_a_kept_pick_of_clusters(conn):
    from dashboard.clustering import analysis, runs
    from tests.clustering.test_clustering import plant

    truth = plant(conn)
    result = analysis.segment(conn, Filters(), ["orders", "revenue", "recency_days"], 4)
    run_id = runs.save_run(conn, result)
    clusters = result.assignments.groupby("cluster").size().sort_values().index[:2].tolist()
    pick_id = runs.save_pick(conn, run_id, clusters)
    picked = runs.pick_customers(conn, pick_id)
    campaign_id = design.create_campaign(conn, pick_id=pick_id, start=date(2026, 1, 1))
    campaign = design.read_campaign(conn, campaign_id)
    assert campaign["source"] == "pick" and campaign["name"] == f"Pick {pick_id}, 2026-01-01"
    assert campaign["control_customers"] == design.control_size(len(picked), 0.1)
    audience = design.campaign_audience(conn, campaign_id, "ru")
    assert len(audience) == len(picked) - campaign["control_customers"]
    assert set(audience["customer_id"]) <= set(truth["customer_id"])
    assert set(audience["cluster"]) == set(clusters)
    names = runs.cluster_names(conn, run_id, "ru")
    assert (audience["cluster_name"] == audience["cluster"].map(names)).all()
    # the pick's own download lists the same columns in the same order: one mailing-tool import
    assert list(runs.picked_customers(conn, run_id, clusters)) == list(audience.columns)


def test_the_demo_holds_a_finished_campaign_with_a_real_lift(tmp_path):
    conn = database.connect(tmp_path / "demo.duckdb")
    generator.load_demo(conn, customers=20_000, seed=42, end_date=date(2026, 10, 31))
    saved = design.list_campaigns(conn)
    assert len(saved) == 1
    campaign = design.read_campaign(conn, int(saved.loc[0, "campaign_id"]))
    assert campaign["tier"] == "4" and campaign["start_date"] == date(2026, 7, 1)
    assert campaign["data_version"] == database.data_version(conn)
    result = response.measure_campaign(conn, campaign["campaign_id"], today=date(2026, 11, 15))
    assert result["status"] == "complete"
    assert result["ci_low"] > 0 and result["uplift"] > 0.02
    # the answers to the offer are orders of the target group only, inside the window
    answers = conn.execute(
        """
        SELECT m.grp, count(*), min(t.ordered_at)::DATE, max(t.ordered_at)::DATE
        FROM transactions t JOIN campaign_members m USING (customer_id)
        WHERE t.order_id LIKE '%999' AND m.campaign_id = ? GROUP BY ALL
        """,
        [campaign["campaign_id"]],
    ).fetchall()
    assert [row[0] for row in answers] == ["target"]
    assert answers[0][2] >= date(2026, 7, 1) and answers[0][3] <= date(2026, 7, 30)
    # a second load replaces the campaign with the new data's own
    generator.load_demo(conn, customers=3000, seed=1, end_date=date(2026, 10, 31))
    again = design.list_campaigns(conn)
    assert len(again) == 1 and again.loc[0, "campaign_id"] > campaign["campaign_id"]
    conn.close()
