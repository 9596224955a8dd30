"""Packs at and past the limits: refused with a message naming the number, or rendered.

Each hostile pack is small and synthetic, built here from a copy of the shipped
pack. None may crash a renderer, block the process or be accepted silently.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Polygon, mapping

from geo import paths
from geo.errors import DisputeDataError
from geo.export import export
from geo.foliummap import build_map, encode_geometry
from geo.limits import PACK_LIMITS
from geo.pack import load_dispute
from geo.view import SIZE_PRESETS, default_view
from tests.conftest import read_rows, write_rows
from tests.edge_packs import area_km2, comb, edit_json, pack_at_the_limits, set_island

ISLANDS = paths.DEFAULT_ISLANDS_FILE


def _set_etorofu(folder: Path, polygon: Polygon) -> None:
    set_island(folder, "etorofu", polygon)


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(folder)
    return [str(p) for p in caught.value.problems]


@pytest.mark.slow
def test_a_ring_past_the_vertex_limit_is_refused_before_parsing(pack_copy):
    _set_etorofu(pack_copy, comb(200_000))
    problems = _problems(pack_copy)
    assert any(
        p.startswith(f"{ISLANDS}:feature 1 (etorofu): a ring has 200,00")
        and f"at most {PACK_LIMITS.ring_vertices:,} per ring" in p
        for p in problems
    ), problems


@pytest.mark.slow
def test_the_cli_refuses_the_comb_pack_instead_of_crashing(pack_copy, run_cli):
    _set_etorofu(pack_copy, comb(200_000))
    result = run_cli("export", "--data", str(pack_copy), "--format", "html", "--out", "/dev/null")
    assert result.returncode == 1, result.stderr
    assert "a ring has 200,00" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_many_rings_past_the_pack_vertex_limit_are_refused(pack_copy):
    rings = PACK_LIMITS.pack_vertices // PACK_LIMITS.ring_vertices + 1
    teeth = [comb(PACK_LIMITS.ring_vertices - 8, west=146.0 + 0.5 * i) for i in range(rings)]

    def edit(data: dict[str, Any]) -> None:
        feature = next(f for f in data["features"] if f["properties"]["id"] == "etorofu")
        feature["geometry"] = {
            "type": "MultiPolygon",
            "coordinates": [mapping(t)["coordinates"] for t in teeth],
        }
        feature["properties"]["area_km2"] = round(sum(area_km2(t) for t in teeth), 3)

    edit_json(pack_copy / ISLANDS, edit)
    problems = _problems(pack_copy)
    assert any(f"passes {PACK_LIMITS.pack_vertices:,} vertices in all" in p for p in problems)


@pytest.mark.slow
def test_a_pack_at_the_ring_limit_renders_map_and_exports(pack_copy):
    _set_etorofu(pack_copy, comb(PACK_LIMITS.ring_vertices - 4))
    dispute = load_dispute(pack_copy)
    view = default_view(dispute).replace(year=1950)
    html = build_map(dispute, view).get_root().render()
    assert "etorofu" in html
    assert export(dispute, view, "png", 72).startswith(b"\x89PNG")


def test_web_geometry_of_a_comb_does_not_need_a_deep_stack():
    # The script threads of the server have an ordinary stack; a recursive
    # simplification of this ring overflowed it. Run it on a small one.
    result: dict[str, Any] = {}
    polygon = comb(PACK_LIMITS.ring_vertices - 4)
    previous = threading.stack_size(256 * 1024)
    try:
        worker = threading.Thread(target=lambda: result.update(out=encode_geometry(polygon)))
        worker.start()
        worker.join()
    finally:
        threading.stack_size(previous)
    assert result["out"].type == "Polygon"
    assert len(result["out"].deltas[0]) > 1000  # the teeth are kept, not collapsed


def test_too_many_events_are_refused(pack_copy):
    rows = read_rows(pack_copy / paths.EVENTS_FILE)
    template = rows[-1]
    extra = [{**template, "id": f"filler-{n}"} for n in range(PACK_LIMITS.events - len(rows) + 1)]
    write_rows(pack_copy / paths.EVENTS_FILE, rows + extra)
    problems = _problems(pack_copy)
    assert f"events.csv:file: has {PACK_LIMITS.events + 1:,} events; at most" in problems[0]


def test_an_island_changing_hands_every_year_is_refused_as_a_frame_bomb(pack_copy):
    rows = read_rows(pack_copy / paths.SOVEREIGNTY_FILE)
    keep = [r for r in rows if r["group"] != "etorofu"]
    first = next(r for r in rows if r["group"] == "etorofu")
    years = range(1000, 1000 + PACK_LIMITS.states + 5)
    flips = [
        {
            **first,
            "start": f"{year}-01-01",
            "end": f"{year + 1}-01-01" if year != years[-1] else "",
            "administered_by": "JP" if year % 2 else "RU",
            "claimed_by": "JP;RU",
        }
        for year in years
    ]
    write_rows(pack_copy / paths.SOVEREIGNTY_FILE, keep + flips)
    problems = _problems(pack_copy)
    assert any(
        p.startswith("sovereignty.csv:file: the map changes on") and "different days" in p
        for p in problems
    ), problems


def test_periods_changing_every_few_days_count_as_the_renderers_count_them(pack_copy):
    """Within six years, as many states as there are days of change, not six."""
    rows = read_rows(pack_copy / paths.SOVEREIGNTY_FILE)
    keep = [r for r in rows if r["group"] != "etorofu"]
    first = next(r for r in rows if r["group"] == "etorofu")
    start = dt.date(1960, 1, 1)
    days = [start + dt.timedelta(days=3 * n) for n in range(PACK_LIMITS.states + 2)]
    flips = [
        {
            **first,
            "start": day.isoformat(),
            "end": following.isoformat() if following else "",
            "administered_by": "JP" if n % 2 else "RU",
            "claimed_by": "JP;RU",
        }
        for n, (day, following) in enumerate(zip(days, [*days[1:], None], strict=True))
    ]
    write_rows(pack_copy / paths.SOVEREIGNTY_FILE, keep + flips)
    problems = _problems(pack_copy)
    assert any(p.startswith("sovereignty.csv:file: the map changes on") for p in problems), problems
    assert max(d.year for d in days) - start.year < 6


def test_depictions_count_among_the_days_the_map_changes(pack_copy):
    rows = read_rows(pack_copy / paths.DEPICTIONS_FILE)
    template = next(r for r in rows if r["worldview"] == "neutral" and r["element"] == "islands")
    others = [r for r in rows if not (r["worldview"] == "jp" and r["element"] == "islands")]
    start = dt.date(1800, 1, 1)
    days = [start + dt.timedelta(days=n) for n in range(PACK_LIMITS.states + 2)]
    extra = [
        {**template, "worldview": "jp", "valid_from": day.isoformat(), "valid_to": nxt.isoformat()}
        for day, nxt in itertools.pairwise(days)
    ]
    write_rows(pack_copy / paths.DEPICTIONS_FILE, others + extra)
    problems = _problems(pack_copy)
    assert any(p.startswith("sovereignty.csv:file: the map changes on") for p in problems), problems


@pytest.mark.parametrize(
    ("value", "place"),
    [
        ("7", "zoom"),
        (1e400, "zoom"),
        ([7], "zoom"),
        (7.5, "zoom"),
        (True, "zoom"),
        (None, "center"),
        ("44,146", "center"),
        ([44.0, 146.0, 0.0], "center"),
        ([146.9, 44.25], "center"),
        ([44.0, float("nan")], "center"),
        ("elsewhere", "worldview"),
    ],
)
def test_default_view_must_be_usable(pack_copy, value, place):
    edit_json(pack_copy / paths.MANIFEST_FILE, lambda m: m["default_view"].update({place: value}))
    # json.dumps writes inf and nan as Infinity / NaN, which the loader reads back as numbers
    problems = _problems(pack_copy)
    assert any(p.startswith(f"pack.json:default_view.{place}: ") for p in problems), problems


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("title",), "Kuril \ud800 dispute"),
        (("parties", "JP", "name"), "Japan\udfff"),
        (("subtitle",), "line\u0007bell"),
        (("licence",), "x" * (PACK_LIMITS.long_text + 1)),
    ],
)
def test_unprintable_or_oversized_texts_are_refused(pack_copy, path, text):
    def edit(manifest: dict[str, Any]) -> None:
        target = manifest
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = text

    edit_json(pack_copy / paths.MANIFEST_FILE, edit)
    problems = _problems(pack_copy)
    assert any(p.startswith(f"pack.json:{'.'.join(path)}") for p in problems), problems


def test_a_worldview_may_not_name_a_non_name_property(pack_copy):
    edit_json(
        pack_copy / paths.MANIFEST_FILE,
        lambda m: m["worldviews"]["jp"].update(name_field="geometry"),
    )
    problems = _problems(pack_copy)
    assert any("pack.json:worldviews.jp.name_field: name field 'geometry'" in p for p in problems)


@pytest.mark.parametrize("start", ["0001-01-01", "0999-12-31"])
def test_periods_before_the_supported_years_are_refused(pack_copy, start):
    rows = read_rows(pack_copy / paths.SOVEREIGNTY_FILE)
    first = next(i for i, r in enumerate(rows) if r["group"] == "shikotan")
    rows.insert(first, {**rows[first], "start": start, "end": rows[first]["start"]})
    write_rows(pack_copy / paths.SOVEREIGNTY_FILE, rows)
    problems = _problems(pack_copy)
    assert any(
        f"start {start} is outside the supported years {PACK_LIMITS.first_year}-" in p
        for p in problems
    ), problems


def test_a_control_character_in_an_event_is_refused(pack_copy):
    rows = read_rows(pack_copy / paths.EVENTS_FILE)
    rows[2]["title"] = "Treaty\x00of Shimoda"
    write_rows(pack_copy / paths.EVENTS_FILE, rows)
    assert "events.csv:row 4: title contains a control character (U+0000)" in _problems(pack_copy)


def test_shipped_and_second_pack_are_well_inside_the_limits(dispute):
    hans = load_dispute(Path(__file__).parent.parent / "data" / "packs" / "hans-island")
    for pack in (dispute, hans):
        assert len(pack.events) * 10 <= PACK_LIMITS.events
        assert len(pack.islands) * 10 <= PACK_LIMITS.features


@pytest.mark.slow
def test_the_largest_pack_allowed_validates_and_renders(tmp_path):
    dispute = load_dispute(pack_at_the_limits(tmp_path / "pack"))
    assert len(dispute.events) == PACK_LIMITS.events
    view = default_view(dispute).replace(year=1950)
    assert "etorofu" in build_map(dispute, view).get_root().render()
    assert export(dispute, view, "png", 72).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda m: m.update(sources="one source"),
            "pack.json:sources: must be a list",
        ),
        (lambda m: m["groups"]["habomai"].update(name_ja=7), "pack.json:groups.habomai.name_ja: 7"),
        (lambda m: m.update(extent=[139, 41, 158]), "pack.json:extent"),
        (lambda m: m.update(islands_file=["x"]), "pack.json:islands_file"),
    ],
)
def test_manifest_types_are_checked_against_the_schema(pack_copy, edit, expected):
    edit_json(pack_copy / paths.MANIFEST_FILE, edit)
    problems = _problems(pack_copy)
    assert any(p.startswith(expected) for p in problems), problems


def test_island_properties_are_checked_against_the_schema(pack_copy):
    def edit(data):
        data["features"][1]["properties"]["name_ja"] = None

    edit_json(pack_copy / ISLANDS, edit)
    problems = _problems(pack_copy)
    assert any(
        p.startswith(f"{ISLANDS}:feature 2 (") and "name_ja: None is not of type 'string'" in p
        for p in problems
    ), problems


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(pack_copy):
    path = pack_copy / paths.CONTEXT_FILE
    with path.open("ab") as out:  # grown with zero bytes: refused before any parsing
        out.truncate(PACK_LIMITS.file_bytes + 1)
    problems = _problems(pack_copy)
    assert f"context.geojson:file: is {PACK_LIMITS.file_bytes + 1:,} bytes; at most" in problems[0]


LONGEST = PACK_LIMITS.long_text
# Texts as long as the limits allow, in the shapes that once broke a layout.
LONG_TEXTS = {
    "words": "Cite the explorer with the date you opened it. " * (LONGEST // 48),
    "line breaks": "\n" * (LONGEST - 10) + "Cite this.",
    "one long word": "x" * LONGEST,
}


def _long_pack(folder: Path, text: str) -> Path:
    """The shipped pack with every text the sheets print at the longest the limits allow."""
    path = folder / paths.MANIFEST_FILE
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(how_to_cite=text, licence=text, title="T" * PACK_LIMITS.short_text)
    path.write_text(json.dumps(manifest), encoding="utf-8")
    tours = json.loads((folder / paths.TOURS_FILE).read_text(encoding="utf-8"))
    tours["tours"][0]["steps"][0].update(caption=text, title=text)
    (folder / paths.TOURS_FILE).write_text(json.dumps(tours), encoding="utf-8")
    return folder


def _map_share(figure: Any) -> float:
    """The largest axes' height as a share of the figure's (the map)."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = [ax.get_window_extent(renderer) for ax in figure.axes]
    for text in figure.texts:
        box = text.get_window_extent(renderer)
        assert box.y0 >= 0 and box.y1 <= figure.bbox.height, text.get_gid()
    return max(box.height for box in boxes) / figure.bbox.height


@pytest.mark.parametrize(
    "shape",
    [pytest.param(k, marks=() if k == "line breaks" else pytest.mark.slow) for k in LONG_TEXTS],
)
def test_texts_the_limits_allow_never_squeeze_out_the_map(pack_copy, shape):
    from geo.comparemap import render_comparison
    from geo.compareview import CompareView
    from geo.sheet import export_style
    from geo.staticmap import render_figure
    from geo.tourexport import step_page_view

    dispute = load_dispute(_long_pack(pack_copy, LONG_TEXTS[shape]))
    view = default_view(dispute)
    tour = dispute.tours[0]
    with export_style():
        for size in SIZE_PRESETS:
            assert _map_share(render_figure(dispute, view.at(1945).replace(size=size))) > 0.3
        pair = CompareView(view.at(1944), view.at(1947))
        figure, _ = render_comparison(dispute, pair)
        assert _map_share(figure) > 0.3
        page = step_page_view(dispute, tour, 0, view, "pdf")
        assert _map_share(render_figure(dispute, page, extent=tour.steps[0].extent)) > 0.3


def test_a_valid_pack_that_cannot_be_drawn_exits_1_not_as_a_usage_error(
    pack_copy, run_cli, monkeypatch
):
    import geo.staticmap

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise ValueError("Width and height specified must be non-negative")

    monkeypatch.setattr(geo.staticmap, "export_image", broken)
    result = run_cli("export", "--year", "1950", "--data", str(pack_copy), "--out", "/tmp/x.png")
    assert result.returncode == 1
    assert "could not be drawn: Width and height" in result.stderr
