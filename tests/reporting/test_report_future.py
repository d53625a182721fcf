"""The HTML report carries the next 12 months' predicted revenue with its interval, or says why
it leaves it out."""

from __future__ import annotations

from datetime import date

from dashboard import i18n
from dashboard.future import model
from dashboard.reporting import report
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value.cost_model import load_cost_model
from tests.reporting.test_report import text_of


def test_the_report_predicts_the_next_12_months_with_the_interval(demo_conn):
    end = demo_conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]
    period = Filters(date(end.year - 1, end.month, 1), end)
    fc = model.forecast(demo_conn, Filters(None, end), model.Settings(), load_cost_model(demo_conn))
    for lang, words in (("en", "Predicted revenue for the next 12 months: "),
                        ("ru", "Прогноз выручки на следующие 12 месяцев: ")):  # fmt: skip
        shown = text_of(report.build_html(demo_conn, period, lang))
        money = [
            i18n.format_money(fc.totals[k], lang, "USD", compact=True)
            for k in ("predicted_revenue", "predicted_revenue_low", "predicted_revenue_high")
        ]
        assert f"{words}{money[0]} (" in shown
        assert f"{money[1]} – {money[2]})" in shown
    assert "The next 12 months" in text_of(report.build_html(demo_conn, period, "en"))


def test_the_report_says_why_it_has_no_prediction(tmp_path):
    conn = database.connect(tmp_path / "small.duckdb")
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue) "
        "SELECT 'c' || i, 'o' || i, TIMESTAMP '2024-01-01' + to_days(i::INTEGER), 10 "
        "FROM range(30) t(i)"
    )
    document = report.build_html(conn, Filters(date(2024, 1, 1), date(2024, 1, 30)), "en")
    shown = text_of(document)
    assert "Predicted revenue for the next 12 months is not shown: Only" in shown
    assert "Predicted revenue for the next 12 months: " not in shown
    assert 'data-future="omitted"' in document
    ru = text_of(report.build_html(conn, Filters(date(2024, 1, 1), date(2024, 1, 30)), "ru"))
    assert "Прогноз выручки на 12 месяцев не показан: До" in ru
    conn.close()
