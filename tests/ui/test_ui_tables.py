"""Read-only tables in the session's language (dashboard/ui/tables.py): what a reader sees."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.store import database
from dashboard.ui import tables


@pytest.fixture
def shop_db(demo_db_file, tmp_path, monkeypatch):
    """The app pointed at a copy of the demo database, its money in roubles."""
    import streamlit as st

    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, path)
    conn = database.connect(path)
    database.put_setting(conn, "currency", "RUB")
    conn.close()
    monkeypatch.setenv(database.DB_ENV_VAR, str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def shown(element) -> pd.DataFrame:
    """The text a reader sees in an AppTest table: the Styler's display values, or the values."""
    styler = element.proto.arrow_data.styler
    if not styler.display_values:
        return element.value.astype(str)
    return dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values)


def _table_app(lang: str) -> AppTest:
    def app():
        import pandas as pd

        from dashboard.ui import tables

        frame = pd.DataFrame(
            {
                "name": ["b", None],
                "customers": [1234, 5],
                "share": [0.036, 0.5],
                "revenue": [2715.14, -3.5],
                "mean": [174.66, 2.5],
                "last_purchase_at": pd.to_datetime(["2024-03-01 14:05", None]),
            }
        )
        tables.show(frame, money=["revenue"], percent=["share"], labels={"mean": "Mean"})

    at = AppTest.from_function(app)
    at.query_params["lang"] = lang
    return at.run()


def test_a_russian_table_writes_numbers_the_russian_way_and_keeps_the_values(shop_db):
    at = _table_app("ru")
    assert not at.exception
    text = shown(at.dataframe[0])
    assert text.to_dict("list") == {
        "name": ["b", "—"],
        "customers": ["1\u202f234", "5"],
        "share": ["3,6\u00a0%", "50,0\u00a0%"],
        "revenue": ["2\u202f715,14\u00a0₽", "\u22123,50\u00a0₽"],
        "Mean": ["174,66", "2,50"],
        "last_purchase_at": ["01.03.2024 14:05", "—"],
    }
    values = at.dataframe[0].value  # sorting uses these: numbers, not text
    # The browser writes a missing cell (text or date) as the table's placeholder, not "None".
    assert values["name"].iloc[0] == "b" and pd.isna(values["name"].iloc[1])
    assert at.dataframe[0].proto.placeholder == "—"
    assert values["customers"].tolist() == [1234, 5]
    assert values["share"].tolist() == [0.036, 0.5]
    assert values["Mean"].tolist() == [174.66, 2.5]


def test_an_english_table_keeps_english_numbers(shop_db):
    at = _table_app("en")
    text = shown(at.dataframe[0])
    assert text["customers"].tolist() == ["1,234", "5"]
    assert text["share"].tolist() == ["3.6%", "50.0%"]
    assert text["revenue"].tolist() == ["₽2,715.14", "-₽3.50"]
    assert text["Mean"].tolist() == ["174.66", "2.50"]
    assert text["last_purchase_at"].tolist() == ["2024-03-01 14:05", "—"]


def test_a_column_gets_the_fewest_decimals_that_show_its_values():
    assert tables.float_decimals(pd.Series([1.0, 2.0, None])) == 0
    assert tables.float_decimals(pd.Series([1.5, 2.25])) == 2
    assert tables.float_decimals(pd.Series([0.384615])) == tables.MAX_DECIMALS


def test_money_is_written_with_the_currency_where_the_language_puts_it():
    assert i18n.format_money(1234.5, "en", "EUR", decimals=2) == "€1,234.50"
    assert i18n.format_money(1234.5, "ru", "RUB", decimals=2) == "1\u202f234,50\u00a0₽"
    assert i18n.format_money(None, "ru", "RUB", decimals=2) == "—"


def _values_app(lang: str) -> AppTest:
    def app():
        import pandas as pd

        from dashboard.ui import tables

        frame = pd.DataFrame(
            {
                "country": ["United Kingdom", "EIRE", "Atlantis", None],
                "channel": ["web", "marketplace", "kiosk", "phone"],
                "kind": ["visit", "support_call", "chat", "review"],
                "product": ["web", "store", "visit", "phone"],  # not a column of values
            }
        )
        tables.show(frame, labels={"country": "Country", "channel": "Channel"})

    at = AppTest.from_function(app)
    at.query_params["lang"] = lang
    return at.run()


def test_known_values_read_in_russian_and_the_users_own_stay_as_written(shop_db):
    at = _values_app("ru")
    assert not at.exception
    text = shown(at.dataframe[0])
    assert text["Country"].tolist() == ["Великобритания", "Ирландия", "Atlantis", "—"]
    assert text["Channel"].tolist() == ["сайт", "маркетплейс", "kiosk", "телефон"]
    assert text["kind"].tolist() == ["визит в магазин", "звонок в поддержку", "чат", "отзыв"]
    assert text["product"].tolist() == ["web", "store", "visit", "phone"]
    values = at.dataframe[0].value  # the data itself is not changed (sorting, downloads)
    assert values["Country"].tolist()[:3] == ["United Kingdom", "EIRE", "Atlantis"]
    english = shown(_values_app("en").dataframe[0])
    assert english["Country"].tolist()[:2] == ["United Kingdom", "EIRE"]
    assert english["Channel"].tolist()[0] == "web"
