"""The Overview page through AppTest: the note on estimated cost, and the report stamped at click."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.store.filters import Filters
from dashboard.ui import overview
from tests.conftest import app_db_with_file

ROOT = Path(__file__).resolve().parents[2]
ESTIMATED = "estimates"

# A shop whose file has no cost column (like Online Retail II): every cost is estimated.
NO_COST_CSV = """customer_id,order_id,ordered_at,revenue,category
c1,o1,2024-01-05,120.00,Toys
c1,o2,2024-02-07,80.00,Toys
c2,o3,2024-02-10,45.50,Books
c3,o4,2024-03-01,300.00,Garden
"""


def open_overview(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_cost_less_import_says_cost_and_profit_are_estimated(app_db, tmp_path):
    assert app_db_with_file(app_db, tmp_path, NO_COST_CSV).rows_imported == 4
    at = open_overview(**{"from": "2024-01-01", "to": "2024-03-31"})
    assert not at.exception
    assert any(m.label == "Profit" for m in at.metric)
    notes = [c for c in captions(at) if ESTIMATED in c]
    assert len(notes) == 1
    assert "no cost" in notes[0] and "Customer pyramid" in notes[0]

    ru = open_overview(**{"from": "2024-01-01", "to": "2024-03-31", "lang": "ru"})
    assert any("Затраты и прибыль — оценка" in c for c in captions(ru))


def test_demo_with_its_costs_has_no_such_note(app_db):
    at = open_overview()
    assert not at.exception and at.metric
    assert not [c for c in captions(at) if ESTIMATED in c]


def test_report_is_stamped_when_the_button_is_clicked(app_db):
    open_overview()  # the first run loads the demo
    clicks = iter(
        [datetime(2026, 11, 23, 8, 11, tzinfo=UTC), datetime(2026, 11, 23, 8, 28, tzinfo=UTC)]
    )
    download = overview.report_builder(
        Filters(date(2025, 1, 1), date(2025, 12, 31)),
        lang="ru",
        source=str(app_db),
        clock=lambda: next(clicks),
    )
    stamps = [re.search(r"Сформирован ([^<]+)</p>", download()).group(1) for _ in range(2)]
    assert stamps == ["23.11.2026 08:11 UTC", "23.11.2026 08:28 UTC"]


def test_an_unchanged_kpi_has_no_arrow_or_colour_and_no_plus_sign():
    from dashboard.reporting import story

    flat = {"kpi": "customers", "change": 0.0001, "higher_is_better": True}
    assert story.unchanged(flat) and story.change_is_good(flat) is None
    assert story.format_change(flat, "ru") == "0,0\u00a0%"  # not «+0,0 %» with a green arrow
    assert story.format_change({**flat, "change": 0.012}, "en") == "+1.2%"
    assert not story.unchanged({**flat, "change": 0.012})
    rate = {"kpi": "repeat_purchase_rate", "change": 0.106, "higher_is_better": True}
    assert story.format_change(rate, "ru") == "+10,6 п.\u00a0п."  # signed like the percentages
    assert story.format_change({**rate, "change": -0.02}, "en") == "-2.0 pp"
    nps = {"kpi": "nps", "change": -0.3, "higher_is_better": True}
    assert story.unchanged(nps) and story.format_change(nps, "en") == "0 pp"


def test_a_prepared_file_shows_the_same_cards_and_feedback_as_the_lines(
    app_db, demo_db_file, monkeypatch, tmp_path
):
    import json
    import shutil

    import streamlit as st

    from dashboard.reporting import metrics
    from dashboard.spark import compute
    from dashboard.store import computed, database

    def cards_and_feedback(path):
        monkeypatch.setenv(database.DB_ENV_VAR, str(path))
        st.cache_resource.clear()
        st.cache_data.clear()
        at = open_overview()
        assert not at.exception, at.exception
        feedback = [c for c in at.get("plotly_chart") if "overview_feedback" in c.proto.id]
        assert feedback
        return (
            [(m.label, m.value, m.delta) for m in at.metric],
            json.loads(feedback[0].proto.spec)["data"],
        )

    lines = tmp_path / "lines.duckdb"
    shutil.copy(demo_db_file, lines)
    shutil.copy(demo_db_file, app_db)
    conn = database.connect(app_db)
    compute.compute(conn, engine="duckdb")
    assert computed.served(conn, metrics.KNOWN_BY_DAY_SQL, []) is not None
    conn.close()
    prepared = cards_and_feedback(app_db)
    assert prepared == cards_and_feedback(lines)
    assert ("Customers" in [label for label, *_ in prepared[0]]) and prepared[1]
