"""Text from a pack made safe for Streamlit's Markdown: shown as written, never interpreted."""

from __future__ import annotations

import re
from urllib.parse import quote

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
_AUTOLINK = re.compile(r"((?i:[a-z][a-z0-9+.\-]*)\\:(?=//)|(?i:www)(?=\\\.)|\w(?=@))")


def md(text: object) -> str:
    """Escape text for ``st.markdown`` (and widget labels) so data can never inject markup.

    Every character Markdown or HTML could read as syntax is backslash-escaped,
    so ``![](http://host/x.png)`` stays those characters instead of fetching an
    image, and a link stays text.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    # GitHub-flavoured Markdown also turns bare addresses into links; an
    # invisible word joiner inside each one keeps it as text.
    return _AUTOLINK.sub("\\1\u2060", escaped)


def link(url: str) -> str:
    """A URL made safe as a Markdown link target (validated http(s) at load time)."""
    return quote(url, safe=":/?#&=%+,;@!~*'$-._")
