"""Opening a dispute pack: read, then validate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from geo import land, paths
from geo.io import read_gshhg_rings, read_pack
from geo.model import Dispute
from geo.validation import validate_pack


def load_dispute(folder: Path | str | None = None, gshhg_land: bool = True) -> Dispute:
    """Read and validate a pack folder.

    Parameters
    ----------
    folder : path, optional
        The pack to open; by default ``$DISPUTE_PACK`` or the shipped pack.
    gshhg_land : bool
        Give a pack without a context layer the GSHHG land of its extent (see
        ``geo.land``), so its islands are not drawn on an empty sea.

    Returns
    -------
    Dispute

    Raises
    ------
    geo.errors.DisputeDataError
        If any file is missing, unreadable or invalid.

    Examples
    --------
    >>> dispute = load_dispute()
    >>> sorted(dispute.group_ids)
    ['etorofu', 'habomai', 'kunashiri', 'shikotan']
    """
    dispute = validate_pack(read_pack(Path(folder) if folder else paths.default_data_dir()))
    if gshhg_land and dispute.context.empty:
        dispute = land.with_land(dispute, gshhg_land_of(dispute))
    return dispute


def gshhg_land_of(dispute: Dispute) -> gpd.GeoDataFrame:
    """The GSHHG land around a pack's extent, without its islands (``geo.land``)."""
    window = land.land_window(dispute.manifest.extent)
    rings = read_gshhg_rings(window, land.land_resolution(window))
    return land.land_from_rings(rings, window, dispute.islands)


@dataclass(frozen=True)
class PackSummary:
    """What a pack picker's card says about a pack."""

    id: str
    title: str
    subtitle: str
    first_year: int
    last_year: int
    groups: int
    events: int


def summarise(dispute: Dispute) -> PackSummary:
    """A pack's card: title, the years its events span, how many groups and events.

    Parameters
    ----------
    dispute : Dispute

    Returns
    -------
    PackSummary
    """
    years = [day.year for day in dispute.events["date"]] or [
        day.year for day in dispute.sovereignty["start"]
    ]
    manifest = dispute.manifest
    return PackSummary(
        id=manifest.id,
        title=manifest.title,
        subtitle=manifest.subtitle,
        first_year=min(years),
        last_year=max(years),
        groups=len(dispute.group_ids),
        events=len(dispute.events),
    )
