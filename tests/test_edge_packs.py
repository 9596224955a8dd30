"""Everything that validates renders: packs at the edges of what validation accepts
open on every page and in every export format."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import paths
from geo.export import export
from geo.limits import PACK_LIMITS
from geo.pack import load_dispute
from geo.view import default_view
from tests.conftest import PAGES, REPO_ROOT, read_rows, write_rows
from tests.edge_packs import edit_json
from ui.controls import MAP_DRAWN_KEY


def _earliest_year(folder: Path) -> None:
    """Shikotan's history starts in the first supported year."""
    rows = read_rows(folder / paths.SOVEREIGNTY_FILE)
    first = next(i for i, r in enumerate(rows) if r["group"] == "shikotan")
    start = f"{PACK_LIMITS.first_year:04d}-01-01"
    rows.insert(first, {**rows[first], "start": start, "end": rows[first]["start"]})
    write_rows(folder / paths.SOVEREIGNTY_FILE, rows)


def _extreme_view(folder: Path) -> None:
    edit_json(
        folder / paths.MANIFEST_FILE,
        lambda m: m["default_view"].update(center=[-90, 180], zoom=18, year=PACK_LIMITS.last_year),
    )


def _longest_texts(folder: Path) -> None:
    def edit(manifest):
        manifest["title"] = ("択捉島 Итуруп — " * 100)[: PACK_LIMITS.short_text]
        manifest["parties"]["JP"]["name"] = "日本国 " + "x" * (PACK_LIMITS.short_text - 4)

    edit_json(folder / paths.MANIFEST_FILE, edit)


EDGES = {
    "earliest-year": _earliest_year,
    "extreme-default-view": _extreme_view,
    "longest-texts": _longest_texts,
}


@pytest.fixture(params=list(EDGES), scope="module")
def edge_pack(request, tmp_path_factory) -> Path:
    import shutil

    folder = tmp_path_factory.mktemp(request.param) / "pack"
    shutil.copytree(paths.shipped_data_dir(), folder)
    EDGES[request.param](folder)
    return folder


@pytest.mark.slow
def test_edge_pack_exports_every_format(edge_pack):
    dispute = load_dispute(edge_pack)
    view = default_view(dispute)
    first_year = view.event_start
    for year in (first_year, 1945, view.year):
        for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml"), ("html", b"<!DOCTYPE")):
            assert export(dispute, view.replace(year=year), fmt, 72).startswith(magic)
    assert export(dispute, view, "gif", 72).startswith(b"GIF89a")


@pytest.mark.parametrize("page", PAGES)
def test_edge_pack_opens_every_page(monkeypatch, edge_pack, page):
    monkeypatch.setenv("DISPUTE_PACK", str(edge_pack))
    monkeypatch.setenv("DISPUTE_OFFLINE", "1")
    app = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=120)
    app.session_state[MAP_DRAWN_KEY] = True  # the map drawn: the whole page
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
