"""Every label exists in both languages; numbers, money and dates follow the language."""

import re
from datetime import date, datetime
from pathlib import Path

from dashboard import i18n

ROOT = Path(__file__).resolve().parent.parent


def test_every_label_has_english_and_russian():
    for key, (english, russian) in i18n.texts().items():
        assert english.strip() and russian.strip(), key
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", russian)), key


def test_every_key_used_in_code_is_translated():
    used = set()
    sources = list((ROOT / "dashboard").rglob("*.py")) + list((ROOT / "pages").glob("*.py"))
    sources.append(ROOT / "streamlit_app.py")
    for path in sources:
        used |= set(re.findall(r"""\btr\(\s*["']([a-z_]+\.[\w.]+)["']""", path.read_text()))
    missing = sorted(k for k in used if not k.endswith(".") and k not in i18n.texts())
    assert used and not missing, f"untranslated keys: {missing}"


def test_russian_labels_are_russian():
    assert i18n.t("nav.overview", "ru") == "Обзор"
    assert i18n.t("nav.overview", "en") == "Overview"


def test_numbers_and_money_by_language():
    assert i18n.format_number(1234567.891, "en", 2) == "1,234,567.89"
    assert i18n.format_number(1234567.891, "ru", 2) == "1\u202f234\u202f567,89"
    assert i18n.format_money(-1500, "en", "USD") == "-$1,500"
    assert i18n.format_money(1500, "ru", "RUB") == "1\u202f500\u00a0₽"
    assert i18n.format_money(2_500_000, "en", "GBP", compact=True) == "£2.5M"
    assert i18n.format_money(2_500_000, "ru", "RUB", compact=True) == "2,5 млн\u00a0₽"
    assert i18n.format_percent(0.255, "en") == "25.5%"
    assert i18n.format_percent(0.255, "ru") == "25,5\u00a0%"
    assert i18n.format_number(None) == "—"


def test_dates_by_language():
    assert i18n.format_date(date(2024, 3, 1), "en") == "2024-03-01"
    assert i18n.format_date(date(2024, 3, 1), "ru") == "01.03.2024"
    assert i18n.format_datetime("2026-11-23T04:35:55", "ru") == "23.11.2026 04:35"
    assert i18n.format_datetime(datetime(2026, 11, 23, 4, 35), "en") == "2026-11-23 04:35"
    assert i18n.format_month(date(2024, 3, 1), "ru") == "мар 2024"
    assert i18n.format_month(date(2024, 3, 1), "en") == "Mar 2024"


def test_russian_counts_agree_with_their_nouns():
    def header(n):
        return i18n.t(
            "clusters.run_header", "ru", run_id=1, k=n, customers=i18n.format_number(n, "ru")
        )

    assert header(1) == "Расчёт 1: 1 кластер, 1 клиент"
    assert header(3) == "Расчёт 1: 3 кластера, 3 клиента"
    assert header(12) == "Расчёт 1: 12 кластеров, 12 клиентов"
    assert header(22) == "Расчёт 1: 22 кластера, 22 клиента"
    assert header(1021).endswith("1\u202f021 клиент")  # read from the formatted text
    english = i18n.t("clusters.run_header", "en", run_id=1, k=3, customers="3")
    assert english == "Run 1: 3 clusters of 3 customers"


def test_english_counts_read_from_formatted_text_agree_with_their_nouns():
    def title(complainers: int) -> str:
        return i18n.t(
            "feedback.title.iceberg_capped", "en", complaints=i18n.format_number(complainers + 5),
            complainers=i18n.format_number(complainers), customers="9,143", share="4%",
        )  # fmt: skip

    assert "from 1,234 customers" in title(1234)  # '1,234' is not one customer
    assert "from 1 customer:" in title(1)
    assert "1,021 customers" in i18n.t(
        "clusters.run_header", "en", run_id=1, k=2, customers=i18n.format_number(1021)
    )


def test_every_plural_placeholder_names_a_placeholder_of_its_text():
    import re

    for key, (english, russian) in i18n.texts().items():
        for name in re.findall(r"\{(\w+)\|", russian):
            assert "{" + name + "}" in russian or "{" + name + "}" in english, key


def test_known_data_values_read_in_russian_and_the_users_own_stay_as_written(online_retail_path):
    import duckdb

    from dashboard import demo_vocab

    assert i18n.value_label("United Kingdom", "ru") == "Великобритания"
    assert i18n.value_label("EIRE", "ru") == "Ирландия"
    assert i18n.value_label("RSA", "ru") == "Южная Африка"
    assert i18n.value_label("Unspecified", "ru") == "Не указана"
    assert i18n.value_label("visit", "ru") == "визит в магазин"
    assert i18n.value_label("marketplace", "ru") == "маркетплейс"
    assert i18n.value_label("United Kingdom", "en") == "United Kingdom"
    assert i18n.value_label("Atlantis", "ru") == "Atlantis"  # unknown: as the user wrote it
    assert i18n.value_label(None, "ru") is None
    countries = duckdb.execute(
        f"SELECT DISTINCT Country FROM '{online_retail_path}' WHERE Country IS NOT NULL"
    ).fetchall()
    values = [c for (c,) in countries] + [c[0] for c in demo_vocab.COUNTRIES]
    values += [c for c, _ in demo_vocab.CUSTOMER_CHANNELS + demo_vocab.FEEDBACK_CHANNELS]
    values += list(demo_vocab.CONTACT_KINDS)
    values += [ch for ch, _ in demo_vocab.CONTACT_KINDS.values() if ch]
    values += list(demo_vocab.CATEGORIES)
    untranslated = [v for v in values if f"value.{v}" not in i18n.texts()]
    assert untranslated == []
