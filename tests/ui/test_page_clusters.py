"""The Clusters page through AppTest: run, read, pick by table and map, rename, keep, errors."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.typing import DataframeState, PlotlyState

from dashboard.clustering import runs
from dashboard.store import database
from dashboard.text_safety import plain_text
from tests.clustering.test_clustering import plant
from tests.ui.test_ui_tables import shown

PAGE = str(database.PROJECT_ROOT / "pages" / "clusters.py")
#: The whole planted history (the default period is the last 12 months).
ALL_OF_IT = {"from": "2023-01-01", "to": "2026-01-31"}


@pytest.fixture
def shop_app(app_db):
    """The app on the four planted kinds of customer (a database with data: no demo load)."""
    conn = database.connect(app_db)
    plant(conn)
    conn.close()
    return app_db


def open_page(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180)
    for key, value in {**ALL_OF_IT, **query}.items():
        at.query_params[key] = value
    return at.run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(at: AppTest, kind: str) -> str:
    """The elements' Markdown as a reader sees the user's text in it (escaped: see text_safety)."""
    return " ".join(plain_text(str(e.value)) for e in getattr(at, kind))


def run_clustering(at: AppTest) -> AppTest:
    at.button(key="clusters_run").click().run()
    assert_clean(at)
    return at


def test_a_first_visit_runs_the_recommended_clustering_and_shows_it(shop_app):
    at = open_page()
    assert_clean(at)
    assert at.title[0].value == "Clusters"
    assert "A first clustering with the recommended settings" in texts(at, "info")
    assert "Saved as run 1." in texts(at, "success")
    assert "First run (recommended settings)" in at.selectbox(key="clusters_open_run").options[0]
    # the first run was named in English; a Russian reader sees its name in Russian
    russian = open_page(lang="ru")
    assert_clean(russian)
    first = russian.selectbox(key="clusters_open_run").options[0]
    assert "Первый расчёт (рекомендуемые настройки)" in first and "First run" not in first
    # 11 and 12 clusters were left out (a cluster under 2%), so "among the sizes considered"
    assert "4 clusters: among the sizes considered, the highest silhouette" in texts(at, "markdown")
    assert "Stable" in texts(at, "success")
    table = at.dataframe[0].value
    assert table["Customers"].sum() == 750 and table["Customers"].iloc[0] == 300
    assert table["Customers"].is_monotonic_decreasing  # cluster 0 is the largest
    assert table["Name"].iloc[0] == "New one-time buyers"
    assert "Loyal big spenders" in table["Name"].tolist()
    assert table["% of revenue"].sum() == pytest.approx(1)
    assert "**0: New one-time buyers** — " in texts(at, "markdown")
    assert "≤ 1 (describes" in texts(at, "markdown")  # one order, one category
    charts = at.get("plotly_chart")
    assert len(charts) >= 4  # choice of k, map, shares, heatmap, tiers
    assert "Nothing picked yet" in texts(at, "info")


def test_a_run_made_before_an_import_says_so(shop_app, tmp_path):
    from dashboard import importer

    at = open_page()  # the first visit ran the recommended clustering on today's data
    assert "made before the data last changed" not in texts(at, "warning")
    orders = tmp_path / "later.csv"
    orders.write_text("customer_id,order_id,ordered_at,revenue\nLATE1,L1,2026-01-20,99\n")
    conn = database.connect(shop_app)  # the same DuckDB instance as the app's (one process)
    importer.import_file(conn, orders, "transactions")
    conn.close()
    at.run()
    assert_clean(at)
    assert "This run was made before the data last changed" in texts(at, "warning")
    assert "Saved as run 1." not in texts(at, "success")  # the old run is shown, not redone


def test_ticking_rows_and_selecting_on_the_map_pick_whole_clusters(shop_app):
    at = open_page()  # the first visit ran the recommended clustering: run 1
    at.session_state["clusters_table_1"] = DataframeState(
        {"selection": {"rows": [1], "columns": [], "cells": []}}
    )
    at.session_state["clusters_map_1"] = PlotlyState(
        {
            "selection": {
                "points": [
                    {
                        "curve_number": 3,
                        "point_number": 0,
                        "point_index": 0,
                        "x": 0,
                        "y": 0,
                        "customdata": [3, "loyal-0001"],
                    }
                ],
                "point_indices": [0],
                "box": [],
                "lasso": [],
            }
        }
    )
    at.run()
    assert_clean(at)
    picked = texts(at, "markdown")
    sizes = at.dataframe[0].value.set_index("Cluster")["Customers"]
    names = at.dataframe[0].value.set_index("Cluster")["Name"]
    assert f"Picked: 1: {names[1]}, 3: {names[3]} — {sizes[1] + sizes[3]} customers." in picked
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download Excel"]
    at.button(key="clusters_save_pick").click().run()
    assert "Kept as pick 1 of run 1." in texts(at, "success")
    assert "Kept picks of this run: #1 (clusters 1, 3," in texts(at, "caption")
    conn = database.connect(shop_app)
    picks = runs.list_picks(conn, 1)
    assert list(picks.loc[0, "clusters"]) == [1, 3]
    assert picks.loc[0, "customers"] == sizes[1] + sizes[3]
    conn.close()


def test_renamed_clusters_show_everywhere(shop_app):
    at = open_page()  # the first visit ran the recommended clustering: run 1
    at.text_input(key="clusters_name_1_0").input("Spring first-timers")
    at.button(key="clusters_save_names_1").click().run()
    assert_clean(at)
    assert at.dataframe[0].value["Name"].iloc[0] == "Spring first-timers"


def test_a_fixed_k_run_and_a_comparison_with_the_first(shop_app):
    at = open_page()  # the first visit ran the recommended clustering: run 1
    at.radio(key="clusters_k_mode").set_value("fixed")
    at.number_input(key="clusters_k").set_value(3)
    at = run_clustering(at)
    assert "3 clusters, as chosen." in texts(at, "markdown")
    assert len(at.dataframe[0].value) == 3
    at.selectbox(key="clusters_compare").set_value(1).run()
    assert_clean(at)
    assert "Agreement between the runs" in texts(at, "caption")
    at.selectbox(key="clusters_open_run").set_value(1).run()
    assert len(at.dataframe[0].value) == 4


def test_bad_settings_give_a_message_not_a_traceback(shop_app):
    at = open_page()
    at.multiselect(key="clusters_features").set_value(["orders", "nps"])
    at = run_clustering(at)
    assert "Cannot cluster: The feature nps has no value for any customer" in texts(at, "error")


def test_a_period_with_too_few_customers_is_explained_in_russian(shop_app):
    conn = database.connect(shop_app)
    buyers = conn.execute(
        "SELECT count(DISTINCT customer_id) FROM transactions "
        "WHERE revenue > 0 AND ordered_at::DATE BETWEEN '2025-06-01' AND '2025-06-03'"
    ).fetchone()[0]
    conn.close()
    assert 0 < buyers < 36
    at = open_page(lang="ru", **{"from": "2025-06-01", "to": "2025-06-03"})
    at.multiselect(key="clusters_features").set_value(["recency_days", "revenue"])
    at.radio(key="clusters_k_mode").set_value("fixed")
    at.number_input(key="clusters_k").set_value(12)
    at = run_clustering(at)
    assert (
        f"Кластеризация невозможна: Клиентов с покупками в этом периоде: {buyers}, а для 12 "
        "кластеров нужно не меньше 36. Выберите меньше кластеров или расширьте период."
    ) in texts(at, "error")
    at.multiselect(key="clusters_features").set_value(["orders", "nps"])
    at = run_clustering(at)
    assert (
        "Кластеризация невозможна: У признака «Оценка NPS (0-10)» нет значения ни у одного "
        "клиента: снимите с него отметку"
    ) in texts(at, "error")
    assert "Cannot cluster" not in texts(at, "error")


def test_the_page_speaks_russian(shop_app):
    at = open_page(lang="ru")
    assert at.title[0].value == "Кластеры"
    assert "Новые разовые покупатели" in at.dataframe[0].value["Название"].tolist()
    assert "≤ 1 (описывает" in texts(at, "markdown")


def test_the_excel_download_holds_the_picked_customers(shop_app):
    import io

    import pandas as pd

    from dashboard.clustering.analysis import segment
    from dashboard.reporting.export import to_excel_bytes

    conn = database.connect(shop_app)
    run_id = runs.save_run(conn, segment(conn, k=4))
    customers = runs.picked_customers(conn, run_id, [0])
    conn.close()
    back = pd.read_excel(io.BytesIO(to_excel_bytes(customers)), engine="calamine")
    assert len(back) == len(customers) == 300
    assert back["customer_id"].tolist() == customers["customer_id"].tolist()
    assert set(back["cluster_name"]) == {"New one-time buyers"}


def test_the_profile_table_writes_numbers_in_the_session_language(shop_app):
    at = open_page(lang="ru")
    assert_clean(at)
    table, text = at.dataframe[0].value, shown(at.dataframe[0])
    loyal = table.index[table["Название"] == "Лояльные крупные покупатели"][0]
    revenue, share = table.at[loyal, "Выручка"], table.at[loyal, "% выручки"]
    assert revenue > 1000 and table["Выручка"].dtype.kind == "f"  # numbers: sorted by value
    amount = f"{revenue:,.2f}".replace(",", "\u202f").replace(".", ",")
    assert text.at[loyal, "Выручка"] == f"{amount}\u00a0$"  # money: the currency (USD here)
    assert text.at[loyal, "% выручки"] == f"{share * 100:.1f}\u00a0%".replace(".", ",")
    assert text.at[0, "Клиентов"] == "300"

    at = open_page()
    table, text = at.dataframe[0].value, shown(at.dataframe[0])
    assert text.at[loyal, "Revenue"] == f"${revenue:,.2f}"  # $3,998.73
    assert text.at[loyal, "% of revenue"] == f"{share * 100:.1f}%"


def test_the_profile_table_writes_money_days_and_rates_as_a_manager_reads_them(shop_app):
    at = open_page()
    assert_clean(at)
    table, text = at.dataframe[0].value, shown(at.dataframe[0])
    lapsing = table.index[table["Days since last purchase"] > 200][0]
    days = table.at[lapsing, "Days since last purchase"]
    assert text.at[lapsing, "Days since last purchase"] == f"{days:,.0f}"  # "305", not "304.88"
    assert text.at[lapsing, "Days since first purchase"].isdigit()
    value = table.at[lapsing, "Average order value"]
    assert text.at[lapsing, "Average order value"] == f"${value:,.2f}"
    returners = table["Return rate"].idxmax()
    rate = table.at[returners, "Return rate"]
    assert 0.2 < rate < 0.6  # a fraction in the data, a percentage on screen
    assert text.at[returners, "Return rate"] == f"{rate * 100:.1f}%"
    orders = table.at[returners, "Orders"]
    assert text.at[returners, "Orders"] == f"{orders:.1f}"  # a mean: 5.0 orders


def chart(at: AppTest, key: str):
    """The chart drawn under ``key`` (None when the page does not draw it)."""
    found = [c for c in at.get("plotly_chart") if key in c.proto.id]
    return json.loads(found[0].proto.spec) if found else None


def title(spec: dict) -> str:
    return spec["layout"]["title"]["text"].replace("<br>", " ")


def test_sizes_left_out_of_the_choice_of_k_are_greyed_on_the_chart_and_named(shop_app):
    at = open_page()
    assert_clean(at)
    assert "among the sizes considered" in texts(at, "markdown")
    assert (
        "Not considered (grey on the chart): 11, 12 clusters (a cluster under 2% of the "
        "customers); 12 clusters (unstable: resampled fits agree below 0.75)."
    ) in texts(at, "caption")
    spec = chart(at, "clusters_k_chart")
    assert title(spec) == "Of the sizes considered, 4 clusters separate these customers best"
    greyed = next(t for t in spec["data"] if t["name"] == "Not considered (hover for why)")
    assert sorted(set(greyed["x"])) == [11, 12]
    assert greyed["hovertext"][-1].startswith("12 clusters: not considered, its smallest cluster")
    assert "unstable: resampled fits agree" in greyed["hovertext"][-1]
    bands = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert {(b["x0"], b["x1"]) for b in bands} == {(10.5, 12.5)}


def test_russian_reason_and_chart_agree_on_the_real_data(app_db, online_retail_path):
    """The reviewer's case: Online Retail II, 2 clusters score best but were left out."""
    from dashboard import importer

    conn = database.connect(app_db)
    importer.import_file(conn, online_retail_path, "transactions")
    conn.close()
    at = AppTest.from_file(PAGE, default_timeout=600)
    at.query_params["lang"] = "ru"
    at = at.run()
    assert_clean(at)
    conn = database.connect(app_db)
    run = runs.load_run(conn, 1)
    conn.close()
    scores, recommendation = run["scores"], run["summary"]["recommendation"]
    left_out = recommendation["left_out"]
    best = scores.loc[scores["silhouette"].idxmax()]
    assert int(best["k"]) in left_out  # a size that scores best was left out
    sentence = texts(at, "markdown")
    assert "наибольший силуэт среди рассмотренных чисел кластеров" in sentence
    assert "Среди них индекс Дэвиса-Боулдина минимален" in sentence
    spec = chart(at, "clusters_k_chart")
    assert title(spec).startswith("Из рассмотренных чисел кластеров лучше всего клиентов разделяют")
    greyed = next(t for t in spec["data"] if t["name"].startswith("Не рассматривалось"))
    assert sorted(set(greyed["x"])) == left_out
    considered = scores[~scores["k"].isin(left_out)]
    stated = f"{recommendation['silhouette']:.2f}".replace(".", ",")
    assert f"{considered['silhouette'].max():.2f}".replace(".", ",") == stated
    assert f"({stated}," in sentence
    assert "Не рассматривалось число кластеров (серое на графике): " in texts(at, "caption")


def new_shop(path) -> None:
    """A file of 90 customers the first run never saw, of three kinds (the shop's data now)."""
    lines = ["customer_id,order_id,ordered_at,revenue"]
    kinds = ((30, 1, 20, 25), (30, 6, 60, 120), (30, 15, 300, 400))
    for kind, (count, orders, low, high) in enumerate(kinds):
        for i in range(count):
            for o in range(orders):
                day = 1 + (i + 7 * o + 11 * kind) % 28
                month = 12 - (o + kind) % 11
                amount = low + (high - low) * ((i * 7 + o) % 10) / 9
                lines.append(f"N{kind}-{i},N{kind}-{i}-{o},2025-{month:02d}-{day:02d},{amount:.2f}")
    path.write_text("\n".join(lines) + "\n")


def test_a_run_older_than_the_data_states_no_finding_of_today_and_runs_again(shop_app, tmp_path):
    from dashboard import i18n, importer

    at = open_page()  # the first visit ran the recommended clustering: run 1
    assert "made before the data last changed" not in texts(at, "warning")
    assert chart(at, "clusters_tiers") is not None
    orders = tmp_path / "new_shop.csv"
    new_shop(orders)
    conn = database.connect(shop_app)  # the same DuckDB instance as the app's (one process)
    importer.import_file(conn, orders, "transactions", mode="replace")
    made = runs.list_runs(conn)["created_at"].iloc[0]
    conn.close()
    at.run()
    assert_clean(at)
    # none of run 1's customers is left: the page clusters the data as it is (run 2), as on a
    # first visit, and keeps run 1 in the list
    assert "None of the customers of the saved runs is in the data any more" in texts(at, "info")
    assert "Saved as run 2." in texts(at, "success")
    assert at.dataframe[0].value["Customers"].sum() == 90
    at.selectbox(key="clusters_open_run").set_value(1).run()
    assert_clean(at)
    date = i18n.format_date(made, "en")
    assert f"describe its customers as they were on {date}" in texts(at, "warning")
    # Today's tiers would show run 1's customers all "Inactive": not drawn, said why instead.
    assert chart(at, "clusters_tiers") is None
    assert "Not shown for this run: the value tiers come from the current data" in texts(at, "info")
    # The run's own charts say they are of its time, not today's.
    as_of = f" — as of run 1 ({date}), before the data changed"
    for key in ("clusters_shares", "clusters_heatmap", "clusters_map_1", "clusters_k_chart"):
        assert title(chart(at, key)).endswith(as_of), key
    assert title(chart(at, "clusters_shares")).startswith("Loyal big spenders bring")

    at.button(key="clusters_run_again_1").click().run()
    assert_clean(at)
    assert "Saved as run 3." in texts(at, "success")
    assert at.selectbox(key="clusters_open_run").value == 3
    assert "Run 1 again" in at.selectbox(key="clusters_open_run").options[0]
    assert "made before the data last changed" not in texts(at, "warning")
    assert at.dataframe[0].value["Customers"].sum() == 90  # today's customers
    tiers = chart(at, "clusters_tiers")
    assert "in tiers 1-2" in title(tiers) and "as of run" not in title(tiers)
    assert {t["name"] for t in tiers["data"]} != {"Inactive"}
    assert "as of run" not in title(chart(at, "clusters_shares"))


def test_a_new_tier_rule_or_setting_does_not_make_the_run_look_older_than_the_data(shop_app):
    from dashboard.value import pyramid

    at = open_page()  # run 1 on today's data
    conn = database.connect(shop_app)
    database.put_setting(conn, pyramid.SETTING_KEY, {"mode": "customers", "cuts": [0.05, 0.2, 0.5]})
    database.put_setting(conn, "currency", "EUR")
    conn.close()
    at.run()
    assert_clean(at)
    assert not any("made before the data last changed" in w for w in texts(at, "warning"))
    assert "as of run" not in title(chart(at, "clusters_shares"))


def test_a_run_of_another_period_names_its_period_beside_the_sidebars(shop_app):
    at = open_page()  # the first visit groups the whole planted history
    assert_clean(at)
    conn = database.connect(shop_app)
    made = runs.load_run(conn, 1)["filters"]
    conn.close()
    period = f"{made.start} – {made.end}"
    assert f"Customers of {period}" in texts(at, "caption")
    assert period in at.selectbox(key="clusters_open_run").options[0]
    assert "not the period chosen in the sidebar" not in texts(at, "info")

    later = open_page(**{"from": "2025-08-01", "to": "2025-12-28"})
    assert_clean(later)
    assert f"Customers of {period}" in texts(later, "caption")
    note = texts(later, "info")
    assert f"Run 1 grouped the customers of {period}, not the period chosen in the sidebar" in note
    assert "(2025-08-01 – 2025-12-28)" in note

    russian = open_page(**{"from": "2025-08-01", "to": "2025-12-28", "lang": "ru"})
    ru_period = f"{made.start:%d.%m.%Y} – {made.end:%d.%m.%Y}"
    assert f"Расчёт 1 относится к периоду {ru_period}" in texts(russian, "info")
    assert f"Клиенты периода {ru_period}" in texts(russian, "caption")


def test_runs_the_app_named_are_named_in_the_readers_language(shop_app):
    at = open_page()  # run 1, the first run
    at.radio(key="clusters_k_mode").set_value("fixed")
    at.number_input(key="clusters_k").set_value(3)
    at = run_clustering(at)  # run 2, no name typed
    assert "#2 Run 2: 3 clusters (" in at.selectbox(key="clusters_open_run").options[0]
    russian = open_page(lang="ru")
    assert_clean(russian)
    assert "№2 Расчёт 2: 3 кластера (" in russian.selectbox(key="clusters_open_run").options[0]
    conn = database.connect(shop_app)  # named when the page was in English; one typed
    conn.execute("UPDATE segment_runs SET name = 'Run 1 again' WHERE run_id = 2")
    conn.execute("UPDATE segment_runs SET name = 'Run 2 mine' WHERE run_id = 1")
    conn.close()
    options = open_page(lang="ru").selectbox(key="clusters_open_run").options
    assert "№2 Повтор расчёта 1 (" in options[0]
    assert "№1 Run 2 mine (" in options[1]  # typed: as typed
