"""Merging duplicate customers and undoing it, down to the pyramid's numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import i18n
from dashboard.errors import AnalysisError, StorageError
from dashboard.identify import customers, identification, merge
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import pyramid
from tests.identify.test_customers import MODEL, YEAR_2024, fill

#: C3 and C10 share a phone (the duplicates list's group 2): C10 is merged into C3.
EXTRA_FEEDBACK = [
    ("f9", "C10", "2024-05-02 10:00", "complaint", None, None, "Late again", "phone"),
    ("f10", "C3", "2024-06-02 10:00", "praise", 10.0, "nps_0_10", "Thanks", "web"),
]
EXTRA_CONTACTS = [("C10", "2024-05-03 09:00", "phone", "support_call", 4.0)]
CAMPAIGNS = [
    # id, name, members (customer, group)
    (1, "Spring", [("C3", "target"), ("C10", "control")]),  # both: C10's row goes
    (2, "Summer", [("C10", "target"), ("C1", "target")]),  # only C10: C3 takes its place
]


def add_campaigns(conn) -> None:
    for campaign_id, name, members in CAMPAIGNS:
        conn.execute(
            "INSERT INTO campaigns (campaign_id, name, source, tier, created_at, start_date, "
            "window_days, control_share, seed, target_customers, control_customers) "
            "VALUES (?, ?, 'tier', '1', now(), DATE '2024-05-01', 30, 0.5, 1, 1, 1)",
            [campaign_id, name],
        )
        conn.executemany(
            "INSERT INTO campaign_members VALUES (?, ?, ?)",
            [(campaign_id, customer, group) for customer, group in members],
        )


@pytest.fixture
def shop(conn):
    fill(conn)
    conn.executemany(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, score, scale, text, "
        "channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        EXTRA_FEEDBACK,
    )
    conn.executemany(
        "INSERT INTO interactions (customer_id, occurred_at, channel, kind, cost) "
        "VALUES (?, ?, ?, ?, ?)",
        EXTRA_CONTACTS,
    )
    add_campaigns(conn)
    return conn


def pyramid_numbers(conn) -> pd.DataFrame:
    shares = pyramid.tier_shares(conn, YEAR_2024, cost_model=MODEL)
    return shares[["tier", "customers", "revenue", "share_customers", "share_revenue"]]


def revenue_per_customer(conn) -> dict:
    found = customers.search_customers(conn, "", YEAR_2024, limit=100, cost_model=MODEL)
    return dict(zip(found["customer_id"], found["revenue"], strict=True))


def members(conn) -> list[tuple]:
    return conn.execute(
        "SELECT campaign_id, customer_id, grp FROM campaign_members ORDER BY ALL"
    ).fetchall()


def rows_of(conn, table: str) -> list[tuple]:
    return conn.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def test_the_preview_counts_what_each_id_brings_and_what_moves(shop):
    preview = merge.merge_preview(shop, "C3", ["C10", "C3", "C10"])
    assert preview["into"] == "C3" and preview["merged"] == ["C10"]
    per_id = preview["per_id"].set_index("customer_id")
    assert per_id.index.tolist() == ["C3", "C10"]  # the survivor first
    assert per_id.loc["C10", list(merge.COUNTS)].tolist() == [1, 1, 1, 2, 1]
    assert per_id.loc["C3", list(merge.COUNTS)].tolist() == [0, 1, 0, 1, 1]
    assert per_id.loc["C10", "revenue"] == 300.0 and bool(per_id.loc["C3", "survivor"])
    assert preview["moves"] == {
        "transactions": 1,
        "feedback": 1,
        "interactions": 1,
        "campaign_members": 2,
        "customers": 1,
    }
    # a preview changes nothing
    assert database.data_version(shop) == 0 and merge.list_merges(shop).empty


def test_a_merge_moves_every_row_logs_it_and_the_pyramid_counts_one_customer(shop):
    before = pyramid_numbers(shop)
    version = database.data_version(shop)
    result = merge.merge_customers(shop, "C3", ["C10"], actor="ann")
    assert result["merge_id"] == 1 and result["data_version"] == version + 1
    assert result["moved"] == {
        "transactions": 1,
        "feedback": 1,
        "interactions": 1,
        "campaign_members": 2,
        "customers": 1,
    }
    # C10 is gone everywhere; C3 has its purchase, complaint and support call
    for table in ("transactions", "feedback", "interactions", "customers", "campaign_members"):
        assert (
            shop.execute(f"SELECT count(*) FROM {table} WHERE customer_id = 'C10'").fetchone()[0]
            == 0
        ), table
    profile = customers.customer_profile(shop, "C3", YEAR_2024, MODEL)
    assert profile["revenue"] == 300.0 and profile["complaints"] == 1
    assert profile["service_contacts"] == 1 and profile["name"] == "Иван Петров"
    with pytest.raises(AnalysisError):
        customers.customer_profile(shop, "C10", YEAR_2024, MODEL)
    # Spring had both (C3's own row stays), Summer only C10 (C3 takes its group)
    assert members(shop) == [(1, "C3", "target"), (2, "C1", "target"), (2, "C3", "target")]
    after = pyramid_numbers(shop)
    assert after["customers"].sum() == before["customers"].sum() - 1
    assert after["revenue"].sum() == pytest.approx(before["revenue"].sum())
    # the duplicates list no longer shows the pair
    groups = identification.duplicate_groups(shop, YEAR_2024, cost_model=MODEL)
    assert "C10" not in set(groups["customer_id"])
    log = merge.list_merges(shop)
    assert log[["merge_id", "actor", "into_id", "merged_ids"]].values.tolist() == [
        [1, "ann", "C3", "C10"]
    ]
    assert log.loc[0, "transactions"] == 1 and log.loc[0, "campaign_members"] == 2
    assert pd.isna(log.loc[0, "undone_at"])


def test_undo_restores_every_row_and_the_pyramid_exactly(shop):
    before = {t: rows_of(shop, t) for t in (*database.DATA_TABLES, "campaign_members")}
    numbers, revenue = pyramid_numbers(shop), revenue_per_customer(shop)
    merged = merge.merge_customers(shop, "C3", ["C10"], actor="ann")
    assert pyramid_numbers(shop)["customers"].tolist() != numbers["customers"].tolist()
    assert revenue_per_customer(shop) != revenue
    undone = merge.undo_merge(shop, merged["merge_id"], actor="bob")
    assert undone["restored"] == merged["moved"]
    assert undone["missing"] == {"transactions": 0, "feedback": 0, "interactions": 0}
    assert undone["data_version"] == merged["data_version"] + 1
    for table, rows in before.items():
        assert rows_of(shop, table) == rows, table
    pd.testing.assert_frame_equal(pyramid_numbers(shop), numbers)
    assert revenue_per_customer(shop) == revenue
    row = merge.read_merge(shop, merged["merge_id"])
    assert row["undone_by"] == "bob" and row["undone_at"] is not None


def test_rows_alike_but_for_their_customer_go_back_to_their_own_ids(shop):
    # the same purchase line under C3 and under C10: after an undo each id has its own again
    shop.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, channel) VALUES "
        "('C3', 'o5', '2024-05-01 09:00', 300.0, 'phone')"
    )
    before = rows_of(shop, "transactions")
    merged = merge.merge_customers(shop, "C3", ["C10"])
    assert (
        shop.execute("SELECT count(*) FROM transactions WHERE customer_id = 'C3'").fetchone()[0]
        == 2
    )
    merge.undo_merge(shop, merged["merge_id"])
    assert rows_of(shop, "transactions") == before


def test_two_merges_into_one_survivor_undo_in_any_order(shop):
    revenue = revenue_per_customer(shop)
    first = merge.merge_customers(shop, "C2", ["C4"])
    second = merge.merge_customers(shop, "C2", ["C1"])
    assert revenue_per_customer(shop)["C2"] == pytest.approx(revenue["C1"] + revenue["C2"])
    merge.undo_merge(shop, first["merge_id"])
    merge.undo_merge(shop, second["merge_id"])
    assert revenue_per_customer(shop) == revenue


def test_undo_of_an_undone_merge_is_refused_and_changes_nothing(shop):
    merged = merge.merge_customers(shop, "C3", ["C10"], actor="ann")
    merge.undo_merge(shop, merged["merge_id"], actor="bob")
    version, rows = database.data_version(shop), rows_of(shop, "customers")
    with pytest.raises(AnalysisError, match="Merge 1 was undone already") as refused:
        merge.undo_merge(shop, merged["merge_id"])
    assert "by bob" in str(refused.value)
    assert "уже отменено" in refused.value.localized("ru")
    assert database.data_version(shop) == version and rows_of(shop, "customers") == rows


def test_a_merge_of_an_unknown_id_is_refused_and_changes_nothing(shop):
    with pytest.raises(AnalysisError, match="No customer has the id 'C77'") as refused:
        merge.merge_customers(shop, "C3", ["C10", "C77"])
    assert "C77" in refused.value.localized("ru")
    with pytest.raises(AnalysisError, match="at least one other id"):
        merge.merge_customers(shop, "C3", ["C3", " "])
    with pytest.raises(AnalysisError, match="No merge has the number 5"):
        merge.undo_merge(shop, 5)
    assert database.data_version(shop) == 0 and merge.list_merges(shop).empty
    assert shop.execute("SELECT count(*) FROM merge_rows").fetchone()[0] == 0


def test_undo_waits_for_a_later_merge_of_the_survivor(shop):
    first = merge.merge_customers(shop, "C2", ["C4"])
    later = merge.merge_customers(shop, "C1", ["C2"])
    with pytest.raises(AnalysisError, match="undo merge 2 first"):
        merge.undo_merge(shop, first["merge_id"])
    merge.undo_merge(shop, later["merge_id"])
    merge.undo_merge(shop, first["merge_id"])
    assert {"C1", "C2", "C4"} <= set(revenue_per_customer(shop))


def test_undo_is_refused_once_the_data_were_replaced(shop):
    merged = merge.merge_customers(shop, "C3", ["C10"])
    database.clear_table(shop, "feedback")
    with pytest.raises(AnalysisError, match="replaced since") as refused:
        merge.undo_merge(shop, merged["merge_id"])
    assert i18n.t("errors.merge_data_replaced", "ru", merge_id=1, table="feedback", mode="clear")
    assert "заменены" in refused.value.localized("ru")


def test_an_old_database_gets_the_merge_tables(tmp_path):
    path = tmp_path / "old.duckdb"
    conn = database.connect(path)
    for table in ("merges", "merge_rows", "merge_customers", "merge_members"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP SEQUENCE merge_id_seq")
    conn.close()
    conn = database.connect(path, read_only=True)
    try:
        assert merge.list_merges(conn).empty
    finally:
        conn.close()


def test_the_demos_pyramid_comes_back_after_a_merge_and_its_undo(demo_conn):
    period = pyramid.tier_shares(demo_conn, Filters())
    assert period["customers"].sum() > 1000
    ids = demo_conn.execute(
        "SELECT customer_id FROM transactions GROUP BY customer_id ORDER BY count(*) DESC LIMIT 3"
    ).fetchall()
    merged = merge.merge_customers(demo_conn, ids[0][0], [i for (i,) in ids[1:]])
    assert merged["moved"]["transactions"] > 0
    assert pyramid.tier_shares(demo_conn, Filters())["customers"].sum() == (
        period["customers"].sum() - 2
    )
    merge.undo_merge(demo_conn, merged["merge_id"])
    again = pyramid.tier_shares(demo_conn, Filters())
    pd.testing.assert_frame_equal(again, period)


def test_a_merge_the_database_refuses_is_rolled_back_with_a_message(shop, tmp_path):
    shop.execute("CHECKPOINT")
    path = database.database_file(shop)
    shop.close()
    conn = database.connect(path, read_only=True)  # a file this program may only read
    try:
        with pytest.raises(StorageError, match="did not take the change") as refused:
            merge.merge_customers(conn, "C3", ["C10"])
        assert "ничего не изменилось" in refused.value.localized("ru")
        assert merge.list_merges(conn).empty and database.data_version(conn) == 0
    finally:
        conn.close()
