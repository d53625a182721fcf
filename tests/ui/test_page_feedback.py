"""The Feedback page in AppTest on a small demo database."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ENTRY = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def _feedback_page(app_db) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=120).run()
    at.switch_page("pages/feedback.py").run()
    assert not at.exception, at.exception
    return at


def _chart(at, key):
    charts = [c for c in at.get("plotly_chart") if c.proto.id.endswith(key) or key in c.proto.id]
    assert charts, f"no chart {key}"
    return charts[0]


def _title(at, key) -> str:
    import json

    return json.loads(_chart(at, key).proto.spec)["layout"]["title"]["text"].replace("<br>", " ")


def test_the_page_draws_every_section(app_db):
    at = _feedback_page(app_db)
    assert at.title[0].value == "Feedback"
    subheaders = [s.value for s in at.subheader]
    assert "The complaint iceberg" in subheaders and "Net Promoter Score and ratings" in subheaders
    assert len(at.get("plotly_chart")) >= 8
    assert " complaints from " in _title(at, "fb_iceberg")
    assert at.metric[0].label == "Resolved"
    nps = next(m for m in at.metric if m.label == "NPS")
    assert nps.value.startswith(("+", "-"))  # signed, as the Overview writes it


def _period_buyers(tmp_path) -> int:
    """The customers who bought in the app's default period of the same demo the app loads."""
    from dashboard.demo import generator
    from dashboard.store import database
    from dashboard.store.filters import default_period
    from tests.conftest import TEST_DEMO_CUSTOMERS

    conn = database.connect(tmp_path / "same_demo.duckdb")
    try:
        generator.load_demo(conn, customers=TEST_DEMO_CUSTOMERS)
        first, last = conn.execute(
            "SELECT min(ordered_at)::DATE, max(ordered_at)::DATE FROM transactions"
        ).fetchone()
        start, end = default_period(first, last)
        return conn.execute(
            "SELECT count(DISTINCT customer_id) FROM transactions "
            "WHERE revenue > 0 AND ordered_at >= ? AND ordered_at < ? + INTERVAL 1 DAY",
            [start, end],
        ).fetchone()[0]
    finally:
        conn.close()


def test_changing_the_complaint_share_changes_the_iceberg(app_db, tmp_path):
    at = _feedback_page(app_db)
    before = _title(at, "fb_iceberg")
    # at 4% the demo's complaining customers stand for a part of its buyers, not all of them
    buyers = _period_buyers(tmp_path)
    found = re.fullmatch(
        r"Behind ([\d,]+) complaints? from ([\d,]+) customers?(?: \([\d,]+ of them anonymous\))? "
        r"stand about ([\d,]+) dissatisfied customers \(if 4% complain\)",
        before,
    )
    assert found, before
    complainers = int(found.group(2).replace(",", ""))
    assert int(found.group(3).replace(",", "")) == round(complainers / 0.04) < buyers
    tier_title = _title(at, "fb_iceberg_tier")
    assert re.search(r"dissatisfied of its [\d,]+ customers", tier_title), tier_title
    at.number_input(key="complaint_share").set_value(20.0).run()
    after = _title(at, "fb_iceberg")
    assert not at.exception
    assert "(if 20% complain)" in after and after != before
    estimated = re.search(r"stand about ([\d,]+) dissatisfied customers", after)
    assert estimated and int(estimated.group(1).replace(",", "")) == round(complainers / 0.2)


def test_weekly_per_1000_and_split_by_tier(app_db):
    at = _feedback_page(app_db)
    at.radio(key="fb_freq").set_value("week").run()
    at.radio(key="fb_measure").set_value("per_1000_active").run()
    at.selectbox(key="fb_split").set_value("tier").run()
    assert not at.exception
    assert _title(at, "fb_trend").startswith("Complaints by tier")
    at.selectbox(key="fb_split_kind").set_value("praise").run()
    assert _title(at, "fb_trend").startswith("Praise by tier")


def test_cluster_split_without_a_run_is_hidden_with_a_note(app_db):
    at = _feedback_page(app_db)
    at.selectbox(key="fb_split").set_value("cluster").run()
    assert not at.exception
    assert any("No clustering run is saved yet" in i.value for i in at.info)


def test_terms_of_one_period_and_kind(app_db):
    at = _feedback_page(app_db)
    periods = at.selectbox(key="fb_terms_period").options
    assert periods[0] == "The whole range" and len(periods) > 2
    at.selectbox(key="fb_terms_kind").set_value("praise").run()
    assert _title(at, "fb_terms").startswith("Praise talk most about")
    whole = at.dataframe[1].value  # the terms table (after the open complaints)
    at.selectbox(key="fb_terms_period").select_index(1).run()  # the latest month
    assert not at.exception
    latest = at.dataframe[1].value
    # one month's praise uses each word in fewer texts than the whole range's
    assert latest["Texts using it"].sum() < whole["Texts using it"].sum()


def test_the_page_in_russian(app_db):
    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/feedback.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Обратная связь"
    title = _title(at, "fb_iceberg")
    assert "(если жалуются 4\u00a0%)" in title, title


def test_in_russian_plotly_writes_numbers_with_a_decimal_comma(app_db):
    import json

    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/feedback.py").run()
    assert not at.exception, at.exception
    layouts = [json.loads(c.proto.spec)["layout"] for c in at.get("plotly_chart")]
    assert layouts and all(layout["separators"] == ",\u202f" for layout in layouts)
    english = _feedback_page(app_db)
    assert {
        json.loads(c.proto.spec)["layout"]["separators"] for c in english.get("plotly_chart")
    } == {".,"}


def test_the_potential_table_writes_shares_and_points_for_people(app_db):
    from tests.ui.test_ui_tables import shown

    at = _feedback_page(app_db)
    table = next(d for d in at.dataframe if "Responsiveness" in d.value.columns)
    text = shown(table)
    assert text["Responsiveness"].str.fullmatch(r"\d{1,3}%").all()  # 100%, not 1.0000
    assert text["Information points"].str.fullmatch(r"[\d,]+(\.\d)?").all()  # 10.0, not 10.0000


def test_the_potential_table_shows_the_top_customers_and_downloads_them_all(app_db):
    from dashboard.ui import interact

    at = _feedback_page(app_db)
    table = next(d for d in at.dataframe if "Responsiveness" in d.value.columns)
    shown = len(table.value)
    assert 0 < shown <= interact.POTENTIAL_ROWS
    captions = " ".join(c.value for c in at.caption)
    if shown == interact.POTENTIAL_ROWS:
        assert f"The {shown} customers with the highest score, of " in captions
    assert table.value["Information potential"].is_monotonic_decreasing
    assert any(b.label == "Download all (CSV)" for b in at.get("download_button"))


def _anonymous_shop(path, buyers: int = 1000, open_complaints: int = 691) -> None:
    """``buyers`` who bought on 5 March 2024 and feedback tied to no customer: ``open_complaints``
    anonymous complaints, none resolved yet, and some praise."""
    from datetime import datetime, timedelta

    from dashboard.store import database

    conn = database.connect(path)
    try:
        conn.executemany(
            "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, category, "
            "channel) VALUES (?, ?, TIMESTAMP '2024-03-05', ?, 'toys', 'web')",
            [(f"b{i}", f"o{i}", 10.0 + i) for i in range(1, buyers + 1)],
        )
        start = datetime(2024, 3, 5)  # the period is that one day of purchases
        conn.executemany(
            "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) "
            "VALUES (?, NULL, ?, ?, ?)",
            [
                (f"k{i}", start + timedelta(minutes=i), "complaint", "Late")
                for i in range(open_complaints)
            ]
            + [(f"p{i}", start + timedelta(minutes=i), "praise", "Lovely") for i in range(50)],
        )
        database.bump_data_version(conn)
    finally:
        conn.close()


def _spec(at, key) -> dict:
    import json

    return json.loads(_chart(at, key).proto.spec)


def test_anonymous_feedback_is_not_estimated_and_the_open_list_says_how_many_it_shows(app_db):
    _anonymous_shop(app_db)
    at = _feedback_page(app_db)
    iceberg = _title(at, "fb_iceberg")
    # not "691 complaints from 691 customers (691 of them anonymous) stand about ..."
    assert iceberg.startswith("691 complaints, all anonymous"), iceberg
    assert "stand about" not in iceberg
    silent = [t for t in _spec(at, "fb_iceberg")["data"] if "silent" in t["name"]]
    assert silent and all(v == 0 for t in silent for v in t["y"])  # nobody below the waterline
    tiers = _spec(at, "fb_iceberg_tier")
    tier_title = tiers["layout"]["title"]["text"].replace("<br>", " ")
    assert "none from a customer ranked in the period" in tier_title, tier_title
    hovers = " ".join(" ".join(trace.get("hovertext") or []) for trace in tiers["data"])
    assert "1,000" not in tier_title + hovers  # no group "of 1,000 customers" behind them
    assert "not estimated" in hovers
    resolution = _spec(at, "fb_resolution")["layout"]
    assert resolution["title"]["text"] == "No complaint has been resolved yet"
    assert resolution["xaxis"]["visible"] is False and resolution["yaxis"]["visible"] is False
    header = next(m.value for m in at.markdown if "open complaints" in m.value)
    assert "500 of 691 open complaints" in header, header  # not "500 open complaints"
    table = next(d.value for d in at.dataframe if "Tier" in d.value.columns)
    assert len(table) == 500 and set(table["Tier"]) == {"Anonymous or unranked"}


def test_the_open_complaints_name_their_tier_in_russian(app_db):
    _anonymous_shop(app_db, open_complaints=20)
    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/feedback.py").run()
    assert not at.exception, at.exception
    header = next(m.value for m in at.markdown if "Открытых жалоб" in m.value)
    assert "Открытых жалоб: 20" in header, header  # all of them listed: no "из"
    table = next(d.value for d in at.dataframe if "Уровень" in d.value.columns)
    assert set(table["Уровень"]) == {"Анонимно или без уровня"}  # not "unknown"


def test_mostly_anonymous_complaints_estimate_from_known_customers_and_say_so(app_db):
    _anonymous_shop(app_db, open_complaints=60)  # 1,000 buyers, 60 anonymous complaints
    from dashboard.store import database

    conn = database.connect(app_db)
    conn.executemany(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) "
        "VALUES (?, ?, TIMESTAMP '2024-03-05 12:00', 'complaint', 'Broken')",
        [(f"n{i}", f"b{i}") for i in range(1, 5)],  # four known customers complained
    )
    database.bump_data_version(conn)
    conn.close()
    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/feedback.py").run()
    assert not at.exception, at.exception
    iceberg = _title(at, "fb_iceberg")
    # 4 known customers / 4 % = 100, not (4 + 60 anonymous "customers") / 4 % = 1 600 → all 1 000
    assert iceberg.startswith("За 4 жалобами от 4 клиентов стоят около 100 недовольных"), iceberg
    basis = " ".join(str(i.value) for i in at.info)
    assert "Оценка — только по известным клиентам: анонимные жалобы (60, 94\u00a0% всех)" in basis
    observed = next(t for t in _spec(at, "fb_iceberg")["data"] if t["y"] and t["y"][0] > 0)
    assert "анонимные жалобы не учтены (их большинство): 60" in observed["hovertext"][0]


def _prepare(app_db, demo_db_file):
    """The app's file: the demo after ``compute --engine duckdb`` (the prepare step)."""
    import shutil

    from dashboard.spark import compute
    from dashboard.store import database

    shutil.copy(demo_db_file, app_db)
    conn = database.connect(app_db)
    compute.compute(conn, engine="duckdb")
    conn.close()


def test_a_prepared_file_shows_what_the_lines_give(app_db, demo_db_file):
    import json

    from dashboard.feedback import potential, trends
    from dashboard.store import database
    from dashboard.store.filters import Filters, default_period
    from dashboard.ui import interact

    _prepare(app_db, demo_db_file)
    at = _feedback_page(app_db)
    lines = database.connect(demo_db_file, read_only=True)
    try:
        info = database.summary(lines)
        period = Filters(*default_period(*(date_of(info[k]) for k in ("date_from", "date_to"))))
        top = potential.ranked_potential(
            lines, period, "information_score", interact.POTENTIAL_ROWS
        )
        everyone = potential.potential_count(lines, period)
        trend = trends.trend(lines, period)
        nps = trends.nps_summary(lines, period)["nps"]
    finally:
        lines.close()
    table = next(d.value for d in at.dataframe if "Responsiveness" in d.value.columns)
    assert table["Customer id"].tolist() == top["customer_id"].tolist()
    assert table["Information potential"].tolist() == top["information_score"].tolist()
    if everyone > len(top):
        assert any(f"of {everyone:,}" in c.value for c in at.caption)
    drawn = json.loads(_chart(at, "fb_trend").proto.spec)["data"]
    assert sum(_values(trace["y"]).sum() for trace in drawn) == trend["count"].sum() > 0
    assert next(m for m in at.metric if m.label == "NPS").value == f"{nps:+.0f}"


def date_of(text: str):
    from datetime import date

    return date.fromisoformat(text)


def _values(column):
    """A chart's column of numbers: Plotly writes a long one as typed bytes."""
    import base64

    import numpy as np

    if isinstance(column, dict):
        return np.frombuffer(base64.b64decode(column["bdata"]), dtype=column["dtype"])
    return np.asarray(column)
