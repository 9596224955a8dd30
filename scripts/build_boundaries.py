"""Build ``data/boundaries.geojson``: the dated boundary lines of the dispute.

Treaties of 1855 and 1875 named the straits the border ran through, not
coordinates, and the post-1945 line of actual control follows the median line
of the Nemuro and Goyomai straits. Each line is therefore computed, not drawn:
the equidistance (median) line between the two coasts it separates, from the
same GSHHG shorelines as the islands. The 1905 line is the 50th parallel across
Sakhalin, as Article IX of the Treaty of Portsmouth set it. Each line's name and
method carry their Japanese and Russian translations (``name_ja``, ``method_ru``…).
Re-run with::

    uv run --group coastline python scripts/build_boundaries.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import shapely
from build_coastlines import (
    REPO_ROOT,
    metadata,
    read_gshhg,
    write_geojson,
)
from pyproj import Transformer
from shapely.geometry import LineString, MultiPoint, Point, box, mapping, shape

BOUNDARIES = (
    {
        "id": "line-1855",
        "name": "Border of 1855 (between Etorofu and Urup)",
        "valid_from": "1855-02-07",
        "valid_to": "1875-05-07",
        "event_id": "treaty-of-shimoda",
        "method": "median line of the strait between Etorofu and Urup",
        "name_ja": "1855年の国境（択捉島と得撫島の間）",
        "name_ru": "Граница 1855 г. (между Итурупом и Урупом)",
        "method_ja": "択捉島と得撫島の間の海峡の中間線",
        "method_ru": "срединная линия пролива между Итурупом и Урупом",
    },
    {
        "id": "line-1875",
        "name": "Border of 1875 (between Shumshu and Kamchatka)",
        "valid_from": "1875-05-07",
        "valid_to": "1945-09-02",
        "event_id": "treaty-of-saint-petersburg",
        "method": "median line of the First Kuril Strait",
        "name_ja": "1875年の国境（占守島とカムチャツカの間）",
        "name_ru": "Граница 1875 г. (между Шумшу и Камчаткой)",
        "method_ja": "第一クリル海峡（占守海峡）の中間線",
        "method_ru": "срединная линия Первого Курильского пролива",
    },
    {
        "id": "line-1905",
        "name": "Border of 1905 on Sakhalin (50° N)",
        "valid_from": "1905-09-05",
        "valid_to": "1945-09-02",
        "event_id": "treaty-of-portsmouth",
        "method": "the 50th parallel across Sakhalin",
        "name_ja": "1905年のサハリン島上の国境（北緯50度）",
        "name_ru": "Граница 1905 г. на Сахалине (50° с. ш.)",
        "method_ja": "サハリン島を横切る北緯50度線",
        "method_ru": "50-я параллель поперёк Сахалина",
    },
    {
        "id": "line-of-control",
        "name": "Line of actual control since 1945 (approximate median line)",
        "valid_from": "1945-09-03",
        "valid_to": "",
        "event_id": "soviet-landing-habomai",
        "method": "median line between Hokkaido and the four island groups",
        "name_ja": "1945年以降の実効支配線（概略の中間線）",
        "name_ru": "Линия фактического контроля с 1945 г. (примерная срединная линия)",
        "method_ja": "北海道と4つの島・群島（択捉島、国後島、色丹島、歯舞群島）との間の中間線",
        "method_ru": "срединная линия между Хоккайдо и четырьмя островами и группами островов",
    },
)

DENSIFY_M = 300.0
SIMPLIFY_M = 60.0


def _containing(polygons: list, lon: float, lat: float) -> shapely.Geometry:
    """The one polygon that contains a point."""
    hits = [p for p in polygons if p.contains(Point(lon, lat))]
    if len(hits) != 1:
        raise SystemExit(f"point {lon},{lat} lies in {len(hits)} polygons, expected 1")
    return hits[0]


def median_line(
    side_a: shapely.Geometry, side_b: shapely.Geometry, corridor: tuple[float, ...]
) -> shapely.Geometry:
    """Equidistance line between two coasts, inside a lon/lat corridor."""
    west, south, east, north = corridor
    centre_lon, centre_lat = (west + east) / 2, (south + north) / 2
    to_local = Transformer.from_crs(
        "EPSG:4326",
        f"+proj=aeqd +lat_0={centre_lat} +lon_0={centre_lon} +datum=WGS84",
        always_xy=True,
    )
    to_lonlat = Transformer.from_crs(to_local.target_crs, "EPSG:4326", always_xy=True)
    grown = box(*corridor).buffer(0.5)
    sides = []
    for side in (side_a, side_b):
        local = shapely.transform(side.intersection(grown), to_local.transform, interleaved=False)
        coast = shapely.segmentize(local.boundary, DENSIFY_M)
        # Rings repeat their first point; Voronoi needs each site once.
        sides.append(np.unique(np.round(shapely.get_coordinates(coast), 1), axis=0))
    points = [*sides[0], *sides[1]]
    cells = shapely.voronoi_polygons(MultiPoint(points), ordered=True)
    cell_list = list(cells.geoms)
    region_a = shapely.unary_union(cell_list[: len(sides[0])])
    region_b = shapely.unary_union(cell_list[len(sides[0]) :])
    line = shapely.line_merge(region_a.intersection(region_b))
    line = shapely.transform(line.simplify(SIMPLIFY_M), to_lonlat.transform, interleaved=False)
    return line.intersection(box(*corridor))


def rounded_line(line: shapely.Geometry) -> shapely.Geometry:
    """Round to 4 decimals (about 10 m) and merge touching segments."""
    return shapely.line_merge(shapely.set_precision(line, 1e-4))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data")
    args = parser.parse_args()
    full = read_gshhg("f", (144.0, 42.5, 157.6, 52.2))
    etorofu = _containing(full, 147.80, 45.05)
    urup = _containing(full, 149.95, 45.95)
    shumshu = _containing(full, 156.35, 50.75)
    kamchatka = _containing(full, 157.0, 51.8)
    # Both sides as the islands file classifies them: the disputed islands, and
    # Hokkaido with its own islets.
    islands = json.loads((args.out / "kuril_islands.geojson").read_text(encoding="utf-8"))
    disputed = shapely.unary_union([shape(f["geometry"]) for f in islands["features"]])
    near_disputed = disputed.buffer(0.001)
    hokkaido = shapely.unary_union(
        [
            p
            for p in full
            if p.intersects(box(144.0, 42.5, 146.5, 44.6)) and not p.intersects(near_disputed)
        ]
    )
    sakhalin = _containing(read_gshhg("f", (141.0, 45.5, 145.0, 54.5)), 142.8, 49.0)
    parallel = LineString([(141.0, 50.0), (145.0, 50.0)]).intersection(sakhalin)
    lines = {
        "line-1855": median_line(etorofu, urup, (148.6, 45.3, 149.9, 46.0)),
        "line-1875": median_line(shumshu, kamchatka, (156.2, 50.75, 156.9, 51.15)),
        "line-1905": parallel,
        "line-of-control": median_line(hokkaido, disputed, (145.15, 43.15, 146.2, 44.45)),
    }
    features = []
    for spec in BOUNDARIES:
        geometry = rounded_line(lines[spec["id"]])
        if geometry.is_empty or geometry.length == 0:
            raise SystemExit(f"{spec['id']}: empty line")
        features.append(
            {"type": "Feature", "properties": dict(spec), "geometry": mapping(geometry)}
        )
    write_geojson(
        args.out / "boundaries.geojson",
        features,
        metadata(
            "Dated boundary lines; computed as described in each feature's 'method'.",
            "f (full)",
            {"coordinate_decimals": 4},
        ),
    )
    for f in features:
        print(f["properties"]["id"], f["geometry"]["type"], len(str(f["geometry"]["coordinates"])))


if __name__ == "__main__":
    main()
