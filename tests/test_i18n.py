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
            complainers=i18n.format_number(complainers), customers="9,143", share="4%", anonymous="",
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

    from dashboard.demo import vocabulary

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
    values = [c for (c,) in countries] + [c[0] for c in vocabulary.COUNTRIES]
    values += [c for c, _ in vocabulary.CUSTOMER_CHANNELS + vocabulary.FEEDBACK_CHANNELS]
    values += list(vocabulary.CONTACT_KINDS)
    values += [ch for ch, _ in vocabulary.CONTACT_KINDS.values() if ch]
    values += list(vocabulary.CATEGORIES)
    untranslated = [v for v in values if f"value.{v}" not in i18n.texts()]
    assert untranslated == []


#: Nouns (and, in Russian, verbs) whose form depends on the count written before them.
COUNT_NOUNS_EN = (
    "customers|clusters|days|rows|transactions|answers|texts|months|orders|matches|lines|fields"
    "|buyers|promoters|passives|detractors|complaints|groups|responses"
)
COUNT_WORDS_RU = "клиентов|кластеров|дней|месяцев|ответов|ответам|строк|заказов|поднялись|приносят"
#: Placeholders written before such a word that are not counts: a percentage, a decimal or a
#: text. Each was checked at its call site.
NOT_COUNTS = {
    ("clusters.left_out.small", "ks"),  # a list of cluster numbers: "2, 6–8"
    ("clusters.left_out.unstable", "ks"),
    ("feedback.title.resolution", "days"),  # a decimal: "over 2.5 days"
    ("loyalty.title.rates", "period"),  # a month: "of Mar 2024 buyers"
    ("clusters.chart.shares_title", "customers"),  # the rest are percentages
    ("clusters.chart.moves_title", "share"),
    ("clusters.chart.tiers_title", "share"),
    ("clusters.left_out_hover.small", "share"),
    ("customers.chart.quality_title", "share"),
    ("loyalty.title.ladder", "share"),
    ("loyalty.title.rates", "share"),
    ("overview.story", "top_share"),
    ("overview.story", "mid_share"),
    ("overview.story", "low_share"),
    ("overview.tiers_title", "customers"),
    ("pyramid.migration_title", "stayed"),
    ("pyramid.pyramid_title", "customers"),
    ("pyramid.story", "customers"),
    ("pyramid.story_over", "customers"),
    ("pyramid.whale_title", "customers"),
    ("pyramid.whale_title_loss", "customers"),
    ("pyramid.whale_title_small_tail", "tail"),
    ("overview.story_loss.many", "tiers"),  # tier names; the key says one or many
}


def test_every_count_before_a_noun_picks_the_nouns_form():
    """'{customers} customers' would read "1 customers"; '{k} кластеров' «21 кластеров»."""
    english = re.compile(r"\{(\w+)\}\s+(?!of\b)(?:[\w-]+\s+)?(?:" + COUNT_NOUNS_EN + r")\b")
    russian = re.compile(r"\{(\w+)\}\s+(?:[\w-]+\s+)?(?:" + COUNT_WORDS_RU + r")(?!\w)")
    fixed = []
    for key, (en, ru) in i18n.texts().items():
        for text, pattern in ((en, english), (ru, russian)):
            for found in pattern.finditer(text):
                if (key, found.group(1)) not in NOT_COUNTS:
                    fixed.append((key, found.group(0)))
    assert fixed == [], "use {name|one|few|many} after a count"


def test_every_plural_names_a_placeholder_of_its_text_in_english_too():
    for key, (english, _) in i18n.texts().items():
        for name in re.findall(r"\{(\w+)\|", english):
            assert "{" + name + "}" in english, key


def test_one_and_twenty_one_read_in_the_singular():
    def t(key, lang, **values):  # numbers are passed as the pages write them: "1,021"
        shown = {
            k: i18n.format_number(v, lang) if isinstance(v, int) else v for k, v in values.items()
        }
        return i18n.t(key, lang, **shown)

    assert t("pyramid.drill_count", "en", customers=1) == "1 customer, best first."
    assert t("pyramid.drill_count", "en", customers=1021) == "1,021 customers, best first."
    assert t("pyramid.drill_count", "ru", customers=21) == "21 клиент, лучшие сверху."
    assert t("data.imported", "en", rows=1, table="customers", file="a.csv") == (
        "Imported 1 row into customers from a.csv."
    )
    assert t("feedback.title.nps", "ru", nps=40, period="мар 2024", responses=21) == (
        "NPS за мар 2024: 40 (21 ответ)"
    )
    assert t("report.nps", "en", nps=0, responses=1, promoters=1, passives=0, detractors=2) == (
        "NPS over the period: 0, from 1 answer (1 promoter, 0 passives, 2 detractors)."
    )
    assert "по 21 ответу" in t("report.nps", "ru", nps=0, responses=21, promoters=1,
                               passives=0, detractors=2)  # fmt: skip
    peak = {"share": "1 %", "peak": "5 ₽", "total": "3 ₽"}
    assert t("report.whale_peak", "ru", customers=1, **peak).startswith(
        "Пик: 1 лучший клиент (1 % купивших) приносит 5 ₽"
    )
    assert t("report.whale_peak", "ru", customers=3, **peak).startswith(
        "Пик: 3 лучших клиента (1 % купивших) приносят 5 ₽"
    )
    assert t("report.whale_peak", "en", customers=1, **peak).startswith(
        "The peak: the best 1 customer (1 % of those who bought) earns 5 ₽"
    )
    assert t("pyramid.sankey_title", "ru", fell=5, rose=21) == (
        "5 клиентов выпали из уровней 1–2, 21 поднялся в них"
    )
    assert t("loyalty.title.movement_new", "en", up=1, down=0, new=1) == (
        "1 customer moved up the ladder, 0 moved down, 1 is new"
    )
    assert "из последних 21 месяца" in t("loyalty.rules.devoted", "ru", months=3, window=21, nps=9)
    assert "из последних 12 месяцев" in t("loyalty.rules.devoted", "ru", months=3, window=12, nps=9)
    assert "от 1 до 365 дней" in t("errors.campaign_window", "ru", max_days=365, days=400)
    assert "для 21 кластера нужно" in t("errors.too_few_customers", "ru", customers=30, k=21,
                                        needed=63)  # fmt: skip
    assert t("errors.too_few_groups", "en", found=1).startswith(
        "These customers form only 1 distinct group on the chosen features: choose at most 1 "
        "cluster,"
    )
    assert t("customers.matches", "en", shown=1, total=1).startswith("1 of 1 match, best first")


def test_a_percentage_before_a_noun_keeps_the_plural():
    """«21 % клиентов», not «21 % клиент»: the noun follows the percent, not the number."""
    share = i18n.format_percent(0.21, "ru", 0)
    assert (
        i18n.t("pyramid.pyramid_title", "ru", customers=share)
        == "Уровни 1–2 — это 21\u00a0% клиентов"
    )
    assert i18n.t("overview.tiers_title", "ru", customers=share, revenue=share).startswith(
        "Уровни 1-2: 21\u00a0% клиентов,"
    )
    assert i18n.t("pyramid.story", "ru", customers=share, revenue=share, profit=share).startswith(
        "Верхние 21\u00a0% клиентов дают"
    )


def test_any_current_iso_currency_with_its_symbol_per_language():
    codes = i18n.currency_codes()
    assert {"USD", "EUR", "GBP", "RUB", "BRL", "CNY", "INR", "JPY", "KZT"} <= set(codes)
    assert "DEM" not in codes and "SUR" not in codes  # the mark and the Soviet rouble are gone
    assert i18n.format_money(1234.5, "en", "BRL") == "R$1,234"
    assert i18n.format_money(1234.5, "ru", "BRL") == "1\u202f234\u00a0R$"
    assert i18n.format_money(-12.5, "en", "INR") == "-₹12.50"
    assert i18n.format_money(12.5, "en", "JPY") == "¥12"  # the yen has no cents
    assert i18n.format_money(2_500_000, "en", "CHF", compact=True) == "CHF\u00a02.5M"
    assert i18n.format_money(1500, "en", "RUB") == "₽1,500"  # the rouble's own sign, not "RUB"
    assert i18n.format_money(1500, "en", "KZT") == "₸1,500"
    assert i18n.currency_label("CNY", "ru") == "CNY (CN¥) · китайский юань"
    assert i18n.currency_label("USD", "en", named=False) == "USD ($)"


def test_russian_writes_a_minus_sign_not_a_hyphen():
    assert i18n.format_number(-1234.5, "ru", 1) == "\u22121\u202f234,5"
    assert i18n.format_percent(-0.04, "ru") == "\u22124,0\u00a0%"
    assert i18n.format_money(-12.5, "ru", "RUB").startswith("\u2212")
    assert i18n.format_number(-3, "en") == "-3"  # English keeps the hyphen-minus


def test_russian_texts_write_a_percentage_as_format_percent_does():
    # «80%» beside «100 %» read as two styles: every Russian text writes "80 %" with the same
    # no-break space as i18n.format_percent, which fills the {placeholders}
    sign = i18n.format_percent(0.8, "ru", 0).removeprefix("80")
    assert sign == "\u00a0%"
    wrong = {
        key: re.findall(r"\S*(?:\d|\})[ ]?%\S*", ru)
        for key, (_, ru) in i18n.texts().items()
        if re.search(r"(?:\d|\})[ ]?%", ru)
    }
    assert wrong == {}
