"""The interface's language: which one a session reads, and its words.

The session's :class:`geo.view.View` holds the language (``?lang=`` in a link);
before a session has a view, a link's ``lang`` or the browser's own language
stands in. The words come from the compiled catalogues in ``geo/locales``
(:func:`geo.i18n.texts`); this module only knows which language to ask for.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st

from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, texts

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


# Streamlit's own words in a page: its widgets' hints and accessible names, which no app
# can set (Streamlit 1.67 writes them in English). ``{label}`` and ``{size}`` stand for
# the part Streamlit fills in. They are translated in the browser (ui/streamlit_words.js).
STREAMLIT_WORDS = (
    N_("Choose an option"),
    N_("Choose options"),
    N_("No results"),
    N_("Help for {label}"),
    N_("Link to heading"),
    N_("Skip to main content"),
    N_("App pages"),
    N_("Clear all"),
    N_("Clear value"),
    N_("Clear selection"),
    N_("Selected values"),
    N_("Copy to clipboard"),
    N_("Copied!"),
    N_("Show/hide columns"),
    N_("Download as CSV"),
    N_("Show data"),
    N_("Fullscreen"),
    N_("Close fullscreen"),
    N_("Copy Vega-Lite spec"),
    N_("Download as PNG"),
    N_("Download as SVG"),
    N_("View Source"),
    N_("View Compiled Vega"),
    N_("Open in Vega Editor"),
    N_("Vega visualization"),
    N_("Add row"),
    N_("Delete row(s)"),
    N_("Press Enter to apply"),
    N_("Press Enter to submit form"),
    N_("Press Ctrl+Enter to apply"),
    N_("Drag and drop file here"),
    N_("Drag and drop files here"),
    N_("{size} per file"),
    N_("Browse files"),
    N_("Upload"),
    N_("Expand sidebar"),
    N_("Collapse sidebar"),
    N_("Main menu"),
    N_("Open"),
    N_("Close"),
    N_("file upload"),
)


def streamlit_words() -> list[dict[str, str]]:
    """Streamlit's own words in every language, for the page's script to match and replace."""
    return [{other: texts(other).gettext(word) for other in LANGUAGES} for word in STREAMLIT_WORDS]


@functools.cache
def _words_script() -> str:
    """The script that writes Streamlit's own words in the page's language (read once)."""
    return Path(__file__).with_name("streamlit_words.js").read_text(encoding="utf-8")


def mark_page_language() -> None:
    """Set the page's ``lang`` attribute and write Streamlit's own words in its language.

    Streamlit writes ``<html lang="en">`` and its widgets' hints in English whatever
    the page says; the script corrects both on every run (the language may change
    without a reload).
    """
    code = language()

    def as_js(value: object) -> str:
        # JSON is a JS literal; "<" escaped so no text can close the script element
        return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")

    words = f"{as_js(code)}, {as_js(streamlit_words())}"
    script = _words_script().replace("LANGUAGE, WORDS", words)
    st.html(
        f"<script>document.documentElement.lang = {as_js(code)};\n{script}</script>",
        unsafe_allow_javascript=True,
    )
