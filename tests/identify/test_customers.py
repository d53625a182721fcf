"""Identify: search, profile figures, identification quality and duplicates on hand-made data."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.errors import AnalysisError
from dashboard.figures import customers as figures
from dashboard.figures import theme
from dashboard.identify import customers
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import pyramid
from dashboard.value.cost_model import CostModel

ROOT = database.PROJECT_ROOT
YEAR_2024 = Filters(date(2024, 1, 1), date(2024, 12, 31))
#: Round rates so the profile's cost can be worked out by hand.
MODEL = CostModel(
    default_margin=0.4,
    cost_per_order=5,
    cost_per_return=12,
    cost_per_contact=8,
    cost_per_complaint=30,
    marketing_per_customer=10,
)

CUSTOMERS = [
    # id, name, email, phone, country, channel, import_id
    ("C1", "John Smith", " John.Smith@Example.com ", "+44 (20) 7946-0000", "UK", "web", 1),
    ("C2", "Jane Doe", "jane@shop.org", "020 7946 0000", "UK", "store", 1),
    ("C3", "Иван Петров", "ivan@yandex.ru", "+7 495 123-45-67", "RU", "web", 1),
    ("C4", "jane   DOE", "JANE@shop.org", None, "UK", "web", 1),
    ("C5", "Jane Doe", "other@shop.org", "555", "US", "web", 1),
    ("C10", "Ann Lee", None, "8 (495) 123 45 67", "RU", "phone", 1),
    ("C1", "John Smith", None, None, "UK", "web", 2),  # the same id imported again
]
TRANSACTIONS = [
    # customer, order, when, revenue, cost, channel
    ("C1", "o0", "2023-06-01 10:00", 500.0, None, "store"),  # before the period
    ("C1", "o1", "2024-01-05 10:00", 100.0, 60.0, "web"),
    ("C1", "o2", "2024-02-10 11:00", 50.0, None, "web"),
    ("C1", "o3", "2024-02-20 12:00", -20.0, None, "web"),  # a return
    ("C2", "o4", "2024-03-01 09:00", 40.0, None, "store"),
    ("C10", "o5", "2024-05-01 09:00", 300.0, None, "phone"),
    ("X99", "o6", "2024-04-01 09:00", 70.0, None, "web"),  # an id the customers table lacks
    ("C5", "o7", "2024-12-31 18:00", 10.0, None, "web"),  # the last day of the period
]
INTERACTIONS = [
    ("C1", "2024-03-01 09:00", "phone", "support_call", None),
    ("C1", "2024-04-01 09:00", "chat", "support_call", None),
    ("C1", "2024-05-01 09:00", "web", "referral", None),  # free: not a service contact
    ("C1", "2023-03-01 09:00", "phone", "support_call", None),  # before the period
]
FEEDBACK = [
    ("f1", "C1", "2024-03-02 10:00", "complaint", None, None, "Parcel arrived broken"),
    ("f2", "C1", "2024-04-01 10:00", "praise", 9.0, "nps_0_10", "Great service"),
    ("f3", "C1", "2024-06-01 10:00", "suggestion", 3.0, "nps_0_10", "Please add sizes"),
    ("f4", "C1", "2025-02-01 10:00", "praise", 10.0, "nps_0_10", "After the period"),
]


def fill(conn) -> None:
    """Load the hand-made customers, transactions, contacts and feedback."""
    conn.executemany(
        "INSERT INTO customers (customer_id, name, email, phone, country, channel, import_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        CUSTOMERS,
    )
    conn.executemany(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, cost, channel) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        TRANSACTIONS,
    )
    conn.executemany(
        "INSERT INTO interactions (customer_id, occurred_at, channel, kind, cost) "
        "VALUES (?, ?, ?, ?, ?)",
        INTERACTIONS,
    )
    conn.executemany(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, score, scale, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        FEEDBACK,
    )


@pytest.fixture
def shop(conn):
    fill(conn)
    return conn


def found_ids(conn, query: str, filters: Filters = YEAR_2024) -> list[str]:
    return customers.search_customers(conn, query, filters, cost_model=MODEL)[
        "customer_id"
    ].tolist()


# --- normalisation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("+44 (20) 7946-0000", "2079460000"),
        ("020 7946 0000", "2079460000"),
        ("8 (495) 123 45 67", "4951234567"),
        ("+7 495 123-45-67", "4951234567"),
        ("555", "555"),
        ("no digits", ""),
        (None, ""),
    ],
)
def test_phone_is_compared_on_its_last_ten_digits(typed, expected):
    assert customers.normalise_phone(typed) == expected


def test_email_is_compared_trimmed_and_lower_case():
    assert customers.normalise_email("  John.Smith@Example.COM ") == "john.smith@example.com"
    assert customers.normalise_email(None) == ""


# --- search ---------------------------------------------------------------------------------


def test_search_by_id_is_partial_case_insensitive_and_exact_first(shop):
    assert found_ids(shop, "c1") == ["C1", "C10"]  # the exact id before the longer one
    assert found_ids(shop, "c10") == ["C10"]


def test_search_by_name_matches_every_word_in_any_order_and_cyrillic(shop):
    assert found_ids(shop, "SMITH") == ["C1"]
    assert found_ids(shop, "smith john") == ["C1"]
    assert found_ids(shop, "петров") == ["C3"]
    assert found_ids(shop, "smith jane") == []


def test_search_by_email_is_partial_and_case_insensitive(shop):
    assert found_ids(shop, "john.smith@EXAMPLE") == ["C1"]
    assert set(found_ids(shop, "jane@shop.org")) == {"C2", "C4"}


def test_search_by_phone_uses_digits_and_the_last_ten_of_a_full_number(shop):
    # part of a number, typed with other punctuation
    assert set(found_ids(shop, "7946-00")) == {"C1", "C2"}
    # a full number with another country prefix finds both national spellings
    assert set(found_ids(shop, "+7 (495) 1234567")) == {"C3", "C10"}
    assert set(found_ids(shop, "8-495-123-45-67")) == {"C3", "C10"}
    # a word with digits is not a phone search
    assert found_ids(shop, "ann 495") == []
    # an international prefix finds the numbers written with it
    assert found_ids(shop, "+44") == ["C1"]
    assert found_ids(shop, "+7") == ["C3"]


def test_search_finds_ids_known_only_from_transactions(shop):
    result = customers.search_customers(shop, "x99", YEAR_2024, cost_model=MODEL)
    assert result["customer_id"].tolist() == ["X99"]
    assert result["revenue"].iloc[0] == 70.0
    assert pd.isna(result["name"].iloc[0])


def test_search_rows_show_period_orders_revenue_and_last_purchase(shop):
    row = customers.search_customers(shop, "C1", YEAR_2024, cost_model=MODEL).iloc[0]
    assert row["customer_id"] == "C1"
    assert row["name"] == "John Smith"
    assert row["email"] == "John.Smith@Example.com"  # the latest non-empty value, trimmed
    assert row["orders"] == 2
    assert row["revenue"] == pytest.approx(130.0)
    assert row["last_purchase_at"] == pd.Timestamp("2024-02-10 11:00")


def test_empty_search_lists_customers_by_revenue_and_counts_all(shop):
    result = customers.search_customers(shop, "  ", YEAR_2024, limit=3, cost_model=MODEL)
    assert result["customer_id"].tolist() == ["C10", "C1", "X99"]
    assert result["total_matches"].iloc[0] == 7  # six ids in the customers table and X99
    with pytest.raises(AnalysisError):
        customers.search_customers(shop, "x", YEAR_2024, limit=0)


def test_search_of_an_empty_database_finds_nothing(conn):
    assert customers.search_customers(conn, "anything").empty


# --- profile --------------------------------------------------------------------------------


def test_profile_figures_match_a_hand_computation(shop):
    card = customers.customer_profile(shop, "C1", YEAR_2024, cost_model=MODEL)
    assert (card["name"], card["country"], card["phone"]) == (
        "John Smith",
        "UK",
        "+44 (20) 7946-0000",
    )
    assert card["revenue"] == pytest.approx(100 + 50 - 20)
    assert card["orders"] == 2 and card["returns"] == 1
    assert card["avg_order_value"] == pytest.approx(130 / 2)
    # product cost: 60 known + 50 * (1 - 0.4) - 20 * (1 - 0.4) = 78
    # cost to serve: 2 orders * 5 + 1 return * 12 + 2 contacts * 8 + 1 complaint * 30 + 10 = 78
    assert card["cost"] == pytest.approx(78 + 78)
    assert card["profit"] == pytest.approx(130 - 156)
    assert card["service_contacts"] == 2  # the referral is free, 2023's call is outside
    assert card["complaints"] == 1
    assert card["first_purchase_at"] == datetime(2023, 6, 1, 10, 0)  # the whole history
    assert card["last_purchase_at"] == datetime(2024, 2, 10, 11, 0)
    assert card["last_nps"] == 3.0 and card["last_nps_at"] == datetime(2024, 6, 1, 10, 0)


def test_profile_tier_is_the_pyramid_tier(shop):
    tiers_sql, params = pyramid.customer_tiers_sql(
        YEAR_2024, rule=pyramid.load_tier_rule(shop), cost_model=MODEL
    )
    expected = dict(shop.execute(tiers_sql, params).fetchall())
    for customer_id in ("C1", "C10", "C4"):
        card = customers.customer_profile(shop, customer_id, YEAR_2024, cost_model=MODEL)
        assert card["tier"] == expected[customer_id]
    assert expected["C10"] == "1" and expected["C4"] == "inactive"


def test_profile_of_a_customer_without_purchases_has_zeros(shop):
    card = customers.customer_profile(shop, "C4", YEAR_2024, cost_model=MODEL)
    assert (card["revenue"], card["orders"], card["complaints"]) == (0, 0, 0)
    assert card["last_purchase_at"] is None and card["last_nps"] is None


def test_profile_of_an_unknown_id_says_how_to_find_one(shop):
    with pytest.raises(AnalysisError, match="Search by name, e-mail or phone"):
        customers.customer_profile(shop, "nobody")


def test_monthly_revenue_channels_feedback_and_contacts(shop):
    monthly = customers.monthly_revenue(shop, "C1", YEAR_2024)
    assert monthly["month"].dt.strftime("%Y-%m").tolist() == ["2024-01", "2024-02"]
    assert monthly["revenue"].tolist() == [100.0, 30.0]
    channels = customers.customer_channels(shop, "C1", YEAR_2024).set_index("channel")
    # 2 orders and a return, as the profile counts them (the return's revenue is netted)
    assert channels.loc["web", "orders"] == 2 and channels.loc["web", "revenue"] == 130.0
    card = customers.customer_profile(shop, "C1", YEAR_2024, cost_model=MODEL)
    assert channels["orders"].sum() == monthly["orders"].sum() == card["orders"]
    assert channels.loc["web", "contacts"] == 1  # the referral
    assert channels.loc["phone", "contacts"] == 1 and channels.loc["chat", "contacts"] == 1
    feedback = customers.customer_feedback(shop, "C1", YEAR_2024)
    assert feedback["text"].tolist() == [
        "Please add sizes",
        "Great service",
        "Parcel arrived broken",
    ]
    contacts = customers.customer_contacts(shop, "C1", YEAR_2024)
    assert contacts["kind"].tolist() == ["referral", "support_call", "support_call"]


# --- figures --------------------------------------------------------------------------------


def test_monthly_figure_uses_the_tier_colour_and_states_the_total(shop):
    monthly = customers.monthly_revenue(shop, "C1", YEAR_2024)
    fig = figures.monthly_revenue_figure(monthly, "en", "USD", tier="2")
    assert isinstance(fig, go.Figure) and len(fig.data) == 1
    assert list(fig.data[0].y) == [100.0, 30.0]
    assert set(fig.data[0].marker.color) == {theme.TIER_COLORS["2"]}
    assert fig.layout.title.text.startswith("$130 over 2 months with purchases")
    assert fig.layout.yaxis.title.text == "Revenue, $"
    with pytest.raises(ValueError):
        figures.monthly_revenue_figure(monthly.iloc[0:0])


# --- command line ---------------------------------------------------------------------------


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def shop_file(tmp_path):
    path = tmp_path / "shop.duckdb"
    conn = database.connect(path)
    fill(conn)
    conn.close()
    return path


def test_cli_customer_prints_matches_and_the_profile_of_one(shop_file):
    done = run_cli(
        "customer",
        "smith",
        "--db",
        str(shop_file),
        "--json",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [m["customer_id"] for m in result["matches"]] == ["C1"]
    assert result["profile"]["revenue"] == pytest.approx(130.0)
    assert result["profile"]["last_nps"] == 3.0
    several = json.loads(run_cli("customer", "7946", "--db", str(shop_file), "--json").stdout)
    assert several["total_matches"] == 2 and "profile" not in several
    exact = json.loads(run_cli("customer", "c1", "--db", str(shop_file), "--json").stdout)
    assert exact["profile"]["customer_id"] == "C1"  # an exact id shows its profile


def test_cli_duplicates_writes_json_and_csv(shop_file, tmp_path):
    out = tmp_path / "dups.csv"
    done = run_cli("duplicates", "--db", str(shop_file), "--json", "--csv", str(out))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["groups"] == 3 and result["customers"] == 5
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["customer_id"] for r in rows} == {"C1", "C2", "C3", "C4", "C10"}
    assert rows[0]["matched_on"] == "email, name_country"


def test_cli_reports_bad_input_without_a_traceback(shop_file):
    done = run_cli(
        "customer", "x", "--db", str(shop_file), "--from", "2024-05-01", "--to", "2024-01-01"
    )
    assert done.returncode == 2
    assert "swap the two dates" in done.stderr and "Traceback" not in done.stderr


def test_profile_without_any_contacts_or_feedback_says_unknown_not_zero(conn):
    """Transactions alone (as Online Retail): contacts and complaints are unknown, not 0."""
    conn.executemany(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, cost, channel) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        TRANSACTIONS,
    )
    card = customers.customer_profile(conn, "C1", YEAR_2024, cost_model=MODEL)
    assert card["service_contacts"] is None and card["complaints"] is None
    assert card["orders"] == 2 and card["returns"] == 1  # purchases are known: counted


def test_profile_of_a_customer_without_contacts_in_a_shop_that_has_some_is_zero(shop):
    card = customers.customer_profile(shop, "C2", YEAR_2024, cost_model=MODEL)
    assert card["service_contacts"] == 0 and card["complaints"] == 0
