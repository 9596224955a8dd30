"""Everything the UI caches: the loaded pack (once per process), map documents, exports."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import gc
import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo import builder, paths
from geo.basemaps import BASEMAPS, tiles_reachable
from geo.compare import Comparison, compare
from geo.compareview import CompareView
from geo.drafts import DraftStore, SavedDraft
from geo.foliummap import map_html
from geo.formats import export_format
from geo.i18n import DEFAULT_LANGUAGE, N_, field_in
from geo.io import read_gshhg_rings
from geo.land import land_from_rings, land_resolution, with_land
from geo.model import Dispute
from geo.pack import PackSummary, gshhg_land_of, load_dispute, summarise
from geo.presentation import events_for_view
from geo.scene import build_scene
from geo.staticmap import candidates_png, thumbnail_png
from geo.twin import TextTwin, describe
from geo.view import View, default_view, scene_key
from geo.worker import ExportError, document_in_worker, export_in_worker, start_worker_server
from ui.language import _
from ui.uploads import private_root, sweep_upload_dirs

_LOG = logging.getLogger(__name__)
OFFLINE_ENV_VAR = "DISPUTE_OFFLINE"
# Finished exports kept for all sessions, in bytes (a slide PNG is ~0.2 MB, a GIF ~0.4 MB).
EXPORT_CACHE_BYTES = 64 * 1024**2
# Map documents (every state of a scene): ~0.4 MB for the shipped pack, a few MB at the limits.
DOCUMENT_CACHE_BYTES = 64 * 1024**2
# Exports rendered at once, and map documents built at once, each in a worker process:
# one per core, or what $DISPUTE_WORKER_SLOTS says (several server processes on one
# machine share its cores: deploy/start.sh gives each its share).
WORKER_SLOTS_ENV_VAR = "DISPUTE_WORKER_SLOTS"
EXPORT_QUEUE_SECONDS = 60.0
# An uploaded pack's folder outlives its session by at most this (see ui.packs).
UPLOAD_MAX_AGE_SECONDS = 24 * 3600
# At most one full garbage collection per this many seconds, when sessions start.
COLLECT_SECONDS = 10.0


def pack_stamp(folder: Path) -> float:
    """Newest modification time of a pack's files, so an edited pack is reloaded."""
    try:
        return max((p.stat().st_mtime for p in folder.iterdir() if p.is_file()), default=0.0)
    except OSError:
        return 0.0


@contextlib.contextmanager
def _spinner(message: str) -> Iterator[None]:
    """A spinner in the reader's language while a cached step runs (shown after half a
    second, so a cache hit shows nothing); none outside a page's run (the server's start)."""
    if get_script_run_ctx() is None:
        yield
        return
    with st.spinner(_(message)):
        yield


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(folder: str, stamp: float) -> Dispute:
    """Load and validate a pack; shared by every session of this process."""
    del stamp  # part of the cache key only
    return load_dispute(Path(folder))


def dispute_at(folder: Path) -> Dispute:
    """The validated pack in a folder (raises ``DisputeDataError``)."""
    with _spinner(N_("Loading the dispute data…")):
        return _load(str(folder.resolve()), pack_stamp(folder))


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalogue(folders: tuple[tuple[str, float], ...]) -> tuple[tuple[PackSummary, str], ...]:
    """The packs a reader can pick, each summarised once per process."""
    cards = []
    for folder, _stamp in folders:
        try:
            cards.append((summarise(dispute_at(Path(folder))), folder))
        except Exception:  # a broken pack is left out of the picker, not the whole page
            _LOG.exception("The pack in %s cannot be offered", folder)
    return tuple(cards)


def pack_catalogue() -> tuple[tuple[PackSummary, Path], ...]:
    """Each pickable pack's card and folder: the default pack first, ids unique."""
    folders = tuple((str(f.resolve()), pack_stamp(f)) for f in paths.shipped_pack_folders())
    seen: set[str] = set()
    cards = []
    for card, folder in _catalogue(folders):
        if card.id not in seen:  # a second pack of the same id could not be linked to
            seen.add(card.id)
            cards.append((card, Path(folder)))
    return tuple(cards)


@st.cache_data(show_spinner=False, max_entries=16)
def _thumbnail(folder: str, stamp: float) -> bytes:
    """A pack's card picture (its default view), drawn once per pack version."""
    del stamp  # cache key only
    dispute = dispute_at(Path(folder))
    return thumbnail_png(dispute, default_view(dispute))


def pack_thumbnail(folder: Path) -> bytes:
    """The picture on a pack's card (PNG)."""
    return _thumbnail(str(folder.resolve()), pack_stamp(folder))


@st.cache_resource(show_spinner=False, max_entries=4)
def _draft_store(path: str) -> DraftStore:
    """One store object per database file."""
    return DraftStore(Path(path))


def draft_store() -> DraftStore:
    """The store of pack drafts (an SQLite file under the user's data folder)."""
    return _draft_store(str(paths.drafts_database()))


@st.cache_data(show_spinner=False, max_entries=32)
def _island_candidates(area: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """The GSHHG islands wholly inside an area, largest first (once per area)."""
    return builder.island_candidates(read_gshhg_rings(area, "f"), area)


def island_candidates(area: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """The GSHHG islands wholly inside an area, largest first."""
    with _spinner(N_("Finding the islands of the area…")):
        return _island_candidates(area)


@st.cache_data(show_spinner=False, max_entries=32)
def _area_land(area: tuple[float, float, float, float]) -> gpd.GeoDataFrame:
    """The land of an area, drawn under the islands to pick (high resolution)."""
    rings = read_gshhg_rings(area, land_resolution(area))
    empty = gpd.GeoDataFrame(geometry=[], crs="EPSG:4326")
    return land_from_rings(rings, area, empty)


def candidates_picture(area: tuple[float, float, float, float], chosen: list[Any]) -> bytes:
    """The area's islands, numbered, with the draft's own filled (PNG)."""
    return candidates_png(_area_land(area), island_candidates(area), chosen, area)


@st.cache_resource(show_spinner=False, max_entries=16)
def _draft_check(token: str, revision: int, _body: dict[str, Any]) -> builder.DraftCheck:
    """The validator's verdict on one saved version of a draft."""
    del token, revision  # cache key only
    return builder.check_draft(_body)


def draft_check(saved: SavedDraft) -> builder.DraftCheck:
    """What the validator says of a saved draft (once per version)."""
    with _spinner(N_("Checking the draft…")):
        return _draft_check(saved.token, saved.revision, saved.body)


@st.cache_data(show_spinner=False, max_entries=16)
def _draft_land(islands_key: str, _dispute: Dispute) -> gpd.GeoDataFrame:
    """GSHHG's land around a draft's islands, once per extent and set of islands."""
    del islands_key  # cache key only
    return gshhg_land_of(_dispute)


@st.cache_data(show_spinner=False, max_entries=16)
def _draft_picture(token: str, revision: int, _dispute: Dispute) -> bytes:
    """The draft's map today, as a picture, with the land around it."""
    del token, revision  # cache key only
    shape_key = hashlib.sha256(_dispute.islands.geometry.to_wkb().sum()).hexdigest()
    islands_key = f"{_dispute.manifest.extent}|{shape_key}"
    dispute = with_land(_dispute, _draft_land(islands_key, _dispute))
    return thumbnail_png(
        dispute, default_view(dispute), size_px=(560, 380), window=dispute.manifest.extent
    )


def draft_picture(saved: SavedDraft, dispute: Dispute) -> bytes:
    """The live preview of a valid draft's map (PNG)."""
    with _spinner(N_("Drawing the land around the islands…")):
        return _draft_picture(saved.token, saved.revision, dispute)


def shipped_or_configured_folder() -> Path:
    """The pack folder named at start-up (``$DISPUTE_PACK``) or the shipped one."""
    return paths.default_data_dir()


@st.cache_resource
def _documents_cache() -> SizedCache:
    """Map documents, shared by every session (a str is immutable)."""
    return SizedCache(DOCUMENT_CACHE_BYTES)


def map_document_key(pack_key: str, view: View) -> str:
    """A short name of the map document a view needs (pack, scene and background)."""
    text = repr((pack_key, scene_key(view), view.basemap))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def worker_slots() -> int:
    """How many worker processes this server runs at once, for exports and for documents."""
    text = os.environ.get(WORKER_SLOTS_ENV_VAR, "").strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 64:
        return int(text)
    return max(1, os.cpu_count() or 2)


@st.cache_resource
def _document_slots() -> threading.BoundedSemaphore:
    """At most :func:`worker_slots` map documents are built at once (one process each)."""
    return threading.BoundedSemaphore(worker_slots())


def map_document(dispute: Dispute, pack_key: str, view: View) -> str:
    """The map with every state of the view's scene; the same for every year of the view.

    Built in a worker process (:func:`geo.worker.document_in_worker`), at most
    :func:`worker_slots` at once: a scene costs a tenth of a second of CPU or
    more, and many built in the server's own interpreter at once held it so long
    that its health check went unanswered for seconds. Should the worker fail,
    the document is built here, as it always was before. Keys are plain
    strings, far cheaper to hash than the objects.
    """
    key = f"{pack_key}|{pack_stamp(Path(pack_key))}|{scene_key(view)}|{view.basemap}"
    cache = _documents_cache()
    found = cache.get(key)
    if isinstance(found, str):
        return found
    with _document_slots():
        found = cache.get(key)  # another session may have built it meanwhile
        if isinstance(found, str):
            return found
        try:
            document = document_in_worker(dispute, view)
        except ExportError as err:
            _LOG.warning("A map document was built in the server itself: %s", err)
            document = map_html(dispute, view, build_scene(dispute, view))
        cache.put(key, document)
    return document


@st.cache_resource(max_entries=1024, show_spinner=False)
def _year_events(
    _dispute: Dispute, pack_key: str, scene: str, year: int, _view: View
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """A year's events and the earlier ones as plain records (read-only, shared).

    The records carry the title's translation in the view's language (``title_ja``…)
    when the pack has one; the scene (part of the key) holds the language.
    """
    del pack_key, scene, year  # cache key only
    fields = ["id", "number", "date", "date_precision", "category", "title", "source_url"]
    translated = field_in("title", _view.lang)
    if _view.lang != DEFAULT_LANGUAGE and translated in _dispute.events.columns:
        fields.append(translated)
    current, earlier = events_for_view(_dispute, _view)
    return (
        tuple(current[fields].to_dict("records")),
        tuple(earlier[fields].to_dict("records")),
    )


def year_events(
    dispute: Dispute, pack_key: str, view: View
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """The view's year's events (numbered) and the earlier ones, without pandas per rerun.

    Keyed by the view's scene, which includes its language (:func:`geo.view.scene_key`).
    """
    return _year_events(dispute, pack_key, scene_key(view), view.year, view)


@st.cache_resource(max_entries=4096, show_spinner=False)
def _text_twin(
    _dispute: Dispute, pack_key: str, day: str, worldview: str, year_end: bool, language: str
) -> TextTwin:
    """The map's state in words for a day, naming and language (small, immutable, shared)."""
    del pack_key  # cache key only
    return describe(
        _dispute, dt.date.fromisoformat(day), worldview, end_of_year=year_end, language=language
    )


def text_twin(dispute: Dispute, pack_key: str, view: View) -> TextTwin:
    """The text twin of the view's map in the view's language (see :mod:`geo.twin`)."""
    key = f"{pack_key}|{pack_stamp(Path(pack_key))}"
    return _text_twin(dispute, key, view.date.isoformat(), view.worldview, not view.day, view.lang)


@st.cache_resource(max_entries=1024, show_spinner=False)
def _comparison(
    _dispute: Dispute, pack_key: str, first: str, second: str, worldview: str, language: str
) -> Comparison:
    """What changed between two days (small, shared; never mutated by callers)."""
    del pack_key  # cache key only
    first_day, second_day = dt.date.fromisoformat(first), dt.date.fromisoformat(second)
    return compare(_dispute, first_day, second_day, worldview, language=language)


def comparison(dispute: Dispute, pack_key: str, pair: CompareView) -> Comparison:
    """What changed between the two maps of a comparison (see :mod:`geo.compare`)."""
    key = f"{pack_key}|{pack_stamp(Path(pack_key))}"
    left, right = pair.sides()
    return _comparison(
        dispute, key, left.date.isoformat(), right.date.isoformat(), left.worldview, left.lang
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def _island_bounds(_dispute: Dispute, pack_key: str) -> tuple[float, float, float, float]:
    """The islands' extent (west, south, east, north) in degrees."""
    del pack_key  # cache key only
    west, south, east, north = (float(v) for v in _dispute.islands.total_bounds)
    return west, south, east, north


def island_bounds(dispute: Dispute, pack_key: str) -> tuple[float, float, float, float]:
    """Where the islands lie, for a map that should show them whole first."""
    return _island_bounds(dispute, f"{pack_key}|{pack_stamp(Path(pack_key))}")


class SizedCache:
    """A least-recently-used cache of byte or text strings bounded by their total size.

    ``st.cache_data`` and ``st.cache_resource`` bound entries, not bytes: 48
    animations, or 64 map documents of a pack at the limits, could hold a
    gigabyte. One instance is shared by every session (``st.cache_resource``).
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, bytes | str] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | str | None:
        """The cached value, marked as recently used, or ``None``."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: str, value: bytes | str) -> None:
        """Store a value, evicting the least recently used until the total fits."""
        if len(value) > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            self._size -= len(old) if old is not None else 0
            self._entries[key] = value
            self._size += len(value)
            while self._size > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._size -= len(evicted)

    @property
    def size(self) -> int:
        """Bytes held now."""
        return self._size


@st.cache_resource
def _exports_cache() -> SizedCache:
    """Finished exports, shared by all sessions."""
    return SizedCache(EXPORT_CACHE_BYTES)


@st.cache_resource
def _export_slots() -> threading.BoundedSemaphore:
    """At most this many exports render at once; the others wait their turn."""
    return threading.BoundedSemaphore(worker_slots())


def export_bytes(
    dispute: Dispute,
    pack_key: str,
    view: View | CompareView,
    fmt: str,
    dpi: int,
    progress: Callable[[int, int], None] | None = None,
    save_dpi: int | None = None,
    tour: str = "",
) -> bytes:
    """The exported file of a view, from the cache or from a capped worker process.

    ``save_dpi`` saves the ``dpi`` layout smaller (the page's preview). A
    :class:`~geo.compareview.CompareView` exports the two maps side by side.
    ``save_dpi`` saves the ``dpi`` layout smaller (the page's preview); ``tour``
    names a tour to export instead (:func:`geo.tourexport.export_tour`).

    Raises
    ------
    ExportError
        When the server is too busy, or the export runs out of time or memory.
    """
    key = f"{pack_key}|{pack_stamp(Path(pack_key))}|{view!r}|{fmt}|{dpi}|{save_dpi}|{tour}"
    cache = _exports_cache()
    found = cache.get(key)
    if isinstance(found, bytes):
        return found
    # matplotlib loads with the first image export, not with the map
    from geo.export import kind_of, render

    if not export_format(fmt, kind_of(view, tour)).in_worker:  # cheaper than a process
        data = render(dispute, view, fmt, dpi, tour=tour)
    else:
        slots = _export_slots()
        if not slots.acquire(timeout=EXPORT_QUEUE_SECONDS):
            raise ExportError("the server is busy with other exports; try again in a minute")
        try:
            data = export_in_worker(
                dispute, view, fmt, dpi, progress=progress, save_dpi=save_dpi, tour=tour
            )
        finally:
            slots.release()
    cache.put(key, data)
    return data


class _Throttle:
    """Lets an action through at most once per interval (shared by all sessions)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._last = float("-inf")
        self._lock = threading.Lock()

    def ready(self) -> bool:
        """True (and restarts the interval) when the interval has passed."""
        with self._lock:
            now = time.monotonic()
            if now - self._last < self.seconds:
                return False
            self._last = now
            return True


@st.cache_resource
def _collection_throttle() -> _Throttle:
    return _Throttle(COLLECT_SECONDS)


def collect_ended_sessions() -> None:
    """Run a full garbage collection when a new session starts (at most every few seconds).

    Streamlit drops an ended session's state, but the state sits in reference
    cycles, and with ``runner.postScriptGC`` off (it cost ~0.15 s per year
    change) only a full collection frees it, and with it the uploaded pack's
    folder (see ``ui.packs.UploadHandle``). A new visitor is a cheap, regular
    moment for it.
    """
    if _collection_throttle().ready():
        gc.collect()


@st.cache_resource
def upload_root() -> Path:
    """The folder uploaded packs are unpacked into: private to the server (see ui.uploads)."""
    return private_root(paths.upload_root())


@st.cache_resource
def server_start() -> bool:
    """Once per server process: start the export workers and clean up stale uploads.

    Folders left by a server that stopped without cleaning up (a crash, a kill)
    are removed now; this server's own are removed when it exits.
    """
    start_worker_server()
    sweep_upload_dirs(upload_root(), UPLOAD_MAX_AGE_SECONDS)
    atexit.register(remove_own_uploads)
    return True


def remove_own_uploads() -> None:
    """Remove the upload folders of this server process (when it stops)."""
    sweep_upload_dirs(upload_root(), UPLOAD_MAX_AGE_SECONDS, None, os.getpid())


@st.cache_data(ttl=300, show_spinner=False)
def online_tiles_available() -> bool:
    """Whether the online tile servers answer (checked at most every 5 minutes)."""
    if os.environ.get(OFFLINE_ENV_VAR, "").strip() not in ("", "0"):
        return False
    return any(tiles_reachable(b) for b in BASEMAPS.values() if b.online)
