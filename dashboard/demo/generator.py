"""Demo data: a seeded, believable business generated in DuckDB SQL and loaded in one transaction.

Every demo row carries the ``import_id`` of the demo's row in ``import_log`` (mode ``'demo'``), so
the demo can be removed again (:mod:`dashboard.demo.removal`) once a user's own imports sit
beside it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta

import duckdb

from dashboard import i18n
from dashboard.campaigns import design
from dashboard.demo import generator_sql, vocabulary
from dashboard.errors import AnalysisError, ImportFailed, StorageError
from dashboard.store import database

DEFAULT_CUSTOMERS = 20_000
MAX_CUSTOMERS = 10_000_000
MONTHS = 48  # four whole years of history

#: Hidden value segments, in order: whales, top, middle, infrequent buyers. Each list holds one
#: value per segment; the SQL picks it with ``$name[segment]``.
SEGMENTS = {
    "segment_share": (0.01, 0.10, 0.24, 0.65),
    "signup_power": (1.6, 1.2, 0.9, 0.8),  # > 1: signed up early; < 1: growth, later sign-ups
    # Buy till you die (the BG/NBD process): while alive a customer buys at a Poisson rate of
    # their own (purchases per week, gamma-distributed with this mean and shape); after each
    # repeat purchase they drop out with a probability of their own (beta(a, b)).
    "purchase_rate": (0.35, 0.1, 0.1, 0.006),
    "rate_shape": (2.0, 2.0, 2.0, 0.5),
    "dropout_a": (1.0, 1.5, 1.5, 1.0),
    "dropout_b": (99.0, 36.0, 11.0, 6.0),  # mean dropout a / (a + b): 1%, 4%, 12%, 14%
    "trouble": (0.25, 0.3, 0.6, 0.3),  # drives returns, service contacts and complaints
    "loyalty": (0.75, 0.65, 0.45, 0.35),  # drives praise, scores, referrals and reviews
    "lines": (4.4, 3.4, 1.8, 1.6),
    "price_level": (1.0, 1.0, 0.6, 0.6),
    "discount": (0.15, 0.05, 0.2, 0.1),  # volume deals, promo hunters, first-order coupons
    "return_rate": (0.02, 0.04, 0.14, 0.04),
    "contacts": (6.0, 2.0, 6.0, 0.4),
    "referrals": (12.0, 10.0, 5.0, 3.0),
    "reviews": (0.4, 0.3, 0.2, 0.05),
    "feedback": (4.0, 2.0, 1.6, 0.5),
}

#: Service contact kinds per segment, as shares of the segment's contacts.
CONTACT_MIX = (
    {"support_call": 8, "email": 6, "chat": 0, "visit": 6},
    {"support_call": 6, "email": 8, "chat": 4, "visit": 2},
    {"support_call": 9, "email": 4, "chat": 3, "visit": 4},
    {"support_call": 3, "email": 8, "chat": 8, "visit": 1},
)

#: One finished campaign, so that the Campaigns page has something to show: tier 4 (the many
#: infrequent buyers, whose strategy is to raise their volume) offered a discount on a next order,
#: starting on the first day of the month three months before the end, with a 10% control group.
#: ``lift`` is the share of the target group that answers with an extra order.
DEMO_CAMPAIGN = {
    "name": "Next order 10% off (tier 4)",
    "tier": "4",
    "months_before_end": 3,
    "window_days": 30,
    "control_share": 0.1,
    "cost_per_contact": 0.5,
    "channel": "e-mail",
    "offer": "10% off the next order",
    "lift": 0.05,
    "discount": 0.1,
}

#: The import log's mode for a demo load (its table_name is 'all').
DEMO_MODE = "demo"

#: The holiday peak: in November and December customers buy this many times faster than in the
#: other months (``pace``; over a year each customer's mean rate stays their own) and fill bigger
#: baskets (``basket``, on the value of each line). A mild pace keeps the purchase process close
#: to the stationary one the future-value model assumes.
HOLIDAY = {"pace": 1.1, "basket": 1.35}
DUPLICATE_RATE = 0.004  # customers registered twice (same e-mail or same phone)
ANONYMOUS_RATE = 0.02  # anonymous feedback, per customer
#: The chance that one feedback item is a complaint: ``base + per_trouble x trouble²``. About
#: 0.5-1% of a year's buyers complain, so the iceberg at 4% finds a believable 15-25% of them
#: dissatisfied, not every customer.
COMPLAINT_CHANCE = {"base": 0.002, "per_trouble": 0.05}

Progress = Callable[[float, str], None]


def default_end_date(today: date | None = None) -> date:
    """The last day of the previous month: the demo ends near today but is stable for a month.

    Parameters
    ----------
    today : date, optional
        The day to count from (default: today).
    """
    today = today or date.today()
    return today.replace(day=1) - timedelta(days=1)


def start_date(end: date) -> date:
    """The first day of the demo: the first of the month, ``MONTHS`` whole months before ``end``.

    Parameters
    ----------
    end : date
        The last day of the demo.
    """
    months = end.year * 12 + end.month - 1 - (MONTHS - 1)
    return date(months // 12, months % 12 + 1, 1)


def load_demo(
    conn: duckdb.DuckDBPyConnection,
    customers: int = DEFAULT_CUSTOMERS,
    seed: int = 42,
    end_date: date | None = None,
    progress: Progress | None = None,
) -> dict:
    """Replace the four data tables' contents with a generated business, in one transaction.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database (its schema must exist: use :func:`dashboard.store.database.connect`).
    customers : int
        How many customers to generate (about 10 transaction lines each).
    seed : int
        The same seed and end date always give the same data.
    end_date : date, optional
        The last day of data (default: the last day of the previous month).
    progress : callable, optional
        Called as ``progress(fraction_done, step)`` after each table.

    Returns
    -------
    dict
        Rows per table (``customers``, ``transactions``, ``feedback``, ``interactions``),
        ``date_from`` and ``date_to`` of the transactions, ``import_id`` and ``seed``.
    """
    customers, seed = _check(customers, seed)
    end = end_date or default_end_date()
    params = _parameters(customers, seed, start_date(end), end)
    try:
        return _load(conn, params, progress or (lambda fraction, step: None))
    except duckdb.Error as e:
        raise write_failed(e) from e


def write_failed(error: duckdb.Error) -> StorageError:
    """The message for a demo load or removal that the database refused (nothing changed)."""
    return StorageError(
        f"The demo data could not be written: {error}. Check that the disk has space and that "
        "no other program is writing to the database, then try again.",
        key="errors.demo_failed",
        error=str(error),
    )


def _check(customers, seed) -> tuple[int, int]:
    try:
        customers, seed = int(customers), int(seed)
    except (TypeError, ValueError) as e:
        raise ImportFailed(
            "The number of customers and the seed must be whole numbers.",
            fix="e.g. --customers 20000 --seed 42",
        ) from e
    if not 1 <= customers <= MAX_CUSTOMERS:
        raise ImportFailed(
            f"Cannot generate {customers:,} demo customers.",
            fix=f"choose between 1 and {MAX_CUSTOMERS:,} (the default is {DEFAULT_CUSTOMERS:,}).",
        )
    if not -(2**62) <= seed < 2**62:
        raise ImportFailed("The seed is too large.", fix="use a number such as 42.")
    return customers, seed


def _load(conn: duckdb.DuckDBPyConnection, params: dict, progress: Progress) -> dict:
    steps = (
        ("customers", generator_sql.CUSTOMERS_SQL),
        ("transactions", generator_sql.TRANSACTIONS_SQL),
        ("interactions", generator_sql.INTERACTIONS_SQL),
        ("feedback", generator_sql.FEEDBACK_SQL),
    )
    conn.execute("BEGIN TRANSACTION")
    try:
        params["import_id"] = database.next_import_id(conn)
        conn.execute(generator_sql.MACROS_SQL)
        for table in (*database.DATA_TABLES, "campaign_members", "campaigns"):
            conn.execute(f"DELETE FROM {table}")  # campaigns measured the replaced data
        for sql in (generator_sql.PEOPLE_SQL, generator_sql.ORDERS_SQL, generator_sql.PLAN_SQL):
            _run(conn, sql, params)
        progress(0.1, "plan")
        for done, (table, sql) in enumerate(steps, start=1):
            _run(conn, sql, params)
            progress(0.1 + 0.85 * done / len(steps), table)
        _run(conn, generator_sql.WALLET_SQL, params)  # some customers' category spend
        database.bump_data_version(conn)
        campaign_id = _campaign(conn, params)  # drawn from the new data: records the new version
        result = _result(conn, params)
        _log(conn, params, result, [] if campaign_id is None else [campaign_id])
        for table in ("demo_plan", "demo_orders", "demo_people"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    progress(1.0, "done")
    return result


def campaign_start(end: date) -> date:
    """The first day of the demo campaign: the first of the month a few months before ``end``.

    Parameters
    ----------
    end : date
        The last day of the demo.
    """
    months = end.year * 12 + end.month - 1 - DEMO_CAMPAIGN["months_before_end"]
    return date(months // 12, months % 12 + 1, 1)


def _campaign(conn: duckdb.DuckDBPyConnection, params: dict) -> int | None:
    """The demo's finished campaign and its target group's answers; its id (None for a tiny
    demo, whose tier 4 is too small for a control group)."""
    start = campaign_start(params["end_at"].date())
    settings = DEMO_CAMPAIGN
    try:
        campaign_id = design.insert_campaign(
            conn,
            name=settings["name"],
            tier=settings["tier"],
            control_share=settings["control_share"],
            start=start,
            window_days=settings["window_days"],
            seed=params["seed"],
            cost_per_contact=settings["cost_per_contact"],
            channel=settings["channel"],
            offer=settings["offer"],
        )
    except AnalysisError:  # too few customers in tier 4 for a control group
        return None
    answers = {
        "campaign_id": campaign_id,
        "campaign_start": datetime(start.year, start.month, start.day),
        "campaign_seconds": settings["window_days"] * 86400 - 1,
        "campaign_lift": settings["lift"],
        "campaign_discount": settings["discount"],
    }
    _run(conn, generator_sql.CAMPAIGN_SQL, params | answers)
    return campaign_id


def _run(conn: duckdb.DuckDBPyConnection, sql: str, params: dict) -> None:
    """Execute ``sql`` with the named parameters it uses (DuckDB refuses unused ones)."""
    names = set(re.findall(r"\$([A-Za-z_]\w*)", sql))
    conn.execute(sql, {name: params[name] for name in names})


def _result(conn: duckdb.DuckDBPyConnection, params: dict) -> dict:
    counts = database.table_counts(conn)
    first, last = conn.execute(
        "SELECT min(ordered_at)::DATE, max(ordered_at)::DATE FROM transactions"
    ).fetchone()
    return {
        "customers": counts["customers"],
        "transactions": counts["transactions"],
        "feedback": counts["feedback"],
        "interactions": counts["interactions"],
        "date_from": first,
        "date_to": last,
        "import_id": params["import_id"],
        "seed": params["seed"],
    }


def _log(
    conn: duckdb.DuckDBPyConnection, params: dict, result: dict, campaign_ids: list[int]
) -> None:
    """The demo's row in the import log; its ``mapping`` records the campaigns the demo made."""
    rows = sum(result[table] for table in database.DATA_TABLES)
    conn.execute(
        """
        INSERT INTO import_log (import_id, imported_at, file_name, table_name, mode,
                                rows_imported, rows_set_aside, set_aside_reasons, mapping)
        VALUES (?, now()::TIMESTAMP, ?, 'all', ?, ?, 0, '{}', ?)
        """,
        [
            params["import_id"],
            file_name(params["customers"], params["seed"]),
            DEMO_MODE,
            rows,
            json.dumps({"campaigns": campaign_ids}),
        ],
    )


def file_name(customers: int, seed: int) -> str:
    """How the import log names a demo load, e.g. 'demo data (20,000 customers, seed 42)'.

    Parameters
    ----------
    customers, seed : int
        The arguments of the load.
    """
    noun = "customer" if customers == 1 else "customers"
    return f"demo data ({customers:,} {noun}, seed {seed})"


_FILE_NAME = re.compile(r"demo data \(([\d,]+) customers?, seed (\d+)\)")


def shown_file_name(name: str, lang: str) -> str:
    """A file name of the import log as ``lang`` shows it: a demo load's name (see
    :func:`file_name`) in the language, any other name as it is."""
    found = _FILE_NAME.fullmatch(name or "")
    if not found or lang == "en":
        return name
    customers = int(found.group(1).replace(",", ""))
    return i18n.t(
        "data.demo_file_name",
        lang,
        customers=i18n.format_number(customers, lang),
        seed=found.group(2),
    )


def _parameters(customers: int, seed: int, start: date, end: date) -> dict:
    _gamma_shapes()
    start_at = datetime(start.year, start.month, start.day)
    end_at = datetime(end.year, end.month, end.day, 23, 59, 59)
    params = {
        "customers": customers,
        "seed": seed,
        "start_at": start_at,
        "end_at": end_at,
        "span_seconds": (end_at - start_at).total_seconds(),
        "duplicate_rate": DUPLICATE_RATE,
        "anonymous": round(customers * ANONYMOUS_RATE),
        "complaint_base": COMPLAINT_CHANCE["base"],
        "complaint_per_trouble": COMPLAINT_CHANCE["per_trouble"],
        "segment_upto": _cumulative(SEGMENTS["segment_share"]),
        "months": MONTHS,
        **_paces(HOLIDAY["pace"]),
        "holiday_basket": HOLIDAY["basket"],
        **{name: list(values) for name, values in SEGMENTS.items() if name != "segment_share"},
    }
    return params | _vocabulary()


def _paces(holiday: float) -> dict:
    """The speed of the purchase clock in the other months and in November and December: their
    mean over a year is about 1, so a customer's rate is their mean purchases per week."""
    normal = 12 / (10 + 2 * holiday)
    return {"normal_pace": normal, "holiday_pace": holiday * normal}


def _gamma_shapes() -> None:
    """The SQL draws gamma shapes below 3 exactly as sums of halves (see ``demo_gamma``)."""
    for name in ("rate_shape", "dropout_a", "dropout_b"):
        for shape in SEGMENTS[name]:
            if shape <= 0 or (shape < 3 and (2 * shape) % 1):
                raise ValueError(f"demo {name} {shape}: below 3 it must be a multiple of 0.5")


def _cumulative(shares) -> list[float]:
    total, running = 0.0, []
    for share in shares:
        total += share
        running.append(total)
    return running


def _slots(weights, size: int = 100) -> list[int]:
    """1-based indices, each repeated in proportion to its weight: a uniform pick is weighted."""
    total = sum(weights)
    counts = [round(w / total * size) for w in weights]
    counts[counts.index(max(counts))] += size - sum(counts)
    return [index for index, n in enumerate(counts, start=1) for _ in range(n)]


def _latin(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower())


def _vocabulary() -> dict:
    return _names() | _places() | _catalogue() | _contacts() | _feedback_words()


def _names() -> dict:
    ru, en = vocabulary.RU_FIRST_NAMES, vocabulary.EN_FIRST_NAMES
    return {
        "ru_male": [[cyr, lat] for cyr, lat, g in ru if g == "m"],
        "ru_female": [[cyr, lat] for cyr, lat, g in ru if g == "f"],
        "ru_last": [[cyr, lat] for cyr, lat in vocabulary.RU_LAST_NAMES],
        "en_male": [[name, _latin(name)] for name, g in en if g == "m"],
        "en_female": [[name, _latin(name)] for name, g in en if g == "f"],
        "en_last": [[name, _latin(name)] for name in vocabulary.EN_LAST_NAMES],
    }


def _places() -> dict:
    countries = vocabulary.COUNTRIES
    return {
        "country_names": [c[0] for c in countries],
        "country_slots": _slots([c[1] for c in countries]),
        "country_phone": [c[2] for c in countries],
        "country_is_ru": [c[3] for c in countries],
        "country_domains": [list(c[4]) for c in countries],
    }


def _catalogue() -> dict:
    categories = vocabulary.CATEGORIES
    products = [p for _, _, items in categories.values() for p in items]
    sizes = {len(items) for _, _, items in categories.values()}
    if len(sizes) != 1:
        raise ValueError("every demo category needs the same number of products")
    channels = vocabulary.CUSTOMER_CHANNELS
    return {
        "category_names": list(categories),
        "category_margin": [margin for _, margin, _ in categories.values()],
        "category_slots": _slots([share for share, _, _ in categories.values()]),
        "products_per_category": sizes.pop(),
        "product_names": [name for name, _ in products],
        "product_price": [price for _, price in products],
        "channel_slots": [channels[i - 1][0] for i in _slots([s for _, s in channels])],
    }


def _contacts() -> dict:
    kinds = vocabulary.CONTACT_KINDS
    return {
        "kind_names": list(kinds),
        "kind_channel": [channel for channel, _ in kinds.values()],
        "kind_cost": [cost for _, cost in kinds.values()],
        "contact_slots": [
            [kind for kind, n in mix.items() for _ in range(n)] for mix in CONTACT_MIX
        ],
    }


def _feedback_words() -> dict:
    texts = vocabulary.FEEDBACK_TEXTS
    kinds = list(vocabulary.FEEDBACK_KINDS)
    channels = vocabulary.FEEDBACK_CHANNELS
    return {
        "feedback_kinds": kinds,
        "other_kinds": ["question"] * 4 + ["suggestion"] * 3 + ["wish"] * 3,
        "texts_en": [[en for en, _ in texts[kind]] for kind in kinds],
        "texts_ru": [[ru for _, ru in texts[kind]] for kind in kinds],
        "feedback_channel_slots": [channels[i - 1][0] for i in _slots([s for _, s in channels])],
    }
