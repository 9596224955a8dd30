"""The fonts the app serves cover what the map pages write, and are declared alike everywhere."""

from __future__ import annotations

import functools
import io
import re
import tomllib
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from geo import fonts, paths
from geo.i18n import TRANSLATED
from geo.io import read_pack

REPO = Path(__file__).resolve().parent.parent
FONT_DIR = REPO / "static" / "kuril" / "2" / "fonts"


@functools.cache
def _cmap(name: str) -> frozenset[int]:
    return frozenset(TTFont(io.BytesIO((FONT_DIR / name).read_bytes())).getBestCmap())


@functools.cache
def _written_characters() -> frozenset[str]:
    """Every character of the shipped packs' text files, of the interface's catalogues and
    of the map's plugins and styles."""
    text = ""
    for folder in paths.shipped_pack_folders():
        raw = read_pack(folder)
        text += "".join(data.decode("utf-8") for data in raw.files.values())
    for language in TRANSLATED:
        text += paths.catalogue_file(language).read_text(encoding="utf-8")
    for source in (REPO / "static" / "kuril" / "2").glob("*.[jc]s*"):
        text += source.read_text(encoding="utf-8")
    return frozenset(c for c in text if c.isprintable() and not c.isspace())


def test_streamlit_theme_declares_the_japanese_fonts_range_as_the_package_does():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    faces = config["theme"]["fontFaces"]
    japanese = [face for face in faces if face["family"] == fonts.WEB_FONT_FAMILY_JA]
    assert len(japanese) == 1
    assert japanese[0]["unicodeRange"] == fonts.unicode_range(fonts.JAPANESE_RANGES)
    assert japanese[0]["url"].endswith("/kuril-sans-jp.woff2")
    assert fonts.WEB_FONT_FAMILY_JA in config["theme"]["font"]


def test_served_stylesheet_names_files_that_exist_with_the_packages_ranges():
    css = (REPO / "static" / "kuril" / "2" / paths.KURIL_FONTS).read_text(encoding="utf-8")
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert len(urls) == 3
    for url in urls:
        assert (REPO / "static" / "kuril" / "2" / url).is_file(), url
    assert css.count(fonts.unicode_range(fonts.LATIN_CYRILLIC_RANGES)) == 2
    assert css.count(fonts.unicode_range(fonts.JAPANESE_RANGES)) == 1


@pytest.mark.parametrize(
    ("font", "ranges"),
    [
        ("kuril-sans.woff2", fonts.LATIN_CYRILLIC_RANGES),
        ("kuril-sans-bold.woff2", fonts.LATIN_CYRILLIC_RANGES),
        ("kuril-sans-jp.woff2", fonts.JAPANESE_RANGES),
    ],
)
def test_each_served_font_has_a_glyph_for_every_character_written_in_its_range(font, ranges):
    wanted = {c for c in _written_characters() if fonts.in_ranges(c, ranges)}
    assert wanted, "nothing written in this font's range: the test would prove nothing"
    missing = sorted(c for c in wanted if ord(c) not in _cmap(font))
    assert missing == [], f"{font} lacks {missing}"


def test_every_character_the_map_writes_falls_in_a_served_fonts_range():
    """A character outside both ranges would come from the reader's system, or be a box."""
    outside = sorted(
        c
        for c in _written_characters()
        if ord(c) > 0x7F
        and not fonts.in_ranges(c, fonts.LATIN_CYRILLIC_RANGES)
        and not fonts.in_ranges(c, fonts.JAPANESE_RANGES)
    )
    assert outside == []


def test_the_japanese_font_holds_the_kanji_of_every_island_name():
    raw = read_pack(paths.shipped_data_dir())
    names = raw.files["pack.json"].decode("utf-8")
    kanji = {c for c in names if 0x4E00 <= ord(c) <= 0x9FFF}
    assert {"択", "捉", "国", "後", "色", "丹", "歯", "舞"} <= kanji
    assert not {ord(c) for c in kanji} - _cmap("kuril-sans-jp.woff2")
