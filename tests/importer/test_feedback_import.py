"""A real review export (CRLF, quoted multi-line text) imported and then analysed as feedback."""

from __future__ import annotations

import pytest

from dashboard.feedback import text_terms, trends
from dashboard.importer import import_file
from dashboard.store import database
from dashboard.store.filters import Filters

#: What a review tool exports: Windows line ends, quotes around text with commas, line breaks
#: and doubled quotes, Cyrillic, an anonymous review and one without a type (score only).
REVIEWS = (
    "Review ID,Customer ID,Order,Review date,Type,How likely to recommend (0-10),Channel,Comment\r\n"
    'R-1,C1,O-100,2024-03-01 10:00:00,complaint,2,email,"The parcel was late,\r\n'
    'and the box was ""crushed"".\r\nPlease call me."\r\n'
    'R-2,C2,O-101,2024-03-02 11:30:00,praise,10,web,"Great service, thank you!"\r\n'
    'R-3,,,2024-03-03 09:15:00,suggestion,8,web,"Добавьте, пожалуйста,\r\nподарочную упаковку"\r\n'
    'R-4,C3,O-102,2024-03-04 18:45:00,,9,phone,"Fast delivery again"\r\n'
)


@pytest.fixture
def imported(tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_bytes(REVIEWS.encode("utf-8"))
    conn = database.connect(tmp_path / "import.duckdb")
    mapping = {
        "Review ID": "feedback_id",
        "Customer ID": "customer_id",
        "Order": "order_id",
        "Review date": "created_at",
        "Type": "kind",
        "How likely to recommend (0-10)": "score",
        "Channel": "channel",
        "Comment": "text",
    }
    result = import_file(conn, path, "feedback", mapping=mapping)
    yield conn, result
    conn.close()


def test_every_review_is_one_row_with_its_whole_text(imported):
    conn, _ = imported
    rows = conn.execute(
        "SELECT feedback_id, customer_id, order_id, kind, score, scale, text FROM feedback "
        "ORDER BY feedback_id"
    ).fetchall()
    assert [r[0] for r in rows] == ["R-1", "R-2", "R-3", "R-4"]
    first = rows[0]
    assert first[1:4] == ("C1", "O-100", "complaint")
    # the line breaks inside the quotes are kept (as CRLF or LF), the doubled quotes are undone
    assert first[6].replace("\r\n", "\n") == (
        'The parcel was late,\nand the box was "crushed".\nPlease call me.'
    )
    assert rows[2][1] is None  # the anonymous suggestion is kept
    assert rows[2][6].replace("\r\n", "\n") == "Добавьте, пожалуйста,\nподарочную упаковку"


def test_the_scale_is_recognised_and_a_missing_kind_comes_from_the_score(imported):
    conn, _ = imported
    scales = {r[0] for r in conn.execute("SELECT DISTINCT scale FROM feedback").fetchall()}
    assert scales == {"nps_0_10"}
    kind = conn.execute("SELECT kind FROM feedback WHERE feedback_id = 'R-4'").fetchone()[0]
    assert kind == "praise"  # a 9 of 10 without a type


def test_the_imported_reviews_feed_nps_trend_and_terms(imported):
    conn, _ = imported
    assert trends.nps_summary(conn, Filters()) == {
        "responses": 4,
        "promoters": 2,
        "passives": 1,
        "detractors": 1,
        "nps": 25.0,
    }
    trend = trends.trend(conn, Filters())
    assert trend.groupby("kind")["count"].sum().to_dict() == {
        "complaint": 1,
        "praise": 2,
        "suggestion": 1,
    }
    terms = text_terms.top_terms(text_terms.feedback_texts(conn, Filters()))
    assert "подарочную" in set(terms["term"]) and "crushed" in set(terms["term"])
