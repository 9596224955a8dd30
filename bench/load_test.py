"""Load test: many browser sessions at once against one app server.

Each session opens the map at its own year, moves the year three times with
the arrow key on the map's year slider, downloads the current view as PNG and
opens the Export page. Reports p50/p95 latency per action and every error, and
the year changes as the page itself timed them (key press to the map's next
frame) beside a plain Leaflet page's, pressed in the same browser while the
sessions run. Run: ``uv run --group bench python bench/load_test.py
[--sessions 10]`` (needs the system Chromium); the test suite runs the same
scenario (``tests/test_load.py``) and checks there are no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import Browser, Locator, Page, async_playwright  # noqa: E402

from bench.bench_engine import FIRST_PATH_JS, one_marker_app, plain_leaflet_page  # noqa: E402
from tests.browser_support import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    map_frame,
    running_app,
    running_server,
    wait_for_idle,
)

TIMEOUT_MS = 120_000
RAMP_UP_S = 1.5
ALONE_OPENINGS = 5  # a reader alone opens the page this many times, one after another
OUR_SHAPE = "path[data-island]"
ONE_MARKER_SHAPE = "path.leaflet-interactive"


async def _timed_context(browser: Browser, shape: str):
    """A new browser context whose pages time, inside, when ``shape`` is first drawn."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.add_init_script(f"({FIRST_PATH_JS})({json.dumps(shape)})")
    return context


async def _drawn_in_page(page: Page) -> float:
    """Seconds from navigation to the first frame with the shape, as the page timed it."""
    await page.wait_for_function("typeof window.__firstPath === 'number'", timeout=TIMEOUT_MS)
    return float(await page.evaluate("window.__firstPath")) / 1000


DOWNLOAD_ATTEMPTS = 4  # a reader whose download fails clicks again


async def _idle(page: Page) -> None:
    """Wait until the app has finished its current run (clicks during a run can be lost)."""
    await wait_for_idle(page, TIMEOUT_MS)


async def _session(
    browser: Browser,
    url: str,
    number: int,
    timings: dict[str, list[float]],
    errors: list[str],
    retries: list[str],
    repaints: list[float],
    replaced: list[str],
) -> None:
    """One user: open, move the year, export."""
    context = await _timed_context(browser, OUR_SHAPE)
    page = await context.new_page()
    page.on("pageerror", lambda err: errors.append(f"session {number}: page error {err}"))
    year = 1940 + number
    await asyncio.sleep(number * RAMP_UP_S)  # sessions arrive one after another, then overlap
    try:
        start = time.perf_counter()
        await page.goto(f"{url}/?year={year}", timeout=TIMEOUT_MS)
        frame = map_frame(page)
        await frame.locator(".kt-title", has_text=f"end of {year}").wait_for(timeout=TIMEOUT_MS)
        timings["open map"].append(time.perf_counter() - start)
        timings["open map, in the page"].append(await _drawn_in_page(page))
        inside = frame.locator("body")
        await inside.evaluate(_KEY_PROBE_JS)
        for _ in range(3):
            year += 1
            await _idle(page)
            await frame.locator(".kt-slider").focus()
            if not await inside.evaluate("() => window.__probe === true"):
                # the map's frame loaded its document again (seen under load, about once in
                # sixty sessions): counted, and the probe put back
                replaced.append(f"session {number}: before {year}")
                await inside.evaluate(_KEY_PROBE_JS)
            await inside.evaluate("() => { window.__dt = null; window.__painted = null; }")
            start = time.perf_counter()
            await page.keyboard.press("ArrowRight")
            await frame.locator(".kt-title", has_text=f"end of {year}").wait_for(timeout=TIMEOUT_MS)
            timings["year change"].append(time.perf_counter() - start)
            await inside.evaluate(_WAIT_PAINTED_JS)
            repaint = await inside.evaluate("() => window.__dt")
            if repaint is None:  # the frame loaded its document again during the press
                replaced.append(f"session {number}: during {year}")
                await inside.evaluate(_KEY_PROBE_JS)
            else:
                repaints.append(float(repaint))
        # the page follows the map's year (a fragment rerun) before the user downloads it:
        # a click while that rerun replaces the button would be lost
        await page.get_by_role("heading", name=f"Events in {year}").wait_for(timeout=TIMEOUT_MS)
        await _idle(page)
        start = time.perf_counter()
        # Streamlit writes a lazily made download to a file no session refers to, which its
        # media cleanup (run after every script run of any session) deletes on its second
        # pass: under load the browser's request can come after that (HTTP 404, "canceled").
        for attempt in range(1, DOWNLOAD_ATTEMPTS + 1):
            async with page.expect_download(timeout=TIMEOUT_MS) as download_info:
                await page.get_by_role("button", name="Download this map").click()
            download = await download_info.value
            failure = await download.failure()
            if not failure:
                break
            # a user would click again; the report keeps count of these
            retries.append(f"session {number}: download attempt {attempt} failed: {failure}")
        else:
            errors.append(f"session {number}: download failed {DOWNLOAD_ATTEMPTS} times")
        timings["export PNG"].append(time.perf_counter() - start)
        start = time.perf_counter()
        await page.get_by_role("link", name="Export").click()
        await page.get_by_role("img").first.wait_for(timeout=TIMEOUT_MS)
        timings["open export page"].append(time.perf_counter() - start)
    except Exception as err:  # a load test records every failure and goes on
        errors.append(f"session {number}: {type(err).__name__}: {str(err)[:200]}")
    finally:
        await context.close()


# In the page, from a key press to the start of the next frame (``__dt``: the change's
# own script runs before it) and to the end of that frame's work (``__painted``). Not
# tied to one island's fill, which most years leave unchanged.
_KEY_PROBE_JS = """
() => {
  window.__dt = null; window.__painted = null; window.__probe = true;
  document.addEventListener('keydown', () => {
    const t0 = performance.now();
    requestAnimationFrame(() => {
      window.__dt = performance.now() - t0;
      setTimeout(() => { window.__painted = performance.now() - t0; }, 0);
    });
  }, true);
}
"""
_WAIT_PAINTED_JS = """
() => new Promise((done, fail) => {
  const given = Date.now();
  const check = () => {
    if (window.__painted !== null) { done(true); return; }
    if (Date.now() - given > 60000) { fail(new Error('no frame after the key press')); return; }
    setTimeout(check, 10);
  };
  check();
})
"""


async def _plain_leaflet_repaints(browser: Browser, until: asyncio.Event) -> list[float]:
    """Key press → next frame on the plain Leaflet page (the engine's reference), pressed
    every half second while the sessions run, so it meets the same load."""
    folder = Path(tempfile.mkdtemp())
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    await page.goto(plain_leaflet_page(folder).as_uri())
    await page.locator("path[data-island]").first.wait_for()
    await page.evaluate(_KEY_PROBE_JS)
    await page.locator("#year").focus()
    samples = []
    presses = 0
    while not until.is_set() or presses < 10:
        await page.evaluate("() => { window.__dt = null; window.__painted = null; }")
        await page.keyboard.press("ArrowRight" if presses % 2 == 0 else "ArrowLeft")
        await page.evaluate(_WAIT_PAINTED_JS)
        samples.append(float(await page.evaluate("() => window.__dt")))
        presses += 1
        await asyncio.sleep(0.5)
    await page.close()
    return samples


Locate = Callable[[Page], Locator]
OUR_MAP: Locate = lambda page: map_frame(page).locator("path.kuril-island").first  # noqa: E731
ONE_MARKER: Locate = lambda page: (  # noqa: E731
    page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    .locator("path.leaflet-interactive")
    .first
)


async def _open_only(
    browser: Browser,
    url: str,
    number: int,
    ready: Locate,
    shape: str,
    times: dict[str, list[float]],
) -> None:
    """One reader who only opens the page until ``ready`` (the map's first shape) is drawn."""
    context = await _timed_context(browser, shape)
    page = await context.new_page()
    await asyncio.sleep(number * RAMP_UP_S)
    try:
        start = time.perf_counter()
        await page.goto(url, timeout=TIMEOUT_MS)
        await ready(page).wait_for(state="attached", timeout=TIMEOUT_MS)
        times["playwright"].append(time.perf_counter() - start)
        times["in the page"].append(await _drawn_in_page(page))
    finally:
        await context.close()


async def open_only(
    url: str, sessions: int, ready: Locate, shape: str, rounds: int = 1
) -> dict[str, object]:
    """p50 and p95 of ``sessions`` readers opening one page at once (same ramp as :func:`run`),
    ``rounds`` times one after another; timed inside the page and as Playwright saw it."""
    times: dict[str, list[float]] = {"in the page": [], "playwright": []}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        for _ in range(rounds):
            await asyncio.gather(
                *(_open_only(browser, url, n, ready, shape, times) for n in range(sessions))
            )
        await browser.close()
    return {
        how: {
            "n": len(samples),
            "p50_s": round(statistics.median(samples), 2),
            "p95_s": round(percentile(samples, 0.95), 2),
        }
        for how, samples in times.items()
    }


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def run(url: str, sessions: int) -> dict[str, object]:
    """Drive ``sessions`` browser sessions at once; return latencies and errors."""
    timings: dict[str, list[float]] = {
        "open map": [],
        "open map, in the page": [],
        "year change": [],
        "export PNG": [],
        "open export page": [],
    }
    errors: list[str] = []
    retries: list[str] = []
    repaints: list[float] = []
    replaced: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        done = asyncio.Event()
        reference = asyncio.create_task(_plain_leaflet_repaints(browser, done))
        started = time.perf_counter()
        await asyncio.gather(
            *(
                _session(browser, url, n, timings, errors, retries, repaints, replaced)
                for n in range(sessions)
            )
        )
        wall = time.perf_counter() - started
        done.set()
        plain = await reference
        await browser.close()
    every = [s for samples in timings.values() for s in samples]
    return {
        "sessions": sessions,
        "wall_s": round(wall, 1),
        "errors": errors,
        "retried_downloads": retries,
        "map documents loaded again": replaced,
        "actions": {
            name: {
                "n": len(s),
                "p50_s": round(statistics.median(s), 2) if s else None,
                "p95_s": round(percentile(s, 0.95), 2) if s else None,
            }
            for name, s in timings.items()
        },
        "year change in the page, key press to next frame": {
            "n": len(repaints),
            "p50_ms": round(statistics.median(repaints), 1) if repaints else None,
            "p95_ms": round(percentile(repaints, 0.95), 1) if repaints else None,
            "plain Leaflet page meanwhile": {
                "n": len(plain),
                "p50_ms": round(statistics.median(plain), 1),
                "p95_ms": round(percentile(plain, 0.95), 1),
            },
            "p95 over plain Leaflet p95": (
                round(percentile(repaints, 0.95) / percentile(plain, 0.95), 2) if repaints else None
            ),
        },
        "all": {
            "n": len(every),
            "p50_s": round(statistics.median(every), 2) if every else None,
            "p95_s": round(percentile(every, 0.95), 2) if every else None,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    with running_app() as url:
        # one session alone first, on the same (warm) server, a few times: the reference
        alones = [asyncio.run(run(url, 1)) for _ in range(3)]
        report = asyncio.run(run(url, args.sessions))
        # Readers who only open the map, beside the same number opening a one-marker
        # st_folium app: how much of the wait is this app's and how much the machine's
        # (the browsers generating the load share its cores with the server).
        # A reader alone opens the map several times (the median is the reference).
        opened: dict[str, dict[str, object]] = {
            "alone": asyncio.run(open_only(url, 1, OUR_MAP, OUR_SHAPE, ALONE_OPENINGS)),
            "together": asyncio.run(open_only(url, args.sessions, OUR_MAP, OUR_SHAPE)),
        }
    with one_marker_app() as script, running_server(script=script) as (marker_url, _):
        opened["one-marker app alone"] = asyncio.run(
            open_only(marker_url, 1, ONE_MARKER, ONE_MARKER_SHAPE, ALONE_OPENINGS)
        )
        opened["one-marker app together"] = asyncio.run(
            open_only(marker_url, args.sessions, ONE_MARKER, ONE_MARKER_SHAPE)
        )
    report["open only"] = opened
    report["alone"] = {
        action: {
            "runs": len(alones),
            "p50_s": statistics.median(
                a["actions"][action]["p50_s"]  # type: ignore[index]
                for a in alones
            ),
        }
        for action in alones[0]["actions"]  # type: ignore[union-attr]
    }
    for action in ("open map", "open map, in the page"):
        open_alone = report["alone"][action]["p50_s"]
        open_p95 = report["actions"][action]["p95_s"]
        if open_alone and open_p95:
            report[f"{action}: p95 over alone"] = round(open_p95 / open_alone, 2)
    for name, alone_key, together_key in (
        ("app", "alone", "together"),
        ("one-marker app", "one-marker app alone", "one-marker app together"),
    ):
        for how in ("in the page", "playwright"):
            together = opened[together_key][how]["p95_s"]  # type: ignore[index]
            by_itself = opened[alone_key][how]["p50_s"]  # type: ignore[index]
            report[f"open only p95 over alone, {name}, {how}"] = round(together / by_itself, 2)
    (ROOT / "bench" / "results-load.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
