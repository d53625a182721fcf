"""The forecast the prepare step keeps in the file is the forecast the model computes: the same
check, fits, holdout, totals and customer rows, the same customers at risk, read back while the
rows are those it was made on."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.future import cache, kept, model
from dashboard.future.model import Settings
from dashboard.store import database
from dashboard.store.filters import Filters, default_period
from dashboard.value.cost_model import load_cost_model

# the inputs are money to the cent and the fit does not depend on the rows' order, so two fits
# agree; what is left is the last bits of the profit shares, summed in parallel
CLOSE = 1e-9


def default_view(conn) -> Filters:
    info = database.summary(conn)
    first, last = date.fromisoformat(info["date_from"]), date.fromisoformat(info["date_to"])
    return Filters(*default_period(first, last))


@pytest.fixture
def prepared(demo_conn):
    """The demo with its default forecast kept, and that forecast as the model computed it."""
    view = default_view(demo_conn)
    computed = model.forecast(demo_conn, view, Settings(), load_cost_model(demo_conn))
    kept.save(demo_conn, computed, view, load_cost_model(demo_conn))
    cache.forget()
    return demo_conn, view, computed


def test_the_kept_forecast_reads_back_as_it_was_computed(prepared):
    conn, view, computed = prepared
    served = cache.forecast_cached(conn, view, Settings(), load_cost_model(conn))
    assert isinstance(served, kept.KeptForecast)
    assert computed.check.ok and served.check == computed.check
    assert served.as_of == computed.as_of and served.settings == computed.settings
    assert served.bgnbd == computed.bgnbd and served.gamma_gamma == computed.gamma_gamma
    assert served.totals == computed.totals and served.fit_sample == computed.fit_sample
    assert served.holdout.as_dict() == computed.holdout.as_dict()
    pd.testing.assert_frame_equal(served.holdout.by_frequency, computed.holdout.by_frequency)
    # the customer rows, read from the file when asked for
    pd.testing.assert_frame_equal(served.customers, computed.customers, check_exact=True)


def test_what_prepare_keeps_is_what_the_model_computes(demo_conn):
    view = default_view(demo_conn)
    made = kept.keep(demo_conn, view)  # as the prepare step does
    served = kept.read(demo_conn, view, Settings(), load_cost_model(demo_conn))
    computed = model.forecast(demo_conn, view, Settings(), load_cost_model(demo_conn))
    assert made["made"] and made["ok"] and made["customers"] == len(computed.customers)
    assert served.check == computed.check and served.as_of == computed.as_of
    assert served.bgnbd == pytest.approx(computed.bgnbd, rel=CLOSE)
    assert served.gamma_gamma == pytest.approx(computed.gamma_gamma, rel=CLOSE)
    assert served.totals == pytest.approx(computed.totals, rel=CLOSE)
    assert served.holdout.actual == computed.holdout.actual
    pd.testing.assert_frame_equal(served.customers, computed.customers, rtol=CLOSE)


def test_the_customers_at_risk_and_one_customers_row_are_the_same(prepared):
    conn, view, computed = prepared
    served = cache.forecast_cached(conn, view, Settings(), load_cost_model(conn))
    expected = model.at_risk(computed)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(cache.at_risk(conn, served), expected, check_exact=True)
    first = cache.at_risk(conn, served, limit=5)  # what the page's table shows of them
    pd.testing.assert_frame_equal(first, expected.head(5), check_exact=True)
    assert cache.at_risk_count(conn, served) == cache.at_risk_count(conn, computed) == len(expected)
    one = expected["customer_id"].iloc[0]
    pd.testing.assert_frame_equal(
        cache.customer_row(conn, served, one).reset_index(drop=True),
        cache.customer_row(conn, computed, one).reset_index(drop=True),
        check_exact=True,
    )
    assert cache.customer_row(conn, served, "nobody").empty
    # SQL joins the kept table in the file itself: no copy into memory
    assert cache.relation(conn, served) == served.table


def test_other_settings_or_changed_rows_are_computed_afresh(prepared):
    conn, view, _ = prepared
    model_ = load_cost_model(conn)
    other = cache.forecast_cached(conn, view, Settings(horizon_weeks=26), model_)
    assert not isinstance(other, kept.KeptForecast)
    again = kept.keep(conn, view)
    assert again["made"] is False  # kept on these rows already
    conn.execute("BEGIN TRANSACTION")
    database.bump_data_version(conn)  # as an import does
    conn.execute("COMMIT")
    cache.forget()
    assert kept.read(conn, view, Settings(), model_) is None
    assert not isinstance(cache.forecast_cached(conn, view, Settings(), model_), kept.KeptForecast)
    remade = kept.keep(conn, view)  # the next prepare replaces the stale one
    assert remade["made"]
    tables = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = ?", [kept.SCHEMA]
    ).fetchone()[0]
    assert tables == 2  # the catalog and one forecast's customers: the stale one is gone
