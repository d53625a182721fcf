"""Errors a person meets on a page read in their language, numbers written the Russian way."""

from __future__ import annotations

import ast
import re
from datetime import datetime, timedelta

import pandas as pd
import pytest

from dashboard import i18n
from dashboard.clustering.analysis import segment
from dashboard.errors import AnalysisError, DashboardError, ImportFailed, StorageError
from dashboard.feedback import complaints
from dashboard.loyalty import ladder
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import pyramid
from tests.conftest import ROOT

#: Where analysis and storage errors are raised for the pages (the importer and the commands
#: speak to the command line; connect() reports a database that cannot be opened).
CORE = sorted(
    path
    for path in (ROOT / "dashboard").rglob("*.py")
    if not {"importer", "commands", "ui", "translations"} & set(path.parts)
    and path.name != "cli.py"  # the command line speaks English: its errors never reach a page
)
NOT_FOR_PAGES = {("database.py", "connect")}
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def raised_errors(path):
    """(function name, call) for each AnalysisError(...) or StorageError(...) in a module."""
    tree = ast.parse(path.read_text())
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
                "AnalysisError",
                "StorageError",
            }:
                yield function.name, node


def error_keys(path) -> set[str]:
    return set(re.findall(r"""["'](errors\.[a-z_]+)["']""", path.read_text()))


def raise_error(call, *args, **kwargs) -> DashboardError:
    with pytest.raises(DashboardError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_every_analysis_and_storage_error_has_a_translation_key():
    without = set()
    for path in CORE:
        for function, call in raised_errors(path):
            has_key = any(k.arg == "key" for k in call.keywords)
            if not has_key and (path.name, function) not in NOT_FOR_PAGES:
                without.add(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not without, f"errors without a translation key: {sorted(without)}"


def test_every_error_key_is_in_english_and_russian():
    used = set().union(*(error_keys(path) for path in CORE))
    assert len(used) > 40
    texts = i18n.texts()
    missing = sorted(k for k in used if k not in texts)
    assert not missing, f"untranslated error keys: {missing}"
    for key in used:
        english, russian = texts[key]
        assert not CYRILLIC.search(english) and CYRILLIC.search(russian), key
    unused = sorted(k for k in texts if k.startswith("errors.") and k not in used)
    assert not unused, f"error texts no error uses: {unused}"


def test_a_ladder_rule_out_of_range_names_the_rule_and_the_bounds_in_russian():
    error = raise_error(ladder.check_rules, {"satisfied_min_orders": 5000})
    assert str(error) == "The ladder rule satisfied_min_orders must be between 1 and 1000."
    assert error.localized("ru") == (
        "Правило «Удовлетворённые: заказов не меньше» должно быть в пределах от 1 до 1\u202f000."
    )
    assert error.localized("en") == (
        "The ladder rule satisfied_min_orders must be between 1 and 1,000."
    )


def test_a_ladder_rule_that_is_not_whole_shows_a_decimal_comma():
    error = raise_error(ladder.check_rules, {"devoted_min_nps": 7.5})
    assert (
        error.localized("ru")
        == "Правило «Преданные: NPS не ниже» должно быть целым числом, а не 7,5."
    )


def test_a_complaint_share_above_100_percent_is_a_russian_percentage():
    error = raise_error(complaints.check_share, 1.5)
    assert "not 150.00%" in str(error)
    assert error.localized("ru").startswith(
        "Доля жалующихся должна быть больше 0\u00a0% и не больше 100\u00a0%, а не 150,00\u00a0%"
    )


def add_customers(conn, count: int, *, margin: float = 0.4) -> None:
    """``count`` customers who each bought a different number of times and amounts."""
    end = datetime(2025, 6, 30, 12)
    rows = [
        (
            f"c{c}",
            f"c{c}-{o}",
            end - timedelta(days=c % 300 + 30 * o),
            20.0 + c,
            (20.0 + c) * (1 - margin),
        )
        for c in range(count)
        for o in range(c % 4 + 1)
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "order_id", "ordered_at", "revenue", "cost"])
    conn.register("rows", frame)
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, cost) "
        "SELECT * FROM rows"
    )
    conn.unregister("rows")


def test_clustering_too_few_customers_reads_in_russian(conn):
    add_customers(conn, 5)
    error = raise_error(segment, conn, Filters(), ["orders", "revenue"], 4)
    assert isinstance(error, AnalysisError)
    assert str(error).startswith(
        "Only 5 customers bought in this period; 4 clusters need at least 12."
    )
    assert error.localized("ru") == (
        "Клиентов с покупками в этом периоде: 5, а для 4 кластеров нужно не меньше 12. "
        "Выберите меньше кластеров или расширьте период."
    )


def test_a_feature_missing_for_some_customers_is_named_by_its_russian_label(conn):
    add_customers(conn, 1500)
    conn.execute(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, score, scale) "
        "VALUES ('f1', 'c1', '2025-06-01', 'praise', 9, 'nps_0_10'), "
        "('f2', 'c2', '2025-06-01', 'complaint', 3, 'nps_0_10')"
    )
    error = raise_error(segment, conn, Filters(), ["orders", "nps"], 2)
    assert "The feature nps is missing for 1,498 of 1,500 customers" in str(error)
    assert error.localized("ru").startswith(
        "Признак «Оценка NPS (0-10)» не известен для 1\u202f498 из 1\u202f500 клиентов"
    )


def test_a_cumulative_pyramid_on_a_loss_explains_itself_in_russian(conn):
    add_customers(conn, 6, margin=-0.5)  # every sale loses money: total profit below zero
    rule = pyramid.TierRule("cumulative", pyramid.DEFAULT_CUMULATIVE_CUTS)
    error = raise_error(pyramid.tier_shares, conn, Filters(), "profit", rule)
    assert str(error).startswith("The total of the measure is not positive")
    assert error.localized("ru") == (
        "Итог показателя не больше нуля, поэтому накопленная доля не имеет смысла: задайте "
        "границы уровней по доле клиентов."
    )


def test_an_unknown_table_is_a_storage_error_in_russian(conn):
    error = raise_error(database.clear_table, conn, "orders")
    assert isinstance(error, StorageError)
    assert error.localized("ru").startswith("Неизвестная таблица 'orders': выберите одну из ")


def test_an_error_without_a_key_and_an_import_failure_stay_in_english():
    plain = AnalysisError("Something the pages never show.")
    assert plain.localized("ru") == "Something the pages never show."
    failed = ImportFailed("Not a date.", file="tx.csv", row=3, column="ordered_at")
    assert (
        failed.localized("ru") == str(failed) == "tx.csv: row 3, column 'ordered_at': Not a date."
    )
