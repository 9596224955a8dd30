"""The folium map's HTML: the scene it carries, offline assets, escaping, size, stable bytes."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import shapely

from geo.foliummap import AssetUrls, build_map, encode_geometry, map_html
from geo.io import read_engine_script
from geo.pack import load_dispute
from geo.scene import state_index_at
from geo.view import default_view
from tests.conftest import read_rows, write_rows

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}"


REPO_ROOT = Path(__file__).resolve().parent.parent


def _html(dispute, **changes) -> str:
    view = default_view(dispute).replace(**changes)
    return build_map(dispute, view).get_root().render()


def _scene(html: str) -> dict:
    """The scene embedded in a map page (the first argument of the engine's start)."""
    match = re.search(r"kurilTimeEngine\(map_\w+, (\{.*\}), \{\"date\"", html)
    assert match, "the map does not start the time engine"
    return json.loads(match.group(1))


def _fills_at(scene: dict, year: int) -> set[str]:
    state = scene["states"][state_index_at(scene, dt.date(year, 12, 31))]
    return {scene["styles"][island[0]]["fillColor"] for island in state["islands"]}


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
    assert '{"date":"","selected":""}' in one


def test_same_view_gives_byte_identical_html_without_random_ids(dispute):
    view = default_view(dispute).replace(year=1945)
    first = build_map(dispute, view).get_root().render()
    assert first == build_map(dispute, view).get_root().render()
    # folium names elements like "map_<32 hex digits>"; those random ids are replaced
    assert not re.search(r"\b[a-z_]+_[0-9a-f]{32}\b", first)


def test_loads_only_the_served_leaflet_never_a_cdn(dispute):
    html = _html(dispute)
    urls = set(re.findall(r'(?:src|href)="([^"]+)"', html))
    assets = AssetUrls()
    assert urls == {assets.leaflet_js, assets.leaflet_css, assets.cluster_js, assets.cluster_css}
    for url in urls:  # each one is a file the app serves
        assert (REPO_ROOT / url.removeprefix("/app/")).is_file(), url
    assert "cdn" not in html.lower().replace("cdn.jsdelivr", "")


def test_the_map_with_every_state_stays_small(dispute):
    page = _html(dispute).encode()
    # every state of the scene, full-detail coastline and the engine: 256 KB with the
    # 95-event table, 297 KB with the 124 events of the third history audit
    assert len(page) < 330_000
    # 59 KB before the engine clustered markers and placed names, 63 KB after; 72.5 KB
    # once the history table grew from 95 to 124 events (and 14 state breaks)
    assert len(gzip.compress(page)) < 80_000


def test_the_page_carries_the_engines_code_without_its_comment_lines(dispute):
    page = _html(dispute)
    source = [line.strip() for line in read_engine_script().splitlines()]
    header_end = source.index("*/")
    comments = [line for line in source if line.startswith("//")]
    code = [line for line in source[header_end + 1 :] if line and not line.startswith("//")]
    assert comments and code
    assert [c for c in comments if c in page] == []
    assert [c for c in source[1:header_end] if len(c) > 20 and c in page] == []
    assert [c for c in code if c.replace("</script", "<\\/script") not in page] == []


def test_encoding_keeps_the_coastline_within_ten_metres(dispute):
    etorofu = dispute.islands.set_index("id").loc["etorofu", "geometry"]
    encoded = encode_geometry(etorofu)
    largest = max(range(len(etorofu.geoms)), key=lambda i: etorofu.geoms[i].area)
    ring = encoded["c"][largest][0]
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
        state = scene["states"][state_index_at(scene, dt.date(year, 12, 31))]
        return [scene["boundaries"][b]["label"] for b in state["boundaries"]]

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


def test_standalone_file_inlines_the_clustering_plugin(dispute):
    from geo.export import export

    page = export(dispute, default_view(dispute), "html").decode("utf-8")
    assert "markerClusterGroup" in page and "/app/static/" not in page


def test_scene_names_each_group_in_the_chosen_naming(dispute):
    from geo.scene import build_scene

    for worldview, etorofu in (
        ("jp", "択捉島 / Etorofu"),
        ("ru", "Итуруп / Iturup"),
        ("neutral", "Etorofu / Iturup"),
    ):
        labels = build_scene(dispute, default_view(dispute).replace(worldview=worldview))["labels"]
        assert [label["id"] for label in labels] == ["etorofu", "kunashiri", "shikotan", "habomai"]
        assert labels[0]["name"] == etorofu
        lat, lon = labels[0]["at"]
        assert 44.5 < lat < 45.6 and 146.5 < lon < 148.9  # on Etorofu
