"""No session can stop the server for others: bounded work, and uploads cleaned up.

These tests run the real server in a subprocess and drive it with the system
Chromium, as a user would.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser_support import map_frame, running_server
from tests.conftest import REPO_ROOT, zip_folder
from tests.edge_packs import pack_at_the_limits

pytestmark = pytest.mark.browser
HANS = REPO_ROOT / "data" / "packs" / "hans-island"
# A server that answers at all answers its health check in milliseconds; one whose
# interpreter is held by a session's work does not answer until that work ends, so
# its slowest answer is about as long as the whole opening. Judged relative to the
# opening, so a busy machine (slower at both) does not change the verdict.
SLOWEST_SHARE_OF_OPENING = 0.5


def _poll_health(url: str, stop: threading.Event, latencies: list[float]) -> None:
    """Ask the server's health endpoint every 100 ms, recording how long each answer took."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as answer:
                answer.read()
        except OSError:
            latencies.append(float("inf"))
        else:
            latencies.append(time.monotonic() - started)
        stop.wait(0.1)


def test_others_are_answered_while_a_session_opens_the_largest_pack(browser, tmp_path):
    pack = pack_at_the_limits(tmp_path / "pack")
    with running_server(env={"DISPUTE_PACK": str(pack)}) as (url, _):
        stop = threading.Event()
        latencies: list[float] = []
        poller = threading.Thread(target=_poll_health, args=(url, stop, latencies))
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        poller.start()
        started = time.monotonic()
        try:
            # events from 1900 on: a map the server did not prepare at start-up, so
            # this session builds every state of the largest pack's scene
            page.goto(f"{url}/?year=1950&from=1900")
            frame = map_frame(page)
            expect(frame.locator("path.leaflet-interactive").first).to_be_attached(timeout=180_000)
            opening = time.monotonic() - started
        finally:
            stop.set()
            poller.join()
            context.close()
    assert len(latencies) >= 5
    slowest = max(latencies)
    assert slowest < SLOWEST_SHARE_OF_OPENING * opening, (
        f"slowest answer {slowest:.2f} s of {len(latencies)} while the map took {opening:.2f} s"
    )


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


def test_upload_folders_live_no_longer_than_their_session_or_server(browser, tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir(mode=0o700)  # private, as the server requires of its upload folder
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left_by_a_crash = uploads / f"{dead.pid}-crashed1"  # named and made as the server makes them
    left_by_a_crash.mkdir(mode=0o700)
    (left_by_a_crash / "pack").mkdir()
    archive = tmp_path / "hans.zip"
    archive.write_bytes(zip_folder(HANS))
    env = {"DISPUTE_UPLOAD_DIR": str(uploads)}
    ttl = ("--server.disconnectedSessionTTL", "1")
    with running_server(env=env, extra_args=ttl) as (url, server):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{url}/data_sources")
        expect(page.locator('input[type="file"]')).to_be_attached(timeout=120_000)
        page.locator('input[type="file"]').set_input_files(str(archive))
        page.get_by_role("button", name=re.compile("Open this pack")).click()
        expect(page.get_by_text(re.compile("shows the uploaded pack")).first).to_be_visible(
            timeout=60_000
        )
        assert not left_by_a_crash.exists()  # swept when the server started serving
        (session_folder,) = list(uploads.iterdir())
        assert session_folder.name.startswith(f"{server.pid}-")
        context.close()  # the tab is closed: the session ends
        # Streamlit forgets a disconnected session after its TTL, at the next
        # session event; a new visitor is one.
        other = browser.new_context().new_page()
        gone = _wait_for(
            lambda: (other.goto(f"{url}/"), time.sleep(1.5), not session_folder.exists())[-1],
            60,
        )
        assert gone, "the upload folder outlived its session"
        other.context.close()
        # A folder the server still holds when it stops goes with it.
        still_held = uploads / f"{server.pid}-heldheld"
        still_held.mkdir(mode=0o700)
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        assert not still_held.exists()


# Measured after 50 year changes on the largest pack allowed (README, "Limits").
RSS_GROWTH_BOUND_MB = 300


def _rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def test_fifty_year_changes_on_the_largest_pack_keep_memory_bounded(browser, tmp_path):
    pack = pack_at_the_limits(tmp_path / "pack")
    with running_server(env={"DISPUTE_PACK": str(pack)}) as (url, server):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{url}/?year=1900")
        frame = map_frame(page)
        expect(frame.locator("path.leaflet-interactive").first).to_be_attached(timeout=180_000)
        expect(page.get_by_role("heading", name="Events in 1900")).to_be_visible(timeout=120_000)
        before = _rss_mb(server.pid)
        slider = frame.locator(".kt-slider")
        for year in range(1901, 1951):
            slider.focus()
            page.keyboard.press("ArrowRight")
            # let each change reach the server (the page follows the map, debounced)
            expect(page.get_by_role("heading", name=f"Events in {year}")).to_be_visible(
                timeout=120_000
            )
        after = _rss_mb(server.pid)
        context.close()
    assert after - before < RSS_GROWTH_BOUND_MB, (before, after)
