"""The kept list of backgrounds: the built-in offline land, and online tile layers."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from geo.i18n import N_

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
        Basemap(
            OFFLINE, N_("Built-in background (offline)"), "", N_("Coastlines: GSHHG (LGPL-3.0)"), 13
        ),
        Basemap(
            "osm",
            N_("OpenStreetMap (online)"),
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "&copy; OpenStreetMap contributors",
            18,
        ),
        Basemap(
            "carto-light",
            N_("CARTO Positron (online)"),
            "https://{s}.basemaps.cartocdn.com/light_nolabels/{z}/{x}/{y}.png",
            "&copy; OpenStreetMap contributors &copy; CARTO",
            18,
        ),
        Basemap(
            "esri-ocean",
            "Esri Ocean (online)",
            "https://server.arcgisonline.com/ArcGIS/rest/services/Ocean/World_Ocean_Base/"
            "MapServer/tile/{z}/{y}/{x}",
            "Tiles &copy; Esri, GEBCO, NOAA, and other contributors",
            13,
        ),
    )
}


def tiles_reachable(basemap: Basemap, timeout: float = 1.5) -> bool:
    """Whether the tile server of an online basemap answers a TCP connection.

    Parameters
    ----------
    basemap : Basemap
    timeout : float
        Seconds to wait.

    Returns
    -------
    bool
        ``False`` for the offline background and whenever the host cannot be reached.
    """
    if not basemap.online:
        return False
    host = urlsplit(basemap.tiles_url.replace("{s}.", "a.")).hostname
    if not host:
        return False
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False
