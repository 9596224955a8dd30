"""The UI's shared caches: map documents are built away from the server's interpreter."""

from __future__ import annotations

from typing import Any

import pytest

from geo.foliummap import map_html
from geo.scene import build_scene
from geo.view import default_view
from geo.worker import ExportError
from ui import cache


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("built in the server's own interpreter")


@pytest.mark.slow
def test_a_map_document_is_built_in_a_worker_process(dispute, monkeypatch):
    """Many built at once in the server's interpreter held it for seconds (health unanswered)."""
    view = default_view(dispute).replace(event_start=1801)  # a scene no test built before
    monkeypatch.setattr(cache, "map_html", _refuse)
    monkeypatch.setattr(cache, "build_scene", _refuse)
    document = cache.map_document(dispute, "worker-test", view)
    assert document == map_html(dispute, view, build_scene(dispute, view))


def test_a_failed_worker_leaves_the_document_to_the_server(dispute, monkeypatch):
    view = default_view(dispute).replace(event_start=1802)

    def failed(*args: Any, **kwargs: Any) -> str:
        raise ExportError("the map process was stopped by signal 9 (out of memory?)")

    monkeypatch.setattr(cache, "document_in_worker", failed)
    document = cache.map_document(dispute, "fallback-test", view)
    assert document == map_html(dispute, view, build_scene(dispute, view))
