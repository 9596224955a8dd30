"""Fonts for the static exports: a Latin/Cyrillic font first, a Japanese one after it.

A CJK font alone draws Cyrillic as spaced full-width glyphs, so the family is a
fallback list: DejaVu Sans (shipped with matplotlib) for Latin and Cyrillic,
IPAexGothic (from the ``matplotlib-fontja`` package) for kanji and kana.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from matplotlib import font_manager

LATIN_CYRILLIC = "DejaVu Sans"
JAPANESE = "IPAexGothic"
FONT_FAMILY = [LATIN_CYRILLIC, JAPANESE]


def japanese_font_file() -> Path:
    """The IPAexGothic TrueType file installed with ``matplotlib-fontja``."""
    return Path(str(importlib.resources.files("matplotlib_fontja") / "fonts" / "ipaexg.ttf"))


def ensure_fonts() -> list[str]:
    """Register the Japanese font with matplotlib (idempotent); return the family list."""
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    if JAPANESE not in names:
        font_manager.fontManager.addfont(str(japanese_font_file()))
    return list(FONT_FAMILY)
