"""The static renderer: what is on the figure, fonts, formats, determinism, golden images."""

from __future__ import annotations

import io
import itertools
import logging
import warnings

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.text import Text
from PIL import Image
from pypdf import PdfReader
from pypdf import PdfReader as _PdfReader

from geo.export import export
from geo.i18n import LANGUAGES, texts
from geo.sheet import MIN_TEXT_PX, Frame, export_style
from geo.staticmap import animation_frames, figure_bytes, render_figure
from geo.timeline import change_years, state_at
from geo.view import SIZE_PRESETS, default_view
from tests.conftest import REPO_ROOT

GOLDEN = REPO_ROOT / "tests" / "golden"
GOLDEN_VIEWS = {"1855-jp": (1855, "jp"), "1945-ru": (1945, "ru"), "2026-neutral": (2026, "neutral")}
GOLDEN_DPI = 50  # saved small; laid out at the lowest resolution offered
GOLDEN_LAYOUT_DPI = 72
LANGS = tuple(LANGUAGES)  # every export's layout is checked in each language


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
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("year", [1855, 1945, 1991, 2026])
def test_labels_do_not_overlap(dispute, year, lang):
    figure = _figure(dispute, _view(dispute, year, "ru", lang=lang))
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
    assert all(
        " 1945" in a.get_text() and "-" not in a.get_text()[:18]
        for a in _by_gid(figure, "key-")
        if not a.get_gid().startswith("key-number-")
    )
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
@pytest.mark.parametrize("lang", LANGS)
def test_no_glyph_is_missing_in_any_script(dispute, caplog, lang):
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        for worldview in ("jp", "ru", "neutral"):
            export(dispute, _view(dispute, 1956, worldview, lang=lang), "png", dpi=72)
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "missing from" in m or "Glyph" in m]


@pytest.mark.slow
@pytest.mark.parametrize(("worldview", "field"), [("jp", "name_ja"), ("ru", "name_ru")])
def test_svg_needs_no_font_and_says_its_names(dispute, worldview, field):
    svg = export(dispute, _view(dispute, 1945, worldview), "svg").decode("utf-8")
    # every letter an outline: kanji and Cyrillic never boxes in a viewer without the font
    assert "<text" not in svg
    for group in dispute.group_ids:
        assert f'id="label-{group}"' in svg  # the name is drawn
        # and said in the description, for search and for screen readers
        description = svg.split('<desc id="map-desc">', 1)[1].split("</desc>", 1)[0]
        assert dispute.manifest.groups[group][field] in description


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
    assert export(dispute, view, fmt, dpi=72) == export(dispute, view, fmt, dpi=72)


def test_one_thread_draws_at_a_time_under_the_export_settings():
    """matplotlib's settings are one per process: while one export draws under them,
    another thread's export waits (else it could restore them mid-drawing)."""
    import threading

    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with export_style(72):
            first_in.set()
            seen["second got in meanwhile"] = second_in.wait(timeout=2.0)
            first_out.set()

    def second() -> None:
        first_in.wait(timeout=30)
        with export_style(96):
            second_in.set()
            seen["first was out"] = first_out.is_set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert seen == {"second got in meanwhile": False, "first was out": True}


@pytest.mark.slow
def test_default_png_is_at_least_1600_px_wide(dispute):
    image = Image.open(io.BytesIO(export(dispute, _view(dispute, 2026), "png")))
    assert image.width >= 1600


@pytest.mark.slow
@pytest.mark.parametrize("size", ["slide", "a4-landscape", "a4-portrait", "square"])
def test_size_presets_set_the_shape(dispute, size):
    image = Image.open(io.BytesIO(export(dispute, _view(dispute, 1945, size=size), "png", dpi=72)))
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
        io.BytesIO(
            export(
                dispute,
                _view(dispute, year, worldview),
                "png",
                dpi=GOLDEN_LAYOUT_DPI,
                save_dpi=GOLDEN_DPI,
            )
        )
    )
    golden = Image.open(GOLDEN / f"{name}.png")
    assert _difference(rendered, golden) < 1.5, "re-run tests/golden/regenerate.py if intended"


# --- Layout: nothing clipped, nothing overlapping, at every preset and resolution ---

BUSY = {  # the most text an editor can put on an export
    "categories": ("military", "diplomatic", "treaty"),
    "groups": ("shikotan", "habomai", "kunashiri"),
    "title": "The Kuril Islands at the end of the Second World War: landings, surrender",
    "note": "Note: the landings on Shikotan and the Habomai islets followed Japan's surrender "
    "of 2 September 1945; a $5 note in the text must stay literal.",
}
# An editor's own texts in each language: Japanese without spaces, Russian ~30 % longer.
BUSY_TEXTS = {
    "en": {},
    "ja": {
        "title": "第二次世界大戦末の千島列島：上陸、降伏、そして占領の始まりを一枚の地図で示す",
        "note": "注：色丹島と歯舞群島への上陸は1945年9月2日の日本の降伏後に行われました。"
        "本文中の$5という表記はそのまま表示されなければなりません。",
    },
    "ru": {
        "title": "Курильские острова в конце Второй мировой войны: высадки, капитуляция и "
        "начало оккупации",
        "note": "Примечание: высадки на Шикотане и островах Хабомаи последовали за капитуляцией "
        "Японии 2 сентября 1945 г.; обозначение $5 в тексте должно остаться буквальным.",
    },
}


def _busy(lang):
    """The busiest editor's view in a language."""
    return {**BUSY, **BUSY_TEXTS[lang], "lang": lang}


def _texts(figure):
    """Every visible text artist with something to show."""
    return [
        t
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip() and (t.axes is None or t.axes.get_visible())
    ]


def _check_layout(figure, dpi):
    """Every text inside the figure (2 px clear of the edge), none overlapping another."""
    renderer = figure.canvas.get_renderer()
    width, height = figure.bbox.width, figure.bbox.height
    boxes = [(t, t.get_window_extent(renderer)) for t in _texts(figure)]
    assert len(boxes) > 20
    for text, box in boxes:
        name = text.get_gid() or text.get_text()[:30]
        assert box.x0 >= 2 and box.y0 >= 2, name
        assert box.x1 <= width - 2 and box.y1 <= height - 2, name
        assert text.get_fontsize() * dpi / 72 >= MIN_TEXT_PX - 1e-6, name
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), (
            a.get_gid() or a.get_text()[:30],
            b.get_gid() or b.get_text()[:30],
        )
    for ax in figure.axes:  # the map and the inset lie inside the margin too
        box = ax.get_window_extent(renderer)
        assert box.x0 >= 2 and box.y0 >= 2 and box.x1 <= width - 2 and box.y1 <= height - 2


def _border_ink(png: bytes) -> int:
    """Pixels within 2 px of the image border that differ from the white background."""
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    border = np.concatenate(
        [
            image[:2].reshape(-1, 3),
            image[-2:].reshape(-1, 3),
            image[:, :2].reshape(-1, 3),
            image[:, -2:].reshape(-1, 3),
        ]
    )
    return int((np.abs(border - 255).sum(axis=1) > 0).sum())


def _cases(combinations, fast):
    """Parameters for every combination; those not in ``fast`` are marked slow (CI runs all)."""
    return [pytest.param(*c, marks=() if c in fast else pytest.mark.slow) for c in combinations]


# The inner loop checks each preset once, the three namings and both years among them.
FAST_LAYOUTS = {
    ("slide", 1945, "jp"),
    ("a4-landscape", 2016, "ru"),
    ("a4-portrait", 1945, "neutral"),
    ("square", 2016, "neutral"),
}


@pytest.mark.parametrize(
    ("size", "year", "worldview", "lang"),
    _cases(
        itertools.product(SIZE_PRESETS, (1945, 2016), ("jp", "ru", "neutral"), LANGS),
        {(*case, lang) for case in FAST_LAYOUTS for lang in LANGS},
    ),
)
def test_nothing_is_clipped_or_overlaps(dispute, size, year, worldview, lang):
    view = _view(dispute, year, worldview, size=size, lang=lang)
    with export_style():
        figure = render_figure(dispute, view)
        figure.canvas.draw()
        _check_layout(figure, figure.dpi)
        labels = {a.get_gid() for a in _by_gid(figure, "label-")}
        assert len(labels) == len(dispute.group_ids)  # every group named
        assert _border_ink(figure_bytes(figure, "png", int(figure.dpi))) == 0


@pytest.mark.parametrize(
    ("size", "dpi", "lang"),
    _cases(
        itertools.product(SIZE_PRESETS, (72, 300, 600), LANGS),
        {("slide", 72, "en"), ("a4-portrait", 600, "en"), ("a4-portrait", 72, "ja")}
        | {("square", 72, "ru"), ("slide", 72, "ja"), ("a4-landscape", 72, "ru")},
    ),
)
def test_every_resolution_keeps_the_layout(dispute, size, dpi, lang):
    view = _view(dispute, 1945, "ru", size=size, **_busy(lang))
    with export_style(dpi):
        figure = render_figure(dispute, view, dpi)
        figure.canvas.draw()
        _check_layout(figure, dpi)
        assert _by_gid(figure, "note") and _by_gid(figure, "filters")
        if dpi <= 72:
            assert _border_ink(figure_bytes(figure, "png", dpi)) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_key_is_cut_with_a_count_not_clipped(dispute, lang):
    view = _view(dispute, 1945, "ru", size="a4-landscape", **_busy(lang))
    with export_style(72):
        figure = render_figure(dispute, view.replace(categories=(), groups=()), 72)
        figure.canvas.draw()
        _check_layout(figure, 72)
        keyed = [a for a in _by_gid(figure, "key-") if not a.get_gid().startswith("key-number")]
        more = _by_gid(figure, "events-more")
        total = int((dispute.events["date"].map(lambda d: d.year) == 1945).sum())
        left = total - len(keyed)
        said = texts(lang).ngettext(
            "… and {count} more (all are listed in the app)",
            "… and {count} more (all are listed in the app)",
            left,
        )
        assert len(keyed) == total or (  # wrapped: compared without its line breaks
            more and "".join(more[0].get_text().split()) == "".join(said.format(count=left).split())
        )


@pytest.mark.slow
def test_filters_are_stated_on_the_image_and_in_the_files(dispute):
    view = _view(
        dispute, 1956, "neutral", categories=("diplomatic",), groups=("shikotan", "habomai")
    )
    statement = "Events: diplomatic only · groups: Shikotan, Habomai islets"
    svg = export(dispute, view, "svg").decode("utf-8")
    assert svg.count(statement) >= 2  # drawn as text and in the file's description
    assert "<dc:description>" in svg
    png = Image.open(io.BytesIO(export(dispute, view, "png", dpi=72)))
    assert statement in png.text["Comment"] and "Sources" in png.text["Description"]
    info = _PdfReader(io.BytesIO(export(dispute, view, "pdf"))).metadata
    assert info["/Keywords"] == statement and statement in info["/Subject"]
    gif = Image.open(io.BytesIO(export(dispute, view, "gif")))
    assert statement in gif.info["comment"].decode("utf-8")


def test_an_unfiltered_export_says_so_in_its_metadata(dispute):
    png = Image.open(io.BytesIO(export(dispute, _view(dispute, 1956), "png", dpi=72)))
    assert "Filters: none" in png.text["Comment"]


def test_editor_texts_and_callouts(dispute):
    view = _view(
        dispute,
        1945,
        "jp",
        title="Dollar $signs$ stay text",
        subtitle="Für die Klasse 7b",
        note="Made by the geography department.",
        callouts=("yalta-agreement", "soviet-landing-etorofu"),
    )
    figure = _figure(dispute, view)
    assert _by_gid(figure, "title")[0].get_text() == "Dollar $signs$ stay text"
    assert _by_gid(figure, "subtitle")[0].get_text() == "Für die Klasse 7b"
    assert _by_gid(figure, "note")[0].get_text() == "Made by the geography department."
    markers = {a.get_gid().removeprefix("event-") for a in _by_gid(figure, "event-")}
    assert markers == {"yalta-agreement", "soviet-landing-etorofu"}
    total = int((dispute.events["date"].map(lambda d: d.year) == 1945).sum())
    assert f"callouts for 2 of the {total} events" in _by_gid(figure, "filters")[0].get_text()
    footer = _by_gid(figure, "footer")[0].get_text().replace("\n", " ")
    assert "Wikipedia" in footer or "Ministry" in footer
    svg = export(dispute, view, "svg").decode("utf-8")
    assert "Dollar $signs$ stay text" in svg


def test_russian_names_put_russian_first_in_the_subtitle(dispute):
    figure = _figure(dispute, _view(dispute, 2016, "ru"))
    text = _by_gid(figure, "subtitle")[0].get_text().replace("\n", " ")
    assert "Iturup (Etorofu)" in text and "Etorofu (Iturup)" not in text


@pytest.mark.slow
def test_no_false_precision_in_exports(dispute):
    imprecise = dispute.events[dispute.events["date_precision"] != "day"]
    assert not imprecise.empty
    for year in sorted({d.year for d in imprecise["date"]}):
        svg = export(dispute, _view(dispute, year), "svg").decode("utf-8")
        for date in imprecise["date"]:
            assert date.isoformat() not in svg, date
    svg = export(dispute, _view(dispute, 1711), "svg").decode("utf-8")
    assert "August 1711" in svg


def test_gif_frames_say_what_changed_and_read_at_100_percent(dispute):
    view = _view(dispute, 1956, categories=("visit",))
    with export_style(80):
        figure = render_figure(dispute, view.replace(year=1946), 80, Frame("1946–1990", "x"))
        figure.canvas.draw()
        _check_layout(figure, 80)
        assert _by_gid(figure, "frame-year")[0].get_text() == "1946–1990"
        assert _by_gid(figure, "frame-caption")
        texts = " ".join(t.get_text() for t in _texts(figure))
        assert "passes the filters" not in texts
        assert _by_gid(figure, "footer")[0].get_fontsize() * 80 / 72 >= MIN_TEXT_PX


def test_an_empty_key_says_whether_filters_or_the_table_leave_it_empty(dispute):
    years = {d.year for d in dispute.events["date"]}
    empty = next(y for y in range(2025, 1900, -1) if y not in years)
    quiet = _figure(dispute, _view(dispute, empty))
    assert _by_gid(quiet, "events-empty")[0].get_text() == f"The table records no event in {empty}."
    filtered = _figure(dispute, _view(dispute, 1956, categories=("visit",)))
    assert "No event of 1956 passes the filters" in _by_gid(filtered, "events-empty")[0].get_text()


def test_an_export_as_on_screen_shows_exactly_the_window_widened_to_the_map(dispute):
    import geopandas as gpd
    import shapely

    from geo.maplayers import projection

    window = (145.2, 43.5, 146.7, 44.6)
    figure = _figure(dispute, _view(dispute, 1956, size="a4-portrait", extent=window))
    renderer = figure.canvas.get_renderer()
    main = max(figure.axes, key=lambda ax: ax.get_window_extent(renderer).width)
    (x0, x1), (y0, y1) = main.get_xlim(), main.get_ylim()
    edges = shapely.segmentize(shapely.box(*window), 0.01)
    west, south, east, north = (
        gpd.GeoSeries([edges], crs="EPSG:4326").to_crs(projection(dispute)).total_bounds
    )
    tolerance = 1e-3 * (east - west)
    assert x0 <= west + tolerance and x1 >= east - tolerance
    assert y0 <= south + tolerance and y1 >= north - tolerance
    # no margin: the window fills one of the map's two directions
    assert min(abs(x0 - west) + abs(x1 - east), abs(y0 - south) + abs(y1 - north)) < 4 * tolerance
    _check_layout(figure, 120)


def test_a_window_without_the_years_events_says_they_lie_outside_it(dispute):
    from geo.presentation import events_for_view

    view = _view(dispute, 1945, extent=(146.01, 44.43, 147.81, 45.59))  # inland Etorofu
    current, _ = events_for_view(dispute, view)
    assert len(current) > 0
    figure = _figure(dispute, view)
    (said,) = _by_gid(figure, "events-empty")
    assert said.get_text() == f"None of the {len(current)} events of 1945 lies in the map window."
    assert "records no event" not in " ".join(t.get_text() for t in figure.texts)
