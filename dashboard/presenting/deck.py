"""The deck: the period's story in slides, one finding a slide.

Each slide's title is the sentence the live page puts over the same chart (built by the same
function, :mod:`dashboard.reporting.findings` and :mod:`dashboard.reporting.story`), so what the
presenter says matches what a click into the dashboard shows. A slide with nothing to show is
left out, and the outline (the first slide) says which and why.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.errors import DashboardError
from dashboard.store import database
from dashboard.store.filters import Filters
from dashboard.value import pyramid, ranking
from dashboard.value.cost_model import CostModel, load_cost_model

#: Every slide the deck can hold, in the order of the story (IDIC: who, how they differ, what
#: they say, what we did, what comes, what to do), with the live page each opens.
SLIDES = (
    ("outline", "overview"),
    ("kpis", "overview"),
    ("pyramid", "pyramid"),
    ("costs", "pyramid"),
    ("whale", "pyramid"),
    ("migration", "pyramid"),
    ("clusters", "clusters"),
    ("clusters_apart", "clusters"),
    ("feedback", "feedback"),
    ("iceberg", "feedback"),
    ("loyalty", "loyalty"),
    ("campaign", "campaigns"),
    ("future", "future"),
    ("strategies", "pyramid"),
)
KEYS = tuple(key for key, _ in SLIDES)
PAGES = dict(SLIDES)
#: The headline KPIs of the numbers slide (the Overview's first cards).
KPI_SLIDE = ("revenue", "profit", "customers", "repeat_purchase_rate", "nps", "cost")


@dataclass(frozen=True)
class Number:
    """A large number on a slide: its label, value, change and whether the change is good."""

    label: str
    value: str
    change: str | None = None
    tone: str = "neutral"  # 'good', 'bad' or 'neutral'
    note: str | None = None


@dataclass(frozen=True)
class Card:
    """A box of text on a slide (a tier's strategy): heading, text, numbers."""

    heading: str
    text: str
    numbers: str = ""


@dataclass
class Slide:
    """One slide: a title that states the finding, and one chart or a few numbers or cards."""

    key: str
    heading: str  # the slide's name in the outline
    title: str  # the finding, plain text
    page: str  # the URL path of the live page
    figure: go.Figure | None = None
    numbers: tuple[Number, ...] = ()
    cards: tuple[Card, ...] = ()
    lines: tuple[str, ...] = ()  # the outline's entries: the slides shown
    out_lines: tuple[str, ...] = ()  # and the ones left out, with why
    lead: str | None = None  # one sentence under the title
    notes: tuple[str, ...] = ()  # the numbers behind the finding, for the presenter only
    params: dict = field(default_factory=dict)  # the live page's view beyond period and language


@dataclass(frozen=True)
class LeftOut:
    """A slide the deck leaves out, and why (in the deck's language)."""

    key: str
    heading: str
    reason: str


@dataclass
class Deck:
    """The slides of a period in one language, and the ones left out."""

    lang: str
    filters: Filters
    by: str
    slides: list[Slide]
    left_out: list[LeftOut]
    title: str
    period: str

    def shown_keys(self) -> list[str]:
        """The keys of the slides shown, in order."""
        return [s.key for s in self.slides]

    def without(self, off) -> Deck:
        """The deck with the slides ``off`` (keys) switched off; the outline says so. The
        outline itself cannot be switched off."""
        off = {k for k in off if k in KEYS and k != "outline"}
        shown = [s for s in self.slides if s.key not in off]
        gone = [
            LeftOut(s.key, s.heading, i18n.t("present.switched_off", self.lang))
            for s in self.slides
            if s.key in off
        ]
        deck = Deck(
            self.lang, self.filters, self.by, shown, self.left_out + gone, self.title, self.period
        )
        deck.slides[0] = _outline(deck)
        return deck


def heading(key: str, lang: str) -> str:
    """A slide's name (in the outline, the switches and the PDF's bookmarks)."""
    return i18n.t(f"present.slide.{key}", lang)


def figure_title(fig: go.Figure) -> str:
    """A chart's title as plain text: its line breaks as spaces, Plotly's markup and entities
    read back as the characters they stand for."""
    text = (fig.layout.title.text or "") if fig.layout.title else ""
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"</?(b|i|em|strong|span|sup|sub)[^>]*>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def link_params(deck: Deck, slide: Slide) -> dict:
    """The query of the live page that shows ``slide``'s view: period, language, segment,
    ranking (a segment's values as lists: one URL parameter each)."""
    params: dict = {"lang": deck.lang}
    if deck.filters.start and deck.filters.end:
        params["from"], params["to"] = deck.filters.start.isoformat(), deck.filters.end.isoformat()
    segments = {
        "country": deck.filters.countries,
        "channel": deck.filters.channels,
        "category": deck.filters.categories,
    }
    params.update({name: list(values) for name, values in segments.items() if values})
    return {**params, **slide.params}


# --- the slides: each returns a Slide, or a reason (str) why there is nothing to show ---
# Each builder imports the capability it shows when it runs: the deck reaches into all of them,
# and a command that builds no deck (`report` without --slides) need not load scikit-learn or SciPy.


def _kpis(ctx) -> Slide | str:
    from dashboard.reporting import metrics, story

    lang, currency = ctx.lang, ctx.currency
    rows = {row["kpi"]: row for row in metrics.kpis_with_change(ctx.conn, ctx.filters)}
    numbers, notes = [], []
    for name in KPI_SLIDE:
        row = rows[name]
        good = story.change_is_good(row)
        tone = "neutral" if good is None or story.unchanged(row) else ("good" if good else "bad")
        value = story.format_kpi(name, row["value"], lang, currency)
        change = story.format_change(row, lang)
        numbers.append(
            Number(
                i18n.t(f"overview.kpi.{name}", lang),
                value,
                change,
                tone,
                note=None if change is not None else story.missing_change_note(row, lang),
            )
        )
        if row["previous"] is not None:
            earlier = story.format_kpi(name, row["previous"], lang, currency)
            notes.append(f"{i18n.t(f'overview.kpi.{name}', lang)}: {value} ({earlier})")
    revenue = rows["revenue"]
    if not revenue["value"]:
        return i18n.t("present.none.sales", lang)
    change = story.format_change(revenue, lang)
    values = {
        "revenue": story.format_kpi("revenue", revenue["value"], lang, currency),
        "profit": story.format_kpi("profit", rows["profit"]["value"], lang, currency),
        "customers": story.format_kpi("customers", rows["customers"]["value"], lang, currency),
    }
    key = "present.kpis_title" if change is None else "present.kpis_title_change"
    return Slide(
        "kpis",
        heading("kpis", lang),
        i18n.t(key, lang, change=change, **values),
        PAGES["kpis"],
        numbers=tuple(numbers),
        lead=ctx.period,
        notes=(i18n.t("present.notes.previous", lang), *notes),
    )


def _tier_notes(shares: pd.DataFrame, lang: str) -> tuple[str, ...]:
    lines = []
    for row in shares[shares.tier.isin(pyramid.TIERS)].itertuples():
        lines.append(
            i18n.t(
                "present.notes.tier",
                lang,
                tier=row.tier,
                customers=i18n.format_percent(row.share_customers, lang, 0),
                revenue=i18n.format_percent(row.share_revenue, lang, 0),
                cost=i18n.format_percent(row.share_cost_to_serve, lang, 0),
                profit=i18n.format_percent(row.share_profit, lang, 0),
            )
        )
    return tuple(lines)


def _pyramid(ctx) -> Slide | str:
    from dashboard.reporting import findings, story

    if ctx.shares is None:
        return i18n.t("present.none.sales", ctx.lang)
    fig = findings.shares_figure(ctx.shares, ctx.lang, compare=True, width=200)
    sentence = story.story(ctx.shares, ctx.lang)
    return Slide(
        "pyramid",
        heading("pyramid", ctx.lang),
        figure_title(fig),
        PAGES["pyramid"],
        figure=fig,
        lead=story.plain(sentence) if sentence else None,
        notes=(i18n.t("present.notes.reference", ctx.lang), *_tier_notes(ctx.shares, ctx.lang)),
        params={"by": ctx.by},
    )


def _costs(ctx) -> Slide | str:
    from dashboard.reporting import findings

    if ctx.shares is None:
        return i18n.t("present.none.sales", ctx.lang)
    fig = findings.cost_figure(ctx.shares, ctx.lang, ctx.currency)
    notes = []
    for row in ctx.shares[ctx.shares.tier.isin(pyramid.TIERS)].itertuples():
        if row.customers:
            notes.append(
                i18n.t(
                    "present.notes.cost",
                    ctx.lang,
                    tier=row.tier,
                    cost=i18n.format_money(row.cost_to_serve, ctx.lang, ctx.currency, compact=True),
                    per=i18n.format_money(
                        row.cost_to_serve / row.customers, ctx.lang, ctx.currency
                    ),
                )
            )
    return Slide(
        "costs",
        heading("costs", ctx.lang),
        figure_title(fig),
        PAGES["costs"],
        figure=fig,
        notes=tuple(notes),
        params={"by": ctx.by},
    )


def _whale(ctx) -> Slide | str:
    from dashboard.reporting import story
    from dashboard.value import whale

    curve = whale.whale_curve(ctx.conn, ctx.filters, ctx.cost_model)
    if curve.empty:
        return i18n.t("present.none.sales", ctx.lang)
    summary = whale.whale_summary(curve)
    fig = story.whale_figure(curve, summary, ctx.lang, ctx.currency)
    money = lambda v: i18n.format_money(v, ctx.lang, ctx.currency, compact=True)  # noqa: E731
    return Slide(
        "whale",
        heading("whale", ctx.lang),
        figure_title(fig),
        PAGES["whale"],
        figure=fig,
        notes=(
            i18n.t(
                "present.notes.whale",
                ctx.lang,
                peak=money(summary["peak_profit"]),
                total=money(summary["total_profit"]),
                customers=i18n.format_number(summary["peak_customers"], ctx.lang),
            ),
        ),
        params={"by": ctx.by},
    )


def _migration(ctx) -> Slide | str:
    from dashboard.reporting import findings
    from dashboard.value import migration

    if ctx.shares is None:
        return i18n.t("present.none.sales", ctx.lang)
    before, after = migration.default_periods(ctx.conn, ctx.filters)
    coverage = pyramid.period_coverage(ctx.conn, before)
    if coverage["covered_days"] == 0 or coverage["purchases"] == 0:
        return i18n.t("present.none.before", ctx.lang)
    by = ctx.by if ctx.by in ranking.PAST_MEASURES else "revenue"
    matrix = migration.tier_migration(ctx.conn, before, after, by, ctx.rule, ctx.cost_model)
    fig = findings.migration_figure(matrix, ctx.lang)
    fell = migration.fallen_from_top(ctx.conn, before, after, by, ctx.rule, ctx.cost_model)
    return Slide(
        "migration",
        heading("migration", ctx.lang),
        figure_title(fig),
        PAGES["migration"],
        figure=fig,
        notes=(
            i18n.t(
                "present.notes.migration",
                ctx.lang,
                before_start=i18n.format_date(before.start, ctx.lang),
                before_end=i18n.format_date(before.end, ctx.lang),
                fell=i18n.format_number(len(fell), ctx.lang),
            ),
        ),
        params={"by": ctx.by},
    )


def _latest_run(ctx):
    from dashboard.clustering import runs

    saved = runs.list_runs(ctx.conn)
    if saved.empty:
        return None
    if "run" not in ctx.cache:
        run_id = int(saved["run_id"].max())
        run = runs.load_run(ctx.conn, run_id)
        names = runs.cluster_names(ctx.conn, run_id, ctx.lang)
        ctx.cache["run"] = (run, names, runs.is_stale(ctx.conn, run))
    return ctx.cache["run"]


def _clusters(ctx) -> Slide | str:
    from dashboard.reporting import findings

    found = _latest_run(ctx)
    if found is None:
        return i18n.t("present.none.clusters", ctx.lang)
    run, names, stale = found
    fig = findings.cluster_shares_figure(run, names, ctx.lang, stale)
    profile = run["profile"].sort_values("share_revenue", ascending=False)
    notes = tuple(
        i18n.t(
            "present.notes.cluster",
            ctx.lang,
            name=names[int(row.cluster)],
            customers=i18n.format_percent(row.share_customers, ctx.lang, 0),
            revenue=i18n.format_percent(row.share_revenue, ctx.lang, 0),
        )
        for row in profile.itertuples()
    )
    return Slide(
        "clusters",
        heading("clusters", ctx.lang),
        figure_title(fig),
        PAGES["clusters"],
        figure=fig,
        notes=notes,
        params={"run": str(run["run_id"])},
    )


def _clusters_apart(ctx) -> Slide | str:
    from dashboard.reporting import findings

    found = _latest_run(ctx)
    if found is None:
        return i18n.t("present.none.clusters", ctx.lang)
    run, names, stale = found
    fig = findings.cluster_heatmap_figure(run, names, ctx.lang, stale)
    return Slide(
        "clusters_apart",
        heading("clusters_apart", ctx.lang),
        figure_title(fig),
        PAGES["clusters_apart"],
        figure=fig,
        notes=(i18n.t("present.notes.heatmap", ctx.lang),),
        params={"run": str(run["run_id"])},
    )


def _feedback(ctx) -> Slide | str:
    from dashboard.feedback import trends
    from dashboard.figures import feedback as feedback_figures

    trend = trends.trend(ctx.conn, ctx.filters, freq="month")
    if trend.empty or trend["count"].sum() == 0:
        return i18n.t("present.none.feedback", ctx.lang)
    fig = feedback_figures.trend_figure(trend, lang=ctx.lang)
    totals = trend.groupby("kind")["count"].sum().sort_values(ascending=False)
    notes = tuple(
        f"{feedback_figures.kind_label(kind, ctx.lang)}: {i18n.format_number(count, ctx.lang)}"
        for kind, count in totals.items()
    )
    return Slide(
        "feedback", heading("feedback", ctx.lang), figure_title(fig), PAGES["feedback"],
        figure=fig, notes=notes,
    )  # fmt: skip


def _iceberg(ctx) -> Slide | str:
    from dashboard.feedback import complaints
    from dashboard.figures import feedback_complaints

    total = complaints.iceberg_summary(ctx.conn, ctx.filters)
    if not total.get("complaints"):
        return i18n.t("present.none.complaints", ctx.lang)
    by_period = complaints.complaint_iceberg(ctx.conn, ctx.filters, "month")
    fig = feedback_complaints.iceberg_figure(by_period, total, ctx.lang)
    basis = complaints.iceberg_basis(total, ctx.lang)
    return Slide(
        "iceberg",
        heading("iceberg", ctx.lang),
        figure_title(fig),
        PAGES["iceberg"],
        figure=fig,
        lead=complaints.iceberg_sentence(total, ctx.lang),
        notes=tuple(n for n in (basis, i18n.t("feedback.iceberg.explain", ctx.lang)) if n),
    )


def _loyalty(ctx) -> Slide | str:
    from dashboard.feedback import trends
    from dashboard.figures import loyalty as loyalty_figures
    from dashboard.loyalty import ladder
    from dashboard.reporting import report

    latest = ladder.latest_date(ctx.conn)
    if latest is None:
        return i18n.t("present.none.sales", ctx.lang)
    after = min(ctx.filters.end or latest, latest)
    rules = ladder.load_rules(ctx.conn)
    counts = ladder.ladder_counts(ctx.conn, ctx.filters, after, rules)
    if not sum(counts.values()):
        return i18n.t("present.none.sales", ctx.lang)
    fig = loyalty_figures.ladder_figure(
        counts, ctx.lang, ladder.buyers_with_nps(ctx.conn, ctx.filters, after)
    )
    nps = trends.nps_summary(ctx.conn, ctx.filters)
    numbers = ()
    if nps["responses"]:
        numbers = (
            Number(i18n.t("overview.kpi.nps", ctx.lang), f"{nps['nps']:+.0f}"),
            Number(
                i18n.t("present.promoters", ctx.lang),
                i18n.format_number(nps["promoters"], ctx.lang),
            ),
            Number(
                i18n.t("present.detractors", ctx.lang),
                i18n.format_number(nps["detractors"], ctx.lang),
            ),
        )
    return Slide(
        "loyalty",
        heading("loyalty", ctx.lang),
        figure_title(fig),
        PAGES["loyalty"],
        figure=fig,
        numbers=numbers,
        lead=report.nps_sentence(nps, ctx.lang),
        notes=tuple(
            f"{loyalty_figures.level_label(level, ctx.lang)}: {i18n.format_number(count, ctx.lang)}"
            for level, count in reversed(list(counts.items()))
        ),
    )


def _campaign(ctx) -> Slide | str:
    from dashboard.campaigns import design, response
    from dashboard.reporting import findings

    saved = design.list_campaigns(ctx.conn)
    for campaign_id in saved["campaign_id"]:
        result = response.measure_campaign(ctx.conn, int(campaign_id), ctx.today)
        groups = result["groups"]
        if (
            result["days_covered"]
            and groups["target"]["customers"]
            and groups["control"]["customers"]
        ):
            break
    else:
        return i18n.t("present.none.campaign", ctx.lang)
    fig = findings.uplift_figure(result, ctx.lang)
    campaign = result["campaign"]
    return Slide(
        "campaign",
        heading("campaign", ctx.lang),
        figure_title(fig),
        PAGES["campaign"],
        figure=fig,
        lead=i18n.t(
            "present.campaign_lead",
            ctx.lang,
            name=campaign["name"],
            start=i18n.format_date(campaign["start_date"], ctx.lang),
            days=i18n.format_number(result["days_covered"], ctx.lang),
        ),
        notes=(
            i18n.t(
                "present.notes.campaign",
                ctx.lang,
                target=i18n.format_number(groups["target"]["customers"], ctx.lang),
                control=i18n.format_number(groups["control"]["customers"], ctx.lang),
                low=findings.points(result["ci_low"], ctx.lang),
                high=findings.points(result["ci_high"], ctx.lang),
            ),
        ),
        params={"campaign": str(campaign["campaign_id"])},
    )


def _future(ctx) -> Slide | str:
    from dashboard.future import cache, tiers
    from dashboard.future.model import Settings
    from dashboard.reporting import findings, story

    if ctx.shares is None:
        return i18n.t("present.none.sales", ctx.lang)
    settings = Settings()
    fc = cache.forecast_cached(ctx.conn, ctx.filters, settings, ctx.cost_model)
    if not fc.check.ok:
        return i18n.t("present.none.future", ctx.lang, reason=story.forecast_reasons(fc, ctx.lang))
    shares = tiers.ahead_shares(
        ctx.conn, cache.relation(ctx.conn, fc), ctx.filters, ctx.rule, ctx.cost_model
    )
    fig = findings.ahead_figure(shares, settings.horizon_weeks, ctx.lang)
    return Slide(
        "future",
        heading("future", ctx.lang),
        figure_title(fig),
        PAGES["future"],
        figure=fig,
        lead=story.year_ahead_sentence(fc, ctx.lang, ctx.currency),
        notes=(i18n.t("present.notes.future", ctx.lang),),
    )


def _strategies(ctx) -> Slide | str:
    from dashboard.reporting import story

    if ctx.shares is None:
        return i18n.t("present.none.sales", ctx.lang)
    groups = story.strategies(ctx.shares, ctx.lang, ctx.currency)
    top = ctx.shares[ctx.shares.tier.isin(["1", "2"])].sum(numeric_only=True)
    title = i18n.t(
        "present.strategies_title",
        ctx.lang,
        customers=i18n.format_percent(top.share_customers, ctx.lang, 0),
        profit=i18n.format_percent(top.share_profit, ctx.lang, 0),
    )
    return Slide(
        "strategies",
        heading("strategies", ctx.lang),
        title,
        PAGES["strategies"],
        cards=tuple(Card(g["name"], g["strategy"], g["numbers"]) for g in groups),
        notes=(i18n.t("present.notes.strategies", ctx.lang),),
        params={"by": ctx.by},
    )


BUILDERS = {
    "kpis": _kpis,
    "pyramid": _pyramid,
    "costs": _costs,
    "whale": _whale,
    "migration": _migration,
    "clusters": _clusters,
    "clusters_apart": _clusters_apart,
    "feedback": _feedback,
    "iceberg": _iceberg,
    "loyalty": _loyalty,
    "campaign": _campaign,
    "future": _future,
    "strategies": _strategies,
}


@dataclass
class _Context:
    conn: duckdb.DuckDBPyConnection
    filters: Filters
    lang: str
    by: str
    currency: str
    rule: pyramid.TierRule
    cost_model: CostModel
    shares: pd.DataFrame | None
    period: str
    today: date
    cache: dict = field(default_factory=dict)


def _outline(deck: Deck) -> Slide:
    lines = [s.heading for s in deck.slides if s.key != "outline"]
    out = [
        i18n.t("present.outline_left_out", deck.lang, heading=gone.heading, reason=gone.reason)
        for gone in deck.left_out
    ]
    return Slide(
        "outline",
        heading("outline", deck.lang),
        deck.title,
        PAGES["outline"],
        lines=tuple(lines),
        out_lines=tuple(out),
        lead=deck.period,
        notes=(i18n.t("present.notes.outline", deck.lang),),
    )


def build_deck(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    lang: str = i18n.DEFAULT_LANGUAGE,
    by: str = "revenue",
    today: date | None = None,
) -> Deck:
    """The deck of ``filters``' period in ``lang``, tiers ranked ``by`` a past measure.

    Tiers and costs follow the saved tier rule and cost model, as on the Overview and in the
    report; clusters are the latest saved run; the campaign is the newest one with a measured
    response; the future is the Future value page's forecast as of the period's end.

    Raises
    ------
    DashboardError
        For an unknown language or ranking, or a period without both dates.
    """
    from dashboard.reporting import report, story

    if lang not in i18n.LANGUAGES:
        raise DashboardError(f"Unknown language {lang!r}: choose {' or '.join(i18n.LANGUAGES)}.")
    if by not in ranking.PAST_MEASURES:
        raise DashboardError(
            f"A deck ranks tiers by a past measure ({', '.join(ranking.PAST_MEASURES)}), "
            f"not {by!r}."
        )
    if filters.start is None or filters.end is None:
        raise DashboardError("A deck needs a period with a first and a last day.")
    rule, model = pyramid.load_tier_rule(conn), load_cost_model(conn)
    shares = pyramid.tier_shares(conn, filters, by, rule, model)
    period = report.period_sentence(conn, filters, lang)
    segment = [*filters.countries, *filters.channels, *filters.categories]
    if segment:
        shown = ", ".join(i18n.value_label(v, lang) for v in segment)
        period += " · " + i18n.t("present.segment", lang, segment=shown)
    ctx = _Context(
        conn,
        filters,
        lang,
        by,
        database.get_setting(conn, "currency", "USD"),
        rule,
        model,
        shares if story.has_tiers(shares) else None,
        period,
        today or date.today(),
    )
    slides, left_out = [], []
    for key, build in BUILDERS.items():
        made = build(ctx)
        if isinstance(made, Slide):
            slides.append(made)
        else:
            left_out.append(LeftOut(key, heading(key, lang), made))
    deck = Deck(lang, filters, by, slides, left_out, i18n.t("present.deck_title", lang), period)
    deck.slides.insert(0, _outline(deck))
    return deck
