"""The real server's upload endpoint, played by a hostile client without a browser: one
session cannot fill the server's memory, and the memory returns when the client goes."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from tests.browser_support import running_server
from tests.streamlit_client import (
    one_run,
    open_socket,
    put_upload,
    rerun_message,
    run_apart,
    session_id,
    xsrf_cookie,
)

pytestmark = pytest.mark.slow
MB = 1024 * 1024
BODY = b"\0" * (19 * MB)  # just under the 20 MB a file may be


def _rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


async def _session_sending(url: str, cookie: str, uploads: int) -> list[int]:
    """Open one session and, while it is open, PUT ``uploads`` files of 19 MB."""
    loop = asyncio.get_running_loop()
    async with open_socket(url) as socket:
        await socket.send(rerun_message(""))
        session = session_id(await one_run(socket))
        statuses = []
        for _ in range(uploads):
            status, _ = await loop.run_in_executor(None, put_upload, url, session, BODY, cookie)
            statuses.append(status)
        return statuses


def test_one_session_cannot_fill_the_servers_memory_with_uploads():
    ttl = ("--server.disconnectedSessionTTL", "2")
    with running_server(extra_args=ttl) as (url, server):
        cookie = xsrf_cookie(url)
        run_apart(_session_sending(url, cookie, 1))  # the server's first upload, as a baseline
        time.sleep(4)
        before = _rss_mb(server.pid)
        statuses = run_apart(_session_sending(url, cookie, 12))
        during = _rss_mb(server.pid)
        # the session is gone; Streamlit forgets it after its TTL, at the next session event
        deadline = time.monotonic() + 60
        after = during
        while time.monotonic() < deadline:
            time.sleep(3)
            run_apart(_session_sending(url, cookie, 0))
            after = _rss_mb(server.pid)
            if after < before + 10:
                break
    assert statuses == [204] * 12  # each accepted, each replacing the one before
    # twelve uploads of 19 MB held at once would be 228 MB; one pending and one being
    # received are at most 40 MB; once the session is gone, so is its upload's memory
    assert during - before < 45, (before, during)
    assert after - before < 10, (before, during, after)


async def _sessions_each_sending_one(url: str, cookie: str, sessions: int) -> list[int]:
    """``sessions`` sessions open at once, each PUTting one 19 MB file in turn."""
    loop = asyncio.get_running_loop()
    sockets = [await open_socket(url).__aenter__() for _ in range(sessions)]
    try:
        ids = []
        for socket in sockets:
            await socket.send(rerun_message(""))
            ids.append(session_id(await one_run(socket)))
        return [
            (await loop.run_in_executor(None, put_upload, url, session, BODY, cookie))[0]
            for session in ids
        ]
    finally:
        for socket in sockets:
            await socket.close()


def test_uploads_past_the_servers_total_are_refused():
    with running_server() as (url, _):
        statuses = run_apart(_sessions_each_sending_one(url, xsrf_cookie(url), 6))
    assert statuses == [204] * 5 + [503]
