"""Sharing a view: its link, a Copy-link button and an embed snippet.

The link is the app's address with the view's query parameters (only what
differs from the default, :func:`geo.view.to_query_params`), so the recipient
opens the same year, names, filters, event, zoom and centre.
"""

from __future__ import annotations

import html
import json
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st
import streamlit.components.v1 as components

from geo import paths
from geo.foliummap import AssetUrls
from geo.fonts import WEB_FONT_FAMILY, WEB_FONT_FAMILY_JA
from geo.model import Dispute
from geo.view import View, to_query_params
from ui.controls import default_for, pack_params
from ui.language import _, language

EMBED_HEIGHT = 760  # the map page with its time control and the list beside it
# The fonts the app serves (kana and kanji too: a reader's system may have none), for the
# copy buttons' own small documents.
_FONTS_CSS = f"{AssetUrls.kuril}/{paths.KURIL_FONTS}"
_FONTS = f'"{WEB_FONT_FAMILY}", "{WEB_FONT_FAMILY_JA}"'


def app_root(page_url: str, page_path: str = "") -> str:
    """The app's address (the map page) from the address of one of its pages.

    Examples
    --------
    >>> app_root("http://host:8501/export", "export")
    'http://host:8501/'
    >>> app_root("http://host:8501/", "")
    'http://host:8501/'
    """
    parts = urlsplit(page_url)
    path = parts.path
    if page_path and path.rstrip("/").endswith("/" + page_path):
        path = path.rstrip("/")[: -len(page_path)]
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def share_url(root: str, params: dict[str, str], embed: bool = False) -> str:
    """The link to a view: the app's address and the view's query parameters.

    Examples
    --------
    >>> share_url("http://host/", {"year": "1956", "z": "8"})
    'http://host/?year=1956&z=8'
    >>> share_url("http://host/", {}, embed=True)
    'http://host/?embed=true'
    """
    query = dict(params)
    if embed:
        query["embed"] = "true"  # Streamlit's own parameter: the page without its chrome
    return root + ("?" + urlencode(query) if query else "")


def embed_snippet(url: str, title: str, height: int = EMBED_HEIGHT) -> str:
    """An ``<iframe>`` that shows the view on another page (every value escaped).

    Examples
    --------
    >>> embed_snippet("http://host/?embed=true", 'A "map"', 700)[:60]
    '<iframe src="http://host/?embed=true" title="A &quot;map&quot;'
    """
    return (
        f'<iframe src="{html.escape(url, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'width="100%" height="{int(height)}" style="border:0" loading="lazy"></iframe>'
    )


def view_url(dispute: Dispute, view: View, page_path: str = "", embed: bool = False) -> str:
    """The link to a view as the reader's browser reaches the app ("" when unknown)."""
    page_url = st.context.url
    if not page_url:
        return ""
    params = {**pack_params(), **to_query_params(view, default_for(dispute))}
    return share_url(app_root(page_url, page_path), params, embed)


def copy_button(text: str, label: str | None = None, show_text: bool = False) -> None:
    """A button that copies ``text`` to the clipboard and says so (a small frame).

    With ``show_text`` the text stands above the button in a read-only field
    (selected when focused), for readers who copy by hand. ``label`` defaults to
    "Copy link" in the session's language.
    """
    label = _("Copy link") if label is None else label
    payload = json.dumps(text).replace("<", "\\u003c")
    said = json.dumps(
        {
            "done": " " + _("Copied."),
            "blocked": " " + _("Copying is blocked here: select the link and copy it."),
        }
    ).replace("<", "\\u003c")
    field_label = _("{label}: the text copied").format(label=label)
    page_language = html.escape(language(), quote=True)
    field = (
        f'<input id="text" readonly value="{html.escape(text, quote=True)}" '
        f'aria-label="{html.escape(field_label, quote=True)}" '
        'onfocus="this.select()">'
        if show_text
        else ""
    )
    components.html(
        f"""<!doctype html><html lang="{page_language}"><head><meta charset="utf-8">
<title>{html.escape(label)}</title>
<link rel="stylesheet" href="{html.escape(_FONTS_CSS, quote=True)}"><style>
body {{ margin: 0; font: 14px {_FONTS}, system-ui, sans-serif; color: #1A1A1A; }}
button {{ font: inherit; padding: 5px 12px; border: 1px solid #777; border-radius: 6px;
  background: #FFF; color: #1A1A1A; cursor: pointer; }}
button:focus-visible, input:focus-visible {{ outline: 3px solid #0B5394; outline-offset: 1px; }}
input {{ display: block; box-sizing: border-box; width: calc(100% - 8px); margin: 2px 4px 8px;
  padding: 6px 8px; font: 13px ui-monospace, monospace, "{WEB_FONT_FAMILY_JA}"; color: #1A1A1A;
  background: #F4F4F4;
  border: 1px solid #999; border-radius: 6px; }}
</style></head><body>{field}<button type="button" id="copy">{html.escape(label)}</button>
<span id="said" role="status" aria-live="polite"></span>
<script>
var text = {payload};
var words = {said};
document.getElementById('copy').addEventListener('click', function () {{
  var said = document.getElementById('said');
  navigator.clipboard.writeText(text).then(function () {{ said.textContent = words.done; }},
    function () {{ said.textContent = words.blocked; }});
}});
</script></body></html>""",
        height=88 if show_text else 40,
    )


def share_row(dispute: Dispute, view: View) -> None:
    """The link to the current view with a Copy-link button (the map page)."""
    url = view_url(dispute, view)
    if not url:
        return
    with st.expander(_("Share this view"), icon=":material/link:"):
        st.caption(_("The link opens this year, naming, filters, event, zoom and centre."))
        # not st.code: its highlighter is the largest script of the page (about 1.5 MB)
        # and would be loaded with the first map
        copy_button(url, show_text=True)
