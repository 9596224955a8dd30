"""Geometry for the browser: quantised, delta-encoded coordinates.

Coordinates are quantised to 1e-4 degree (about 10 m, below one pixel up to
zoom 13) and each ring is stored as its first point followed by differences,
which the map in the page decodes (``decode`` in ``geo/js/kuril.core.js``, with the
scale its data carries). This keeps the full
detail of the coastline at a third of plain GeoJSON's size.
"""

from __future__ import annotations

from typing import Any

import shapely

from geo.contract import EncodedGeometry
from geo.model import Dispute

# Web geometry: quantised to 1e-4 degree (~10 m); points closer than that dropped.
WEB_SIMPLIFY_DEG = 0.0001
WEB_SCALE = 10_000


def encode_geometry(geometry: shapely.Geometry) -> EncodedGeometry:
    """Compact form of a (multi)polygon or (multi)line for the browser.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> encode_geometry(LineString([(145.0, 43.0), (145.0012, 43.0003)]))
    EncodedGeometry(type='LineString', deltas=[1450000, 430000, 12, 3])
    """
    # Snap to the web grid rather than Douglas-Peucker: set_precision is near
    # linear in the vertices, where a topology-preserving simplification is
    # quadratic on a comb-shaped ring (3.5 s for 20,000 vertices) and recurses
    # deep enough to overflow a thread's stack on larger ones.
    simple = shapely.set_precision(geometry, WEB_SIMPLIFY_DEG)
    if simple.is_empty:  # an islet smaller than the grid: keep it visible
        simple = geometry

    def ring(coords: Any) -> list[int]:
        flat: list[int] = []
        last_x = last_y = 0
        for x, y in coords:
            qx, qy = round(x * WEB_SCALE), round(y * WEB_SCALE)
            if flat and qx == last_x and qy == last_y:
                continue
            flat += [qx - last_x, qy - last_y]
            last_x, last_y = qx, qy
        return flat

    def polygon(p: Any) -> list[list[int]]:
        return [ring(p.exterior.coords)] + [ring(r.coords) for r in p.interiors]

    kind = simple.geom_type
    if kind == "Polygon":
        return EncodedGeometry(kind, polygon(simple))
    if kind == "MultiPolygon":
        return EncodedGeometry(kind, [polygon(p) for p in simple.geoms])
    if kind == "LineString":
        return EncodedGeometry(kind, ring(simple.coords))
    if kind == "MultiLineString":
        return EncodedGeometry(kind, [ring(line.coords) for line in simple.geoms])
    raise ValueError(f"cannot encode a {kind}")


def encoded_islands(dispute: Dispute) -> dict[str, EncodedGeometry]:
    """Each island's encoded geometry, computed once per loaded pack."""
    if "web_islands" not in dispute.memo:
        dispute.memo["web_islands"] = {
            row["id"]: encode_geometry(row.geometry) for _, row in dispute.islands.iterrows()
        }
    return dispute.memo["web_islands"]
