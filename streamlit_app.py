"""Entry script: the router. Pages in IDIC order (Identify, Differentiate, Interact, Customize)."""

from pathlib import Path

import streamlit as st

# scikit-learn and SciPy, loaded whole by the first run of the process: each session's run comes
# here first and waits on this one import, so sessions opening Clusters or Future value at once on
# a fresh server cannot enter those packages from two sides and find one half-imported.
import dashboard.clustering.runs  # noqa: F401 (with analysis, pipeline, profiles)
import dashboard.clustering.selection  # noqa: F401
import dashboard.feedback.text_terms  # noqa: F401
import dashboard.future.model  # noqa: F401
from dashboard import text_safety
from dashboard.errors import StorageError
from dashboard.ui import auth, not_computed, not_found, present, sidebar, state
from dashboard.ui.navigation import DEFAULT, PAGES

st.set_page_config(page_title="Customer Value Dashboard", page_icon="🔺", layout="wide")

PAGES_DIR = Path(__file__).parent / "pages"


def build_navigation(visible: bool = True):
    """The st.navigation of every page, titled in the session's language (its menu hidden
    before sign-in, so that the page of a link is kept while the form shows)."""
    sections: dict[str, list] = {}
    for section, file, title, icon, url in PAGES:
        page = st.Page(
            PAGES_DIR / file,
            title=state.tr(title),
            icon=icon,
            url_path="" if url == DEFAULT else url,  # Streamlit serves the default page at "/"
            default=(url == DEFAULT),
        )
        # The Overview needs no section header of its own: it stands at the top.
        header = "" if section == "nav.overview" else state.tr(section)
        sections.setdefault(header, []).append(page)
        if url == DEFAULT:
            # A link to /overview opens the Overview too, instead of "Page not found".
            alias = st.Page(PAGES_DIR / file, title=state.tr(title), url_path=url,
                            visibility="hidden")  # fmt: skip
            sections[header].append(alias)
    asked = not_found.unknown_path({url for *_, url in PAGES})
    if asked:  # a link to a page the app has not: said in the reader's language
        sections[next(iter(sections))].append(not_found.page(asked))
    return st.navigation(sections, position="sidebar" if visible else "hidden")


def open_database() -> None:
    """Open the database, saying why a page waits: a first run generates the demo data, and
    another program (a scheduled import) may be working on the file. A file that cannot be
    opened (damaged, out of reach) is named with the fix, and no page runs on it."""
    shared = state.shared()
    if shared.is_open:
        return
    waiting = shared.another_program_has_it()
    with st.spinner(state.tr("common.waiting_for_db" if waiting else "common.loading_demo")):
        try:
            state.connection()
        except StorageError as e:
            st.error(text_safety.markdown_text(e.localized(state.lang())))
            st.stop()


state.start_routed_run()
try:
    open_database()
    signed_in = auth.gate()  # served beyond this machine: signed in, or the sign-in form alone
    presenting = signed_in and present.is_presenting()  # ?present=1: slides, no sidebar
    navigation = build_navigation(visible=signed_in and not presenting)
    if presenting:
        present.render()
    elif signed_in:
        sidebar.render()
        not_computed.run(navigation)  # a view the lake's lines were not computed for
    else:
        sidebar.render_signed_out()
        auth.sign_in_form()
finally:
    state.end_run()
