"""The folium map's HTML: features, styles, offline assets, escaping, size."""

from __future__ import annotations

import json
import re

import shapely

from geo.foliummap import AssetUrls, build_map, encode_geometry
from geo.pack import load_dispute
from geo.view import default_view
from tests.conftest import read_rows, write_rows

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}"


def _html(dispute, **changes) -> str:
    view = default_view(dispute).replace(**changes)
    return build_map(dispute, view).get_root().render()


def _island_features(html: str) -> list[dict]:
    match = re.search(
        r"L\.geoJSON\(decode\((\{\"type\":\"FeatureCollection\",\"features\":\[\{\"type\":\"Feature\",\"geometry\":.*?)\), \{\n  style: function \(f\)",
        html,
        re.S,
    )
    assert match, "island layer not found"
    return json.loads(match.group(1))["features"]


def test_one_feature_per_island_with_the_state_colour(dispute):
    features = _island_features(_html(dispute, year=1930))
    assert len(features) == len(dispute.islands)
    japan = dispute.manifest.parties["JP"].color
    assert {f["properties"]["style"]["fillColor"] for f in features} == {japan}
    features = _island_features(_html(dispute, year=2000))
    assert {f["properties"]["style"]["fillColor"] for f in features} == {"url(#hatch-RU-JP)"}


def test_loads_only_the_served_leaflet_never_a_cdn(dispute):
    html = _html(dispute)
    urls = set(re.findall(r'(?:src|href)="([^"]+)"', html))
    assert urls == {AssetUrls().leaflet_js, AssetUrls().leaflet_css}
    assert "cdn" not in html.lower().replace("cdn.jsdelivr", "")


def test_default_view_payload_is_under_150_kb(dispute):
    assert len(_html(dispute).encode()) < 150_000


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
    assert "Border of 1855" in _html(dispute, year=1860)
    assert "Border of 1855" not in _html(dispute, year=1900)
    assert "Line of actual control" in _html(dispute, year=2000)


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
    decoded = html.encode().decode("unicode_escape")
    assert "&lt;script&gt;alert" in decoded
    assert "{{ 7*7 }}{% raw %}" in decoded  # shown literally, never evaluated as a template
