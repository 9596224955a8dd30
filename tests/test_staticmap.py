"""The static renderer: what is on the figure, fonts, formats, determinism, golden images."""

from __future__ import annotations

import io
import itertools
import logging
import warnings

import numpy as np
import pytest
from matplotlib.colors import to_hex
from PIL import Image
from pypdf import PdfReader

from geo.export import export
from geo.staticmap import animation_frames, export_style, render_figure
from geo.timeline import change_years, state_at
from geo.view import default_view
from tests.conftest import REPO_ROOT

GOLDEN = REPO_ROOT / "tests" / "golden"
GOLDEN_VIEWS = {"1855-jp": (1855, "jp"), "1945-ru": (1945, "ru"), "2026-neutral": (2026, "neutral")}
GOLDEN_DPI = 50


def _view(dispute, year, worldview="neutral", **changes):
    return default_view(dispute).replace(year=year, worldview=worldview, **changes)


def _figure(dispute, view):
    with export_style():
        figure = render_figure(dispute, view)
        figure.canvas.draw()
        return figure


def _by_gid(figure, prefix):
    return [a for a in figure.findobj() if (a.get_gid() or "").startswith(prefix)]


@pytest.mark.parametrize("year", [1930, 1950, 2000])
def test_one_patch_per_island_in_the_administrators_colour(dispute, year):
    figure = _figure(dispute, _view(dispute, year))
    patches = _by_gid(figure, "island-")
    assert len(patches) == len(dispute.islands)
    state = state_at(dispute, _view(dispute, year).date)
    expected = state["administered_by"].map(lambda c: dispute.manifest.parties[c].color.lower())
    drawn = {p.get_gid().removeprefix("island-"): to_hex(p.get_facecolor()) for p in patches}
    assert all(drawn[i] == c for i, c in zip(state["id"], expected, strict=True))
    hatched = {p.get_gid() for p in patches if p.get_hatch()}
    assert len(hatched) == int(state["contested"].sum())


@pytest.mark.parametrize(("worldview", "field"), [("jp", "name_ja"), ("ru", "name_ru")])
def test_group_labels_use_the_worldviews_names(dispute, worldview, field):
    figure = _figure(dispute, _view(dispute, 1960, worldview))
    labels = {a.get_gid(): a.get_text() for a in _by_gid(figure, "label-")}
    assert len(labels) == len(dispute.group_ids)
    for group in dispute.group_ids:
        assert dispute.manifest.groups[group][field] in labels[f"label-{group}"]


@pytest.mark.slow
@pytest.mark.parametrize("year", [1855, 1945, 1991, 2026])
def test_labels_do_not_overlap(dispute, year):
    figure = _figure(dispute, _view(dispute, year, "ru"))
    renderer = figure.canvas.get_renderer()
    texts = (
        _by_gid(figure, "label-")
        + _by_gid(figure, "boundary-label-")
        + _by_gid(figure, "context-label-")
    )
    boxes = [t.get_window_extent(renderer) for t in texts]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)


def test_event_key_lists_the_years_events(dispute):
    figure = _figure(dispute, _view(dispute, 1945))
    keyed = {
        a.get_gid().removeprefix("key-")
        for a in _by_gid(figure, "key-")
        if not a.get_gid().startswith("key-number-")
    }
    in_1945 = {
        i
        for i, d in zip(dispute.events["id"], dispute.events["date"], strict=True)
        if d.year == 1945
    }
    assert keyed == in_1945
    markers = {a.get_gid().removeprefix("event-") for a in _by_gid(figure, "event-")}
    assert markers == in_1945


def test_map_furniture_is_present(dispute):
    figure = _figure(dispute, _view(dispute, 1950))
    for gid in ("title", "subtitle", "footer", "scale-bar", "north-arrow", "inset", "inset-window"):
        assert _by_gid(figure, gid), gid
    footer = _by_gid(figure, "footer")[0].get_text()
    assert "GSHHG" in footer and "How to cite" in footer


def test_legend_matches_the_interactive_map(dispute):
    figure = _figure(dispute, _view(dispute, 1950))
    texts = [a.get_text() for a in _by_gid(figure, "legend-text-")]
    assert "Soviet Union administers" in texts and "Japan also claims" in texts


@pytest.mark.slow
def test_no_glyph_is_missing_in_any_script(dispute, caplog):
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        for worldview in ("jp", "ru", "neutral"):
            export(dispute, _view(dispute, 1956, worldview), "png", dpi=60)
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "missing from" in m or "Glyph" in m]


@pytest.mark.slow
def test_svg_keeps_names_as_text(dispute):
    svg = export(dispute, _view(dispute, 1945, "ru"), "svg").decode("utf-8")
    assert "<text" in svg
    for group in dispute.group_ids:
        assert dispute.manifest.groups[group]["name_ru"] in svg


@pytest.mark.slow
def test_pdf_opens_and_embeds_its_fonts(dispute):
    reader = PdfReader(io.BytesIO(export(dispute, _view(dispute, 1945, "jp"), "pdf")))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert "IPAexGothic" in " ".join(str(f.get_object()["/BaseFont"]) for f in fonts.values())


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_same_view_gives_identical_bytes(dispute, fmt):
    view = _view(dispute, 1956, "jp")
    assert export(dispute, view, fmt, dpi=60) == export(dispute, view, fmt, dpi=60)


@pytest.mark.slow
def test_default_png_is_at_least_1600_px_wide(dispute):
    image = Image.open(io.BytesIO(export(dispute, _view(dispute, 2026), "png")))
    assert image.width >= 1600


@pytest.mark.slow
@pytest.mark.parametrize("size", ["slide", "a4-landscape", "a4-portrait", "square"])
def test_size_presets_set_the_shape(dispute, size):
    image = Image.open(io.BytesIO(export(dispute, _view(dispute, 1945, size=size), "png", dpi=50)))
    landscape = size in ("slide", "a4-landscape")
    assert (image.width > image.height) == landscape or size == "square"
    if size == "square":
        assert image.width == image.height


@pytest.mark.slow
def test_gif_has_one_frame_per_distinct_state(dispute):
    data = export(dispute, _view(dispute, 2026), "gif")
    image = Image.open(io.BytesIO(data))
    assert image.n_frames == len(change_years(dispute)) == len(animation_frames(dispute))
    durations = []
    for index in range(image.n_frames):
        image.seek(index)
        durations.append(image.info["duration"])
    assert durations[-1] > durations[0]  # a pause on the last frame


def _difference(a: Image.Image, b: Image.Image) -> float:
    left = np.asarray(a.convert("RGB"), dtype=np.int16)
    right = np.asarray(b.convert("RGB"), dtype=np.int16)
    assert left.shape == right.shape
    return float(np.abs(left - right).mean())


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(GOLDEN_VIEWS))
def test_golden_images(dispute, name):
    year, worldview = GOLDEN_VIEWS[name]
    rendered = Image.open(
        io.BytesIO(export(dispute, _view(dispute, year, worldview), "png", dpi=GOLDEN_DPI))
    )
    golden = Image.open(GOLDEN / f"{name}.png")
    assert _difference(rendered, golden) < 1.5, "re-run tests/golden/regenerate.py if intended"
