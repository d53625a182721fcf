"""Feedback files as they come: kinds in words or none, ratings or NPS, multi-line texts."""

from __future__ import annotations

from datetime import datetime

import pytest

from dashboard import importer
from dashboard.importer.feedback_rules import KIND_FROM_SCORE, detect_scale


def rows(conn, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def write(path, text: str, newline: str = "\r\n"):
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


REVIEWS = (
    "Номер отзыва;Код клиента;Номер заказа;Дата;Тип;Оценка;Текст\n"
    'R1;1001;A-1;01.03.2024;Жалоба;1;"Курьер опоздал.\nВторой раз подряд; ""очень"" плохо"\n'
    "R2;;A-2;02.03.2024;благодарность;5;Спасибо!\n"
    "R3;1002;;03.03.2024;Предложение;4;Добавьте оплату картой\n"
    "R4;1003;A-4;04.03.2024;пожелание;3;Хотелось бы больше размеров\n"
    "R5;1004;A-5;05.03.2024;Вопрос;;Когда доставка?\n"
)


def test_russian_multiline_crlf_reviews(conn, tmp_path):
    path = write(tmp_path / "отзывы.csv", REVIEWS)
    preview = importer.preview_file(path, conn=conn)
    assert preview.suggested_table == "feedback"
    assert preview.mapping == {
        "Номер отзыва": "feedback_id",
        "Код клиента": "customer_id",
        "Номер заказа": "order_id",
        "Дата": "created_at",
        "Тип": "kind",
        "Оценка": "score",
        "Текст": "text",
    }
    result = importer.import_file(conn, path, "feedback")
    assert (result.rows_imported, result.rows_set_aside, result.scale) == (5, 0, "rating_1_5")
    got = rows(
        conn,
        "SELECT feedback_id, customer_id, order_id, created_at, kind, score, scale "
        "FROM feedback ORDER BY feedback_id",
    )
    assert got == [
        ("R1", "1001", "A-1", datetime(2024, 3, 1), "complaint", 1.0, "rating_1_5"),
        ("R2", None, "A-2", datetime(2024, 3, 2), "praise", 5.0, "rating_1_5"),
        ("R3", "1002", None, datetime(2024, 3, 3), "suggestion", 4.0, "rating_1_5"),
        ("R4", "1003", "A-4", datetime(2024, 3, 4), "wish", 3.0, "rating_1_5"),
        ("R5", "1004", "A-5", datetime(2024, 3, 5), "question", None, None),
    ]
    assert rows(conn, "SELECT text FROM feedback WHERE feedback_id = 'R1'") == [
        ('Курьер опоздал.\r\nВторой раз подряд; "очень" плохо',)
    ]


def test_kind_follows_the_score_when_the_file_has_none(conn, tmp_path):
    path = write(
        tmp_path / "ratings.csv",
        "created,stars,comment\n"
        "2024-01-01,1,Broken\n2024-01-02,2,Late\n2024-01-03,3,OK\n2024-01-04,5,Love it\n",
    )
    result = importer.import_file(conn, path, "feedback")
    assert result.scale == "rating_1_5"
    assert rows(conn, "SELECT score, kind FROM feedback ORDER BY score") == [
        (1.0, "complaint"),
        (2.0, "complaint"),
        (3.0, "wish"),
        (5.0, "praise"),
    ]


def test_nps_scores_recognised_and_anonymous_feedback_kept(conn, tmp_path):
    path = write(
        tmp_path / "nps.csv",
        "date,customer_id,How likely to recommend (NPS),comment\n"
        "2024-02-01,,0,Never again\n2024-02-02,7,7,Fine\n2024-02-03,9,10,Great\n"
        "2024-02-03,9,10,Great\n",
    )
    result = importer.import_file(
        conn,
        path,
        "feedback",
        mapping={
            "date": "created_at",
            "customer_id": "customer_id",
            "How likely to recommend (NPS)": "score",
            "comment": "text",
        },
    )
    assert result.scale == "nps_0_10"
    assert result.set_aside_reasons == {"duplicate row": 1}
    assert rows(conn, "SELECT customer_id, score, kind, scale FROM feedback ORDER BY score") == [
        (None, 0.0, "complaint", "nps_0_10"),
        ("7", 7.0, "wish", "nps_0_10"),
        ("9", 10.0, "praise", "nps_0_10"),
    ]


def test_scale_rule_and_kind_rule_are_one_configurable_table():
    assert detect_scale("rating", 1, 5) == "rating_1_5"
    assert detect_scale("nps", 3, 5) == "nps_0_10"
    assert detect_scale("score", 0, 10) == "nps_0_10"
    assert detect_scale("score", 1, 50) is None
    assert [kind for _, kind in KIND_FROM_SCORE["nps_0_10"]] == ["complaint", "wish", "praise"]


@pytest.mark.parametrize(
    "word,kind",
    [
        ("Complaints", "complaint"),
        ("ЖАЛОБА", "complaint"),
        ("похвала", "praise"),
        ("Wish", "wish"),
        ("question", "question"),
        ("идея", "suggestion"),
    ],
)
def test_kind_words_in_english_and_russian(conn, tmp_path, word, kind):
    path = write(tmp_path / "one.csv", f"date,type,text\n2024-01-01,{word},x\n")
    importer.import_file(conn, path, "feedback")
    assert rows(conn, "SELECT kind FROM feedback") == [(kind,)]
