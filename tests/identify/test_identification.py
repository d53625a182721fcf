"""Identification quality and likely duplicates on the hand-made shop of test_customers."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import customers as figures
from dashboard.identify import identification
from dashboard.store.filters import Filters
from tests.identify.test_customers import MODEL, YEAR_2024, fill, found_ids


@pytest.fixture
def shop(conn):
    fill(conn)
    return conn


# --- identification quality and duplicates --------------------------------------------------


def test_identification_quality_counts_shares_and_unknown_ids(shop):
    quality = identification.identification_quality(shop, YEAR_2024)
    assert quality["customers"] == 6 and quality["duplicate_id_rows"] == 1
    assert quality["with_email"] == pytest.approx(5 / 6)
    assert quality["with_phone"] == pytest.approx(4 / 6)  # "555" is too short to identify
    assert quality["with_both"] == pytest.approx(3 / 6)
    assert quality["transactions"] == 7 and quality["orphan_transactions"] == 1
    assert quality["orphan_transaction_share"] == pytest.approx(1 / 7)
    assert quality["orphan_revenue"] == 70.0 and quality["orphan_customers"] == 1


def test_attribute_quality_tells_which_attributes_identify_alone(shop):
    table = identification.attribute_quality(shop).set_index("attribute")
    assert table.loc["customer_id", "unique"] == 5  # C1 is in the table twice
    assert table.loc["email", ["filled", "unique", "shared"]].tolist() == [5, 3, 2]
    assert table.loc["phone", ["filled", "unique", "shared"]].tolist() == [4, 0, 4]
    assert table.loc["name_country", ["filled", "unique", "shared"]].tolist() == [6, 4, 2]
    assert table.loc["email", "unique_share"] == pytest.approx(3 / 6)


def test_duplicates_group_shared_email_phone_and_name_in_one_country(shop):
    groups = identification.duplicate_groups(shop, YEAR_2024, cost_model=MODEL)
    members = {g: sorted(rows["customer_id"]) for g, rows in groups.groupby("group_id")}
    reasons = groups.drop_duplicates("group_id").set_index("group_id")["matched_on"].to_dict()
    # C2 and C4: same e-mail in other case and the same name with other spacing, both in the UK
    assert members[1] == ["C2", "C4"] and reasons[1] == "email, name_country"
    # then by revenue: C3/C10 share a phone (revenue 300), C1/C2 share one (revenue 170)
    assert members[2] == ["C10", "C3"] and reasons[2] == "phone"
    assert members[3] == ["C1", "C2"] and reasons[3] == "phone"
    assert len(members) == 3  # "Jane Doe" in the US is another person; "555" is no phone
    c1 = groups[groups["customer_id"] == "C1"].iloc[0]
    assert c1["revenue"] == pytest.approx(130.0) and c1["group_size"] == 2
    summary = identification.duplicate_summary(groups)
    assert groups.drop_duplicates("group_id")["is_contact_match"].tolist() == [True, True, True]
    assert summary == {
        "groups": 3,
        "customers": 5,
        "revenue": pytest.approx(470.0),
        "by_reason": {"email": 1, "phone": 2, "name_country": 1},
    }


def test_name_only_groups_come_last_and_can_be_left_out(shop):
    shop.execute(
        "INSERT INTO customers (customer_id, name, country) VALUES ('C6', 'ann lee', 'RU')"
    )
    groups = identification.duplicate_groups(shop, YEAR_2024, cost_model=MODEL)
    last = groups[groups["group_id"] == groups["group_id"].max()]
    assert sorted(last["customer_id"]) == ["C10", "C6"]
    assert last["matched_on"].tolist() == ["name_country"] * 2
    assert not last["is_contact_match"].any()
    # C10's revenue (300) is the largest, yet contact matches still come first
    assert groups["group_id"].max() == 4
    strong = identification.duplicate_groups(
        shop, YEAR_2024, cost_model=MODEL, include_name_only=False
    )
    assert strong["group_id"].max() == 3 and "C6" not in set(strong["customer_id"])


def test_a_common_name_shared_by_many_ids_is_no_duplicate(shop):
    shop.execute(
        "INSERT INTO customers (customer_id, name, country) VALUES ('C6', 'ann lee', 'RU'), "
        "('C7', 'Ann  Lee', 'RU'), ('C8', 'ANN LEE', 'RU')"
    )
    # four ids named Ann Lee in one country: a common name, not one person
    groups = identification.duplicate_groups(shop, YEAR_2024, cost_model=MODEL)
    assert not {"C6", "C7", "C8"} & set(groups["customer_id"])
    assert not groups["match_key"].str.contains("ann lee").any()
    assert identification.MAX_SAME_NAME == 3


def test_transactions_only_data_has_no_duplicates_and_no_contact_details(conn):
    conn.executemany(
        "INSERT INTO customers (customer_id, country) VALUES (?, ?)",
        [("13085", "United Kingdom"), ("13086", "United Kingdom")],
    )
    conn.execute(
        "INSERT INTO transactions (customer_id, ordered_at, revenue) "
        "VALUES ('13085', '2011-01-01', 10)"
    )
    assert identification.duplicate_groups(conn).empty
    quality = identification.identification_quality(conn)
    assert (quality["with_email"], quality["with_phone"], quality["orphan_transactions"]) == (
        0,
        0,
        0,
    )
    assert found_ids(conn, "1308", Filters()) == ["13085", "13086"]


def test_identification_figure_names_the_best_attribute(shop):
    fig = figures.identification_figure(identification.attribute_quality(shop), "ru")
    assert len(fig.data) == 3 and fig.layout.barmode == "stack"
    # name + country is unique for 4 of 6 customers, e-mail for 3, phone for none
    assert fig.layout.title.text == "Имя + страна однозначно идентифицирует 66,7\u00a0% клиентов"
    assert fig.layout.xaxis.title.text == "Доля клиентов, %"
    with pytest.raises(ValueError):
        figures.identification_figure(pd.DataFrame({"attribute": ["x"]}))


def test_identification_bars_label_the_identified_part_with_the_titles_decimals():
    quality = pd.DataFrame(
        {
            "attribute": ["email", "phone", "name_country"],
            "unique_share": [0.991, 0.997, 0.05],
            "filled_share": [1.0, 1.0, 1.0],
        }
    )
    fig = figures.identification_figure(quality, "ru")
    assert fig.layout.title.text == "Телефон однозначно идентифицирует 99,7\u00a0% клиентов"
    labels = {trace.name: [text for text in trace.text or [] if text] for trace in fig.data}
    # every bar (bottom-up: name + country, phone, e-mail) labels its green "identifies alone"
    # part, the narrow 5% one too, and no bar labels another part
    assert labels == {
        "узнаёт однозначно": ["5\u00a0%", "99,7\u00a0%", "99,1\u00a0%"],
        "совпадает у нескольких": [],
        "нет данных": [],
    }
