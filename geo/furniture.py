"""What surrounds an export's map: the title block, the note and the footer (sources,
licences, how to cite), the legend and the key of the events, the scale bar, the north arrow
and the locator inset.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, PathPatch, Rectangle
from matplotlib.transforms import Bbox

from geo import annotation, theme
from geo.dates import format_event_date
from geo.depiction import drawn_lines, island_rule
from geo.i18n import DEFAULT_LANGUAGE, Localized, format_number, texts
from geo.model import Dispute
from geo.presentation import (
    depiction_caption,
    legend_entries,
)
from geo.sheet import (
    FOOTER_SHARE,
    GAP_IN,
    HATCH,
    HEADER_SHARE,
    LINE_STYLES,
    Frame,
    Sheet,
    move_up,
    mpl_path,
)
from geo.timeline import status_rows
from geo.view import SIZE_PRESETS, View


def side_by_side(size: str) -> bool:
    """Whether the preset is wide enough for the legend beside the map."""
    width, height = SIZE_PRESETS.get(size, SIZE_PRESETS["slide"])
    return width / height >= 1.2


def draw_header(
    sheet: Sheet, dispute: Dispute, view: View, frame: Frame | None, margin: float, gap: float
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
        caption = texts(view.lang).gettext("What changed: {caption}").format(caption=frame.caption)
        blocks.append((caption, "subtitle", "frame-caption", {}))
    for text, role, gid, style in blocks:
        style = {"color": theme.TEXT, **style}
        size = sheet.size(role)
        most = sheet.max_lines(HEADER_SHARE / len(blocks), size)
        artist = sheet.text(margin, top, text, size, width, most, gid=gid, **style)
        top = sheet.bottom_of(artist) + 0.6 * gap
    return top + gap


def draw_footer(
    sheet: Sheet, dispute: Dispute, view: View, called: pd.DataFrame, margin: float, gap: float
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
    bottom = move_up(sheet, footer, bottom) - gap
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
        bottom = move_up(sheet, note, bottom) - gap
    return bottom - gap


def draw_panel(
    sheet: Sheet,
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
    _ = texts(view.lang).gettext
    heading = sheet.text(
        x, y, _("Legend"), sheet.size("heading"), fontweight="bold", color=theme.TEXT, gid="legend"
    )
    y = sheet.bottom_of(heading) + gap
    statuses = status_rows(dispute, view.date)
    rule = island_rule(dispute, view.worldview, view.date)
    drawings = [  # the legend gives a label in full: marked where it is not translated
        replace(d, label=annotation.marked(Localized(d.label, "", d.translated), view.lang))
        for d in drawn_lines(dispute, view.worldview, view.date, view.lang)
    ]
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
        depiction_caption(dispute, view.worldview, view.date, view.lang),
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
    empty = annotation.no_callout_reason(dispute, view) if called.empty else ""
    bottom = top + height
    drawn = len(figure.texts)

    def key_from(key_top: float) -> float | None:
        for key_size, cut in ((body, False), (small, False), (small, True)):
            key_bottom = _key(
                sheet, view, called, empty, frame, key_x, key_top, key_width, bottom, key_size, cut
            )
            if key_bottom is not None:
                return key_bottom
        return None

    key_bottom = key_from(key_top)
    keyed = [t for t in figure.texts[drawn:] if (t.get_gid() or "").startswith("key-number-")]
    if columns == 1 and not called.empty and not keyed and caption in figure.texts:
        # a long caption (a longer language) leaves the key no room for one event: the
        # footer's licence and the app explain the fill, the events are the map's own
        for stale in figure.texts[drawn:]:
            stale.remove()
        caption.remove()
        legend_bottom = y - 0.7 * gap
        key_top = legend_bottom + 2.5 * gap
        key_bottom = key_from(key_top)
    used = max(legend_bottom, key_bottom or key_top) - top
    if dry_run:
        for artist in [*figure.texts, *figure.artists]:
            if artist not in before[0] and artist not in before[1]:
                artist.remove()
    return used


def _swatch(sheet: Sheet, entry: Any, x: float, middle: float, width: float, tall: float) -> None:
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
    sheet: Sheet,
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
    catalogue = texts(view.lang)
    heading_text = catalogue.gettext("Events in {year}").format(year=view.year)
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
        when = format_event_date(event["date"], event["date_precision"], view.lang)
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
            f"{when}  {annotation.event_title(event, view.lang)}",
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
                catalogue.ngettext(
                    "… and {count} more (all are listed in the app)",
                    "… and {count} more (all are listed in the app)",
                    left,
                ).format(count=left),
                size,
                width - indent,
                color=theme.MUTED_TEXT,
                gid="events-more",
            )
            return sheet.bottom_of(rest)
        y = bottom + 0.6 * gap
    return y


def draw_furniture(
    figure: Figure, ax: Axes, dispute: Dispute, crs: str, sheet: Sheet
) -> list[Bbox]:
    """Locator inset, scale bar and north arrow; returns the boxes they occupy."""
    renderer = sheet.renderer
    taken: list[Bbox] = []
    inset = _inset(figure, ax, dispute, crs)
    if inset is not None:
        taken.append(inset.get_window_extent(renderer))
    taken += _scale_bar(ax, sheet.size("body"), renderer, sheet.language)
    taken += _north_arrow(ax, sheet.size("label"), renderer, sheet.language)
    return taken


def _nice_length(span_m: float) -> float:
    """A round scale-bar length near a fifth of the map width."""
    target = span_m / 5
    for km in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if km * 1000 >= target:
            return km * 1000.0
    return 1_000_000.0


def _scale_bar(
    ax: Axes, size: float, renderer: Any, language: str = DEFAULT_LANGUAGE
) -> list[Bbox]:
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
        texts(language)
        .gettext("{length} km")
        .format(
            length=f"{length / 1000:g}"
            if language == DEFAULT_LANGUAGE
            else format_number(length / 1000, language, 0)
        ),
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


def _north_arrow(
    ax: Axes, size: float, renderer: Any, language: str = DEFAULT_LANGUAGE
) -> list[Bbox]:
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
        texts(language).pgettext("north arrow", "N"),
        ha="center",
        va="bottom",
        fontsize=size,
        fontweight="bold",
        color=theme.TEXT,
        zorder=9,
        gid="north-label",
    )
    return [arrow.get_window_extent(renderer), label.get_window_extent(renderer)]


# Where the locator inset may go (axes fractions: left, bottom, width, height), in order:
# the upper left first, never the lower right (the scale bar and the north arrow).
INSET_PLACES = tuple(
    (left, bottom, width, height)
    for width, height in ((0.22, 0.30), (0.16, 0.22))
    for left, bottom in ((0.012, 0.988 - height), (0.988 - width, 0.988 - height), (0.012, 0.012))
)


def inset_place(ax: Axes, islands: shapely.Geometry) -> tuple[float, float, float, float] | None:
    """The first of :data:`INSET_PLACES` that covers none of the pack's islands (which
    the map is about), or ``None``: then the map has no inset."""
    (xmin, xmax), (ymin, ymax) = ax.get_xlim(), ax.get_ylim()
    for left, bottom, width, height in INSET_PLACES:
        box = shapely.box(
            xmin + left * (xmax - xmin),
            ymin + bottom * (ymax - ymin),
            xmin + (left + width) * (xmax - xmin),
            ymin + (bottom + height) * (ymax - ymin),
        )
        if not box.intersects(islands):
            return (left, bottom, width, height)
    return None


def _inset(figure: Figure, ax: Axes, dispute: Dispute, crs: str) -> Axes | None:
    """A small locator map of the wider region, with the main map's window outlined,
    where it covers none of the pack's islands."""
    overview = dispute.overview
    if overview.empty:
        return None
    place = inset_place(ax, shapely.union_all(dispute.islands.to_crs(crs).geometry.values))
    if place is None:
        return None
    inset = ax.inset_axes(place, zorder=10)
    inset.set_facecolor(theme.SEA)
    land = overview.to_crs(crs)
    for geometry in land.geometry:
        inset.add_artist(PathPatch(mpl_path(geometry), facecolor="#D8D2C4", edgecolor="none"))
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
