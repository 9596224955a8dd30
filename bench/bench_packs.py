"""Benchmark choosing and making packs, each beside the simplest thing that does the same.

Run with ``uv run python bench/bench_packs.py`` (needs the system Chromium). Prints a
Markdown table and writes ``bench/results-packs.json``. Medians over several runs;
nothing here is asserted by the tests.

- **Another pack's map**: on the Disputes page, a click on Open until the Hans Island
  map's islands are in the page; beside it, a new visit to ``/?pack=hans-island``
  (a link), and a visit to the default pack's map — the floor for a first map.
- **A draft checked**: :func:`geo.builder.check_draft` of a three-island draft (what
  each change on the Make a pack page costs the server) beside the validator alone
  reading the same pack from its folder (``geo.pack.load_dispute`` without land).
- **A saved change**: :meth:`geo.drafts.DraftStore.save` of that draft beside writing
  the same JSON to a file.
- **A pack card's picture**: :func:`geo.staticmap.thumbnail_png` per pack.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISPUTE_OFFLINE", "1")

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.timing import median_ms  # noqa: E402
from geo import builder, paths  # noqa: E402
from geo import io as geo_io  # noqa: E402
from geo.drafts import DraftStore  # noqa: E402
from geo.pack import load_dispute  # noqa: E402
from geo.staticmap import thumbnail_png  # noqa: E402
from geo.view import default_view  # noqa: E402
from tests.browser_support import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    map_frame,
    running_app,
    wait_for_idle,
)
from tests.test_make_pack import AREA, _three_island_draft  # noqa: E402

RUNS = 7
ISLANDS = "path[data-island]"


def _median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``work`` in milliseconds (see :mod:`bench.timing`)."""
    return median_ms(work, runs)


def _map_drawn(page) -> None:
    """Wait until the map's islands are in the map's document."""
    frame = map_frame(page)
    frame.locator(ISLANDS).first.wait_for(state="attached", timeout=60_000)


def browser_timings() -> dict[str, float]:
    """Medians, in seconds, of the three ways to a map."""
    found: dict[str, list[float]] = {"open from the gallery": [], "link": [], "default map": []}
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for run in range(RUNS + 1):
            for name, address in (("link", "/?pack=hans-island"), ("default map", "/")):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                start = time.perf_counter()
                page.goto(url + address)
                _map_drawn(page)
                if run:  # the first run warms the server's caches
                    found[name].append(time.perf_counter() - start)
                page.close()
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url + "/disputes")
            wait_for_idle(page)
            page.get_by_role("button", name="Open", exact=True).wait_for()
            start = time.perf_counter()
            page.get_by_role("button", name="Open", exact=True).click()
            _map_drawn(page)
            if run:
                found["open from the gallery"].append(time.perf_counter() - start)
            page.close()
        browser.close()
    return {name: round(statistics.median(samples), 2) for name, samples in found.items()}


def main() -> None:
    candidates = builder.island_candidates(geo_io.read_gshhg_rings(AREA, "f"), AREA)
    draft = _three_island_draft(candidates)
    folder = Path(tempfile.mkdtemp()) / "pack"
    folder.mkdir()
    geo_io.write_pack_files(folder, builder.pack_files(draft))
    store = DraftStore(Path(tempfile.mkdtemp()) / "drafts.sqlite3")
    token = store.create(draft).token
    plain = Path(tempfile.mkdtemp()) / "draft.json"
    results = {
        "date": dt.date.today().isoformat(),
        "runs": RUNS,
        "draft check (ms)": _median_ms(lambda: builder.check_draft(draft)),
        "validator alone (ms)": _median_ms(lambda: load_dispute(folder, gshhg_land=False)),
        "draft saved (ms)": _median_ms(lambda: store.save(token, draft)),
        "JSON file written (ms)": _median_ms(lambda: plain.write_text(json.dumps(draft))),
    }
    for pack in paths.shipped_pack_folders():
        dispute = load_dispute(pack)
        name = f"card picture, {dispute.manifest.id} (ms)"
        results[name] = _median_ms(lambda d=dispute: thumbnail_png(d, default_view(d)))
    results.update({f"{k} (s)": v for k, v in browser_timings().items()})
    (ROOT / "bench" / "results-packs.json").write_text(json.dumps(results, indent=1) + "\n")
    print("| measure | median |\n|---|---|")
    for key, value in results.items():
        if key not in ("date", "runs"):
            print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
