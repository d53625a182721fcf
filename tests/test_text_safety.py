"""Customer text stays text: each attack through each escape (Markdown, HTML, Plotly)."""

from __future__ import annotations

import html
import re

import pytest

from dashboard.text_safety import JOINER, html_text, markdown_text, plain_text, plotly_text
from tests.conftest import ROOT

#: What an attacker types into a name, a product, a campaign or a feedback text.
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![p](http://evil.example/p.png)",
    "**bold**",
    "$x^2$",
    ":red[red]",
    "# heading",
    '<iframe srcdoc="<script>parent.x=1</script>">',
)
#: Streamlit's Markdown beyond CommonMark: directives, icons, emoji, math, links without brackets.
STREAMLIT_MARKDOWN = (
    ":material/home:",
    ":material_home:",
    ":streamlit:",
    ":smile:",
    ':color[red]{foreground="red"}',
    ":blue-background[x] :green-badge[y] :small[z] :::note",
    "$$\\int x$$",
    "&lt;b&gt; &#60;b&#62; &amp;",
    "`code` ~~struck~~ | a | b |",
    "www.evil.example https://evil.example/x mail@evil.example",
    "a -> b <- c <-> d -- e >= f <= g ~= h",
    "1. first",
    "2) second",
    "> quoted",
    "- item",
    "+ item",
    "    four spaces: a code block",
    "back\\slash \\*",
)
ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def unescaped_punctuation(markdown: str) -> list[str]:
    """The ASCII punctuation left without a backslash (what Markdown would read)."""
    return ASCII_PUNCTUATION.findall(re.sub(r"\\[!-/:-@\[-`{-~]", "", markdown))


@pytest.mark.parametrize("payload", PAYLOADS + STREAMLIT_MARKDOWN)
def test_markdown_text_escapes_every_character_markdown_reads(payload):
    shown = markdown_text(payload)
    assert unescaped_punctuation(shown) == []
    # what a reader sees is what was typed (leading spaces aside: a paragraph drops them anyway)
    assert plain_text(shown) == payload.lstrip()


@pytest.mark.parametrize("payload", PAYLOADS + STREAMLIT_MARKDOWN)
def test_markdown_text_leaves_no_pattern_streamlit_replaces_after_parsing(payload):
    # Streamlit replaces these in the parsed text, where backslashes are gone: a word joiner
    # (zero width) sits inside each of them
    text = plain_text(markdown_text(payload)).replace(JOINER, "")
    seen = markdown_text(payload).replace("\\", "")
    assert ":material/" not in markdown_text(payload)  # replaced in the source, before parsing
    assert not re.search(r":material_\w+:|:streamlit:|:[\w+-]+:", seen)
    assert not re.search(r"https?://|www\.|\w@\w", seen)
    assert not re.search(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)", seen)
    assert text == payload.lstrip()


def test_markdown_text_of_each_attack():
    shown = [markdown_text(p) for p in PAYLOADS]
    assert shown[0] == r"\<script\>alert\(1\)\<\/script\>"
    assert shown[1] == r"\<img src\=x onerror\=alert\(1\)\>"
    assert shown[2] == r"\[click\]\(javascript\:alert\(1\)\)"
    assert shown[3] == r"\!\[p\]\(http\:" + JOINER + r"\/\/evil\.example\/p\.png\)"
    assert shown[4] == r"\*\*bold\*\*"
    assert shown[5] == r"\$x\^2\$"
    assert shown[6] == r"\:red\[red\]"
    assert shown[7] == r"\# heading"
    assert shown[8] == r"\<iframe srcdoc\=\"\<script\>parent\.x\=1\<\/script\>\"\>"


def test_markdown_text_makes_one_line_that_starts_no_block():
    assert markdown_text("Ann\n# heading\r\n\r\n- item") == r"Ann \# heading \- item"
    assert markdown_text("    indented") == "indented"  # four spaces would start a code block
    assert markdown_text("12. Main St.") == r"12\. Main St\."
    assert markdown_text(None) == ""
    assert markdown_text(42) == "42"
    assert markdown_text("Анна Ивановна") == "Анна Ивановна"  # letters, digits, spaces untouched


@pytest.mark.parametrize("payload", PAYLOADS + STREAMLIT_MARKDOWN)
def test_html_text_leaves_no_tag_or_attribute_open(payload):
    shown = html_text(payload)
    assert not re.search(r"[<>\"']", shown)
    assert html.unescape(shown) == payload


def test_html_text_of_the_attacks():
    assert html_text(PAYLOADS[0]) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert html_text(PAYLOADS[8]) == (
        "&lt;iframe srcdoc=&quot;&lt;script&gt;parent.x=1&lt;/script&gt;&quot;&gt;"
    )
    assert html_text("&lt;") == "&amp;lt;"  # typed as an entity, shown as typed
    assert html_text(None) == ""


@pytest.mark.parametrize("payload", PAYLOADS + STREAMLIT_MARKDOWN + ("<b>x</b><br>y", "a & b"))
def test_plotly_text_leaves_no_tag(payload):
    shown = plotly_text(payload)
    assert "<" not in shown and ">" not in shown
    assert html.unescape(shown) == payload


def test_plotly_text_of_the_attacks():
    assert plotly_text("<b>bold</b>") == "&lt;b&gt;bold&lt;/b&gt;"
    assert plotly_text(PAYLOADS[1]) == "&lt;img src=x onerror=alert(1)&gt;"
    assert plotly_text("&lt;") == "&amp;lt;"
    assert plotly_text("**bold** $x^2$") == "**bold** $x^2$"  # Plotly reads no Markdown
    assert plotly_text(None) == ""


def test_no_page_renders_html_from_markdown():
    # a coloured mark is Streamlit's :color[…] directive; HTML would run what a name holds
    sources = [*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "pages").glob("*.py")]
    sources.append(ROOT / "streamlit_app.py")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"unsafe_allow_html\s*=\s*True|\bst\.html\(|components\.html\(", line)
    ]
    assert found == []
