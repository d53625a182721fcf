"""The loyalty ladder's rules, saved rules, movement, rates and cohorts on hand-made data."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from dashboard.errors import AnalysisError
from dashboard.loyalty import ladder, retention
from dashboard.reporting import export
from dashboard.store import database
from dashboard.store.filters import Filters
from tests.feedback.test_feedback_data import build_db

END_OF_MARCH = date(2024, 3, 31)
MID_FEBRUARY = date(2024, 2, 15)


@pytest.fixture
def db(tmp_path):
    connection = build_db(tmp_path / "loyalty.duckdb")
    yield connection
    connection.close()


def _levels(db, as_of, rules=None):
    df = ladder.customer_levels(db, Filters(), as_of=as_of, rules=rules)
    return dict(zip(df["customer_id"], df["level"], strict=True))


def test_default_rules_put_each_customer_on_the_right_rung(db):
    assert _levels(db, END_OF_MARCH) == {
        "c1": "partner",  # 3 orders in 3 months, promoter (9), referred someone
        "c2": "one_time",  # bought twice but a complaint is still open
        "c3": "one_time",  # one order, although a promoter with a suggestion
        "c4": "devoted",  # 3 months of purchases, NPS 8, complaint resolved
        "c5": "one_time",
        "p1": "prospect",  # signed up, never bought
    }
    assert ladder.ladder_counts(db, Filters(), as_of=END_OF_MARCH) == {
        "prospect": 1,
        "one_time": 3,
        "satisfied": 0,
        "devoted": 1,
        "partner": 1,
    }


def test_the_ladder_as_of_an_earlier_day_ignores_later_events(db):
    assert _levels(db, MID_FEBRUARY) == {
        "c1": "partner",
        "c2": "one_time",
        "c3": "prospect",
        "c4": "satisfied",
        "c5": "prospect",
        "p1": "prospect",
    }


def test_editing_the_rules_changes_the_rungs(db):
    lenient = {"satisfied_no_open_complaint": False, "partner_min_nps": 10}
    levels = _levels(db, END_OF_MARCH, lenient)
    assert levels["c2"] == "satisfied"  # the open complaint no longer holds them back
    assert levels["c1"] == "devoted"  # a 9 is not a 10
    no_contribution = _levels(
        db, END_OF_MARCH, {"partner_needs_contribution": False, "partner_min_nps": 8}
    )
    assert no_contribution["c4"] == "partner"


def test_rules_are_checked_with_a_message_that_says_what_to_do():
    with pytest.raises(AnalysisError, match="window"):
        ladder.check_rules({"devoted_min_active_months": 7, "devoted_window_months": 6})
    with pytest.raises(AnalysisError, match="between 0 and 10"):
        ladder.check_rules({"devoted_min_nps": 11})
    with pytest.raises(AnalysisError, match="Unknown"):
        ladder.check_rules({"gold_level": 3})


def test_rules_are_saved_in_settings_and_bump_the_data_version(db):
    version = database.data_version(db)
    ladder.save_rules(db, {"satisfied_min_orders": 3})
    assert ladder.load_rules(db)["satisfied_min_orders"] == 3
    assert database.data_version(db) == version + 1
    assert ladder.load_rules(db)["devoted_min_nps"] == 7  # the others keep their defaults


def test_movement_between_two_days(db):
    movement = ladder.ladder_movement(db, Filters(), MID_FEBRUARY, END_OF_MARCH)
    moves = {(r.from_level, r.to_level): r.customers for r in movement.itertuples()}
    assert moves[("satisfied", "devoted")] == 1  # c4
    assert moves[("prospect", "one_time")] == 2  # c3 and c5 bought for the first time
    assert ladder.movement_summary(movement) == {"up": 3, "down": 0, "same": 3, "new": 0}
    with pytest.raises(AnalysisError):
        ladder.ladder_movement(db, Filters(), END_OF_MARCH, MID_FEBRUARY)


def test_country_filter_narrows_the_ladder(db):
    counts = ladder.ladder_counts(db, Filters(countries=("DE",)), as_of=END_OF_MARCH)
    assert sum(counts.values()) == 2 and counts["devoted"] == 1


def test_monthly_repeat_cross_and_referral_rates(db):
    df = retention.loyalty_rates(db, Filters())
    february = df[df["period"] == pd.Timestamp("2024-02-01")].iloc[0]
    # February buyers: c1 (bought in January), c3 (first order), c4 (bought in January)
    assert february["buyers"] == 3
    assert february["repeat_rate"] == pytest.approx(2 / 3)
    assert february["referral_rate"] == pytest.approx(1 / 3)  # c1 referred someone
    assert (df["cross_rate"] == 0).all()  # nobody bought two categories in one month


def test_cohort_retention_heatmap_data(db):
    df = retention.cohort_retention(db, Filters())
    january = df[df["cohort"] == pd.Timestamp("2024-01-01")].set_index("months_since")
    # January cohort: c1, c2, c4; February: c1, c4; March: all three
    assert january.loc[0, "cohort_size"] == 3
    assert january["retention"].round(3).tolist() == [1.0, 0.667, 1.0]
    assert set(df["cohort"]) == {
        pd.Timestamp(m) for m in ("2024-01-01", "2024-02-01", "2024-03-01")
    }


def test_csv_and_excel_exports_hold_the_rows(tmp_path):
    df = pd.DataFrame({"customer_id": ["c1", "c2"], "said": ["Доставка опоздала", "late"]})
    csv_text = export.to_csv_bytes(df).decode("utf-8-sig")
    assert "Доставка опоздала" in csv_text and csv_text.splitlines()[0] == "customer_id,said"
    path = tmp_path / "x.xlsx"
    path.write_bytes(export.to_excel_bytes(df))
    back = pd.read_excel(path, engine="calamine")
    assert back["said"].tolist() == ["Доставка опоздала", "late"]


@pytest.fixture
def without_signup_dates(tmp_path):
    """A transactions file's customers: rows in customers (as the importer writes them for a
    file with a country column) but no sign-up dates, and no feedback at all."""
    connection = database.connect(tmp_path / "no_signup.duckdb")
    connection.executemany(
        "INSERT INTO customers (customer_id, country) VALUES (?, ?)",
        [("old", "UK"), ("late", "UK"), ("twice", "FR"), ("crm", "UK")],  # crm: never bought
    )
    connection.executemany(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) VALUES (?, ?, ?, ?)",
        [
            ("old", "o1", datetime(2024, 1, 5), 100.0),
            ("late", "o2", datetime(2024, 3, 1), 50.0),  # first purchase after the first day
            ("twice", "o3", datetime(2024, 2, 20), 30.0),
            ("twice", "o4", datetime(2024, 3, 20), 40.0),
        ],
    )
    yield connection
    connection.close()


def test_customers_without_a_signup_date_are_new_until_they_first_buy(without_signup_dates):
    # Before the fix every customer row without a sign-up date was a "prospect" on any day, so
    # "New since the first day" stayed 0 on data imported from a transactions file.
    movement = ladder.ladder_movement(without_signup_dates, Filters(), MID_FEBRUARY, END_OF_MARCH)
    moves = {(r.from_level, r.to_level): r.customers for r in movement.itertuples()}
    assert moves == {
        ("new", "one_time"): 1,  # late
        ("new", "satisfied"): 1,  # twice
        ("one_time", "one_time"): 1,  # old
        ("prospect", "prospect"): 1,  # crm: known, never bought, no date to place them by
    }
    assert ladder.movement_summary(movement) == {"up": 0, "down": 0, "same": 2, "new": 2}
    on_the_first_day = ladder.ladder_counts(without_signup_dates, Filters(), as_of=MID_FEBRUARY)
    assert on_the_first_day == {
        "prospect": 1,
        "one_time": 1,
        "satisfied": 0,
        "devoted": 0,
        "partner": 0,
    }
    uk = ladder.ladder_movement(
        without_signup_dates, Filters(countries=("UK",)), MID_FEBRUARY, END_OF_MARCH
    )
    assert ladder.movement_summary(uk)["new"] == 1  # late; twice is in France


def test_buyers_with_an_nps_answer(db, without_signup_dates):
    # c1, c2, c4 answered NPS by mid-February; c3 answered on 21 February; c5 only rated 1-5
    assert ladder.buyers_with_nps(db, Filters(), as_of=MID_FEBRUARY) == 3
    assert ladder.buyers_with_nps(db, Filters(), as_of=END_OF_MARCH) == 4
    assert ladder.buyers_with_nps(db, Filters(countries=("DE",)), as_of=END_OF_MARCH) == 2
    # no feedback: devoted and partner are 0 by rule, whatever customers do
    assert ladder.buyers_with_nps(without_signup_dates, Filters(), as_of=END_OF_MARCH) == 0
    counts = ladder.ladder_counts(without_signup_dates, Filters(), as_of=END_OF_MARCH)
    assert counts["devoted"] == counts["partner"] == 0


def test_unhappy_customers_can_be_judged_only_with_an_nps_answer_or_a_complaint(db, conn):
    assert ladder.can_judge_unhappy(db)  # NPS answers and complaints: an empty list means none
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) "
        "VALUES ('a', 'o1', '2024-01-05', 500)"
    )
    assert not ladder.can_judge_unhappy(conn)  # transactions alone: nobody can be called unhappy
    conn.execute(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) "
        "VALUES ('f1', 'a', '2024-01-06', 'praise', 'Lovely')"
    )
    assert not ladder.can_judge_unhappy(conn)  # praise without a score says nothing of it
    conn.execute(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) "
        "VALUES ('f2', 'a', '2024-01-07', 'complaint', 'Broken')"
    )
    assert ladder.can_judge_unhappy(conn)
