"""A chart's PNG download (the Plotly toolbar's camera): a 1920×1080 image named after the chart,
for every chart of every page (AppTest reads each chart's Plotly config)."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from dashboard.ui import charts
from dashboard.ui.charts import file_slug
from dashboard.ui.navigation import url_paths

ROOT = Path(__file__).resolve().parents[2]


def shown_charts(at: AppTest) -> list[tuple[str, str, dict]]:
    """(element id, title, toImageButtonOptions) of each chart on the page."""
    found = []
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        title = (spec["layout"].get("title") or {}).get("text") or ""
        config = json.loads(element.proto.config)
        found.append((element.proto.id, title, config.get("toImageButtonOptions")))
    return found


def test_every_chart_of_every_page_downloads_as_a_1920_by_1080_png_named_after_it(app_db):
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.run()
    seen = {}
    for path in url_paths():
        at.switch_page(f"pages/{path}.py")
        at.run()
        assert not at.exception, (path, [e.value for e in at.exception])
        for element_id, title, options in shown_charts(at):
            seen[(path, element_id)] = title
            assert options is not None, (path, element_id, "Plotly's default: newplot.png")
            assert options["format"] == "png" and options["scale"] == 1, (path, element_id)
            assert (options["width"], options["height"]) == (1920, 1080), (path, element_id)
            assert options["filename"] == file_slug(title) != "", (path, element_id, title)
    assert len(seen) >= 10, seen  # the pages show charts: the loop checked something
    pages_with_charts = {path for path, _ in seen}
    assert {"overview", "pyramid", "clusters"} <= pages_with_charts


def test_a_russian_chart_downloads_under_its_russian_title(app_db):
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/pyramid.py")
    at.run()
    names = [options["filename"] for _, _, options in shown_charts(at)]
    assert names and all(any("а" <= c <= "я" for c in name) for name in names), names


def test_a_chart_file_name_is_the_title_in_words_or_else_its_key():
    assert (
        file_slug("<b>Tiers 1–2 bring 80 % of<br>revenue</b> &amp; 120&nbsp;% of profit")
        == "tiers-1-2-bring-80-of-revenue-120-of-profit"
    )
    assert file_slug("Уровни 1–2 — это 11 %<br>клиентов") == "уровни-1-2-это-11-клиентов"
    assert file_slug("Sales: Q1/Q2 <script>") == "sales-q1-q2"
    long = file_slug("word " * 40)
    assert len(long) <= 80 and long.endswith("word") and not long.endswith("-")
    untitled = go.Figure()
    assert charts.image_options(untitled, "pyramid_shares_chart")["filename"] == (
        "pyramid-shares-chart"
    )
    assert charts.image_options(untitled)["filename"] == "chart"
