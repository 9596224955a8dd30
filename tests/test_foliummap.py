"""The folium map's HTML: the scene it carries, offline assets, escaping, size, stable bytes."""

from __future__ import annotations

import bisect
import datetime as dt
import gzip
import json
import re
from pathlib import Path

import jsonschema
import shapely

from geo import paths
from geo.foliummap import AssetUrls, build_map, encode_geometry, map_html
from geo.io import read_schema
from geo.pack import load_dispute
from geo.view import default_view
from tests.conftest import read_rows, write_rows

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}"


REPO_ROOT = Path(__file__).resolve().parent.parent


def _html(dispute, **changes) -> str:
    view = default_view(dispute).replace(**changes)
    return build_map(dispute, view).get_root().render()


def _scene(html: str) -> dict:
    """The scene a map page carries (its JSON element), checked against the contract's
    schema (geo/schemas/scene.schema.json)."""
    found = re.findall(r'<script type="application/json" id="(time_map_\d+)">(.*?)</script>', html)
    assert len(found) == 1, "the map does not carry one scene"
    scene = json.loads(found[0][1])
    jsonschema.validate(scene, read_schema("scene.schema.json"))
    assert f"getElementById('{found[0][0]}')" in html  # and the map is started on it
    return scene


def _state_at(scene: dict, day: dt.date) -> dict:
    """The state a scene shows on a day: the last span starting on or before it."""
    starts = [span["start"] for span in scene["spans"]]
    return scene["states"][
        scene["spans"][bisect.bisect_right(starts, day.isoformat()) - 1]["state"]
    ]


def _fills_at(scene: dict, year: int) -> set[str]:
    state = _state_at(scene, dt.date(year, 12, 31))
    return {scene["styles"][island["style"]]["fillColor"] for island in state["islands"]}


def test_one_path_per_island_with_the_state_colour_in_every_year(dispute):
    scene = _scene(_html(dispute, year=1930))
    assert [i["id"] for i in scene["islands"]] == list(dispute.islands["id"])
    japan = dispute.manifest.parties["JP"].color
    assert _fills_at(scene, 1930) == {japan}
    assert _fills_at(scene, 2000) == {"url(#hatch-RU-JP)"}
    assert _fills_at(scene, 1950) == {"url(#hatch-SU-JP)"}


def test_the_app_map_is_the_same_for_every_year(dispute):
    one = map_html(dispute, default_view(dispute).replace(year=1930))
    other = map_html(dispute, default_view(dispute).replace(year=1991, selected_event="x"))
    assert one == other
    assert '{"date":"","selected":"","land":true}' in one


def test_same_view_gives_byte_identical_html_without_random_ids(dispute):
    view = default_view(dispute).replace(year=1945)
    first = build_map(dispute, view).get_root().render()
    assert first == build_map(dispute, view).get_root().render()
    # folium names elements like "map_<32 hex digits>"; those random ids are replaced
    assert not re.search(r"\b[a-z_]+_[0-9a-f]{32}\b", first)


def test_loads_only_files_the_app_serves_never_a_cdn(dispute):
    html = _html(dispute)
    urls = set(re.findall(r'(?:src|href)="([^"]+)"', html))
    assets = AssetUrls()
    plugins = {
        f"{assets.kuril}/{name}{assets.query}"
        for name in (*paths.KURIL_SCRIPTS, paths.KURIL_STYLE, paths.KURIL_FONTS)
    }
    leaflet = {assets.leaflet_js, assets.leaflet_css}
    assert urls == leaflet | plugins
    for url in urls:  # each one is a file the app serves
        assert (REPO_ROOT / url.removeprefix("/app/").split("?")[0]).is_file(), url
    assert "cdn" not in html.lower().replace("cdn.jsdelivr", "")


def test_the_map_with_every_state_stays_small(dispute):
    page = _html(dispute).encode()
    # every state of the scene, full-detail coastline and the engine: 256 KB with the
    # 95-event table, 297 KB with the 124 events of the third history audit
    assert len(page) < 330_000
    # 59 KB before the engine clustered markers and placed names, 63 KB after; 72.5 KB
    # once the history table grew from 95 to 124 events (and 14 state breaks)
    assert len(gzip.compress(page)) < 80_000


def test_the_page_links_the_maps_plugins_in_the_order_they_need(dispute):
    html = _html(dispute)
    linked = re.findall(r'<script src="[^"]*/kuril/\d+/([a-z.]+\.js)\?v=', html)
    assert linked == list(paths.KURIL_SCRIPTS)
    # their code is served, not copied into every map document
    core = (paths.static_dir() / paths.KURIL_FOLDER / "kuril.core.js").read_text(encoding="utf-8")
    assert "function decode(geometry, scale)" in core and "function decode(" not in html


def test_encoding_keeps_the_coastline_within_ten_metres(dispute):
    etorofu = dispute.islands.set_index("id").loc["etorofu", "geometry"]
    encoded = encode_geometry(etorofu)
    largest = max(range(len(etorofu.geoms)), key=lambda i: etorofu.geoms[i].area)
    ring = encoded.deltas[largest][0]
    xs, ys = [], []
    x = y = 0
    for dx, dy in zip(ring[::2], ring[1::2], strict=True):
        x += dx
        y += dy
        xs.append(x / 1e4)
        ys.append(y / 1e4)
    decoded = shapely.Polygon(zip(xs, ys, strict=True))
    assert decoded.hausdorff_distance(etorofu.geoms[largest]) < 2e-4  # degrees, about 15 m
    assert len(xs) > 3000  # full detail kept, not a generalised outline


def test_boundary_lines_follow_the_year(dispute):
    scene = _scene(_html(dispute))

    def labels(year: int) -> list[str]:
        state = _state_at(scene, dt.date(year, 12, 31))
        return [scene["lines"][b]["label"] for b in state["lines"]]

    assert any("Border of 1855" in label for label in labels(1860))
    assert not any("Border of 1855" in label for label in labels(1900))
    assert any("Line of actual control" in label for label in labels(2000))


def test_markup_in_the_data_is_escaped(pack_copy, tmp_path):
    rows = read_rows(pack_copy / "events.csv")
    for row in rows:
        row["title"] = PAYLOAD
        row["summary"] = PAYLOAD
        row["source_title"] = PAYLOAD
    write_rows(pack_copy / "events.csv", rows)
    manifest = json.loads((pack_copy / "pack.json").read_text(encoding="utf-8"))
    manifest["title"] = PAYLOAD
    manifest["parties"]["SU"]["name"] = PAYLOAD
    (pack_copy / "pack.json").write_text(json.dumps(manifest), encoding="utf-8")
    dispute = load_dispute(pack_copy)
    html = _html(dispute, year=1945, show_earlier=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    decoded = json.dumps(_scene(html), ensure_ascii=False)
    assert "&lt;script&gt;alert" in decoded
    assert "{{ 7*7 }}{% raw %}" in decoded  # shown literally, never evaluated as a template


def test_standalone_file_inlines_the_plugins_and_its_fonts(dispute):
    from geo.export import export

    view = default_view(dispute).replace(worldview="jp")
    page = export(dispute, view, "html").decode("utf-8")
    assert "L.Kuril.EventStrip" in page and "/app/static/" not in page
    # the fonts inside, cut to what the page shows: Japanese names never as boxes
    assert page.count("data:font/woff;base64,") == 3
    assert '"Kuril Sans JP"' in page and "択捉島" in page


def test_scene_names_each_group_in_the_chosen_naming(dispute):
    from geo.scene import build_scene

    for worldview, etorofu in (
        ("jp", "択捉島 / Etorofu"),
        ("ru", "Итуруп / Iturup"),
        ("neutral", "Etorofu / Iturup"),
    ):
        labels = build_scene(dispute, default_view(dispute).replace(worldview=worldview)).names
        assert [label.id for label in labels] == ["etorofu", "kunashiri", "shikotan", "habomai"]
        assert labels[0].name == etorofu
        lat, lon = labels[0].at
        assert 44.5 < lat < 45.6 and 146.5 < lon < 148.9  # on Etorofu


def test_the_map_document_is_in_the_view_s_language(dispute):
    from geo.i18n import texts

    assert '<html lang="en">' in map_html(dispute, default_view(dispute))
    for lang in ("ja", "ru"):
        page = map_html(dispute, default_view(dispute).replace(lang=lang))
        assert f'<html lang="{lang}">' in page
        assert '"lang": "' + lang + '"' in page or f'"lang":"{lang}"' in page  # the scene's labels
        title = texts(lang).gettext("{title} — map")
        assert title.split("{title}")[-1] in page
