"""Where the shipped data, the served web assets and a pack's files live.

Every path is resolved from this package, never from the working directory;
``DISPUTE_PACK`` (an environment variable) or an explicit argument picks
another pack folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
PACK_ENV_VAR = "DISPUTE_PACK"

MANIFEST_FILE = "pack.json"
DEFAULT_ISLANDS_FILE = "kuril_islands.geojson"
EVENTS_FILE = "events.csv"
SOVEREIGNTY_FILE = "sovereignty.csv"
CONTEXT_FILE = "context.geojson"
BOUNDARIES_FILE = "boundaries.geojson"
OVERVIEW_FILE = "overview.geojson"
LEAFLET_VERSION = "1.9.4"


def shipped_data_dir() -> Path:
    """The folder of the pack shipped with the project.

    Returns
    -------
    pathlib.Path
        ``data/`` beside the package in a source checkout, or ``geo/data``
        inside an installed wheel.
    """
    for candidate in (PROJECT_DIR / "data", PACKAGE_DIR / "data"):
        if (candidate / MANIFEST_FILE).is_file():
            return candidate
    return PROJECT_DIR / "data"


def default_data_dir() -> Path:
    """The pack to open when none is named: ``$DISPUTE_PACK`` or the shipped one."""
    override = os.environ.get(PACK_ENV_VAR, "").strip()
    return Path(override).expanduser() if override else shipped_data_dir()


def static_dir() -> Path:
    """Folder of the web assets (Leaflet and plugins) that the app serves itself."""
    return PROJECT_DIR / "static"


UPLOAD_ENV_VAR = "DISPUTE_UPLOAD_DIR"


def upload_root() -> Path:
    """Where uploaded packs are unpacked: ``$DISPUTE_UPLOAD_DIR`` or a folder in the temp dir."""
    override = os.environ.get(UPLOAD_ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(tempfile.gettempdir()) / "dispute-explorer-uploads"
