"""Everything the UI caches: the loaded pack (once per process) and per-state map layers."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from geo import paths
from geo.basemaps import BASEMAPS, tiles_reachable
from geo.export import export
from geo.foliummap import island_script, view_scripts
from geo.model import Dispute
from geo.pack import load_dispute
from geo.timeline import status_signature_at
from geo.view import View

OFFLINE_ENV_VAR = "DISPUTE_OFFLINE"


def pack_stamp(folder: Path) -> float:
    """Newest modification time of a pack's files, so an edited pack is reloaded."""
    try:
        return max((p.stat().st_mtime for p in folder.iterdir() if p.is_file()), default=0.0)
    except OSError:
        return 0.0


@st.cache_resource(show_spinner="Loading the dispute data…", max_entries=8)
def _load(folder: str, stamp: float) -> Dispute:
    """Load and validate a pack; shared by every session of this process."""
    del stamp  # part of the cache key only
    return load_dispute(Path(folder))


def dispute_at(folder: Path) -> Dispute:
    """The validated pack in a folder (raises ``DisputeDataError``)."""
    return _load(str(folder.resolve()), pack_stamp(folder))


def shipped_or_configured_folder() -> Path:
    """The pack folder named at start-up (``$DISPUTE_PACK``) or the shipped one."""
    return paths.default_data_dir()


@st.cache_data(max_entries=256, show_spinner=False)
def _island_script(
    _dispute: Dispute, pack_key: str, signature: str, worldview: str, _view: View
) -> str:
    """The island layer of a state: computed once per (pack, state, worldview)."""
    del pack_key, signature, worldview  # cache key only: the layer depends on nothing else
    return island_script(_dispute, _view)


@st.cache_data(max_entries=512, show_spinner=False)
def _view_scripts(
    _dispute: Dispute, pack_key: str, view_key: str, signature: str, _view: View
) -> dict[str, str]:
    """All layer scripts of a view; the island part comes from the per-state cache."""
    islands = _island_script(_dispute, pack_key, signature, _view.worldview, _view)
    return view_scripts(_dispute, _view, islands)


def map_scripts(dispute: Dispute, pack_key: str, view: View) -> dict[str, str]:
    """The scripts of a view's map layers, cached per state and per view.

    Keys are plain strings (the view's and the state's ``repr``): hashing them is
    far cheaper than hashing the objects.
    """
    signature = repr(status_signature_at(dispute, view.date))
    return _view_scripts(dispute, pack_key, repr(view), signature, view)


@st.cache_data(max_entries=48, show_spinner=False)
def _export(
    _dispute: Dispute,
    pack_key: str,
    view_key: str,
    fmt: str,
    dpi: int,
    _view: View,
    save_dpi: int | None = None,
) -> bytes:
    """An export's bytes, made once per (pack, view, format, dpi, saved dpi)."""
    del pack_key, view_key  # cache key only
    return export(_dispute, _view, fmt, dpi, save_dpi=save_dpi)


def export_bytes(
    dispute: Dispute,
    pack_key: str,
    view: View,
    fmt: str,
    dpi: int,
    save_dpi: int | None = None,
) -> bytes:
    """The exported file of a view, from the cache when it was made before.

    ``save_dpi`` saves the ``dpi`` layout smaller (the page's preview).
    """
    return _export(dispute, pack_key, repr(view), fmt, dpi, view, save_dpi)


@st.cache_data(ttl=300, show_spinner=False)
def online_tiles_available() -> bool:
    """Whether the online tile servers answer (checked at most every 5 minutes)."""
    if os.environ.get(OFFLINE_ENV_VAR, "").strip() not in ("", "0"):
        return False
    return any(tiles_reachable(b) for b in BASEMAPS.values() if b.online)
