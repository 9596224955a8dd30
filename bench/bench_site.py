"""Benchmark the static site against the Streamlit app, in the same run.

Run with ``uv run --group bench python bench/bench_site.py`` (needs the system Chromium).
Prints a Markdown table and writes ``bench/results-site.json``. Medians over
several runs; nothing here is asserted by the tests.

- **Build**: ``python -m geo site`` on the shipped pack, in a fresh process (one run).
- **First visit, bytes**: everything a browser with an empty cache fetches to
  show ``index.html`` (the page, its style and script, the map document,
  Leaflet), as served by ``python -m http.server`` (which sends files as they
  are), and compressed: the gzip size of each of those files, what a static
  host that compresses sends. Beside it the app's first visit: the HTTP bytes
  as transferred (Playwright's request sizes) plus the WebSocket messages.
- **First map**: navigation → the first island drawn, in a new browser context
  each time (cold cache), the site served by ``python -m http.server`` and the
  app (warm server, as in ``bench/bench_engine.py``).
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISPUTE_OFFLINE", "1")

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from bench.bench_engine import _median_ms, serving  # noqa: E402
from tests.browser_support import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    free_port,
    map_frame,
    only_local,
    wait_for_idle,
)

BUILDS = 1  # a build takes a minute or more on a busy machine: one run, reported as such
OPENINGS = 7


def build_times(out: Path) -> dict[str, Any]:
    """Seconds to build the shipped pack's site, in a fresh process each time."""
    samples = []
    line = ""
    for _ in range(BUILDS):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "geo", "site", "--out", str(out)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        samples.append(time.perf_counter() - start)
        line = done.stdout.strip()
    return {
        "build_s": round(statistics.median(samples), 1),
        "build_runs": BUILDS,
        "build_summary": line,
    }


@contextmanager
def http_server(folder: Path) -> Iterator[str]:
    """``python -m http.server`` serving a folder on a free port; yields its URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/", timeout=2):
                    break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _open(browser: Browser, url: str, first_island: Callable[[Page], Any]) -> dict[str, Any]:
    """One first visit in a new context: time to the first island, and what was fetched."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    refused = only_local(context, url)
    page = context.new_page()
    responses: list[Any] = []
    received: list[int] = []
    page.on("response", lambda response: responses.append(response))
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived",
            lambda payload: received.append(
                len(payload if isinstance(payload, bytes) else payload.encode("utf-8"))
            ),
        ),
    )
    start = time.perf_counter()
    page.goto(url + "/")
    first_island(page).wait_for(timeout=120_000)
    elapsed = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("networkidle")
    wait_for_idle(page)
    fetched = []
    for response in responses:
        sizes = response.request.sizes()
        fetched.append((urlsplit(response.url).path, sizes["responseBodySize"]))
    context.close()
    if refused:
        raise RuntimeError(f"requests outside the server: {refused}")
    return {"ms": elapsed, "fetched": fetched, "websocket": sum(received)}


def first_visits(browser: Browser, site: Path, site_url: str, app_url: str) -> dict[str, Any]:
    """First map and first-visit bytes of the site and the app, alternating."""
    site_ms, app_ms = [], []
    site_fetch: list[tuple[str, int]] = []
    app_http, app_ws = [], []
    for _ in range(OPENINGS):
        visit = _open(
            browser,
            site_url,
            lambda p: p.frame_locator("iframe#map").locator("path[data-island]").first,
        )
        site_ms.append(visit["ms"])
        site_fetch = visit["fetched"]
        visit = _open(browser, app_url, lambda p: map_frame(p).locator("path[data-island]").first)
        app_ms.append(visit["ms"])
        app_http.append(sum(size for _, size in visit["fetched"]))
        app_ws.append(visit["websocket"])
    raw = gz = 0
    paths = sorted({path for path, _ in site_fetch})
    for path in paths:
        file = site / path.lstrip("/")
        if path.endswith("/"):  # the server answers a folder with its index.html
            file = file / "index.html"
        data = file.read_bytes()
        raw += len(data)
        gz += len(gzip.compress(data, compresslevel=6, mtime=0))
    return {
        "site_first_visit_files": len(paths),
        "site_first_visit_kb": round(raw / 1024, 1),
        "site_first_visit_gzip_kb": round(gz / 1024, 1),
        "app_first_visit_http_kb": round(statistics.median(app_http) / 1024, 1),
        "app_first_visit_websocket_kb": round(statistics.median(app_ws) / 1024, 1),
        "site_first_map_ms": _median_ms(site_ms),
        "app_first_map_warm_ms": _median_ms(app_ms),
        "first_map_ratio_app_to_site": round(
            statistics.median(app_ms) / statistics.median(site_ms), 1
        ),
        "openings": OPENINGS,
    }


def main() -> None:
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
        "load_average_at_start": round(os.getloadavg()[0], 1),
    }
    site = Path(tempfile.mkdtemp()) / "site"
    results.update(build_times(site))
    print(results, flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with http_server(site) as site_url, serving(ROOT / "app.py") as (app_url, _pid):
            # one visit each first: the app's first session imports and builds the scene
            _open(browser, app_url, lambda p: map_frame(p).locator("path[data-island]").first)
            results.update(first_visits(browser, site, site_url, app_url))
        browser.close()
    results["load_average_at_end"] = round(os.getloadavg()[0], 1)
    (ROOT / "bench" / "results-site.json").write_text(json.dumps(results, indent=1) + "\n")
    print("| measure | value |\n|---|---|")
    for key, value in results.items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
