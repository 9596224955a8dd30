"""Synthetic packs for the limit tests and benchmarks, built from a copy of the shipped pack."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, mapping

from geo import paths
from geo.limits import PACK_LIMITS
from tests.conftest import read_rows, write_rows

ISLANDS = paths.DEFAULT_ISLANDS_FILE


def comb(vertices: int, west: float = 147.5, south: float = 44.9) -> Polygon:
    """A valid, simple polygon shaped like a comb: the worst case for line simplification."""
    teeth = vertices // 4
    step = 0.4 / teeth
    top: list[tuple[float, float]] = []
    for i in range(teeth):
        x = west + i * step
        top += [(x, south + 0.1), (x + step / 2, south + 0.1)]
        top += [(x + step / 2, south + 0.05), (x + step, south + 0.05)]
    return Polygon([(west, south), *top[:-1], (west + 0.4, south + 0.05), (west + 0.4, south)])


def area_km2(geometry: shapely.Geometry) -> float:
    """Geodesic area, computed with pyproj directly (not with the code under test)."""
    area, _ = Geod(ellps="WGS84").geometry_area_perimeter(shapely.orient_polygons(geometry))
    return abs(area) / 1e6


def edit_json(path: Path, edit: Any) -> None:
    """Load a JSON file, change it in place with ``edit``, write it back."""
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")


def set_island(folder: Path, island_id: str, geometry: shapely.Geometry) -> None:
    """Give one island of a pack another geometry (and the matching area)."""

    def edit(data: dict[str, Any]) -> None:
        feature = next(f for f in data["features"] if f["properties"]["id"] == island_id)
        feature["geometry"] = mapping(geometry)
        feature["properties"]["area_km2"] = round(area_km2(geometry), 3)

    edit_json(folder / ISLANDS, edit)


def _vertices(path: Path) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    return sum(
        int(shapely.get_num_coordinates(shapely.geometry.shape(f["geometry"])))
        for f in data["features"]
    )


def pack_at_the_limits(target: Path) -> Path:
    """The shipped pack grown to the limits: Etorofu as combs of the longest ring allowed
    filling the vertex budget, and as many events as allowed."""
    shutil.copytree(paths.shipped_data_dir(), target)
    names = [ISLANDS, paths.CONTEXT_FILE, paths.BOUNDARIES_FILE, paths.OVERVIEW_FILE]
    used = sum(_vertices(target / name) for name in names)
    data = json.loads((target / ISLANDS).read_text(encoding="utf-8"))
    etorofu = next(f for f in data["features"] if f["properties"]["id"] == "etorofu")
    used -= int(shapely.get_num_coordinates(shapely.geometry.shape(etorofu["geometry"])))
    ring = PACK_LIMITS.ring_vertices - 4
    count = (PACK_LIMITS.pack_vertices - used) // (ring + 4)
    teeth = [
        comb(ring, west=147.2 + 0.45 * (i % 4), south=44.6 + 0.25 * (i // 4)) for i in range(count)
    ]
    set_island(target, "etorofu", MultiPolygon(teeth))
    rows = read_rows(target / paths.EVENTS_FILE)
    extra = PACK_LIMITS.events - len(rows)
    years = range(1856, 2025)
    rows += [
        {**rows[n % len(rows)], "id": f"filler-{n}", "date": f"{years[n % len(years)]}-06-01"}
        for n in range(extra)
    ]
    write_rows(target / paths.EVENTS_FILE, rows)
    return target
