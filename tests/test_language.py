"""The session's language (ui.language): a link's, else the browser's; and Streamlit's own
words, which the page's script writes in that language."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo.i18n import LANGUAGES, TRANSLATED, texts
from ui import language


def test_streamlit_s_own_words_are_given_in_every_language():
    table = language.streamlit_words()
    assert len(table) == len(language.STREAMLIT_WORDS)
    for english, entry in zip(language.STREAMLIT_WORDS, table, strict=True):
        assert set(entry) == set(LANGUAGES)
        assert entry["en"] == english
        for code in TRANSLATED:
            assert entry[code] == texts(code).gettext(english) != english


def test_the_words_script_holds_no_less_than_sign():
    # Streamlit's sanitiser of st.html reads "<" as a tag, even inside a script, and
    # then drops the script whole (seen: the page kept lang="en")
    assert "<" not in language._words_script()


def _page_with_language() -> AppTest:
    script = """
import streamlit as st
from ui.language import language
st.write(language())
"""
    return AppTest.from_string(script)


def test_a_link_s_language_comes_before_the_browser_s():
    app = _page_with_language()
    app.query_params["lang"] = "ru"
    app.run()
    assert app.markdown[0].value == "ru"


def test_an_unknown_language_in_a_link_reads_as_the_browser_s_or_english():
    app = _page_with_language()
    app.query_params["lang"] = "xx"
    app.run()
    assert app.markdown[0].value == "en"  # AppTest's browser has no language
