"""Opening another dispute pack from an uploaded zip, per session."""

from __future__ import annotations

import weakref
from pathlib import Path

import streamlit as st

from geo import paths
from geo.errors import DisputeDataError
from geo.io import (
    ZipLimits,
    extract_pack_zip,
    new_upload_dir,
    remove_upload_dir,
    sweep_upload_dirs,
)
from geo.paths import MANIFEST_FILE
from ui.cache import UPLOAD_MAX_AGE_SECONDS, dispute_at
from ui.controls import NOTICES_KEY
from ui.display import md

UPLOAD_KEY = "uploaded_pack"
LIMITS = ZipLimits()


class UploadHandle:
    """One session's unpacked upload; its folder is deleted when the handle is.

    Kept in ``st.session_state``: when the session ends (tab closed, page
    reloaded) Streamlit drops its state, the handle is collected, and the
    finalizer removes the folder. Server start-up and each new upload sweep
    whatever a crash left behind (see :func:`geo.io.sweep_upload_dirs`).
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
            f"The uploaded pack “{md(uploaded.title)}” has expired; showing the shipped pack again."
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
        root = paths.upload_root()
        sweep_upload_dirs(root, UPLOAD_MAX_AGE_SECONDS)
        workdir = new_upload_dir(root)
        try:
            folder = extract_pack_zip(upload.getvalue(), workdir, LIMITS, name=upload.name)
            dispute = dispute_at(folder)
        except DisputeDataError as err:
            remove_upload_dir(workdir)
            st.error(f"“{md(upload.name)}” cannot be used. Problems found:")
            st.dataframe(
                [{"file": p.file, "where": p.place, "problem": p.message} for p in err.problems],
                hide_index=True,
                width="stretch",
            )
            return
        _forget_upload()
        st.session_state[UPLOAD_KEY] = UploadHandle(workdir, folder, dispute.manifest.title)
        st.rerun()
    uploaded = st.session_state.get(UPLOAD_KEY)
    if isinstance(uploaded, UploadHandle):
        st.info(f"This session shows the uploaded pack “{md(uploaded.title)}”.")
        if st.button("Back to the shipped pack", icon=":material/undo:"):
            _forget_upload()
            st.rerun()
