"""The kept list of backgrounds: the built-in offline land, and online tile layers."""

from __future__ import annotations

from dataclasses import dataclass

OFFLINE = "offline"


@dataclass(frozen=True)
class Basemap:
    """A background the map can be drawn on."""

    key: str
    label: str
    tiles_url: str
    attribution: str
    max_zoom: int = 18

    @property
    def online(self) -> bool:
        """Whether it needs a tile server."""
        return bool(self.tiles_url)


BASEMAPS: dict[str, Basemap] = {
    b.key: b
    for b in (
        Basemap(OFFLINE, "Built-in background (offline)", "",
                "Coastlines: GSHHG (LGPL-3.0)", 13),
        Basemap("osm", "OpenStreetMap (online)",
                "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                "&copy; OpenStreetMap contributors", 18),
        Basemap("carto-light", "CARTO Positron (online)",
                "https://{s}.basemaps.cartocdn.com/light_nolabels/{z}/{x}/{y}.png",
                "&copy; OpenStreetMap contributors &copy; CARTO", 18),
        Basemap("esri-ocean", "Esri Ocean (online)",
                "https://server.arcgisonline.com/ArcGIS/rest/services/Ocean/World_Ocean_Base/"
                "MapServer/tile/{z}/{y}/{x}",
                "Tiles &copy; Esri, GEBCO, NOAA, and other contributors", 13),
    )
}
