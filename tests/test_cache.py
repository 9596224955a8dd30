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


def test_the_text_twin_is_kept_per_language(dispute):
    """A twin in one language must not be served to a reader of another."""
    from geo.twin import describe

    view = default_view(dispute).replace(year=1950, day="")
    for language in ("en", "ja", "ru"):
        twin = cache.text_twin(dispute, "language-test", view.replace(lang=language))
        assert twin == describe(dispute, view.date, view.worldview, language=language)


def test_year_events_carry_the_titles_translation(dispute):
    view = default_view(dispute).replace(year=1945, day="", lang="ja")
    current, _earlier = cache.year_events(dispute, "language-test", view)
    assert current
    titles = dict(zip(dispute.events["id"], dispute.events["title_ja"], strict=True))
    assert all(event["title_ja"] == titles[event["id"]] for event in current)
    english, _ = cache.year_events(dispute, "language-test", view.replace(lang="en"))
    assert all("title_ja" not in event for event in english)
