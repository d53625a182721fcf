"""The Campaigns page through AppTest: the demo's campaign, creating, refusing, picks, deleting."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.campaigns import design, response
from dashboard.demo import generator
from dashboard.i18n import format_date
from dashboard.spark import compute
from dashboard.store import computed, database
from dashboard.store.filters import Filters
from dashboard.text_safety import plain_text
from dashboard.ui.campaigns import FORM_KEY
from dashboard.value import cost_model, pyramid, ranking

ENTRY = str(database.PROJECT_ROOT / "streamlit_app.py")


def open_page(lang: str = "en", form: bool = True) -> AppTest:
    """The page, with the "New campaign" form opened as a user opens it (``form``)."""
    at = AppTest.from_file(ENTRY, default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/campaigns.py")
    if form:
        at.session_state[FORM_KEY] = True
    return at.run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(at: AppTest, kind: str) -> str:
    """The elements' Markdown as a reader sees the user's text in it (escaped: see text_safety)."""
    return " ".join(plain_text(str(e.value)) for e in getattr(at, kind))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_demo_campaign_is_measured_in_english(app_db):
    at = open_page()
    assert_clean(at)
    assert at.title[0].value == "Campaigns"
    assert "Next order 10% off (tier 4)" in texts(at, "subheader")
    shown = metrics(at)
    conn = database.connect(app_db)
    result = response.measure_campaign(conn, 1)
    conn.close()
    target = result["groups"]["target"]
    assert shown["Target group"] == f"{target['customers']:,}"
    assert shown["Target: bought"] == f"{target['response_rate']:.1%}"
    assert shown["Uplift"].endswith(" pp") and shown["ROI"].endswith("%")
    assert "(95% CI " in texts(at, "markdown")
    assert len(at.get("plotly_chart")) == 2
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download Excel"]
    # no pick of clusters is kept yet: the page says how to make one and offers the tiers
    assert "No pick of clusters is kept yet" in texts(at, "info")
    assert at.get("page_link")[0].proto.page.endswith("clusters")
    assert at.selectbox(key="campaigns_tier").value == "4"


def test_the_new_campaign_form_is_drawn_only_when_opened(app_db):
    # A campaign is saved (the demo's): the form starts closed and asks nothing of the data.
    at = open_page(form=False)
    assert_clean(at)
    assert at.session_state[FORM_KEY] is False
    assert not [s for s in at.selectbox if s.key == "campaigns_tier"]
    assert "Next order 10% off (tier 4)" in texts(at, "subheader")  # the results still show
    at.session_state[FORM_KEY] = True  # the user opens it
    at.run()
    assert_clean(at)
    assert at.selectbox(key="campaigns_tier").value == "4"
    assert at.button(key="campaigns_create")


def test_the_page_speaks_russian(app_db):
    at = open_page("ru")
    assert_clean(at)
    assert at.title[0].value == "Кампании"
    shown = metrics(at)
    assert shown["Прирост отклика"].endswith(" п.\u00a0п.")
    assert "\u00a0%" in shown["Целевая: купили"]
    assert "Сохранённых выборов кластеров пока нет" in texts(at, "info")
    assert "Аудитория: Уровень 4" in texts(at, "caption")
    # the demo's campaign, typed in English, is named in Russian too
    assert "Скидка 10\u00a0% на следующий заказ (уровень 4)" in texts(at, "subheader")
    assert "скидка 10\u00a0% на следующий заказ" in texts(at, "caption")


def test_creating_a_campaign_from_a_tier_shows_its_kpis(app_db):
    at = open_page()
    start = generator.default_end_date() - timedelta(days=60)
    at.date_input(key="campaigns_start").set_value(start).run()
    at.selectbox(key="campaigns_tier").select("3").run()
    at.number_input(key="campaigns_control").set_value(20).run()
    at.number_input(key="campaigns_cost").set_value(1.5).run()
    at.text_input(key="campaigns_name").input("Tier 3 test").run()
    at.button(key="campaigns_create").click().run()
    assert_clean(at)
    assert "Campaign 2 created" in texts(at, "success")
    assert at.selectbox(key="campaigns_open").value == 2
    assert "Tier 3 test" in texts(at, "subheader")
    conn = database.connect(app_db)
    campaign = design.read_campaign(conn, 2)
    tier_3 = pyramid.tier_customers(conn, design.tier_period(start), "3")
    conn.close()
    assert campaign["control_share"] == 0.2 and campaign["cost_per_contact"] == 1.5
    assert campaign["target_customers"] + campaign["control_customers"] == len(tier_3)
    shown = metrics(at)
    assert shown["Target group"] == f"{campaign['target_customers']:,}"
    assert shown["Control group"] == f"{campaign['control_customers']:,}"
    assert shown["ROI"] != "—"
    assert len(at.get("plotly_chart")) == 2


def test_an_empty_audience_is_refused_on_the_page(app_db):
    at = open_page()
    conn = database.connect(app_db)
    first = database.summary(conn)["date_from"]
    conn.close()
    # a start on the data's first day: nobody bought in the 12 months before it
    at.date_input(key="campaigns_start").set_value(date.fromisoformat(first)).run()
    at.selectbox(key="campaigns_tier").select("1").run()
    at.button(key="campaigns_create").click().run()
    assert_clean(at)
    assert "The audience is empty" in texts(at, "error")
    assert len(at.selectbox(key="campaigns_open").options) == 1  # only the demo's campaign


def test_deleting_asks_first_then_says_so(app_db):
    at = open_page()
    assert at.button(key="campaigns_delete").disabled
    at.checkbox(key="campaigns_delete_confirm_1").check().run()
    at.button(key="campaigns_delete").click().run()
    assert_clean(at)
    assert "Campaign 1 deleted." in texts(at, "success")
    assert "No campaign yet" in texts(at, "info")
    conn = database.connect(app_db)
    assert design.list_campaigns(conn).empty
    conn.close()


def test_a_kept_pick_of_clusters_becomes_a_campaign(app_db):
    at = open_page()  # the first run loads the demo data
    from dashboard.clustering import analysis, runs

    conn = database.connect(app_db)
    result = analysis.segment(conn, Filters(), ["orders", "revenue", "recency_days"], 3)
    run_id = runs.save_run(conn, result)
    pick_id = runs.save_pick(conn, run_id, [0])
    size = len(runs.pick_customers(conn, pick_id))
    conn.close()
    at.run()
    assert_clean(at)
    assert "No pick of clusters is kept yet" not in texts(at, "info")
    at.radio(key="campaigns_source").set_value("pick").run()
    option = at.selectbox(key="campaigns_pick")
    assert option.value == pick_id and f"{size:,} customers" in option.format_func(pick_id)
    # a start inside the data the clusters were found on is a backtest that knew the future
    assert "is a backtest" not in texts(at, "warning")  # today: after the data
    conn = database.connect(app_db)
    last = conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]
    conn.close()
    at.date_input(key="campaigns_start").set_value(last - timedelta(days=60)).run()
    assert f"found on data up to {last.isoformat()}" in texts(at, "warning")
    at.date_input(key="campaigns_start").set_value(date.today()).run()
    at.button(key="campaigns_create").click().run()
    assert_clean(at)
    assert "Campaign 2 created" in texts(at, "success")
    shown = metrics(at)
    control = design.control_size(size, 0.1)
    assert shown["Target group"] == f"{size - control:,}"
    # who the campaign went to: the pick's clusters by name, in the list and the header
    conn = database.connect(app_db)
    name = runs.cluster_names(conn, run_id, "en")[0]
    conn.close()
    assert f"Audience: Pick 1: 0 {name}" in texts(at, "caption")
    listed = next(d for d in at.dataframe if "Audience" in d.value.columns).value
    assert f"Pick 1: 0 {name}" in listed["Audience"].tolist()
    at.button(key="campaigns_create").click().run()  # a second click makes no twin
    assert "already has this audience" in texts(at, "error")


def test_the_audience_says_how_many_can_be_reached(app_db):
    at = open_page()
    assert_clean(at)
    conn = database.connect(app_db)
    campaign_id = int(conn.execute("SELECT max(campaign_id) FROM campaigns").fetchone()[0])
    reach = design.audience_reach(conn, campaign_id)
    conn.close()
    assert 0 < reach["email"] <= reach["customers"] and reach["phone"] <= reach["customers"]
    caption = texts(at, "caption")
    assert (
        f"The {reach['customers']:,} customers to contact ({reach['email']:,} with an e-mail"
        in caption
    )
    assert "None of them has an e-mail or a phone" not in texts(at, "warning")
    # customers known only from transactions (no customers file): the page says what to import
    conn = database.connect(app_db)
    conn.execute("UPDATE customers SET email = NULL, phone = NULL")
    database.bump_data_version(conn)
    conn.close()
    at.run()
    assert "(0 with an e-mail, 0 with a phone)" in texts(at, "caption")
    assert "None of them has an e-mail or a phone" in texts(at, "warning")


def test_on_historical_data_a_new_campaign_starts_as_a_backtest_inside_the_data(app_db, tmp_path):
    old = tmp_path / "2011.csv"
    lines = [
        f"c{i % 300},2011-{1 + i % 12:02d}-{1 + i % 28:02d},{10 + i % 90}" for i in range(3000)
    ]
    old.write_text("Customer ID,Date,Amount\n" + "\n".join(lines) + "\n")
    conn = database.connect(app_db)
    from dashboard import importer

    importer.import_file(conn, old, "transactions", mode="replace")
    last = conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]
    conn.close()
    at = open_page()
    assert_clean(at)
    assert at.date_input(key="campaigns_start").value == last - timedelta(days=30)
    tier = at.selectbox(key="campaigns_tier")
    assert "· 0 customers" not in tier.format_func(tier.value)  # tier 4 has its customers


def metric_cards(at: AppTest) -> dict:
    return {m.label: m for m in at.metric}


def chart_title(at: AppTest, key: str) -> str:
    found = next(c for c in at.get("plotly_chart") if key in c.proto.id)
    return json.loads(found.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")


def measured_campaign(app_db, target_rate: float, control_rate: float) -> dict:
    """A tier-4 campaign ($1 per contact) starting after the demo's data, whose groups then
    buy for $100 each at the given rates; returns its measurement."""
    conn = database.connect(app_db)
    start = generator.default_end_date() + timedelta(days=1)
    campaign_id = design.create_campaign(
        conn, tier="4", start=start, control_share=0.2, cost_per_contact=1.0, name="Winback"
    )
    frame = design.campaign_members(conn, campaign_id)
    lines = []
    for grp, rate in (("target", target_rate), ("control", control_rate)):
        ids = sorted(frame.loc[frame["grp"] == grp, "customer_id"])
        lines += [
            (c, f"w{c}", datetime(start.year, start.month, start.day, 12), 100.0)
            for c in ids[: round(len(ids) * rate)]
        ]
    conn.register("window_lines", pd.DataFrame(lines, columns=["c", "o", "at", "revenue"]))
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) SELECT * FROM window_lines"
    )
    database.bump_data_version(conn)
    result = response.measure_campaign(conn, campaign_id)
    conn.close()
    return result


def test_money_from_an_uplift_that_could_be_chance_says_so(app_db):
    at = open_page()  # the first run loads the demo data
    result = measured_campaign(app_db, 0.11, 0.10)
    assert not result["is_significant"] and result["uplift"] > 0
    at.run()
    at.selectbox(key="campaigns_open").select(result["campaign"]["campaign_id"]).run()
    assert_clean(at)
    assert "this could be chance" in texts(at, "markdown")
    cards = metric_cards(at)
    revenue, roi = cards["Incremental revenue"], cards["ROI"]
    low, high = round(result["revenue_low"]), round(result["revenue_high"])
    assert low < 0 < high
    assert revenue.value == f"${round(result['incremental_revenue']):,}"
    assert revenue.delta == f"could be chance: 95% CI -${-low:,} to ${high:,}"
    assert revenue.help.startswith("Not significant: the uplift could be chance")
    roi_low, roi_high = round(result["roi_low"] * 100), round(result["roi_high"] * 100)
    assert roi.delta == (
        f"could be chance: 95% CI {roi_low:,}% to {roi_high:,}% · "
        f"contacts cost ${result['contact_cost']:,.0f}"
    )
    assert roi.help.startswith("Not significant")
    assert cards["Extra buyers"].delta.startswith("could be chance")
    pp = f"{result['uplift'] * 100:.1f} pp"
    assert chart_title(at, "campaigns_curve") == (
        f"Target and control responded alike ({pp} apart, could be chance)"
    )


def test_money_from_a_significant_uplift_keeps_its_plain_wording(app_db):
    at = open_page()
    result = measured_campaign(app_db, 0.40, 0.10)
    assert result["is_significant"] and result["revenue_low"] > 0  # the money's interval too
    at.run()
    at.selectbox(key="campaigns_open").select(result["campaign"]["campaign_id"]).run()
    assert_clean(at)
    assert "unlikely to be chance" in texts(at, "markdown")
    cards = metric_cards(at)
    assert cards["Incremental revenue"].value == f"${round(result['incremental_revenue']):,}"
    assert not cards["Incremental revenue"].delta
    assert cards["Incremental revenue"].help.startswith("(Revenue per target customer")
    assert cards["ROI"].delta == f"contacts cost ${result['contact_cost']:,.0f}"
    assert cards["ROI"].help.startswith("(Incremental revenue − cost")
    assert chart_title(at, "campaigns_curve") == (
        f"Target responded {result['uplift'] * 100:.1f} pp more than control"
    )


def test_a_created_campaign_on_clusters_found_on_later_data_says_it_is_a_backtest(app_db):
    at = open_page()
    from dashboard.clustering import analysis, runs

    conn = database.connect(app_db)
    result = analysis.segment(conn, Filters(), ["orders", "revenue", "recency_days"], 3)
    pick_id = runs.save_pick(conn, runs.save_run(conn, result), [0, 2])
    last = response.data_end(conn)
    start = last - timedelta(days=60)
    campaign_id = design.create_campaign(conn, pick_id=pick_id, start=start, name="Winback Sep")
    conn.close()
    at.run()
    at.selectbox(key="campaigns_open").select(campaign_id).run()
    assert_clean(at)
    assert "Winback Sep" in texts(at, "subheader")
    assert at.date_input(key="campaigns_start").value == date.today()  # the form: no backtest
    warning = texts(at, "warning")
    assert f"These clusters were found on data up to {last.isoformat()}" in warning
    assert f"a campaign starting {start.isoformat()} is a backtest" in warning
    # in Russian too
    at.query_params["lang"] = "ru"
    at.run()
    assert_clean(at)
    assert "ретроспектива" in texts(at, "warning")


def test_a_campaign_named_by_the_app_follows_a_language_switch(app_db):
    at = open_page()
    start = generator.default_end_date() - timedelta(days=60)
    at.date_input(key="campaigns_start").set_value(start).run()
    at.selectbox(key="campaigns_tier").select("3").run()
    at.button(key="campaigns_create").click().run()  # no name typed: the app names it
    assert_clean(at)
    english = f"Tier 3, {format_date(start, 'en')}"
    assert english in texts(at, "subheader")
    at = open_page("ru")  # the same session after a switch: names are built when shown
    assert_clean(at)
    russian = f"Уровень 3, {format_date(start, 'ru')}"
    assert russian in texts(at, "subheader") and english not in texts(at, "subheader")
    assert russian in at.selectbox(key="campaigns_open").format_func(2)
    assert russian in at.dataframe[0].value.to_numpy().ravel().tolist()  # the list
    # an older version saved the name in the language of its day: it follows the switch too
    conn = database.connect(app_db)
    conn.execute("UPDATE campaigns SET name = ? WHERE campaign_id = 2", [english])
    conn.close()
    assert russian in texts(open_page("ru"), "subheader")
    assert english in texts(open_page("en"), "subheader")


def test_a_typed_campaign_name_stays_as_typed_in_either_language(app_db):
    at = open_page()
    at.date_input(key="campaigns_start").set_value(generator.default_end_date()).run()
    at.text_input(key="campaigns_name").input("Tier 3, spring").run()
    at.button(key="campaigns_create").click().run()
    at = open_page("ru")
    assert_clean(at)
    assert "Tier 3, spring" in texts(at, "subheader")


def test_on_a_prepared_file_the_form_counts_the_tiers_from_the_kept_table(
    app_db, demo_db_file, tmp_path, monkeypatch
):
    # A large business's file is prepared after its import: the value table of the 12 months
    # before the start the form offers is kept, so opening the form does not rank every
    # customer again (about a minute at 10M), and it counts the same customers.
    def tier_options(path) -> list[str]:
        monkeypatch.setenv(database.DB_ENV_VAR, str(path))
        st.cache_resource.clear()
        st.cache_data.clear()
        at = open_page()
        assert_clean(at)
        return at.selectbox(key="campaigns_tier").options

    lines = tmp_path / "lines.duckdb"
    shutil.copy(demo_db_file, lines)
    shutil.copy(demo_db_file, app_db)
    conn = database.connect(app_db)
    compute.compute(conn, engine="duckdb")
    last = date.fromisoformat(database.summary(conn)["date_to"])
    period = design.tier_period(design.default_start(last, date.today()))
    model = cost_model.load_cost_model(conn)
    assert computed.served(conn, *ranking.ranked_value_sql(period, model), period) is not None
    expected = pyramid.tier_shares(
        conn, period, rule=pyramid.load_tier_rule(conn), cost_model=model
    )
    conn.close()
    options = tier_options(app_db)
    assert options == tier_options(lines)
    tier4 = int(expected.loc[expected.tier == "4", "customers"].iloc[0])
    assert tier4 > 0 and f"{tier4:,}" in options[3], options
