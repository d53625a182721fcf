"""The deck: one finding a slide, titled by the live page's own sentence; slides with nothing to
show left out and named in the outline; the PDF read back page by page (pdftoppm, pdftotext)."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from dashboard import cli, i18n
from dashboard.clustering import runs
from dashboard.presenting import deck as deck_module
from dashboard.presenting import document, pdf
from dashboard.reporting import findings, metrics, report, story
from dashboard.store import database
from dashboard.value import pyramid, whale
from dashboard.value.cost_model import load_cost_model


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def segmented_db(demo_db_file, tmp_path_factory) -> Path:
    """The demo with a saved clustering run and a campaign, so that every slide has data."""
    path = tmp_path_factory.mktemp("deck") / "deck.duckdb"
    shutil.copy(demo_db_file, path)
    assert cli.main(["segment", "--k", "3", "--db", str(path), "--json"]) == 0
    args = ["campaign", "create", "--tier", "3", "--name", "Autumn offer", "--start", "2026-09-01"]
    assert cli.main([*args, "--db", str(path), "--json"]) == 0
    return path


@pytest.fixture
def seg_conn(segmented_db, tmp_path):
    path = tmp_path / "copy.duckdb"
    shutil.copy(segmented_db, path)
    conn = database.connect(path)
    yield conn
    conn.close()


def test_the_deck_tells_the_period_in_order_with_the_pages_own_sentences(seg_conn):
    filters = report.report_filters(seg_conn)
    deck = deck_module.build_deck(seg_conn, filters, "en")
    assert deck.shown_keys() == list(deck_module.KEYS)  # every slide has something to show
    assert deck.left_out == []
    slides = {s.key: s for s in deck.slides}
    rule, model = pyramid.load_tier_rule(seg_conn), load_cost_model(seg_conn)
    shares = pyramid.tier_shares(seg_conn, filters, "revenue", rule, model)
    # the pyramid page's sentence over its shares chart, word for word
    assert slides["pyramid"].title == findings.pyramid_story(shares, "en")
    curve = whale.whale_curve(seg_conn, filters, model)
    assert slides["whale"].title == story.whale_title(whale.whale_summary(curve), "en", "USD")
    assert slides["costs"].title == deck_module.figure_title(
        findings.cost_figure(shares, "en", "USD")
    )
    # the numbers slide: the Overview's cards, formatted as the cards show them
    kpis = {row["kpi"]: row for row in metrics.kpis_with_change(seg_conn, filters)}
    revenue = story.format_kpi("revenue", kpis["revenue"]["value"], "en", "USD")
    assert revenue in slides["kpis"].title
    assert [n.value for n in slides["kpis"].numbers][:2] == [
        revenue,
        story.format_kpi("profit", kpis["profit"]["value"], "en", "USD"),
    ]
    # each slide links to its live page with the same view
    link = deck_module.link_params(deck, slides["pyramid"])
    assert (slides["pyramid"].page, link["from"], link["lang"], link["by"]) == (
        "pyramid",
        filters.start.isoformat(),
        "en",
        "revenue",
    )
    # the presenter's notes hold the numbers behind the finding
    assert any("Tier 1:" in note for note in slides["pyramid"].notes)


def test_slides_with_nothing_to_show_are_left_out_and_the_outline_says_why(demo_conn):
    assert runs.list_runs(demo_conn).empty  # no clustering run in the plain demo
    deck = deck_module.build_deck(demo_conn, report.report_filters(demo_conn), "ru")
    gone = {g.key: g.reason for g in deck.left_out}
    assert set(gone) == {"clusters", "clusters_apart"}
    assert gone["clusters"] == i18n.t("present.none.clusters", "ru")
    outline = deck.slides[0]
    assert outline.key == "outline"
    assert len(outline.out_lines) == 2
    assert any("Кластеры" in line and "сегментация" in line for line in outline.out_lines)
    assert "clusters" not in deck.shown_keys()


def test_the_presenter_switches_slides_off_and_the_outline_names_them(seg_conn):
    deck = deck_module.build_deck(seg_conn, report.report_filters(seg_conn), "en")
    fewer = deck.without(["whale", "iceberg", "outline", "nonsense"])
    assert "whale" not in fewer.shown_keys() and "iceberg" not in fewer.shown_keys()
    assert fewer.shown_keys()[0] == "outline"  # the outline stays
    assert len(fewer.slides) == len(deck.slides) - 2
    switched = [line for line in fewer.slides[0].out_lines if "switched off" in line]
    assert len(switched) == 2 and "The whale curve" in switched[0]


def test_a_slide_chart_is_made_for_a_projector(seg_conn):
    deck = deck_module.build_deck(seg_conn, report.report_filters(seg_conn), "en")
    for slide in deck.slides:
        if slide.figure is None:
            continue
        fig = document.projected(slide.figure, "en")
        assert not (fig.layout.title and fig.layout.title.text)  # the slide's title says it
        assert fig.layout.font.size >= document.MIN_CHART_FONT
        for axis in (fig.layout.xaxis, fig.layout.yaxis):
            assert axis.tickfont.size >= document.MIN_CHART_FONT
        for annotation in fig.layout.annotations or ():
            assert annotation.font.size >= document.MIN_CHART_FONT
        assert slide.figure.layout.title.text  # the page's own figure is left as it was


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_pdf_has_one_16_9_page_a_slide_with_every_title(segmented_db, tmp_path, lang):
    out = tmp_path / f"deck_{lang}.pdf"
    args = ["report", "--slides", "--format", "pdf", "--out", str(out), "--lang", lang]
    assert cli.main([*args, "--db", str(segmented_db), "--json"]) == 0
    conn = database.connect(segmented_db, read_only=True)
    try:
        deck = deck_module.build_deck(conn, report.report_filters(conn), lang)
    finally:
        conn.close()
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+(\d+)", info).group(1) == str(len(deck.slides))
    assert "1440 x 810 pts" in info  # 1920×1080 px: 16:9
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every font embedded
    for number, slide in enumerate(deck.slides, start=1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert _squash(slide.title) in _squash(text), (number, slide.key)
    subprocess.run(
        ["pdftoppm", "-f", "3", "-l", "3", "-scale-to-x", "1920", "-scale-to-y", "1080", "-png",
         str(out), str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    page = next(tmp_path.glob("page*.png"))
    assert _png_size(page) == (1920, 1080)
    assert page.stat().st_size > 20_000  # a drawn chart, not a blank page


def test_the_report_prints_to_pdf_and_a_wrong_ending_is_refused(demo_db_file, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert cli.main(["report", "--out", str(out), "--db", str(demo_db_file), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["format"] == "pdf" and "slides" not in result
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert i18n.t("report.title", "en") in text
    code = cli.main(
        ["report", "--format", "pdf", "--out", str(tmp_path / "x.html"), "--db", str(demo_db_file)]
    )
    assert code != 0
    assert "ends in .pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_without_chromium_the_pdf_says_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_CHROMIUM", str(tmp_path / "no-such-chromium"))
    reason = pdf.unavailable()
    assert reason and "apt-get install chromium" in reason
    with pytest.raises(Exception, match="Chromium"):
        pdf.html_to_pdf("<html></html>")
