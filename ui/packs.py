"""Which pack a session shows: a shipped one picked in the gallery or named by the
link (``?pack=``), or its own uploaded zip."""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

import streamlit as st

from geo.errors import DisputeDataError, Problem
from geo.io import ZipLimits, extract_pack_zip
from geo.paths import MANIFEST_FILE
from ui import comparing, story
from ui.cache import (
    UPLOAD_MAX_AGE_SECONDS,
    dispute_at,
    pack_catalogue,
    pack_thumbnail,
    shipped_or_configured_folder,
    upload_root,
)
from ui.controls import NOTICES_KEY, PACK_LINK_KEY, PACK_PARAM, VIEW_KEY
from ui.display import md, picture
from ui.uploads import UPLOAD_BYTES, new_upload_dir, remove_upload_dir, sweep_upload_dirs

UPLOAD_KEY = "uploaded_pack"
CHOICE_KEY = "pack_choice"  # the id of the shipped pack the session shows
LIMITS = ZipLimits(max_zip_bytes=UPLOAD_BYTES)
_LOG = logging.getLogger(__name__)


class UploadHandle:
    """One session's unpacked upload; its folder is deleted when the handle is.

    Kept in ``st.session_state``: when the session ends (tab closed, page
    reloaded) Streamlit drops its state, the handle is collected, and the
    finalizer removes the folder. Server start-up and each new upload sweep
    whatever a crash left behind (see :func:`ui.uploads.sweep_upload_dirs`).
    """

    def __init__(self, workdir: Path, folder: Path, title: str) -> None:
        self.workdir = workdir
        self.folder = folder
        self.title = title
        self._finalizer = weakref.finalize(self, remove_upload_dir, workdir)

    def release(self) -> None:
        """Delete the folder now."""
        self._finalizer()


def chosen_pack_folder() -> Path:
    """The shipped pack this session shows: the one picked, or named by the link.

    The link's ``pack`` is read on the session's first run and checked against
    the ids of the packs offered (nothing else names a folder); an unknown one
    leaves the default pack on screen with a notice.
    """
    catalogue = pack_catalogue()
    configured = shipped_or_configured_folder()
    if not catalogue or catalogue[0][1] != configured.resolve():
        return configured  # the default pack is broken: the page says why, not another pack
    by_id = {card.id: folder for card, folder in catalogue}
    default = catalogue[0][0]
    state = st.session_state
    if CHOICE_KEY not in state:
        wanted = st.query_params.get(PACK_PARAM)
        state[CHOICE_KEY] = wanted if wanted in by_id else default.id
        if wanted is not None and wanted not in by_id:
            state.setdefault(NOTICES_KEY, []).append(
                f"The link names a pack “{wanted[:64]}” that is not offered here; "
                f"showing “{default.title}”."
            )
    chosen = state[CHOICE_KEY] if state[CHOICE_KEY] in by_id else default.id
    shows_upload = isinstance(state.get(UPLOAD_KEY), UploadHandle)
    state[PACK_LINK_KEY] = "" if chosen == default.id or shows_upload else chosen
    return by_id[chosen]


def pack_gallery(showing: str) -> None:
    """The packs offered, as cards (picture, title, years, size); Open switches to one.

    Parameters
    ----------
    showing : str
        The id of the pack on screen (its card says so instead of offering it).
    """
    catalogue = pack_catalogue()
    default_id = catalogue[0][0].id if catalogue else ""
    columns = st.columns(3, gap="medium")
    for number, (card, folder) in enumerate(catalogue):
        with columns[number % 3], st.container(border=True, key=f"pack-card-{number}"):
            picture(pack_thumbnail(folder), f"Map of {card.title}")
            st.markdown(f"**{md(card.title)}**")
            groups = f"{card.groups} island group" + ("s" if card.groups != 1 else "")
            events = f"{card.events} event" + ("s" if card.events != 1 else "")
            st.caption(md(f"{card.first_year}–{card.last_year} · {groups} · {events}"))
            st.caption(md(card.subtitle))
            if card.id == showing:
                st.button("Showing now", key=f"pack-open-{number}", disabled=True, width="stretch")
            elif st.button(
                "Open",
                key=f"pack-open-{number}",
                icon=":material/map:",
                width="stretch",
                help=f"Open {card.title} on the map",
            ):
                _forget_upload()
                st.session_state[CHOICE_KEY] = card.id
                link = {} if card.id == default_id else {PACK_PARAM: card.id}
                st.switch_page("pages/map.py", query_params=link)


def session_pack_folder(default: Path) -> Path:
    """The pack this session shows: its own upload, or the one named at start-up."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if isinstance(uploaded, UploadHandle):
        if (uploaded.folder / MANIFEST_FILE).is_file():
            return uploaded.folder
        _forget_upload()
        st.session_state.setdefault(NOTICES_KEY, []).append(
            f"The uploaded pack “{uploaded.title}” has expired; showing the shipped pack again."
        )
    return default


def _forget_upload() -> None:
    """Drop this session's uploaded pack and its unpacked files."""
    uploaded = st.session_state.pop(UPLOAD_KEY, None)
    if isinstance(uploaded, UploadHandle):
        uploaded.release()
    forget_pack_state()


def forget_pack_state() -> None:
    """Drop what belongs to the pack on screen (its view, comparison, tour step)."""
    for key in (
        VIEW_KEY,  # the next run reads the view afresh, for the new pack
        comparing.COMPARE_KEY,
        comparing.WRITTEN_KEY,
        comparing.PENDING_KEY,
        story.PLACE_KEY,
        "w_tour",
    ):
        st.session_state.pop(key, None)


def pack_uploader() -> None:
    """Upload a zipped pack; show its problems as a list, or switch this session to it."""
    st.markdown("**Open another dispute pack**")
    st.caption(
        f"A zip of a pack folder (pack.json, an islands GeoJSON, events.csv, sovereignty.csv; "
        f"see the README). At most {LIMITS.max_zip_bytes // 1_000_000} MB and "
        f"{LIMITS.max_files} files. It is checked before use, seen only in your session, "
        "and the shipped data is never changed."
    )
    upload = st.file_uploader("Pack (.zip)", type=["zip"], key="w_pack_upload")
    wants_open = upload is not None and st.button("Open this pack", icon=":material/folder_open:")
    if wants_open and upload is not None and open_zip(upload.name, upload.getvalue()):
        st.rerun()
    uploaded = st.session_state.get(UPLOAD_KEY)
    if isinstance(uploaded, UploadHandle):
        st.info(f"This session shows the uploaded pack “{md(uploaded.title)}”.")
        if st.button("Back to the shipped pack", icon=":material/undo:"):
            _forget_upload()
            st.rerun()


def open_zip(name: str, data: bytes) -> bool:
    """Switch this session to a zipped pack; else list its problems on the page."""
    opened = _open_upload(name, data)
    if isinstance(opened, UploadHandle):
        _forget_upload()
        st.session_state[UPLOAD_KEY] = opened
        return True
    st.error(f"“{md(name)}” cannot be used. Problems found:")
    st.dataframe(
        [{"file": p.file, "where": p.place, "problem": p.message} for p in opened],
        hide_index=True,
        width="stretch",
    )
    return False


def _open_upload(name: str, data: bytes) -> UploadHandle | list[Problem]:
    """Unpack and validate an uploaded zip; its folder is removed again on any failure."""
    root = upload_root()
    sweep_upload_dirs(root, UPLOAD_MAX_AGE_SECONDS)
    workdir = new_upload_dir(root)
    try:
        folder = extract_pack_zip(data, workdir, LIMITS, name=name)
        dispute = dispute_at(folder)
    except DisputeDataError as err:
        remove_upload_dir(workdir)
        return list(err.problems)
    except BaseException as err:
        remove_upload_dir(workdir)
        if not isinstance(err, Exception):
            raise  # stopping the run (a rerun, the server ending) is not the pack's fault
        _LOG.exception("An uploaded pack could not be opened")
        return [Problem(name, "file", "could not be opened: an unexpected error (in the log)")]
    return UploadHandle(workdir, folder, dispute.manifest.title)
