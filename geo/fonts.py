"""Fonts for the static exports: a Latin/Cyrillic font first, a Japanese one after it.

A CJK font alone draws Cyrillic as spaced full-width glyphs, so the family is a
fallback list: DejaVu Sans (shipped with matplotlib) for Latin and Cyrillic,
IPAexGothic (from the ``matplotlib-fontja`` package) for kanji and kana.
"""

from __future__ import annotations

import base64
import io

from fontTools import subset
from fontTools.ttLib import TTFont
from matplotlib import font_manager

from geo.paths import japanese_font_file

LATIN_CYRILLIC = "DejaVu Sans"
JAPANESE = "IPAexGothic"
FONT_FAMILY = [LATIN_CYRILLIC, JAPANESE]


def ensure_fonts() -> list[str]:
    """Register the Japanese font with matplotlib (idempotent); return the family list."""
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    if JAPANESE not in names:
        font_manager.fontManager.addfont(str(japanese_font_file()))
    return list(FONT_FAMILY)


# The web fonts the app, its map documents and the static site serve (built by
# scripts/build_fonts.py into static/kuril/2/fonts/; their sources in data/SOURCES.md):
# Latin and Cyrillic from DejaVu Sans, Japanese from IPAexGothic, each used by the
# browser only for the characters of its unicode-range.
WEB_FONT_FAMILY = "Kuril Sans"
WEB_FONT_FAMILY_JA = "Kuril Sans JP"
# Latin (with its extensions and combining marks), Cyrillic, punctuation, arrows and
# the symbols of the time bar (▶ ▮ ⋯ ×).
LATIN_CYRILLIC_RANGES = (
    (0x0020, 0x024F),
    (0x0300, 0x036F),
    (0x0400, 0x052F),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2100, 0x214F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x25A0, 0x25FF),
    (0x00D7, 0x00D7),
)
# Kana, CJK punctuation and symbols, full-width forms and the CJK ideographs.
JAPANESE_RANGES = (
    (0x3000, 0x30FF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
)


def unicode_range(ranges: tuple[tuple[int, int], ...]) -> str:
    """CSS ``unicode-range`` of code point ranges: ``U+0020-024F, U+0400-052F``."""
    return ", ".join(
        f"U+{low:04X}" if low == high else f"U+{low:04X}-{high:04X}" for low, high in ranges
    )


def in_ranges(character: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    """Whether a character's code point lies in one of the ranges."""
    code = ord(character)
    return any(low <= code <= high for low, high in ranges)


def subset_font(font: bytes, characters: str, family: str, flavor: str = "woff") -> bytes:
    """A font cut down to some characters (with their layout features), renamed.

    Parameters
    ----------
    font : bytes
        A TrueType or OpenType font.
    characters : str
        The characters to keep (any order, repeats allowed).
    family : str
        The family name of the result: a derived font may not keep its source's name
        (the IPA Font License asks it of IPAexGothic).
    flavor : {"woff", "woff2"}
        WOFF2 needs the Brotli package.

    Returns
    -------
    bytes
        The subset font file.
    """
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    # FontForge's timestamp table: dropped anyway, named so the subsetter does not warn
    options.drop_tables = [*options.drop_tables, "FFTM"]
    parsed = TTFont(io.BytesIO(font), recalcTimestamp=False)  # the same file every time
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(parsed)
    names = parsed["name"]
    style = names.getDebugName(2) or "Regular"
    for name_id in (1, 3, 4, 6, 16, 17, 18):
        names.removeNames(nameID=name_id)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(f"{family} {style}", 3, 3, 1, 0x409)
    names.setName(f"{family} {style}", 4, 3, 1, 0x409)
    names.setName(f"{family.replace(' ', '')}-{style}", 6, 3, 1, 0x409)
    out = io.BytesIO()
    parsed.flavor = flavor
    parsed.save(out)
    return out.getvalue()


def font_face_css(regular: str, bold: str, japanese: str, display: str = "swap") -> str:
    """The ``@font-face`` rules of the web fonts, from their addresses (files or data URLs).

    Examples
    --------
    >>> "Kuril Sans JP" in font_face_css("a.woff2", "b.woff2", "c.woff2")
    True
    """
    rules = []
    for family, url, weight, ranges in (
        (WEB_FONT_FAMILY, regular, 400, LATIN_CYRILLIC_RANGES),
        (WEB_FONT_FAMILY, bold, 700, LATIN_CYRILLIC_RANGES),
        (WEB_FONT_FAMILY_JA, japanese, 400, JAPANESE_RANGES),
    ):
        kind = "woff2" if url.endswith(".woff2") else "woff"
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url}") format("{kind}"); '
            f"font-weight: {weight}; font-style: normal; font-display: {display}; "
            f"unicode-range: {unicode_range(ranges)}; }}"
        )
    return "\n".join(rules) + "\n"


def inline_font_css(sources: tuple[bytes, bytes, bytes], text: str) -> str:
    """``@font-face`` rules whose fonts are inside them (data URLs), cut to the characters
    of ``text``: a file that opens offline draws kanji on a machine without a CJK font.

    Parameters
    ----------
    sources : tuple of bytes
        DejaVu Sans, DejaVu Sans Bold and IPAexGothic (:func:`geo.io.read_font_sources`).
    text : str
        Every text the page may show (its scene and the plugins' own words).
    """
    used = "".join(sorted(set(text)))
    latin = "".join(c for c in used if in_ranges(c, LATIN_CYRILLIC_RANGES))
    japanese = "".join(c for c in used if in_ranges(c, JAPANESE_RANGES)) or "。"
    urls = []
    for source, characters, family in (
        (sources[0], latin, WEB_FONT_FAMILY),
        (sources[1], latin, WEB_FONT_FAMILY),
        (sources[2], japanese, WEB_FONT_FAMILY_JA),
    ):
        data = subset_font(source, characters, family, "woff")
        urls.append("data:font/woff;base64," + base64.b64encode(data).decode("ascii"))
    return font_face_css(*urls)
