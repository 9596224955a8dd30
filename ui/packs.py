"""Opening another dispute pack from an uploaded zip, per session."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import streamlit as st

from geo.errors import DisputeDataError
from geo.io import ZipLimits, extract_pack_zip
from ui.cache import dispute_at

UPLOAD_KEY = "uploaded_pack"
LIMITS = ZipLimits()


def session_pack_folder(default: Path) -> Path:
    """The pack this session shows: its own upload, or the one named at start-up."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    return Path(uploaded["folder"]) if uploaded else default


def _forget_upload() -> None:
    """Drop this session's uploaded pack and its unpacked files."""
    uploaded = st.session_state.pop(UPLOAD_KEY, None)
    if uploaded:
        shutil.rmtree(uploaded["workdir"], ignore_errors=True)
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
        workdir = Path(tempfile.mkdtemp(prefix="dispute-pack-"))
        try:
            folder = extract_pack_zip(upload.getvalue(), workdir, LIMITS, name=upload.name)
            dispute = dispute_at(folder)
        except DisputeDataError as err:
            shutil.rmtree(workdir, ignore_errors=True)
            st.error(f"“{upload.name}” cannot be used. Problems found:")
            st.dataframe(
                [{"file": p.file, "where": p.place, "problem": p.message} for p in err.problems],
                hide_index=True,
                width="stretch",
            )
            return
        _forget_upload()
        st.session_state[UPLOAD_KEY] = {
            "folder": str(folder),
            "workdir": str(workdir),
            "title": dispute.manifest.title,
        }
        st.rerun()
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded:
        st.info(f"This session shows the uploaded pack “{uploaded['title']}”.")
        if st.button("Back to the shipped pack", icon=":material/undo:"):
            _forget_upload()
            st.rerun()
