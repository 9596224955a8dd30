"""The map of an export: the land, the islands in their fills and hatching, the boundary
lines, the numbered events and the group names, placed so that none overlap.

It draws what the interactive map draws for the same View (both take it from
:mod:`geo.presentation` and :mod:`geo.theme`).
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.transforms import Bbox

from geo import theme
from geo.depiction import island_rule, short_label
from geo.furniture import draw_furniture
from geo.i18n import texts
from geo.model import Depiction, Dispute
from geo.names import group_name
from geo.presentation import (
    events_for_view,
    island_style,
)
from geo.sheet import (
    HATCH,
    LINE_STYLES,
    MARGIN_FRACTION,
    Rect,
    Sheet,
    fits,
    halo,
    ink,
    leader,
    mpl_path,
    shifted,
)
from geo.timeline import state_at
from geo.validation import ALL_ISLANDS
from geo.view import View


def projection(dispute: Dispute) -> str:
    """A Lambert azimuthal equal-area projection centred on the pack's default view."""
    west, south, east, north = dispute.islands.total_bounds
    lat, lon = dispute.manifest.default_view.get("center", [(south + north) / 2, (west + east) / 2])
    return f"+proj=laea +lat_0={float(lat):.4f} +lon_0={float(lon):.4f} +datum=WGS84 +units=m"


def map_extent(
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


def draw_map(
    figure: Figure,
    sheet: Sheet,
    dispute: Dispute,
    view: View,
    lines: gpd.GeoDataFrame,
    called: pd.DataFrame,
    box: Rect,
    extent: tuple[float, float, float, float] | None = None,
    focus_points: pd.DataFrame | None = None,
    bare: bool = False,
) -> None:
    """The map axes: land, islands, lines, furniture, callouts and labels, none overlapping.

    ``focus_points`` (``lon``, ``lat``), when given, replace the callouts as
    the places the window must show (two maps compared share one window).
    ``bare`` draws land, islands, lines and the islands' names only (a thumbnail).
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
    xmin, ymin, xmax, ymax = map_extent(gpd.GeoDataFrame(geometry=focus), aspect, margin)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.set_facecolor(theme.SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#888888")

    _draw_context(ax, dispute, crs)
    rule = island_rule(dispute, view.worldview, view.date)
    _draw_islands(ax, dispute, state, rule)
    symbols = _draw_small_groups(ax, dispute, state, rule)
    projected_lines = lines.to_crs(crs) if not lines.empty else lines
    _draw_boundaries(ax, projected_lines)
    renderer = sheet.renderer
    taken = [] if bare else draw_furniture(figure, ax, dispute, crs, sheet)
    taken += symbols
    # Labels go last, each kept clear of what was placed before it.
    taken += _draw_events(ax, dispute, view, called, crs, sheet, taken)
    context = (
        shapely.union_all(dispute.context.to_crs(crs).geometry.values)
        if not dispute.context.empty
        else shapely.Point()
    )
    _place_labels(ax, dispute, state, view, taken, sheet, context)
    if bare:
        return
    _label_boundaries(ax, projected_lines, taken, renderer, sheet.size("line"))
    _label_context(ax, dispute, crs, view, taken, renderer, sheet.size("context"))


def _draw_context(ax: Axes, dispute: Dispute, crs: str) -> None:
    """Surrounding land."""
    if dispute.context.empty:
        return
    context = dispute.context.to_crs(crs)
    for geometry in context.geometry:
        ax.add_artist(
            PathPatch(
                mpl_path(geometry),
                facecolor=theme.LAND,
                edgecolor=theme.LAND_EDGE,
                linewidth=0.6,
                zorder=1,
            )
        )


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
        box = ink(text, renderer)
        if fits(ax, box, taken, renderer):
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
            mpl_path(row.geometry),
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


def _draw_small_groups(
    ax: Axes, dispute: Dispute, state: gpd.GeoDataFrame, rule: Depiction | None
) -> list[Bbox]:
    """A round symbol in the state's fill and hatching for each group too small to see
    (under ``theme.SMALL_GROUP`` points across), set side by side where symbols would
    touch, as the interactive map draws them."""
    ax.apply_aspect()  # the limits the drawing will have
    (x0, x1), dpi = ax.get_xlim(), ax.figure.dpi
    points_per_unit = ax.bbox.width / (x1 - x0) * 72 / dpi
    parties = dispute.manifest.parties
    small = []
    for group in dispute.group_ids:
        members = state[state["group"] == group]
        if members.empty:
            continue
        left, bottom, right, top = members.total_bounds
        if max(right - left, top - bottom) * points_per_unit >= theme.SMALL_GROUP:
            continue
        main = members.loc[members.geometry.area.idxmax()]
        small.append((group, (left + right) / 2, (bottom + top) / 2, main))
    gap = (2 * theme.SYMBOL_RADIUS + 3) / points_per_unit
    placed = side_by_side([(x, y) for _, x, y, _ in small], gap)
    drawn = []  # the symbols' boxes, in display pixels, for the labels to avoid
    for k, (group, _, _, main) in enumerate(small):
        style = island_style(parties, main, rule)
        x, y = placed[k]
        symbol = ax.scatter(
            [x],
            [y],
            s=(2 * theme.SYMBOL_RADIUS) ** 2,
            marker="o",
            facecolors=[matplotlib.colors.to_rgba(style.fill, theme.FILL_OPACITY)],
            edgecolors=[style.edge],
            linewidths=1.0,
            zorder=4,
            gid=f"symbol-{group}",
        )
        if style.hatched:
            symbol.set_hatch(HATCH)
            symbol.set_hatchcolor(style.stripe)
        (px, py), reach = ax.transData.transform((x, y)), theme.SYMBOL_RADIUS * dpi / 72 + 1
        drawn.append(Bbox.from_extents(px - reach, py - reach, px + reach, py + reach))
    return drawn


def side_by_side(points: list[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """Points closer than ``gap`` (joined in chains) set in a row about their centre, west
    to east, ``gap`` apart; the others stay (``L.Kuril.Layout.sideBySide`` in the page)."""
    parent = list(range(len(points)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            if math.dist(points[i], points[j]) < gap:
                parent[root(i)] = root(j)
    placed = list(points)
    for members in {
        root(i): [k for k in range(len(points)) if root(k) == root(i)] for i in range(len(points))
    }.values():
        if len(members) == 1:
            continue
        cx = sum(points[k][0] for k in members) / len(members)
        cy = sum(points[k][1] for k in members) / len(members)
        for n, k in enumerate(sorted(members, key=lambda k: (points[k][0], k))):
            placed[k] = (cx + (n - (len(members) - 1) / 2) * gap, cy)
    return placed


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
        for fraction in theme.LINE_LABEL_FRACTIONS:
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
                bbox=halo(0.2, 0.85),
            )
            box = ink(text, renderer)
            if fits(ax, box, taken, renderer):
                taken.append(box)
                break
            text.remove()


def _draw_events(
    ax: Axes,
    dispute: Dispute,
    view: View,
    called: pd.DataFrame,
    crs: str,
    sheet: Sheet,
    taken: list[Bbox],
) -> list[Bbox]:
    """Numbered markers for the callouts, faded dots for the other events shown.

    As on the page, events that concern all the islands are not drawn at a place: a
    strip along the map's top edge holds them. Markers at (nearly) one place fan out
    around it on rings, each at the first free position, with a thin leader to the
    true place. Returns their boxes.
    """
    if not view.show_events:
        return []
    current, earlier = events_for_view(dispute, view)
    rest = current[~current["id"].isin(called["id"])]
    strip = _event_strip(ax, called[_everywhere(called)], view, sheet, taken)
    called = called[~_everywhere(called)]
    # the events of all the islands are in the strip, not dots at one point
    dots = pd.concat([earlier[~_everywhere(earlier)], rest[~_everywhere(rest)]])
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
        return strip
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
                transform=shifted(ax, dx, dy),
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
            box = ink(marker, renderer)
            if fits(ax, box, taken + boxes, renderer) or (dx, dy) == candidates[-1]:
                break
            marker.remove()
        boxes.append(box)
        if (dx, dy) != (0.0, 0.0):
            leader(ax, (point.x, point.y), dx, dy, theme.EVENT, 6)
    return boxes + strip


def _everywhere(events: pd.DataFrame) -> pd.Series:
    """Which events concern all the islands (``islands`` is ``all``)."""
    return events["islands"].map(lambda units: tuple(units) == (ALL_ISLANDS,)).astype(bool)


def _event_strip(
    ax: Axes, events: pd.DataFrame, view: View, sheet: Sheet, taken: list[Bbox]
) -> list[Bbox]:
    """The numbered events of all the islands in a row along the map's top edge, after
    the words "All islands", at the first corner where the row is clear; their boxes."""
    if events.empty:
        return []
    all_islands = texts(view.lang).gettext("All islands")  # the row's heading
    renderer = sheet.renderer
    size = sheet.size("marker")
    frame = ax.get_window_extent(renderer)
    pad = size * ax.figure.dpi / 72  # a marker's size, in pixels
    # laid out in pixels, drawn in the axes' fractions: the same at any saving resolution
    to_axes = ax.transAxes.inverted()
    y = frame.y1 - 1.3 * pad
    for corner in ("right", "left"):
        rightwards = corner == "left"
        x = frame.x0 + pad if rightwards else frame.x1 - pad
        # from the corner inwards: the label first on the left, last on the right
        labels: list[tuple[str, str, bool]] = [
            (str(number), str(event_id), event_id == view.selected_event)
            for number, event_id in zip(events["number"], events["id"], strict=True)
        ]
        row = [(all_islands, "", False), *labels] if rightwards else [*labels[::-1]]
        if not rightwards:
            row.append((all_islands, "", False))
        drawn = []
        for text, event_id, selected in row:
            fx, fy = to_axes.transform((x, y))
            style: dict[str, Any] = (
                {"fontsize": sheet.size("line"), "color": theme.TEXT, "bbox": halo(0.3, 0.9)}
                if not event_id
                else {
                    "fontsize": size,
                    "color": "white",
                    "bbox": {
                        "boxstyle": "circle,pad=0.28",
                        "facecolor": theme.EVENT,
                        "edgecolor": "#111111" if selected else "white",
                        "linewidth": 2.2 if selected else 1.0,
                    },
                }
            )
            artist = ax.text(
                fx,
                fy,
                text,
                transform=ax.transAxes,
                fontweight="bold",
                zorder=9,
                va="center",
                ha="left" if rightwards else "right",
                parse_math=False,
                gid=f"event-{event_id}" if event_id else "all-islands-label",
                **style,
            )
            box = ink(artist, renderer)
            drawn.append((artist, box))
            x = x + box.width + 0.35 * pad if rightwards else x - box.width - 0.35 * pad
        if all(fits(ax, box, taken, renderer) for _, box in drawn):
            return [box for _, box in drawn]
        for artist, _ in drawn:
            artist.remove()
    return []


def _place_labels(
    ax: Axes,
    dispute: Dispute,
    state: gpd.GeoDataFrame,
    view: View,
    taken: list[Bbox],
    sheet: Sheet,
    context: shapely.Geometry,
) -> None:
    """Group labels in the worldview's names, each on its own group and no other land.

    Each label tries the page's places around its group's anchor, near ones first,
    and takes the first that lies inside the map, clear of every box already taken,
    touches its group (within 8 points of its coast) and lies on no other land (another
    group or the land around); failing that, a place further out, clear of all land
    but its own, joined to the anchor by a leader line; failing that, none.
    """
    renderer = sheet.renderer
    # the interactive map's places (geo.theme, screen pixels, y down) in the axes' points (y up)
    sides = {"l": "left", "c": "center", "r": "right"}
    ends = {"t": "top", "m": "center", "b": "bottom"}
    offsets = [(p.dx, -p.dy, sides[p.horizontal], ends[p.vertical]) for p in theme.name_places()]
    tries = [(1.0, offset) for offset in offsets] + [
        (far, offset) for far in theme.NAME_FAR for offset in offsets
    ]
    to_data = ax.transData.inverted()
    touch = theme.NAME_TOUCH * ax.figure.dpi / 72  # in display pixels
    per_pixel = abs(to_data.transform((1.0, 0.0))[0] - to_data.transform((0.0, 0.0))[0])
    for group in dispute.group_ids:
        members = state[state["group"] == group]
        if members.empty:
            continue
        largest = members.loc[members.geometry.area.idxmax()]
        anchor = largest.geometry.representative_point()
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        if not (x0 <= anchor.x <= x1 and y0 <= anchor.y <= y1):
            continue  # an island outside a close-up window (a tour step's) gets no label
        own = shapely.union_all(members.geometry.values)
        other = shapely.union_all([*state[state["group"] != group].geometry.values, context])
        shapely.prepare(other)
        label = group_name(dispute.manifest, group, view.worldview)
        for far, (dx, dy, ha, va) in tries:
            text = ax.text(
                anchor.x,
                anchor.y,
                label,
                transform=shifted(ax, dx * far, dy * far),
                ha=ha,
                va=va,
                fontsize=sheet.size("label"),
                fontweight="bold",
                color=theme.TEXT,
                zorder=8,
                gid=f"label-{group}",
                parse_math=False,
                bbox=halo(0.25, 0.8),
            )
            box = ink(text, renderer)
            inner = _data_box(to_data, box, -1.0)
            fine = fits(ax, box, taken, renderer) and not other.intersects(inner)
            if fine and far == 1.0:  # a distance: a grown box reaches further at its corners
                fine = own.distance(_data_box(to_data, box, 0.0)) <= touch * per_pixel
            if fine:
                taken.append(box)
                if far != 1.0:
                    leader(ax, (anchor.x, anchor.y), dx * far, dy * far, "#333333", 7)
                break
            text.remove()


def _data_box(to_data: Any, box: Bbox, grow: float) -> shapely.Geometry:
    """A display box, grown by ``grow`` pixels (shrunk when negative), in data coordinates."""
    (left, bottom), (right, top) = to_data.transform(
        [(box.x0 - grow, box.y0 - grow), (box.x1 + grow, box.y1 + grow)]
    )
    return shapely.box(left, bottom, right, top)
