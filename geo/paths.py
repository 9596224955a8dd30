"""Where the shipped data, the served web assets and a pack's files live.

Every path is resolved from this package, never from the working directory.
An installed wheel carries the shipped pack and the web assets inside the
package (``geo/data``, ``geo/static``, read with :mod:`importlib.resources`);
a source checkout keeps them beside it (``data/``, ``static/``, where the app's
static file serving finds them). ``DISPUTE_PACK`` (an environment variable) or
an explicit argument picks another pack folder.
"""

from __future__ import annotations

import importlib.resources
import os
import sys
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PACK_ENV_VAR = "DISPUTE_PACK"

MANIFEST_FILE = "pack.json"
DEFAULT_ISLANDS_FILE = "kuril_islands.geojson"
EVENTS_FILE = "events.csv"
SOVEREIGNTY_FILE = "sovereignty.csv"
CONTEXT_FILE = "context.geojson"
BOUNDARIES_FILE = "boundaries.geojson"
OVERVIEW_FILE = "overview.geojson"
TOURS_FILE = "tours.json"
SITE_MANIFEST_FILE = "site-manifest.json"  # lists a built site's files; marks its folder
DEPICTIONS_FILE = "depictions.csv"
LEAFLET_VERSION = "1.9.4"
# The map's own plugins (Leaflet plugins of the project, served like Leaflet), in the
# order a page loads them: each needs those before it.
KURIL_FOLDER = "kuril/2"
KURIL_SCRIPTS = (
    "kuril.core.js",
    "kuril.timeline.js",
    "kuril.layout.js",
    "kuril.states.js",
    "kuril.events.js",
    "kuril.strip.js",
    "kuril.names.js",
    "kuril.key.js",
    "kuril.timebar.js",
    "kuril.bridge.js",
    "kuril.timemap.js",
    "kuril.basemap.js",
)
KURIL_STYLE = "kuril.css"
# the served web fonts' @font-face rules (made by scripts/build_fonts.py)
KURIL_FONTS = "kuril-fonts.css"
DATA_FOLDER = "data"
# further packs shipped with the project, one folder each (named by the pack's id)
PACKS_FOLDER = "packs"
STATIC_FOLDER = "static"


def _resource_folder(name: str, marker: str) -> Path:
    """The package's own ``name`` folder if it holds ``marker``, else the checkout's."""
    packaged = importlib.resources.files(__package__ or "geo").joinpath(name)
    # A wheel is always unpacked onto the file system, so the resource is a real folder.
    if isinstance(packaged, Path) and (packaged / marker).is_file():
        return packaged
    checkout = PROJECT_DIR / name
    if (checkout / marker).is_file():
        return checkout
    return packaged if isinstance(packaged, Path) else checkout


def shipped_data_dir() -> Path:
    """The folder of the pack shipped with the project.

    Returns
    -------
    pathlib.Path
        ``geo/data`` inside an installed wheel, or ``data/`` beside the
        package in a source checkout.
    """
    return _resource_folder(DATA_FOLDER, MANIFEST_FILE)


def default_data_dir() -> Path:
    """The pack to open when none is named: ``$DISPUTE_PACK`` or the shipped one."""
    override = os.environ.get(PACK_ENV_VAR, "").strip()
    return Path(override).expanduser() if override else shipped_data_dir()


def shipped_pack_folders() -> list[Path]:
    """The packs a reader can pick: the default pack first, then the shipped ones.

    Returns
    -------
    list of pathlib.Path
        :func:`default_data_dir`, then every folder of ``data/packs/`` that
        holds a ``pack.json`` (in name order). Links are skipped: a shipped
        pack is a real folder of the project.
    """
    folders = [default_data_dir()]
    shelf = shipped_data_dir() / PACKS_FOLDER
    if shelf.is_dir() and not shelf.is_symlink():
        for folder in sorted(shelf.iterdir()):
            if folder.is_dir() and not folder.is_symlink() and (folder / MANIFEST_FILE).is_file():
                folders.append(folder)
    return folders


def static_dir() -> Path:
    """Folder of the web assets (Leaflet and plugins) that the app serves itself."""
    return _resource_folder(STATIC_FOLDER, f"leaflet/{LEAFLET_VERSION}/leaflet.js")


CATALOGUE_DOMAIN = "explorer"  # geo/locales/<language>/LC_MESSAGES/explorer.po and .mo


def locales_dir() -> Path:
    """Folder of the interface's catalogues: one ``.po`` and its compiled ``.mo`` per language."""
    return Path(__file__).resolve().parent / "locales"


def catalogue_file(language: str, compiled: bool = False) -> Path:
    """A language's catalogue: the translators' ``.po``, or the ``.mo`` compiled from it."""
    suffix = ".mo" if compiled else ".po"
    return locales_dir() / language / "LC_MESSAGES" / f"{CATALOGUE_DOMAIN}{suffix}"


UPLOAD_ENV_VAR = "DISPUTE_UPLOAD_DIR"


def upload_root() -> Path:
    """Where uploaded packs are to be unpacked: ``$DISPUTE_UPLOAD_DIR`` or a folder in the
    temp dir named after the user (the server checks that it is private before using it)."""
    override = os.environ.get(UPLOAD_ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    user = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"dispute-explorer-uploads-{user}"


DRAFTS_ENV_VAR = "DISPUTE_DRAFTS"
DRAFTS_FILE = "drafts.sqlite3"
APP_FOLDER = "dispute-explorer"


def user_data_dir() -> Path:
    """The user's data folder for this app (XDG on Linux, the platform's own elsewhere)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base) / APP_FOLDER


def drafts_database() -> Path:
    """Where pack drafts are saved: ``$DISPUTE_DRAFTS`` (a file) or the user's data folder."""
    override = os.environ.get(DRAFTS_ENV_VAR, "").strip()
    return Path(override).expanduser() if override else user_data_dir() / DRAFTS_FILE


def japanese_font_file() -> Path:
    """The IPAexGothic TrueType file installed with ``matplotlib-fontja``."""
    return Path(str(importlib.resources.files("matplotlib_fontja") / "fonts" / "ipaexg.ttf"))


def latin_font_file(bold: bool = False) -> Path:
    """DejaVu Sans (regular or bold), shipped with matplotlib."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return Path(str(importlib.resources.files("matplotlib") / "mpl-data" / "fonts" / "ttf" / name))
