"""The text twin carried inside exported files, for readers who cannot see the image.

An SVG gets ``<title>`` and ``<desc>`` as the first children of its root (what
screen readers announce for an SVG image); a PDF gets the twin in its document
information (matplotlib writes no tagged structure or alternative text, so the
information dictionary's ``Title``, ``Subject`` and ``Keywords`` are what a
PDF made here can carry); the standalone HTML map gets a labelled map region
and a visible description (see :func:`geo.foliummap.standalone_html`).
"""

from __future__ import annotations

import re
from html import escape

_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def svg_with_text(svg: bytes, title: str, description: str) -> bytes:
    """An SVG document with ``<title>`` and ``<desc>`` as the root's first children.

    The root is also marked as an image labelled by them, so assistive
    technology reads the title and the description.

    Examples
    --------
    >>> svg = svg_with_text(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "A & B", "<x>")
    >>> svg.split(b">", 1)[0]
    b'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="map-title map-desc"'
    >>> svg.split(b">", 1)[1]
    b'<title id="map-title">A &amp; B</title><desc id="map-desc">&lt;x&gt;</desc></svg>'
    """
    found = _SVG_OPEN.search(svg)
    if found is None:
        raise ValueError("not an SVG document: no <svg> element")
    tag = found.group(0)
    marked = tag[:-1].rstrip(b"/ ") + b' role="img" aria-labelledby="map-title map-desc">'
    inserted = (
        f'<title id="map-title">{escape(title, quote=False)}</title>'
        f'<desc id="map-desc">{escape(description, quote=False)}</desc>'
    ).encode()
    return svg[: found.start()] + marked + inserted + svg[found.end() :]


def pdf_about(about: dict[str, str], sentence: str) -> dict[str, str]:
    """PDF information with the twin sentence first in ``Subject`` (what the map shows)."""
    subject = about.get("Subject", "")
    return {**about, "Subject": f"{sentence} {subject}".strip()}


def svg_about(about: dict[str, str], sentence: str) -> dict[str, str]:
    """SVG Dublin Core metadata with the twin sentence first in ``Description``."""
    description = about.get("Description", "")
    return {**about, "Description": f"{sentence} {description}".strip()}
