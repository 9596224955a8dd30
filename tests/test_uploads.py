"""Uploaded packs' folders live no longer than their session, or their server."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

from geo.io import new_upload_dir, sweep_upload_dirs
from ui.packs import UploadHandle

DAY = 24 * 3600.0


def _dead_pid() -> int:
    """The id of a process that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_sweep_removes_folders_of_stopped_servers_and_old_ones(tmp_path):
    mine = new_upload_dir(tmp_path)
    orphan = tmp_path / f"{_dead_pid()}-abc"
    orphan.mkdir()
    (orphan / "pack.json").write_text("{}")
    old = new_upload_dir(tmp_path)
    os.utime(old, (time.time() - 2 * DAY, time.time() - 2 * DAY))
    stray = tmp_path / "not-ours"
    stray.mkdir()
    removed = sweep_upload_dirs(tmp_path, DAY)
    assert sorted(removed) == sorted([orphan, old, stray])
    assert mine.is_dir() and not orphan.exists() and not old.exists()


def test_sweep_at_exit_removes_only_this_process_folders(tmp_path):
    mine = new_upload_dir(tmp_path)
    other = tmp_path / "1-someone-else"
    other.mkdir()
    sweep_upload_dirs(tmp_path, DAY, only_pid=os.getpid())
    assert not mine.exists() and other.is_dir()


def test_an_upload_folder_goes_when_its_session_state_is_dropped(tmp_path):
    workdir = new_upload_dir(tmp_path)
    (workdir / "pack").mkdir()
    handle = UploadHandle(workdir, workdir / "pack", "A pack")
    state = {"uploaded_pack": handle}
    del handle
    assert workdir.is_dir()
    state.clear()  # what Streamlit does with a session's state when the session ends
    gc.collect()
    assert not workdir.exists()


def test_releasing_an_upload_removes_its_folder_at_once(tmp_path):
    workdir = new_upload_dir(tmp_path)
    handle = UploadHandle(workdir, workdir, "A pack")
    handle.release()
    assert not Path(workdir).exists()
