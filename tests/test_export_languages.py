"""The static exports in each language: their words, their fonts, their line breaks, the CLI.

Translations are compared with the catalogue's (``geo.i18n.texts``), never with a
copy of what the code writes; until a msgid is translated, the catalogue gives it
in English and the comparison still holds.
"""

from __future__ import annotations

import io
import logging
import warnings
from types import SimpleNamespace

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from geo import annotation
from geo.dates import format_event_date
from geo.depiction import drawn_lines, row_label
from geo.export import export
from geo.i18n import LANGUAGES, TRANSLATED, Localized, localized, texts
from geo.sheet import Sheet, break_units, export_style
from geo.staticmap import animation_frames, render_figure
from geo.view import default_view

LANGS = tuple(LANGUAGES)


def _view(dispute, year, lang, worldview="neutral", **changes):
    return default_view(dispute).replace(year=year, worldview=worldview, lang=lang, **changes)


def _by_gid(figure, prefix):
    return [a for a in figure.findobj() if (a.get_gid() or "").startswith(prefix)]


def _flat(text: str) -> str:
    """A text without its line breaks and spaces (wrapped text is compared so)."""
    return "".join(text.split())


@pytest.mark.parametrize("lang", TRANSLATED)
def test_an_export_in_japanese_or_russian_misses_no_glyph(dispute, caplog, lang):
    worldview = {"ja": "jp", "ru": "ru"}[lang]
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
        warnings.filterwarnings("error", message=".*[Gg]lyph.*")
        warnings.filterwarnings("error", message=".*missing from font.*")
        data = export(dispute, _view(dispute, 1945, lang, worldview), "png", dpi=72)
    assert data.startswith(b"\x89PNG")
    logged = [r.getMessage() for r in caplog.records]
    assert not [m for m in logged if "missing from font" in m or "Glyph" in m]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_word_of_the_catalogue_draws_in_the_export_fonts(lang):
    catalogue = texts(lang)
    words = "".join(
        str(text)
        for text in getattr(catalogue, "_catalog", {}).values()  # every msgstr of the language
    )
    words += "千島列島 択捉島 国後島 色丹島 歯舞群島 Итуруп Кунашир Шикотан Хабомаи ёЁ«»—№"
    with warnings.catch_warnings(), export_style(72):
        warnings.filterwarnings("error", message=".*[Gg]lyph.*")
        warnings.filterwarnings("error", message=".*missing from font.*")
        figure = Figure(figsize=(8, 4), dpi=72)
        FigureCanvasAgg(figure)
        characters = "".join(sorted(set(words) - set(" \n\t")))
        for start in range(0, len(characters), 60):
            figure.text(0.01, 0.5, characters[start : start + 60], parse_math=False)
        figure.canvas.draw()


@pytest.mark.parametrize("lang", LANGS)
def test_the_figures_own_words_are_in_the_views_language(dispute, lang):
    view = _view(dispute, 1945, lang)
    _ = texts(lang).gettext
    with export_style(72):
        figure = render_figure(dispute, view, 72)
        figure.canvas.draw()
    headings = [a.get_text() for a in _by_gid(figure, "legend") if a.get_gid() == "legend"]
    assert headings == [_("Legend")]
    heading = _by_gid(figure, "events-heading")[0].get_text()
    assert _flat(heading) == _flat(_("Events in {year}").format(year=1945))
    keyed = {
        a.get_gid().removeprefix("key-"): _flat(a.get_text())
        for a in _by_gid(figure, "key-")
        if not a.get_gid().startswith("key-number-")
    }
    for _row, event in dispute.events[dispute.events["id"].isin(set(keyed))].iterrows():
        title = localized(event, "title", lang).text
        when = format_event_date(event["date"], event["date_precision"], lang)
        assert keyed[event["id"]] == _flat(f"{when}  {title}")
    footer = _flat(_by_gid(figure, "footer")[0].get_text())
    citation = localized(dispute.manifest.texts(), "how_to_cite", lang).text
    cite = _("How to cite: {citation}").format(citation=citation)
    assert footer.endswith(_flat(cite))
    assert _by_gid(figure, "north-label")[0].get_text() == texts(lang).pgettext("north arrow", "N")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_callouts_give_the_events_translated_titles(dispute, lang):
    view = _view(dispute, 1945, lang)
    with export_style(72):
        figure = render_figure(dispute, view, 72)
    texts_drawn = " ".join(_flat(a.get_text()) for a in _by_gid(figure, "key-"))
    translated = dispute.events[f"title_{lang}"].dropna()
    year_1945 = dispute.events["date"].map(lambda d: d.year) == 1945
    assert any(_flat(t) in texts_drawn for t in translated[year_1945].tolist())


@pytest.mark.parametrize("lang", LANGS)
def test_the_files_metadata_speak_the_views_language(dispute, lang):
    _ = texts(lang).gettext
    about = annotation.metadata(dispute, _view(dispute, 1956, lang), "png")
    assert about["Comment"] == _("Filters: none (every event shown)")
    shown = _view(dispute, 1956, lang, show_events=False)
    assert annotation.filter_statement(dispute, shown) == _("Events: none shown")
    png = Image.open(io.BytesIO(export(dispute, _view(dispute, 1956, lang), "png", dpi=72)))
    assert png.text["Comment"] == about["Comment"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_animations_periods_and_captions_are_in_the_language(dispute, lang):
    _ = texts(lang).gettext
    frames = animation_frames(dispute, lang)
    year, period = frames[-1]
    assert period in (str(year), _("{year}–today").format(year=year))
    caption = annotation.frame_caption(dispute, 1945, lang)
    landing = dispute.events[dispute.events["id"] == "soviet-landing-etorofu"].iloc[0]
    assert localized(landing, "title", lang).text in caption
    assert format_event_date(landing["date"], landing["date_precision"], lang) in caption


def test_japanese_breaks_between_characters_not_before_closing_marks():
    text = "ソ連軍が択捉島に上陸し、続いて国後島と色丹島にも上陸しました。" * 3
    with export_style(72):
        figure = Figure(figsize=(3, 3), dpi=72)
        FigureCanvasAgg(figure)
        sheet = Sheet(figure, 72, "ja")
        wrapped = sheet.wrap(text, 150, 10)
        lines = wrapped.split("\n")
        assert len(lines) > 3
        assert "".join(lines) == text  # no space added, nothing lost
        assert all(sheet.measure(line, 10) <= 150 for line in lines)
        assert not [line for line in lines if line[0] in "、。"]


def test_english_still_breaks_only_at_spaces():
    sentence = "Sources of the numbered events: 1 Ministry of Foreign Affairs of Japan"
    assert [unit for unit, _glue in break_units(sentence)] == sentence.split(" ")
    with export_style(72):
        figure = Figure(figsize=(3, 3), dpi=72)
        FigureCanvasAgg(figure)
        wrapped = Sheet(figure, 72).wrap(sentence, 120, 10)
    assert wrapped.replace("\n", " ") == sentence


def test_the_cli_writes_an_export_in_the_language_asked(run_cli, tmp_path):
    out = tmp_path / "map.png"
    result = run_cli(
        "export", "--year", "1956", "--lang", "ja", "--dpi", "72", "--out", str(out)
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    png = Image.open(out)
    assert png.text["Comment"] == texts("ja").gettext("Filters: none (every event shown)")


@pytest.mark.parametrize("command", ["export", "compare", "site", "tour"])
def test_every_reader_facing_command_takes_lang_and_refuses_others(run_cli, command, tmp_path):
    extra = {"compare": ["--from", "1944", "--to", "1947"], "site": ["--out", str(tmp_path)]}
    result = run_cli(command, *extra.get(command, []), "--lang", "xx")
    assert result.returncode == 2
    assert "--lang" in result.stderr and "'xx'" in result.stderr


def test_an_english_sheet_breaks_a_too_long_japanese_title_instead_of_cutting_it():
    title = "ロシア北方領土めぐり日本の団体を「好ましからざる団体」に指定したと報じられた" * 2
    with export_style(72):
        figure = Figure(figsize=(3, 3), dpi=72)
        FigureCanvasAgg(figure)
        wrapped = Sheet(figure, 72, "en").wrap(f"Source: {title}.", 150, 10)
    assert len(wrapped.split("\n")) > 2  # broken over lines, nothing cut
    assert "".join(wrapped.split()) == "".join(f"Source: {title}.".split())


def test_a_depictions_label_is_given_in_the_language_its_row_translates_it_to():
    row = SimpleNamespace(label="Line of control", translations=(("label_ja", "実効支配線"),))
    assert row_label(row, "ja") == Localized("実効支配線", "ja", True)
    assert row_label(row, "ru") == Localized("Line of control", "en", False)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_legend_marks_a_label_english_stands_in_for(dispute, lang):
    view = _view(dispute, 1945, lang, "ru")
    drawings = drawn_lines(dispute, view.worldview, view.date, lang)
    with export_style(72):
        figure = render_figure(dispute, view, 72)
    legend = [_flat(a.get_text()) for a in _by_gid(figure, "legend-text-")]
    for drawing in drawings:
        said = Localized(drawing.label, "", drawing.translated)
        assert _flat(annotation.marked(said, lang)) in legend
