"""The Future value page says when its models were fitted on a random sample of the customers."""

from __future__ import annotations

from dashboard import i18n
from dashboard.future import model
from tests.ui.test_page_future import assert_clean, open_page, texts


def test_a_forecast_fitted_on_a_sample_says_so_in_english_and_russian(app_db, monkeypatch):
    # the threshold lowered so that the demo's 2,000 customers are "many"
    monkeypatch.setattr(model, "SAMPLE_ABOVE", 1000)
    monkeypatch.setattr(model, "FIT_SAMPLE", 1000)
    at = open_page()
    assert_clean(at)
    captions = texts(at, "caption")
    assert "Fitted on a random sample of 1,000 of 2,000 customers; every customer checked on " in (
        captions
    )
    assert "Predictions as of" in captions
    russian = open_page("ru")
    assert_clean(russian)
    sample, customers = (i18n.format_number(n, "ru") for n in (1000, 2000))
    assert f"Модели построены на случайной выборке из {sample} из {customers} клиентов" in texts(
        russian, "caption"
    )


def test_a_forecast_fitted_on_every_customer_says_nothing_of_a_sample(app_db):
    at = open_page()
    assert_clean(at)
    assert "random sample" not in texts(at, "caption")
