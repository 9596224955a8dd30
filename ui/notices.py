"""Notices about what a link asked for that could not be shown.

A notice stays until the reader dismisses it or opens another page. Its area
is drawn on every run, empty or not: Streamlit places an element by its
position on the page, so a notice that vanished would move the map below it,
and a moved map is mounted again (its document reloads and the reader's zoom
is lost).
"""

from __future__ import annotations

import streamlit as st

from ui.language import ngettext
from ui.text import md


def notice_area(state_key: str, page: str) -> None:
    """The page's notices kept under ``state_key``, with a button to dismiss them.

    Parameters
    ----------
    state_key : str
        The session-state key holding the list of notices: plain text, which may
        quote what a link or a pack said, so it is escaped here, never rendered.
    page : str
        The page drawing them; notices left from another page are dropped.
    """
    area = st.container()
    state = st.session_state
    page_key = f"{state_key}_page"
    notices = list(state.get(state_key) or [])
    if not notices:
        state.pop(page_key, None)
        return
    if state.setdefault(page_key, page) != page:
        _dismiss(state_key)
        return
    with area:
        for notice in notices:
            st.warning(md(notice), icon="⚠️")
        st.button(
            ngettext("Dismiss the notice", "Dismiss the notices", len(notices)),
            key=f"{state_key}_dismiss",
            on_click=_dismiss,
            args=(state_key,),
        )


def _dismiss(state_key: str) -> None:
    """Callback: forget the notices."""
    st.session_state.pop(state_key, None)
    st.session_state.pop(f"{state_key}_page", None)
