"""Build the web fonts the app, its map documents and the static site serve.

Writes ``static/kuril/2/fonts/``: ``kuril-sans.woff2`` and ``kuril-sans-bold.woff2``
(Latin and Cyrillic, cut from DejaVu Sans as shipped with matplotlib) and
``kuril-sans-jp.woff2`` (kana, CJK punctuation, the 2,965 kanji of JIS X 0208
level 1 and every other kanji of the shipped packs and the interface's catalogues,
cut from IPAexGothic 004.01 as shipped with the ``matplotlib-fontja`` package), with
both licences. Re-run after a pack or a catalogue gains a kanji outside JIS level 1::

    uv run --group fonts python scripts/build_fonts.py

A browser fetches a font only for the characters of its ``unicode-range``: a page
in Latin letters never downloads the Japanese one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from geo import fonts, paths
from geo.i18n import TRANSLATED
from geo.io import read_pack

REPO_ROOT = Path(__file__).resolve().parent.parent
TARGET = REPO_ROOT / "static" / "kuril" / "2" / "fonts"


def jis_level_1() -> str:
    """The kanji of JIS X 0208 level 1 (Shift JIS rows 0x889F-0x9872)."""
    found = []
    for high in range(0x88, 0x99):
        for low in [*range(0x40, 0x7F), *range(0x80, 0xFD)]:
            try:
                character = bytes([high, low]).decode("shift_jis")
            except UnicodeDecodeError:
                continue
            if fonts.in_ranges(character, fonts.JAPANESE_RANGES):
                found.append(character)
    return "".join(found)


def written_text() -> str:
    """Every character of the shipped packs' text files and of the interface's catalogues."""
    text = ""
    for folder in paths.shipped_pack_folders():
        raw = read_pack(folder)
        text += "".join(data.decode("utf-8", "ignore") for data in raw.files.values())
    for language in TRANSLATED:
        text += paths.catalogue_file(language).read_text(encoding="utf-8")
    return text


def every(ranges: tuple[tuple[int, int], ...], most: int = 0x2000) -> str:
    """The characters of some code point ranges (each range at most ``most`` long)."""
    return "".join(
        chr(c) for low, high in ranges if high - low < most for c in range(low, high + 1)
    )


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    latin = every(fonts.LATIN_CYRILLIC_RANGES)
    # the small Japanese blocks whole (kana, punctuation, full-width forms), the kanji
    # of JIS level 1, and whatever else the pack writes
    japanese = every(fonts.JAPANESE_RANGES, most=0x200) + jis_level_1()
    japanese += "".join(c for c in written_text() if fonts.in_ranges(c, fonts.JAPANESE_RANGES))
    built = {
        "kuril-sans.woff2": (paths.latin_font_file(), latin, fonts.WEB_FONT_FAMILY),
        "kuril-sans-bold.woff2": (paths.latin_font_file(True), latin, fonts.WEB_FONT_FAMILY),
        "kuril-sans-jp.woff2": (paths.japanese_font_file(), japanese, fonts.WEB_FONT_FAMILY_JA),
    }
    for name, (source, characters, family) in built.items():
        data = fonts.subset_font(source.read_bytes(), characters, family, "woff2")
        (TARGET / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes from {source.name}")
    css = fonts.font_face_css(
        "fonts/kuril-sans.woff2", "fonts/kuril-sans-bold.woff2", "fonts/kuril-sans-jp.woff2"
    )
    header = "/* Made by scripts/build_fonts.py from geo/fonts.py: the served web fonts. */\n"
    (TARGET.parent / "kuril-fonts.css").write_text(header + css, encoding="utf-8")
    shutil.copyfile(paths.latin_font_file().parent / "LICENSE_DEJAVU", TARGET / "LICENSE_DEJAVU")
    shutil.copyfile(
        paths.japanese_font_file().parent / "IPA_Font_License_Agreement_v1.0.txt",
        TARGET / "IPA_Font_License_Agreement_v1.0.txt",
    )


if __name__ == "__main__":
    main()
