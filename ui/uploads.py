"""Uploads on the server: the bytes held for them, and the folders packs are unpacked into.

Two things bound what an uploader can make the server hold:

- :class:`UploadGuard`, an ASGI middleware in front of Streamlit's upload
  endpoint (``PUT /_stcore/upload_file/<session>/<file>``). Streamlit bounds
  one file (``server.maxUploadSize``) but not how many a session sends, and it
  keeps each in memory until the session ends: one page visit could fill the
  server's memory. The guard keeps at most one pending upload per session (a
  newer one replaces it), one upload in flight per session, and refuses
  uploads past a total for the whole server.
- The upload root, a folder private to the server's user, and the sweep that
  removes what a stopped server left in it, never following a link and never
  removing a folder it did not make.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_LOG = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# One uploaded pack may be this large (Streamlit's server.maxUploadSize says the same, in MB).
UPLOAD_BYTES = 20 * 1024 * 1024
# All sessions' pending uploads together, in memory: five packs of the largest size.
UPLOADS_TOTAL_BYTES = 5 * UPLOAD_BYTES
# Multipart framing around the file (boundary lines, headers of the part).
_FRAMING_BYTES = 64 * 1024
_UPLOAD_PATH = re.compile(r"/_stcore/upload_file/(?P<session>[^/]+)/(?P<file>[^/]+)")


@dataclass
class _Pending:
    """An upload the guard let through and Streamlit holds for a session."""

    file_id: str
    size: int


class UploadGuard:
    """ASGI middleware bounding the bytes uploads hold, per session and in total.

    Parameters
    ----------
    app : ASGI application
        The server behind it (Streamlit's).
    runtime : callable
        Returns Streamlit's running ``Runtime`` (its ``uploaded_file_mgr`` and
        ``is_active_session``); looked up per request, after the server started.
    per_upload : int
        The largest request body accepted (one file and its framing).
    total : int
        Bytes of pending and in-flight uploads the whole server may hold.

    Notes
    -----
    A request without ``Content-Length`` is refused (411): browsers always send
    it with a file, and without it the size is unknown until it has been held.
    Refusals past the total answer 503 with ``Retry-After``. When a session's
    new upload has been stored, its earlier one is removed from Streamlit's
    store, so a session holds one pending file at most; a session that has
    ended has its files removed by Streamlit and is forgotten here.
    """

    def __init__(
        self,
        app: ASGIApp,
        runtime: Callable[[], Any],
        per_upload: int = UPLOAD_BYTES + _FRAMING_BYTES,
        total: int = UPLOADS_TOTAL_BYTES,
    ) -> None:
        self.app = app
        self.runtime = runtime
        self.per_upload = per_upload
        self.total = total
        self._pending: dict[str, _Pending] = {}  # session id -> its stored upload
        self._in_flight: dict[str, int] = {}  # session id -> bytes being received

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Let a request through, or refuse an upload past the bounds."""
        found = _UPLOAD_PATH.search(scope.get("path", "")) if scope["type"] == "http" else None
        if found is None or scope.get("method") != "PUT":
            await self.app(scope, receive, send)
            return
        session, file_id = found["session"], found["file"]
        size = _content_length(scope)
        refusal = self._refusal(session, size)
        if refusal is not None:
            if size is not None and size <= self.per_upload:
                await _drain(receive)  # read and drop it, so the client hears the answer
            await _refuse(send, *refusal)
            return
        assert size is not None  # a refusal was given otherwise
        self._in_flight[session] = size
        status: list[int] = []

        async def noting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await send(message)

        try:
            await self.app(scope, receive, noting_send)
        finally:
            del self._in_flight[session]
        if status and 200 <= status[0] < 300:
            self._stored(session, file_id, size)

    def pending_bytes(self) -> int:
        """Bytes of uploads held for sessions now, and of those being received."""
        self._forget_gone()
        return sum(p.size for p in self._pending.values()) + sum(self._in_flight.values())

    def _refusal(self, session: str, size: int | None) -> tuple[int, str] | None:
        """Why an upload must be refused (status, words), or None."""
        if size is None:
            return 411, "An upload must state its size (Content-Length)."
        if size > self.per_upload:
            return 413, f"An upload may be at most {UPLOAD_BYTES // 1_000_000} MB."
        if session in self._in_flight:
            return 429, "This session is already sending an upload."
        mine = self._pending.get(session)
        others = self.pending_bytes() - (mine.size if mine else 0)
        if others + size > self.total:
            return 503, "The server holds as many uploads as it can; try again in a minute."
        return None

    def _stored(self, session: str, file_id: str, size: int) -> None:
        """Keep the session's new upload; remove the one it replaces from Streamlit's store."""
        earlier = self._pending.get(session)
        self._pending[session] = _Pending(file_id, size)
        if earlier is not None and earlier.file_id != file_id:
            self.runtime().uploaded_file_mgr.remove_file(session, earlier.file_id)

    def _forget_gone(self) -> None:
        """Forget uploads whose session ended or that Streamlit no longer holds."""
        runtime = self.runtime()
        manager = runtime.uploaded_file_mgr
        for session, pending in list(self._pending.items()):
            if not runtime.is_active_session(session) or not manager.get_files(
                session, [pending.file_id]
            ):
                manager.remove_session_files(session)
                del self._pending[session]


def _content_length(scope: Scope) -> int | None:
    """The request's declared body size, or None when absent or malformed."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isascii() and text.isdigit() else None
    return None


async def _drain(receive: Receive) -> None:
    """Read a request's body and drop it (a client still sending misses an early answer)."""
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body"):
            return


async def _refuse(send: Send, status: int, words: str) -> None:
    """Answer a refused upload with plain text (the frontend shows that it failed)."""
    body = words.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
    if status == 503:
        headers.append((b"retry-after", b"60"))
    headers.append((b"content-length", str(len(body)).encode("ascii")))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# ---- the folders uploaded packs are unpacked into -------------------------------------

# mkdtemp's names: the server's process id, a dash and eight random characters.
_FOLDER_NAME = re.compile(r"(?P<pid>[0-9]{1,10})-[a-z0-9_]{8}", re.ASCII)


def private_root(wanted: Path) -> Path:
    """The upload root to use: ``wanted`` when it is the server's own, else a new private one.

    ``wanted`` is made (mode 0700) if it does not exist. It is used only when it
    is a real folder (not a link), owned by the server's user and closed to
    others; otherwise another local user could read the uploads or point the
    sweep at their own choice of folder, and a new folder made by ``mkdtemp``
    is used instead (and the reason logged).

    Parameters
    ----------
    wanted : pathlib.Path
        The configured root (``$DISPUTE_UPLOAD_DIR``, or one in the temp folder).

    Returns
    -------
    pathlib.Path
    """
    try:
        wanted.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = os.lstat(wanted)
    except OSError as err:
        reason = f"cannot be made: {err.strerror or type(err).__name__}"
    else:
        reason = _not_private(found)
        if reason is None:
            return wanted
    fresh = Path(tempfile.mkdtemp(prefix="dispute-explorer-uploads-"))
    _LOG.warning("The upload folder %s %s; using %s instead.", wanted, reason, fresh)
    return fresh


def _not_private(found: os.stat_result) -> str | None:
    """Why a folder's status makes it unfit as the upload root, or None."""
    if stat.S_ISLNK(found.st_mode):
        return "is a link"
    if not stat.S_ISDIR(found.st_mode):
        return "is not a folder"
    if hasattr(os, "getuid") and found.st_uid != os.getuid():
        return "belongs to another user"
    if found.st_mode & 0o077:
        return "is open to other users"
    return None


def new_upload_dir(root: Path) -> Path:
    """A new, empty, private folder for one uploaded pack, named after this process."""
    return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))


def remove_upload_dir(folder: Path) -> None:
    """Delete an upload folder and everything in it (nothing if it is gone).

    ``shutil.rmtree`` never follows a link inside the folder (on Linux it works
    on open folders: ``shutil.rmtree.avoids_symlink_attacks``).
    """
    shutil.rmtree(folder, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists but belongs to someone else
        return True
    except OverflowError:  # not a process id at all
        return False
    return True


def sweep_upload_dirs(
    root: Path, max_age_seconds: float, now: float | None = None, only_pid: int | None = None
) -> list[Path]:
    """Remove upload folders whose server has stopped or that are older than an age.

    Only folders this code makes are touched: named like :func:`new_upload_dir`'s,
    real folders (never a link), owned by the server's user. Everything else in
    the root is left as it is.

    Parameters
    ----------
    root : pathlib.Path
        The folder that holds the upload folders (:func:`private_root`).
    max_age_seconds : float
        Folders last changed longer ago than this are removed whatever their server.
    now : float, optional
        The current time (``time.time()``), for tests.
    only_pid : int, optional
        Remove every folder of this process instead (at server shutdown).

    Returns
    -------
    list of pathlib.Path
        The folders removed.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return []
    for entry in entries:
        named = _FOLDER_NAME.fullmatch(entry.name)
        try:
            found = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if named is None or _not_private(found) is not None:
            continue  # not a folder this code made: never removed
        pid = int(named["pid"])
        if only_pid is not None:
            stale = pid == only_pid
        else:
            stale = not _process_alive(pid) or now - found.st_mtime > max_age_seconds
        if stale:
            folder = Path(entry.path)
            remove_upload_dir(folder)
            removed.append(folder)
    return removed
