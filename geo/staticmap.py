"""The static renderer: a publication-quality matplotlib map of a View.

It draws exactly what the interactive map draws for the same View — the same
fills, hatching, boundary lines, numbered events and legend entries (both take
them from :mod:`geo.presentation`) — plus what print needs: a title, a key of
the events, a scale bar, a north arrow, a locator inset and a footer with the
sources, licences and how to cite.
"""

from __future__ import annotations

import functools
import io
import logging
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Bbox, offset_copy
from PIL import Image

from geo import annotation, theme
from geo.alttext import pdf_about, svg_about, svg_with_text
from geo.dates import format_event_date
from geo.depiction import drawn_lines, island_rule, lines_frame, short_label
from geo.fonts import ensure_fonts
from geo.model import Depiction, Dispute
from geo.names import group_name
from geo.presentation import (
    depiction_caption,
    events_for_view,
    island_style,
    legend_entries,
)
from geo.timeline import change_years, state_at, status_rows, year_range
from geo.twin import describe
from geo.view import SIZE_PRESETS, View

matplotlib.use("Agg")

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


def _rc(dpi: int) -> dict[str, Any]:
    """matplotlib settings of every export (fonts, text as text, no timestamps)."""
    return {
        "font.family": ensure_fonts(),
        "font.size": 10,
        "svg.fonttype": "none",  # SVG keeps text as text: editable, searchable
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
_DRAWING = threading.RLock()


@contextmanager
def export_style(dpi: int = DEFAULT_DPI) -> Iterator[None]:
    """The settings under which a figure is drawn and saved.

    Safe to use from several threads: one export draws at a time in a process
    (the app draws in worker processes, one per core, see :mod:`geo.worker`).
    """
    with _DRAWING:
        # IPAexGothic has no bold face: matplotlib logs each fallback to regular.
        font_log = logging.getLogger("matplotlib.font_manager")
        level = font_log.level
        font_log.setLevel(logging.ERROR)
        try:
            with matplotlib.rc_context(_rc(dpi)):  # type: ignore[arg-type]
                yield
        finally:
            font_log.setLevel(level)


def projection(dispute: Dispute) -> str:
    """A Lambert azimuthal equal-area projection centred on the pack's default view."""
    west, south, east, north = dispute.islands.total_bounds
    lat, lon = dispute.manifest.default_view.get("center", [(south + north) / 2, (west + east) / 2])
    return f"+proj=laea +lat_0={float(lat):.4f} +lon_0={float(lon):.4f} +datum=WGS84 +units=m"


def _path(geometry: shapely.Geometry) -> MplPath:
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


def _extent(
    islands: gpd.GeoDataFrame, aspect: float, margin_fraction: float = MARGIN_FRACTION
) -> tuple[float, float, float, float]:
    """The map window: the islands with a margin, widened to the axes' aspect (w/h)."""
    xmin, ymin, xmax, ymax = islands.total_bounds
    width, height = xmax - xmin, ymax - ymin
    margin = margin_fraction * max(width, height)
    xmin, xmax, ymin, ymax = xmin - margin, xmax + margin, ymin - margin, ymax + margin
    width, height = xmax - xmin, ymax - ymin
    if width / height < aspect:
        grow = (height * aspect - width) / 2
        xmin, xmax = xmin - grow, xmax + grow
    else:
        grow = (width / aspect - height) / 2
        ymin, ymax = ymin - grow, ymax + grow
    return xmin, ymin, xmax, ymax


Rect = tuple[float, float, float, float]


class _Sheet:
    """Places text on a figure in pixels measured from the top left, and measures it."""

    def __init__(self, figure: Figure, dpi: int) -> None:
        self.figure = figure
        self.dpi = dpi
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
            for word in paragraph.split(" "):
                extra = self.word_width(word, size, weight)
                if extra > limit:  # a word wider than the line: cut it to the line
                    word = self._cut(word, limit, size, weight)
                    extra = self.word_width(word, size, weight)
                if line and used + space + extra > limit:
                    lines.append(line)
                    line, used = word, extra
                else:
                    line, used = (f"{line} {word}", used + space + extra) if line else (word, extra)
            lines.append(line)
            if max_lines is not None and len(lines) > max_lines:
                break
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[: max(1, max_lines)]
            lines[-1] = self._cut(lines[-1] + ELLIPSIS, limit, size, weight, ellipsis=True)
        return "\n".join(lines)

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


def _side_by_side(size: str) -> bool:
    """Whether the preset is wide enough for the legend beside the map."""
    width, height = SIZE_PRESETS.get(size, SIZE_PRESETS["slide"])
    return width / height >= 1.2


def render_figure(
    dispute: Dispute,
    view: View,
    dpi: int = DEFAULT_DPI,
    frame: Frame | None = None,
    extent: tuple[float, float, float, float] | None = None,
) -> Figure:
    """Draw the annotated map of a view.

    Everything is laid out by measuring the text at the resolution given, so
    nothing is cut at any size preset or resolution: a margin all round, the
    title block (title, subtitle, the filters in force), the map with its
    legend and key beside or below it, and the note and footer (sources of the
    events shown, data version, licences, how to cite).

    Parameters
    ----------
    dispute : Dispute
    view : View
        Year, worldview, filters, callouts, texts and size preset.
    dpi : int
        Resolution the figure is laid out for; text never falls under
        :data:`MIN_TEXT_PX` pixels.
    frame : Frame, optional
        For an animation frame: its period, drawn large, and what changed.
    extent : tuple of float, optional
        ``(west, south, east, north)`` in degrees the map must show (a tour
        step's), with a margin; by default the view's extent as on screen
        (:attr:`View.extent`, shown without a margin, widened only to the
        map's shape), else the islands and the numbered events.

    Returns
    -------
    matplotlib.figure.Figure
        Not shown; save it with :func:`figure_bytes`. Draw and save it under
        :func:`export_style`, which is how :func:`export_image` does it.
    """
    width, height = SIZE_PRESETS.get(view.size, SIZE_PRESETS["slide"])
    figure = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    FigureCanvasAgg(figure)  # a canvas to measure text on while laying out
    sheet = _Sheet(figure, dpi)
    margin, gap = sheet.px(MARGIN_IN), sheet.px(GAP_IN)
    inner = sheet.width - 2 * margin
    current, _ = events_for_view(dispute, view)
    called = annotation.callout_events(current, view) if view.show_events else current.iloc[0:0]

    top = _header(sheet, dispute, view, frame, margin, gap)
    bottom = _footer(sheet, dispute, view, called, margin, gap)
    lines = lines_frame(dispute, view.worldview, view.date)
    panel = functools.partial(_panel, sheet, dispute, view, lines, called, frame)
    if _side_by_side(view.size):
        panel_width = max(0.31 * inner, sheet.px(3.2))
        map_width = inner - panel_width - 2 * gap
        panel(margin + map_width + 2 * gap, top, panel_width, bottom - top, columns=1)
        map_box = sheet.box(margin, top, map_width, bottom - top)
    else:  # legend and key in two columns under the map, as tall as they need
        used = panel(margin, 0, inner, 0.42 * (bottom - top), columns=2, dry_run=True)
        panel(margin, bottom - used, inner, used, columns=2)
        map_box = sheet.box(margin, top, inner, bottom - used - gap - top)
    _map(figure, sheet, dispute, view, lines, called, map_box, extent)
    return figure


def _header(
    sheet: _Sheet, dispute: Dispute, view: View, frame: Frame | None, margin: float, gap: float
) -> float:
    """Title, subtitle, filters in force and (for a frame) what changed; returns where it ends."""
    width = sheet.width - 2 * margin
    if frame is not None:
        period = sheet.text(
            sheet.width - margin,
            margin,
            frame.period,
            sheet.size("period"),
            ha="right",
            fontweight="bold",
            color=theme.EVENT,
            gid="frame-year",
        )
        width -= sheet.extent(period).width + 2 * gap
    top = margin
    blocks: list[tuple[str, str, str, dict[str, Any]]] = [
        (annotation.title(dispute, view), "title", "title", {"fontweight": "bold"}),
        (annotation.subtitle(dispute, view), "subtitle", "subtitle", {"color": theme.MUTED_TEXT}),
    ]
    statement = annotation.filter_statement(dispute, view)
    if statement:
        style = {"fontweight": "bold", "color": theme.FILTER}
        blocks.append((statement, "filters", "filters", style))
    if frame is not None and frame.caption:
        caption = f"What changed: {frame.caption}"
        blocks.append((caption, "subtitle", "frame-caption", {}))
    for text, role, gid, style in blocks:
        style = {"color": theme.TEXT, **style}
        size = sheet.size(role)
        most = sheet.max_lines(HEADER_SHARE / len(blocks), size)
        artist = sheet.text(margin, top, text, size, width, most, gid=gid, **style)
        top = sheet.bottom_of(artist) + 0.6 * gap
    return top + gap


def _footer(
    sheet: _Sheet, dispute: Dispute, view: View, called: pd.DataFrame, margin: float, gap: float
) -> float:
    """The note and the footer, from the bottom up; returns where they begin."""
    width = sheet.width - 2 * margin
    bottom = sheet.height - margin
    note_size, footer_size = sheet.size("body"), sheet.size("small")
    # one paragraph each: line breaks in a pack's licence or a step's caption run on
    note_text = " ".join(view.note.split())
    note_lines = sheet.max_lines(FOOTER_SHARE / 3, note_size) if note_text else 0
    footer = sheet.text(
        margin,
        0,
        " ".join(annotation.footer(dispute, view, called).split()),
        footer_size,
        width,
        sheet.max_lines(FOOTER_SHARE * (2 / 3 if note_text else 1), footer_size),
        color=theme.MUTED_TEXT,
        gid="footer",
    )
    bottom = _move_up(sheet, footer, bottom) - gap
    if note_text:
        note = sheet.text(
            margin,
            0,
            note_text,
            note_size,
            width,
            note_lines,
            color=theme.TEXT,
            style="italic",
            gid="note",
        )
        bottom = _move_up(sheet, note, bottom) - gap
    return bottom - gap


def _move_up(sheet: _Sheet, artist: Text, bottom: float) -> float:
    """Put a top-anchored text so that it ends at ``bottom`` pixels; return its top."""
    height = sheet.extent(artist).height
    top = bottom - height
    artist.set_y(1 - top / sheet.height)
    return top


def _panel(
    sheet: _Sheet,
    dispute: Dispute,
    view: View,
    lines: gpd.GeoDataFrame,
    called: pd.DataFrame,
    frame: Frame | None,
    x: float,
    top: float,
    width: float,
    height: float,
    columns: int,
    dry_run: bool = False,
) -> float:
    """The legend and the numbered key of the callouts in a box; returns the height used.

    The key uses the body size, then the small size, and lists as many events
    as fit, ending with how many more there are. With ``dry_run`` nothing
    stays on the figure (used to measure before placing).
    """
    figure = sheet.figure
    before = (list(figure.texts), list(figure.artists))
    gap = sheet.px(GAP_IN)
    column_gap = sheet.px(0.3)
    legend_width = (width - column_gap) * 0.42 if columns == 2 else width
    body, small = sheet.size("body"), sheet.size("small")
    y = top
    heading = sheet.text(
        x, y, "Legend", sheet.size("heading"), fontweight="bold", color=theme.TEXT, gid="legend"
    )
    y = sheet.bottom_of(heading) + gap
    statuses = status_rows(dispute, view.date)
    rule = island_rule(dispute, view.worldview, view.date)
    drawings = drawn_lines(dispute, view.worldview, view.date)
    swatch = sheet.px(0.3)
    for entry in legend_entries(dispute, statuses, view, (), rule, drawings):
        label = sheet.text(
            x + swatch + gap,
            y,
            entry.label,
            body,
            legend_width - swatch - gap,
            color=theme.TEXT,
            gid=f"legend-text-{entry.kind}",
        )
        middle = y + 0.62 * body * sheet.dpi / 72  # the first line's middle
        _swatch(sheet, entry, x, middle, swatch, 0.9 * body * sheet.dpi / 72)
        y = sheet.bottom_of(label) + 0.7 * gap
    caption = sheet.text(
        x,
        y,
        depiction_caption(dispute, view.worldview, view.date),
        small,
        legend_width,
        color=theme.MUTED_TEXT,
        gid="caption",
    )
    legend_bottom = sheet.bottom_of(caption)
    if columns == 1 and legend_bottom > top + height:
        caption.remove()  # the footer's licence and the app explain the fill; the map stays
        legend_bottom = y - 0.7 * gap
    key_x, key_width = (x + legend_width + column_gap, width - legend_width - column_gap)
    key_top = top
    if columns == 1:
        key_x, key_width, key_top = x, width, legend_bottom + 2.5 * gap
    key_bottom = None
    empty = annotation.no_callout_reason(dispute, view) if called.empty else ""
    bottom = top + height
    for key_size, cut in ((body, False), (small, False), (small, True)):
        key_bottom = _key(
            sheet, view, called, empty, frame, key_x, key_top, key_width, bottom, key_size, cut
        )
        if key_bottom is not None:
            break
    used = max(legend_bottom, key_bottom or key_top) - top
    if dry_run:
        for artist in [*figure.texts, *figure.artists]:
            if artist not in before[0] and artist not in before[1]:
                artist.remove()
    return used


def _swatch(sheet: _Sheet, entry: Any, x: float, middle: float, width: float, tall: float) -> None:
    """The legend symbol of an entry, centred on a line of its label."""
    figure = sheet.figure
    fx, fw = x / sheet.width, width / sheet.width
    fy, fh = 1 - middle / sheet.height, tall / sheet.height
    if entry.kind in ("fill", "none", "hatch"):
        patch = Rectangle(
            (fx, fy - fh / 2),
            fw,
            fh,
            facecolor=entry.color,
            edgecolor=entry.stripe or "#555555",
            linewidth=1,
            gid=f"legend-{entry.kind}",
        )
        if entry.kind == "hatch":
            patch.set_hatch(HATCH)
            patch.set_hatchcolor(entry.stripe)
        figure.add_artist(patch)
    elif entry.kind in ("boundary", "control"):
        style = LINE_STYLES["border" if entry.kind == "boundary" else "line"]
        figure.add_artist(
            Line2D(
                [fx, fx + fw],
                [fy, fy],
                color=style["color"],
                dashes=style["legend_dashes"],
                linewidth=1.5,
                gid=f"legend-{entry.kind}",
            )
        )
    else:
        color = theme.EVENT if entry.kind == "event" else theme.EARLIER
        figure.add_artist(
            Line2D(
                [fx + fw / 2],
                [fy],
                marker="o",
                markersize=0.85 * tall * 72 / sheet.dpi,
                color=color,
                markeredgecolor="white",
                linestyle="none",
            )
        )


def _key(
    sheet: _Sheet,
    view: View,
    called: pd.DataFrame,
    empty: str,
    frame: Frame | None,
    x: float,
    top: float,
    width: float,
    limit: float,
    size: float,
    cut: bool = False,
) -> float | None:
    """The numbered events at one type size; ``None`` (and nothing drawn) if they do not fit.

    With ``cut`` the events that do not fit are left out and counted instead;
    ``empty`` says why there is none when ``called`` is empty.
    """
    if not view.show_events or (called.empty and frame is not None):
        return top
    figure = sheet.figure
    start = len(figure.texts)
    gap = sheet.px(GAP_IN)
    heading_text = f"Events in {view.year}"
    heading = sheet.text(
        x,
        top,
        heading_text,
        sheet.size("heading"),
        fontweight="bold",
        color=theme.TEXT,
        gid="events-heading",
    )
    y = sheet.bottom_of(heading) + gap
    if called.empty:
        said = sheet.text(
            x,
            y,
            empty,
            size,
            width,
            color=theme.MUTED_TEXT,
            gid="events-empty",
        )
        return sheet.bottom_of(said)
    indent = sheet.measure("00", size, "bold") + gap
    line_px = 1.3 * size * sheet.dpi / 72
    rows = list(called.iterrows())
    for index, (_, event) in enumerate(rows):
        when = format_event_date(event["date"], event["date_precision"])
        number = sheet.text(
            x,
            y,
            f"{event['number']}",
            size,
            fontweight="bold",
            color=theme.EVENT,
            gid=f"key-number-{event['id']}",
        )
        entry = sheet.text(
            x + indent,
            y,
            f"{when}  {event['title']}",
            size,
            width - indent,
            color=theme.TEXT,
            gid=f"key-{event['id']}",
        )
        bottom = sheet.bottom_of(entry)
        more = len(rows) - index - 1
        room = limit - (line_px + gap if more else 0)
        if bottom > room:
            if not cut:
                for artist in figure.texts[start:]:
                    artist.remove()
                return None
            number.remove()
            entry.remove()
            left = len(rows) - index
            rest = sheet.text(
                x + indent,
                y,
                f"… and {left} more (all are listed in the app)",
                size,
                width - indent,
                color=theme.MUTED_TEXT,
                gid="events-more",
            )
            return sheet.bottom_of(rest)
        y = bottom + 0.6 * gap
    return y


def _map(
    figure: Figure,
    sheet: _Sheet,
    dispute: Dispute,
    view: View,
    lines: gpd.GeoDataFrame,
    called: pd.DataFrame,
    box: Rect,
    extent: tuple[float, float, float, float] | None = None,
    focus_points: pd.DataFrame | None = None,
) -> None:
    """The map axes: land, islands, lines, furniture, callouts and labels, none overlapping.

    ``focus_points`` (``lon``, ``lat``), when given, replace the callouts as
    the places the window must show (two maps compared share one window).
    """
    crs = projection(dispute)
    state = state_at(dispute, view.date).to_crs(crs)
    ax = figure.add_axes(box)
    aspect = (box[2] * sheet.width) / (box[3] * sheet.height)
    focus = state.geometry
    as_on_screen = extent is None and view.extent is not None
    extent = view.extent if extent is None else extent
    if extent is not None:
        # the box's edges, densified: a projected box's corners miss its curved sides
        window = shapely.segmentize(shapely.box(*extent), 0.25)
        focus = gpd.GeoSeries([window], crs="EPSG:4326").to_crs(crs)
    shown = called if focus_points is None else focus_points
    if not shown.empty:
        # the numbered events must be on the map too
        points = gpd.GeoSeries.from_xy(shown["lon"], shown["lat"], crs="EPSG:4326").to_crs(crs)
        focus = gpd.GeoSeries([*focus, *points], crs=crs)
    margin = 0.0 if as_on_screen else MARGIN_FRACTION
    xmin, ymin, xmax, ymax = _extent(gpd.GeoDataFrame(geometry=focus), aspect, margin)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_facecolor(theme.SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#888888")

    _draw_context(ax, dispute, crs)
    _draw_islands(ax, dispute, state, island_rule(dispute, view.worldview, view.date))
    projected_lines = lines.to_crs(crs) if not lines.empty else lines
    _draw_boundaries(ax, projected_lines)
    renderer = sheet.renderer
    taken = _furniture(figure, ax, dispute, crs, sheet)
    # Labels go last, each kept clear of what was placed before it.
    taken += _draw_events(ax, dispute, view, called, crs, sheet, taken)
    _place_labels(ax, dispute, state, view, taken, sheet)
    _label_boundaries(ax, projected_lines, taken, renderer, sheet.size("line"))
    _label_context(ax, dispute, crs, view, taken, renderer, sheet.size("context"))


def _furniture(figure: Figure, ax: Axes, dispute: Dispute, crs: str, sheet: _Sheet) -> list[Bbox]:
    """Locator inset, scale bar and north arrow; returns the boxes they occupy."""
    renderer = sheet.renderer
    taken: list[Bbox] = []
    inset = _inset(figure, ax, dispute, crs)
    if inset is not None:
        taken.append(inset.get_window_extent(renderer))
    taken += _scale_bar(ax, sheet.size("body"), renderer)
    taken += _north_arrow(ax, sheet.size("label"), renderer)
    return taken


def _ink(artist: Any, renderer: Any) -> Bbox:
    """An artist's box including its halo or marker disc."""
    box = artist.get_window_extent(renderer)
    patch = artist.get_bbox_patch() if isinstance(artist, Text) else None
    if patch is not None:
        artist.update_bbox_position_size(renderer)
        box = Bbox.union([box, patch.get_window_extent(renderer)])
    return box


def _draw_context(ax: Axes, dispute: Dispute, crs: str) -> None:
    """Surrounding land."""
    if dispute.context.empty:
        return
    context = dispute.context.to_crs(crs)
    for geometry in context.geometry:
        ax.add_artist(
            PathPatch(
                _path(geometry),
                facecolor=theme.LAND,
                edgecolor=theme.LAND_EDGE,
                linewidth=0.6,
                zorder=1,
            )
        )


def _halo(pad: float, alpha: float) -> dict[str, Any]:
    """A white rounded box behind a label, so it reads over land, sea and lines."""
    return {
        "boxstyle": f"round,pad={pad}",
        "facecolor": "white",
        "alpha": alpha,
        "edgecolor": "none",
    }


def _fits(ax: Axes, box: Bbox, taken: list[Bbox], renderer: Any) -> bool:
    """Whether a text box lies inside the map and clear of everything placed so far."""
    frame = ax.get_window_extent(renderer)
    inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    return inside and not any(box.overlaps(other) for other in taken)


def _label_context(
    ax: Axes,
    dispute: Dispute,
    crs: str,
    view: View,
    taken: list[Bbox],
    renderer: Any,
    size: float,
) -> None:
    """Names of the neighbouring lands, where they fit."""
    if dispute.context.empty:
        return
    context = dispute.context.to_crs(crs)
    field = dispute.manifest.worldviews.get(view.worldview)
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    window = shapely.box(xmin, ymin, xmax, ymax)
    for _, row in context.iterrows():
        name = row.get(field.name_field) if field else None
        name = name if isinstance(name, str) and name else row.get("name_en")
        if not isinstance(name, str) or not name:
            continue
        visible = row.geometry.intersection(window)
        if visible.is_empty or visible.area < 0.004 * window.area:
            continue
        point = visible.representative_point()
        text = ax.text(
            point.x,
            point.y,
            name,
            fontsize=size,
            color="#7A7263",
            parse_math=False,
            style="italic",
            ha="center",
            va="center",
            zorder=2,
            gid=f"context-label-{row['id']}",
        )
        box = _ink(text, renderer)
        if _fits(ax, box, taken, renderer):
            taken.append(box)
        else:
            text.remove()


def _draw_islands(
    ax: Axes, dispute: Dispute, state: gpd.GeoDataFrame, rule: Depiction | None
) -> None:
    """Each island filled by its administrator and hatched by another claimant, or as
    the territory the depiction's ``rule`` draws it as."""
    parties = dispute.manifest.parties
    for _, row in state.iterrows():
        style = island_style(parties, row, rule)
        fill = style.fill
        patch = PathPatch(
            _path(row.geometry),
            facecolor=fill,
            edgecolor=style.edge,
            linewidth=0.5,
            alpha=None,
            zorder=3,
            gid=f"island-{row['id']}",
        )
        patch.set_facecolor(matplotlib.colors.to_rgba(fill, theme.FILL_OPACITY))
        if style.hatched:
            patch.set_hatch(HATCH)
            patch.set_hatchcolor(style.stripe)
            patch.set_linewidth(1.2)
        ax.add_artist(patch)  # add_patch would walk every vertex to update limits


def _draw_boundaries(ax: Axes, lines: gpd.GeoDataFrame) -> None:
    """The lines the depiction draws at the date: borders dashed, lines of control dotted."""
    for _, line in lines.iterrows():
        style = LINE_STYLES[line.get("kind", "border")]
        parts = getattr(line.geometry, "geoms", [line.geometry])
        for part in parts:
            xy = np.asarray(part.coords)
            ax.plot(
                xy[:, 0],
                xy[:, 1],
                color=style["color"],
                linewidth=style["width"],
                dashes=style["dashes"],
                zorder=4,
                gid=f"boundary-{line['id']}",
            )


def _label_boundaries(
    ax: Axes, lines: gpd.GeoDataFrame, taken: list[Bbox], renderer: Any, size: float
) -> None:
    """Short labels on the boundary lines, at the first place along each that is free."""
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    window = shapely.box(xmin, ymin, xmax, ymax)
    for _, line in lines.iterrows():
        visible = line.geometry.intersection(window)
        if visible.is_empty or visible.length == 0:
            continue
        label = short_label(line["name"])  # the legend gives the full name
        for fraction in (0.5, 0.3, 0.7, 0.15, 0.85):
            anchor = visible.interpolate(fraction, normalized=True)
            text = ax.text(
                anchor.x,
                anchor.y,
                label,
                fontsize=size,
                color=theme.TEXT,
                ha="center",
                va="center",
                zorder=6,
                parse_math=False,
                gid=f"boundary-label-{line['id']}",
                bbox=_halo(0.2, 0.85),
            )
            box = _ink(text, renderer)
            if _fits(ax, box, taken, renderer):
                taken.append(box)
                break
            text.remove()


def _draw_events(
    ax: Axes,
    dispute: Dispute,
    view: View,
    called: pd.DataFrame,
    crs: str,
    sheet: _Sheet,
    taken: list[Bbox],
) -> list[Bbox]:
    """Numbered markers for the callouts, faded dots for the other events shown.

    Markers at (nearly) one place fan out around it on rings, each at the first
    free position, with a thin leader to the true place. Returns their boxes.
    """
    if not view.show_events:
        return []
    current, earlier = events_for_view(dispute, view)
    dots = pd.concat([earlier, current[~current["id"].isin(called["id"])]])
    to_crs = gpd.GeoSeries.from_xy
    if not dots.empty:
        points = to_crs(dots["lon"], dots["lat"], crs="EPSG:4326").to_crs(crs)
        ax.scatter(
            points.x,
            points.y,
            s=30,
            color=theme.EARLIER,
            alpha=0.55,
            edgecolor="white",
            linewidth=0.8,
            zorder=5,
            gid="earlier-events",
        )
    if called.empty:
        return []
    renderer = sheet.renderer
    size = sheet.size("marker")
    step = 2.1 * size  # points between ring positions: a marker's width and a gap
    candidates = [(0.0, 0.0)] + [
        (radius * math.cos(angle), radius * math.sin(angle))
        for ring in (1, 2, 3)
        for radius in [ring * step]
        for angle in np.linspace(math.pi / 2, math.pi / 2 + 2 * math.pi, 6 * ring, endpoint=False)
    ]
    points = to_crs(called["lon"], called["lat"], crs="EPSG:4326").to_crs(crs)
    boxes: list[Bbox] = []
    for (_, event), point in zip(called.iterrows(), points, strict=True):
        selected = event["id"] == view.selected_event
        for dx, dy in candidates:
            marker = ax.text(
                point.x,
                point.y,
                str(event["number"]),
                transform=_shifted(ax, dx, dy),
                ha="center",
                va="center",
                fontsize=size,
                fontweight="bold",
                color="white",
                zorder=7,
                bbox={
                    "boxstyle": "circle,pad=0.28",
                    "facecolor": theme.EVENT,
                    "edgecolor": "#111111" if selected else "white",
                    "linewidth": 2.2 if selected else 1.0,
                },
                gid=f"event-{event['id']}",
            )
            box = _ink(marker, renderer)
            if _fits(ax, box, taken + boxes, renderer) or (dx, dy) == candidates[-1]:
                break
            marker.remove()
        boxes.append(box)
        if (dx, dy) != (0.0, 0.0):
            _leader(ax, (point.x, point.y), dx, dy, theme.EVENT, 6)
    return boxes


def _shifted(ax: Axes, dx: float, dy: float) -> Any:
    """Data coordinates moved by (dx, dy) points."""
    scale = ax.figure.dpi / 72
    return offset_copy(ax.transData, x=dx * scale, y=dy * scale, units="dots")


def _leader(
    ax: Axes, anchor: tuple[float, float], dx: float, dy: float, color: str, z: int
) -> None:
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


def _place_labels(
    ax: Axes,
    dispute: Dispute,
    state: gpd.GeoDataFrame,
    view: View,
    taken: list[Bbox],
    sheet: _Sheet,
) -> None:
    """Group labels in the worldview's names, placed so that none overlap anything.

    Each label tries positions around its island, near ones first, and takes
    the first that lies inside the map and clear of every box already taken.
    """
    renderer = sheet.renderer
    # the interactive map's places (geo.theme, screen pixels, y down) in the axes' points (y up)
    sides = {"l": "left", "c": "center", "r": "right"}
    ends = {"t": "top", "m": "center", "b": "bottom"}
    offsets = [(p.dx, -p.dy, sides[p.horizontal], ends[p.vertical]) for p in theme.name_places()]
    for group in dispute.group_ids:
        members = state[state["group"] == group]
        if members.empty:
            continue
        largest = members.loc[members.geometry.area.idxmax()]
        anchor = largest.geometry.representative_point()
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        if not (x0 <= anchor.x <= x1 and y0 <= anchor.y <= y1):
            continue  # an island outside a close-up window (a tour step's) gets no label
        label = group_name(dispute.manifest, group, view.worldview)
        for dx, dy, ha, va in offsets:
            text = ax.text(
                anchor.x,
                anchor.y,
                label,
                transform=_shifted(ax, dx, dy),
                ha=ha,
                va=va,
                fontsize=sheet.size("label"),
                fontweight="bold",
                color=theme.TEXT,
                zorder=8,
                gid=f"label-{group}",
                parse_math=False,
                bbox=_halo(0.25, 0.8),
            )
            box = _ink(text, renderer)
            if _fits(ax, box, taken, renderer):
                taken.append(box)
                _leader(ax, (anchor.x, anchor.y), dx, dy, "#555555", 7)
                break
            text.remove()


def _nice_length(span_m: float) -> float:
    """A round scale-bar length near a fifth of the map width."""
    target = span_m / 5
    for km in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if km * 1000 >= target:
            return km * 1000.0
    return 1_000_000.0


def _scale_bar(ax: Axes, size: float, renderer: Any) -> list[Bbox]:
    """A scale bar at the lower right (true at the projection's centre); returns its boxes."""
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    length = _nice_length(xmax - xmin)
    x1 = xmax - 0.04 * (xmax - xmin)
    x0 = x1 - length
    y = ymin + 0.05 * (ymax - ymin)
    left = Rectangle(
        (x0, y), length / 2, 0.008 * (ymax - ymin), facecolor="#222222", zorder=9, gid="scale-bar"
    )
    right = Rectangle(
        (x0 + length / 2, y),
        length / 2,
        0.008 * (ymax - ymin),
        facecolor="white",
        edgecolor="#222222",
        linewidth=0.8,
        zorder=9,
    )
    ax.add_patch(left)
    ax.add_patch(right)
    label = ax.text(
        (x0 + x1) / 2,
        y + 0.018 * (ymax - ymin),
        f"{length / 1000:g} km",
        ha="center",
        va="bottom",
        fontsize=size,
        color=theme.TEXT,
        zorder=9,
        gid="scale-label",
    )
    return [
        Bbox.union([p.get_window_extent(renderer) for p in (left, right)]),
        label.get_window_extent(renderer),
    ]


def _north_arrow(ax: Axes, size: float, renderer: Any) -> list[Bbox]:
    """A north arrow at the lower right (north is up along the central meridian)."""
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    x = xmax - 0.05 * (xmax - xmin)
    y0 = ymin + 0.13 * (ymax - ymin)
    length = 0.08 * (ymax - ymin)
    arrow = FancyArrow(
        x,
        y0,
        0,
        length,
        width=0.006 * (xmax - xmin),
        head_width=0.025 * (xmax - xmin),
        head_length=0.035 * (ymax - ymin),
        length_includes_head=True,
        color="#222222",
        zorder=9,
        gid="north-arrow",
    )
    ax.add_patch(arrow)
    label = ax.text(
        x,
        y0 + length + 0.01 * (ymax - ymin),
        "N",
        ha="center",
        va="bottom",
        fontsize=size,
        fontweight="bold",
        color=theme.TEXT,
        zorder=9,
        gid="north-label",
    )
    return [arrow.get_window_extent(renderer), label.get_window_extent(renderer)]


def _inset(figure: Figure, ax: Axes, dispute: Dispute, crs: str) -> Axes | None:
    """A small locator map of the wider region, with the main map's window outlined."""
    overview = dispute.overview
    if overview.empty:
        return None
    inset = ax.inset_axes((0.012, 0.69, 0.22, 0.30), zorder=10)
    inset.set_facecolor(theme.SEA)
    land = overview.to_crs(crs)
    for geometry in land.geometry:
        inset.add_artist(PathPatch(_path(geometry), facecolor="#D8D2C4", edgecolor="none"))
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    span = 9 * max(xmax - xmin, ymax - ymin)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    inset.set_xlim(cx - span / 2, cx + span / 2)
    inset.set_ylim(cy - span / 2.6, cy + span / 2.6)
    inset.set_aspect("equal")
    inset.add_patch(
        Rectangle(
            (xmin, ymin),
            xmax - xmin,
            ymax - ymin,
            fill=False,
            edgecolor=theme.EVENT,
            linewidth=1.6,
            gid="inset-window",
        )
    )
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_gid("inset")
    for spine in inset.spines.values():
        spine.set_edgecolor("#666666")
    return inset


def figure_bytes(
    figure: Figure, fmt: str, dpi: int = DEFAULT_DPI, about: dict[str, str] | None = None
) -> bytes:
    """Save a figure as PNG, SVG or PDF without timestamps (same view, same bytes).

    ``about`` is what the file says about itself (see
    :func:`geo.annotation.metadata`): PNG text chunks, SVG metadata, PDF info.
    """
    metadata: dict[str, Any] = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    }[fmt]
    metadata.update(about or {})
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def export_image(
    dispute: Dispute,
    view: View,
    fmt: str = "png",
    dpi: int = DEFAULT_DPI,
    save_dpi: int | None = None,
) -> bytes:
    """Render a view and save it as ``png``, ``svg`` or ``pdf``.

    Parameters
    ----------
    dispute, view
    fmt : str
    dpi : int
        Resolution the image is laid out and saved at.
    save_dpi : int, optional
        Save at another resolution with the same layout (a preview of a
        ``dpi`` export that looks the same, only smaller).

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> from geo.view import default_view
    >>> dispute = load_dispute()
    >>> export_image(dispute, default_view(dispute).replace(year=1950))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    with export_style(dpi):
        figure = render_figure(dispute, view, dpi)
        about = annotation.metadata(dispute, view, fmt)
        sentence = describe(dispute, view.date, view.worldview, end_of_year=not view.day).sentence
        return with_text_twin(
            figure_bytes(figure, fmt, save_dpi or dpi, with_twin_metadata(about, fmt, sentence)),
            fmt,
            annotation.title(dispute, view),
            sentence,
        )


def with_twin_metadata(about: dict[str, str], fmt: str, sentence: str) -> dict[str, str]:
    """A file's metadata with the text twin's sentence in its description (SVG, PDF)."""
    if fmt == "pdf":
        return pdf_about(about, sentence)
    if fmt == "svg":
        return svg_about(about, sentence)
    return about


def with_text_twin(data: bytes, fmt: str, title: str, sentence: str) -> bytes:
    """An SVG with ``<title>`` and ``<desc>`` (the twin); other formats as they are."""
    return svg_with_text(data, title, sentence) if fmt == "svg" else data


def animation_frames(dispute: Dispute) -> list[tuple[int, str]]:
    """One frame per distinct map state: its first year and the period it lasts."""
    years = change_years(dispute)
    current = year_range(dispute)[1]
    frames = []
    for year, following in zip(years, [*years[1:], None], strict=True):
        last = (following - 1) if following is not None else None
        if last is None:
            period = f"{year}–today" if current > year else str(year)
        else:
            period = str(year) if last == year else f"{year}–{last}"
        frames.append((year, period))
    return frames


def export_gif(
    dispute: Dispute,
    view: View,
    dpi: int = 80,
    frame_ms: int = 1600,
    last_frame_ms: int = 4000,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """An animated GIF: one frame per distinct map state, its years large on each frame.

    Each frame also says what changed (the events that opened its state) and
    the file carries the view's description as a GIF comment.

    Parameters
    ----------
    dispute, view
        The view gives everything but the year.
    dpi : int
        Resolution of each frame.
    frame_ms, last_frame_ms : int
        How long each frame, and the last one, stays.
    progress : callable, optional
        Called with (frames done, frames in all) after each frame.
    """
    periods = animation_frames(dispute)
    frames = []
    with export_style(dpi):
        for number, (year, period) in enumerate(periods, start=1):
            frame = Frame(period, annotation.frame_caption(dispute, year))
            figure = render_figure(dispute, view.replace(year=year, selected_event=""), dpi, frame)
            rgb = Image.open(io.BytesIO(figure_bytes(figure, "png", dpi))).convert("RGB")
            # Keep only the 1-byte-per-pixel palette frame: Pillow's GIF writer
            # needs every frame at the end, so hold the smallest form of each.
            frames.append(
                rgb.quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            )
            del rgb, figure
            if progress:
                progress(number, len(periods))
    palette = frames
    buffer = io.BytesIO()
    palette[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=palette[1:],
        loop=0,
        duration=[frame_ms] * (len(frames) - 1) + [last_frame_ms],
        optimize=False,
        comment=annotation.animation_comment(
            dispute, view, [period for _, period in periods]
        ).encode("utf-8"),
    )
    return buffer.getvalue()
