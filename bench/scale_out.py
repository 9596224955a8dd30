"""Many readers at once: one explorer process against two behind nginx (``deploy/``).

The readers are the simulated ones of ``bench/server_load.py``: each fetches
what a real browser fetched from the server, opens the app's WebSocket, gets
the map, reports it drawn and gets the whole page. Here they all arrive at the
same instant and each opens a *different* map document (its own event range,
so the server builds a scene for every one), the heaviest opening there is.
Meanwhile a probe asks the front door's health check every 0.1 s, as a load
balancer or an orchestrator would, and the worst answer is kept.

Setups: one process, readers straight to it; two processes behind nginx with
the routing cookie (``deploy/start.sh``). For 10, 30 and 60 readers it reports
p50/p95 of "map served" and "whole page served" and the health probe's
p95 and worst answer, over ``--runs`` runs (medians of the runs' figures).
Run: ``uv run --group bench python bench/scale_out.py [--runs 3]`` (needs the system Chromium,
once per setup, and nginx); writes ``bench/results-scale-out.json``. Nothing
here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_test import percentile  # noqa: E402
from bench.server_load import APP, PageFiles, open_map, record_page_files  # noqa: E402
from tests.browser_support import free_port, running_server  # noqa: E402

READERS = (10, 30, 60)
PROBE_EVERY_S = 0.1
START_TIMEOUT_S = 180.0


@contextmanager
def behind_nginx(processes: int) -> Iterator[str]:
    """``deploy/start.sh`` with ``processes`` explorer processes; yields nginx's URL."""
    port = free_port()
    while any(_taken(port + i) for i in range(1, processes + 1)):
        port = free_port()
    with tempfile.TemporaryDirectory() as run:
        env = {
            **os.environ,
            "PROCESSES": str(processes),
            "PORT": str(port),
            "LISTEN": f"127.0.0.1:{port}",
            "PYTHON": sys.executable,
            "RUN_DIR": run,
            "DISPUTE_OFFLINE": "1",
        }
        process = subprocess.Popen(
            ["bash", str(ROOT / "deploy" / "start.sh")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, [port + i for i in range(1, processes + 1)], process)
            yield url
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _taken(port: int) -> bool:
    """Whether something listens on a local port."""
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_healthy(url: str, ports: list[int], process: subprocess.Popen[bytes]) -> None:
    """Wait until nginx and every process behind it answer their health checks."""
    deadline = time.monotonic() + START_TIMEOUT_S
    wanted = [url, *(f"http://127.0.0.1:{p}" for p in ports)]
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"deploy/start.sh ended with {process.returncode}")
        if all(_health(u) is not None for u in wanted):
            return
        time.sleep(0.5)
    raise RuntimeError("the processes behind nginx did not answer in time")


def _health(url: str) -> float | None:
    """Seconds the health check took to answer, or None if it did not."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as answer:
            answer.read()
    except OSError:
        return None
    return time.perf_counter() - started


def _probe(url: str, stop: threading.Event, answers: list[float]) -> None:
    """Ask the health check every 0.1 s until stopped; a failure counts as 30 s."""
    while not stop.is_set():
        took = _health(url)
        answers.append(30.0 if took is None else took)
        stop.wait(PROBE_EVERY_S)


async def _readers_at_once(url: str, files: PageFiles, count: int) -> dict[str, list[float]]:
    """``count`` readers arriving together, each opening a different map document."""
    served: list[float] = []
    whole: list[float] = []
    failures: list[float] = []

    async def reader(number: int, pool: ThreadPoolExecutor) -> None:
        query = f"year=1950&from={1700 + number}"  # a scene of its own for every reader
        try:
            map_served, page_served, _ = await open_map(url, APP, files, query, pool)
        except Exception:  # counted, not raised: the others go on
            failures.append(1.0)
            return
        served.append(map_served)
        whole.append(page_served)

    with ThreadPoolExecutor(max_workers=6 * count + 4) as pool:
        await asyncio.gather(*(reader(n, pool) for n in range(count)))
    return {"map served": served, "whole page served": whole, "failed": failures}


def measure(url: str, files: PageFiles, count: int) -> dict[str, Any]:
    """One round of ``count`` readers with the health probe running."""
    stop = threading.Event()
    answers: list[float] = []
    probe = threading.Thread(target=_probe, args=(url, stop, answers))
    probe.start()
    try:
        timings = asyncio.run(_readers_at_once(url, files, count))
    finally:
        stop.set()
        probe.join()
    result: dict[str, Any] = {"readers": count, "failed": len(timings["failed"])}
    for what in ("map served", "whole page served"):
        samples = timings[what] or [float("nan")]
        result[what] = {
            "p50_s": round(statistics.median(samples), 3),
            "p95_s": round(percentile(samples, 0.95), 3),
        }
    result["health"] = {
        "probes": len(answers),
        "p95_s": round(percentile(answers, 0.95), 3),
        "worst_s": round(max(answers), 3),
    }
    return result


def _median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The runs' figures, each the median over the runs."""
    first = runs[0]
    out: dict[str, Any] = {"readers": first["readers"], "runs": len(runs)}
    out["failed"] = sum(r["failed"] for r in runs)
    for what in ("map served", "whole page served", "health"):
        out[what] = {
            key: round(statistics.median(r[what][key] for r in runs), 3)
            for key in first[what]
            if key != "probes"
        }
    return out


@contextmanager
def setup(name: str) -> Iterator[str]:
    """The server(s) of a setup; yields the URL readers open."""
    if name == "one process":
        with running_server(timeout=START_TIMEOUT_S) as (url, _):
            yield url
    else:
        with behind_nginx(2) as url:
            yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--readers", type=int, nargs="*", default=list(READERS))
    args = parser.parse_args()
    report: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
        "setups": {},
    }
    for name in ("one process", "two processes behind nginx"):
        with setup(name) as url:
            files = record_page_files(f"{url}/?year=1950", APP)
            rounds: dict[str, Any] = {}
            for count in args.readers:
                runs = []
                for _ in range(args.runs):
                    runs.append(measure(url, files, count))
                    print(name, json.dumps(runs[-1]), flush=True)
                    time.sleep(3)  # let the last round's sessions settle
                rounds[str(count)] = {"median of runs": _median_of(runs), "runs": runs}
            report["setups"][name] = rounds
    (ROOT / "bench" / "results-scale-out.json").write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
