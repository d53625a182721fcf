"""The HTML report of a period: written by `python -m dashboard report`, offered on the Overview."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import plotly.offline
import pytest

from dashboard import cli, i18n, importer
from dashboard.reporting import metrics, report, story
from dashboard.store import database
from dashboard.store.filters import Filters, default_period, preset_range
from dashboard.text_safety import html_text
from dashboard.value import pyramid
from dashboard.value.cost_model import load_cost_model
from tests.clustering.test_clustering import plant

PLOTLY_JS_START = plotly.offline.get_plotlyjs()[:300]


def db_file(conn) -> str:
    """The file behind a fixture's connection, closed so that the command can open it."""
    path = conn.execute("SELECT path FROM duckdb_databases() WHERE NOT internal").fetchone()[0]
    conn.close()
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def text_of(document: str) -> str:
    """What a reader sees: the body without tags or scripts, entities decoded, spaces collapsed."""
    body = document.split("<body>", 1)[1]
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"[ \t\r\n]+", " ", text).strip()  # no-break spaces of numbers are kept


@pytest.fixture
def demo_report(demo_conn, tmp_path, capsys):
    """The demo database (reopened afterwards) and the report written for its default period."""
    path = db_file(demo_conn)
    out = tmp_path / "meeting.html"
    code, stdout, err = run(capsys, "--out", str(out), "--db", path, "--json")
    assert code == 0, err
    conn = database.connect(path)
    yield conn, out, json.loads(stdout)
    conn.close()


def test_report_is_one_self_contained_file_of_the_last_12_months(demo_report):
    conn, out, result = demo_report
    assert out.exists() and result["file"] == str(out)
    document = out.read_text(encoding="utf-8")
    assert document.startswith("<!DOCTYPE html>") and '<html lang="en">' in document
    # plotly.js is embedded exactly once and nothing is fetched from the network
    assert document.count(PLOTLY_JS_START) == 1
    assert not re.search(r"<script[^>]+src=", document) and "<link" not in document
    # the period: the last 12 months of the data, stated in the report
    first, last = conn.execute(
        "SELECT min(ordered_at)::DATE, max(ordered_at)::DATE FROM transactions"
    ).fetchone()
    start, end = date.fromisoformat(result["from"]), date.fromisoformat(result["to"])
    assert (start, end) == preset_range("last_12", first, last)  # the app's default period
    assert end == last and (end - start).days + 1 in (365, 366)
    text = text_of(document)
    assert f"{start.isoformat()} – {end.isoformat()}" in text
    assert "Customer value report" in text and "demo.duckdb" in text and "Generated" in text


def test_report_holds_the_kpis_as_the_overview_shows_them(demo_report):
    conn, out, result = demo_report
    text = text_of(out.read_text(encoding="utf-8"))
    filters = Filters(date.fromisoformat(result["from"]), date.fromisoformat(result["to"]))
    rows = metrics.kpis_with_change(conn, filters)
    assert len(rows) == len(metrics.KPIS)
    for row in rows:
        label = i18n.t(f"overview.kpi.{row['kpi']}", "en")
        value = story.format_kpi(row["kpi"], row["value"], "en", "USD")
        assert f"{label} {value}" in text, row
        change = story.format_change(row, "en")
        if change is not None:
            assert change in text
    revenue = next(r for r in rows if r["kpi"] == "revenue")
    assert revenue["value"] > 0 and i18n.format_money(revenue["value"], "en", "USD", True) in text


def test_report_tells_the_pyramid_whale_and_feedback_story(demo_report):
    conn, out, result = demo_report
    document = out.read_text(encoding="utf-8")
    text = text_of(document)
    filters = Filters(date.fromisoformat(result["from"]), date.fromisoformat(result["to"]))
    shares = pyramid.tier_shares(
        conn, filters, rule=pyramid.load_tier_rule(conn), cost_model=load_cost_model(conn)
    )
    sentence = story.story(shares, "en")
    assert sentence and story.plain(sentence) in text
    for group in story.strategies(shares, "en", "USD"):
        assert group["strategy"] in text and group["numbers"] in text
    # one graph per chart: tier shares, whale curve, feedback trend
    assert document.count('class="plotly-graph-div"') == 3
    assert "The whale curve" in text and "The peak: the best" in text
    assert "What customers say" in text and "(if 4% complain)" in text
    assert re.search(r"NPS over the period: [+-]\d+, from [\d,]+ answers", text)


def test_report_iceberg_never_claims_more_dissatisfied_than_customers(demo_report):
    conn, out, result = demo_report
    text = text_of(out.read_text(encoding="utf-8"))
    filters = Filters(date.fromisoformat(result["from"]), date.fromisoformat(result["to"]))
    buyers = conn.execute(
        "SELECT count(DISTINCT customer_id) FROM transactions "
        "WHERE revenue > 0 AND ordered_at >= ? AND ordered_at < ? + INTERVAL 1 DAY",
        [filters.start, filters.end],
    ).fetchone()[0]
    complainers = conn.execute(
        "SELECT count(DISTINCT coalesce(customer_id, feedback_id)) FROM feedback "
        "WHERE kind = 'complaint' AND created_at >= ? AND created_at < ? + INTERVAL 1 DAY",
        [filters.start, filters.end],
    ).fetchone()[0]
    sentence = re.search(
        r"Behind [\d,]+ complaints? from ([\d,]+) customers?(?: \([\d,]+ of them anonymous\))? "
        r"stand about ([\d,]+) dissatisfied customers \(if 4% complain\)",
        text,
    )
    assert sentence, "no iceberg sentence"
    assert sentence.group(1) == f"{complainers:,}"
    estimated = int(sentence.group(2).replace(",", ""))
    assert estimated == round(complainers / 0.04) < buyers  # not every customer


def test_report_iceberg_counts_a_customer_once_and_stops_at_the_shop(tmp_path):
    from tests.feedback.test_feedback_complaints import small_shop

    conn = small_shop(tmp_path / "shop.duckdb")  # 10 buyers; b1 complained 3 times, 1 anonymous
    text = text_of(report.build_html(conn, Filters(date(2024, 3, 1), date(2024, 4, 30))))
    conn.close()
    assert (
        "4 complaints from 2 customers (1 of them anonymous): if only 4% complain, "
        "all 10 customers of the period may be dissatisfied"
    ) in text


def test_report_in_russian(demo_conn, tmp_path, capsys):
    path = db_file(demo_conn)
    out = tmp_path / "отчёт.html"
    code, _, err = run(
        capsys, "--out", str(out), "--db", path, "--lang", "ru", "--from", "2026-01-01"
    )
    assert code == 0, err
    document = out.read_text(encoding="utf-8")
    text = text_of(document)
    assert '<html lang="ru">' in document
    assert "Отчёт о ценности клиентов" in text and "Ключевые показатели" in text
    assert "Выручка" in text and "Кривая «кита»" in text and "Что говорят клиенты" in text
    assert "Период: 01.01.2026 – " in text
    assert "Customer value report" not in text and "Revenue" not in text
    imported = re.search(r"Последний импорт: .*\((\S+ \d\d:\d\d)\)", text)
    assert imported and re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", imported.group(1))
    assert document.count('"separators":",\\u202f"') == 3  # charts write 1 234,5
    conn = database.connect(path)
    try:
        end = conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]
        shares = pyramid.tier_shares(
            conn, Filters(date(2026, 1, 1), end), rule=pyramid.load_tier_rule(conn)
        )
    finally:
        conn.close()
    assert story.plain(story.story(shares, "ru")) in text


def test_empty_database_exits_2_with_a_message(conn, tmp_path, capsys):
    path = db_file(conn)
    out = tmp_path / "r.html"
    code, _, err = run(capsys, "--out", str(out), "--db", path)
    assert code == 2 and "no transactions" in err and "python -m dashboard demo" in err
    assert not out.exists()


def test_output_must_be_html_or_pdf(demo_conn, tmp_path, capsys):
    path = db_file(demo_conn)
    code, _, err = run(capsys, "--out", str(tmp_path / "r.docx"), "--db", path)
    assert code == 2 and "r.docx" in err and ".html or .pdf" in err
    assert not (tmp_path / "r.docx").exists()


def test_bad_dates_exit_2(demo_conn, tmp_path, capsys):
    path = db_file(demo_conn)
    out = tmp_path / "r.html"
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["report", "--out", str(out), "--db", path, "--from", "2024-13-01"])
    assert exit_info.value.code == 2 and "is not a date" in capsys.readouterr().err
    code, _, err = run(
        capsys, "--out", str(out), "--db", path, "--from", "2026-05-01", "--to", "2026-04-01"
    )
    assert code == 2 and "2026-05-01" in err and "--from before the --to" in err
    assert not out.exists()


def test_period_without_sales_still_reports(demo_conn, tmp_path):
    """A period before the data: KPIs are zero, the pyramid and whale say nobody bought."""
    document = report.build_html(demo_conn, Filters(date(2001, 1, 1), date(2001, 12, 31)))
    text = text_of(document)
    assert "Nobody bought in this period" in text and "No feedback in this period." in text
    assert document.count('class="plotly-graph-div"') == 0


def test_overview_offers_the_report_download(app_db):
    from streamlit.testing.v1 import AppTest

    entry = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
    at = AppTest.from_file(entry, default_timeout=180).run()
    assert not at.exception, [e.value for e in at.exception]
    button = at.download_button(key="overview_report")
    assert button.label == "Download the report (HTML)"
    at.query_params["lang"] = "ru"
    at.session_state["lang"] = "ru"
    at.run()
    assert at.download_button(key="overview_report").label == "Скачать отчёт (HTML)"


def test_default_period_is_the_last_12_months_within_the_data():
    assert default_period(date(2020, 1, 1), date(2024, 2, 29)) == (
        date(2023, 3, 1),
        date(2024, 2, 29),
    )
    assert default_period(date(2024, 1, 10), date(2024, 6, 30)) == (
        date(2024, 1, 10),
        date(2024, 6, 30),
    )
    assert default_period(None, None) == (None, None)
    assert preset_range("ytd", date(2020, 1, 1), date(2024, 5, 31)) == (
        date(2024, 1, 1),
        date(2024, 5, 31),
    )


def _card(document: str, kpi: str) -> str:
    """One KPI card as a reader sees it."""
    card = re.search(rf'<div class="card" data-kpi="{kpi}".*?</div></div>', document, re.S)
    assert card, kpi
    return text_of("<body>" + card.group(0))


def test_without_feedback_complaints_are_unknown_and_not_blamed_on_the_period(tmp_path):
    """Transactions alone (as Online Retail II): complaints and NPS are "—" with no change
    line, not "no earlier period to compare" while the revenue has one."""
    from dashboard import importer

    source = tmp_path / "transactions.csv"
    source.write_text(
        "customer_id,order_id,ordered_at,revenue\n"
        "a,o1,2023-03-05,500\nb,o2,2023-06-01,300\na,o3,2024-03-01,80\nc,o4,2024-06-01,120\n",
        encoding="utf-8",
    )
    conn = database.connect(tmp_path / "or.duckdb")
    try:
        importer.import_file(conn, source, "transactions")
        document = report.build_html(conn, Filters(date(2024, 1, 1), date(2024, 12, 31)), "ru")
    finally:
        conn.close()
    complaints, nps = _card(document, "complaints"), _card(document, "nps")
    assert complaints == "Жалобы —", complaints
    assert nps == "NPS —", nps
    assert "ранее: 800" in _card(document, "revenue").replace("\u00a0", " ")


def test_report_shows_a_file_name_that_is_an_attack_as_text(tmp_path):
    # the last import's file name is the user's text: escaped in the HTML, never a tag
    conn = database.connect(tmp_path / "t.duckdb")
    plant(conn)
    name = '<img src=x onerror="alert(1)">.csv'
    (tmp_path / name).write_text("customer_id,name\nX1,<script>alert(1)</script>\n")
    importer.import_file(conn, tmp_path / name, "customers")
    document = report.build_html(conn, report.report_filters(conn))
    conn.close()
    body = document.split("</script>\n</head>", 1)[1]  # plotly.js itself is in the head
    assert html_text(name) in body
    assert "<img" not in body and "<script>alert" not in body


def test_an_all_time_report_says_there_is_nothing_earlier_to_compare_with(demo_conn):
    first, last = demo_conn.execute(
        "SELECT min(ordered_at)::DATE, max(ordered_at)::DATE FROM transactions"
    ).fetchone()
    text = text_of(report.build_html(demo_conn, Filters(first, last)))
    assert "the data hold nothing earlier, so there is nothing to compare with" in text
    assert "compared with the" not in text
    year = text_of(report.build_html(demo_conn, Filters(*preset_range("last_12", first, last))))
    assert "compared with the" in year
