"""Uploads: the bytes they hold on the server are bounded, and their folders are private,
cleaned up, and live no longer than their session or their server."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.streamlit_client import run_apart
from ui.packs import UploadHandle
from ui.uploads import (
    UPLOAD_BYTES,
    UploadGuard,
    new_upload_dir,
    private_root,
    sweep_upload_dirs,
)

DAY = 24 * 3600.0
MB = 1024 * 1024


def _dead_pid() -> int:
    """The id of a process that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# ---- the guard in front of the upload endpoint ------------------------------------------


class _FakeManager:
    """Streamlit's uploaded-file store, as far as the guard uses it."""

    def __init__(self) -> None:
        self.files: dict[str, dict[str, int]] = {}

    def get_files(self, session: str, ids: list[str]) -> list[str]:
        return [i for i in ids if i in self.files.get(session, {})]

    def remove_file(self, session: str, file_id: str) -> None:
        self.files.get(session, {}).pop(file_id, None)

    def remove_session_files(self, session: str) -> None:
        self.files.pop(session, None)


class _FakeRuntime:
    def __init__(self) -> None:
        self.uploaded_file_mgr = _FakeManager()
        self.sessions: set[str] = set()

    def is_active_session(self, session: str) -> bool:
        return session in self.sessions


class _Server:
    """Streamlit's upload route: stores the file for an active session and answers 204."""

    def __init__(self, runtime: _FakeRuntime) -> None:
        self.runtime = runtime
        self.calls = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        session, file_id = scope["path"].split("/")[-2:]
        status = 400
        if session in self.runtime.sessions:
            size = int(dict(scope["headers"])[b"content-length"])
            self.runtime.uploaded_file_mgr.files.setdefault(session, {})[file_id] = size
            status = 204
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def _put(guard: UploadGuard, session: str, file_id: str, size: int | None) -> int:
    """Send one PUT through the guard; the status answered."""
    headers = [] if size is None else [(b"content-length", str(size).encode())]
    scope = {
        "type": "http",
        "method": "PUT",
        "path": f"/_stcore/upload_file/{session}/{file_id}",
        "headers": headers,
    }
    answers: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answers.append(message["status"])

    run_apart(guard(scope, receive, send))
    return answers[0]


@pytest.fixture
def guarded() -> tuple[UploadGuard, _FakeRuntime, _Server]:
    runtime = _FakeRuntime()
    server = _Server(runtime)
    return UploadGuard(server, lambda: runtime, total=5 * UPLOAD_BYTES), runtime, server


def test_a_session_holds_one_pending_upload_however_many_it_sends(guarded):
    guard, runtime, _ = guarded
    runtime.sessions.add("s1")
    for number in range(20):
        assert _put(guard, "s1", f"f{number}", 19 * MB) == 204
    assert runtime.uploaded_file_mgr.files["s1"] == {"f19": 19 * MB}
    assert guard.pending_bytes() == 19 * MB


def test_uploads_past_the_total_are_refused_for_a_minute(guarded):
    guard, runtime, server = guarded
    sessions = [f"s{n}" for n in range(6)]
    runtime.sessions.update(sessions)
    answers = [_put(guard, session, "f", 19 * MB) for session in sessions]
    assert answers == [204] * 5 + [503]
    assert server.calls == 5  # the refused one never reached Streamlit
    runtime.sessions.discard("s0")  # a session ends: Streamlit drops its files
    runtime.uploaded_file_mgr.remove_session_files("s0")
    assert _put(guard, "s5", "f", 19 * MB) == 204


def test_an_oversized_or_unsized_upload_never_reaches_the_server(guarded):
    guard, runtime, server = guarded
    runtime.sessions.add("s1")
    assert _put(guard, "s1", "f", UPLOAD_BYTES + 1 * MB) == 413
    assert _put(guard, "s1", "f", None) == 411
    assert server.calls == 0


def test_a_session_sends_one_upload_at_a_time(guarded):
    guard, runtime, _ = guarded
    runtime.sessions.add("s1")
    guard._in_flight["s1"] = 1 * MB  # another upload of the session is being received
    assert _put(guard, "s1", "f2", 1 * MB) == 429


def test_uploads_for_unknown_sessions_hold_nothing(guarded):
    guard, _, _ = guarded
    assert _put(guard, "nobody", "f", 19 * MB) == 400
    assert guard.pending_bytes() == 0


def test_other_requests_pass_untouched(guarded):
    guard, _, _ = guarded
    scope = {"type": "http", "method": "GET", "path": "/_stcore/health", "headers": []}
    seen: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["path"])

    guard.app = app
    run_apart(guard(scope, None, None))  # type: ignore[arg-type]
    assert seen == ["/_stcore/health"]


# ---- the folders packs are unpacked into ------------------------------------------------


def test_the_upload_root_is_made_private(tmp_path):
    root = private_root(tmp_path / "uploads")
    assert root == tmp_path / "uploads"
    assert root.stat().st_mode & 0o777 == 0o700


def test_a_root_that_is_a_link_is_never_used(tmp_path):
    target = tmp_path / "someone-elses"
    target.mkdir(mode=0o700)
    keep = target / "12345-abcdefgh"
    keep.mkdir()
    link = tmp_path / "uploads"
    link.symlink_to(target)
    root = private_root(link)
    assert root != link and not root.is_symlink() and root.stat().st_mode & 0o777 == 0o700
    sweep_upload_dirs(root, DAY)
    assert keep.is_dir()  # nothing in the link's target was touched


def test_a_root_open_to_other_users_is_never_used(tmp_path):
    shared = tmp_path / "uploads"
    shared.mkdir()
    shared.chmod(0o777)
    root = private_root(shared)
    assert root != shared and root.stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder another user owns needs root")
def test_a_root_another_user_owns_is_never_used(tmp_path):
    theirs = tmp_path / "uploads"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    assert private_root(theirs) != theirs


def test_sweep_removes_folders_of_stopped_servers_and_old_ones(tmp_path):
    mine = new_upload_dir(tmp_path)
    orphan = tmp_path / f"{_dead_pid()}-abcdefgh"
    orphan.mkdir(mode=0o700)
    (orphan / "pack.json").write_text("{}")
    old = new_upload_dir(tmp_path)
    os.utime(old, (time.time() - 2 * DAY, time.time() - 2 * DAY))
    removed = sweep_upload_dirs(tmp_path, DAY)
    assert sorted(removed) == sorted([orphan, old])
    assert mine.is_dir() and not orphan.exists() and not old.exists()


def test_sweep_never_removes_what_it_did_not_make(tmp_path):
    stray = tmp_path / "not-ours"
    stray.mkdir()
    looks_like_ours = tmp_path / f"{_dead_pid()}-abcdefgh"
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "precious").mkdir(parents=True)
    looks_like_ours.symlink_to(elsewhere)
    readable = tmp_path / f"{_dead_pid()}-zyxwvuts"
    readable.mkdir(mode=0o755)  # not made by mkdtemp (which makes 0700)
    assert sweep_upload_dirs(tmp_path, DAY) == []
    assert stray.is_dir() and (elsewhere / "precious").is_dir() and readable.is_dir()


def test_sweep_at_exit_removes_only_this_process_folders(tmp_path):
    mine = new_upload_dir(tmp_path)
    other = tmp_path / "1-abcdefgh"
    other.mkdir(mode=0o700)
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
