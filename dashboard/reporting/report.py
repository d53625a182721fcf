"""The period's story as one self-contained HTML file, to send after a meeting.

KPIs against the previous period, the pyramid's sentence, tier shares and strategies, the whale
curve and what customers say, in English or Russian. plotly.js is embedded once, so the file opens
in any browser without a network. Tiers and costs follow the rule and cost model saved in the app,
so the report says what the app shows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import plotly.offline

from dashboard import i18n
from dashboard.demo import generator
from dashboard.errors import DashboardError
from dashboard.feedback import complaints, trends
from dashboard.figures import feedback as feedback_figures
from dashboard.figures import theme
from dashboard.figures.theme import FONT_FAMILY, NEGATIVE, NEUTRAL, POSITIVE
from dashboard.reporting import metrics, story
from dashboard.store import database
from dashboard.store.filters import Filters, default_period
from dashboard.text_safety import html_text
from dashboard.value import pyramid, whale
from dashboard.value.cost_model import load_cost_model

SUFFIXES = (".html", ".htm")
CHART_CONFIG = {"displaylogo": False, "responsive": True}
CHART_HEIGHT = 560
CSS = f"""
body {{ font-family: {FONT_FAMILY}; font-size: 20px; line-height: 1.5; color: #1f2933;
       background: #f5f7fa; margin: 0; }}
main {{ max-width: 1240px; margin: 0 auto; padding: 40px 48px 64px; background: #fff; }}
h1 {{ font-size: 44px; margin: 0 0 12px; line-height: 1.15; }}
h2 {{ font-size: 32px; margin: 56px 0 12px; padding-top: 24px; border-top: 2px solid #e4e7eb; }}
h3 {{ font-size: 24px; margin: 32px 0 8px; }}
.meta {{ color: #52606d; margin: 4px 0; }}
.lead {{ font-size: 24px; margin: 8px 0 20px; }}
.cards {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }}
.card {{ border: 1px solid #d9dee4; border-radius: 12px; padding: 16px 18px; background: #fff;
        break-inside: avoid; }}
.card .label {{ font-size: 18px; color: #52606d; }}
.card .value {{ font-size: 40px; font-weight: 700; line-height: 1.2; margin: 4px 0;
               white-space: nowrap; }}
.card .change {{ font-size: 19px; font-weight: 600; }}
.card .previous {{ font-size: 16px; color: #7b8794; }}
.good {{ color: {POSITIVE}; }} .bad {{ color: {NEGATIVE}; }} .neutral {{ color: {NEUTRAL}; }}
.strategies {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }}
.strategy {{ border-left: 6px solid #1b4f9c; background: #f5f7fa; padding: 14px 18px;
            border-radius: 8px; break-inside: avoid; }}
.strategy .numbers {{ font-size: 17px; color: #52606d; margin-top: 8px; }}
.chart {{ margin: 8px 0 16px; break-inside: avoid; }}
footer {{ margin-top: 56px; font-size: 16px; color: #7b8794; }}
@media (max-width: 800px) {{ .cards, .strategies {{ grid-template-columns: 1fr; }} }}
@media print {{ body {{ background: #fff; }} main {{ padding: 0; }} }}
"""


def data_range(conn: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """The first and last transaction dates in the database.

    Raises
    ------
    DashboardError
        When the database holds no transactions: there is nothing to report.
    """
    first, last = conn.execute(
        "SELECT min(ordered_at), max(ordered_at) FROM transactions"
    ).fetchone()
    if first is None:
        raise DashboardError(
            "The database has no transactions, so there is nothing to report. Fix: import them "
            "(python -m dashboard import FILE --table transactions) or load the demo "
            "(python -m dashboard demo), then make the report again."
        )
    return first.date(), last.date()


def report_filters(
    conn: duckdb.DuckDBPyConnection, start: date | None = None, end: date | None = None
) -> Filters:
    """The report's period: the dates given, the rest from the last 12 months of the data.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    start, end : date, optional
        First and last day (inclusive). Without ``end``, the last transaction date; without
        ``start``, 12 months before the end (not before the first transaction).

    Raises
    ------
    DashboardError
        When the database has no transactions, or the period ends before it starts.
    """
    first, last = data_range(conn)
    end = end or default_period(first, last)[1]  # never a date beyond next year
    start = start or default_period(first, max(end, first))[0]
    if start > end:
        raise DashboardError(
            f"The period starts on {start} but ends on {end}: give a --from before the --to."
        )
    return Filters(start=start, end=end)


def check_output(path: str | Path) -> Path:
    """``path`` as a Path when it names an .html file, else a DashboardError saying what to do."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise DashboardError(
            f"{path.name}: a report is an HTML file, not {path.suffix or 'a file without an ending'}."
            " Fix: name the output file .html, e.g. --out report.html."
        )
    return path


def _e(text) -> str:
    """Text of the report (names of files, kinds and channels among it) as HTML text."""
    return html_text(text)


def _chart(fig: go.Figure, lang: str) -> str:
    """A figure as a div of its own; plotly.js itself is in the page's head, once."""
    theme.localize_numbers(fig, lang)
    # Taller than in the app, so that long (Russian) axis titles fit beside the plot.
    fig.update_layout(autosize=True, height=max(fig.layout.height or 0, CHART_HEIGHT))
    config = {**CHART_CONFIG, **theme.plotly_config(lang)}  # with its percent sign
    div = fig.to_html(full_html=False, include_plotlyjs=False, config=config)
    return f'<div class="chart">{div}</div>'


def period_sentence(conn, filters: Filters, lang: str) -> str:
    """The period and what it is compared with ("compared with the 365 days before"), or that
    nothing precedes it."""
    return i18n.t(
        "report.period"
        if metrics.has_earlier_data(conn, filters)
        else "report.period_nothing_before",
        lang,
        start=i18n.format_date(filters.start, lang),
        end=i18n.format_date(filters.end, lang),
        days=(filters.end - filters.start).days + 1,
    )


def _header(conn, filters: Filters, lang: str, source: str | None, now: datetime) -> str:
    info = database.summary(conn)
    lines = [
        f"<h1>{_e(i18n.t('report.title', lang))}</h1>",
        f'<p class="lead">{_e(period_sentence(conn, filters, lang))}</p>',
        '<p class="meta">'
        + _e(
            i18n.t(
                "report.source",
                lang,
                file=Path(source).name if source else "DuckDB",
                transactions=i18n.format_number(info["rows"]["transactions"], lang),
                customers=i18n.format_number(info["customers"], lang),
                first=i18n.format_date(date.fromisoformat(info["date_from"]), lang),
                last=i18n.format_date(date.fromisoformat(info["date_to"]), lang),
            )
        )
        + "</p>",
    ]
    if info["last_import"]:
        last = info["last_import"]
        text = i18n.t(
            "common.last_import",
            lang,
            file=generator.shown_file_name(last["file"], lang),
            at=i18n.format_datetime(last["at"], lang),
        )
        lines.append(f'<p class="meta">{_e(text)}</p>')
    stamp = f"{i18n.format_date(now, lang)} {now:%H:%M} UTC"
    lines.append(f'<p class="meta">{_e(i18n.t("report.generated", lang, at=stamp))}</p>')
    return "\n".join(lines)


def _kpi_card(row: dict, lang: str, currency: str) -> str:
    name = row["kpi"]
    value = story.format_kpi(name, row["value"], lang, currency)
    change = story.format_change(row, lang)
    good = story.change_is_good(row)
    tone = "neutral" if good is None else ("good" if good else "bad")
    if change is None:  # nothing when the value itself is missing (no feedback at all)
        note = story.missing_change_note(row, lang)
        change_html = f'<div class="change neutral">{_e(note or "")}</div>'
        previous_html = ""
        if row["value"] is not None and row["previous"] is not None:  # was 0 before
            earlier = story.format_kpi(name, row["previous"], lang, currency)
            previous_html = (
                f'<div class="previous">{_e(i18n.t("report.previous", lang, value=earlier))}</div>'
            )
    else:
        arrow = "■" if story.unchanged(row) else ("▲" if row["change"] > 0 else "▼")
        change_html = f'<div class="change {tone}">{arrow} {_e(change)}</div>'
        earlier = story.format_kpi(name, row["previous"], lang, currency)
        previous_html = (
            f'<div class="previous">{_e(i18n.t("report.previous", lang, value=earlier))}</div>'
        )
    help_key = f"overview.kpi.help.{name}"
    tip = f' title="{_e(i18n.t(help_key, lang))}"' if help_key in i18n.texts() else ""
    return (
        f'<div class="card" data-kpi="{_e(name)}"{tip}>'
        f'<div class="label">{_e(i18n.t(f"overview.kpi.{name}", lang))}</div>'
        f'<div class="value">{_e(value)}</div>{change_html}{previous_html}</div>'
    )


def _kpi_section(rows: list[dict], lang: str, currency: str) -> str:
    cards = "\n".join(_kpi_card(row, lang, currency) for row in rows)
    return f'<h2>{_e(i18n.t("report.kpis", lang))}</h2>\n<div class="cards">\n{cards}\n</div>'


def _pyramid_section(shares, lang: str, currency: str) -> str:
    parts = [f"<h2>{_e(i18n.t('overview.tiers_header', lang))}</h2>"]
    sentence = story.story(shares, lang)
    if sentence is None:
        parts.append(f'<p class="lead">{_e(i18n.t("report.no_sales", lang))}</p>')
        return "\n".join(parts)
    parts.append(f'<p class="lead">{story.bold_to_html(_e(sentence))}</p>')
    parts.append(_chart(story.tier_share_figure(shares, lang), lang))
    parts.append(f"<h3>{_e(i18n.t('pyramid.strategies', lang))}</h3>")
    cards = [
        f'<div class="strategy"><strong>{_e(group["name"])}</strong><div>{_e(group["strategy"])}'
        f'</div><div class="numbers">{_e(group["numbers"])}</div></div>'
        for group in story.strategies(shares, lang, currency)
    ]
    parts.append('<div class="strategies">' + "".join(cards) + "</div>")
    return "\n".join(parts)


def _whale_section(curve, lang: str, currency: str) -> str:
    parts = [f"<h2>{_e(i18n.t('pyramid.whale', lang))}</h2>"]
    if curve.empty:
        parts.append(f'<p class="lead">{_e(i18n.t("report.no_sales", lang))}</p>')
        return "\n".join(parts)
    summary = whale.whale_summary(curve)
    peak = i18n.t(
        "report.whale_peak",
        lang,
        customers=i18n.format_number(summary["peak_customers"], lang),
        share=i18n.format_percent(summary["peak_share_customers"], lang, 0),
        peak=i18n.format_money(summary["peak_profit"], lang, currency, compact=True),
        total=i18n.format_money(summary["total_profit"], lang, currency, compact=True),
    )
    parts.append(f'<p class="lead">{_e(peak)}</p>')
    parts.append(_chart(story.whale_figure(curve, summary, lang, currency), lang))
    return "\n".join(parts)


def _future_section(conn, filters: Filters, lang: str, currency: str, cost_model) -> str:
    """Predicted revenue for the next 12 months with its interval, or why it is omitted."""
    from dashboard.future import cache as future_cache
    from dashboard.future.model import Settings

    # the forecast is as of the period's end; its start lets it reuse the period's value table
    fc = future_cache.forecast_cached(conn, filters, Settings(horizon_weeks=52), cost_model)
    sentence = story.year_ahead_sentence(fc, lang, currency)
    return (
        f"<h2>{_e(i18n.t('future.report_header', lang))}</h2>\n"
        f'<p class="lead" data-future="{"shown" if fc.check.ok else "omitted"}">{_e(sentence)}</p>'
    )


def nps_sentence(nps: dict, lang: str) -> str:
    if not nps["responses"]:
        return i18n.t("report.no_nps", lang)
    return i18n.t(
        "report.nps",
        lang,
        nps=f"{nps['nps']:+.0f}",
        **{
            key: i18n.format_number(nps[key], lang)
            for key in ("responses", "promoters", "passives", "detractors")
        },
    )


def _feedback_section(conn, filters: Filters, lang: str) -> str:
    parts = [f"<h2>{_e(i18n.t('overview.feedback_header', lang))}</h2>"]
    trend = trends.trend(conn, filters, freq="month")
    if trend.empty or trend["count"].sum() == 0:
        parts.append(f'<p class="lead">{_e(i18n.t("overview.no_feedback", lang))}</p>')
    else:
        figure = feedback_figures.trend_figure(trend, lang=lang)
        parts.append(_chart(figure, lang))  # trend_figure writes month names in the language
    iceberg = complaints.iceberg_summary(conn, filters)
    parts.append(f"<h3>{_e(i18n.t('feedback.section.iceberg', lang))}</h3>")
    parts.append(f'<p class="lead">{_e(complaints.iceberg_sentence(iceberg, lang))}</p>')
    if basis := complaints.iceberg_basis(iceberg, lang):  # most complaints anonymous
        parts.append(f'<p class="meta">{_e(basis)}</p>')
    parts.append(f'<p class="meta">{_e(i18n.t("feedback.iceberg.explain", lang))}</p>')
    parts.append(f"<h3>{_e(i18n.t('report.nps_header', lang))}</h3>")
    nps = trends.nps_summary(conn, filters)
    parts.append(f'<p class="lead">{_e(nps_sentence(nps, lang))}</p>')
    return "\n".join(parts)


def build_html(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    lang: str = i18n.DEFAULT_LANGUAGE,
    source: str | None = None,
    generated_at: datetime | None = None,
) -> str:
    """The report of ``filters``' period as one HTML document.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters
        The period (both dates set, see :func:`report_filters`).
    lang : str
        'en' or 'ru'.
    source : str, optional
        The database file, named in the data source line.
    generated_at : datetime, optional
        When the report is made (UTC now by default).

    Raises
    ------
    DashboardError
        For an unknown language, a period without both dates, or a database without transactions.
    """
    if lang not in i18n.LANGUAGES:
        raise DashboardError(f"Unknown language {lang!r}: choose {' or '.join(i18n.LANGUAGES)}.")
    if filters.start is None or filters.end is None:
        raise DashboardError("A report needs a period with a first and a last day.")
    data_range(conn)  # a database without transactions has nothing to report
    now = generated_at or datetime.now(UTC)
    currency = database.get_setting(conn, "currency", "USD")
    cost_model = load_cost_model(conn)
    shares = pyramid.tier_shares(
        conn, filters, rule=pyramid.load_tier_rule(conn), cost_model=cost_model
    )
    body = "\n".join(
        (
            _header(conn, filters, lang, source, now),
            _kpi_section(metrics.kpis_with_change(conn, filters), lang, currency),
            _future_section(conn, filters, lang, currency, cost_model),
            _pyramid_section(shares, lang, currency),
            _whale_section(whale.whale_curve(conn, filters, cost_model), lang, currency),
            _feedback_section(conn, filters, lang),
            f"<footer>{_e(i18n.t('report.footer', lang))}</footer>",
        )
    )
    title = f"{i18n.t('report.title', lang)} · {i18n.format_date(filters.start, lang)} – " + (
        i18n.format_date(filters.end, lang)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
        f"</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def write_report(
    conn: duckdb.DuckDBPyConnection,
    path: str | Path,
    filters: Filters,
    lang: str = i18n.DEFAULT_LANGUAGE,
    source: str | None = None,
) -> Path:
    """Build the report and write it to ``path`` (an .html file); return the path.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    path : str or Path
        The file to write, ending in .html.
    filters : Filters
        The period.
    lang : str
        'en' or 'ru'.
    source : str, optional
        The database file, named in the data source line.
    """
    path = check_output(path)
    document = build_html(conn, filters, lang, source)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document, encoding="utf-8")
    return path
