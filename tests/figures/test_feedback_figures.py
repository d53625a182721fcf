"""Figure builders of the Feedback page: values drawn, colours, titles that state the finding."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.feedback import complaints, potential, text_terms, trends
from dashboard.figures import feedback as figures
from dashboard.figures import feedback_complaints as complaint_figures
from dashboard.figures import feedback_text, theme
from dashboard.store.filters import Filters
from dashboard.value import pyramid
from tests.feedback.test_feedback_complaints import small_shop
from tests.feedback.test_feedback_data import build_db


def _text(fig) -> str:
    """The title as a user reads it (line breaks are spaces)."""
    return fig.layout.title.text.replace("<br>", " ")


@pytest.fixture
def db(tmp_path):
    connection = build_db(tmp_path / "figures.duckdb")
    pyramid.save_tier_rule(connection, pyramid.TierRule("customers", (0.2, 0.4, 0.6)))
    yield connection
    connection.close()


def test_iceberg_draws_complaining_customers_above_and_the_silent_below_the_waterline(db):
    df = complaints.complaint_iceberg(db, Filters(), complaint_share=0.5)
    total = complaints.iceberg_summary(db, Filters(), complaint_share=0.5)
    fig = complaint_figures.iceberg_figure(df, total)
    above, below = fig.data
    assert list(above.y) == [1, 1, 2]
    assert list(below.y) == [-1, -1, -2] and list(below.customdata) == [1, 1, 2]
    # c2 complained in January and March: 3 customers / 50% = 6, capped at the 5 who bought
    assert _text(fig) == (
        "4 complaints from 3 customers (1 of them anonymous): if only 50% complain, "
        "all 5 customers of the period may be dissatisfied"
    )
    assert above.hovertext[2] == "2 customers complained (2 complaints)"
    assert below.hovertext[2] == "about 2 dissatisfied customers stayed silent"
    assert all(not text.startswith("-") for text in fig.layout.yaxis.ticktext)


def test_iceberg_changes_with_the_share(db):
    df = complaints.complaint_iceberg(db, Filters(), complaint_share=0.8)
    total = complaints.iceberg_summary(db, Filters(), complaint_share=0.8)
    fig = complaint_figures.iceberg_figure(df, total, lang="ru")
    # over the range, not the months' 1 + 1 + 3
    assert _text(fig) == (
        "За 4 жалобами от 3 клиентов (из них 1 анонимный) стоят около 4 недовольных клиентов "
        "(если жалуются 80\u00a0%)"
    )


def test_capped_iceberg_says_every_customer_in_words(tmp_path):
    conn = small_shop(tmp_path / "shop.duckdb")  # 10 buyers; b1 complained 3 times, 1 anonymous
    df = complaints.complaint_iceberg(conn, Filters())
    total = complaints.iceberg_summary(conn, Filters())
    fig = complaint_figures.iceberg_figure(df, total)
    assert "all 10 customers of the period" in _text(fig) and "50" not in _text(fig)
    assert max(-v for v in fig.data[1].y) <= 10  # no bar below the waterline beyond the shop
    assert fig.data[1].hovertext[0] == (
        "9 more: every customer may be dissatisfied, at most all 10"
    )
    tiers = complaints.iceberg_by_tier(conn, Filters())
    tier_fig = complaint_figures.iceberg_tier_figure(tiers, lang="ru")
    tier4 = tiers.set_index("tier").loc["4"]  # b1 spent least: tier 4 of 6 customers
    assert tier4["estimated_dissatisfied"] == tier4["customers"] == 6  # not 1 / 4% = 25
    assert _text(tier_fig) == (
        "Уровень 4: 3 жалобы от 1 клиента: если жалуются лишь 4\u00a0%, "
        "недовольны могут быть все 6 клиентов группы"
    )
    conn.close()


def test_iceberg_per_tier_in_tier_colours(db):
    df = complaints.iceberg_by_tier(db, Filters(), complaint_share=1.0)
    fig = complaint_figures.iceberg_tier_figure(df, complaint_share=1.0)
    tier2 = [tr for tr in fig.data if tr.x[0] == "Tier 2"]
    assert tier2[0].marker.color == theme.TIER_COLORS["2"] and list(tier2[0].y) == [1]
    # tiers 2 and 3 both estimate one dissatisfied customer; tier 2 complained more
    assert _text(fig) == (
        "Tier 2: 2 complaints from 1 customer stand for about 1 dissatisfied of its 1 customer"
    )


def test_resolution_nps_and_rating_figures(db):
    resolution = complaint_figures.resolution_figure(complaints.resolution_by_tier(db, Filters()))
    assert resolution.layout.yaxis.title.text == "Days to resolve"
    nps = figures.nps_figure(trends.nps_trend(db, Filters()))
    assert _text(nps) == "NPS was 100 in Mar 2024 (1 answer)"
    promoters = next(tr for tr in nps.data if tr.name == "Promoters (9-10)")
    assert list(promoters.y) == [0.5, 0.5, 1.0]
    ratings = figures.rating_figure(trends.rating_distribution(db, Filters()))
    assert _text(ratings) == "50% of 1-5 ratings are 4 or 5 stars"


def test_empty_data_gives_a_titled_empty_chart(db):
    empty = Filters(start=pd.Timestamp("2030-01-01").date())
    assert (
        len(
            complaint_figures.iceberg_figure(
                complaints.complaint_iceberg(db, empty),
                complaints.iceberg_summary(db, empty),
            ).data
        )
        == 0
    )
    assert "Nobody answered" in figures.nps_figure(
        trends.nps_trend(db, empty)
    ).layout.title.text.replace("<br>", " ")


def test_bad_arguments_raise_value_error(db):
    with pytest.raises(ValueError):
        complaint_figures.iceberg_figure(
            pd.DataFrame({"period": []}), complaints.iceberg_summary(db, Filters())
        )
    with pytest.raises(ValueError):
        complaint_figures.iceberg_figure(
            complaints.complaint_iceberg(db, Filters()), {"complaints": 4}
        )
    with pytest.raises(ValueError):
        figures.nps_figure(pd.DataFrame({"nps": [1]}))
    with pytest.raises(ValueError):
        feedback_text.potential_figure(potential.customer_potential(db, Filters()), score="revenue")
    with pytest.raises(ValueError):
        feedback_text.terms_figure(pd.DataFrame({"term": ["x"]}), kind="complaint")


def test_terms_figure_shows_the_heaviest_term_last(db):
    terms = text_terms.top_terms(text_terms.feedback_texts(db, Filters()), n_terms=5)
    fig = feedback_text.terms_figure(terms, "complaint")
    assert fig.data[0].y[-1] == "late"
    assert fig.data[0].marker.color == theme.KIND_COLORS["complaint"]
    # "delivery" is in as many texts: both are named, the heaviest first
    assert _text(fig) == "Complaints talk most about “late” and “delivery” (2 texts each)"


def test_potential_figure_plots_score_against_revenue_by_tier(db):
    fig = feedback_text.potential_figure(
        potential.customer_potential(db, Filters()), score="cooperation_score"
    )
    tier1 = next(tr for tr in fig.data if tr.name == "Tier 1")
    assert list(tier1.x) == [1500] and tier1.marker.color == theme.TIER_COLORS["1"]
    assert fig.layout.xaxis.title.text == "Customer revenue"
    assert _text(fig).startswith("Tier 1 cooperates the most")


def test_terms_found_in_as_many_texts_share_the_title():
    terms = pd.DataFrame(
        {
            "kind": ["complaint"] * 3,
            "term": ["box", "wrong", "arrived"],
            "weight": [0.1, 0.3, 0.5],
            "texts": [12, 58, 58],
            "example": ["", "", ""],
        }
    )
    fig = feedback_text.terms_figure(terms, "complaint")
    assert _text(fig) == "Complaints talk most about “arrived” and “wrong” (58 texts each)"
    russian = feedback_text.terms_figure(terms, "complaint", "ru")
    assert "пишут про «arrived» и «wrong» (по\u00a058\u00a0текстов)" in _text(russian)


def test_the_terms_hover_counts_texts_in_agreement_with_the_number():
    terms = pd.DataFrame(
        {
            "kind": ["complaint"] * 3,
            "period": [pd.Timestamp("2024-01-01")] * 3,
            "term": ["late", "box", "wrong"],
            "weight": [0.3, 0.2, 0.1],
            "texts": [1, 3, 21],
            "example": ["", "", ""],
        }
    )
    russian = feedback_text.terms_figure(terms, "complaint", "ru").data[0]
    shown = dict(zip(russian.y, russian.customdata, strict=True))
    assert shown == {"late": "1 текст", "box": "3 текста", "wrong": "21 текст"}
    english = feedback_text.terms_figure(terms, "complaint").data[0]
    assert dict(zip(english.y, english.customdata, strict=True)) == {
        "late": "1 text",
        "box": "3 texts",
        "wrong": "21 texts",
    }


def test_a_chart_without_resolved_complaints_draws_no_axes(db):
    db.execute("UPDATE feedback SET resolved_at = NULL")
    by_tier = complaints.resolution_by_tier(db, Filters())
    assert by_tier["complaints"].sum() > 0
    fig = complaint_figures.resolution_figure(by_tier)
    assert _text(fig) == "No complaint has been resolved yet"
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False  # not -1..6


def test_anonymous_complaints_alone_are_not_an_iceberg(db):
    db.execute("DELETE FROM feedback WHERE kind = 'complaint' AND customer_id IS NOT NULL")
    total = complaints.iceberg_summary(db, Filters())
    assert total["complaints"] == total["anonymous"] == 1
    fig = complaint_figures.iceberg_figure(complaints.complaint_iceberg(db, Filters()), total)
    assert _text(fig).startswith("1 complaint, all anonymous: with no customer behind them")
    assert all(v == 0 for v in fig.data[1].y)  # nobody estimated below the waterline
    tiers = complaints.iceberg_by_tier(db, Filters())
    assert tiers["tier"].tolist() == ["unknown"]
    tier_fig = complaint_figures.iceberg_tier_figure(tiers, lang="ru")
    assert _text(tier_fig).startswith("1 жалоба, и ни одной от клиента с уровнем за период")
    assert "клиентов" not in tier_fig.data[1].hovertext[0]  # not "at most all 3 customers"
    assert list(tier_fig.data[1].y) == [0]
