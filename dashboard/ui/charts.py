"""Showing a figure: every chart goes through :func:`show`, so it speaks the session's language."""

from __future__ import annotations

import html
import re

import plotly.graph_objects as go

from dashboard import i18n
from dashboard.figures import theme
from dashboard.ui import state


def show(where, fig: go.Figure, *, half: bool = False, **kwargs):
    """``where.plotly_chart(fig, **kwargs)`` with Plotly's own numbers in the session's language.

    ``where`` is ``st`` or a container (a column, an expander); ``half`` for a chart beside
    another, whose title then wraps sooner. Returns what Streamlit returns (the selection event
    when ``on_select`` is given).
    """
    if half:
        theme.fit_half_width(fig)
    lang = state.lang()
    kwargs["config"] = {
        **plotly_locale(lang),
        "toImageButtonOptions": image_options(fig, kwargs.get("key")),
        **kwargs.get("config", {}),
    }
    return where.plotly_chart(theme.localize_numbers(fig, lang), **kwargs)


#: The toolbar's camera button: a slide-sized PNG (1920×1080, as the projector shows it).
IMAGE_SIZE = (1920, 1080)


def image_options(fig: go.Figure, key: str | None = None) -> dict:
    """Plotly's ``toImageButtonOptions``: a 1920×1080 PNG named after the chart's title (its
    key when it has none), so a downloaded chart can be put on a slide as it is."""
    title = fig.layout.title.text if fig.layout.title else None
    width, height = IMAGE_SIZE
    return {
        "format": "png",
        "width": width,
        "height": height,
        "scale": 1,
        "filename": file_slug(title or "") or file_slug(key or "") or "chart",
    }


def file_slug(text: str, limit: int = 80) -> str:
    """``text`` as a file name: the words of a chart title (markup and escapes taken out,
    letters of any alphabet kept), lower case, joined by hyphens, at most ``limit`` long."""
    words = re.sub(r"<[^>]*>", " ", text)  # <br>, <b>: Plotly's markup
    words = re.findall(r"[^\W_]+", html.unescape(words).lower())
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > limit:
            break
        slug = f"{slug}-{word}" if slug else word[:limit]
    return slug


PLOTLY_PREFIX = "charts.plotly."


def plotly_locale(lang: str) -> dict:
    """Plotly's config in ``lang``: its own words (the toolbar's tooltips, its notices) and
    the language's percent sign (:func:`dashboard.figures.theme.plotly_config`).

    Streamlit ships Plotly without its locale files, so the dictionary goes in the chart's
    config (``locales``), from ``translations/charts.py`` (keyed by Plotly's English).
    """
    if lang == i18n.DEFAULT_LANGUAGE:
        return {}
    dictionary = {
        english: i18n.t(key, lang)
        for key, (english, _) in i18n.texts().items()
        if key.startswith(PLOTLY_PREFIX)
    }
    return theme.plotly_config(lang, dictionary)
