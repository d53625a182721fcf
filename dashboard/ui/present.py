"""Presenter mode: the current view as a deck of slides for a projector.

``?present=1&slide=N`` (with the view's ``from``, ``to``, ``lang``, ``by`` and the slides switched
``off``) opens it; the slide number lives in the URL, so Back, Forward and a shared link land on
the same slide. No sidebar, no Streamlit toolbar; keys: → ← PageDown PageUp Space step, Home and
End jump, F toggles full screen, Esc leaves.
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard.presenting import deck as deck_module
from dashboard.presenting import document
from dashboard.presenting.deck import Deck, Slide
from dashboard.store.filters import Filters
from dashboard.text_safety import markdown_text
from dashboard.ui import charts, state
from dashboard.value import ranking

#: The URL's parameters of presenter mode (the rest is the view: period, language, ranking).
PRESENT, SLIDE, OFF = "present", "slide", "off"

#: Streamlit's own frame hidden, the slide filling the window: title, chart, controls. Sizes are
#: in ``--u`` (1/1920 of a 16:9 slide's width, fitted to the window), with floors so that body
#: text stays at least 24 px and chart text 18 px on a 1280×720 projector.
CSS = """
:root { --u: min(calc(100vw / 1920), calc(100vh / 1080)); }
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: hidden !important; }
[data-testid="stMainBlockContainer"] { padding: 2.6vh 3.2vw 1.6vh !important;
  max-width: none !important; height: 100vh; box-sizing: border-box; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: 100%;
  gap: 1.2vh; overflow: hidden; }
[data-testid="stLayoutWrapper"]:has(> .st-key-deck_body) { flex: 1 1 0; min-height: 0; }
.st-key-deck_body { height: 100%; min-height: 0; }
.st-key-deck_body [data-testid="stElementContainer"]:has(.stPlotlyChart) { flex: 1 1 0;
  min-height: 0; }
[class*="st-key-deck_title_"] h1 { font-size: max(34px, calc(56 * var(--u))) !important; line-height: 1.15;
  font-weight: 700; color: #102a43; padding: 0 !important; }
[class*="st-key-deck_title_"] { margin-bottom: calc(8 * var(--u)); }
.st-key-deck_lead { margin-bottom: calc(16 * var(--u)); }
.st-key-deck_lead p { font-size: max(24px, calc(30 * var(--u))) !important; line-height: 1.35;
  color: #334e68; margin: 0; }
.st-key-deck_numbers [data-testid="stMetric"] { padding: calc(22 * var(--u)) calc(28 * var(--u)); }
.st-key-deck_numbers [data-testid="stMetricLabel"] p { font-size: max(24px, calc(28 * var(--u)))
  !important; color: #486581; }
.st-key-deck_numbers [data-testid="stMetricValue"] { font-size: max(40px, calc(72 * var(--u)))
  !important; font-weight: 700; color: #102a43; }
.st-key-deck_numbers [data-testid="stMetricDelta"] div,
.st-key-deck_numbers [data-testid="stMetricDelta"] p { font-size: max(24px, calc(30 * var(--u)))
  !important; font-weight: 600; }
.st-key-deck_numbers [data-testid="stMetricDelta"] svg { width: max(24px, calc(30 * var(--u)));
  height: max(24px, calc(30 * var(--u))); }
.st-key-deck_cards p { font-size: max(24px, calc(32 * var(--u))) !important; line-height: 1.35; }
.st-key-deck_cards [data-testid="stVerticalBlockBorderWrapper"], .st-key-deck_cards
  [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"] > div { background: #f0f4f8; }
.st-key-deck_cards strong { font-size: max(28px, calc(40 * var(--u))); }
.st-key-deck_outline p, .st-key-deck_outline li, .st-key-deck_outline_out p,
.st-key-deck_outline_out li { font-size: max(24px, calc(32 * var(--u))) !important;
  line-height: 1.45; }
.st-key-deck_outline ol { columns: 2; column-gap: calc(72 * var(--u)); color: #243b53; }
.st-key-deck_outline_out { color: #7b8794; }
.st-key-deck_controls { align-items: center; }
.st-key-deck_controls p, .st-key-deck_controls button, .st-key-deck_controls a { font-size: 18px; }
.st-key-deck_counter p { font-size: 20px; color: #627d98; margin: 0; }
.st-key-deck_keys { display: none !important; }
"""

#: The keys a presenter's clicker sends, as the buttons they press (F: full screen, in the page).
KEYS = {
    "ArrowRight": "deck_next",
    "PageDown": "deck_next",
    " ": "deck_next",
    "ArrowLeft": "deck_previous",
    "PageUp": "deck_previous",
    "Home": "deck_first",
    "End": "deck_last",
    "Escape": "deck_leave",
}
#: Our own script (no data in it): the keys press the deck's buttons; F toggles full screen.
SCRIPT = """
export default function () {
  const keys = KEYS_JSON;
  if (window.__deckKeys) return;
  window.__deckKeys = true;
  document.addEventListener("keydown", (event) => {
    if (!document.querySelector(".st-key-deck_controls")) return;  // not presenting
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = "input, textarea, select, [contenteditable], [role=dialog]";
    if (target && target.closest && target.closest(typing)) return;
    if (event.key === "f" || event.key === "F") {
      event.preventDefault();
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
      return;
    }
    const key = keys[event.key];
    if (!key) return;
    if (event.key === "Escape" && document.fullscreenElement) return;  // leaves full screen first
    const button = document.querySelector(".st-key-" + key + " button");
    if (!button) return;
    event.preventDefault();
    button.click();
  }, true);
}
""".replace("KEYS_JSON", json.dumps(KEYS))
#: Our CSS and script as a custom component (the page's own code: nothing from data goes in).
_frame = st.components.v2.component("deck_frame", css=CSS, js=SCRIPT, isolate_styles=False)


def is_presenting() -> bool:
    """True when the URL asks for presenter mode (``?present=1``)."""
    return st.query_params.get(PRESENT) == "1"


def view_by() -> str:
    """The ranking the view asks for (the pyramid's ``by``), a past measure; else revenue."""
    by = st.query_params.get("by", "revenue")
    return by if by in ranking.PAST_MEASURES else "revenue"


#: The page-level filters of the view (the pyramid's), kept in the URL under these names.
SEGMENTS = ("country", "channel", "category")


def view_filters() -> Filters:
    """The view's period and segment (countries, channels, categories) from the URL."""
    chosen = {name: tuple(st.query_params.get_all(name)) for name in SEGMENTS}
    return state.filters(
        countries=chosen["country"], channels=chosen["channel"], categories=chosen["category"]
    )


def switched_off() -> list[str]:
    """The slides the presenter switched off (``off`` in the URL)."""
    return [k for k in st.query_params.get(OFF, "").split(",") if k in deck_module.KEYS]


@st.cache_data(show_spinner=False, max_entries=16)
def _deck(db: str, data_version: int, filters: Filters, lang: str, by: str) -> Deck:
    return deck_module.build_deck(state.cursor(), filters, lang, by)


def current_deck() -> Deck:
    """The deck of the view in the URL (cached per data version and view), slides off removed."""
    with st.spinner(state.tr("present.building")):
        built = _deck(state.db_path(), state.version(), view_filters(), state.lang(), view_by())
    return built.without(switched_off())


def slide_number(total: int) -> int:
    """The slide the URL asks for (1-based), kept within the deck."""
    try:
        number = int(st.query_params.get(SLIDE, "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), total)


def _go(number: int) -> None:
    state.set_url(SLIDE, str(number))  # one history entry a slide: Back steps back


def _leave() -> None:
    for name in (PRESENT, SLIDE, OFF):
        state.set_url(name, None)


def start() -> None:
    """The "Present" button's action: the current view as slides, from the first."""
    state.set_url(PRESENT, "1")
    state.set_url(SLIDE, "1")


def title_with_button(title: str, key: str) -> None:
    """A page's title with the "Present" button beside it (the Overview, the pyramid): the
    page's view (period, segment, ranking, language, all in the URL) becomes the deck."""
    with st.container(horizontal=True, vertical_alignment="center"):
        st.title(title, width="stretch")
        st.button(
            state.tr("present.button"),
            key=key,
            icon=":material/slideshow:",
            type="primary",
            help=state.tr("present.button_help"),
            on_click=start,
        )


def _toggle(key: str) -> None:
    off = set(switched_off())
    off.symmetric_difference_update({key})
    state.set_url(OFF, ",".join(k for k in deck_module.KEYS if k in off) or None)
    state.set_url(SLIDE, "1")


def _outline(slide: Slide) -> None:
    with st.container(key="deck_outline"):
        st.markdown(
            "\n".join(f"{i}. {markdown_text(line)}" for i, line in enumerate(slide.lines, 1))
        )
    if slide.out_lines:
        with st.container(key="deck_outline_out"):
            st.markdown("\n".join(f"- {markdown_text(line)}" for line in slide.out_lines))


def _delta_colour(number) -> str:
    """Streamlit colours a rise green with "normal": a good fall (less cost) needs "inverse"."""
    if number.change is None or number.tone == "neutral":
        return "off"
    falls = number.change.startswith(("-", "−"))
    return "normal" if (number.tone == "good") != falls else "inverse"


def _numbers(slide: Slide) -> None:
    with st.container(key="deck_numbers"):
        for row in range(0, len(slide.numbers), 3):
            for column, number in zip(st.columns(3), slide.numbers[row : row + 3], strict=False):
                column.metric(
                    markdown_text(number.label),
                    number.value,
                    delta=number.change if number.change is not None else number.note,
                    delta_color=_delta_colour(number),
                    delta_arrow="off"
                    if number.change is None or number.tone == "neutral"
                    else "auto",
                    border=True,
                )


def _cards(slide: Slide) -> None:
    with st.container(key="deck_cards"):
        for column, card in zip(st.columns(len(slide.cards)), slide.cards, strict=True):
            with column.container(border=True):
                st.markdown(f"**{markdown_text(card.heading)}**")
                st.markdown(markdown_text(card.text))
                st.markdown(markdown_text(card.numbers))


def _body(slide: Slide) -> None:
    if slide.lines or slide.out_lines:
        _outline(slide)
    if slide.numbers:
        _numbers(slide)
    if slide.cards:
        _cards(slide)
    if slide.figure is not None:
        fig = document.projected(slide.figure, state.lang())
        charts.show(
            st,
            fig,
            height="stretch",
            theme=None,
            key=f"deck_chart_{slide.key}",
            config={"displayModeBar": False, "displaylogo": False, "responsive": True},
        )


def _controls(deck: Deck, number: int) -> None:
    total = len(deck.slides)
    slide = deck.slides[number - 1]
    with st.container(horizontal=True, key="deck_controls", gap="small"):
        st.button(
            state.tr("present.previous"),
            key="deck_previous",
            icon=":material/chevron_left:",
            on_click=_go,
            args=(max(1, number - 1),),
            disabled=number == 1,
        )
        st.button(
            state.tr("present.next"),
            key="deck_next",
            icon=":material/chevron_right:",
            on_click=_go,
            args=(min(total, number + 1),),
            disabled=number == total,
        )
        with st.container(key="deck_counter", width="content"):
            st.markdown(state.tr("present.counter", number=number, total=total))
        st.page_link(
            f"pages/{slide.page}.py",
            label=state.tr("present.open_live"),
            icon=":material/open_in_new:",
            query_params=deck_module.link_params(deck, slide),
        )
        with st.popover(state.tr("present.notes"), icon=":material/speaker_notes:"):
            for note in slide.notes:
                st.text(note)
        with st.popover(state.tr("present.slides"), icon=":material/view_carousel:"):
            st.caption(state.tr("present.slides_help"))
            off = set(switched_off())
            for key in deck_module.KEYS[1:]:
                shown = key not in off
                st.checkbox(
                    deck_module.heading(key, state.lang()),
                    value=shown,
                    key=f"deck_on_{key}_{shown}",  # follows the URL (Back, a link)
                    on_change=_toggle,
                    args=(key,),
                    disabled=key in {g.key for g in deck.left_out} - off,
                )
        _pdf_button(deck)
        st.button(
            state.tr("present.leave"), key="deck_leave", icon=":material/close:", on_click=_leave
        )
    with st.container(key="deck_keys"):  # Home and End: pressed by their keys only
        st.button(state.tr("present.first"), key="deck_first", on_click=_go, args=(1,))
        st.button(state.tr("present.last"), key="deck_last", on_click=_go, args=(total,))


def _pdf_button(deck: Deck) -> None:
    from dashboard.presenting import pdf

    reason = pdf.unavailable()
    if reason:
        st.button(
            state.tr("present.pdf"),
            key="deck_pdf_missing",
            icon=":material/picture_as_pdf:",
            disabled=True,
            help=state.tr("present.pdf_missing", reason=reason),
        )
        return
    st.download_button(
        state.tr("present.pdf"),
        lambda: pdf.deck_pdf(deck),
        file_name=document.file_name(deck, "pdf"),
        mime="application/pdf",
        key="deck_pdf",
        icon=":material/picture_as_pdf:",
        help=state.tr("present.pdf_help"),
        on_click="ignore",
    )


def render() -> None:
    """Presenter mode: the slide of the URL, full window, with small controls under it."""
    _frame(key="deck_frame")
    deck = current_deck()
    number = slide_number(len(deck.slides))
    state.set_url(SLIDE, str(number))  # a slide beyond the deck: its last
    slide = deck.slides[number - 1]
    with st.container(key=f"deck_title_{slide.key}"):  # the slide's key in the page, too
        st.title(markdown_text(slide.title), anchor=False)
    if slide.lead and slide.lead != slide.title:
        with st.container(key="deck_lead"):
            st.markdown(markdown_text(slide.lead))
    with st.container(key="deck_body"):
        _body(slide)
    _controls(deck, number)
