"""The Customer pyramid page through AppTest, on a small demo database."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import pyramid
from dashboard.value.cost_model import load_cost_model
from tests.conftest import app_db_with_file
from tests.ui.test_ui_tables import shown

ROOT = Path(__file__).resolve().parents[2]


def open_page(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/pyramid.py")
    return at.run()


def figures(at: AppTest) -> dict[str, dict]:
    """The page's Plotly figures by their element id suffix (the chart key)."""
    charts = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        charts[element.proto.id] = spec
    return charts


def chart(at: AppTest, key: str) -> dict:
    found = [spec for id_, spec in figures(at).items() if key in id_]
    assert found, f"no chart {key}"
    return found[0]


def shown_period(at: AppTest) -> Filters:
    """The period the page shows: the shared date range the sidebar keeps in the URL."""
    dates = [at.query_params.get(k) for k in ("from", "to")]
    dates = [d[0] if isinstance(d, list) else d for d in dates]
    return Filters(*(date.fromisoformat(d) if d else None for d in dates))


def drill_table(at: AppTest):
    return next(d.value for d in at.dataframe if "Rank" in d.value.columns)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_page_shows_the_pyramid_and_its_story(app_db):
    at = open_page()
    assert_clean(at)
    assert at.title[0].value == "Customer pyramid"
    conn = database.connect(app_db)
    shares = pyramid.tier_shares(
        conn, shown_period(at), rule=pyramid.TierRule(), cost_model=load_cost_model(conn)
    )
    conn.close()
    top = shares.iloc[:2].sum(numeric_only=True)
    title = chart(at, "pyramid_shares_chart")["layout"]["title"]["text"].replace("<br>", " ")
    assert f"top {top.share_customers:.0%} of customers bring {top.share_revenue:.0%}" in title
    assert len(chart(at, "pyramid_shares_chart")["data"]) == 4
    whale = chart(at, "pyramid_whale_chart")["layout"]["title"]["text"]
    assert "of customers" in whale
    assert len(drill_table(at)) == shares.customers.iloc[0]
    captions = " ".join(c.value for c in at.caption)
    assert f"{int(shares.customers.iloc[1]):,} customers" in captions or "customers" in captions


def test_changing_the_rule_changes_tiers_and_url(app_db):
    at = open_page()
    before = len(drill_table(at))
    at.number_input(key="pyramid_t1").set_value(5.0).run()
    assert_clean(at)
    after = len(drill_table(at))
    assert after > before * 3
    assert at.query_params["t1"] == "5"
    bars = chart(at, "pyramid_shares_chart")["data"][0]["y"]
    assert bars[0] == pytest.approx(after / sum(pyramid_sizes(at)) * 100, rel=0.01)


def pyramid_sizes(at: AppTest) -> list[int]:
    return [int(n) for n in chart(at, "pyramid_chart")["data"][0]["customdata"]]


def test_profit_ranking_and_tier_choice_come_from_the_url(app_db):
    at = open_page(by="profit", tier="3")
    assert_clean(at)
    assert at.radio(key="pyramid_by").value == "profit"
    table = drill_table(at)
    # the money as shown (to the cent): the same money ranks by customer id, whatever the noise
    # in its last bits (5.349999999999998 and 5.350000000000001)
    assert table["Profit"].round(2).is_monotonic_decreasing
    assert table["Rank"].min() == sum(pyramid_sizes(at)[:2]) + 1
    boxes = chart(at, "pyramid_chart")["data"][0]["text"]
    assert all(text.endswith("<br>of profit") for text in boxes)  # what they are ranked by
    at.radio(key="pyramid_by").set_value("revenue").run()
    assert at.query_params["by"] == "revenue"
    boxes = chart(at, "pyramid_chart")["data"][0]["text"]
    assert all(text.endswith("<br>of revenue") for text in boxes)


def test_a_country_filter_narrows_the_customers(app_db):
    at = open_page()
    everyone = sum(pyramid_sizes(at))
    country = at.multiselect(key="pyramid_country").options[0]
    at.multiselect(key="pyramid_country").select(country).run()
    assert_clean(at)
    assert 0 < sum(pyramid_sizes(at)) < everyone
    assert at.query_params["country"] in (country, [country])


def test_impossible_rule_is_a_message(app_db):
    at = open_page(t1="50", t2="40", t3="30")
    assert not at.exception
    assert "grow" in at.error[0].value


def test_cost_model_is_saved_from_the_page(app_db):
    # The page file on its own: through the router, a button click is lost in AppTest since
    # state.lang() reruns when Streamlit reports the pages-directory mode (reported to the lead).
    at = AppTest.from_file(str(ROOT / "pages" / "pyramid.py"), default_timeout=180).run()
    at.number_input(key="pyramid_cm_cost_per_order").set_value(99.0)
    at.button(key="pyramid_cm_save").click().run()
    assert_clean(at)
    assert any("Cost model saved" in s.value for s in at.success)
    conn = database.connect(app_db)
    assert load_cost_model(conn).cost_per_order == 99.0
    conn.close()


def test_page_in_russian(app_db):
    # The page file on its own: the router's sidebar is the lead's and tested in test_app.py.
    at = AppTest.from_file(str(ROOT / "pages" / "pyramid.py"), default_timeout=180)
    at.query_params["lang"] = "ru"
    at.run()
    assert_clean(at)
    assert at.title[0].value == "Пирамида клиентов"
    assert "клиентов" in chart(at, "pyramid_shares_chart")["layout"]["title"]["text"]


def test_tier_rule_saved_for_every_page(app_db):
    at = AppTest.from_file(str(ROOT / "pages" / "pyramid.py"), default_timeout=180).run()
    at.number_input(key="pyramid_t2").set_value(15.0).run()
    at.button(key="pyramid_save_rule").click().run()
    assert_clean(at)
    conn = database.connect(app_db)
    assert pyramid.load_tier_rule(conn).cuts == pytest.approx((0.01, 0.16, 0.40))
    conn.close()
    fresh = AppTest.from_file(str(ROOT / "pages" / "pyramid.py"), default_timeout=180).run()
    assert fresh.number_input(key="pyramid_t2").value == 15.0


def test_the_drill_down_writes_money_and_dates_in_the_session_language(app_db):
    at = open_page(lang="ru")
    assert_clean(at)
    element = next(d for d in at.dataframe if "Место" in d.value.columns)
    table, text = element.value, shown(element)
    revenue, last = table["Выручка"].iloc[0], table["Последняя покупка"].iloc[0]
    assert revenue > 1000 and table["Выручка"].dtype.kind == "f"  # numbers: sorted by value
    russian = f"{revenue:,.2f}".replace(",", "\u202f").replace(".", ",")
    assert text["Выручка"].iloc[0] == f"{russian}\u00a0$"  # 43 324,11 $
    assert text["Последняя покупка"].iloc[0] == f"{last:%d.%m.%Y}"
    assert text["Место"].iloc[0] == "1"

    at = open_page()
    element = next(d for d in at.dataframe if "Rank" in d.value.columns)
    table, text = element.value, shown(element)
    assert text["Revenue"].iloc[0] == f"${table['Revenue'].iloc[0]:,.2f}"  # $43,324.11
    assert text["Last purchase"].iloc[0] == f"{table['Last purchase'].iloc[0]:%Y-%m-%d}"


#: A small transactions file: five customers from 5 January to 10 December 2024.
SHOP_CSV = """customer_id,order_id,ordered_at,revenue,country
a,o1,2024-01-05,500,UK
e,o7,2024-01-10,40,Germany
e,o8,2024-11-01,90,Germany
a,o2,2024-06-01,300,UK
d,o3,2024-03-01,80,UK
b,o4,2024-11-15,120,France
c,o5,2024-11-20,60,UK
c,o6,2024-12-10,70,UK
"""


@pytest.fixture
def shop_db(app_db, tmp_path):
    """The app's database holding only the file above (no demo)."""
    assert app_db_with_file(app_db, tmp_path, SHOP_CSV).rows_imported == 8
    return app_db


def migration_charts(at: AppTest) -> list[str]:
    return [id_ for id_ in figures(at) if "migration" in id_ or "sankey" in id_]


def test_all_time_has_no_earlier_period_to_compare_with(shop_db):
    at = open_page(**{"from": "2024-01-05", "to": "2024-12-10"})  # the "All time" range
    assert_clean(at)
    before = Filters(date(2024, 1, 5), date(2024, 12, 10)).previous()
    said = " ".join(i.value for i in at.info)
    assert "No earlier data to compare with" in said
    assert f"{before.start:%Y-%m-%d} – 2024-01-04" in said  # the period before, named
    assert "the data begin on 2024-01-05" in said
    assert migration_charts(at) == []  # no matrix of zeros, no "0% stayed"
    assert not any("Customers who fell out" in m.value for m in at.markdown)
    assert chart(at, "pyramid_chart")  # the rest of the page is still there

    at = open_page(**{"from": "2024-01-05", "to": "2024-12-10", "lang": "ru"})
    assert_clean(at)
    said = " ".join(i.value for i in at.info)
    assert "Сравнивать не с чем" in said and "(05.01.2024)" in said
    assert f"{before.start:%d.%m.%Y} – 04.01.2024" in said
    assert migration_charts(at) == []


def test_a_partly_covered_earlier_period_says_how_much_is_covered(shop_db):
    at = open_page(**{"from": "2024-06-01", "to": "2024-12-10"})  # before: 21 Nov – 31 May
    assert_clean(at)
    assert not at.info
    warning = " ".join(w.value for w in at.warning)
    assert "The data cover only 77% of the period before (148 of 193 days" in warning
    assert "2024-01-05" in warning
    assert len(migration_charts(at)) == 2  # the moves are shown, read with the note

    at = open_page(**{"from": "2024-06-01", "to": "2024-12-10", "lang": "ru"})
    warning = " ".join(w.value for w in at.warning)
    assert "Данные покрывают лишь 77\u00a0% предыдущего периода (148 из 193 дней" in warning


def test_a_fully_covered_earlier_period_has_no_note(shop_db):
    at = open_page(**{"from": "2024-09-01", "to": "2024-12-10"})  # before: 23 May – 31 August
    assert_clean(at)
    assert not at.info and not at.warning
    assert len(migration_charts(at)) == 2


def test_an_earlier_period_without_purchases_in_the_view_is_said(shop_db):
    # Germany's one customer bought in January and November: nothing from 23 May to 31 August
    at = open_page(**{"from": "2024-09-01", "to": "2024-12-10", "country": "Germany"})
    assert_clean(at)
    said = " ".join(i.value for i in at.info)
    assert "nobody bought in the period before, 2024-05-23 – 2024-08-31" in said
    assert "the first purchase in this view is on 2024-01-10" in said
    assert migration_charts(at) == []


def test_filters_name_countries_and_channels_in_russian_and_keep_the_raw_value_in_the_url(app_db):
    at = open_page(lang="ru")
    countries = at.multiselect(key="pyramid_country")
    assert "Великобритания" in countries.options and "United Kingdom" not in countries.options
    assert "маркетплейс" in at.multiselect(key="pyramid_channel").options
    countries.select("United Kingdom").run()
    assert_clean(at)
    assert at.query_params["country"] in ("United Kingdom", ["United Kingdom"])


def test_a_top_share_above_all_the_profit_says_the_others_lose_money(app_db):
    at = open_page(t1="5")  # tiers 1-2 are the top 15%: they earn more than the whole profit
    assert_clean(at)
    title = chart(at, "pyramid_shares_chart")["layout"]["title"]["text"].replace("<br>", " ")
    profit = int(re.search(r"and (\d+)% of profit", title).group(1))
    assert profit > 100 and title.endswith("of profit: the other tiers lose money"), title
    usual = chart(open_page(), "pyramid_shares_chart")["layout"]["title"]["text"]
    assert "lose money" not in usual.replace("<br>", " ")


def test_the_rfm_rules_editor_names_the_segments_in_russian_and_saves_their_own_names(app_db):
    from dashboard.value import rfm

    at = AppTest.from_file(str(ROOT / "pages" / "pyramid.py"), default_timeout=180)
    at.query_params["lang"] = "ru"
    at.run()
    assert_clean(at)
    (editor,) = [e for e in at.dataframe if e.key == "pyramid_rfm_rules"]
    names = list(editor.value["name"])
    assert "Чемпионы" in names and "Под угрозой" in names
    assert not {"champions", "at_risk"} & set(names), "no internal names in a Russian page"
    at.button(key="pyramid_rfm_save").click().run()
    assert_clean(at)
    conn = database.connect(app_db)
    saved = [s["name"] for s in database.get_setting(conn, rfm.SETTING_KEY)]
    conn.close()
    assert saved == [s.name for s in rfm.DEFAULT_SEGMENTS], "saved under their own names"


def test_a_tier_is_counted_shown_best_first_and_downloaded_whole(app_db, monkeypatch):
    import io

    import pandas as pd
    from streamlit.testing.v1 import app_test as app_test_module

    from dashboard.ui import pyramid_sections
    from tests.ui.test_downloads import RecordingFiles, served

    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingFiles)
    SHOWN_ROWS = 50  # as a tier of millions against the page's 1,000: fewer shown than counted
    monkeypatch.setattr(pyramid_sections, "SHOWN_ROWS", SHOWN_ROWS)
    at = open_page(tier="4")
    assert_clean(at)
    size = pyramid_sizes(at)[3]  # the pyramid's tier 4
    assert any(c.value == f"{size:,} customers, best first." for c in at.caption)
    conn = database.connect(app_db)
    whole = pyramid.tier_customers(conn, shown_period(at), "4", cost_model=load_cost_model(conn))
    conn.close()
    assert len(whole) == size
    assert size > SHOWN_ROWS
    assert any(c.value.startswith(f"The table shows the first {SHOWN_ROWS}") for c in at.caption)
    table = drill_table(at)
    assert len(table) == SHOWN_ROWS
    assert table["Customer"].tolist() == whole.customer_id.head(SHOWN_ROWS).tolist()
    button = next(b for b in at.get("download_button") if "pyramid_csv" in b.proto.id)
    downloaded = pd.read_csv(io.BytesIO(served(button)), encoding="utf-8-sig", dtype=str)
    assert downloaded.customer_id.tolist() == whole.customer_id.tolist()


def test_the_fallen_are_counted_whole_shown_first_and_downloaded_whole(app_db, monkeypatch):
    import io

    import pandas as pd
    from streamlit.testing.v1 import app_test as app_test_module

    from dashboard.ui import pyramid_sections
    from dashboard.value import migration
    from tests.ui.test_downloads import RecordingFiles, served

    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingFiles)
    SHOWN_ROWS = 5  # as 150,000 fallen at 10M customers against the page's 1,000
    monkeypatch.setattr(pyramid_sections, "SHOWN_ROWS", SHOWN_ROWS)
    at = open_page()
    assert_clean(at)
    conn = database.connect(app_db)
    before, after = migration.default_periods(conn, shown_period(at))
    whole = migration.fallen_from_top(conn, before, after, cost_model=load_cost_model(conn))
    conn.close()
    assert len(whole) > SHOWN_ROWS
    title = chart(at, "pyramid_sankey_chart")["layout"]["title"]["text"].replace("<br>", " ")
    assert title.startswith(f"{len(whole):,} customers fell out")  # the whole list's count
    table = next(d.value for d in at.dataframe if "Revenue before" in d.value.columns)
    assert table["Customer"].tolist() == whole.customer_id.head(SHOWN_ROWS).tolist()
    button = next(b for b in at.get("download_button") if "pyramid_fallen_csv" in b.proto.id)
    downloaded = pd.read_csv(io.BytesIO(served(button)), encoding="utf-8-sig", dtype=str)
    assert downloaded.customer_id.tolist() == whole.customer_id.tolist()
