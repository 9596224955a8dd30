"""The server's part of ten readers opening the map at once, their browsers elsewhere.

``bench/load_test.py`` drives ten real browsers on the same two cores as the
server, so what it times is mostly the browsers' own work: the simplest
Streamlit map app (one marker) needs about 3 s of CPU per first visit there,
and ten of them contend for the two cores whatever the server does. Readers
have their own machines; what ten of them at once cost each other is the
server's part: serving the page's files, running the page's script, sending
the map. This bench times exactly that, with clients that ask the server for
what a browser asks for and nothing else:

1. One real browser opens the map page once and records every file it fetches
   from the server (the page, Streamlit's scripts and styles, the component's
   files, the pinned Leaflet) and whether it came before the map was drawn.
2. Each client then fetches the files the browser fetched before the map (six
   at a time, as a browser does), opens the app's WebSocket, asks for the page
   with the link's query string, receives the first run (the map document),
   and reports the map drawn as the component does; the server runs the whole
   page, and the client fetches the rest of the files.

Timed per client: **map served** (start → the map's files and its document
received: the server's part of opening the map) and **whole page served**.
Readers alone first (several openings one after another), then ten arriving
1.5 s apart (as in ``bench/load_test.py``) and ten at the same instant. The
server's CPU per opening is read from ``/proc``. Run:
``uv run --group bench python bench/server_load.py [--sessions 10]``; writes
``bench/results-server-load.json``. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import http.client
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Locator, Page, sync_playwright  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.bench_engine import cpu_seconds, one_marker_app  # noqa: E402
from bench.load_test import percentile  # noqa: E402
from tests.browser_support import (  # noqa: E402
    CHROMIUM_ARGS,
    MAP_DOCUMENT,
    MAP_FRAME,
    chromium_path,
    running_server,
)
from tests.streamlit_client import elements, one_run, open_socket, rerun_message  # noqa: E402

PARALLEL_FETCHES = 6  # a browser's connections to one host over HTTP/1.1, kept alive
RAMP_UP_S = 1.5
ALONE_OPENINGS = 5
TIMEOUT_S = 120.0
MAP_COMPONENT = "/component/ui.time_map.time_map/"  # the map's frame, around its document


@dataclass(frozen=True)
class Target:
    """An app to open: how its map shows in a browser and what its page ends with."""

    name: str
    component: str  # the map component's name in Streamlit's messages
    map_shape: Callable[[Page], Locator]  # the map's first shape, in a real browser
    whole_page: str | None  # a button the whole page has (None: the map is the page)


APP = Target(
    "app",
    "ui.time_map.time_map",
    lambda page: (
        page.frame_locator(MAP_FRAME).frame_locator(MAP_DOCUMENT).locator("path[data-island]")
    ),
    "Download this map",
)
ONE_MARKER = Target(
    "one-marker st_folium app",
    "streamlit_folium.st_folium",
    lambda page: page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(
        "path.leaflet-interactive"
    ),
    None,
)


@dataclass(frozen=True)
class PageFiles:
    """What a browser fetched from the server: before the map was drawn, and after."""

    before_map: tuple[str, ...]
    after_map: tuple[str, ...]


def record_page_files(url: str, target: Target) -> PageFiles:
    """Open the map page once in a real browser; list the server's files it fetched.

    The files up to the last one the map's frames asked for (its Leaflet and plugins,
    under ``/app/static/``) come before the map; the rest (the scripts of the widgets
    that follow the map, and what their own frames ask for) after it.
    """
    seen: list[str] = []
    map_files: set[str] = set()

    def record(request: Any) -> None:
        seen.append(request.url)
        frame = request.frame
        frames = [frame.url, frame.parent_frame.url if frame.parent_frame else ""]
        if "/app/static/" in request.url and any(MAP_COMPONENT in u for u in frames):
            map_files.add(request.url)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", record)
        page.goto(url)
        target.map_shape(page).first.wait_for(timeout=TIMEOUT_S * 1000)
        if target.whole_page:
            page.get_by_role("button", name=target.whole_page).wait_for(timeout=TIMEOUT_S * 1000)
        page.wait_for_timeout(1500)
        browser.close()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    files = list(dict.fromkeys(u for u in seen if u.startswith(origin) and "/_stcore/" not in u))
    last_map_file = max(i for i, u in enumerate(files) if u in map_files)
    return PageFiles(tuple(files[: last_map_file + 1]), tuple(files[last_map_file + 1 :]))


def _get(connection: http.client.HTTPConnection, url: str, cookie: str = "") -> int:
    """Fetch one file over a kept-alive connection, as a browser does; its size in bytes."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request("GET", path, headers=headers)
    answer = connection.getresponse()
    body = answer.read()
    if answer.status != 200:
        raise RuntimeError(f"{url}: HTTP {answer.status}")
    return len(body)


def _first_visit(url: str) -> tuple[str, int]:
    """Fetch the page itself, as a browser does first; the cookies it set, and its size.

    Behind nginx the page's answer gives the routing cookie (``deploy/``) that
    keeps every later request of this reader on one process.
    """
    connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=TIMEOUT_S)
    try:
        connection.request("GET", "/", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
        answer = connection.getresponse()
        size = len(answer.read())
        cookies = SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    finally:
        connection.close()
    return "; ".join(f"{k}={m.value}" for k, m in cookies.items()), size


async def _fetch_all(urls: tuple[str, ...], pool: ThreadPoolExecutor, cookie: str = "") -> int:
    """Fetch files as a browser does: over six connections, each kept alive; bytes received."""
    if not urls:
        return 0
    loop = asyncio.get_running_loop()
    host = urlsplit(urls[0]).netloc

    def lane(share: tuple[str, ...]) -> int:
        connection = http.client.HTTPConnection(host, timeout=TIMEOUT_S)
        try:
            return sum(_get(connection, url, cookie) for url in share)
        finally:
            connection.close()

    lanes = [urls[i::PARALLEL_FETCHES] for i in range(PARALLEL_FETCHES)]
    return sum(
        await asyncio.gather(*(loop.run_in_executor(pool, lane, share) for share in lanes if share))
    )


def _map_instance(messages: list[ForwardMsg], component: str) -> Any | None:
    """The map component's element among a run's messages (None if not sent)."""
    for element in elements(messages):
        if (
            element.WhichOneof("type") == "component_instance"
            and element.component_instance.component_name == component
        ):
            return element.component_instance
    return None


async def open_map(
    url: str, target: Target, files: PageFiles, query: str, pool: ThreadPoolExecutor
) -> tuple[float, float, int]:
    """One reader opening the map page: seconds to the map served and to the whole
    page served, and the bytes received."""
    start = time.perf_counter()
    # the map's own files, and media the session's run registers (the page's icon): after
    # the first run, as a browser asks for them (a new process has none before a session)
    map_files = tuple(
        u
        for u in files.before_map
        if any(part in u for part in ("/component/", "/app/", "/media/"))
    )
    page_files = tuple(u for u in files.before_map[1:] if u not in map_files)  # [0]: the page
    loop = asyncio.get_running_loop()
    cookie, received = await loop.run_in_executor(pool, _first_visit, url)
    received += await _fetch_all(page_files, pool, cookie)
    async with open_socket(url, cookie) as socket:
        await socket.send(rerun_message(query))
        first_run = await one_run(socket)
        instance = _map_instance(first_run, target.component)
        if instance is None:
            raise RuntimeError(f"{target.name}: the first run sent no map")
        received += await _fetch_all(map_files, pool, cookie)
        map_served = time.perf_counter() - start
        if target.whole_page:
            # the component reports its map drawn; the server then runs the whole page
            document = json.loads(instance.json_args)["doc"]
            drawn = json.dumps({"drawn": True, "id": "bench:1", "has": document})
            await socket.send(rerun_message(query, {instance.id: drawn}))
            whole: list[ForwardMsg] = []
            while not any(e.WhichOneof("type") == "download_button" for e in elements(whole)):
                whole += await one_run(socket)
    received += await _fetch_all(files.after_map, pool, cookie)
    return map_served, time.perf_counter() - start, received


def _summary(samples: list[float]) -> dict[str, float | int]:
    return {
        "n": len(samples),
        "p50_s": round(statistics.median(samples), 3),
        "p95_s": round(percentile(samples, 0.95), 3),
    }


async def _readers(
    url: str, target: Target, files: PageFiles, count: int, ramp: float, rounds: int = 1
) -> dict[str, Any]:
    """``count`` readers arriving ``ramp`` s apart, ``rounds`` times; their timings."""
    served: list[float] = []
    whole: list[float] = []
    received: list[int] = []

    async def reader(number: int, pool: ThreadPoolExecutor) -> None:
        await asyncio.sleep(number * ramp)
        query = f"year={1940 + number}"
        map_served, page_served, size = await open_map(url, target, files, query, pool)
        served.append(map_served)
        whole.append(page_served)
        received.append(size)

    with ThreadPoolExecutor(max_workers=PARALLEL_FETCHES * count) as pool:
        for _ in range(rounds):
            await asyncio.gather(*(reader(n, pool) for n in range(count)))
    return {
        "map served": _summary(served),
        "whole page served": _summary(whole),
        "bytes per reader": int(statistics.median(received)),
    }


def measure(
    url: str, server_pid: int, target: Target, files: PageFiles, sessions: int
) -> dict[str, Any]:
    """Readers alone, then ``sessions`` arriving 1.5 s apart and at the same instant."""
    cpu = cpu_seconds(server_pid)
    alone = asyncio.run(_readers(url, target, files, 1, 0.0, ALONE_OPENINGS))
    result: dict[str, Any] = {
        "alone": alone,
        "server CPU per opening alone, s": round(
            (cpu_seconds(server_pid) - cpu) / ALONE_OPENINGS, 3
        ),
    }
    for name, ramp in (("arriving 1.5 s apart", RAMP_UP_S), ("at the same instant", 0.0)):
        cpu = cpu_seconds(server_pid)
        together = asyncio.run(_readers(url, target, files, sessions, ramp))
        together["server CPU per opening, s"] = round((cpu_seconds(server_pid) - cpu) / sessions, 3)
        for what in ("map served", "whole page served"):
            together[f"{what}: p95 over alone"] = round(
                together[what]["p95_s"] / alone[what]["p50_s"], 2
            )
        result[f"{sessions} {name}"] = together
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    report: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
        "runs": [],
    }
    with (
        running_server() as (url, server),
        one_marker_app() as script,
        running_server(script=script) as (marker_url, marker_server),
    ):
        targets = [
            (APP, url, server.pid, record_page_files(f"{url}/?year=1950", APP)),
            (ONE_MARKER, marker_url, marker_server.pid, record_page_files(marker_url, ONE_MARKER)),
        ]
        report["files fetched by a browser"] = {
            target.name: {"before the map": len(files.before_map), "after it": len(files.after_map)}
            for target, _, _, files in targets
        }
        for _ in range(args.runs):
            run = {
                target.name: measure(where, pid, target, files, args.sessions)
                for target, where, pid, files in targets
            }
            report["runs"].append(run)
            print(json.dumps(run, indent=1), flush=True)
    (ROOT / "bench" / "results-server-load.json").write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
