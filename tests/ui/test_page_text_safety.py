"""Customer text stays text on the pages (AppTest): names, clusters, campaigns, products, feedback.

A shop is imported from real CSV files whose names, countries, channels, products, categories,
feedback kinds and texts are attacks; a clustering run is saved and its clusters renamed to
attacks, and campaigns are made with attacks as name, channel and offer. Each page must put them
into its Markdown escaped (:func:`dashboard.text_safety.markdown_text`), into its charts escaped
for Plotly, and never with ``unsafe_allow_html``. tests/browser/test_text_safety_browser.py
opens the same shop in Chromium.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import importer
from dashboard.campaigns import design
from dashboard.clustering import runs
from dashboard.clustering.analysis import segment
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.text_safety import markdown_text, plain_text, plotly_text
from tests.clustering.test_clustering import plant

ENTRY = str(database.PROJECT_ROOT / "streamlit_app.py")
#: The planted history and the imported rows (the default period is the last 12 months).
ALL_OF_IT = {"from": "2023-01-01", "to": "2026-01-31"}
#: Each sets ``window.__pwned`` (or opens a dialog) if it ever runs; the last fetches a pixel.
SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
LINK = "[click](javascript:window.__pwned=1)"
PIXEL = "![p](http://evil.example/p.png)"
BOLD = "**bold**"
MATH = "$x^2$"
RED = ":red[red]"
HEADING = "# heading"
IFRAME = '<iframe srcdoc="<script>parent.__pwned=1;parent.alert(1)</script>">'
PAYLOADS = (SCRIPT, IMG, LINK, PIXEL, BOLD, MATH, RED, HEADING, IFRAME)
#: Where each attack goes.
CUSTOMER = {
    "customer_id": "X1",
    "name": IMG,
    "email": "x1@example.com",
    "phone": LINK,
    "country": BOLD,
    "channel": RED,
}
CLUSTER_NAMES = {0: IFRAME, 1: LINK, 2: BOLD + " " + MATH, 3: IMG}
CAMPAIGN = {"name": SCRIPT, "channel": PIXEL, "offer": HEADING + " " + RED}
PICK_CAMPAIGN_NAME = IFRAME
PRODUCT, CATEGORY, SALES_CHANNEL = PIXEL, MATH, HEADING
FEEDBACK_CHANNEL = IMG  # the feedback's channel: a trend line's name when split by channel
FEEDBACK_TEXTS = (IFRAME, IMG, LINK + " " + PIXEL)


def _write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def build_shop(path: Path, folder: Path) -> dict:
    """A database at ``path`` holding the attacks (files written in ``folder``); returns the ids
    of what was made: ``run_id``, ``pick_id``, ``campaign_id``, ``pick_campaign_id``."""
    conn = database.connect(path)
    try:
        plant(conn)  # 750 customers of four kinds: clusters to name
        importer.import_file(conn, _write_csv(folder / "customers.csv", [CUSTOMER]), "customers")
        sales = [
            {
                "customer_id": "X1",
                "order_id": f"X1-{i}",
                "ordered_at": f"2025-{month:02d}-15",
                "revenue": "120.50",
                "product": PRODUCT,
                "category": CATEGORY,
                "channel": SALES_CHANNEL,
            }
            for i, month in enumerate((3, 6, 9, 11))
        ]
        importer.import_file(conn, _write_csv(folder / "sales.csv", sales), "transactions")
        feedback = [
            {
                "feedback_id": f"F{i}",
                "customer_id": customer,
                "created_at": f"2025-{month:02d}-20",
                "kind": kind,
                "score": score,
                "channel": FEEDBACK_CHANNEL,
                "text": text,
            }
            for i, (customer, month, kind, score, text) in enumerate(
                (
                    ("X1", 10, "complaint", "1", FEEDBACK_TEXTS[0]),
                    ("X1", 11, "suggestion", "2", FEEDBACK_TEXTS[1]),
                    ("loyal-0000", 11, "complaint", "2", FEEDBACK_TEXTS[2]),
                    ("loyal-0001", 12, "praise", "3", FEEDBACK_TEXTS[0]),
                )
            )
        ]
        importer.import_file(conn, _write_csv(folder / "feedback.csv", feedback), "feedback")
        result = segment(conn, Filters(start=date(2023, 1, 1), end=date(2026, 1, 31)), k=4)
        run_id = runs.save_run(conn, result, SCRIPT)
        for cluster, name in CLUSTER_NAMES.items():
            runs.rename_cluster(conn, run_id, cluster, name)
        pick_id = runs.save_pick(conn, run_id, [0, 1])
        pick_campaign_id = design.create_campaign(
            conn,
            pick_id=pick_id,
            start=date(2026, 1, 1),
            window_days=30,
            control_share=0.2,
            name=PICK_CAMPAIGN_NAME,
        )
        campaign_id = design.create_campaign(  # the newest: the page opens it
            conn, tier="4", start=date(2025, 11, 1), window_days=30, control_share=0.2, **CAMPAIGN
        )
    finally:
        conn.close()
    return {
        "run_id": run_id,
        "pick_id": pick_id,
        "campaign_id": campaign_id,
        "pick_campaign_id": pick_campaign_id,
    }


@pytest.fixture
def shop(app_db, tmp_path):
    """The app pointed at the shop full of attacks; the ids of its run, pick and campaigns."""
    return build_shop(app_db, tmp_path)


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=300)
    for key, value in {**ALL_OF_IT, **query}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_bodies(at: AppTest) -> list[str]:
    """The Markdown of every element that renders Markdown: text, captions, headings, alerts,
    and the labels of widgets and metrics."""
    bodies = [
        e.value
        for kind in ("markdown", "caption", "title", "header", "subheader")
        for e in getattr(at, kind)
    ]
    bodies += [
        e.value for kind in ("error", "warning", "info", "success") for e in getattr(at, kind)
    ]
    bodies += [m.label for m in at.metric]
    bodies += [
        w.label
        for kind in ("checkbox", "text_input", "selectbox", "radio")
        for w in getattr(at, kind)
    ]
    bodies += [e.proto.label for e in at.get("expandable")]
    return bodies


def assert_no_live_markup(at: AppTest) -> None:
    """No element renders HTML, and no attack reaches the Markdown unescaped."""
    assert not [m.value for m in at.markdown if m.allow_html]
    for body in markdown_bodies(at):
        for payload in PAYLOADS:  # each starts with a character Markdown reads: escaped
            assert not re.search(r"(?<!\\)" + re.escape(payload), body), (payload, body)


def shown(body: str) -> str:
    """What a reader sees of a Markdown body made of escaped text (see plain_text)."""
    return plain_text(body)


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def chart_texts(spec: dict) -> str:
    """Every text of a chart that Plotly reads as markup: titles, trace names, hovers, labels."""
    layout = spec.get("layout", {})
    parts = [json.dumps(layout.get("title", {}))]
    parts += [
        json.dumps(layout.get(axis, {})) for axis in layout if axis.startswith(("xaxis", "yaxis"))
    ]
    for trace in spec.get("data", []):
        for key in ("name", "x", "y", "text", "hovertext", "customdata", "hovertemplate"):
            parts.append(json.dumps(trace.get(key), ensure_ascii=False))
    return " ".join(parts)


def assert_charts_escaped(at: AppTest) -> str:
    """No chart holds an attack's tag; returns their texts (to look for the escaped ones)."""
    texts = " ".join(chart_texts(spec) for spec in charts(at))
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in texts, payload
    assert "<script" not in texts and "<img" not in texts and "<iframe" not in texts
    return texts


def test_a_customers_name_and_attributes_are_shown_as_typed_in_the_profile(shop):
    at = open_page("customers", q="x1@example.com", customer="X1")
    assert_no_live_markup(at)
    heading = at.subheader[0].value
    assert heading == markdown_text(IMG)
    assert shown(heading) == IMG
    identity = next(c.value for c in at.caption if "Id: " in c.value or "X1" in c.value)
    assert markdown_text(LINK) in identity and markdown_text(BOLD) in identity
    assert markdown_text(RED) in identity
    assert LINK in shown(identity) and BOLD in shown(identity) and RED in shown(identity)
    # the feedback table shows the texts as typed (a table is text already)
    feedback = next(d.value for d in at.dataframe if "Text" in d.value.columns)
    assert set(FEEDBACK_TEXTS[:2]) <= set(feedback["Text"])


def test_a_search_for_an_attack_says_so_as_typed(shop):
    at = open_page("customers", q=PIXEL + " nobody")
    assert_no_live_markup(at)
    message = next(i.value for i in at.info)
    assert markdown_text(PIXEL + " nobody") in message
    assert PIXEL + " nobody" in shown(message)


def test_renamed_clusters_are_text_in_the_rules_and_the_charts(shop):
    at = open_page("clusters")
    assert_no_live_markup(at)
    rules = next(m.value for m in at.markdown if ":color[●]" in m.value)
    lines = rules.split("  \n")
    assert len(lines) == 4
    for cluster, name in CLUSTER_NAMES.items():
        line = next(line for line in lines if f"**{cluster}: " in line)
        # one colour per cluster, by Streamlit's own directive; the name escaped inside bold
        assert line.startswith(':color[●]{foreground="#')
        assert f"**{cluster}: {markdown_text(name)}** — " in line
        assert f"{cluster}: {name}" in shown(line)
    colours = {line.split('"')[1] for line in lines}
    assert len(colours) == 4
    texts = assert_charts_escaped(at)
    for cluster, name in CLUSTER_NAMES.items():
        assert json.dumps(plotly_text(f"{cluster}: {name}"))[1:-1] in texts
    # the table lists the names as typed
    table = at.dataframe[0].value
    assert set(CLUSTER_NAMES.values()) <= set(table["Name"])


def test_a_campaigns_name_channel_and_offer_are_shown_as_typed(shop):
    at = open_page("campaigns")
    at.selectbox(key="campaigns_open").select(shop["campaign_id"]).run()
    assert not at.exception
    assert_no_live_markup(at)
    heading = next(s.value for s in at.subheader if shown(s.value) == SCRIPT)
    assert heading == markdown_text(SCRIPT)
    about = next(c.value for c in at.caption if "Audience: " in c.value)
    assert markdown_text(PIXEL) in about and markdown_text(CAMPAIGN["offer"]) in about
    assert PIXEL in shown(about) and CAMPAIGN["offer"] in shown(about)
    confirm = next(c for c in at.checkbox if c.key.startswith("campaigns_delete_confirm"))
    assert markdown_text(SCRIPT) in confirm.label and SCRIPT in shown(confirm.label)
    table = at.dataframe[0].value
    assert {SCRIPT, IFRAME} <= set(table["Name"])


def test_a_campaign_on_renamed_clusters_names_them_as_typed(shop):
    at = open_page("campaigns")
    at.selectbox(key="campaigns_open").select(shop["pick_campaign_id"]).run()
    assert not at.exception
    assert_no_live_markup(at)
    assert markdown_text(IFRAME) in [s.value for s in at.subheader]
    about = next(c.value for c in at.caption if "Audience: " in c.value)
    assert f"0 {IFRAME}" in shown(about) and f"1 {LINK}" in shown(about)


def test_feedback_kinds_texts_and_channels_are_text_in_charts_and_tables(shop):
    at = open_page("feedback")
    assert_no_live_markup(at)
    assert_charts_escaped(at)
    at.selectbox(key="fb_split").select("channel").run()
    assert not at.exception
    texts = assert_charts_escaped(at)
    assert json.dumps(plotly_text(FEEDBACK_CHANNEL))[1:-1] in texts  # a trend line's name
    open_list = next(d.value for d in at.dataframe if "text" in " ".join(d.value.columns).lower())
    assert set(open_list.astype(str).stack()) & set(FEEDBACK_TEXTS)


def test_the_pyramid_and_overview_hold_no_live_markup(shop):
    for page in ("pyramid", "overview"):
        at = open_page(page)
        assert_no_live_markup(at)
        assert_charts_escaped(at)
