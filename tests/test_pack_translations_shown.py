"""The pack's line names, names-layer meanings, depiction labels and licence, shown in the
reader's language: the scene, the export's key, the comparison, the tables, the Islands page.

Expected texts come from the pack's own fields (``name_ja``, ``meaning_ru``…), never from
a copy of what the code writes; English must read as before.
"""

from __future__ import annotations

import datetime as dt
import html

import pytest

from geo.compare import compare
from geo.depiction import drawn_lines, hidden_notes, short_label
from geo.i18n import TRANSLATED, localized, texts
from geo.names import local_name_lines
from geo.presentation import depiction_caption
from geo.scene import build_scene
from geo.tables import depictions_table
from geo.view import default_view

LANGS = ("en", *TRANSLATED)
# Lines the neutral view draws with their own names (no depiction row relabels them).
OWN_NAMED = ("line-1855", "line-1875", "line-1905")


def _line(dispute, line_id: str) -> dict:
    lines = dispute.boundaries
    return lines[lines["id"] == line_id].iloc[0].to_dict()


def _in(dispute, line_id: str, field: str, lang: str) -> str:
    """A line's text in a language, straight from the pack's fields."""
    return _line(dispute, line_id)[field if lang == "en" else f"{field}_{lang}"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_scene_names_and_describes_each_line_in_the_language(dispute, lang):
    scene = build_scene(dispute, default_view(dispute).replace(worldview="neutral", lang=lang))
    for line_id in OWN_NAMED:
        name = _in(dispute, line_id, "name", lang)
        drawn = [line for line in scene.lines if line.id == line_id]
        assert drawn, line_id
        assert any(f"<b>{html.escape(name)}</b>" in line.popup for line in drawn), line_id
        assert any(line.label == html.escape(short_label(name)) for line in drawn)
        method = html.escape(_in(dispute, line_id, "method", lang))
        assert all(method in line.popup for line in drawn), line_id


@pytest.mark.parametrize("lang", LANGS)
def test_the_scene_legend_gives_the_depictions_label_in_the_language(dispute, lang):
    scene = build_scene(dispute, default_view(dispute).replace(worldview="neutral", lang=lang))
    row = next(d for d in dispute.depictions if d.element == "line-of-control")
    label = row.label if lang == "en" else dict(row.translations)[f"label_{lang}"]
    assert any(html.escape(label) in state.key for state in scene.states)


@pytest.mark.parametrize("lang", LANGS)
def test_the_export_key_names_the_lines_in_the_language(dispute, lang):
    from geo.sheet import export_style
    from geo.staticmap import render_figure

    view = default_view(dispute).replace(year=1880, worldview="neutral", lang=lang)
    with export_style(72):
        figure = render_figure(dispute, view, 72)
    drawn = " ".join(
        "".join(a.get_text().split())
        for a in figure.findobj()
        if (a.get_gid() or "").startswith(("legend-text-", "key-")) and hasattr(a, "get_text")
    )
    assert "".join(_in(dispute, "line-1875", "name", lang).split()) in drawn


@pytest.mark.parametrize("lang", LANGS)
def test_the_comparison_names_the_lines_that_appeared_and_went_in_the_language(dispute, lang):
    changes = compare(dispute, dt.date(1860, 12, 31), dt.date(1880, 12, 31), "neutral", lang)
    assert changes.lines_appeared == [_in(dispute, "line-1875", "name", lang)]
    assert changes.lines_gone == [_in(dispute, "line-1855", "name", lang)]


def test_the_comparison_in_english_is_as_before(dispute):
    changes = compare(dispute, dt.date(1860, 12, 31), dt.date(1880, 12, 31), "neutral")
    assert changes.lines_appeared == ["Border of 1875 (between Shumshu and Kamchatka)"]
    assert changes.lines_gone == ["Border of 1855 (between Etorofu and Urup)"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_line_without_its_translation_is_named_in_english_and_marked(dispute, lang):
    from dataclasses import replace

    lines = dispute.boundaries.copy()
    lines[f"name_{lang}"] = ""
    bare = replace(dispute, boundaries=lines, memo={})
    changes = compare(bare, dt.date(1860, 12, 31), dt.date(1880, 12, 31), "neutral", lang)
    english = _in(dispute, "line-1875", "name", "en")
    said = texts(lang).gettext("{text} (not translated)").format(text=english)
    assert changes.lines_appeared == [said]
    drawing = next(d for d in drawn_lines(bare, "neutral", dt.date(1880, 1, 1), lang))
    assert (drawing.label, drawing.translated) == (english, False)


@pytest.mark.parametrize("lang", LANGS)
def test_the_names_layer_gives_its_language_and_meanings_in_the_language(dispute, lang):
    manifest = dispute.manifest
    layer = manifest.names_layers[0]
    for unit, name in layer.names.items():
        text = " ".join(local_name_lines(manifest, unit, unit, lang))
        assert localized(layer.texts(), "language", lang).text in text
        for number, (form, meaning) in enumerate(name.meanings):
            assert form in text  # the Ainu forms as the pack writes them
            wanted = meaning if lang == "en" else name.meaning_texts(number)[f"meaning_{lang}"]
            assert wanted in text, (unit, number)


def test_the_names_layer_in_english_is_as_before(dispute):
    lines = local_name_lines(dispute.manifest, "shikotan", "shikotan")
    assert lines == [
        "Ainu: si-kotan (meaning: si-kotan (シ・コタン) ‘big village, large settlement’)"
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_depictions_table_hidden_notes_and_caption_in_the_language(dispute, lang):
    table = depictions_table(dispute, lang)
    label, note = texts(lang).gettext("Label"), texts(lang).gettext("Note")
    for shown, row in zip(table.to_dict("records"), dispute.depictions, strict=True):
        record = row.texts()
        assert shown[label] == localized(record, "label", lang).text
        assert shown[note] == localized(record, "note", lang).text
    when = dt.date(1980, 1, 1)
    hidden = [d for d in dispute.depictions if d.drawn_as == "hidden" and d.valid_on(when)]
    assert hidden, "the Kuril pack hides a line in Japan's view"
    wanted = [localized(d.texts(), "label", lang).text for d in hidden if d.worldview == "jp"]
    assert hidden_notes(dispute, "jp", when, lang) == wanted
    caption = depiction_caption(dispute, "jp", when, lang)
    assert all(f"{w}." in caption for w in wanted)


@pytest.mark.parametrize("lang", LANGS)
def test_a_warning_of_the_pack_is_written_in_the_language(lang):
    from geo.errors import N_, Problem

    warning = Problem(
        "x.geojson",
        "feature 1",
        N_("repaired an invalid polygon ({reason})"),
        {"reason": "Ring Self-intersection"},
    )
    said = texts(lang).gettext("repaired an invalid polygon ({reason})")
    assert warning.text(lang) == said.format(reason="Ring Self-intersection")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_islands_page_gives_the_ainu_meanings_in_the_language(dispute, lang):
    from tests.test_pages_in_languages import _page, _shown

    app = _page("pages/islands.py", year="1950", lang=lang)
    shown = _shown(app)
    name = dispute.manifest.names_layers[0].names["etorofu"]  # the page opens on Etorofu
    for number in range(len(name.meanings)):
        assert name.meaning_texts(number)[f"meaning_{lang}"] in shown, number


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_data_and_sources_page_gives_the_licence_in_the_language(dispute, lang):
    from tests.test_pages_in_languages import _page, _shown

    app = _page("pages/data_sources.py", lang=lang)
    assert dispute.manifest.texts()[f"licence_{lang}"] in _shown(app)
