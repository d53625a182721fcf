"""The Clusters page says when its run was fitted on a random sample of the customers."""

from __future__ import annotations

from dashboard.clustering import analysis
from tests.ui.test_page_clusters import assert_clean, open_page, shop_app, texts

__all__ = ["shop_app"]  # the fixture, used by name


def test_a_run_fitted_on_a_sample_says_so_in_english_and_russian(shop_app, monkeypatch):
    # the threshold lowered so that the 750 planted customers are "many"
    monkeypatch.setattr(analysis, "SAMPLE_ABOVE", 500)
    monkeypatch.setattr(analysis, "FIT_SAMPLE", 400)
    at = open_page()
    assert_clean(at)
    assert "Saved as run 1." in texts(at, "success")
    assert (
        "Fitted on a random sample of 400 of 750 customers; every customer assigned to the "
        "nearest cluster."
    ) in texts(at, "caption")
    russian = open_page(lang="ru")
    assert_clean(russian)
    assert "Модель построена на случайной выборке из 400 из 750 клиентов" in texts(
        russian, "caption"
    )


def test_a_run_fitted_on_every_customer_says_nothing_of_a_sample(shop_app):
    at = open_page()
    assert_clean(at)
    assert "random sample" not in texts(at, "caption")
