"""GeoJSON files: a FeatureCollection in degrees, each geometry readable, inside the
pack's extent, within the vertex budget, and repaired only where that is safe."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import shapely
from pyproj import Geod
from shapely.geometry import shape

from geo.errors import Problem, ngettext
from geo.i18n import N_
from geo.limits import PackLimits

WGS84 = Geod(ellps="WGS84")
# A repair that changes a polygon's area by more than this is not safe to accept.
SAFE_REPAIR_AREA_CHANGE = 0.01
CRS_NAMES = (
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "EPSG:4326",
    "urn:ogc:def:crs:EPSG::4326",
)


def geodesic_area_km2(geometry: shapely.Geometry) -> float:
    """Area on the WGS84 ellipsoid, in square kilometres."""
    area, _ = WGS84.geometry_area_perimeter(shapely.orient_polygons(geometry))
    return abs(area) / 1e6


@dataclass
class Budget:
    """The limits a pack is checked against and the vertices counted so far."""

    limits: PackLimits
    vertices: int = 0


def _ring_sizes(raw: dict[str, Any]) -> list[int]:
    """Vertices per ring (or line) of a raw GeoJSON geometry, without parsing it."""
    depth = {"LineString": 0, "MultiLineString": 1, "Polygon": 1, "MultiPolygon": 2}
    level = [raw.get("coordinates")]
    for _ in range(depth.get(str(raw.get("type")), 0)):
        level = [part for item in level if isinstance(item, list) for part in item]
    return [len(ring) for ring in level if isinstance(ring, list)]


def _check_crs(collection: dict[str, Any], file: str, problems: list[Problem]) -> None:
    """A declared CRS must be geographic WGS84 (GeoJSON's only CRS)."""
    crs = collection.get("crs")
    if crs is None:
        return
    properties = crs.get("properties") if isinstance(crs, dict) else None
    name = str(properties.get("name", "")) if isinstance(properties, dict) else ""
    if name not in CRS_NAMES:
        problems.append(
            Problem(file, "crs", N_("CRS '{name}' is not EPSG:4326 (degrees)"), {"name": name})
        )


def feature_properties(
    feature: dict[str, Any], file: str, number: int, problems: list[Problem]
) -> dict[str, Any] | None:
    """A feature's properties, or a problem when they are not an object."""
    props = feature.get("properties")
    if props is None:
        return {}
    if not isinstance(props, dict):
        problems.append(Problem(file, f"feature {number}", N_("properties must be an object")))
        return None
    return props


def required_properties(
    feature: dict[str, Any],
    file: str,
    number: int,
    label: str,
    required: Iterable[str],
    problems: list[Problem],
) -> tuple[dict[str, Any], str] | None:
    """A feature's properties and its place name ("feature 3 (etorofu)"), if all are there."""
    props = feature_properties(feature, file, number, problems)
    if props is None:
        return None
    place = f"feature {number}" + (f" ({props[label]})" if props.get(label) else "")
    missing = [key for key in required if key not in props]
    if missing:
        problems.append(
            Problem(file, place, N_("missing properties: {keys}"), {"keys": ", ".join(missing)})
        )
        return None
    return props, place


def features_of(
    collection: dict[str, Any], file: str, problems: list[Problem], budget: Budget
) -> list[dict]:
    """The features of a FeatureCollection, or a problem."""
    if collection.get("type") != "FeatureCollection" or not isinstance(
        collection.get("features"), list
    ):
        problems.append(Problem(file, "file", N_("expected a GeoJSON FeatureCollection")))
        return []
    most = budget.limits.features
    if len(collection["features"]) > most:
        problems.append(
            Problem(
                file,
                "file",
                ngettext(
                    "has {count:,} feature; at most {most:,}",
                    "has {count:,} features; at most {most:,}",
                    len(collection["features"]),
                ),
                {"count": len(collection["features"]), "most": most},
            )
        )
        return []
    _check_crs(collection, file, problems)
    return [f for f in collection["features"] if isinstance(f, dict)]


def read_geometry(
    feature: dict[str, Any],
    file: str,
    place: str,
    kinds: tuple[str, ...],
    extent: tuple[float, float, float, float],
    problems: list[Problem],
    warnings: list[Problem],
    budget: Budget,
) -> shapely.Geometry | None:
    """Parse, range-check and (where safe) repair one feature's geometry."""
    raw = feature.get("geometry")
    if not isinstance(raw, dict) or raw.get("type") not in kinds:
        problems.append(
            Problem(file, place, N_("geometry must be one of {kinds}"), {"kinds": ", ".join(kinds)})
        )
        return None
    # Count before parsing: every later step (repair, simplification, drawing)
    # grows with the vertices, so an oversized shape must stop here.
    sizes = _ring_sizes(raw)
    limits = budget.limits
    if sizes and max(sizes) > limits.ring_vertices:
        problems.append(
            Problem(
                file,
                place,
                ngettext(
                    "a ring has {count:,} vertex; at most {most:,} per ring "
                    "(simplify the geometry)",
                    "a ring has {count:,} vertices; at most {most:,} per ring "
                    "(simplify the geometry)",
                    max(sizes),
                ),
                {"count": max(sizes), "most": limits.ring_vertices},
            )
        )
        return None
    budget.vertices += sum(sizes)
    if budget.vertices > limits.pack_vertices:
        problems.append(
            Problem(
                file,
                place,
                ngettext(
                    "the pack's geometry passes {most:,} vertex in all (simplify the geometry)",
                    "the pack's geometry passes {most:,} vertices in all (simplify the geometry)",
                    limits.pack_vertices,
                ),
                {"most": limits.pack_vertices},
            )
        )
        return None
    try:
        geometry = shape(raw)
    except (
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        KeyError,
        OverflowError,
        RecursionError,
        shapely.errors.GEOSException,
    ) as err:
        problems.append(
            Problem(file, place, N_("geometry cannot be read: {reason}"), {"reason": str(err)})
        )
        return None
    if geometry.is_empty:
        problems.append(Problem(file, place, N_("geometry is empty")))
        return None
    coords = shapely.get_coordinates(geometry)
    if not all(math.isfinite(v) for v in coords.flat):
        problems.append(Problem(file, place, N_("geometry has non-finite coordinates")))
        return None
    xmin, ymin = coords.min(axis=0)
    xmax, ymax = coords.max(axis=0)
    if xmin < -180 or xmax > 180 or ymin < -90 or ymax > 90:
        problems.append(
            Problem(
                file,
                place,
                N_(
                    "coordinates ({x:.0f}, {y:.0f}) are not degrees; the file looks "
                    "projected - reproject it to EPSG:4326 (longitude, latitude)"
                ),
                {"x": xmax, "y": ymax},
            )
        )
        return None
    west, south, east, north = extent
    if xmin < west or xmax > east or ymin < south or ymax > north:
        problems.append(
            Problem(
                file,
                place,
                N_("coordinates fall outside the pack's extent [{west}, {south}, {east}, {north}]"),
                {"west": west, "south": south, "east": east, "north": north},
            )
        )
        return None
    if geometry.geom_type in ("Polygon", "MultiPolygon") and not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        repaired = shapely.make_valid(geometry)
        repaired = shapely.unary_union(
            [
                g
                for g in getattr(repaired, "geoms", [repaired])
                if g.geom_type in ("Polygon", "MultiPolygon")
            ]
        )
        change = abs(repaired.area - geometry.area) / geometry.area if geometry.area else 1.0
        if repaired.is_empty or not repaired.is_valid or change > SAFE_REPAIR_AREA_CHANGE:
            problems.append(
                Problem(
                    file,
                    place,
                    N_("invalid polygon ({reason}); fix the geometry"),
                    {"reason": reason},
                )
            )
            return None
        warnings.append(
            Problem(file, place, N_("repaired an invalid polygon ({reason})"), {"reason": reason})
        )
        geometry = repaired
    return geometry
