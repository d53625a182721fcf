"""The customer value table and the cost model, checked against a plain pandas computation."""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest

from dashboard.errors import AnalysisError
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import cache
from dashboard.value.cost_model import CostModel, load_cost_model, save_cost_model

MODEL = CostModel(
    default_margin=0.4,
    category_margins=(("toys", 0.25),),
    cost_per_order=5,
    cost_per_return=12,
    cost_per_contact=8,
    cost_per_complaint=30,
    marketing_per_customer=10,
)


def insert(conn, table: str, rows: list[dict]) -> None:
    """Insert rows as a real DataFrame through DuckDB (columns left out stay NULL)."""
    frame = pd.DataFrame(rows)  # noqa: F841 - read by DuckDB's replacement scan
    cols = ", ".join(rows[0])
    conn.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM frame")


@pytest.fixture
def shop(tmp_path):
    """A small hand-made business with returns, a returns-only customer and a zero-revenue one."""
    conn = database.connect(tmp_path / "t.duckdb")
    insert(
        conn,
        "customers",
        [
            {"customer_id": c, "country": k}
            for c, k in [("ann", "UK"), ("bob", "UK"), ("cat", "DE"), ("dan", "DE"), ("eve", "UK")]
        ],
    )
    tx = [
        # ann: one order of two lines, one line without cost (toys margin 25%), then a return
        ("ann", "o1", "2024-01-05 10:00", 100, 60, "books", "web"),
        ("ann", "o1", "2024-01-05 10:00", 40, None, "toys", "web"),
        ("ann", "o1", "2024-02-01 09:00", -30, 18, "books", "web"),
        ("ann", "o2", "2024-03-01 12:00", 60, None, "books", "shop"),
        # bob: bought 50 and returned all of it: active, zero revenue
        ("bob", "o3", "2024-01-10 08:00", 50, 30, "books", "web"),
        ("bob", "r3", "2024-01-20 08:00", -50, 30, "books", "web"),
        # cat: only a return in 2024 of something bought in 2023
        ("cat", "o4", "2023-06-01 08:00", 80, None, "books", "web"),
        ("cat", "r4", "2024-02-02 08:00", -80, None, "books", "web"),
        # fay: not in the customers table; no order id
        ("fay", None, "2024-04-04 15:00", 25, None, "toys", "shop"),
        ("fay", None, "2024-04-04 15:00", 5, None, "toys", "shop"),
    ]
    insert(
        conn,
        "transactions",
        [
            {
                "customer_id": c,
                "order_id": o,
                "ordered_at": pd.Timestamp(at),
                "revenue": float(r),
                "cost": c_ if c_ is None else float(c_),
                "category": k,
                "channel": ch,
            }
            for c, o, at, r, c_, k, ch in tx
        ],
    )
    insert(
        conn,
        "interactions",
        [
            {"customer_id": c, "occurred_at": pd.Timestamp(at), "kind": k, "cost": cost}
            for c, at, k, cost in [
                ("ann", "2024-01-06", "support_call", 3.5),
                ("ann", "2024-01-07", "chat", None),
                ("bob", "2024-01-11", "referral", None),
                ("dan", "2024-01-11", "email", None),
            ]
        ],
    )
    insert(
        conn,
        "feedback",
        [
            {"customer_id": c, "created_at": pd.Timestamp(at), "kind": k}
            for c, at, k in [
                ("bob", "2024-01-12", "complaint"),
                ("bob", "2024-01-13", "praise"),
                (None, "2024-01-13", "complaint"),
                ("ann", "2023-01-01", "complaint"),
            ]
        ],
    )
    return conn


def reference_value(conn, f: Filters, m: CostModel) -> pd.DataFrame:
    """The value table computed in pandas from the raw tables, one customer at a time."""
    tx = conn.execute("SELECT * FROM transactions").df()
    customers = conn.execute("SELECT * FROM customers").df()
    contacts = conn.execute("SELECT * FROM interactions").df()
    feedback = conn.execute("SELECT * FROM feedback").df()
    start = pd.Timestamp(f.start) if f.start else pd.Timestamp.min
    stop = pd.Timestamp(f.end) + pd.Timedelta(days=1) if f.end else pd.Timestamp.max
    as_of = pd.Timestamp(f.end) if f.end else tx.ordered_at.max().normalize()
    allowed = set(customers.loc[customers.country.isin(f.countries), "customer_id"])
    known = set(customers.customer_id) | set(tx.customer_id[tx.ordered_at < stop])
    if f.countries:
        known &= allowed
    tx = tx[(tx.ordered_at < stop) & tx.customer_id.isin(known)]
    if f.channels:
        tx = tx[tx.channel.isin(f.channels)]
    if f.categories:
        tx = tx[tx.category.isin(f.categories)]
    margins = dict(m.category_margins)
    margin = tx.category.map(lambda c: margins.get(c, m.default_margin))
    tx = tx.assign(
        product_cost=np.where(
            tx.cost.notna(), np.sign(tx.revenue) * tx.cost.abs(), tx.revenue * (1 - margin)
        ),
        in_period=tx.ordered_at >= start,
        order_key=tx.order_id.fillna(tx.ordered_at.astype(str)),
        is_return=tx.revenue < 0,
    )
    contacts = contacts[
        (contacts.occurred_at >= start)
        & (contacts.occurred_at < stop)
        & ~contacts.kind.isin(m.free_contact_kinds)
    ]
    complaints = feedback[
        (feedback.kind == "complaint")
        & (feedback.created_at >= start)
        & (feedback.created_at < stop)
    ]
    rows = [
        _reference_row(
            cid,
            tx[tx.customer_id == cid],
            contacts[contacts.customer_id == cid],
            (complaints.customer_id == cid).sum(),
            m,
            as_of,
        )
        for cid in sorted(known)
    ]
    return pd.DataFrame(rows).set_index("customer_id")


def _reference_row(cid, lines, contacts, complaints, m, as_of) -> dict:
    groups = [g for _, g in lines.groupby(["order_key", "is_return"])]
    purchases = [g for g in groups if (g.revenue > 0).any()]
    period = lines[lines.in_period]
    orders = sum(g.in_period.any() for g in purchases)
    returns = sum(g.in_period.any() for g in groups if g.is_return.iloc[0])
    first = min((g.ordered_at.min() for g in purchases), default=None)
    last = max((g.ordered_at.min() for g in purchases), default=None)
    service = contacts.cost.fillna(m.cost_per_contact).sum()
    to_serve = (
        orders * m.cost_per_order
        + returns * m.cost_per_return
        + service
        + complaints * m.cost_per_complaint
        + (m.marketing_per_customer if orders else 0)
    )
    revenue, product_cost = period.revenue.sum(), period.product_cost.sum()
    lifetime_orders = len(purchases)
    lifetime_returns = sum(g.is_return.iloc[0] for g in groups)
    return {
        "customer_id": cid,
        "revenue": revenue,
        "product_cost": product_cost,
        "cost_to_serve": to_serve,
        "profit": revenue - product_cost - to_serve,
        "orders": orders,
        "returns": returns,
        "service_contacts": len(contacts),
        "complaints": complaints,
        "is_active": orders > 0,
        "recency_days": (as_of - last.normalize()).days if last is not None else np.nan,
        "tenure_days": (as_of - first.normalize()).days if first is not None else np.nan,
        "lifetime_value": lines.revenue.sum()
        - lines.product_cost.sum()
        - lifetime_orders * m.cost_per_order
        - lifetime_returns * m.cost_per_return,
    }


COMPARED = [
    "revenue",
    "product_cost",
    "cost_to_serve",
    "profit",
    "orders",
    "returns",
    "service_contacts",
    "complaints",
    "is_active",
    "recency_days",
    "tenure_days",
    "lifetime_value",
]


def assert_matches_reference(conn, f: Filters, m: CostModel) -> pd.DataFrame:
    got = cache.customer_value(conn, f, m).set_index("customer_id").sort_index()
    want = reference_value(conn, f, m)
    assert list(got.index) == list(want.index)
    for column in COMPARED:
        np.testing.assert_allclose(
            got[column].astype(float).to_numpy(),
            want[column].astype(float).to_numpy(),
            err_msg=column,
        )
    return got


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(date(2024, 1, 1), date(2024, 1, 31)),
        Filters(date(2024, 2, 1), date(2024, 12, 31)),
        Filters(countries=("UK",)),
        Filters(channels=("web",), categories=("books",)),
    ],
)
def test_value_table_matches_pandas(shop, f):
    assert_matches_reference(shop, f, MODEL)


def test_hand_computed_customers(shop):
    got = cache.customer_value(shop, Filters(date(2024, 1, 1), date(2024, 12, 31)), MODEL)
    got = got.set_index("customer_id")
    ann = got.loc["ann"]
    # 100 + 40 - 30 + 60; cost 60 + 40*0.75 - 18 + 60*0.6
    assert ann.revenue == pytest.approx(170)
    assert ann.product_cost == pytest.approx(108)
    assert (ann.orders, ann.returns, ann.service_contacts) == (2, 1, 2)
    assert ann.service_cost == pytest.approx(3.5 + 8)
    assert ann.cost_to_serve == pytest.approx(2 * 5 + 12 + 11.5 + 10)
    assert ann.avg_order_value == pytest.approx(85)
    bob = got.loc["bob"]  # bought and returned everything: active, zero revenue, a complaint
    assert bob.revenue == 0 and bob.is_active and bob.complaints == 1
    assert bob.service_contacts == 0  # a referral is not a service contact
    cat = got.loc["cat"]  # only a return in the period: not active, still costs money
    assert cat.revenue == -80 and not cat.is_active and cat.returns == 1
    assert cat.profit == pytest.approx(-80 * 0.4 - 12)
    assert not got.loc["eve"].is_active and got.loc["eve"].profit == 0
    assert got.loc["fay"].orders == 1 and got.loc["fay"].revenue == 30
    assert got.loc["dan"].cost_to_serve == 8 and got.loc["dan"].revenue == 0


def test_random_business_matches_pandas(tmp_path):
    rng = np.random.default_rng(7)
    conn = database.connect(tmp_path / "r.duckdb")
    ids = [f"c{i:03d}" for i in range(60)]
    insert(
        conn,
        "customers",
        [{"customer_id": c, "country": rng.choice(["UK", "FR"])} for c in ids[:50]],
    )
    n = 800
    insert(
        conn,
        "transactions",
        [
            {
                "customer_id": str(rng.choice(ids)),
                "order_id": f"o{rng.integers(0, 300)}",
                "ordered_at": pd.Timestamp("2023-01-01")
                + pd.Timedelta(hours=int(rng.integers(0, 17000))),
                "revenue": float(rng.choice([-1, 1, 1, 1, 1]) * rng.integers(0, 200)),
                "cost": None if rng.random() < 0.5 else float(rng.integers(0, 100)),
                "category": str(rng.choice(["toys", "books", "food"])),
                "channel": str(rng.choice(["web", "shop"])),
            }
            for _ in range(n)
        ],
    )
    insert(
        conn,
        "interactions",
        [
            {
                "customer_id": str(rng.choice(ids)),
                "kind": str(rng.choice(["chat", "referral"])),
                "occurred_at": pd.Timestamp("2023-01-01")
                + pd.Timedelta(days=int(rng.integers(0, 700))),
                "cost": None if rng.random() < 0.5 else 2.0,
            }
            for _ in range(100)
        ],
    )
    for f in (
        Filters(),
        Filters(date(2023, 6, 1), date(2024, 3, 31), countries=("FR",)),
        Filters(date(2024, 1, 1), None, channels=("shop",), categories=("toys", "food")),
    ):
        got = assert_matches_reference(conn, f, MODEL)
        assert got.index.is_unique


def test_every_known_customer_has_one_row(shop):
    got = cache.customer_value(shop, Filters(date(2025, 1, 1), date(2025, 12, 31)), MODEL)
    assert sorted(got.customer_id) == ["ann", "bob", "cat", "dan", "eve", "fay"]
    assert not got.is_active.any() and (got.revenue == 0).all()


def test_cost_model_is_saved_and_loaded(tmp_path):
    conn = database.connect(tmp_path / "c.duckdb")
    assert load_cost_model(conn) == CostModel()
    before = database.data_version(conn)
    save_cost_model(conn, MODEL)
    assert load_cost_model(conn) == MODEL
    assert database.data_version(conn) == before + 1
    conn.close()
    reopened = database.connect(tmp_path / "c.duckdb")
    assert load_cost_model(reopened).category_margins == (("toys", 0.25),)


def test_cost_model_rejects_nonsense():
    with pytest.raises(AnalysisError, match="margin"):
        CostModel(default_margin=40)
    with pytest.raises(AnalysisError, match="negative"):
        CostModel(cost_per_order=-1)


def test_contact_rate_overrides_own_cost_when_asked(shop):
    own = cache.customer_value(shop, Filters(), MODEL).set_index("customer_id")
    flat = CostModel(use_contact_cost=False, cost_per_contact=8)
    got = cache.customer_value(shop, Filters(), flat).set_index("customer_id")
    # the same connection, another model: a fresh computation, not the first one's result
    assert own.loc["ann", "service_cost"] == 11.5 and got.loc["ann", "service_cost"] == 16


def test_new_data_is_seen_at_once(shop):
    before = cache.customer_value(shop, Filters(), MODEL).set_index("customer_id")
    shop.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) "
        "VALUES ('eve', 'e1', TIMESTAMP '2024-05-05', 70)"
    )
    database.bump_data_version(shop)  # what every import does
    after = cache.customer_value(shop, Filters(), MODEL).set_index("customer_id")
    assert before.loc["eve", "revenue"] == 0 and after.loc["eve", "revenue"] == 70
    assert after.loc["eve", "is_active"]


def test_a_value_table_evicted_while_a_session_is_about_to_read_it_still_answers(shop, monkeypatch):
    # Twenty sessions over the pages while an import ran: one session was given a table's name,
    # the others' periods pushed it out of the cache, and its query failed ("does not exist").
    first = Filters(date(2024, 1, 1), date(2024, 12, 31))
    sql, params = cache.source(shop, first, MODEL)
    for month in range(1, cache.MAX_TABLES + 2):  # more periods than the cache keeps
        cache.source(shop, Filters(date(2024, month, 1), date(2024, 12, 31)), MODEL)
    late = shop.execute(sql, params).df()  # the first session's query, run only now
    assert len(late) == len(cache.customer_value(shop, first, MODEL))
    # evicted tables do not pile up: past the grace time the next eviction drops them
    monkeypatch.setattr(cache, "GRACE_S", 0.0)
    for month in range(1, cache.MAX_TABLES + 3):
        cache.source(shop, Filters(date(2023, month, 1), date(2023, 12, 31)), MODEL)
    kept = shop.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = ?", [cache.SCHEMA]
    ).fetchone()[0]
    assert kept <= cache.MAX_TABLES + 1


def test_sessions_asking_for_the_same_value_table_at_once_all_read_it(demo_conn):
    # Twenty sessions over the pages: those that asked while another was still computing the
    # same table were told it was there, and their queries failed ("does not exist").
    import threading

    failures, answers = [], []
    for trial in range(4):
        period = Filters(date(2024, 1, 1 + trial), date(2026, 6, 30))
        start = threading.Barrier(8)

        def read(period=period, start=start) -> None:
            cursor = demo_conn.cursor()
            start.wait()
            sql, params = cache.source(cursor, period)
            try:
                answers.append(cursor.execute(f"SELECT count(*) FROM ({sql})", params).fetchone())
            except duckdb.Error as error:
                failures.append(str(error))

        readers = [threading.Thread(target=read) for _ in range(8)]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join()
    assert not failures, failures[:2]
    assert len(answers) == 32
