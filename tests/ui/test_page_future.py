"""The Future value page through AppTest: the holdout check, the tiers ahead, the customers at
risk and the model, in English and Russian; and no numbers when the data check fails."""

from __future__ import annotations

import json
from datetime import date, timedelta

from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.future import model
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.text_safety import plain_text
from dashboard.value.cost_model import load_cost_model
from tests.conftest import app_db_with_file

ENTRY = str(database.PROJECT_ROOT / "streamlit_app.py")


def open_page(lang: str = "en", **query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=300)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/future.py")
    return at.run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def texts(at: AppTest, kind: str) -> str:
    return " ".join(plain_text(str(e.value)) for e in getattr(at, kind))


def chart_titles(at: AppTest) -> list[str]:
    return [
        json.loads(e.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
        for e in at.get("plotly_chart")
    ]


def shown_end(at: AppTest) -> date:
    end = at.query_params.get("to")
    return date.fromisoformat(end[0] if isinstance(end, list) else end)


def the_forecast(app_db, end: date) -> model.Forecast:
    conn = database.connect(app_db)
    try:
        return model.forecast(conn, Filters(None, end), model.Settings(), load_cost_model(conn))
    finally:
        conn.close()


def test_the_page_checks_the_model_then_shows_the_future_in_english(app_db):
    at = open_page()
    assert_clean(at)
    assert at.title[0].value == "Future value"
    fc = the_forecast(app_db, shown_end(at))
    assert fc.check.ok
    holdout = fc.holdout
    direction = "under" if holdout.error < 0 else "over"
    sentence = (
        f"The model expected {round(holdout.predicted):,} purchases in the last 26 weeks; "
        f"there were {holdout.actual:,}: it {direction}-predicts by {abs(holdout.error):.0%}."
    )
    assert sentence in texts(at, "markdown")
    titles = chart_titles(at)
    assert len(titles) == 3
    assert titles[0].startswith("Predicted and actual purchases in the last 26 weeks")
    assert "slips away most: half its customers are under" in titles[1]
    assert "of the next 52 weeks' value" in titles[2]
    risky = model.at_risk(fc)
    table = next(d.value for d in at.dataframe if "Probability alive" in d.value.columns)
    assert len(table) == min(len(risky), 1_000) > 0
    assert list(table["Customer"][:3]) == list(risky["customer_id"][:3])
    captions = texts(at, "caption")
    assert f"{len(risky):,} customers among the top 20% by past value" in captions
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download Excel"]
    assert [b.label for b in at.button if b.key == "future_to_campaign"] == [
        "Make them a campaign audience"
    ]
    about = texts(at, "markdown")
    assert f"r = {fc.bgnbd['r']:.3g}" in about
    assert "80% intervals from 100 draws of the parameters" in about


def test_the_page_speaks_russian(app_db):
    at = open_page("ru")
    assert_clean(at)
    assert at.title[0].value == "Будущая ценность"
    fc = the_forecast(app_db, shown_end(at))
    shown = texts(at, "markdown")
    assert "Модель ожидала" in shown and "за последние 26 недель; было" in shown
    assert f"было {i18n.format_number(fc.holdout.actual, 'ru')}:" in shown
    assert [b.proto.label for b in at.get("download_button")] == [
        "Скачать CSV",
        "Скачать Excel",
    ]
    assert any("Вероятность быть клиентом" in d.value.columns for d in at.dataframe)
    assert "Интервалы 80\u00a0%: по 100 выборкам параметров" in shown


def test_a_changed_horizon_changes_the_pyramid_ahead(app_db):
    at = open_page()
    at.number_input(key="future_horizon").set_value(13).run()
    assert_clean(at)
    assert "of the next 13 weeks' value" in chart_titles(at)[2]


def test_too_little_data_says_what_failed_and_shows_no_numbers(app_db, tmp_path):
    rows = ["customer_id,order_id,ordered_at,revenue"]
    rows += [f"c{i},o{i},2024-0{1 + i % 9}-1{i % 9},{10 + i}" for i in range(40)]
    app_db_with_file(app_db, tmp_path, "\n".join(rows) + "\n")
    for lang, words in (("en", "customers bought before"), ("ru", "покупали только")):
        at = open_page(lang)
        assert not at.exception, [e.value for e in at.exception]
        warning = texts(at, "warning")
        assert words in warning
        assert not at.get("plotly_chart") and not at.dataframe
        assert not at.get("download_button")


def test_the_customers_at_risk_become_a_campaign_audience(app_db):
    at = open_page()
    fc = the_forecast(app_db, shown_end(at))
    at.button(key="future_to_campaign").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Campaigns"
    at.switch_page("pages/campaigns.py").run()  # where the browser now is (AppTest forgets it)
    assert at.radio(key="campaigns_source").value == "at_risk"
    risky = len(model.at_risk(fc))
    assert f"{risky:,} customers at risk as of" in texts(at, "caption")
    at.button(key="campaigns_create").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "created" in texts(at, "success"), (texts(at, "error"), texts(at, "warning"))
    conn = database.connect(app_db)
    made = conn.execute(
        "SELECT source, start_date, target_customers + control_customers FROM campaigns "
        "ORDER BY campaign_id DESC LIMIT 1"
    ).fetchone()
    conn.close()
    assert made == ("at_risk", fc.as_of + timedelta(days=1), risky)
    assert "Valuable customers at risk" in " ".join(
        str(v) for v in at.dataframe[0].value.values.ravel()
    )


def open_other(page: str, lang: str = "en", **query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=300)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py")
    return at.run()


def metrics(at: AppTest) -> dict[str, object]:
    return {m.label: m for m in at.metric}


def test_a_profile_shows_the_customers_future_with_its_intervals(app_db):
    at = open_other("customers")
    at.text_input(key="customer_search").input("C000").run()
    assert not at.exception, [e.value for e in at.exception]
    chosen = at.query_params["customer"]
    chosen = chosen[0] if isinstance(chosen, list) else chosen
    fc = the_forecast(app_db, shown_end(at))
    row = fc.customers.set_index("customer_id").loc[chosen]
    shown = metrics(at)
    assert shown["Probability alive"].value == f"{row.p_alive:.0%}"
    assert shown["Expected purchases"].value == f"{row.expected_purchases:,.2f}"
    assert shown["Predicted value"].value.startswith(("$", "-$", "\u2212$"))
    low, high = f"{row.p_alive_low:.0%}", f"{row.p_alive_high:.0%}"
    assert f"Probability alive: 80%: {low} – {high}" in texts(at, "caption")
    assert "Ahead (next 52 weeks)" in texts(at, "markdown")


def test_the_overview_carries_the_next_12_months_revenue_with_its_interval(app_db):
    for lang, label in (
        ("en", "Predicted revenue, next 12 months"),
        ("ru", "Прогноз выручки на 12 мес."),
    ):
        at = open_other("overview", lang)
        assert not at.exception, [e.value for e in at.exception]
        card = metrics(at)[label]
        fc = the_forecast(app_db, shown_end(at))
        money = i18n.format_money(fc.totals["predicted_revenue"], lang, "USD", compact=True)
        assert card.value == money
        low = i18n.format_money(fc.totals["predicted_revenue_low"], lang, "USD", compact=True)
        assert f"{i18n.format_percent(0.8, lang, 0)}: {low} – " in texts(at, "caption")


def test_the_overview_says_why_it_omits_the_prediction(app_db, tmp_path):
    rows = ["customer_id,order_id,ordered_at,revenue"]
    rows += [f"c{i},o{i},2024-0{1 + i % 9}-1{i % 9},{10 + i}" for i in range(40)]
    app_db_with_file(app_db, tmp_path, "\n".join(rows) + "\n")
    at = open_other("overview")
    assert not at.exception, [e.value for e in at.exception]
    assert "Predicted revenue, next 12 months" not in metrics(at)
    assert "Predicted revenue for the next 12 months is not shown: Only" in texts(at, "caption")


def test_the_pyramid_ranks_by_predicted_value(app_db):
    at = open_other("pyramid", by="predicted_value")
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key="pyramid_by").value == "predicted_value"
    assert "Customers ranked by predicted value" in texts(at, "caption")
    drill = next(d.value for d in at.dataframe if "Predicted value" in d.value.columns)
    fc = the_forecast(app_db, shown_end(at))
    values = fc.customers.set_index("customer_id")["predicted_value"]
    shown = drill["Customer"].map(values)
    assert shown.is_monotonic_decreasing and len(drill) > 0
    pyramid_chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "of predicted value" in json.dumps(pyramid_chart)
    at.radio(key="pyramid_by").set_value("revenue").run()
    assert not at.exception
    assert not any("Predicted value" in d.value.columns for d in at.dataframe)
