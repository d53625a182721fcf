"""Campaigns (IDIC's customize step): an audience with a held-out control group, measured later.

A campaign takes its audience from a kept pick of clusters or from a value tier, holds out a
random control group (drawn in SQL from a hash of the customer id and a seed, so the same seed
always gives the same group), and is measured over its response window: who bought in the target
group against the control group, the uplift with a 95% confidence interval, and what it earned.
Campaigns are saved like picks: creating or deleting one does not change the data version.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from dashboard.errors import AnalysisError, Percent
from dashboard.store import computed, database
from dashboard.store.filters import Filters, months_before
from dashboard.value import cost_model, pyramid, ranking

GROUPS = ("target", "control")
MAX_CONTROL_SHARE = 0.5
MAX_WINDOW_DAYS = 365
#: A tier audience is ranked on the months before the start, so a backtest never sees the future.
TIER_MONTHS = 12
#: The columns of the campaigns table, in order.
# fmt: off
COLUMNS = (
    "campaign_id", "name", "source", "pick_id", "tier", "tier_from", "tier_to", "tier_by",
    "channel", "offer", "created_at", "start_date", "window_days", "control_share", "seed",
    "cost_per_contact", "target_customers", "control_customers", "data_version",
)
# fmt: on


def tier_period(start: date) -> Filters:
    """The period a tier audience is ranked on: the :data:`TIER_MONTHS` months before ``start``."""
    return Filters(start=months_before(start, TIER_MONTHS), end=start - timedelta(days=1))


#: Data whose last purchase is older than this are history: a new campaign defaults to a backtest.
RECENT_DATA_DAYS = 90


def default_start(last: date | None, today: date) -> date:
    """The start a new campaign is offered: today for current data; for historical data (last
    purchase over :data:`RECENT_DATA_DAYS` ago, e.g. Online Retail II) a backtest whose 30-day
    window the data still cover."""
    if last is None or (today - last).days <= RECENT_DATA_DAYS:
        return today
    return last - timedelta(days=30)


def control_size(customers: int, share: float) -> int:
    """The control group's size: ``customers × share`` rounded half up (10 × 0.25 → 3)."""
    return int(math.floor(customers * share + 0.5 + 1e-9))  # 1e-9: 0.15 is not exact in binary


def _check_settings(control_share, window_days, cost_per_contact) -> None:
    if not 0 < control_share <= MAX_CONTROL_SHARE:
        raise AnalysisError(
            f"The control share must be above 0% and at most 50% (not {control_share:.0%}): "
            "without a control group the response cannot be measured.",
            key="errors.campaign_share",
            share=Percent(control_share),
        )
    if not 1 <= window_days <= MAX_WINDOW_DAYS:
        raise AnalysisError(
            f"The response window must be 1 to {MAX_WINDOW_DAYS} days (not {window_days}).",
            key="errors.campaign_window",
            days=window_days,
            max_days=MAX_WINDOW_DAYS,
        )
    if cost_per_contact is not None and not cost_per_contact >= 0:
        raise AnalysisError(
            f"The cost per contact cannot be negative ({cost_per_contact}): leave it empty "
            "when it is not known.",
            key="errors.campaign_cost",
            cost=cost_per_contact,
        )


def at_risk_audience(conn: duckdb.DuckDBPyConnection, start: date) -> pd.DataFrame:
    """The valuable customers at risk an audience starting on ``start`` gets: the forecast as of
    the day before (so a backtest never sees the future), saved cost model, default settings.

    Raises
    ------
    AnalysisError
        When the forecast's data check fails (what failed and what data would fix it).
    """
    from dashboard.future import cache as future_cache
    from dashboard.future import model as future_model
    from dashboard.future import tiers as future_tiers

    fc = future_cache.forecast_cached(
        conn,
        Filters(None, start - timedelta(days=1)),
        future_model.Settings(),
        cost_model.load_cost_model(conn),
    )
    if not fc.check.ok:
        reasons = future_tiers.failure_labels(fc)
        raise AnalysisError(
            f"The model of future value cannot be trusted on the data before {start}, so it "
            f"names no customers at risk: {' '.join(r.text for r in reasons)}",
            key="errors.campaign_at_risk_refused",
            start=start.isoformat(),
            reasons=reasons,
        )
    return future_cache.at_risk(conn, fc)  # in SQL when the forecast is kept in the file


def wallet_audience(conn: duckdb.DuckDBPyConnection, start: date) -> pd.DataFrame:
    """The customers of high wallet and low share an audience starting on ``start`` gets: the
    :data:`TIER_MONTHS` months before the start, with the saved tier rule, cost model, wallet
    estimates and opportunity limits (:func:`dashboard.wallet.share.opportunities`).

    Raises
    ------
    AnalysisError
        When no customer's category spend is known (what to import).
    """
    from dashboard.wallet import share

    if share.nothing_known(share.status(conn)):
        raise AnalysisError(key="wallet.error.nothing_known")
    return share.opportunities(
        conn,
        tier_period(start),
        rule=pyramid.load_tier_rule(conn),
        cost_model=cost_model.load_cost_model(conn),
    )


def _audience_sql(
    conn, pick_id, tier, start: date, by: str, at_risk: bool = False, wallet: bool = False
) -> tuple[str, list, dict]:
    """SQL selecting the audience's customer ids, its parameters and the source's columns."""
    if (pick_id is not None) + (tier is not None) + bool(at_risk) + bool(wallet) != 1:
        raise AnalysisError(
            "Choose the audience: either a kept pick of clusters or a value tier.",
            key="errors.campaign_source",
        )
    if at_risk:
        ids = at_risk_audience(conn, start)["customer_id"].astype(str).tolist()
        return "SELECT unnest(?::VARCHAR[]) AS customer_id", [ids], {"source": "at_risk"}
    if wallet:
        ids = wallet_audience(conn, start)["customer_id"].astype(str).tolist()
        return "SELECT unnest(?::VARCHAR[]) AS customer_id", [ids], {"source": "wallet"}
    if pick_id is not None:
        from dashboard.clustering import runs  # scikit-learn loads only for picks

        pick = runs.read_pick(conn, pick_id)
        sql = (
            "SELECT customer_id FROM segment_assignments "
            "WHERE run_id = ? AND list_contains(?, cluster)"
        )
        return sql, [pick["run_id"], list(pick["clusters"])], {"source": "pick", "pick_id": pick_id}
    if tier not in pyramid.ALL_TIERS:
        raise AnalysisError(
            f"Unknown tier {tier!r}: choose 1, 2, 3, 4 or inactive.",
            key="errors.unknown_tier",
            tier=repr(tier),
        )
    period = tier_period(start)
    model = cost_model.load_cost_model(conn)
    # the value table compute kept for that period (on Spark, when the lines live there), else
    # None: not value.cache.source, whose own cursor cannot see rows the caller's transaction
    # holds (the demo inserts its lines and campaigns in one transaction)
    kept = computed.served(conn, *ranking.ranked_value_sql(period, model), period)
    tiers_sql, params = pyramid.customer_tiers_sql(
        period, by, pyramid.load_tier_rule(conn), model, source=kept
    )
    sql = f"WITH tiers AS ({tiers_sql}) SELECT customer_id FROM tiers WHERE tier = ?"
    source = {"source": "tier", "tier": tier, "tier_from": period.start, "tier_to": period.end}
    return sql, [*params, tier], source | {"tier_by": by}


def _check_size(customers: int, share: float) -> int:
    if customers == 0:
        raise AnalysisError(
            "The audience is empty: no customer is in this pick or tier (for a tier, in the "
            "12 months before the start). Choose another audience or another start date.",
            key="errors.campaign_empty",
        )
    control = control_size(customers, share)
    if control < 1 or control >= customers:
        needed = max(2, math.ceil(0.5 / share - 1e-9))
        raise AnalysisError(
            key="errors.campaign_too_small",
            customers=customers,
            share=Percent(share),
            needed=needed,
        )
    return control


def insert_campaign(
    conn: duckdb.DuckDBPyConnection,
    *,
    name: str | None = None,
    pick_id: int | None = None,
    tier: str | None = None,
    control_share: float = 0.1,
    start: date | None = None,
    window_days: int = 30,
    seed: int | None = None,
    cost_per_contact: float | None = None,
    channel: str | None = None,
    offer: str | None = None,
    by: str = "revenue",
    at_risk: bool = False,
    wallet: bool = False,
) -> int:
    """:func:`create_campaign` inside the caller's transaction (the demo uses it in its own)."""
    start = start or date.today()
    _check_settings(control_share, window_days, cost_per_contact)
    audience_sql, params, source = _audience_sql(conn, pick_id, tier, start, by, at_risk, wallet)
    conn.execute(f"CREATE OR REPLACE TEMP TABLE campaign_audience AS {audience_sql}", params)
    try:
        customers = conn.execute("SELECT count(DISTINCT customer_id) FROM campaign_audience")
        customers = int(customers.fetchone()[0])
        control = _check_size(customers, control_share)
        name = (name or "").strip() or default_name(source, start)
        _refuse_a_twin(conn, name, source, start, int(window_days))
        campaign_id = int(conn.execute("SELECT nextval('campaign_id_seq')").fetchone()[0])
        seed = campaign_id if seed is None else int(seed)
        row = {
            "campaign_id": campaign_id,
            "name": name,
            "channel": channel or None,
            "offer": offer or None,
            "created_at": datetime.now().replace(microsecond=0),
            "start_date": start,
            "window_days": int(window_days),
            "control_share": float(control_share),
            "seed": seed,
            "cost_per_contact": None if cost_per_contact is None else float(cost_per_contact),
            "target_customers": customers - control,
            "control_customers": control,
            "data_version": database.data_version(conn),
        } | source
        values = [row.get(c) for c in COLUMNS]
        conn.execute(f"INSERT INTO campaigns VALUES ({', '.join('?' * len(COLUMNS))})", values)
        # The control group: the first `control` customers in an order fixed by the seed.
        conn.execute(
            """
            INSERT INTO campaign_members
            WITH audience AS (SELECT DISTINCT customer_id FROM campaign_audience),
            ranked AS (
                SELECT customer_id,
                       row_number() OVER (ORDER BY hash(hash(customer_id, ?::BIGINT)), customer_id)
                           AS place
                FROM audience
            )
            SELECT ?, customer_id, CASE WHEN place <= ? THEN 'control' ELSE 'target' END
            FROM ranked
            """,
            [seed, campaign_id, control],
        )
    finally:
        conn.execute("DROP TABLE IF EXISTS campaign_audience")
    return campaign_id


def _refuse_a_twin(conn, name: str, source: dict, start: date, window_days: int) -> None:
    """Refuse a campaign that repeats one already saved (a second click on "Create"): two
    campaigns alike but for their control groups would leave a marketer mailing one list and
    measuring the other."""
    twin = conn.execute(
        "SELECT campaign_id FROM campaigns WHERE name = ? AND source = ? "
        "AND pick_id IS NOT DISTINCT FROM ? AND tier IS NOT DISTINCT FROM ? "
        "AND start_date = ? AND window_days = ? ORDER BY campaign_id LIMIT 1",
        [name, source["source"], source.get("pick_id"), source.get("tier"), start, window_days],
    ).fetchone()
    if twin is not None:
        raise AnalysisError(
            f'Campaign #{twin[0]} "{name}" already has this audience, start date and window: '
            "open it from the list, or give the new campaign another name or start date.",
            key="errors.campaign_exists",
            campaign_id=twin[0],
            name=name,
        )


def default_name(source, start) -> str:
    """The name a campaign gets when none is typed ("Tier 4, 2026-07-01", "Pick 3, 2026-07-01");
    ``source`` is the campaign (or its source, pick_id and tier). Pages show such a name in the
    reader's language, built from these parts, so it follows a language switch."""
    if source["source"] == "pick":
        what = f"Pick {int(source['pick_id'])}"
    elif source["source"] == "at_risk":
        what = "Valuable customers at risk"
    elif source["source"] == "wallet":
        what = "High wallet, low share"
    else:
        what = f"Tier {source['tier']}"
    return f"{what}, {pd.Timestamp(start).date().isoformat()}"


def create_campaign(conn: duckdb.DuckDBPyConnection, **settings) -> int:
    """Create a campaign: its audience split into a target and a control group; return its id.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    name : str, optional
        What the marketer calls it ("Pick 3, 2026-07-01" or "Tier 4, 2026-07-01" by default).
    pick_id : int, optional
        A kept pick of clusters (:func:`dashboard.clustering.runs.save_pick`) as the audience.
    tier : str, optional
        Or a value tier ('1'-'4', 'inactive'), ranked by ``by`` on the 12 months before the start
        with the saved tier rule and cost model.
    control_share : float
        The share held out, above 0 and at most 0.5; the control group is exactly
        ``round(customers × share)`` customers (rounded half up).
    start : date, optional
        The first day of the campaign (today by default; any earlier date for a backtest).
    window_days : int
        Responses count over [start, start + window_days).
    seed : int, optional
        Draws the control group (by default the campaign's id): the same seed and audience give
        the same control group.
    cost_per_contact : float, optional
        What contacting one target customer costs; gives the ROI.
    channel, offer : str, optional
        How the offer goes out and what it is (free text).
    by : str
        'revenue' or 'profit': what a tier audience is ranked by.
    at_risk : bool
        Or the valuable customers at risk (:func:`at_risk_audience`) as of the day before the
        start.
    wallet : bool
        Or the customers of high wallet and low share (:func:`wallet_audience`) in the 12 months
        before the start.

    Raises
    ------
    AnalysisError
        An empty audience, a control share outside (0, 0.5], an audience too small for both
        groups, a bad window or cost, an unknown pick or tier. Nothing is written then.
    """
    conn.execute("BEGIN TRANSACTION")
    try:
        campaign_id = insert_campaign(conn, **settings)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return campaign_id


def list_campaigns(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Saved campaigns, newest first, with the last day of their window (``end_date``)."""
    return conn.execute(
        f"SELECT {', '.join(COLUMNS)}, "
        "(start_date + to_days(window_days - 1))::DATE AS end_date "
        "FROM campaigns ORDER BY campaign_id DESC"
    ).df()


def read_campaign(conn: duckdb.DuckDBPyConnection, campaign_id: int) -> dict:
    """One campaign's settings as a dict (the columns of ``campaigns`` and ``end_date``)."""
    row = conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM campaigns WHERE campaign_id = ?", [int(campaign_id)]
    ).fetchone()
    if row is None:
        raise AnalysisError(
            f"There is no campaign {campaign_id}: list the campaigns and pick one of them.",
            key="errors.no_campaign",
            campaign_id=str(campaign_id),
        )
    campaign = dict(zip(COLUMNS, row, strict=True))
    campaign["end_date"] = campaign["start_date"] + timedelta(days=campaign["window_days"] - 1)
    return campaign


def delete_campaign(conn: duckdb.DuckDBPyConnection, campaign_id: int) -> None:
    """Delete a campaign and its members (its id is never given again)."""
    read_campaign(conn, campaign_id)
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute("DELETE FROM campaign_members WHERE campaign_id = ?", [int(campaign_id)])
        conn.execute("DELETE FROM campaigns WHERE campaign_id = ?", [int(campaign_id)])
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise


def campaign_members(conn: duckdb.DuckDBPyConnection, campaign_id: int) -> pd.DataFrame:
    """Every member of a campaign: customer_id and grp ('target' or 'control')."""
    read_campaign(conn, campaign_id)
    return conn.execute(
        "SELECT customer_id, grp FROM campaign_members WHERE campaign_id = ? "
        "ORDER BY grp DESC, customer_id",
        [int(campaign_id)],
    ).df()


#: A campaign's target group (m) with each customer's record (c), for ``campaign_id = ?``.
#: Only the members' records are read and made one per customer (not every customer's: at ten
#: million customers that alone takes seconds).
_TARGETS = """campaign_members m
        LEFT JOIN (
            SELECT DISTINCT ON (customer_id) * FROM customers
            WHERE customer_id IN (SELECT customer_id FROM campaign_members
                                  WHERE campaign_id = $campaign AND grp = 'target')
        ) c USING (customer_id)
        WHERE m.campaign_id = $campaign AND m.grp = 'target'"""


def pick_seen_until(conn: duckdb.DuckDBPyConnection, pick_id: int) -> date | None:
    """The last day of the data a kept pick's clusters were found on: its run's period end, or
    (a run over all the data) the last purchase. A campaign starting on or before it is a
    backtest whose audience was chosen knowing later behaviour."""
    from dashboard.clustering import runs  # scikit-learn loads only when needed

    run = runs.load_run(conn, runs.read_pick(conn, pick_id)["run_id"])
    if run["filters"].end is not None:
        return run["filters"].end
    last = conn.execute("SELECT max(ordered_at)::DATE FROM transactions").fetchone()[0]
    return last


def audience_reach(conn: duckdb.DuckDBPyConnection, campaign_id: int) -> dict[str, int]:
    """How many of the target group can be reached: customers, those with an e-mail, a phone."""
    row = conn.execute(
        f"""
        SELECT count(*),
               count(*) FILTER (WHERE nullif(trim(c.email), '') IS NOT NULL),
               count(*) FILTER (WHERE nullif(trim(c.phone), '') IS NOT NULL)
        FROM {_TARGETS}
        """,
        {"campaign": int(campaign_id)},
    ).fetchone()
    return {"customers": int(row[0]), "email": int(row[1]), "phone": int(row[2])}


def campaign_audience(
    conn: duckdb.DuckDBPyConnection, campaign_id: int, lang: str = "en"
) -> pd.DataFrame:
    """The target group to contact, with contact details and its tier or cluster.

    Returns
    -------
    pandas.DataFrame
        customer_id, name, email, phone, country, then ``tier`` (a tier campaign) or
        ``cluster`` and ``cluster_name`` (a pick's campaign, names in ``lang``).
    """
    campaign = read_campaign(conn, campaign_id)
    frame = conn.execute(
        f"""
        SELECT m.customer_id, c.name, c.email, c.phone, c.country
        FROM {_TARGETS}
        ORDER BY m.customer_id
        """,
        {"campaign": int(campaign_id)},
    ).df()
    if campaign["source"] == "tier":
        frame["tier"] = campaign["tier"]
        return frame
    if campaign["source"] in ("at_risk", "wallet"):
        return frame
    from dashboard.clustering import runs

    pick = runs.read_pick(conn, campaign["pick_id"])
    clusters = conn.execute(
        "SELECT customer_id, cluster FROM segment_assignments WHERE run_id = ?", [pick["run_id"]]
    ).df()
    frame = frame.merge(clusters, on="customer_id", how="left")
    frame["cluster_name"] = frame["cluster"].map(runs.cluster_names(conn, pick["run_id"], lang))
    return frame
