"""Several explorer processes behind nginx (``deploy/``): every request of a browser reaches
its own process, and a session keeps its map when its connection drops and comes back."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from typing import Any

import pytest
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser_support import behind_nginx, map_frame, wait_for_whole_map_page
from tests.conftest import REPO_ROOT

START = REPO_ROOT / "deploy" / "start.sh"


def _nginx() -> str:
    """Debian's nginx; missing, the test fails in CI (``.ci/run`` installs it) and skips here."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("nginx not found (apt-get install nginx)")
        pytest.skip("nginx not found (apt-get install nginx)")
    return found


def _sessions_by_socket(page: Any) -> list[list[str]]:
    """For each WebSocket the page opens, the session ids its server announces."""
    found: list[list[str]] = []

    def watch(socket: Any) -> None:
        ids: list[str] = []
        found.append(ids)

        def frame(payload: Any) -> None:
            if isinstance(payload, bytes):
                message = ForwardMsg()
                message.ParseFromString(payload)
                if message.WhichOneof("type") == "new_session":
                    ids.append(message.new_session.initialize.session_id)

        socket.on("framereceived", frame)

    page.on("websocket", watch)
    return found


@pytest.mark.browser
def test_a_session_keeps_its_map_when_its_connection_to_nginx_drops(browser):
    _nginx()
    with behind_nginx(2) as (url, run):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        sockets = _sessions_by_socket(page)
        page.goto(f"{url}/?year=1950")
        wait_for_whole_map_page(page)
        frame = map_frame(page)
        frame.locator("body").evaluate("() => { window.__probe = 42; }")
        # the proxy's workers die (a crash, a kill): every connection through them drops
        master = int((run / "nginx.pid").read_text())
        workers = subprocess.run(
            ["pgrep", "-P", str(master)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert workers
        for worker in workers:
            os.kill(int(worker), signal.SIGKILL)
        # the browser reconnects, its routing cookie takes it to the process that holds
        # its session, and the map, never reloaded, still drives the page
        for _ in range(120):
            if len(sockets) > 1 and sockets[1]:
                break
            page.wait_for_timeout(500)
        frame.locator(".kt-slider").focus()
        page.keyboard.press("ArrowRight")
        expect(page.get_by_role("heading", name="Events in 1951")).to_be_visible(timeout=60_000)
        assert frame.locator("body").evaluate("() => window.__probe") == 42
        assert len(sockets) == 2, sockets
        first, second = sockets
        assert first and second and set(second) == {first[0]}, sockets
        context.close()


@pytest.mark.slow
def test_the_start_script_refuses_a_bad_process_count():
    result = subprocess.run(
        ["bash", str(START)],
        env={**os.environ, "PROCESSES": "0"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "PROCESSES must be a number from 1 to 99" in result.stderr


@pytest.mark.slow
def test_the_generated_configuration_is_valid_nginx(tmp_path):
    nginx = _nginx()
    template = (REPO_ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
    servers = "".join(f"        server 127.0.0.1:{port};\n" for port in (9101, 9102))
    conf = (
        template.replace("@RUN@", str(tmp_path))
        .replace("@LISTEN@", "127.0.0.1:9100")
        .replace("@SERVERS@\n", servers)
    )
    (tmp_path / "nginx.conf").write_text(conf, encoding="utf-8")
    result = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
