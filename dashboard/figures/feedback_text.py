"""Charts of what customers write about and of their information and cooperation potential."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.figures.feedback import chart_kind_label, group_color, group_label, styled
from dashboard.i18n import format_number, t
from dashboard.text_safety import plotly_text

SCORES = ("information_score", "cooperation_score")


def terms_figure(terms: pd.DataFrame, kind: str, lang: str = "en") -> go.Figure:
    """Horizontal bars of the heaviest terms of one kind (from ``text_terms.top_terms``).

    Parameters
    ----------
    terms : pandas.DataFrame
        kind, rank, term, weight, texts (one row per term and group).
    kind : str
        The kind to draw.
    """
    missing = {"kind", "term", "weight", "texts"} - set(terms.columns)
    if missing:
        raise ValueError(f"terms lack the columns {sorted(missing)}")
    part = terms[terms["kind"] == kind]
    if "period" in part.columns:
        part = part.groupby("term", as_index=False).agg(
            weight=("weight", "mean"), texts=("texts", "sum")
        )
    part = part.sort_values("weight")
    fig = go.Figure()
    if part.empty:
        return styled(fig, t("feedback.title.no_terms", lang, kind=chart_kind_label(kind, lang)))
    fig.add_bar(
        x=part["weight"],
        y=part["term"].map(plotly_text),
        orientation="h",
        # "1 текст", "3 текста", "58 текстов": the count's words agree with it
        customdata=[
            t("feedback.hover.texts", lang, n=format_number(n, lang)) for n in part["texts"]
        ],
        marker_color=theme.KIND_COLORS.get(kind, theme.NEUTRAL),
        showlegend=False,
        hovertemplate="%{y}: %{x:.3f} (%{customdata})<extra></extra>",
    )
    # the term(s) found in the most texts; several when they tie (heaviest first)
    leaders = (
        part[part["texts"] == part["texts"].max()].iloc[::-1]["term"].map(plotly_text).tolist()
    )
    texts = format_number(part["texts"].max(), lang)
    if len(leaders) == 1:
        title = t("feedback.title.terms", lang, kind=chart_kind_label(kind, lang), term=leaders[0],
                  texts=texts)  # fmt: skip
    else:
        quoted = [("«{}»" if lang == "ru" else "“{}”").format(term) for term in leaders[:3]]
        joiner = " и " if lang == "ru" else " and "
        terms = ", ".join(quoted[:-1]) + joiner + quoted[-1]
        title = t("feedback.title.terms_tie", lang, kind=chart_kind_label(kind, lang), terms=terms,
                  texts=texts)  # fmt: skip
    return styled(
        fig,
        title,
        x_title=t("feedback.axis.tfidf", lang),
        y_title="",
        height=max(360, 32 * len(part) + 140),
    )


def potential_figure(
    potential: pd.DataFrame, score: str = "information_score", lang: str = "en"
) -> go.Figure:
    """Each customer's potential score against their revenue, coloured by tier.

    Parameters
    ----------
    potential : pandas.DataFrame
        From ``potential.customer_potential`` (customer_id, tier, revenue and the scores);
        pass a sample when there are many thousands of customers.
    score : {'information_score', 'cooperation_score'}
        Which potential to draw.
    """
    if score not in SCORES:
        raise ValueError(f"score must be one of {SCORES}, not {score!r}")
    missing = {"customer_id", "tier", "revenue", score} - set(potential.columns)
    if missing:
        raise ValueError(f"potential data lacks the columns {sorted(missing)}")
    fig = go.Figure()
    if potential.empty:
        return styled(fig, t("feedback.title.no_potential", lang))
    for tier in sorted(potential["tier"].unique()):
        part = potential[potential["tier"] == tier]
        fig.add_scattergl(
            x=part["revenue"],
            y=part[score],
            mode="markers",
            name=group_label("tier", tier, lang),
            text=part["customer_id"].map(plotly_text),
            marker={"color": group_color("tier", tier), "size": 8, "opacity": 0.7},
            hovertemplate="%{text}: %{x:,.0f}, %{y:.0f}<extra></extra>",
        )
    means = potential.groupby("tier")[score].mean()
    ranked = means[means.index.isin(("1", "2", "3", "4"))]
    best = (ranked if not ranked.empty else means).idxmax()
    title = t(
        f"feedback.title.{score}",
        lang,
        tier=group_label("tier", best, lang),
        mean=format_number(means[best], lang),
    )
    if (potential["revenue"] > 0).all():  # a log axis would hide customers with no revenue
        fig.update_xaxes(type="log")
    return styled(
        fig,
        title,
        x_title=t("feedback.axis.value", lang),
        y_title=t(f"feedback.axis.{score}", lang),
    )
