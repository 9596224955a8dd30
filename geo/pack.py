"""Opening a dispute pack: read, then validate."""

from __future__ import annotations

from pathlib import Path

from geo import paths
from geo.io import read_pack
from geo.model import Dispute
from geo.validation import validate_pack


def load_dispute(folder: Path | str | None = None) -> Dispute:
    """Read and validate a pack folder.

    Parameters
    ----------
    folder : path, optional
        The pack to open; by default ``$DISPUTE_PACK`` or the shipped pack.

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
    return validate_pack(read_pack(Path(folder) if folder else paths.default_data_dir()))
