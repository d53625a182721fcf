"""Text from a file or a user shown as text: never as Markdown, HTML or a chart's markup.

Three places read markup, and each gets its own escape, applied where a value is put into it
(a translated template's value, never the template):

- Streamlit's Markdown (``st.markdown``, captions, headings, alerts, widget and metric labels,
  radio and pills options, tabs, expanders): :func:`markdown_text`.
- HTML (the report): :func:`html_text`.
- Plotly's pseudo-HTML (titles, hover texts, axis and tick labels, legend names, bar texts):
  :func:`plotly_text`.

Tables (``st.dataframe``) and select boxes already show text as text and need none of these.
"""

from __future__ import annotations

import html
import re

#: Every ASCII punctuation character: CommonMark lets each be escaped with a backslash, and
#: Markdown, GFM, KaTeX ($), Streamlit's directives (``:red[…]``, ``:material/…:``), HTML and
#: entities (``&lt;``) are all made of them.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
#: A WORD JOINER: zero width, invisible, no line break. Some of Streamlit's Markdown features
#: work on the text after it is parsed, where a backslash escape has already become the plain
#: character; one of these between two characters keeps such a pattern from matching.
JOINER = "\u2060"
#: Patterns Streamlit's Markdown replaces in parsed text, each with where a joiner breaks it:
#: ``:material_icon:``, ``:streamlit:`` and emoji ``:name:`` shortcodes (after the colon);
#: bare links ``https://…``, ``www.…`` and e-mail addresses (GFM's autolink literals);
#: ``->``, ``<-``, ``<->``, ``--``, ``>=``, ``<=``, ``~=`` between spaces (typographic arrows).
_PARSED_TEXT_PATTERNS = (
    (re.compile(r":(?=[\w+-]+:)"), ":" + JOINER),
    (re.compile(r"(?i)(https?):(?=//)"), r"\1:" + JOINER),
    (re.compile(r"(?i)\b(www)(?=\.)"), r"\1" + JOINER),
    (re.compile(r"(?<=[-.\w+])@"), JOINER + "@"),
    (re.compile(r"(?<!\S)(?=(?:<->|->|<-|--|>=|<=|~=)(?!\S))(.)"), r"\1" + JOINER),
)
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def markdown_text(value) -> str:
    """``value`` as Streamlit Markdown that shows exactly its characters.

    Every ASCII punctuation character is backslash-escaped (so no emphasis, link, image, code,
    heading, list, quote, table, HTML, entity, ``$math$`` or ``:color[…]`` directive can
    start), a WORD JOINER breaks the patterns Streamlit matches after parsing (icons, emoji,
    bare links, typographic arrows), line breaks become spaces (a value is one run of text
    inside a sentence, a heading or a label) and leading spaces go (four would start a code
    block). ``None`` gives an empty string; other values are shown as ``str(value)``:
    ``**bold**`` becomes ``\\*\\*bold\\*\\*``.
    """
    text = "" if value is None else str(value)
    text = _LINE_BREAKS.sub(" ", text).lstrip()
    for pattern, replacement in _PARSED_TEXT_PATTERNS:
        text = pattern.sub(replacement, text)
    return _PUNCTUATION.sub(r"\\\1", text)


def html_text(value) -> str:
    """``value`` as HTML text or a quoted attribute value: ``& < > " '`` as entities."""
    return html.escape("" if value is None else str(value), quote=True)


def plotly_text(value) -> str:
    """``value`` as text of a Plotly chart, which reads ``<b>``, ``<br>``, ``<a href>``,
    ``<span style>`` and entities in titles, hovers, labels, ticks and legend names:
    ``& < >`` become entities, which Plotly shows as the characters."""
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_text(markdown: str) -> str:
    """What :func:`markdown_text` escaped, as it was typed (without its backslashes and joiners);
    for tests and anything that reads the Markdown back."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(JOINER, "")
