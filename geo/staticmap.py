"""The static renderer: a publication-quality matplotlib map of a View.

It draws exactly what the interactive map draws for the same View — the same
fills, hatching, boundary lines, numbered events and legend entries (both take
them from :mod:`geo.presentation`) — plus what print needs: a title, a key of
the events, a scale bar, a north arrow, a locator inset and a footer with the
sources, licences and how to cite.
"""

from __future__ import annotations

import io
import logging
import math
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrow, PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox
from PIL import Image

from geo.fonts import ensure_fonts
from geo.model import Dispute
from geo.names import group_name
from geo.presentation import (
    BOUNDARY_COLOR,
    CAPTION,
    EARLIER_COLOR,
    EVENT_COLOR,
    FILL_OPACITY,
    boundaries_at,
    events_for_view,
    island_style,
    legend_entries,
    map_title,
)
from geo.timeline import change_years, state_at, status_rows, year_range
from geo.view import SIZE_PRESETS, View

matplotlib.use("Agg")

SEA_COLOR = "#DCE8F0"
LAND_COLOR = "#F2EFE9"
LAND_EDGE = "#B9B3A6"
TEXT_COLOR = "#1A1A1A"
MUTED_TEXT = "#444444"
HATCH = "///"
DEFAULT_DPI = 120
MARGIN_FRACTION = 0.18


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


@contextmanager
def export_style(dpi: int = DEFAULT_DPI) -> Iterator[None]:
    """The settings under which a figure is drawn and saved."""
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


def _extent(islands: gpd.GeoDataFrame, aspect: float) -> tuple[float, float, float, float]:
    """The map window: the islands with a margin, widened to the axes' aspect (w/h)."""
    xmin, ymin, xmax, ymax = islands.total_bounds
    width, height = xmax - xmin, ymax - ymin
    margin = MARGIN_FRACTION * max(width, height)
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


def _layout(size: str) -> dict[str, Rect]:
    """Axes rectangles (figure fractions) for a size preset."""
    width, height = SIZE_PRESETS.get(size, SIZE_PRESETS["slide"])
    if width >= height:
        return {"map": (0.015, 0.085, 0.635, 0.79), "panel": (0.665, 0.085, 0.32, 0.79)}
    return {"map": (0.03, 0.40, 0.94, 0.47), "panel": (0.03, 0.075, 0.94, 0.31)}


def render_figure(dispute: Dispute, view: View, dpi: int = DEFAULT_DPI) -> Figure:
    """Draw the annotated map of a view.

    Parameters
    ----------
    dispute : Dispute
    view : View
        Year, worldview, filters, selected event and size preset.
    dpi : int
        Resolution the figure is laid out for (the PNG writer uses it).

    Returns
    -------
    matplotlib.figure.Figure
        Not shown; save it with :func:`figure_bytes`. Draw and save it under
        :func:`export_style`, which is how :func:`export_image` does it.
    """
    width, height = SIZE_PRESETS.get(view.size, SIZE_PRESETS["slide"])
    figure = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    FigureCanvasAgg(figure)  # a canvas to measure text on while placing labels
    crs = projection(dispute)
    state = state_at(dispute, view.date).to_crs(crs)
    layout = _layout(view.size)
    ax = figure.add_axes(layout["map"])
    box = ax.get_position()
    aspect = (box.width * width) / (box.height * height)
    current, _ = events_for_view(dispute, view)
    focus = state.geometry
    if view.show_events and not current.empty:
        # the year's numbered events must be on the map too
        points = gpd.GeoSeries.from_xy(current["lon"], current["lat"], crs="EPSG:4326").to_crs(crs)
        focus = gpd.GeoSeries([*state.geometry, *points], crs=crs)
    xmin, ymin, xmax, ymax = _extent(gpd.GeoDataFrame(geometry=focus), aspect)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_facecolor(SEA_COLOR)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#888888")

    _draw_context(ax, dispute, crs)
    _draw_islands(ax, dispute, state)
    lines = gpd.GeoDataFrame(boundaries_at(dispute, view.date))
    projected_lines = lines.to_crs(crs) if not lines.empty else lines
    _draw_boundaries(ax, projected_lines)
    _scale_bar(ax)
    _north_arrow(ax)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    # Labels go last, each kept clear of what was placed before it.
    taken = [a.get_window_extent(renderer) for a in _draw_events(ax, dispute, view, crs)]
    taken += [t.get_window_extent(renderer) for t in ax.texts]  # scale and north labels
    _place_labels(ax, dispute, state, view, taken, renderer)
    _label_boundaries(ax, projected_lines, taken, renderer)
    _label_context(ax, dispute, crs, view, taken, renderer)
    _inset(figure, ax, dispute, crs)
    _panel(figure.add_axes(layout["panel"]), dispute, view, lines)
    _titles(figure, dispute, view)
    return figure


def _draw_context(ax: Axes, dispute: Dispute, crs: str) -> None:
    """Surrounding land."""
    if dispute.context.empty:
        return
    context = dispute.context.to_crs(crs)
    for geometry in context.geometry:
        ax.add_artist(
            PathPatch(
                _path(geometry), facecolor=LAND_COLOR, edgecolor=LAND_EDGE, linewidth=0.6, zorder=1
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
    ax: Axes, dispute: Dispute, crs: str, view: View, taken: list[Bbox], renderer: Any
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
            fontsize=10,
            color="#7A7263",
            style="italic",
            ha="center",
            va="center",
            zorder=2,
            gid=f"context-label-{row['id']}",
        )
        box = text.get_window_extent(renderer)
        if _fits(ax, box, taken, renderer):
            taken.append(box)
        else:
            text.remove()


def _draw_islands(ax: Axes, dispute: Dispute, state: gpd.GeoDataFrame) -> None:
    """Each island filled by its administrator and hatched by another claimant."""
    parties = dispute.manifest.parties
    for _, row in state.iterrows():
        style = island_style(parties, row)
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
        patch.set_facecolor(matplotlib.colors.to_rgba(fill, FILL_OPACITY))
        if style.hatched:
            patch.set_hatch(HATCH)
            patch.set_hatchcolor(style.stripe)
            patch.set_linewidth(1.2)
        ax.add_artist(patch)  # add_patch would walk every vertex to update limits


def _draw_boundaries(ax: Axes, lines: gpd.GeoDataFrame) -> None:
    """Boundary lines valid at the date, dashed."""
    for _, line in lines.iterrows():
        parts = getattr(line.geometry, "geoms", [line.geometry])
        for part in parts:
            xy = np.asarray(part.coords)
            ax.plot(
                xy[:, 0],
                xy[:, 1],
                color=BOUNDARY_COLOR,
                linewidth=1.6,
                dashes=(6, 3.5),
                zorder=4,
                gid=f"boundary-{line['id']}",
            )


def _label_boundaries(ax: Axes, lines: gpd.GeoDataFrame, taken: list[Bbox], renderer: Any) -> None:
    """Short labels on the boundary lines, at the first place along each that is free."""
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    window = shapely.box(xmin, ymin, xmax, ymax)
    for _, line in lines.iterrows():
        visible = line.geometry.intersection(window)
        if visible.is_empty or visible.length == 0:
            continue
        label = line["name"].split(" (")[0]  # the legend gives the full name
        for fraction in (0.5, 0.3, 0.7, 0.15, 0.85):
            anchor = visible.interpolate(fraction, normalized=True)
            text = ax.text(
                anchor.x,
                anchor.y,
                label,
                fontsize=8.5,
                color=TEXT_COLOR,
                ha="center",
                va="center",
                zorder=6,
                gid=f"boundary-label-{line['id']}",
                bbox=_halo(0.2, 0.85),
            )
            box = text.get_window_extent(renderer)
            if _fits(ax, box, taken, renderer):
                taken.append(box)
                break
            text.remove()


def _draw_events(ax: Axes, dispute: Dispute, view: View, crs: str) -> list[Any]:
    """Numbered markers for the year's events, faded dots for earlier ones."""
    if not view.show_events:
        return []
    current, earlier = events_for_view(dispute, view)
    markers: list[Any] = []
    to_crs = gpd.GeoSeries.from_xy
    if not earlier.empty:
        points = to_crs(earlier["lon"], earlier["lat"], crs="EPSG:4326").to_crs(crs)
        ax.scatter(
            points.x,
            points.y,
            s=30,
            color=EARLIER_COLOR,
            alpha=0.55,
            edgecolor="white",
            linewidth=0.8,
            zorder=5,
            gid="earlier-events",
        )
    if current.empty:
        return markers
    points = to_crs(current["lon"], current["lat"], crs="EPSG:4326").to_crs(crs)
    seen: dict[tuple[int, int], int] = {}
    for (_, event), point in zip(current.iterrows(), points, strict=True):
        # events at (nearly) the same place fan out around it
        cell = (round(point.x / 6000), round(point.y / 6000))
        rank = seen.get(cell, 0)
        seen[cell] = rank + 1
        angle = rank * 2.4
        offset = (0.0, 0.0) if rank == 0 else (13 * math.cos(angle), 13 * math.sin(angle))
        selected = event["id"] == view.selected_event
        marker = ax.annotate(
            str(event["number"]),
            (point.x, point.y),
            xytext=offset,
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=8.5,
            fontweight="bold",
            color="white",
            zorder=7,
            bbox={
                "boxstyle": "circle,pad=0.28",
                "facecolor": EVENT_COLOR,
                "edgecolor": "#111111" if selected else "white",
                "linewidth": 2.2 if selected else 1.0,
            },
            gid=f"event-{event['id']}",
        )
        markers.append(marker)
    return markers


def _place_labels(
    ax: Axes,
    dispute: Dispute,
    state: gpd.GeoDataFrame,
    view: View,
    taken: list[Bbox],
    renderer: Any,
) -> None:
    """Group labels in the worldview's names, placed so that none overlap anything."""
    offsets = [
        (16, 14, "left", "bottom"),
        (16, -14, "left", "top"),
        (-16, 14, "right", "bottom"),
        (-16, -14, "right", "top"),
        (0, 22, "center", "bottom"),
        (0, -22, "center", "top"),
        (30, 0, "left", "center"),
        (-30, 0, "right", "center"),
        (40, 30, "left", "bottom"),
        (-40, -30, "right", "top"),
    ]
    for group in dispute.group_ids:
        members = state[state["group"] == group]
        if members.empty:
            continue
        largest = members.loc[members.geometry.area.idxmax()]
        anchor = largest.geometry.representative_point()
        label = group_name(dispute.manifest, group, view.worldview)
        for dx, dy, ha, va in offsets:
            text = ax.annotate(
                label,
                (anchor.x, anchor.y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=11,
                fontweight="bold",
                color=TEXT_COLOR,
                zorder=8,
                gid=f"label-{group}",
                bbox=_halo(0.25, 0.8),
                arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.7},
            )
            box = text.get_window_extent(renderer)
            if _fits(ax, box, taken, renderer):
                taken.append(box)
                break
            text.remove()


def _nice_length(span_m: float) -> float:
    """A round scale-bar length near a fifth of the map width."""
    target = span_m / 5
    for km in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if km * 1000 >= target:
            return km * 1000.0
    return 1_000_000.0


def _scale_bar(ax: Axes) -> None:
    """A scale bar at the lower right (true at the projection's centre)."""
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    length = _nice_length(xmax - xmin)
    x1 = xmax - 0.04 * (xmax - xmin)
    x0 = x1 - length
    y = ymin + 0.05 * (ymax - ymin)
    ax.add_patch(
        Rectangle(
            (x0, y),
            length / 2,
            0.008 * (ymax - ymin),
            facecolor="#222222",
            zorder=9,
            gid="scale-bar",
        )
    )
    ax.add_patch(
        Rectangle(
            (x0 + length / 2, y),
            length / 2,
            0.008 * (ymax - ymin),
            facecolor="white",
            edgecolor="#222222",
            linewidth=0.8,
            zorder=9,
        )
    )
    ax.text(
        (x0 + x1) / 2,
        y + 0.018 * (ymax - ymin),
        f"{length / 1000:g} km",
        ha="center",
        va="bottom",
        fontsize=9,
        color=TEXT_COLOR,
        zorder=9,
        gid="scale-label",
    )


def _north_arrow(ax: Axes) -> None:
    """A north arrow at the lower right (north is up along the central meridian)."""
    xmin, xmax = ax.get_xlim()
    ymin, ymax = ax.get_ylim()
    x = xmax - 0.05 * (xmax - xmin)
    y0 = ymin + 0.13 * (ymax - ymin)
    length = 0.08 * (ymax - ymin)
    ax.add_patch(
        FancyArrow(
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
    )
    ax.text(
        x,
        y0 + length + 0.01 * (ymax - ymin),
        "N",
        ha="center",
        va="bottom",
        fontsize=11,
        fontweight="bold",
        color=TEXT_COLOR,
        zorder=9,
    )


def _inset(figure: Figure, ax: Axes, dispute: Dispute, crs: str) -> None:
    """A small locator map of the wider region, with the main map's window outlined."""
    overview = dispute.overview
    if overview.empty:
        return
    inset = ax.inset_axes((0.012, 0.69, 0.22, 0.30), zorder=10)
    inset.set_facecolor(SEA_COLOR)
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
            edgecolor=EVENT_COLOR,
            linewidth=1.6,
            gid="inset-window",
        )
    )
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_gid("inset")
    for spine in inset.spines.values():
        spine.set_edgecolor("#666666")


def _panel(panel: Axes, dispute: Dispute, view: View, lines: gpd.GeoDataFrame) -> None:
    """The legend (the interactive map's entries) and the numbered key of the year's events."""
    panel.set_axis_off()
    panel.set_xlim(0, 1)
    panel.set_ylim(0, 1)
    statuses = status_rows(dispute, view.date)
    entries = legend_entries(dispute, statuses, view, lines["name"] if not lines.empty else ())
    y = 0.98
    panel.text(0, y, "Legend", fontsize=12, fontweight="bold", va="top", color=TEXT_COLOR)
    y -= 0.06
    for entry in entries:
        if entry.kind in ("fill", "none", "hatch"):
            swatch = Rectangle(
                (0, y - 0.03),
                0.07,
                0.032,
                facecolor=entry.color,
                edgecolor=entry.stripe or "#555555",
                linewidth=1,
                gid=f"legend-{entry.kind}",
            )
            if entry.kind == "hatch":
                swatch.set_hatch(HATCH)
                swatch.set_hatchcolor(entry.stripe)
            panel.add_patch(swatch)
        elif entry.kind == "boundary":
            panel.plot(
                [0, 0.07], [y - 0.014] * 2, color=BOUNDARY_COLOR, dashes=(4, 2.5), linewidth=1.5
            )
        else:
            color = EVENT_COLOR if entry.kind == "event" else EARLIER_COLOR
            panel.scatter([0.035], [y - 0.014], s=60, color=color, edgecolor="white")
        panel.text(
            0.09,
            y - 0.014,
            entry.label,
            fontsize=9.5,
            va="center",
            color=TEXT_COLOR,
            gid=f"legend-text-{entry.kind}",
        )
        y -= 0.05
    panel.text(
        0, y - 0.005, "\n".join(textwrap.wrap(CAPTION, 62)), fontsize=8, va="top", color=MUTED_TEXT
    )
    y -= 0.13
    if not view.show_events:
        return
    current, _ = events_for_view(dispute, view)
    panel.text(
        0, y, f"Events in {view.year}", fontsize=12, fontweight="bold", va="top", color=TEXT_COLOR
    )
    y -= 0.055
    if current.empty:
        panel.text(
            0,
            y,
            "No event in this year passes the filters.",
            fontsize=9.5,
            va="top",
            color=MUTED_TEXT,
        )
        return
    size = 9.5 if len(current) <= 6 else 8.5
    step = 0.032 if len(current) <= 6 else 0.027
    for _, event in current.iterrows():
        wrapped = textwrap.wrap(f"{event['date'].isoformat()}  {event['title']}", 58)
        panel.text(
            0,
            y,
            f"{event['number']}",
            fontsize=size,
            fontweight="bold",
            va="top",
            color=EVENT_COLOR,
            gid=f"key-number-{event['id']}",
        )
        panel.text(
            0.06,
            y,
            "\n".join(wrapped),
            fontsize=size,
            va="top",
            color=TEXT_COLOR,
            gid=f"key-{event['id']}",
        )
        y -= step * len(wrapped) + 0.012
        if y < 0.02:
            panel.text(
                0.06, y, "… more events in the app", fontsize=size, va="top", color=MUTED_TEXT
            )
            break


def _titles(figure: Figure, dispute: Dispute, view: View) -> None:
    """Title, subtitle and the footer with sources, licences and how to cite."""
    manifest = dispute.manifest
    worldview = manifest.worldviews.get(view.worldview)
    figure.text(
        0.015,
        0.965,
        map_title(dispute, view),
        fontsize=18,
        fontweight="bold",
        va="top",
        color=TEXT_COLOR,
        gid="title",
    )
    subtitle = (
        f"State on {view.date.isoformat()} · "
        f"Names: {worldview.label if worldview else view.worldview} · "
        f"{manifest.subtitle}"
    )
    figure.text(0.015, 0.915, subtitle, fontsize=10.5, va="top", color=MUTED_TEXT, gid="subtitle")
    footer = (
        f"Data: {manifest.licence}. Events cite their own sources (events.csv). "
        f"How to cite: {manifest.how_to_cite}"
    )
    figure.text(
        0.015,
        0.012,
        "\n".join(textwrap.wrap(footer, 210)),
        fontsize=7.5,
        va="bottom",
        color=MUTED_TEXT,
        gid="footer",
    )


def figure_bytes(figure: Figure, fmt: str, dpi: int = DEFAULT_DPI) -> bytes:
    """Save a figure as PNG, SVG or PDF without timestamps (same view, same bytes)."""
    metadata: dict[str, Any] = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    }[fmt]
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def export_image(dispute: Dispute, view: View, fmt: str = "png", dpi: int = DEFAULT_DPI) -> bytes:
    """Render a view and save it as ``png``, ``svg`` or ``pdf``.

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
        return figure_bytes(figure, fmt, dpi)


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
            figure = render_figure(dispute, view.replace(year=year, selected_event=""), dpi)
            figure.text(
                0.985,
                0.965,
                period,
                fontsize=40,
                fontweight="bold",
                ha="right",
                va="top",
                color=EVENT_COLOR,
                gid="frame-year",
            )
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
    )
    return buffer.getvalue()
