"""Benchmark the explorer in Japanese and Russian beside the same work in English.

Run with ``uv run python bench/bench_languages.py`` (needs the system Chromium). Prints a
Markdown table and writes ``bench/results-languages.json``. Medians over several runs;
nothing here is asserted by the tests.

- **The map document** (the scene built and the map's page written, what a change of
  language costs the server once per naming and filters), the **map in words** and a
  **PNG export** (slide, 120 dpi) at the end of 1956, in each language.
- **In the browser**: a new visit to the map page with ``?lang=ja`` / ``?lang=ru`` until its
  islands are drawn, beside a visit in English; and a change of language in the page's
  picker until the map's title is in Russian, beside a new visit with ``?lang=ru`` (the
  simplest way to the same page).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISPUTE_OFFLINE", "1")

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.timing import median_ms  # noqa: E402
from geo.export import render  # noqa: E402
from geo.foliummap import map_html  # noqa: E402
from geo.i18n import LANGUAGES  # noqa: E402
from geo.pack import load_dispute  # noqa: E402
from geo.scene import build_scene  # noqa: E402
from geo.twin import describe  # noqa: E402
from geo.view import View  # noqa: E402
from tests.browser_support import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    map_frame,
    running_app,
    wait_for_whole_map_page,
)

RUNS = 7
ISLANDS = "path[data-island]"


def _median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``work`` in milliseconds (see :mod:`bench.timing`)."""
    return median_ms(work, runs)


def server_timings() -> dict[str, float]:
    """Medians, in milliseconds, of the server's work in each language."""
    dispute = load_dispute()
    found: dict[str, float] = {}
    for code in LANGUAGES:
        view = View(year=1956, lang=code)
        found[f"map document, {code} (ms)"] = _median_ms(
            lambda v=view: map_html(dispute, v, build_scene(dispute, v))
        )
        found[f"map in words, {code} (ms)"] = _median_ms(
            lambda c=code: describe(dispute, dt.date(1956, 12, 31), "neutral", language=c)
        )
        found[f"PNG export, {code} (ms)"] = _median_ms(
            lambda v=view: render(dispute, v, "png", 120), runs=3
        )
    return found


def _title(page) -> str:
    return map_frame(page).locator(".kt-title").inner_text()


def browser_timings() -> dict[str, float]:
    """Medians, in seconds, of a first map in each language and of a change of language."""
    found: dict[str, list[float]] = {f"first map, {code}": [] for code in LANGUAGES}
    found["language changed in the page"] = []
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for run in range(RUNS + 1):
            for code in LANGUAGES:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                start = time.perf_counter()
                page.goto(f"{url}/?lang={code}&year=1956")
                map_frame(page).locator(ISLANDS).first.wait_for(state="attached", timeout=60_000)
                if run:  # the first run warms the server's caches
                    found[f"first map, {code}"].append(time.perf_counter() - start)
                page.close()
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{url}/?lang=en&year=1956")
            wait_for_whole_map_page(page)
            start = time.perf_counter()
            page.get_by_role("combobox", name=re.compile("Language")).click()
            page.get_by_role("option", name="Русский").click()
            page.wait_for_function("() => document.documentElement.lang === 'ru'")
            map_frame(page).get_by_text(re.compile("1956 г")).first.wait_for(
                state="attached", timeout=60_000
            )
            if run:
                found["language changed in the page"].append(time.perf_counter() - start)
            page.close()
        browser.close()
    return {f"{name} (s)": round(statistics.median(s), 2) for name, s in found.items()}


def main() -> None:
    results: dict[str, object] = {"date": dt.date.today().isoformat(), "runs": RUNS}
    results.update(server_timings())
    results.update(browser_timings())
    (ROOT / "bench" / "results-languages.json").write_text(json.dumps(results, indent=1) + "\n")
    print("| measure | median |\n|---|---|")
    for key, value in results.items():
        if key not in ("date", "runs"):
            print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
