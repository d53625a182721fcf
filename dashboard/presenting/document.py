"""The deck as one HTML document of 16:9 slides (1920×1080 CSS pixels each), for the PDF and to
open in a browser; and a chart made for a projector (:func:`projected`), which presenter mode
shows too.

Everything shown is escaped text (:func:`dashboard.text_safety.html_text`); plotly.js is
embedded once, so the file needs no network.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.offline

from dashboard import i18n
from dashboard.figures import theme
from dashboard.presenting.deck import Card, Deck, Number, Slide
from dashboard.text_safety import html_text as _e

WIDTH, HEIGHT = 1920, 1080
#: Fonts that have Cyrillic on a Debian machine come last, so Russian never falls back to boxes.
FONTS = "Inter, 'Segoe UI', Roboto, Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
#: Chart text on a slide: at least this big (px), as a projector needs.
CHART_FONT, CHART_TITLE_FONT = 22, 24
MIN_CHART_FONT = 18

#: The look of a slide's content. Sizes are in ``--u``, 1/1920 of the slide's width (1 px here),
#: with the floors presenter mode keeps on a 1280×720 projector too (body text at least 24 px).
SLIDE_CSS = """
.deck-title { font-size: max(34px, calc(56 * var(--u))); line-height: 1.15; font-weight: 700;
  margin: 0; color: #102a43; }
.deck-lead { font-size: max(24px, calc(30 * var(--u))); line-height: 1.35; color: #334e68;
  margin: calc(12 * var(--u)) 0 0; }
.deck-numbers { display: grid; grid-template-columns: repeat(3, 1fr);
  gap: calc(28 * var(--u)) calc(36 * var(--u)); margin-top: calc(16 * var(--u)); }
.deck-number { border: 2px solid #d9e2ec; border-radius: 16px;
  padding: calc(22 * var(--u)) calc(28 * var(--u)); }
.deck-number .label { font-size: max(24px, calc(28 * var(--u))); color: #486581; }
.deck-number .value { font-size: max(40px, calc(72 * var(--u))); font-weight: 700;
  line-height: 1.15; white-space: nowrap; color: #102a43; }
.deck-number .change { font-size: max(24px, calc(30 * var(--u))); font-weight: 600; }
.deck-number .good { color: #1f7a6d; } .deck-number .bad { color: #b0302a; }
.deck-number .neutral { color: #52606d; }
.deck-cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: calc(36 * var(--u));
  margin-top: calc(16 * var(--u)); }
.deck-card { border-left: 10px solid #1b4f9c; background: #f0f4f8; border-radius: 12px;
  padding: calc(26 * var(--u)) calc(28 * var(--u)); font-size: max(24px, calc(28 * var(--u)));
  line-height: 1.35; color: #102a43; }
.deck-card:nth-child(2) { border-left-color: #e08a2b; }
.deck-card:nth-child(3) { border-left-color: #9aa5b1; }
.deck-card .heading { font-weight: 700; font-size: max(26px, calc(34 * var(--u)));
  margin-bottom: calc(12 * var(--u)); }
.deck-card .numbers { color: #486581; margin-top: calc(16 * var(--u)); }
.deck-outline { font-size: max(24px, calc(32 * var(--u))); line-height: 1.45;
  margin: calc(12 * var(--u)) 0 0; columns: 2; column-gap: calc(72 * var(--u)); color: #243b53; }
.deck-outline li.out { color: #7b8794; }
"""
#: The printed document: one slide a 1920×1080 page.
CSS = (
    f"""
@page {{ size: {WIDTH}px {HEIGHT}px; margin: 0; }}
:root {{ --u: 1px; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; background: #ffffff; font-family: {FONTS}; color: #102a43; }}
.slide {{ width: {WIDTH}px; height: {HEIGHT}px; padding: 56px 72px 40px; display: flex;
  flex-direction: column; overflow: hidden; break-after: page; page-break-after: always; }}
.slide:last-child {{ break-after: auto; page-break-after: auto; }}
.body {{ flex: 1 1 0; min-height: 0; margin-top: 20px; display: flex; flex-direction: column; }}
.chart {{ flex: 1 1 0; min-height: 0; }}
.chart > div {{ height: 100%; }}
.footer {{ font-size: 20px; color: #7b8794; display: flex; justify-content: space-between;
  margin-top: 12px; }}
"""
    + SLIDE_CSS
)


def projected(fig: go.Figure, lang: str, height: int | None = None) -> go.Figure:
    """A copy of ``fig`` made for a projector: its title removed (the slide's title says it),
    every text at least :data:`MIN_CHART_FONT` px, the numbers in ``lang``; ``height`` in px, or
    None to fill its container."""
    fig = go.Figure(fig)
    theme.localize_numbers(fig, lang)
    fig.update_layout(
        title=None,
        font={"family": FONTS, "size": CHART_FONT},
        legend={"font": {"size": CHART_FONT}},
        hoverlabel={"font": {"size": CHART_FONT}},
        margin={"t": 70, "b": 90, "l": 110, "r": 40},
        height=height,
        width=None,
        autosize=True,
    )
    fig.update_xaxes(tickfont={"size": CHART_FONT}, title_font={"size": CHART_TITLE_FONT})
    fig.update_yaxes(tickfont={"size": CHART_FONT}, title_font={"size": CHART_TITLE_FONT})
    for annotation in fig.layout.annotations or ():
        size = annotation.font.size if annotation.font else None
        annotation.font.size = max(size or CHART_FONT, MIN_CHART_FONT)
    for trace in fig.data:
        if "textfont" in trace:
            trace.textfont.size = max(trace.textfont.size or CHART_FONT, MIN_CHART_FONT)
        if trace.type == "heatmap" and trace.colorbar is not None:
            trace.colorbar.tickfont.size = CHART_FONT
            trace.colorbar.title.font.size = CHART_FONT
    fig.update_layout(uniformtext={"minsize": MIN_CHART_FONT, "mode": "hide"})
    return fig


def numbers_html(numbers: tuple[Number, ...]) -> str:
    """Large numbers as cards: label, value, change coloured by whether it is good."""
    cards = []
    for n in numbers:
        change = ""
        if n.change is not None:
            change = f'<div class="change {_e(n.tone)}">{_e(n.change)}</div>'
        elif n.note:
            change = f'<div class="change neutral">{_e(n.note)}</div>'
        cards.append(
            f'<div class="deck-number"><div class="label">{_e(n.label)}</div>'
            f'<div class="value">{_e(n.value)}</div>{change}</div>'
        )
    return f'<div class="deck-numbers">{"".join(cards)}</div>'


def cards_html(cards: tuple[Card, ...]) -> str:
    """Boxes of text (each tier's strategy)."""
    boxes = "".join(
        f'<div class="deck-card"><div class="heading">{_e(c.heading)}</div>'
        f'<div>{_e(c.text)}</div><div class="numbers">{_e(c.numbers)}</div></div>'
        for c in cards
    )
    return f'<div class="deck-cards">{boxes}</div>'


def outline_html(slide: Slide) -> str:
    """The outline: the slides shown, then the ones left out and why."""
    items = [f"<li>{_e(line)}</li>" for line in slide.lines]
    items += [f'<li class="out">{_e(line)}</li>' for line in slide.out_lines]
    return f'<ol class="deck-outline">{"".join(items)}</ol>'


def title_html(slide: Slide) -> str:
    """The slide's title (the finding) and its lead sentence."""
    parts = [
        f'<h1 class="deck-title" data-slide="{_e(slide.key)}">{_e(slide.title)}</h1>',
    ]
    if slide.lead and slide.lead != slide.title:
        parts.append(f'<p class="deck-lead">{_e(slide.lead)}</p>')
    return "".join(parts)


def file_name(deck: Deck, suffix: str) -> str:
    """The deck's file name, with its period and language."""
    return f"customer_value_deck_{deck.filters.start}_{deck.filters.end}_{deck.lang}.{suffix}"


def _slide(deck: Deck, slide: Slide, number: int) -> str:
    body = []
    if slide.lines or slide.out_lines:
        body.append(outline_html(slide))
    if slide.numbers:
        body.append(numbers_html(slide.numbers))
    if slide.cards:
        body.append(cards_html(slide.cards))
    if slide.figure is not None:
        fig = projected(slide.figure, deck.lang)
        config = {"staticPlot": True, "displaylogo": False, **theme.plotly_config(deck.lang)}
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=False,
            config=config,
            default_width="100%",
            default_height="100%",
        )
        body.append(f'<div class="chart">{div}</div>')
    footer = (
        f'<div class="footer"><span>{_e(deck.title)} · {_e(deck.period)}</span>'
        f"<span>{_e(i18n.t('present.counter', deck.lang, number=number, total=len(deck.slides)))}"
        "</span></div>"
    )
    return (
        f'<section class="slide" data-slide="{_e(slide.key)}">{title_html(slide)}'
        f'<div class="body">{"".join(body)}</div>{footer}</section>'
    )


def chart_count(deck: Deck) -> int:
    """How many charts the document draws (the PDF waits for all of them)."""
    return sum(1 for s in deck.slides if s.figure is not None)


def deck_html(deck: Deck) -> str:
    """The whole deck as one HTML document, one 1920×1080 slide a printed page."""
    slides = "\n".join(_slide(deck, s, i) for i, s in enumerate(deck.slides, start=1))
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(deck.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(deck.title)} · {_e(deck.period)}</title>\n<style>{CSS}</style>\n"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
        f"</head>\n<body>\n{slides}\n</body>\n</html>\n"
    )
