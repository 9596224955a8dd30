"""Everything the UI caches: the loaded pack (once per process), map documents, exports."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import streamlit as st

from geo import paths
from geo.basemaps import BASEMAPS, tiles_reachable
from geo.foliummap import map_html
from geo.model import Dispute
from geo.pack import load_dispute
from geo.presentation import events_for_view
from geo.scene import build_scene, scene_key
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


@st.cache_resource(max_entries=64, show_spinner=False)
def _map_document(_dispute: Dispute, pack_key: str, scene: str, basemap: str, _view: View) -> str:
    """The map document of a scene and background, shared by every session (a str is immutable)."""
    del pack_key, scene, basemap  # cache key only: the document depends on nothing else
    return map_html(_dispute, _view, build_scene(_dispute, _view))


def map_document_key(pack_key: str, view: View) -> str:
    """A short name of the map document a view needs (pack, scene and background)."""
    text = repr((pack_key, scene_key(view), view.basemap))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def map_document(dispute: Dispute, pack_key: str, view: View) -> str:
    """The map with every state of the view's scene; the same for every year of the view.

    Keys are plain strings, far cheaper to hash than the objects.
    """
    return _map_document(dispute, pack_key, scene_key(view), view.basemap, view)


@st.cache_resource(max_entries=1024, show_spinner=False)
def _year_events(
    _dispute: Dispute, pack_key: str, scene: str, year: int, _view: View
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """A year's events and the earlier ones as plain records (read-only, shared)."""
    del pack_key, scene, year  # cache key only
    fields = ["id", "number", "date", "category", "title", "source_url"]
    current, earlier = events_for_view(_dispute, _view)
    return (
        tuple(current[fields].to_dict("records")),
        tuple(earlier[fields].to_dict("records")),
    )


def year_events(
    dispute: Dispute, pack_key: str, view: View
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """The view's year's events (numbered) and the earlier ones, without pandas per rerun."""
    return _year_events(dispute, pack_key, scene_key(view), view.year, view)


@st.cache_data(max_entries=48, show_spinner=False)
def _export(
    _dispute: Dispute, pack_key: str, view_key: str, fmt: str, dpi: int, _view: View
) -> bytes:
    """An export's bytes, made once per (pack, view, format, dpi)."""
    del pack_key, view_key  # cache key only
    from geo.export import export  # matplotlib loads with the first export, not the map

    return export(_dispute, _view, fmt, dpi)


def export_bytes(dispute: Dispute, pack_key: str, view: View, fmt: str, dpi: int) -> bytes:
    """The exported file of a view, from the cache when it was made before."""
    return _export(dispute, pack_key, repr(view), fmt, dpi, view)


@st.cache_data(ttl=300, show_spinner=False)
def online_tiles_available() -> bool:
    """Whether the online tile servers answer (checked at most every 5 minutes)."""
    if os.environ.get(OFFLINE_ENV_VAR, "").strip() not in ("", "0"):
        return False
    return any(tiles_reachable(b) for b in BASEMAPS.values() if b.online)
