"""The static renderer: a publication-quality matplotlib map of a View, in its formats.

:func:`render_figure` lays out the sheet (:mod:`geo.sheet`): the title block, the map
(:mod:`geo.maplayers`) with its legend and key, the note and footer (:mod:`geo.furniture`).
:func:`export_image` and :func:`export_gif` save it as PNG, SVG, PDF or an animated GIF.
It draws exactly what the interactive map draws for the same View.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import matplotlib
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from geo import annotation, theme
from geo.alttext import pdf_about, svg_about, svg_with_text
from geo.depiction import lines_frame
from geo.furniture import draw_footer, draw_header, draw_panel, side_by_side
from geo.i18n import DEFAULT_LANGUAGE, texts
from geo.maplayers import draw_map
from geo.model import Dispute
from geo.names import group_name
from geo.presentation import (
    events_for_view,
)
from geo.sheet import DEFAULT_DPI, GAP_IN, MARGIN_IN, Frame, Sheet, export_style
from geo.timeline import change_years, year_range
from geo.twin import describe
from geo.view import SIZE_PRESETS, View

matplotlib.use("Agg")


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
    sheet = Sheet(figure, dpi, view.lang)
    margin, gap = sheet.px(MARGIN_IN), sheet.px(GAP_IN)
    inner = sheet.width - 2 * margin
    current, _ = events_for_view(dispute, view)
    called = annotation.callout_events(current, view) if view.show_events else current.iloc[0:0]

    top = draw_header(sheet, dispute, view, frame, margin, gap)
    bottom = draw_footer(sheet, dispute, view, called, margin, gap)
    lines = lines_frame(dispute, view.worldview, view.date, view.lang)
    panel = functools.partial(draw_panel, sheet, dispute, view, lines, called, frame)
    if side_by_side(view.size):
        panel_width = max(0.31 * inner, sheet.px(3.2))
        map_width = inner - panel_width - 2 * gap
        panel(margin + map_width + 2 * gap, top, panel_width, bottom - top, columns=1)
        map_box = sheet.box(margin, top, map_width, bottom - top)
    else:  # legend and key in two columns under the map, as tall as they need
        used = panel(margin, 0, inner, 0.42 * (bottom - top), columns=2, dry_run=True)
        panel(margin, bottom - used, inner, used, columns=2)
        map_box = sheet.box(margin, top, inner, bottom - used - gap - top)
    draw_map(figure, sheet, dispute, view, lines, called, map_box, extent)
    return figure


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
        sentence = describe(
            dispute, view.date, view.worldview, end_of_year=not view.day, language=view.lang
        ).sentence
        return with_text_twin(
            figure_bytes(figure, fmt, save_dpi or dpi, with_twin_metadata(about, fmt, sentence)),
            fmt,
            annotation.title(dispute, view),
            # an SVG's text is drawn as outlines: its description says the names it shows
            f"{sentence} {names_shown(dispute, view)}" if fmt == "svg" else sentence,
        )


def thumbnail_png(
    dispute: Dispute,
    view: View,
    size_px: tuple[int, int] = (360, 220),
    window: tuple[float, float, float, float] | None = None,
) -> bytes:
    """A small picture of a view's map alone: land, islands in their states, names.

    No title, key, events or footer: a pack's card in the pack picker. It shows
    the islands, in a window at least :data:`THUMBNAIL_MIN_SPAN_KM` across so
    that a small island is seen among its neighbours.

    Parameters
    ----------
    dispute, view
    size_px : (int, int)
        Width and height in pixels.
    window : (west, south, east, north), optional
        What to show instead (e.g. the pack's extent).

    Returns
    -------
    bytes
        A PNG.
    """
    bare = view.replace(show_events=False, extent=None)
    with export_style(THUMBNAIL_DPI):
        width, height = size_px
        figure = Figure(figsize=(width / THUMBNAIL_DPI, height / THUMBNAIL_DPI), facecolor="white")
        FigureCanvasAgg(figure)
        sheet = Sheet(figure, THUMBNAIL_DPI)
        lines = lines_frame(dispute, bare.worldview, bare.date)
        no_events = events_for_view(dispute, bare)[0].iloc[0:0]
        whole = (0.0, 0.0, 1.0, 1.0)
        if window is None:
            window = _at_least(tuple(dispute.islands.total_bounds), THUMBNAIL_MIN_SPAN_KM)
        draw_map(figure, sheet, dispute, bare, lines, no_events, whole, window, bare=True)
        return figure_bytes(figure, "png", THUMBNAIL_DPI)


THUMBNAIL_DPI = 100
# Where an island's number goes, in points from its centre, in the order tried.
CANDIDATE_OFFSETS = (
    (6, 6),
    (6, -14),
    (-16, 6),
    (-16, -14),
    (22, 18),
    (22, -28),
    (-34, 18),
    (-34, -28),
    (0, 34),
)
THUMBNAIL_MIN_SPAN_KM = 50.0
_KM_PER_DEGREE = 111.32


def _at_least(bounds: tuple[float, ...], span_km: float) -> tuple[float, float, float, float]:
    """A (west, south, east, north) window around ``bounds`` at least ``span_km`` each way."""
    west, south, east, north = bounds
    middle_lat = math.radians((south + north) / 2)
    half_lat = span_km / _KM_PER_DEGREE / 2
    half_lon = half_lat / max(math.cos(middle_lat), 0.05)
    x, y = (west + east) / 2, (south + north) / 2
    return (
        min(west, x - half_lon),
        max(-90.0, min(south, y - half_lat)),
        max(east, x + half_lon),
        min(90.0, max(north, y + half_lat)),
    )


def names_shown(dispute: Dispute, view: View) -> str:
    """The groups' names in the view's naming, as a sentence: 'Names: 択捉島 / Etorofu, …'."""
    names = [group_name(dispute.manifest, g, view.worldview) for g in dispute.group_ids]
    return texts(view.lang).gettext("Names on the map: {names}.").format(names=", ".join(names))


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


def animation_frames(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> list[tuple[int, str]]:
    """One frame per distinct map state: its first year and the period it lasts."""
    _ = texts(language).gettext
    years = change_years(dispute)
    current = year_range(dispute)[1]
    frames = []
    for year, following in zip(years, [*years[1:], None], strict=True):
        last = (following - 1) if following is not None else None
        if last is None:
            period = _("{year}–today").format(year=year) if current > year else str(year)
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
    periods = animation_frames(dispute, view.lang)
    frames = []
    with export_style(dpi):
        for number, (year, period) in enumerate(periods, start=1):
            frame = Frame(period, annotation.frame_caption(dispute, year, view.lang))
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


def candidates_png(
    land: gpd.GeoDataFrame,
    candidates: gpd.GeoDataFrame,
    chosen: list[shapely.Geometry],
    area: tuple[float, float, float, float],
    size_px: tuple[int, int] = (640, 420),
) -> bytes:
    """The islands of an area to pick from: land grey, each candidate numbered, the
    islands already in the draft filled.

    Parameters
    ----------
    land : geopandas.GeoDataFrame
        The area's land (any polygons; drawn under everything).
    candidates : geopandas.GeoDataFrame
        From :func:`geo.builder.island_candidates` (``key``, ``lat``, ``lon``).
    chosen : list of shapely geometries
        The draft's islands.
    area : (west, south, east, north)
    size_px : (int, int)

    Returns
    -------
    bytes
        A PNG.
    """
    west, south, east, north = area
    with export_style(THUMBNAIL_DPI):
        width, height = size_px
        figure = Figure(figsize=(width / THUMBNAIL_DPI, height / THUMBNAIL_DPI), facecolor="white")
        FigureCanvasAgg(figure)
        ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_facecolor(theme.SEA)
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        # degrees of longitude shrink with latitude: keep the map's shapes true
        ax.set_aspect(1 / max(math.cos(math.radians((south + north) / 2)), 0.05))
        ax.set_xticks([])
        ax.set_yticks([])
        for geometry in land.geometry:
            for part in getattr(geometry, "geoms", [geometry]):
                ax.fill(*part.exterior.xy, color=theme.LAND, linewidth=0.4, ec="#9A9A9A")
        for geometry in candidates.geometry:
            for part in getattr(geometry, "geoms", [geometry]):
                ax.fill(*part.exterior.xy, fc="none", ec="#B2182B", linewidth=1.0)
        for geometry in chosen:
            for part in getattr(geometry, "geoms", [geometry]):
                ax.fill(*part.exterior.xy, fc="#E69F00", ec="#7A5200", linewidth=1.0)
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        ax.apply_aspect()  # the axes' final place: boxes measured now stay true when drawn
        placed: list[Any] = []
        for _, row in candidates.iterrows():
            # the first offset whose box is clear of the numbers placed before (largest
            # islands first), further out on a leader when none is
            for offset in CANDIDATE_OFFSETS:
                label = ax.annotate(
                    row["key"][1:],
                    (row["lon"], row["lat"]),
                    xytext=offset,
                    textcoords="offset points",
                    fontsize=9,
                    fontweight="bold",
                    color="#1A1A1A",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "#B2182B", "lw": 0.6},
                    arrowprops={"arrowstyle": "-", "color": "#B2182B", "lw": 0.6}
                    if max(abs(offset[0]), abs(offset[1])) > 10
                    else None,
                )
                box = label.get_window_extent(renderer)
                if (
                    not any(box.overlaps(other) for other in placed)
                    or offset == CANDIDATE_OFFSETS[-1]
                ):
                    placed.append(box)
                    break
                label.remove()
        return figure_bytes(figure, "png", THUMBNAIL_DPI)
