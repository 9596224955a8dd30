"""The sheet an export is laid out on: its type sizes and settings, and text measured,
wrapped and placed in pixels (:class:`Sheet`).

Every export (a map, a comparison, a tour's page, an animation's frame) is drawn under
:func:`export_style` and laid out by measuring its text at its resolution, so nothing is cut
at any size preset or resolution.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import matplotlib
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Bbox, offset_copy

from geo import theme
from geo.fonts import JAPANESE_RANGES, ensure_fonts, in_ranges
from geo.i18n import DEFAULT_LANGUAGE

HATCH = "///"


# The two kinds of line a depiction draws, as on the interactive map (geo.scene.LINE_STYLES):
# a border dashed and dark, a line of control (not a border) dotted and lighter.
LINE_STYLES: dict[str, dict[str, Any]] = {
    "border": {
        "color": theme.BOUNDARY,
        "width": 1.6,
        "dashes": (6, 3.5),
        "legend_dashes": (4, 2.5),
    },
    "line": {"color": "#555555", "width": 1.5, "dashes": (1.2, 2.6), "legend_dashes": (1, 2)},
}


DEFAULT_DPI = 120


MARGIN_FRACTION = 0.18


WRAP_REFERENCE_PT = 20.0  # words are measured once at this size, then scaled


WRAP_SLACK = 0.03  # of the width, for kerning and hinting not in the sum of words


MIN_TEXT_PX = 11  # the smallest type, in pixels per em, that reads at 100 %


MARGIN_IN = 0.25  # blank border of every export, inches


GAP_IN = 0.09  # space between stacked blocks, inches


LINE_SPACING = 1.3


# What the texts above and below the map may take of the sheet's height at most: any
# text the pack limits allow is cut to fit, with "…" (the app and the site show it whole).
HEADER_SHARE = 0.25


FOOTER_SHARE = 0.25


ELLIPSIS = "…"


# Japanese is written without spaces: a line may break between any two kana or kanji,
# except before closing marks and small kana, or after opening brackets (kinsoku).
NO_LINE_START = frozenset(
    "、。，．・：；？！ー―‐〜）」』】〕〉》”’ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;!?…"
)
NO_LINE_END = frozenset("（「『【〔〈《“‘([{")


# Point sizes at normal resolution; low resolutions raise them to MIN_TEXT_PX.
TYPE_SIZES = {
    "title": 18.0,
    "period": 34.0,
    "subtitle": 10.5,
    "filters": 10.5,
    "heading": 12.0,
    "body": 9.5,
    "small": 8.0,
    "label": 11.0,
    "marker": 8.5,
    "line": 8.5,
    "context": 10.0,
}


@dataclass(frozen=True)
class Frame:
    """What one frame of the animation adds: its period, large, and what changed."""

    period: str
    caption: str


def type_size(role: str, dpi: int) -> float:
    """The point size of a kind of text at a resolution (never under MIN_TEXT_PX pixels)."""
    return max(TYPE_SIZES[role], MIN_TEXT_PX * 72 / dpi)


def export_settings(dpi: int) -> dict[str, Any]:
    """matplotlib settings of every export (fonts, text as text, no timestamps)."""
    return {
        "font.family": ensure_fonts(),
        "font.size": 10,
        # SVG text as outlines: a reader or an editor without a Japanese font sees kanji,
        # not boxes (fonts embedded in an SVG are not read by every viewer, and Chromium
        # draws the first text that needs one before it loads); the map's title and its
        # description in words stay text (<title>, <desc>)
        "svg.fonttype": "path",
        "svg.hashsalt": "dispute-map",  # stable ids in SVG
        "pdf.fonttype": 42,  # embed TrueType fonts in the PDF
        "hatch.linewidth": 2.2,
        "figure.dpi": dpi,
        "savefig.dpi": dpi,
        "axes.unicode_minus": False,
    }


# matplotlib's settings (rcParams) are one per process: two threads drawing at once
# under different settings would each draw with a mix of both. Every export draws
# under this lock (re-entrant: an export may draw another figure inside its own).
DRAWING = threading.RLock()


@contextmanager
def export_style(dpi: int = DEFAULT_DPI) -> Iterator[None]:
    """The settings under which a figure is drawn and saved.

    Safe to use from several threads: one export draws at a time in a process
    (the app draws in worker processes, one per core, see :mod:`geo.worker`).
    """
    with DRAWING:
        # IPAexGothic has no bold face: matplotlib logs each fallback to regular.
        font_log = logging.getLogger("matplotlib.font_manager")
        level = font_log.level
        font_log.setLevel(logging.ERROR)
        try:
            with matplotlib.rc_context(export_settings(dpi)):  # type: ignore[arg-type]
                yield
        finally:
            font_log.setLevel(level)


def mpl_path(geometry: shapely.Geometry) -> MplPath:
    """A matplotlib path of a (multi)polygon, holes included."""
    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            xy = np.asarray(ring.coords)
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            ring_codes[0] = MplPath.MOVETO
            ring_codes[-1] = MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


Rect = tuple[float, float, float, float]


class Sheet:
    """Places text on a figure in pixels measured from the top left, and measures it."""

    def __init__(self, figure: Figure, dpi: int, language: str = DEFAULT_LANGUAGE) -> None:
        self.figure = figure
        self.dpi = dpi
        self.language = language  # of the sheet's own words (the scale bar, the north arrow)
        self.renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        self.width = figure.bbox.width
        self.height = figure.bbox.height
        self.widths: dict[tuple[str, str], float] = {}

    def px(self, inches: float) -> float:
        """Inches to pixels."""
        return inches * self.dpi

    def size(self, role: str) -> float:
        """Point size of a kind of text."""
        return type_size(role, self.dpi)

    def measure(self, text: str, size: float, weight: str = "normal") -> float:
        """Width of one line in pixels."""
        props = FontProperties(size=size, weight=weight)
        width, _, _ = self.renderer.get_text_width_height_descent(text, props, ismath=False)
        return float(width)

    def word_width(self, word: str, size: float, weight: str) -> float:
        """Width of a word as the sum of its characters' advances.

        Each character is measured once, at a reference size, and scaled (text
        scales linearly); kerning, left out, only ever narrows a word.
        """
        total = 0.0
        for char in word:
            key = (char, weight)
            if key not in self.widths:
                self.widths[key] = self.measure(char, WRAP_REFERENCE_PT, weight)
            total += self.widths[key]
        return total * size / WRAP_REFERENCE_PT

    def wrap(
        self,
        text: str,
        width: float,
        size: float,
        weight: str = "normal",
        max_lines: int | None = None,
    ) -> str:
        """Break text into lines no wider than ``width`` pixels (words kept whole).

        Line widths are sums of character widths, with a slack for hinting;
        measuring every trial line is slow with a fallback font list. A word
        wider than the line is cut. With ``max_lines``, what does not fit ends
        in an ellipsis.
        """
        limit = width * (1 - WRAP_SLACK)
        space = self.word_width(" ", size, weight)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word, glue in self._units(paragraph, limit, size, weight):
                extra = self.word_width(word, size, weight)
                if extra > limit:  # a word wider than the line: cut it to the line
                    word = self._cut(word, limit, size, weight)
                    extra = self.word_width(word, size, weight)
                between = space if glue else 0.0
                if line and used + between + extra > limit:
                    lines.append(line)
                    line, used = word, extra
                else:
                    line, used = (
                        (f"{line}{glue}{word}", used + between + extra) if line else (word, extra)
                    )
            lines.append(line)
            if max_lines is not None and len(lines) > max_lines:
                break
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[: max(1, max_lines)]
            lines[-1] = self._cut(lines[-1] + ELLIPSIS, limit, size, weight, ellipsis=True)
        return "\n".join(lines)

    def _units(
        self, paragraph: str, limit: float, size: float, weight: str
    ) -> list[tuple[str, str]]:
        """The pieces a paragraph's lines may break between (see :func:`break_units`).

        A Japanese sheet breaks Japanese between characters; another keeps its words
        whole as it always did, and breaks only a run of Japanese wider than the line
        (a source's title), which would otherwise be cut.
        """
        if self.language == "ja":
            return break_units(paragraph)
        units: list[tuple[str, str]] = []
        for index, word in enumerate(paragraph.split(" ")):
            glue = " " if index else ""
            if self.word_width(word, size, weight) > limit:
                (first, _), *rest = break_units(word)
                units += [(first, glue), *rest]
            else:
                units.append((word, glue))
        return units

    def _cut(
        self, text: str, limit: float, size: float, weight: str, ellipsis: bool = False
    ) -> str:
        """``text`` shortened from its end until it fits ``limit`` (keeping a final "…")."""
        body = text.removesuffix(ELLIPSIS) if ellipsis else text
        tail = ELLIPSIS if ellipsis else ""
        while body and self.word_width(body + tail, size, weight) > limit:
            body = body[:-1]
        if ellipsis and " " in body:  # end at a word when one fits
            body = body.rsplit(" ", 1)[0].rstrip(" ,;:")
        return body + tail

    def max_lines(self, share: float, size: float) -> int:
        """How many lines of ``size`` fit in ``share`` of the sheet's height (at least one)."""
        line = size / 72 * self.dpi * LINE_SPACING
        return max(1, int(share * self.height / line))

    def text(
        self,
        x: float,
        top: float,
        text: str,
        size: float,
        width: float | None = None,
        max_lines: int | None = None,
        **style: Any,
    ) -> Text:
        """A text whose top left is at (x, top) pixels, wrapped to ``width`` (and cut to
        ``max_lines`` with an ellipsis)."""
        weight = str(style.get("fontweight", "normal"))
        body = self.wrap(text, width, size, weight, max_lines) if width else text
        return self.figure.text(
            x / self.width,
            1 - top / self.height,
            body,
            fontsize=size,
            va="top",
            parse_math=False,
            linespacing=LINE_SPACING,
            **style,
        )

    def extent(self, artist: Text) -> Bbox:
        """An artist's box in pixels."""
        return artist.get_window_extent(self.renderer)

    def bottom_of(self, artist: Text) -> float:
        """How far below the top an artist ends, in pixels."""
        return self.height - self.extent(artist).y0

    def box(self, x: float, top: float, width: float, height: float) -> Rect:
        """A rectangle in pixels from the top left as figure fractions (left, bottom, w, h)."""
        return (
            x / self.width,
            1 - (top + height) / self.height,
            width / self.width,
            height / self.height,
        )


def _cjk(character: str) -> bool:
    """Whether a character is kana, a kanji or CJK punctuation (written without spaces)."""
    return in_ranges(character, JAPANESE_RANGES)


def break_units(paragraph: str) -> list[tuple[str, str]]:
    """A paragraph as the pieces a line may break between, each with what joins it to
    the one before: ``" "`` (a space) or ``""`` (Japanese, broken between characters).

    Examples
    --------
    >>> break_units("Events in 1945")
    [('Events', ''), ('in', ' '), ('1945', ' ')]
    >>> break_units("1945年の出来事。")
    [('1945', ''), ('年', ''), ('の', ''), ('出', ''), ('来', ''), ('事。', '')]
    """
    units: list[tuple[str, str]] = []
    for index, word in enumerate(paragraph.split(" ")):
        glue = " " if index else ""
        piece = ""
        for character in word:
            if piece and _may_break(piece[-1], character):
                units.append((piece, glue))
                piece, glue = "", ""
            piece += character
        units.append((piece, glue))
    return units


def _may_break(before: str, after: str) -> bool:
    """Whether a line may break between two characters of a word (Japanese only)."""
    if not (_cjk(before) or _cjk(after)):
        return False
    return after not in NO_LINE_START and before not in NO_LINE_END


def move_up(sheet: Sheet, artist: Text, bottom: float) -> float:
    """Put a top-anchored text so that it ends at ``bottom`` pixels; return its top."""
    height = sheet.extent(artist).height
    top = bottom - height
    artist.set_y(1 - top / sheet.height)
    return top


def ink(artist: Any, renderer: Any) -> Bbox:
    """An artist's box including its halo or marker disc."""
    box = artist.get_window_extent(renderer)
    patch = artist.get_bbox_patch() if isinstance(artist, Text) else None
    if patch is not None:
        artist.update_bbox_position_size(renderer)
        box = Bbox.union([box, patch.get_window_extent(renderer)])
    return box


def halo(pad: float, alpha: float) -> dict[str, Any]:
    """A white rounded box behind a label, so it reads over land, sea and lines."""
    return {
        "boxstyle": f"round,pad={pad}",
        "facecolor": "white",
        "alpha": alpha,
        "edgecolor": "none",
    }


def fits(ax: Axes, box: Bbox, taken: list[Bbox], renderer: Any) -> bool:
    """Whether a text box lies inside the map and clear of everything placed so far."""
    frame = ax.get_window_extent(renderer)
    inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    return inside and not any(box.overlaps(other) for other in taken)


def shifted(ax: Axes, dx: float, dy: float) -> Any:
    """Data coordinates moved by (dx, dy) points."""
    scale = ax.figure.dpi / 72
    return offset_copy(ax.transData, x=dx * scale, y=dy * scale, units="dots")


def leader(ax: Axes, anchor: tuple[float, float], dx: float, dy: float, color: str, z: int) -> None:
    """A thin line from a place to a text moved (dx, dy) points away from it."""
    start = ax.transData.transform(anchor)
    dpi = ax.figure.dpi
    end = ax.transData.inverted().transform(start + np.array([dx, dy]) * dpi / 72)
    ax.plot(
        [anchor[0], end[0]],
        [anchor[1], end[1]],
        color=color,
        linewidth=0.7,
        zorder=z,
        solid_capstyle="butt",
    )
