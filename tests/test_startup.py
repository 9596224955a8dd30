"""The server's start-up work: what the first visitor would otherwise wait for."""

from __future__ import annotations

import ast
import sys

import pytest

from tests.conftest import REPO_ROOT


def test_app_entry_point_serves_the_explorer_script_with_a_start_up_hook() -> None:
    tree = ast.parse((REPO_ROOT / "app.py").read_text(encoding="utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "st.App"
    ]
    assert len(calls) == 1
    (call,) = calls
    assert ast.literal_eval(call.args[0]) == "explorer.py"
    assert (REPO_ROOT / "explorer.py").is_file()
    assert "lifespan" in {keyword.arg for keyword in call.keywords}


def test_warm_up_builds_the_default_map_document_and_imports_the_geodata_stack() -> None:
    from ui import cache, controls, startup

    cache._documents_cache.clear()
    assert cache._documents_cache().size == 0
    startup.warm_up()
    built = cache._documents_cache().size
    assert built > 100_000  # the shipped pack's map document (every state) is ~230 KB

    # the first visitor's default map is then served from the cache, not built again
    folder = cache.shipped_or_configured_folder()
    dispute = cache.dispute_at(folder)
    view = controls.effective_basemap(controls.default_for(dispute))
    cache.map_document(dispute, str(folder.resolve()), view)
    assert cache._documents_cache().size == built
    for module in ("folium", "geopandas", "altair", "geo.export"):
        assert module in sys.modules


def test_start_up_turns_off_the_send_delay_on_the_servers_listening_socket() -> None:
    import socket

    from ui.startup import send_without_delay

    with socket.socket() as listening:  # protocol 0, as Streamlit binds its server's socket
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        assert send_without_delay() >= 1
        with socket.create_connection(listening.getsockname()):
            accepted, _ = listening.accept()
            with accepted:
                # asyncio would leave a protocol-0 socket's connections with Nagle's delay
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


def test_large_blocks_go_back_to_the_system_when_freed():
    """An upload's 20 MB block is given back when its session ends (glibc: mallopt)."""
    import platform

    from ui.startup import return_large_blocks

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        pytest.skip("mallopt is glibc's")
    assert return_large_blocks()
