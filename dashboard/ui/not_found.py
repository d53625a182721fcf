"""A link to a page the app does not have: said in the session's language, on a page of its own.

Streamlit answers an unknown page path with its own English "Page not found" dialog and the
main page. The router instead serves the path asked for as a hidden page that says so in the
reader's language and links to the Overview (see :func:`unknown_path`).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.text_safety import markdown_text
from dashboard.ui import state

#: The unknown path this session asked for (kept, so that its reruns find the page again).
ASKED_KEY = "not_found_path"


def unknown_path(known: set[str]) -> str | None:
    """The page path of this run's link when the app has no such page (None otherwise, and for
    a path Streamlit cannot serve as a page, such as one with a slash)."""
    ctx = get_script_run_ctx()
    asked = getattr(getattr(ctx, "pages_manager", None), "intended_page_name", None)
    asked = (asked or "").strip().strip("/")
    if asked and asked not in known and "/" not in asked:
        st.session_state[ASKED_KEY] = asked
    kept = st.session_state.get(ASKED_KEY)
    return kept if kept and kept not in known else None


def page(path: str):
    """The hidden page served at ``path``: what was asked for, and the way back."""

    def not_found() -> None:
        st.title(state.tr("common.not_found.title"))
        st.warning(state.tr("common.not_found", path=markdown_text(path)))
        st.page_link(
            "pages/overview.py",
            label=state.tr("common.not_found.to_overview"),
            icon=":material/dashboard:",
        )

    return st.Page(
        not_found, title=state.tr("common.not_found.title"), url_path=path, visibility="hidden"
    )
