"""The page's frame: compact margins, and one header row per page (its title, the
naming of the islands, and help that opens from a button), so a map fills the window."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui.controls import language_control
from ui.language import _, mark_page_language
from ui.text import md

# Streamlit's margins are made for text pages: at 1400 x 900 its top margin alone put
# the map's lower edge below the fold. The map's own room is measured by the browser
# tests (tests/test_browser_layout.py).
_COMPACT_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 3.5rem 1.25rem 1rem; max-width: none; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding: 4rem 0.5rem 1rem; }
}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
.st-key-page-head { flex-wrap: wrap; row-gap: 0.3rem; }
.st-key-page-title { min-width: 12rem; }
.st-key-page-title [data-testid="stMarkdownContainer"],
.st-key-page-title [data-testid="stMarkdown"] { margin: 0 !important; }
.st-key-page-title [data-testid="stHeadingWithActionElements"] { margin: 0; }
.st-key-page-title h2 { font-size: 1.3rem; line-height: 1.3; padding: 0.1rem 0 0; margin: 0; }
</style>"""


def compact_page() -> None:
    """Tighter margins for every page (one style element, drawn on every run)."""
    st.html(_COMPACT_CSS)
    mark_page_language()


def header(
    title: str,
    naming: Callable[[], None] | None,
    help_text: str | None = None,
    widgets: bool = True,
) -> None:
    """One row: the page's title, the naming control, the language and a help button.

    Parameters
    ----------
    title : str
        Shown as the page's heading (escaped: it may come from a pack).
    naming : callable or None
        Draws the naming control; ``None`` leaves its place empty.
    help_text : str, optional
        Markdown of the project's own (never a pack's text) opened by the help button.
    widgets : bool
        Draw the language picker; ``False`` on the map page's first run, which sends the
        map before any widget (a widget's scripts would hold the map back).
    """
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="page-head"):
        with st.container(key="page-title", width="stretch"):
            st.markdown(f"## {md(title)}")
        if naming is not None:
            with st.container(width="content"):
                naming()
        if widgets:
            with st.container(width="content"):
                language_control()
        if help_text:
            with st.popover(_("Help"), icon=":material/help:", width="content"):
                st.markdown(help_text)
