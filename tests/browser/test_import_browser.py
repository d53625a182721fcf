"""Real files through the browser: Online Retail II as it comes, and a refused file that changes nothing."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def open_data_page(page, app_url, wait_ready) -> None:
    page.goto(f"{app_url}/data")
    wait_ready(page)
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_be_attached(timeout=120_000)


def test_online_retail_imports_with_guests_and_duplicates_set_aside(
    page, app_url, wait_ready, online_retail_path
):
    open_data_page(page, app_url, wait_ready)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(online_retail_path))
    expect(page.get_by_text("First rows of the file")).to_be_visible(timeout=120_000)
    wait_ready(page)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("Imported 797,884 rows into Transactions")).to_be_visible(
        timeout=300_000
    )
    expect(
        page.get_by_text("243,007 rows set aside", exact=False).or_(
            page.get_by_text("269,486 rows set aside", exact=False)
        )
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"5,942 new customers"))).to_be_visible()


def test_a_refused_file_says_why_and_changes_nothing(page, app_url, wait_ready, tmp_path):
    open_data_page(page, app_url, wait_ready)
    sidebar = page.get_by_test_id("stSidebar")
    status = sidebar.get_by_test_id("stCaptionContainer").filter(has_text="Data loaded")
    before = status.inner_text()
    assert "Transactions: " in before
    bad = tmp_path / "bad_amounts.csv"
    bad.write_text("customer_id,ordered_at,revenue\n1,2024-01-05,10\n2,2024-01-06,ten\n")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(bad))
    expect(page.get_by_text("First rows of the file")).to_be_visible(timeout=60_000)
    wait_ready(page)
    page.get_by_role("button", name="Import", exact=True).click()
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text("Nothing was imported", timeout=60_000)
    expect(error).to_contain_text("bad_amounts.csv")
    expect(error).to_contain_text("ten")
    assert status.inner_text() == before


def test_a_refused_file_says_why_in_russian(page, app_url, wait_ready, tmp_path):
    page.goto(f"{app_url}/data?lang=ru")
    wait_ready(page)
    upload = page.get_by_test_id("stFileUploaderDropzoneInput")
    expect(upload).to_be_attached(timeout=120_000)
    sidebar = page.get_by_test_id("stSidebar")
    status = sidebar.get_by_test_id("stCaptionContainer").filter(has_text="Загруженные данные")
    before = status.inner_text()
    bad = tmp_path / "продажи.csv"
    bad.write_bytes(
        "Код клиента;Дата;Сумма\nК-1;05.01.2024;1 234,50\nК-2;06.01.2024;десять\n".encode(
            "windows-1251"
        )
    )
    upload.set_input_files(str(bad))
    expect(page.get_by_text("Первые строки файла")).to_be_visible(timeout=60_000)
    wait_ready(page)
    page.get_by_role("button", name="Импортировать", exact=True).click()
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text(
        "Ничего не импортировано. продажи.csv: строка 3, столбец «Сумма»: "
        "Значение не является числом. (значение: «десять») Что сделать: исправьте значение",
        timeout=60_000,
    )
    assert status.inner_text() == before


def test_an_empty_file_is_refused_in_russian_before_the_preview(
    page, app_url, wait_ready, tmp_path
):
    page.goto(f"{app_url}/data?lang=ru")
    wait_ready(page)
    upload = page.get_by_test_id("stFileUploaderDropzoneInput")
    expect(upload).to_be_attached(timeout=120_000)
    empty = tmp_path / "пусто.csv"
    empty.write_bytes(b"")
    upload.set_input_files(str(empty))
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text(
        "Ничего не импортировано. пусто.csv: Файл пустой. Что сделать: выберите файл",
        timeout=60_000,
    )
    expect(page.get_by_test_id("stException")).to_have_count(0)
