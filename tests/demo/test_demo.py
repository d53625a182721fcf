"""The demo generator: a believable, seeded business that fills the storage contract."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date

import pytest

from dashboard.demo import generator, removal, vocabulary
from dashboard.errors import ImportFailed
from dashboard.future import model
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import pyramid

END = date(2026, 10, 31)
CUSTOMERS = 3000
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """One database with the demo loaded, shared by the read-only tests of this module."""
    conn = database.connect(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    version_before = database.data_version(conn)
    steps = []
    result = generator.load_demo(
        conn,
        customers=CUSTOMERS,
        seed=7,
        end_date=END,
        progress=lambda fraction, step: steps.append((fraction, step)),
    )
    yield conn, result, version_before, steps
    conn.close()


def scalar(conn, sql, params=None):
    return conn.execute(sql, params or []).fetchone()[0]


def fingerprint(conn) -> tuple:
    """Sums a user would compare: rows, revenue, cost, scores and contact cost per table."""
    return conn.execute(
        """
        SELECT (SELECT count(*) FROM customers), (SELECT string_agg(email, ',' ORDER BY email)
                                                   FROM customers),
               (SELECT count(*) FROM transactions), (SELECT round(sum(revenue), 2)
                                                      FROM transactions),
               (SELECT round(sum(cost), 2) FROM transactions),
               (SELECT max(ordered_at) FROM transactions),
               (SELECT count(*) FROM feedback), (SELECT sum(score) FROM feedback),
               (SELECT string_agg(text, '|' ORDER BY feedback_id) FROM feedback),
               (SELECT count(*) FROM interactions), (SELECT sum(cost) FROM interactions)
        """
    ).fetchone()


def test_result_counts_match_the_tables_and_ids_follow_the_contract(loaded):
    conn, result, _, _ = loaded
    assert database.table_counts(conn) == {
        t: result[t] for t in ("transactions", "customers", "feedback", "interactions")
    }
    assert result["customers"] == CUSTOMERS
    assert 8 * CUSTOMERS <= result["transactions"] <= 12 * CUSTOMERS
    assert 0.5 * CUSTOMERS <= result["feedback"] <= 1.2 * CUSTOMERS
    assert 1.0 * CUSTOMERS <= result["interactions"] <= 2.5 * CUSTOMERS
    ids = conn.execute(
        "SELECT min(customer_id), max(customer_id), count(DISTINCT customer_id) FROM customers"
    ).fetchone()
    assert ids == ("C000001", "C003000", CUSTOMERS)
    assert (
        scalar(
            conn,
            "SELECT count(*) FROM transactions WHERE customer_id NOT IN "
            "(SELECT customer_id FROM customers)",
        )
        == 0
    )
    assert scalar(conn, "SELECT count(DISTINCT feedback_id) = count(*) FROM feedback")


def test_same_seed_gives_identical_data_whatever_the_threads_and_other_seeds_differ(tmp_path):
    conn = database.connect(tmp_path / "a.duckdb")
    conn.execute("SET threads = 1")
    generator.load_demo(conn, customers=1500, seed=3, end_date=END)
    single_thread = fingerprint(conn)
    conn.execute("SET threads = 2")
    generator.load_demo(conn, customers=1500, seed=3, end_date=END)
    assert fingerprint(conn) == single_thread
    generator.load_demo(conn, customers=1500, seed=4, end_date=END)
    other = fingerprint(conn)
    assert other[0] == single_thread[0]
    assert other[1] != single_thread[1] and other[3] != single_thread[3]


def revenue_share(conn, lowest: float, highest: float) -> float:
    """Share of revenue of the customers ranked between two shares of the base (0 = the best)."""
    return scalar(
        conn,
        """
        WITH per_customer AS (
            SELECT customer_id, sum(revenue) AS revenue FROM transactions GROUP BY customer_id
        ), ranked AS (
            SELECT revenue, (row_number() OVER (ORDER BY revenue DESC) - 1) / count(*) OVER ()
                AS place
            FROM per_customer
        )
        SELECT sum(revenue) FILTER (WHERE place >= ? AND place < ?) / sum(revenue) FROM ranked
        """,
        [lowest, highest],
    )


def test_the_pyramid_looks_like_the_one_in_the_texts(loaded):
    conn = loaded[0]
    assert revenue_share(conn, 0, 0.11) >= 0.80
    assert 0.03 <= revenue_share(conn, 0.11, 0.35) <= 0.12
    assert revenue_share(conn, 0.35, 1.0) <= 0.06
    # a few very large customers: the top 1% alone bring a third of the revenue or more
    assert revenue_share(conn, 0, 0.01) >= 0.3


def test_tier_3_carries_a_large_share_of_the_cost_to_serve(loaded):
    conn = loaded[0]
    # cost to serve as the default cost model counts it: orders, returns, contacts, complaints
    shares = dict(
        conn.execute("""
        WITH per_customer AS (
            SELECT customer_id, sum(revenue) AS revenue, count(DISTINCT order_id) AS orders,
                   count(*) FILTER (WHERE revenue < 0) AS returns
            FROM transactions GROUP BY customer_id
        ), contacts AS (
            SELECT customer_id, sum(cost) AS contact_cost FROM interactions
            WHERE kind NOT IN ('referral', 'review') GROUP BY customer_id
        ), complaints AS (
            SELECT customer_id, count(*) AS complaints FROM feedback WHERE kind = 'complaint'
            GROUP BY customer_id
        ), served AS (
            SELECT p.revenue, 10 + 5 * p.orders + 12 * p.returns + coalesce(c.contact_cost, 0)
                       + 30 * coalesce(k.complaints, 0) AS cost_to_serve
            FROM per_customer AS p LEFT JOIN contacts AS c USING (customer_id)
            LEFT JOIN complaints AS k USING (customer_id)
        ), tiered AS (
            SELECT cost_to_serve,
                   (row_number() OVER (ORDER BY revenue DESC) - 1) / count(*) OVER () AS place
            FROM served
        )
        SELECT CASE WHEN place < 0.11 THEN 'top' WHEN place < 0.35 THEN '3' ELSE '4' END,
               sum(cost_to_serve) / sum(sum(cost_to_serve)) OVER ()
        FROM tiered GROUP BY 1
        """).fetchall()
    )
    assert 0.33 <= shares["3"] <= 0.55
    assert shares["3"] > shares["top"]


def test_three_years_and_more_ending_on_the_end_date_with_a_holiday_peak(loaded):
    conn, result, _, _ = loaded
    assert result["date_to"] == END
    assert (result["date_to"] - result["date_from"]).days >= 3 * 365
    assert scalar(conn, "SELECT min(signup_at)::DATE FROM customers") >= date(2022, 11, 1)
    assert scalar(conn, "SELECT max(ordered_at)::DATE FROM transactions") == END
    holiday, rest = conn.execute("""
        SELECT sum(revenue) FILTER (WHERE month(ordered_at) IN (11, 12)) / 2,
               sum(revenue) FILTER (WHERE month(ordered_at) BETWEEN 7 AND 10) / 4
        FROM transactions WHERE year(ordered_at) = 2025
        """).fetchone()
    assert holiday > 1.3 * rest


def test_growth_churn_and_many_one_time_buyers(loaded):
    conn = loaded[0]
    by_year = dict(
        conn.execute(
            "SELECT year(ordered_at), count(DISTINCT customer_id) FROM transactions GROUP BY 1"
        ).fetchall()
    )
    assert by_year[2025] > by_year[2023]
    orders = conn.execute(
        """
        WITH per_customer AS (
            SELECT customer_id, count(DISTINCT order_id) AS orders, max(ordered_at) AS last_at
            FROM transactions GROUP BY customer_id
        )
        SELECT avg((orders = 1)::INTEGER), avg((orders >= 3 AND last_at < ?)::INTEGER)
        FROM per_customer
        """,
        [date(2025, 10, 31)],
    ).fetchone()
    assert orders[0] >= 0.3  # one-time buyers
    assert orders[1] >= 0.05  # repeat customers who stopped buying a year before the end


def test_customers_buy_till_they_die_in_every_tier(loaded):
    """Purchase days follow BG/NBD's process: Poisson times at a rate of one's own, then dropout."""
    conn = loaded[0]
    days = """
        WITH days AS (SELECT DISTINCT customer_id, ordered_at::DATE AS day FROM transactions
                      WHERE revenue > 0)
    """
    repeats = dict(
        conn.execute(
            days + "SELECT n - 1, count(*) FROM (SELECT count(*) AS n FROM days "
            "GROUP BY customer_id) GROUP BY 1"
        ).fetchall()
    )
    # half the customers never come back, and ever fewer buy again 1, 2, 3... times
    assert 0.35 <= repeats[0] / CUSTOMERS <= 0.65, repeats
    for n in range(6):
        assert repeats[n + 1] <= 1.1 * repeats[n], repeats
    # the gaps between a customer's purchase days are exponential: as spread as they are long
    spread = scalar(
        conn,
        days
        + """
        , gaps AS (SELECT customer_id, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day)
                              AS gap FROM days)
        , scaled AS (SELECT gap / avg(gap) OVER (PARTITION BY customer_id) AS gap,
                            count(gap) OVER (PARTITION BY customer_id) AS gaps
                     FROM gaps WHERE gap IS NOT NULL)
        SELECT stddev(gap) / avg(gap) FROM scaled WHERE gaps >= 5
        """,
    )
    assert 0.8 <= spread <= 1.2, spread
    # in every tier some customers dropped out (repeat buyers silent for a year) and some who
    # came over a year ago still buy
    tiers_sql, params = pyramid.customer_tiers_sql(Filters())
    by_tier = conn.execute(
        days
        + f"""
        , tiers AS ({tiers_sql})
        , per_customer AS (SELECT customer_id, count(*) - 1 AS repeats, min(day) AS first_day,
                                  max(day) AS last_day FROM days GROUP BY 1)
        SELECT tier, avg((repeats >= 1 AND last_day <= ?::DATE - 365)::INTEGER),
               avg((first_day <= ?::DATE - 365 AND last_day > ?::DATE - 91)::INTEGER)
        FROM per_customer JOIN tiers USING (customer_id) GROUP BY 1 ORDER BY 1
        """,
        [*params, END, END, END],
    ).fetchall()
    assert [tier for tier, _, _ in by_tier] == ["1", "2", "3", "4"]
    for tier, dropped, staying in by_tier:
        assert dropped >= 0.03 and staying >= 0.01, (tier, dropped, staying)


def test_the_future_value_model_recognises_the_demo_business(tmp_path):
    """At the app's size, BG/NBD fitted on the demo passes its check and its 26-week holdout
    is close in total and for every number of earlier purchases (0, 1, ... 7+)."""
    conn = database.connect(tmp_path / "future.duckdb")
    generator.load_demo(conn, customers=generator.DEFAULT_CUSTOMERS, seed=42, end_date=END)
    fc = model.forecast(conn, Filters(), model.Settings())
    conn.close()
    assert fc.check.ok, fc.check.failures
    holdout = fc.holdout
    assert holdout.weeks == 26 and holdout.actual > 5000
    assert abs(holdout.error) <= 0.15, holdout.error  # +4.8%: 10,140 expected, 9,672 bought
    groups = holdout.by_frequency
    assert list(groups["purchases"]) == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    off = groups["predicted"] / groups["actual"] - 1
    assert off.abs().max() <= 0.25, groups


def test_transactions_have_costs_categories_channels_and_returns(loaded):
    conn = loaded[0]
    assert scalar(conn, "SELECT count(*) FROM transactions WHERE cost IS NULL") == 0
    margins = dict(
        conn.execute(
            "SELECT category, 1 - sum(cost) / sum(revenue) FROM transactions GROUP BY 1"
        ).fetchall()
    )
    assert 5 <= len(margins) <= 8
    assert max(margins.values()) - min(margins.values()) > 0.25
    channels = {r[0] for r in conn.execute("SELECT DISTINCT channel FROM transactions").fetchall()}
    assert channels == {"web", "store", "phone", "marketplace"}
    returns = conn.execute(
        "SELECT count(*), max(revenue), max(cost), max(quantity) "
        "FROM transactions WHERE revenue < 0"
    ).fetchone()
    assert returns[0] > 0.02 * CUSTOMERS and returns[1] < 0 and returns[2] < 0 and returns[3] < 0
    # every return refers to a sale of the same product in the same order, made earlier
    assert (
        scalar(
            conn,
            """
        SELECT count(*) FROM transactions AS r WHERE r.revenue < 0 AND NOT EXISTS (
            SELECT 1 FROM transactions AS s WHERE s.order_id = r.order_id AND s.revenue > 0
              AND s.product = r.product AND s.ordered_at <= r.ordered_at)
        """,
        )
        == 0
    )
    lines_per_order = scalar(conn, "SELECT count(*) / count(DISTINCT order_id) FROM transactions")
    assert 1.3 <= lines_per_order <= 5


def test_customers_have_names_in_both_alphabets_contacts_and_some_duplicates(loaded):
    conn = loaded[0]
    row = conn.execute("""
        SELECT count(*) FILTER (WHERE regexp_matches(name, '[А-Яа-я]')),
               count(*) FILTER (WHERE regexp_matches(name, '^[A-Za-z]')),
               count(*) FILTER (WHERE email NOT LIKE '%_@_%._%' OR phone NOT LIKE '+%'),
               count(DISTINCT country), count(DISTINCT channel)
        FROM customers
        """).fetchone()
    assert row[0] > 0.2 * CUSTOMERS and row[1] > 0.4 * CUSTOMERS
    assert row[2] == 0
    assert row[3] >= 5 and row[4] == 4
    shared = scalar(
        conn,
        """
        SELECT count(*) FROM (SELECT email FROM customers GROUP BY email HAVING count(*) > 1
                              UNION ALL
                              SELECT phone FROM customers GROUP BY phone HAVING count(*) > 1)
        """,
    )
    assert 3 <= shared <= 0.02 * CUSTOMERS


def test_feedback_of_every_kind_in_english_and_russian(loaded):
    conn = loaded[0]
    rows = conn.execute("SELECT kind, text FROM feedback").fetchall()
    for kind in vocabulary.FEEDBACK_KINDS:
        texts = [text for k, text in rows if k == kind]
        assert any(CYRILLIC.search(t) for t in texts), kind
        assert any(not CYRILLIC.search(t) for t in texts), kind
        assert len(set(texts)) >= 10, kind
    for kind, pairs in vocabulary.FEEDBACK_TEXTS.items():
        assert len(pairs) >= 10, kind


def test_scores_on_both_scales_and_none(loaded):
    conn = loaded[0]
    scales = dict(
        conn.execute("""
        SELECT coalesce(scale, 'none'), min(score) || '-' || max(score)
               || CASE WHEN bool_and(score IS NULL OR score = round(score)) THEN '' ELSE '!' END
        FROM feedback GROUP BY 1
        """).fetchall()
    )
    assert scales == {"nps_0_10": "0.0-10.0", "rating_1_5": "1.0-5.0", "none": None}
    nps = scalar(
        conn,
        "SELECT 100 * (avg((score >= 9)::INTEGER) - avg((score <= 6)::INTEGER)) "
        "FROM feedback WHERE scale = 'nps_0_10'",
    )
    assert -50 < nps < 80
    complaint_score, praise_score = conn.execute("""
        SELECT avg(score) FILTER (WHERE kind = 'complaint'), avg(score) FILTER (WHERE kind = 'praise')
        FROM feedback WHERE scale = 'nps_0_10'
        """).fetchone()
    assert complaint_score < 5 < praise_score


def test_anonymous_feedback_order_links_and_resolution_times(loaded):
    conn = loaded[0]
    anonymous = scalar(conn, "SELECT avg((customer_id IS NULL)::INTEGER) FROM feedback")
    assert 0.01 <= anonymous <= 0.08
    assert scalar(conn, "SELECT count(*) FROM feedback WHERE order_id IS NOT NULL") > 0
    assert (
        scalar(
            conn,
            """
        SELECT count(*) FROM feedback AS f WHERE order_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM transactions AS t WHERE t.order_id = f.order_id
              AND t.customer_id = f.customer_id AND t.ordered_at <= f.created_at)
        """,
        )
        == 0
    )
    lags = conn.execute("""
        SELECT avg((resolved_at IS NOT NULL)::INTEGER), count(*) FILTER (WHERE resolved_at IS NULL),
               min(epoch(resolved_at - created_at)) / 3600, max(epoch(resolved_at - created_at)) / 86400
        FROM feedback WHERE kind IN ('complaint', 'question')
        """).fetchone()
    assert lags[0] >= 0.7 and lags[1] > 0  # most resolved, some still open
    assert lags[2] < 12 and lags[3] > 7  # from hours to weeks


def test_complaints_come_with_returns_and_service_contacts(loaded):
    conn = loaded[0]
    with_complaint, without = conn.execute("""
        WITH complainers AS (SELECT DISTINCT customer_id FROM feedback WHERE kind = 'complaint'),
        contacts AS (SELECT customer_id, count(*) AS contacts FROM interactions
                     WHERE kind NOT IN ('referral', 'review') GROUP BY 1)
        SELECT avg(coalesce(n.contacts, 0)) FILTER (WHERE k.customer_id IS NOT NULL),
               avg(coalesce(n.contacts, 0)) FILTER (WHERE k.customer_id IS NULL)
        FROM customers AS c LEFT JOIN complainers AS k USING (customer_id)
        LEFT JOIN contacts AS n USING (customer_id)
        """).fetchone()
    assert with_complaint > 1.5 * without


def test_interactions_have_costs_and_referrals(loaded):
    conn = loaded[0]
    kinds = {
        k: (n, cost)
        for k, n, cost in conn.execute(
            "SELECT kind, count(*), max(cost) FROM interactions GROUP BY 1"
        ).fetchall()
    }
    assert set(kinds) == set(vocabulary.CONTACT_KINDS)
    for kind, (_, cost) in vocabulary.CONTACT_KINDS.items():
        assert kinds[kind][1] == cost
    assert kinds["visit"][1] > kinds["support_call"][1] > kinds["chat"][1] > 0
    assert kinds["referral"][0] > 0 and kinds["referral"][1] == 0


def test_import_log_data_version_and_import_id(loaded):
    conn, result, version_before, steps = loaded
    log = conn.execute(
        "SELECT import_id, file_name, table_name, mode, rows_imported FROM import_log"
    ).fetchall()
    rows = sum(result[t] for t in database.DATA_TABLES)
    assert log == [
        (result["import_id"], "demo data (3,000 customers, seed 7)", "all", "demo", rows)
    ]
    assert database.data_version(conn) == version_before + 1
    for table in database.DATA_TABLES:
        assert (
            scalar(
                conn,
                f"SELECT count(*) FROM {table} WHERE import_id IS DISTINCT FROM ?",
                [result["import_id"]],
            )
            == 0
        )
    assert steps[-1] == (1.0, "done")
    assert [s for _, s in steps[1:-1]] == ["customers", "transactions", "interactions", "feedback"]


def test_a_second_load_replaces_the_data_and_bad_input_changes_nothing(tmp_path):
    conn = database.connect(tmp_path / "b.duckdb")
    first = generator.load_demo(conn, customers=500, seed=1, end_date=END)
    second = generator.load_demo(conn, customers=400, seed=1, end_date=END)
    assert database.table_counts(conn)["customers"] == 400
    assert database.table_counts(conn)["transactions"] == second["transactions"]
    assert second["import_id"] > first["import_id"]
    version = database.data_version(conn)
    with pytest.raises(ImportFailed, match="between 1 and"):
        generator.load_demo(conn, customers=0)
    with pytest.raises(ImportFailed, match="whole numbers"):
        generator.load_demo(conn, customers="many")
    assert database.data_version(conn) == version
    assert database.table_counts(conn)["customers"] == 400


def test_default_end_date_is_the_end_of_last_month():
    assert generator.default_end_date(date(2026, 11, 22)) == date(2026, 10, 31)
    assert generator.default_end_date(date(2026, 1, 1)) == date(2025, 12, 31)
    assert generator.start_date(date(2026, 10, 31)) == date(2022, 11, 1)


def test_command_line_loads_and_prints_json(tmp_path):
    db = tmp_path / "cli.duckdb"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "demo",
            "--customers",
            "800",
            "--seed",
            "5",
            "--end-date",
            "2026-06-30",
            "--db",
            str(db),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=database.PROJECT_ROOT,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["customers"] == 800 and result["date_to"] == "2026-06-30"
    conn = database.connect(db)
    assert database.table_counts(conn)["transactions"] == result["transactions"] > 0
    conn.close()
    bad = subprocess.run(
        [sys.executable, "-m", "dashboard", "demo", "--customers", "-5", "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
        cwd=database.PROJECT_ROOT,
    )
    assert bad.returncode == 2 and "between 1 and" in bad.stderr and "Traceback" not in bad.stderr


def test_the_log_records_the_demo_campaign_and_every_loaded_row_counts_as_demo(loaded):
    conn, result, _, _ = loaded
    (campaign_id,) = [r[0] for r in conn.execute("SELECT campaign_id FROM campaigns").fetchall()]
    mapping = scalar(
        conn, "SELECT mapping FROM import_log WHERE import_id = ?", [result["import_id"]]
    )
    assert json.loads(mapping) == {"campaigns": [campaign_id]}
    assert removal.demo_campaigns(conn) == [campaign_id]
    assert removal.demo_rows(conn) == {t: result[t] for t in database.DATA_TABLES} | {
        "campaigns": 1
    }
    status = removal.demo_status(conn)
    assert not status["mixed"] and status["other"] == dict.fromkeys(database.DATA_TABLES, 0)
    assert removal.demo_rows_left(conn) == {result["import_id"]: sum(status["demo"].values()) - 1}


def test_the_demo_load_is_named_in_the_readers_language_and_other_files_as_they_are():
    name = generator.file_name(20_000, 42)
    assert generator.shown_file_name(name, "en") == "demo data (20,000 customers, seed 42)"
    assert generator.shown_file_name(name, "ru") == "демо-данные (20\u202f000 клиентов, зерно 42)"
    assert (
        generator.shown_file_name(generator.file_name(1, 7), "ru")
        == "демо-данные (1 клиент, зерно 7)"
    )
    assert generator.shown_file_name("demo data.csv", "ru") == "demo data.csv"  # a user's own file
