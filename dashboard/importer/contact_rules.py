"""Service contacts as they come: kinds in English or Russian words, stored as the kinds the
analyses count (a referral, a review, a support call ...)."""

from __future__ import annotations

from dashboard.importer.feedback_rules import words_sql

# fmt: off
#: Words (lower case) that name each contact kind (the demo's and the Loyalty page's: see
#: ``dashboard/demo_vocab.CONTACT_KINDS``), in English and Russian. Any other kind is kept as the
#: file writes it, in lower case.
CONTACT_KIND_WORDS: dict[str, list[str]] = {
    "support_call": [
        "support call", "call", "phone call", "calls", "звонок", "звонки", "звонок в поддержку",
        "телефонный звонок", "входящий звонок",
    ],
    "email": ["e-mail", "e mail", "mail", "letter", "письмо", "письма", "электронное письмо",
              "эл. письмо"],
    "chat": ["chat", "live chat", "чат", "чаты", "онлайн-чат", "переписка в чате"],
    "visit": ["visit", "store visit", "визит", "визиты", "визит в магазин", "посещение"],
    "referral": [
        "referral", "referrals", "recommendation", "рекомендация", "рекомендации",
        "рекомендовал", "рекомендовала", "привел друга", "привёл друга", "реферал",
    ],
    "review": ["review", "reviews", "отзыв", "отзывы", "отзыв на сайте"],
}
# fmt: on


def contact_kind_sql(text: str) -> str:
    """SQL giving a contact's kind: a known word as its kind, any other as written in lower
    case (NULL stays NULL)."""
    return words_sql(text, CONTACT_KIND_WORDS, otherwise=f"lower(trim({text}))")
