"""The exported images put each group's name on its own group: touching it (within 8
points of its coast) or joined to it by a leader line, and never on another group's land
or the land around - at every size preset, in every naming, and on the handout's pages.
The locator inset covers no island. Checked on the drawn figure, in map coordinates,
against the pack's own coastlines (not against the renderer's placement code)."""

from __future__ import annotations

import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from geo.maplayers import projection
from geo.sheet import export_style
from geo.staticmap import render_figure
from geo.tourexport import step_page_view
from geo.view import SIZE_PRESETS, default_view

DPI = 72
TOUCH_POINTS = 8.0


def _map_axes(figure):
    """The map's axes: the one whose labels name the groups."""
    for ax in figure.axes:
        if any(str(t.get_gid()).startswith("label-") for t in ax.texts):
            return ax
    return None


def _check_names(dispute, figure):
    """Every drawn group name: on its group or on a leader line to it, on no other land.
    Returns the names checked."""
    FigureCanvasAgg(figure).draw()
    renderer = figure.canvas.get_renderer()
    ax = _map_axes(figure)
    assert ax is not None, "no group name drawn"
    crs = projection(dispute)
    islands = dispute.islands.to_crs(crs)
    context = shapely.union_all(dispute.context.to_crs(crs).geometry.values)
    to_data = ax.transData.inverted()
    touch = TOUCH_POINTS * figure.dpi / 72
    checked = []
    for text in ax.texts:
        gid = str(text.get_gid())
        if not gid.startswith("label-"):
            continue
        group = gid.removeprefix("label-")
        # the name as a reader sees it: its letters on their white halo
        patch = text.get_bbox_patch()
        box = (patch if patch is not None else text).get_window_extent(renderer)
        (x0, y0), (x1, y1) = to_data.transform([(box.x0 + 1, box.y0 + 1), (box.x1 - 1, box.y1 - 1)])
        drawn = shapely.box(x0, y0, x1, y1)
        # within `touch` of the coast as a distance (not a grown box, which reaches 1.4
        # times as far at its corners)
        (bx0, by0), (bx1, by1) = to_data.transform([(box.x0, box.y0), (box.x1, box.y1)])
        per_pixel = abs(to_data.transform((1.0, 0.0))[0] - to_data.transform((0.0, 0.0))[0])
        whole = shapely.box(bx0, by0, bx1, by1)
        own = shapely.union_all(islands[islands["group"] == group].geometry.values)
        others = shapely.union_all(islands[islands["group"] != group].geometry.values)
        assert not drawn.intersects(others), f"{group}'s name lies on another group"
        assert not drawn.intersects(context), f"{group}'s name lies on the land around"
        # touching its group, or on a leader: a line drawn from the group's anchor
        members = islands[islands["group"] == group]
        anchor = members.geometry.iloc[members.geometry.area.argmax()].representative_point()
        leaders = [
            line
            for line in ax.lines
            if len(line.get_xdata()) == 2
            and shapely.Point(line.get_xdata()[0], line.get_ydata()[0]).distance(anchor) < 1
        ]
        near = own.distance(whole) <= touch * per_pixel
        assert near or leaders, f"{group}'s name is far from its group"
        checked.append(group)
    return checked


def _inset_covers_no_island(dispute, figure):
    ax = _map_axes(figure)
    crs = projection(dispute)
    islands = shapely.union_all(dispute.islands.to_crs(crs).geometry.values)
    for child in ax.child_axes:
        box = child.get_position()  # figure fractions
        corners = figure.transFigure.transform([(box.x0, box.y0), (box.x1, box.y1)])
        (x0, y0), (x1, y1) = ax.transData.inverted().transform(corners)
        assert not shapely.box(x0, y0, x1, y1).intersects(islands), "the inset covers an island"


@pytest.mark.slow
@pytest.mark.parametrize("size", sorted(SIZE_PRESETS))
@pytest.mark.parametrize("worldview", ["jp", "ru", "neutral"])
@pytest.mark.parametrize("year", [1945, 1956, 2026])
def test_export_names_lie_on_their_own_group(dispute, size, worldview, year):
    view = default_view(dispute).replace(year=year, worldview=worldview, size=size)
    with export_style(DPI):
        figure = render_figure(dispute, view, DPI)
        assert sorted(_check_names(dispute, figure)) == sorted(dispute.group_ids)
        _inset_covers_no_island(dispute, figure)


@pytest.mark.slow
@pytest.mark.parametrize("worldview", ["jp", "ru"])
def test_export_names_with_the_treaty_filter(dispute, worldview):
    view = default_view(dispute).replace(year=1956, worldview=worldview, categories=("treaty",))
    with export_style(DPI):
        _check_names(dispute, render_figure(dispute, view, DPI))


@pytest.mark.slow
def test_handout_page_names_lie_on_their_own_group_and_the_inset_on_none(dispute):
    tour = dispute.tours[0]
    view = default_view(dispute).replace(worldview="jp")
    for index in range(len(tour.steps)):
        page = step_page_view(dispute, tour, index, view, "pdf")
        with export_style(DPI):
            figure = render_figure(dispute, page, DPI, extent=tour.steps[index].extent)
            _check_names(dispute, figure)
            _inset_covers_no_island(dispute, figure)


def test_the_checks_catch_a_name_on_another_group(dispute):
    """The rule above can fail: a name moved onto another group is caught."""
    view = default_view(dispute).replace(year=1956, worldview="jp")
    with export_style(DPI):
        figure = render_figure(dispute, view, DPI)
        ax = _map_axes(figure)
        crs = projection(dispute)
        kunashiri = dispute.islands[dispute.islands["id"] == "kunashiri"].to_crs(crs)
        inside = kunashiri.geometry.iloc[0].representative_point()
        label = next(t for t in ax.texts if t.get_gid() == "label-shikotan")
        assert isinstance(label, Text)
        label.set_transform(ax.transData)
        label.set_position((inside.x, inside.y))
        with pytest.raises(AssertionError, match="another group"):
            _check_names(dispute, figure)
