"""A view whose answer was not computed where the lines live (a Spark cluster): said where the
numbers would be, in the reader's language, with the command that computes it, instead of the
zeros the empty ``transactions`` table would give (:class:`dashboard.errors.NotComputed`)."""

from __future__ import annotations

import streamlit as st

from dashboard.errors import NotComputed
from dashboard.text_safety import markdown_text
from dashboard.ui import state


def run(navigation) -> None:
    """Run the chosen page; should one of its answers not be computed, say so at that place
    (the page stops there: what it drew before stays)."""
    try:
        navigation.run()
    except NotComputed as e:
        show(e)


def show(error: NotComputed, where=st) -> None:
    """The message, in ``where`` (it may quote segment names from the data: shown as text)."""
    where.info(markdown_text(error.localized(state.lang())), icon=":material/cloud_off:")
