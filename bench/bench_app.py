"""Benchmark the explorer: rerun cost of a year change, map payload, browser update time.

Run with ``uv run --group bench python bench/bench_app.py`` (the browser part needs the system
Chromium). Prints a Markdown table and writes ``bench/results-app.json``.
Medians over several runs; nothing here is asserted by the tests.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISPUTE_OFFLINE", "1")

from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

RUNS = 25


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def _timed_script_runs() -> list[float]:
    """Record how long each script run takes inside Streamlit's script runner.

    AppTest polls for results, which adds a delay of its own; timing the
    runner's ``_run_script`` measures the server-side rerun alone.
    """
    samples: list[float] = []
    original = script_runner.ScriptRunner._run_script

    def timed(self: script_runner.ScriptRunner, *args: object, **kwargs: object) -> None:
        start = time.perf_counter()
        try:
            original(self, *args, **kwargs)
        finally:
            samples.append(time.perf_counter() - start)

    script_runner.ScriptRunner._run_script = timed  # type: ignore[method-assign]
    return samples


def rerun_times() -> dict[str, float]:
    """Median server-side rerun time: a full run of the map page vs an empty script."""
    samples = _timed_script_runs()
    empty = Path(tempfile.mkdtemp()) / "empty.py"
    empty.write_text("import streamlit as st\n", encoding="utf-8")
    blank = AppTest.from_file(str(empty), default_timeout=60).run()
    samples.clear()
    for _ in range(RUNS):
        blank.run()
    blank_samples = list(samples)

    # A year change is made in the map and costs the server a fragment rerun; that is
    # measured in the browser by bench/bench_engine.py. Here: a full rerun of the map page.
    app = AppTest.from_file(str(ROOT / "explorer.py"), default_timeout=120)
    app.query_params["year"] = "1900"
    app.run()
    samples.clear()
    for _ in range(RUNS):
        app.run()
    rerun_samples = list(samples)
    args = json.loads(app.get("component_instance")[0].proto.json_args)
    return {
        "empty_script_rerun_ms": _median_ms(blank_samples),
        "map_page_full_rerun_ms": _median_ms(rerun_samples),
        "ratio": round(statistics.median(rerun_samples) / statistics.median(blank_samples), 1),
        "map_document_kb": round(len(args["html"].encode()) / 1024, 1),
    }


def browser_times() -> dict[str, float]:
    """Median time from a click on the map's 'next year' to the recoloured map, in Chromium."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM_ARGS, chromium_path, map_frame, running_app

    samples = []
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/?year=1940")
        frame = map_frame(page)
        frame.locator(".kuril-legend").wait_for(timeout=60_000)
        for year in range(1941, 1941 + 12):
            start = time.perf_counter()
            frame.locator(".kt-next").click()
            frame.locator(".kt-title", has_text=f"end of {year}").wait_for(timeout=30_000)
            samples.append(time.perf_counter() - start)
        browser.close()
    return {"browser_year_change_ms": _median_ms(samples), "browser_samples": len(samples)}


def main() -> None:
    results = rerun_times()
    if "--no-browser" not in sys.argv:
        results.update(browser_times())
    (ROOT / "bench" / "results-app.json").write_text(json.dumps(results, indent=1) + "\n")
    print("| measure | value |\n|---|---|")
    for key, value in results.items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
