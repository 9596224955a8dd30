"""Ten browser sessions at once against one server: no errors (timings are reported, not tested)."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.load_test import run
from tests.browser_support import REPO_ROOT, chromium_path, running_app

pytestmark = pytest.mark.browser


def test_ten_sessions_at_once_without_errors():
    chromium_path()  # fails in CI, skips elsewhere, when Chromium is missing
    with running_app() as url, ThreadPoolExecutor(max_workers=1) as worker:
        # its own thread: another test's sync Playwright may own this thread's event loop
        report = worker.submit(asyncio.run, run(url, sessions=10)).result()
    (REPO_ROOT / "test-artifacts").mkdir(exist_ok=True)
    (REPO_ROOT / "test-artifacts" / "load-report.json").write_text(json.dumps(report, indent=1))
    assert report["errors"] == []
    actions = report["actions"]
    assert actions["year change"]["n"] == 30
    # every opening was also timed inside its page (navigation to the islands drawn)
    assert actions["open map, in the page"]["n"] == 10
    # every change was also timed inside its page (the map's own repaint under load)
    assert report["year change in the page, key press to next frame"]["n"] == 30
    assert actions["export PNG"]["n"] == 10


def test_ten_readers_without_browsers_get_the_map_then_the_whole_page():
    # bench/server_load.py: clients that ask the server for what a browser asks for
    from bench.server_load import APP, _readers, record_page_files

    with running_app() as url, ThreadPoolExecutor(max_workers=1) as worker:
        # its own thread: the session's Playwright fixture runs an event loop in this one
        files = worker.submit(record_page_files, f"{url}/?year=1950", APP).result()
        # the map's own files, and the widgets' scripts that only the whole page needs
        assert any("/component/ui.time_map.time_map/" in u for u in files.before_map)
        assert any("/app/static/leaflet/" in u for u in files.before_map)
        assert files.after_map
        report = worker.submit(asyncio.run, _readers(url, APP, files, 10, 0.0)).result()
    assert report["map served"]["n"] == report["whole page served"]["n"] == 10
    assert report["bytes per reader"] > 1_000_000  # Streamlit's scripts and the map document
