"""Benchmark the time engine against plain references measured in the same run.

Run with ``uv run --group bench python bench/bench_engine.py`` (needs the system Chromium).
Prints a Markdown table and writes ``bench/results-engine.json``. Medians over
several runs; nothing here is asserted by the tests.

- **Key press → repainted map**: in the app, a key press on the map's year
  slider until the next animation frame after an island's fill changed, and
  until that frame's style, layout and paint are done; beside it the same
  islands on a plain Leaflet page whose slider calls ``setStyle`` (the floor
  for any engine). Presses one second apart (the page settled) and a quarter
  second apart (a reader stepping by hand).
- **Server CPU per year change**: CPU time of the server process over a series
  of year changes made in the map (each one reported to the server), minus
  the CPU of the same time idle, per change.
- **First map**: from navigation to the first animation frame with the islands
  in the document, timed inside the page (and, beside it, until Playwright's
  wait returned), on a fresh server and warm, beside a one-marker
  ``st_folium`` app on the same machine; and to the whole map page (the
  sidebar's widgets and the download button, which follow the first map).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DISPUTE_OFFLINE", "1")

from playwright.sync_api import Frame, Page, sync_playwright  # noqa: E402

from geo.contract import to_json  # noqa: E402
from geo.export import export  # noqa: E402
from geo.io import read_inline_assets  # noqa: E402
from geo.pack import load_dispute  # noqa: E402
from geo.presentation import island_style  # noqa: E402
from geo.scene import web_style  # noqa: E402
from geo.timeline import status_rows  # noqa: E402
from geo.view import default_view  # noqa: E402
from tests.browser_support import (  # noqa: E402
    CHROMIUM_ARGS,
    MAP_DOCUMENT,
    MAP_FRAME,
    chromium_path,
    running_server,
)

KEY_PRESSES = 30
# Presses one second apart find the page settled (the previous change's report, the
# server's partial rerun and the page's follow-up all done): one press as a reader
# makes it. A quarter second apart is a reader stepping by hand, whose presses may
# meet the follow-up of the previous step on the page's main thread.
SETTLED_GAP = 1.0
STEPPING_GAP = 0.25
YEAR_CHANGES = 20
OPENINGS = 5
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# In the page, from a key press: to the start of the first frame after the Etorofu
# path's fill attribute changed (``__dt``: the change's own script and any layout it
# forces), and to the end of that frame's main-thread work, its style, layout and
# paint included (``__painted``: a task queued in the frame runs after them).
PROBE_JS = """
() => {
  const path = document.querySelector('path[data-island="etorofu"]');
  window.__t0 = 0; window.__dt = null; window.__painted = null;
  document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, true);
  new MutationObserver(() => {
    if (!window.__t0) { return; }
    const t0 = window.__t0; window.__t0 = 0;
    requestAnimationFrame(() => {
      window.__dt = performance.now() - t0;
      setTimeout(() => { window.__painted = performance.now() - t0; }, 0);
    });
  }).observe(path, {attributes: true, attributeFilter: ['fill']});
}
"""

_ONE_MARKER_APP = """
import folium
import streamlit as st
from streamlit_folium import st_folium

fmap = folium.Map(location=[44.0, 146.0], zoom_start=6, tiles=None)
# the same pinned Leaflet the app serves (no CDN can be reached)
fmap.default_js = [("leaflet", "/app/static/leaflet/1.9.4/leaflet.js")]
fmap.default_css = [("leaflet_css", "/app/static/leaflet/1.9.4/leaflet.css")]
# a circle marker: an SVG path like the islands, and no marker image to fetch from a CDN
folium.CircleMarker([44.0, 146.0], radius=8, tooltip="marker").add_to(fmap)
st_folium(fmap, height=620, returned_objects=[])
"""


@contextmanager
def one_marker_app() -> Iterator[Path]:
    """The reference app's script in a temporary folder, with the app's static assets."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "one_marker.py"
        script.write_text(_ONE_MARKER_APP, encoding="utf-8")
        (Path(folder) / "static").symlink_to(ROOT / "static")  # served beside it, like the app's
        yield script


@contextmanager
def serving(script: Path) -> Iterator[tuple[str, int]]:
    """Start ``streamlit run script`` on a free port; yield its URL and process id."""
    with running_server(script=script, timeout=120) as (url, process):
        yield url, process.pid


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples), 1)


def _press_and_time(
    page: Page, frame: Frame, slider_selector: str, gap: float
) -> tuple[list[float], list[float]]:
    """Alternate 1944 and 1945 with arrow keys ``gap`` s apart; in-page times to the
    next frame and to painted."""
    frame.evaluate(PROBE_JS)
    frame.locator(slider_selector).focus()
    to_frame, to_painted = [], []
    for i in range(KEY_PRESSES):
        frame.evaluate("() => { window.__dt = null; window.__painted = null; }")
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        frame.wait_for_function("() => window.__painted !== null", timeout=30_000)
        to_frame.append(float(frame.evaluate("() => window.__dt")))
        to_painted.append(float(frame.evaluate("() => window.__painted")))
        time.sleep(gap)
    return to_frame, to_painted


def plain_leaflet_page(folder: Path) -> Path:
    """The same island outlines on a bare Leaflet page; the slider calls setStyle."""
    dispute = load_dispute()
    inline = read_inline_assets()  # Leaflet first: the map's plugins are not used here
    leaflet_js, leaflet_css = inline.js, inline.css
    parties = dispute.manifest.parties
    styles = {}
    for year in (1944, 1945):
        rows = status_rows(dispute, dt.date(year, 12, 31))
        styles[year] = {
            r["id"]: {
                **to_json(web_style(island_style(parties, r))),
                "fillColor": _plain_fill(parties, r),
            }
            for r in rows
        }
    features = [
        {"type": "Feature", "properties": {"id": i}, "geometry": g.__geo_interface__}
        for i, g in zip(dispute.islands["id"], dispute.islands.geometry, strict=True)
    ]
    page = f"""<!doctype html><html><head><meta charset="utf-8"><style>{leaflet_css}
html, body, #map {{ height: 100%; margin: 0; }}</style><script>{leaflet_js}</script></head>
<body><input type="range" id="year" min="1944" max="1945" value="1944" aria-label="Year">
<div id="map"></div><script>
var map = L.map('map').setView([44.2, 146.3], 7);
var styles = {json.dumps(styles)};
var layers = L.geoJSON({json.dumps({"type": "FeatureCollection", "features": features})}, {{
  style: function (f) {{ return styles['1944'][f.properties.id]; }},
  onEachFeature: function (f, l) {{ l.on('add', function () {{
    l.getElement().setAttribute('data-island', f.properties.id); }}); }}
}}).addTo(map);
document.getElementById('year').addEventListener('input', function (e) {{
  var year = e.target.value;
  layers.eachLayer(function (l) {{ l.setStyle(styles[year][l.feature.properties.id]); }});
}});
</script></body></html>"""
    path = folder / "plain_leaflet.html"
    path.write_text(page, encoding="utf-8")
    return path


def _plain_fill(parties: dict, row: dict) -> str:
    """A plain colour per state (the reference page has no hatching patterns)."""
    return str(island_style(parties, row).fill)


def repaint(playwright_browser, url: str, folder: Path) -> dict[str, float]:
    """Key press → repainted map: the app's engine and the plain Leaflet page."""
    page = playwright_browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/?year=1944")
    page.frame_locator(MAP_FRAME).frame_locator(MAP_DOCUMENT).locator(
        "path[data-island]"
    ).first.wait_for(timeout=120_000)
    outer = page.locator(MAP_FRAME).element_handle().content_frame()
    assert outer is not None
    frame = outer.locator(MAP_DOCUMENT).element_handle().content_frame()
    assert frame is not None
    engine = _press_and_time(page, frame, ".kt-slider", SETTLED_GAP)
    engine_stepping = _press_and_time(page, frame, ".kt-slider", STEPPING_GAP)
    page.close()

    # the same engine outside Streamlit: the exported HTML file at 1944
    dispute = load_dispute()
    exported = folder / "export.html"
    exported.write_bytes(export(dispute, default_view(dispute).replace(year=1944), "html"))
    alone_page = playwright_browser.new_page(viewport={"width": 1400, "height": 1000})
    alone_page.goto(exported.as_uri())
    alone_page.locator("path[data-island]").first.wait_for()
    alone = _press_and_time(alone_page, alone_page.main_frame, ".kt-slider", SETTLED_GAP)
    alone_page.close()

    plain_page = playwright_browser.new_page(viewport={"width": 1400, "height": 1000})
    plain_page.goto(plain_leaflet_page(folder).as_uri())
    plain_page.locator("path[data-island]").first.wait_for()
    plain = _press_and_time(plain_page, plain_page.main_frame, "#year", SETTLED_GAP)
    plain_stepping = _press_and_time(plain_page, plain_page.main_frame, "#year", STEPPING_GAP)
    plain_page.close()
    return {
        "key_to_repaint_engine_ms": _median_ms(engine[0]),
        "key_to_repaint_engine_in_exported_html_ms": _median_ms(alone[0]),
        "key_to_repaint_plain_leaflet_ms": _median_ms(plain[0]),
        "key_to_repaint_ratio": _ratio(engine[0], plain[0]),
        "key_to_painted_engine_ms": _median_ms(engine[1]),
        "key_to_painted_engine_in_exported_html_ms": _median_ms(alone[1]),
        "key_to_painted_plain_leaflet_ms": _median_ms(plain[1]),
        "key_to_painted_ratio": _ratio(engine[1], plain[1]),
        "stepping_key_to_repaint_engine_ms": _median_ms(engine_stepping[0]),
        "stepping_key_to_repaint_plain_leaflet_ms": _median_ms(plain_stepping[0]),
        "stepping_key_to_repaint_ratio": _ratio(engine_stepping[0], plain_stepping[0]),
    }


def _ratio(ours: list[float], reference: list[float]) -> float:
    return round(statistics.median(ours) / statistics.median(reference), 2)


def server_cpu(playwright_browser, url: str, pid: int) -> dict[str, float]:
    """Server CPU per year change made in the map (each change reported to the server)."""
    page = playwright_browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/?year=1900")
    inner = page.frame_locator(MAP_FRAME).frame_locator(MAP_DOCUMENT)
    inner.locator("path[data-island]").first.wait_for(timeout=120_000)
    page.get_by_role("heading", name="Events in 1900").wait_for(timeout=60_000)
    time.sleep(2)
    pause = 0.8  # longer than the engine's debounce: every change reaches the server

    idle_start = cpu_seconds(pid)
    time.sleep(pause * YEAR_CHANGES)
    idle = cpu_seconds(pid) - idle_start

    busy_start = cpu_seconds(pid)
    for _ in range(YEAR_CHANGES):
        inner.locator(".kt-next").click()
        time.sleep(pause)
    page.get_by_role("heading", name=f"Events in {1900 + YEAR_CHANGES}").wait_for(timeout=60_000)
    busy = cpu_seconds(pid) - busy_start
    page.close()
    return {"server_cpu_per_year_change_ms": round(1000 * (busy - idle) / YEAR_CHANGES, 1)}


# From the top page, before its scripts: the first animation frame in which the
# islands (or the reference's marker) are in the document, searched through the
# nested frames (same origin), in ms from navigation start. Playwright's own wait
# returns later: it re-resolves nested frames on a back-off of up to half a second.
FIRST_PATH_JS = """
(selector) => {
  if (window !== window.top) { return; }
  const holds = (doc) => {
    if (doc.querySelector(selector)) { return true; }
    for (const frame of doc.querySelectorAll('iframe')) {
      let inner = null;
      try { inner = frame.contentDocument; } catch (e) { inner = null; }
      if (inner && holds(inner)) { return true; }
    }
    return false;
  };
  const look = (now) => {
    if (holds(document)) { window.__firstPath = now; return; }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
"""


# The whole map page drawn: the sidebar's filters and the map's download button are in
# it (they follow the first map), in ms from navigation start.
WHOLE_PAGE_JS = """
() => {
  if (window !== window.top) { return; }
  const look = (now) => {
    if (document.querySelector('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')
        && document.querySelector('[data-testid="stDownloadButton"]')) {
      window.__wholePage = now;
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
"""


def _open_and_time(
    playwright_browser, target: str, selector: str, locate, whole: bool = False
) -> tuple[float, float, float | None]:
    """Open ``target`` in a new context: in-page ms to the first path, wall ms until
    Playwright saw it, and (``whole``) in-page ms to the whole map page."""
    context = playwright_browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(f"({FIRST_PATH_JS})({json.dumps(selector)})")
    context.add_init_script(f"({WHOLE_PAGE_JS})()")
    page = context.new_page()
    start = time.perf_counter()
    page.goto(target)
    locate(page).wait_for(timeout=120_000)
    wall = (time.perf_counter() - start) * 1000
    page.wait_for_function("typeof window.__firstPath === 'number'", timeout=30_000)
    in_page = page.evaluate("window.__firstPath")
    whole_page = None
    if whole:
        page.wait_for_function("typeof window.__wholePage === 'number'", timeout=60_000)
        whole_page = page.evaluate("window.__wholePage")
    context.close()
    return in_page, wall, whole_page


def _our_island(page: Page):
    """The first island in the app's map document (inside the component's frame)."""
    return (
        page.frame_locator(MAP_FRAME).frame_locator(MAP_DOCUMENT).locator("path[data-island]").first
    )


def first_map(playwright_browser, url: str, marker_url: str) -> dict[str, float]:
    """Navigation → islands drawn (warm server) beside a one-marker st_folium app."""
    ours, theirs, ours_wall, theirs_wall, ours_whole = [], [], [], [], []
    for _ in range(OPENINGS):
        mine = _open_and_time(
            playwright_browser,
            f"{url}/",
            "path[data-island]",
            _our_island,
            whole=True,
        )
        reference = _open_and_time(
            playwright_browser,
            f"{marker_url}/",
            "path.leaflet-interactive",
            lambda p: (
                p.frame_locator('iframe[title="streamlit_folium.st_folium"]')
                .locator("path.leaflet-interactive")
                .first
            ),
        )
        ours.append(mine[0])
        ours_wall.append(mine[1])
        ours_whole.append(mine[2])
        theirs.append(reference[0])
        theirs_wall.append(reference[1])
    return {
        "first_map_warm_ms": _median_ms(ours),
        "one_marker_st_folium_warm_ms": _median_ms(theirs),
        "first_map_warm_ratio": _ratio(ours, theirs),
        "whole_map_page_warm_ms": _median_ms(ours_whole),
        "first_map_warm_playwright_ms": _median_ms(ours_wall),
        "one_marker_playwright_ms": _median_ms(theirs_wall),
    }


def fresh_first_map(playwright_browser) -> dict[str, float]:
    """Navigation → islands drawn as the first request to a freshly started server.

    Also reports the server's start (process start → health check answered),
    which now includes the start-up work (``ui/startup.py``).
    """
    samples, walls, starts = [], [], []
    for _ in range(3):
        launched = time.perf_counter()
        with serving(ROOT / "app.py") as (url, _pid):
            starts.append((time.perf_counter() - launched) * 1000)
            in_page, wall, _whole = _open_and_time(
                playwright_browser,
                f"{url}/",
                "path[data-island]",
                _our_island,
            )
            samples.append(in_page)
            walls.append(wall)
    return {
        "first_map_fresh_server_ms": _median_ms(samples),
        "first_map_fresh_server_playwright_ms": _median_ms(walls),
        "server_start_to_ready_ms": _median_ms(starts),
    }


def main() -> None:
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
    }
    folder = Path(tempfile.mkdtemp())
    with one_marker_app() as marker_script, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with serving(ROOT / "app.py") as (url, pid), serving(marker_script) as (marker_url, _):
            for step in (
                lambda: first_map(browser, url, marker_url),
                lambda: repaint(browser, url, folder),
                lambda: server_cpu(browser, url, pid),
            ):
                results.update(step())
                print(results, flush=True)
        results.update(fresh_first_map(browser))
        browser.close()
    (ROOT / "bench" / "results-engine.json").write_text(json.dumps(results, indent=1) + "\n")
    print("| measure | value |\n|---|---|")
    for key, value in results.items():
        print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
