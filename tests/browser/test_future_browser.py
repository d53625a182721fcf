"""Future value in a real browser, in English and Russian: the model's holdout check, the valuable
customers at risk downloaded, and the same customers made a campaign's audience."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-screens"  # pytest-playwright empties test-results/ itself

WORDS = {
    "en": {
        "title": "Future value",
        "sentence": re.compile(
            r"^The model expected [\d,]+ purchases? in the last 26 weeks; there were [\d,]+: "
            r"it (under|over)-predicts by \d+(\.\d)?%\.$"
        ),
        "count": re.compile(r"^([\d,]+) customers? among the top 20% by past value"),
        "csv": "Download CSV",
        "to_campaign": "Make them a campaign audience",
        "campaigns": "Campaigns",
        "source": "Valuable customers at risk",
        "at_risk_count": re.compile(r"^([\d,]+) customers? at risk as of"),
        "name": "Name",
        "create": "Create campaign",
        "created": re.compile(r"^Campaign (\d+) created"),
        "audience": "Audience: Valuable customers at risk",
        "column": "Probability alive",
    },
    "ru": {
        "title": "Будущая ценность",
        "sentence": re.compile(
            r"^Модель ожидала [\d\s]+ покуп\S+ за последние 26 недель; было [\d\s]+: "
            r"она (занижает|завышает) на \d+(,\d)?\s%\.$"
        ),
        "count": re.compile(r"^([\d\s]+) клиент\S* из верхних 20\s?% по прошлой ценности"),
        "csv": "Скачать CSV",
        "to_campaign": "Сделать их аудиторией кампании",
        "campaigns": "Кампании",
        "source": "Ценные клиенты под угрозой",
        "at_risk_count": re.compile(r"^([\d\s]+) клиент\S* под угрозой на"),
        "name": "Название",
        "create": "Создать кампанию",
        "created": re.compile(r"^Кампания (\d+) создана"),
        "audience": "Аудитория: Ценные клиенты под угрозой",
        "column": "Вероятность быть клиентом",
    },
}


def count(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_future_value_shows_the_check_and_the_customers_at_risk_who_become_a_campaign(
    page, app_url, wait_ready, download, tmp_path, lang
):
    words = WORDS[lang]
    page.goto(f"{app_url}/future?lang={lang}")
    expect(page.get_by_test_id("stHeading").filter(has_text=words["title"]).first).to_be_visible(
        timeout=120_000
    )
    wait_ready(page)
    expect(page.get_by_text(words["sentence"])).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(3)
    table = page.get_by_test_id("stDataFrame").filter(has_text=words["column"])
    expect(table).to_be_visible()
    at_risk = count(words["count"].match(page.get_by_text(words["count"]).inner_text()).group(1))
    assert at_risk > 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"future_{lang}.png"), full_page=True)

    got = download(page, page.get_by_role("button", name=words["csv"]))
    assert got.suggested_filename == "valuable_customers_at_risk.csv"
    path = tmp_path / "at_risk.csv"
    got.save_as(path)
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == at_risk
    assert list(rows[0])[:3] == ["customer_id", "name", "email"]
    assert all(0 <= float(r["p_alive"]) < 0.5 for r in rows)

    page.get_by_role("button", name=words["to_campaign"]).click()
    expect(
        page.get_by_test_id("stHeading").filter(has_text=words["campaigns"]).first
    ).to_be_visible(timeout=60_000)
    wait_ready(page)
    expect(page.get_by_role("radio", name=words["source"])).to_be_checked()
    audience = page.get_by_text(words["at_risk_count"])
    expect(audience).to_be_visible(timeout=60_000)
    assert count(words["at_risk_count"].match(audience.inner_text()).group(1)) == at_risk
    page.get_by_label(words["name"]).fill(f"Win-back ({lang})")  # one campaign per language
    page.get_by_label(words["name"]).press("Enter")
    wait_ready(page)
    page.get_by_role("button", name=words["create"]).click()
    expect(page.get_by_text(words["created"])).to_be_visible(timeout=60_000)
    wait_ready(page)
    expect(page.get_by_text(words["audience"]).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
