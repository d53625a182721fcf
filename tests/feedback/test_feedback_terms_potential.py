"""Top TF-IDF terms (English and Russian) and the information and cooperation potential."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.errors import AnalysisError
from dashboard.feedback import potential, text_terms
from dashboard.store.filters import Filters
from dashboard.value import pyramid
from tests.feedback.test_feedback_data import build_db


@pytest.fixture
def db(tmp_path):
    connection = build_db(tmp_path / "terms.duckdb")
    pyramid.save_tier_rule(connection, pyramid.TierRule("customers", (0.2, 0.4, 0.6)))
    yield connection
    connection.close()


def test_top_complaint_terms_are_the_repeated_words_not_stop_words(db):
    terms = text_terms.top_terms(text_terms.feedback_texts(db, Filters()), n_terms=3)
    complaints = terms[terms["kind"] == "complaint"]
    assert complaints["term"].tolist()[:2] == ["late", "delivery"]
    assert complaints.iloc[0]["texts"] == 2
    assert complaints.iloc[0]["example"] == "Late delivery again"  # the shortest text using it
    assert not set(terms["term"]) & text_terms.STOP_WORDS


def test_cyrillic_words_are_terms():
    texts = pd.DataFrame(
        {
            "kind": ["complaint"] * 3,
            "text": ["Доставка опоздала на неделю", "Опять доставка опоздала", "Это очень плохо"],
        }
    )
    terms = text_terms.top_terms(texts, n_terms=2)
    assert set(terms["term"]) == {"доставка", "опоздала"}
    assert "это" not in set(text_terms.top_terms(texts, n_terms=20)["term"])  # a stop word


def test_terms_per_kind_and_period(db):
    texts = text_terms.feedback_texts(db, Filters())
    terms = text_terms.top_terms(texts, by=("kind", "period"), n_terms=1)
    march = terms[(terms["kind"] == "complaint") & (terms["period"] == pd.Timestamp("2024-03-01"))]
    assert len(march) == 1 and march.iloc[0]["rank"] == 1


def test_texts_are_sampled_to_a_limit(db):
    assert len(text_terms.feedback_texts(db, Filters(), max_texts=4)) == 4
    again = text_terms.feedback_texts(db, Filters(), max_texts=4)
    assert (
        again["text"].tolist()
        == text_terms.feedback_texts(db, Filters(), max_texts=4)["text"].tolist()
    )  # the same sample every time


def test_texts_without_words_say_what_to_do():
    with pytest.raises(AnalysisError, match="no words"):
        text_terms.top_terms(pd.DataFrame({"kind": ["praise"], "text": ["ok 10/10"]}))


def test_information_potential_weights_ideas_above_plain_praise(db):
    df = potential.customer_potential(db, Filters()).set_index("customer_id")
    # c4: a wish (3) and a complaint (2) with texts, feedback on 2 of 3 orders: 5 x (0.5 + 1/3)
    assert df.loc["c4", "information_points"] == pytest.approx(5 * (0.5 + 0.5 * 2 / 3))
    # c1 praised twice on 3 orders: 2 x (0.5 + 1/3)
    assert df.loc["c1", "information_points"] == pytest.approx(2 * (0.5 + 0.5 * 2 / 3))
    assert df.loc["c4", "information_score"] == 100.0
    assert df["information_score"].between(0, 100).all()


def test_cooperation_potential_counts_referrals_reviews_adopted_suggestions(db):
    df = potential.customer_potential(db, Filters()).set_index("customer_id")
    # c1 referred someone (5) and answered two NPS questions (1 each)
    assert df.loc["c1", "cooperation_points"] == 7
    # c3 wrote a review (2), made a suggestion that was adopted (4), answered once (1)
    assert df.loc["c3", ["reviews", "adopted_suggestions", "cooperation_points"]].tolist() == [
        1,
        1,
        7,
    ]
    assert "p1" not in df.index  # gave nothing
    assert df.loc["c1", "tier"] == "1" and df.loc["c1", "revenue"] == 1500


def test_potential_by_tier_averages_scores(db):
    by_tier = potential.potential_by_tier(potential.customer_potential(db, Filters()))
    assert by_tier["tier"].tolist() == ["1", "2", "3", "4"]
    assert by_tier.set_index("tier").loc["4", "customers"] == 2


def test_the_russian_terms_title_keeps_each_count_with_its_word_when_it_wraps():
    """A long title wraps into lines; "(по 58" / "текстов)" read as "(по 58текстов)"."""

    from dashboard.figures import feedback_text

    terms = pd.DataFrame(
        {
            "kind": ["complaint"] * 3,
            "term": ["box", "wrong", "arrived"],
            "weight": [0.1, 0.3, 0.5],
            "texts": [12, 58, 58],
            "example": ["", "", ""],
        }
    )
    title = feedback_text.terms_figure(terms, "complaint", "ru").layout.title.text
    assert "(по\u00a058\u00a0текстов)" in title  # no line break can fall inside
    single = terms.assign(texts=[12, 58, 31])
    title = feedback_text.terms_figure(single, "complaint", "ru").layout.title.text
    assert "(58\u00a0текстов)" in title
