"""The interface's language: which one a session reads, and its words.

The session's :class:`geo.view.View` holds the language (``?lang=`` in a link);
before a session has a view, a link's ``lang`` or the browser's own language
stands in. The words come from the compiled catalogues in ``geo/locales``
(:func:`geo.i18n.texts`); this module only knows which language to ask for.
"""

from __future__ import annotations

import json

import streamlit as st

from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, texts

VIEW_KEY = "view"  # where the session's View lives (ui.controls sets it)


def language() -> str:
    """The session's language: its view's, else a link's, else the browser's."""
    view = st.session_state.get(VIEW_KEY)
    chosen = getattr(view, "lang", None)
    return chosen if chosen in LANGUAGES else requested_language()


def requested_language() -> str:
    """The language a link asks for (``?lang=ja``), else the browser's first choice."""
    raw = st.query_params.get("lang")
    return raw if raw in LANGUAGES else browser_language()


def browser_language() -> str:
    """The browser's language if the explorer speaks it ("ja-JP" reads as ``ja``), else English."""
    locale = str(st.context.locale or "")
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def _(message: str) -> str:
    """A word of the interface in the session's language."""
    return texts(language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """A word that agrees with a count, by the session's language's plural rules."""
    return texts(language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A word whose translation depends on where it stands (``context``)."""
    return texts(language()).pgettext(context, message)


def mark_page_language() -> None:
    """Set the page's ``lang`` attribute, so screen readers and fonts read it in its language.

    Streamlit writes ``<html lang="en">`` whatever the page says; the script below
    corrects it on every run (the language may change without a reload).
    """
    code = json.dumps(language())  # one of LANGUAGES' codes, written as a JS string
    st.html(
        f"<script>document.documentElement.lang = {code};</script>",
        unsafe_allow_javascript=True,
    )
