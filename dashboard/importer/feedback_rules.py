"""Feedback as it comes: kinds in English or Russian words, 1-5 ratings or 0-10 NPS scores."""

from __future__ import annotations

from dashboard.importer.values import literal

KINDS = ("complaint", "suggestion", "wish", "praise", "question")

# fmt: off
#: Words (lower case) that name each kind, in English and Russian, singular and plural.
KIND_WORDS: dict[str, list[str]] = {
    "complaint": [
        "complaint", "complaints", "claim", "negative", "problem", "issue", "жалоба", "жалобы",
        "претензия", "претензии", "негатив", "проблема", "рекламация",
    ],
    "suggestion": [
        "suggestion", "suggestions", "proposal", "idea", "improvement", "предложение",
        "предложения", "идея", "улучшение",
    ],
    "wish": ["wish", "wishes", "request", "feature request", "пожелание", "пожелания", "просьба"],
    "praise": [
        "praise", "compliment", "thanks", "thank you", "positive", "gratitude", "похвала",
        "благодарность", "благодарности", "спасибо", "позитив", "отзыв положительный",
    ],
    "question": ["question", "questions", "inquiry", "enquiry", "вопрос", "вопросы", "запрос"],
}

#: The kind that a score means when the file has no kind (or an empty one): upper bounds per
#: scale, checked in order. Neutral scores are taken as a wish: the customer is content but
#: expects something better.
KIND_FROM_SCORE: dict[str, list[tuple[float, str]]] = {
    "rating_1_5": [(2, "complaint"), (3, "wish"), (5, "praise")],
    "nps_0_10": [(6, "complaint"), (8, "wish"), (10, "praise")],
}

# fmt: on

_NPS_HEADER_WORDS = ("nps", "recommend", "рекоменд")


def detect_scale(header: str, low: float | None, high: float | None) -> str | None:
    """'nps_0_10' or 'rating_1_5', from the header and the smallest and largest score.

    Returns None when the scores fit neither scale (the caller says so to the user).
    """
    if low is None or high is None:
        return None
    if any(word in header.lower() for word in _NPS_HEADER_WORDS) and low >= 0 and high <= 10:
        return "nps_0_10"
    if low >= 1 and high <= 5:
        return "rating_1_5"
    if low >= 0 and high <= 10:
        return "nps_0_10"
    return None


def words_sql(text: str, words: dict[str, list[str]], otherwise: str = "NULL") -> str:
    """SQL giving the kind whose words (or own name) ``text`` is, trimmed and in lower case;
    ``otherwise`` (an SQL expression) when it is none of them."""
    pairs = [(word, kind) for kind, names in words.items() for word in [kind, *names]]
    cases = " ".join(
        f"WHEN {literal(word)} THEN {literal(kind)}" for word, kind in dict(pairs).items()
    )
    return f"(CASE lower(trim({text})) {cases} ELSE {otherwise} END)"


def kind_from_words_sql(text: str) -> str:
    """SQL giving the normalised kind of a kind word (NULL when the word is not known)."""
    return words_sql(text, KIND_WORDS)


def kind_from_score_sql(score: str, scale: str | None) -> str:
    """SQL giving the kind that a score on ``scale`` stands for (NULL without a score)."""
    if scale is None:
        return "CAST(NULL AS VARCHAR)"
    cases = " ".join(
        f"WHEN {score} <= {bound} THEN {literal(kind)}" for bound, kind in KIND_FROM_SCORE[scale]
    )
    return f"(CASE {cases} END)"


def accepted_kind_words() -> str:
    """The kind words a file may use, for the message when one is not known."""
    return ", ".join(KINDS) + " (or in Russian: жалоба, предложение, пожелание, похвала, вопрос)"
