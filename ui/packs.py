"""Opening another dispute pack from an uploaded zip, per session."""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

import streamlit as st

from geo.errors import DisputeDataError, Problem
from geo.io import ZipLimits, extract_pack_zip
from geo.paths import MANIFEST_FILE
from ui.cache import UPLOAD_MAX_AGE_SECONDS, dispute_at, upload_root
from ui.controls import NOTICES_KEY
from ui.display import md
from ui.uploads import UPLOAD_BYTES, new_upload_dir, remove_upload_dir, sweep_upload_dirs

UPLOAD_KEY = "uploaded_pack"
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
    st.session_state.pop("view", None)  # the next run reads the view afresh


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
    if upload is not None and st.button("Open this pack", icon=":material/folder_open:"):
        opened = _open_upload(upload.name, upload.getvalue())
        if isinstance(opened, UploadHandle):
            _forget_upload()
            st.session_state[UPLOAD_KEY] = opened
            st.rerun()
        st.error(f"“{md(upload.name)}” cannot be used. Problems found:")
        st.dataframe(
            [{"file": p.file, "where": p.place, "problem": p.message} for p in opened],
            hide_index=True,
            width="stretch",
        )
    uploaded = st.session_state.get(UPLOAD_KEY)
    if isinstance(uploaded, UploadHandle):
        st.info(f"This session shows the uploaded pack “{md(uploaded.title)}”.")
        if st.button("Back to the shipped pack", icon=":material/undo:"):
            _forget_upload()
            st.rerun()


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
