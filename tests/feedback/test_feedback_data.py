"""Hand-made data for the feedback and loyalty tests: small enough to check every number by eye."""

from __future__ import annotations

from datetime import datetime

from dashboard.store import database

# customer_id, name, country, signup_at
CUSTOMERS = [
    ("c1", "Anna", "UK", "2023-06-01"),
    ("c2", "Boris", "UK", "2023-06-01"),
    ("c3", "Carla", "DE", "2023-06-01"),
    ("c4", "Dmitri", "DE", "2023-06-01"),
    ("c5", "Eva", "UK", "2024-01-01"),
    ("p1", "Petr", "UK", "2024-01-15"),  # a prospect: never bought
]

# customer_id, order_id, ordered_at, revenue, category
TRANSACTIONS = [
    ("c1", "o1", "2024-01-05", 500.0, "toys"),
    ("c1", "o2", "2024-02-05", 400.0, "books"),
    ("c1", "o3", "2024-03-05", 600.0, "toys"),
    ("c2", "o4", "2024-01-10", 50.0, "toys"),
    ("c2", "o5", "2024-03-10", 60.0, "toys"),
    ("c3", "o6", "2024-02-20", 30.0, "books"),
    ("c4", "o7", "2024-01-02", 20.0, "toys"),
    ("c4", "o8", "2024-02-02", 25.0, "toys"),
    ("c4", "o9", "2024-03-02", 25.0, "games"),
    ("c5", "o10", "2024-03-15", 10.0, "toys"),
]

# feedback_id, customer_id, created_at, kind, score, scale, channel, text, resolved_at
FEEDBACK = [
    (
        "f1",
        "c1",
        "2024-01-06",
        "praise",
        10,
        "nps_0_10",
        "email",
        "Great toys, fast delivery",
        None,
    ),
    (
        "f2",
        "c2",
        "2024-01-11",
        "complaint",
        3,
        "nps_0_10",
        "phone",
        "Delivery was late and the box was broken",
        "2024-01-13",
    ),
    ("f3", "c2", "2024-03-11", "complaint", None, None, "phone", "Late delivery again", None),
    (
        "f4",
        "c3",
        "2024-02-21",
        "suggestion",
        9,
        "nps_0_10",
        "web",
        "Please add gift wrapping",
        "2024-02-28",
    ),
    ("f5", "c4", "2024-02-03", "wish", 8, "nps_0_10", "web", "More board games please", None),
    (
        "f6",
        None,
        "2024-02-10",
        "complaint",
        None,
        None,
        "web",
        "Доставка опоздала, коробка помята",
        "2024-02-20",
    ),
    ("f7", "c1", "2024-03-06", "praise", 9, "nps_0_10", "email", "Лучший магазин игрушек", None),
    ("f8", "c5", "2024-03-16", "question", 4, "rating_1_5", "chat", "Where is my order?", None),
    (
        "f9",
        "c4",
        "2024-03-03",
        "complaint",
        2,
        "rating_1_5",
        "phone",
        "Wrong colour of the game",
        "2024-03-13",
    ),
]

# customer_id, occurred_at, kind
INTERACTIONS = [
    ("c1", "2024-02-10", "referral"),
    ("c3", "2024-02-22", "review"),
    ("c2", "2024-01-12", "support_call"),
]


def _ts(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def build_db(path):
    """A fresh database file at ``path`` holding the hand-made rows above; returns the connection."""
    conn = database.connect(path)
    conn.executemany(
        "INSERT INTO customers (customer_id, name, country, signup_at) VALUES (?, ?, ?, ?)",
        [(c, n, k, _ts(s)) for c, n, k, s in CUSTOMERS],
    )
    conn.executemany(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, category, channel) "
        "VALUES (?, ?, ?, ?, ?, 'web')",
        [(c, o, _ts(d), r, k) for c, o, d, r, k in TRANSACTIONS],
    )
    conn.executemany(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, score, scale, channel, "
        "text, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(f, c, _ts(d), k, s, sc, ch, tx, _ts(r)) for f, c, d, k, s, sc, ch, tx, r in FEEDBACK],
    )
    conn.executemany(
        "INSERT INTO interactions (customer_id, occurred_at, kind) VALUES (?, ?, ?)",
        [(c, _ts(d), k) for c, d, k in INTERACTIONS],
    )
    database.bump_data_version(conn)
    return conn
