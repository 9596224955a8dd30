"""Running the real app and a real Chromium for the browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
# The map component's frame (ui/time_map), and inside it the map document's frame.
MAP_FRAME = 'iframe[title="ui.time_map.time_map"]'
MAP_DOCUMENT = "iframe#map"


def map_frame(page: Any) -> Any:
    """The map document inside the map component (a FrameLocator, sync or async API)."""
    return page.frame_locator(MAP_FRAME).frame_locator(MAP_DOCUMENT)


# A call of the map's methods through its bridge (the protocol its hosts speak, see
# static/kuril/*/kuril.bridge.js), made from inside the map's own page; resolves with
# the answer. Given [method, args].
_CALL = """
  const id = 'test-' + Math.random().toString(36).slice(2);
  return new Promise((resolve) => {
    function answer(event) {
      const data = event.data;
      if (data && data.kuril === 'reply' && data.id === id) {
        window.removeEventListener('message', answer);
        resolve(data.result);
      }
    }
    window.addEventListener('message', answer);
    window.postMessage({kuril: 'call', id, method, args}, '*');
    setTimeout(() => resolve(null), 5000);  // no map answered
  });
"""
KURIL_CALL = f"([method, args]) => {{ {_CALL} }}"
_KURIL_CALL_ON_ELEMENT = f"(element, [method, args]) => {{ {_CALL} }}"


def kuril(frame: Any, method: str, *args: Any) -> Any:
    """Call a method of the map in ``frame`` (a Frame, a Page or a FrameLocator) through
    its bridge, as a host does, and return its answer."""
    if hasattr(frame, "evaluate"):
        return frame.evaluate(KURIL_CALL, [method, list(args)])
    return frame.locator("body").evaluate(_KURIL_CALL_ON_ELEMENT, [method, list(args)])


def wait_for_map(frame: Any, timeout: float = 60_000) -> dict[str, Any]:
    """Wait until the map in ``frame`` has started (its host answered); its state."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            state = kuril(frame, "state") if _has_map(frame) else None
        except PlaywrightError:  # the document is being replaced
            state = None
        if isinstance(state, dict) and state.get("started") and state.get("date"):
            return state
        if time.monotonic() > deadline:
            raise AssertionError("the map did not start")
        time.sleep(0.1)


def _has_map(frame: Any) -> bool:
    """Whether the frame's page has loaded the map's plugins yet."""
    check = "() => !!(window.L && window.L.Kuril && window.L.Kuril.TimeMap)"
    if hasattr(frame, "evaluate"):
        return bool(frame.evaluate(check))
    return bool(frame.locator("body").evaluate("(element) => " + check[6:]))


# True once the app has no run in progress (Streamlit shows its status widget during a run).
IDLE_JS = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


# Every page of the app by its path ("" is the map page), for walks through the whole app;
# the pages with a map frame; the Compare page's frame of two maps.
APP_PAGES = (
    "",
    "compare",
    "story",
    "timeline",
    "islands",
    "export",
    "data_sources",
    "disputes",
    "make_pack",
)
MAP_PAGES = ("", "story")
COMPARE_FRAME = 'iframe[title="ui.compare_map.compare_map"]'


def wait_for_settled(page: Any) -> None:
    """Wait until the app has finished its run and shows no stale (faded) element."""
    page.wait_for_function(
        f"() => ({IDLE_JS})() && !document.querySelector('[data-stale=\"true\"]')",
        timeout=120_000,
    )


def wait_for_idle(page: Any, timeout: float = 120_000) -> Any:
    """Wait until the app has no run in progress (with the async API, await the result)."""
    return page.wait_for_function(IDLE_JS, timeout=timeout)


def wait_for_whole_map_page(page: Any) -> None:
    """Wait until the map page is whole and idle (its rest follows the first map)."""
    page.locator('[data-testid="stDownloadButton"]').first.wait_for(timeout=120_000)
    wait_for_idle(page)


def chromium_path() -> str:
    """The system Chromium; fails in CI (and skips elsewhere) when it is missing."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = "system Chromium not found (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
    raise AssertionError  # unreachable


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_app(env: dict[str, str] | None = None, timeout: float = 90.0) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free port; yield its URL once healthy."""
    with running_server(env, timeout) as (url, _):
        yield url


@contextmanager
def running_server(
    env: dict[str, str] | None = None,
    timeout: float = 90.0,
    extra_args: tuple[str, ...] = (),
    script: Path = REPO_ROOT / "app.py",
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Like :func:`running_app` (or another Streamlit ``script``), also yielding the process."""
    port = free_port()
    log = REPO_ROOT / "test-artifacts"
    log.mkdir(exist_ok=True)
    log_file = (log / f"streamlit-{port}.log").open("w+")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            *extra_args,
        ],
        cwd=REPO_ROOT,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        env={**os.environ, "DISPUTE_OFFLINE": "1", **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log_file.seek(0)
                pytest.fail(f"the app exited with {process.returncode}:\n{log_file.read()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                log_file.seek(0)
                pytest.fail(f"the app did not answer in {timeout} s:\n{log_file.read()}")
            time.sleep(0.25)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log_file.close()


# The pinned axe-core the app serves (static/axe-core), injected into every frame.
AXE = "/app/static/axe-core/4.11.0/axe.min.js"


def audit_page(page: Any, url: str) -> list[dict[str, Any]]:
    """axe-core violations of the page and every frame in it."""
    found = []
    for frame in page.frames:
        try:
            frame.add_script_tag(url=url + AXE)
            result = frame.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        except PlaywrightError as err:  # a frame that navigated away meanwhile
            print(f"  (frame {frame.url[:60]} not audited: {err})", file=sys.stderr)
            continue
        for violation in result["violations"]:
            found.append(
                {
                    "frame": "page" if frame == page.main_frame else "frame",
                    "id": violation["id"],
                    "impact": violation["impact"],
                    "nodes": len(violation["nodes"]),
                    "help": violation["help"],
                    "target": violation["nodes"][0]["target"] if violation["nodes"] else "",
                    # the first node's markup and axe's reason, to find it in a failure
                    "html": (
                        violation["nodes"][0]["html"][:160]
                        + " "
                        + "; ".join(c["message"] for c in violation["nodes"][0]["any"])[:240]
                        if violation["nodes"]
                        else ""
                    ),
                }
            )
    return found


@contextmanager
def serving_folder(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP from a thread (the standard library's server); yield its URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """No access log on stderr."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def only_local(context: Any, url: str) -> list[str]:
    """Abort every request of a browser context that does not go to ``url``; list them."""
    refused: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(url + "/") or request_route.request.url == url:
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    return refused


@contextmanager
def behind_nginx(
    processes: int = 2, env: dict[str, str] | None = None
) -> Iterator[tuple[str, Path]]:
    """``deploy/start.sh`` with ``processes`` explorer processes behind nginx on a free port;
    yields nginx's URL and the folder of its configuration and logs (``access.log``)."""
    import signal
    import tempfile

    port = free_port()
    while any(_listening(port + i) for i in range(1, processes + 1)):
        port = free_port()
    with tempfile.TemporaryDirectory() as run:
        process = subprocess.Popen(
            ["bash", str(REPO_ROOT / "deploy" / "start.sh")],
            env={
                **os.environ,
                "PROCESSES": str(processes),
                "PORT": str(port),
                "LISTEN": f"127.0.0.1:{port}",
                "PYTHON": sys.executable,
                "RUN_DIR": run,
                "DISPUTE_OFFLINE": "1",
                **(env or {}),
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wanted = [url, *(f"http://127.0.0.1:{port + i}" for i in range(1, processes + 1))]
            deadline = time.monotonic() + 180
            while not all(_healthy(u) for u in wanted):
                if process.poll() is not None:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"deploy/start.sh ended with {process.returncode}:\n{output}")
                if time.monotonic() > deadline:
                    pytest.fail("the processes behind nginx did not answer in 180 s")
                time.sleep(0.5)
            yield url, Path(run)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _listening(port: int) -> bool:
    """Whether something listens on a local port."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _healthy(url: str) -> bool:
    """Whether a server's health check answers now."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False
