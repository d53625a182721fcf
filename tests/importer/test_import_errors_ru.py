"""A refused file is explained in Russian with the same precision: file, row, column, value, fix."""

from __future__ import annotations

import ast
import re

import pytest

from dashboard import i18n, importer
from dashboard.errors import ImportFailed, _shown
from dashboard.translations import import_errors
from tests.conftest import ROOT

IMPORTER = sorted((ROOT / "dashboard" / "importer").glob("*.py"))
#: ImportFailed's own arguments: where the problem is, shown by localized() itself.
LOCATION = {"file", "row", "column", "value", "fix", "key", "fix_key"}
KEY = re.compile(r"import_errors\.[a-z0-9_.]*[a-z0-9_]")
PLACEHOLDER = re.compile(r"\{(\w+)[}|]")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
#: A Russian user's export: Windows-1251, semicolons, decimal commas, DD.MM.YYYY.
HEADER = "Код клиента;Дата;Сумма\n"


def placeholders(key: str) -> tuple[set[str], set[str]]:
    english, russian = i18n.texts()[key]
    return set(PLACEHOLDER.findall(english)), set(PLACEHOLDER.findall(russian))


def error_calls(path):
    """(function, call) for each ImportFailed(...) and _fail(...) (which makes one) in a module."""
    tree = ast.parse(path.read_text())
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef) or function.name == "_fail":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
                "ImportFailed",
                "_fail",
            }:
                yield function, node


def module_constants(tree: ast.Module, name: str) -> set[str]:
    """The string constants in the module-level assignment to ``name``."""
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == name for t in node.targets):
            found |= {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant)}
    return found


def keys_of(expression, function, tree) -> set[str]:
    """The keys an argument can be: its constants, or those of the tables a variable is read from
    (``key, fix_key = _KEYS.get(reason, _OTHER_KEYS)``)."""
    constants = {c.value for c in ast.walk(expression) if isinstance(c, ast.Constant)}
    if isinstance(expression, ast.Name):
        for node in ast.walk(function):
            targets = [t for a in getattr(node, "targets", []) for t in ast.walk(a)]
            if any(getattr(t, "id", "") == expression.id for t in targets):
                for name in ast.walk(node.value):
                    constants |= module_constants(tree, getattr(name, "id", ""))
    return {c for c in constants if isinstance(c, str) and c.startswith("import_errors.")}


def test_every_import_error_has_a_message_key_and_a_fix_key_in_both_languages():
    texts, checked, without = i18n.texts(), 0, []
    for path in IMPORTER:
        tree = ast.parse(path.read_text())
        for function, call in error_calls(path):
            where = f"{path.name}:{call.lineno}"
            given = {k.arg: k.value for k in call.keywords}
            if "key" not in given or "fix_key" not in given:
                without.append(where)
                continue
            values = set(given) - LOCATION
            for argument in ("key", "fix_key"):
                keys = keys_of(given[argument], function, tree)
                assert keys, f"{where}: no {argument} found"
                for key in keys:
                    assert key in texts, f"{where}: {key} is not translated"
                    english, russian = placeholders(key)
                    assert english == russian, f"{key}: placeholders differ"
                    assert english <= values, f"{where}: {key} needs {english - values}"
                    assert CYRILLIC.search(texts[key][1]), f"{key} is not Russian"
                    checked += 1
    assert not without, f"import errors without a key or a fix key: {without}"
    assert checked >= 40


def test_every_import_error_text_is_used_and_no_placeholder_is_a_location():
    sources = IMPORTER + [ROOT / "dashboard" / "errors.py"]
    used = set().union(*(KEY.findall(path.read_text()) for path in sources))
    unused = sorted(set(import_errors.TEXTS) - used)
    assert not unused, f"texts no import error uses: {unused}"
    for key in import_errors.TEXTS:
        english, russian = placeholders(key)
        assert english == russian, key
        if not key.startswith("import_errors.where."):
            assert not english & LOCATION, f"{key}: {english & LOCATION} is ImportFailed's own"


def refused(conn, path, table="transactions", **options) -> ImportFailed:
    """The error an import of ``path`` raises; its English is the command line's, word for word."""
    with pytest.raises(ImportFailed) as caught:
        importer.import_file(conn, path, table, **options)
    error = caught.value
    assert error.localized("en") == str(error)
    english = i18n.t(error.key, "en", **{n: _shown(v, "en") for n, v in error.values.items()})
    assert english == error.message, "the English text of the key must be the message"
    return error


def russian_export(tmp_path, name: str, rows: str):
    path = tmp_path / name
    path.write_bytes((HEADER + rows).encode("windows-1251"))
    return path


def test_an_empty_file(conn, tmp_path):
    path = tmp_path / "выгрузка.csv"
    path.write_bytes(b"")
    assert refused(conn, path).localized("ru") == (
        "выгрузка.csv: Файл пустой. Что сделать: выберите файл, в котором есть строка заголовков "
        "и строки с данными."
    )
    with pytest.raises(ImportFailed) as caught:
        importer.preview_file(path)
    assert "Файл пустой." in caught.value.localized("ru")


def test_a_file_with_a_header_only(conn, tmp_path):
    path = russian_export(tmp_path, "продажи.csv", "")
    assert refused(conn, path).localized("ru") == (
        "продажи.csv: В файле есть строка заголовков, но нет ни одной строки с данными. "
        "Что сделать: выгрузите данные ещё раз вместе со строками или выберите другой файл."
    )


def test_a_binary_file(conn, tmp_path):
    path = tmp_path / "фото.csv"
    path.write_bytes(bytes(range(256)) * 40)
    text = refused(conn, path).localized("ru")
    assert text.startswith("фото.csv: Это двоичный файл, а не таблица. Что сделать: ")
    assert "выгрузите данные в CSV, Excel (.xlsx) или Parquet" in text


def test_a_number_that_does_not_parse(conn, tmp_path):
    path = russian_export(
        tmp_path, "продажи.csv", "К-1;01.02.2024;1 234,50\nК-2;02.02.2024;двенадцать\n"
    )
    assert refused(conn, path).localized("ru") == (
        "продажи.csv: строка 3, столбец «Сумма»: Значение не является числом. "
        "(значение: «двенадцать») Что сделать: исправьте значение (цифры, дробная часть — "
        "через точку или запятую) или сопоставьте с полем другой столбец."
    )


def test_a_date_that_does_not_parse(conn, tmp_path):
    path = russian_export(tmp_path, "продажи.csv", "К-1;01.02.2024;10,50\nК-2;31.02.2024;12,00\n")
    assert refused(conn, path).localized("ru") == (
        "продажи.csv: строка 3, столбец «Дата»: Значение не является датой (поле дата заказа). "
        "(значение: «31.02.2024») Что сделать: исправьте дату или выберите формат даты, "
        "который используется в файле."
    )


def test_dates_that_could_be_day_or_month_first(conn, tmp_path):
    path = russian_export(tmp_path, "продажи.csv", "К-1;01/02/2024;10,50\nК-2;03/04/2024;12,00\n")
    assert refused(conn, path).localized("ru") == (
        "продажи.csv: столбец «Дата»: По датам нельзя понять, что стоит первым — день или месяц: "
        "во всех датах файла оба числа не больше 12. (значение: «01/02/2024») Что сделать: "
        "выберите формат даты (DD/MM/YYYY или MM/DD/YYYY; в командной строке — параметр "
        "--date-format)."
    )


def test_a_row_with_the_wrong_number_of_fields(conn, tmp_path):
    path = russian_export(tmp_path, "продажи.csv", "К-1;01.02.2024;10,50\nК-2;02.02.2024;12;00\n")
    assert refused(conn, path).localized("ru") == (
        "продажи.csv: строка 3: В строке 4 поля, а в заголовке — 3 (разделитель: «;»). "
        "(значение: «К-2;02.02.2024;12;00») Что сделать: заключите в двойные кавычки поля, "
        "в которых есть разделитель или перенос строки, или уберите лишний разделитель."
    )


def test_a_short_row_in_a_tab_separated_file_agrees_in_number(conn, tmp_path):
    path = tmp_path / "продажи.tsv"
    path.write_text("Код клиента\tДата\tСумма\nК-1\t01.02.2024\t10,50\nК-2\t02.02.2024\n")
    text = refused(conn, path).localized("ru")
    assert "строка 3: В строке 2 поля, а в заголовке — 3 (разделитель: табуляция)." in text


def test_a_missing_required_column(conn, tmp_path):
    path = tmp_path / "продажи.csv"
    path.write_bytes("Код клиента;Дата;Товар\nК-1;01.02.2024;Чай\n".encode("windows-1251"))
    text = refused(conn, path).localized("ru")
    assert text.startswith(
        "продажи.csv: Для таблицы «Транзакции» не сопоставлено обязательное поле выручка "
        "(или количество и цена за единицу). Столбцы в файле: Код клиента, Дата, Товар. "
    )
    assert text.endswith(
        "Что сделать: укажите, в каком столбце записано поле выручка (или количество и "
        "цена за единицу), или выберите другую таблицу."
    )


def test_a_feedback_file_imported_as_transactions_names_both_tables(conn, tmp_path):
    path = tmp_path / "отзывы.csv"
    path.write_text("review_id,date,rating,text\nr1,2024-01-01,5,Отлично\n")
    assert refused(conn, path).localized("ru") == (
        "отзывы.csv: Для таблицы «Транзакции» не сопоставлены обязательные поля: код клиента, "
        "выручка (или количество и цена за единицу). Столбцы в файле: review_id, date, rating, "
        "text. Похоже, это файл для таблицы «Отзывы»: выберите при импорте эту таблицу. "
        "Что сделать: укажите, в каких столбцах записаны поля код клиента, выручка (или "
        "количество и цена за единицу), или выберите другую таблицу."
    )


def test_text_named_like_a_workbook_says_it_is_no_workbook(conn, tmp_path):
    path = tmp_path / "выгрузка.xlsx"
    path.write_text("not xlsx\n")
    error = refused(conn, path)
    assert "named like an Excel workbook but holds plain text" in str(error)
    assert "Файл назван как книга Excel, но внутри обычный текст" in error.localized("ru")
    # a real CSV export named .xls is still read: only a failed one gets the hint
    export = tmp_path / "sales.xls"
    export.write_text("Customer ID;Date;Amount\n1;01.02.2024;5\n")
    assert importer.import_file(conn, export, "transactions").rows_imported == 1


def test_an_empty_required_value_names_the_row_without_a_value(conn, tmp_path):
    path = russian_export(tmp_path, "продажи.csv", "К-1;01.02.2024;10,50\nК-2;;12,00\n")
    assert refused(conn, path).localized("ru") == (
        "продажи.csv: строка 3, столбец «Дата»: Значение не заполнено, а это поле обязательное. "
        "Что сделать: заполните значение или удалите строку."
    )


def test_an_unknown_feedback_kind_lists_the_russian_words_first(conn, tmp_path):
    path = tmp_path / "отзывы.csv"
    path.write_text("date,kind,text\n2024-01-01,жалоба,Долго\n2024-01-02,ворчание,Так себе\n")
    assert refused(conn, path, table="feedback").localized("ru") == (
        "отзывы.csv: строка 3, столбец «kind»: Такой вид отзыва дашборду неизвестен. "
        "(значение: «ворчание») Что сделать: укажите один из видов: жалоба, предложение, "
        "пожелание, похвала, вопрос (или по-английски: complaint, suggestion, wish, praise, "
        "question)."
    )


def test_scores_on_no_known_scale_show_a_decimal_comma(conn, tmp_path):
    path = tmp_path / "оценки.csv"
    path.write_text("date,score\n2024-01-01,12.5\n2024-01-02,55\n")
    text = refused(conn, path, table="feedback").localized("ru")
    assert text.startswith("оценки.csv: столбец «score»: Оценки в файле — от 12,5 до 55: ")


def test_a_bad_mapping_names_the_column_and_the_table(conn, tmp_path):
    path = russian_export(tmp_path, "продажи.csv", "К-1;01.02.2024;10,50\n")
    mapping = {"Код клиента": "customer_id", "Дата": "ordered_at", "Итого": "revenue"}
    text = refused(conn, path, mapping=mapping).localized("ru")
    assert text == (
        "продажи.csv: В файле нет столбца «Итого». Что сделать: сопоставьте с полем один из "
        "столбцов файла: Код клиента, Дата, Сумма."
    )
    mapping = {"Код клиента": "customer_id", "Дата": "день рождения", "Сумма": "revenue"}
    text = refused(conn, path, mapping=mapping).localized("ru")
    assert text.startswith(
        "продажи.csv: столбец «Дата»: «день рождения» — не поле таблицы «Транзакции». "
    )
    text = refused(conn, path, table="orders").localized("ru")
    assert text.endswith(
        "выберите одну из таблиц: Транзакции, Клиенты, Отзывы, Обращения в сервис."
    )


def test_a_field_mapped_twice_and_a_wrong_field_are_named_as_the_reader_knows_them(conn, tmp_path):
    path = russian_export(tmp_path, "продажи.csv", "К-1;01.02.2024;10,50\n")
    twice = refused(conn, path, mapping={"Дата": "ordered_at", "Сумма": "ordered_at"})
    assert "С полем «дата заказа» сопоставлены два столбца." in twice.localized("ru")
    assert "ordered_at" not in twice.localized("ru")
    assert "Two columns are mapped to 'ordered_at'." in str(twice)  # the command line's name
    wrong = refused(conn, path, mapping={"Дата": "день рождения"})
    text = wrong.localized("ru")
    assert "«день рождения» — не поле таблицы «Транзакции»" in text  # the user's word as typed
    assert "укажите одно из полей: код клиента, номер заказа, дата заказа, выручка" in text
