"""Tour exports: a handout page and an animation frame per step, an HTML file with every
step, and the ``tour`` command."""

from __future__ import annotations

import dataclasses
import io
import json
import re

import pytest
from PIL import Image
from pypdf import PdfReader

from geo import cli
from geo.pack import load_dispute
from geo.tourexport import export_tour, step_page_view, tour_html
from geo.view import default_view
from tests.conftest import REPO_ROOT

HANS = REPO_ROOT / "data" / "packs" / "hans-island"


@pytest.fixture(scope="module")
def hans():
    return load_dispute(HANS)


@pytest.mark.slow
def test_the_handout_has_one_page_per_step_with_its_title_caption_and_source(hans):
    (tour,) = hans.tours
    data = export_tour(hans, tour.id, default_view(hans), "pdf")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(tour.steps)
    for page, step in zip(reader.pages, tour.steps, strict=True):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert step.title in text
        assert step.caption.split(".")[0] in text
        assert step.source_url.split("//", 1)[1][:30] in text.replace(" ", "")
    assert reader.metadata is not None and reader.metadata.title == tour.title


@pytest.mark.slow
def test_the_animation_has_one_frame_per_step(hans):
    (tour,) = hans.tours
    data = export_tour(hans, tour.id, default_view(hans), "gif")
    image = Image.open(io.BytesIO(data))
    assert image.n_frames == len(tour.steps)
    assert tour.title in image.info["comment"].decode("utf-8")


@pytest.mark.slow
def test_the_same_tour_gives_the_same_bytes(hans):
    (tour,) = hans.tours
    view = default_view(hans)
    assert export_tour(hans, tour.id, view, "pdf") == export_tour(hans, tour.id, view, "pdf")


def test_a_step_page_shows_the_steps_day_and_calls_out_its_events(dispute):
    tour = dispute.tours[0]
    page = step_page_view(dispute, tour, 5, default_view(dispute), "pdf")
    assert page.date.isoformat() == "1945-08-28"
    assert page.callouts == ("soviet-landing-etorofu",)
    assert page.title == "28 August 1945: Etorofu"
    assert "step 6 of 16" in page.subtitle
    assert tour.steps[5].source_url in page.note
    assert page.size == "a4-landscape"


def _tour_in(page: str) -> dict:
    """The tour's data as the page carries it (its #kuril-tour JSON element)."""
    found = re.search(r'<script id="kuril-tour" type="application/json">(.*?)</script>', page, re.S)
    assert found, "the page carries no tour data"
    return json.loads(found.group(1))


def _steps_in(page: str) -> list[dict]:
    return _tour_in(page)["steps"]


def test_the_html_file_carries_every_step_as_data(dispute):
    tour = dispute.tours[0]
    page = export_tour(dispute, tour.id, default_view(dispute), "html").decode("utf-8")
    steps = _steps_in(page)
    assert [s["title"] for s in steps] == [s.title for s in tour.steps]
    assert steps[5]["day"] == "1945-08-28" and steps[5]["events"] == ["soviet-landing-etorofu"]
    assert steps[5]["bounds"] == list(tour.steps[5].extent)
    assert f"<title>{tour.title} — " in page


def test_step_texts_cannot_close_the_script_or_become_markup(dispute):
    from geo.io import read_inline_assets

    tour = dispute.tours[0]
    hostile = "</script><img src=x onerror=alert(1)>"
    step = dataclasses.replace(tour.steps[0], caption=hostile, title=hostile)
    bad = dataclasses.replace(tour, title=hostile, steps=(step, *tour.steps[1:]))
    page = tour_html(dispute, bad, default_view(dispute), read_inline_assets())
    assert hostile not in page
    assert "<img src=x" not in page
    assert _steps_in(page)[0]["caption"] == hostile  # the text itself is kept, as text


@pytest.mark.parametrize("title", ["STEPS_JSON", "TOUR_JSON", "{{ 7*7 }}", "{% raw %}"])
def test_a_tour_title_that_looks_like_template_text_stays_text(dispute, title):
    from geo.io import read_inline_assets

    tour = dataclasses.replace(dispute.tours[0], title=title)
    page = tour_html(dispute, tour, default_view(dispute), read_inline_assets())
    assert _tour_in(page)["title"] == title
    assert len(_steps_in(page)) == len(tour.steps)


def test_an_unknown_tour_or_format_is_refused_by_name(dispute):
    with pytest.raises(ValueError, match=r"no tour 'nope' in this pack .*four-islands-in-class"):
        export_tour(dispute, "nope", default_view(dispute), "html")
    with pytest.raises(ValueError, match="unknown tour format 'png'"):
        export_tour(dispute, "four-islands-in-class", default_view(dispute), "png")


def test_the_tour_command_writes_the_html_file(tmp_path, capsys):
    out = tmp_path / "tour.html"
    status = cli.main(
        ["tour", "--tour", "four-islands-in-class", "--format", "html", "--out", str(out)]
    )
    assert status == cli.EXIT_OK
    assert capsys.readouterr().out.strip() == str(out)
    assert len(_steps_in(out.read_text(encoding="utf-8"))) == 16


def test_the_tour_command_names_a_bad_tour_a_bad_folder_and_a_pack_without_tours(
    tmp_path, capsys, pack_copy
):
    assert cli.main(["tour", "--tour", "nope", "--format", "html"]) == cli.EXIT_USAGE
    assert "--tour: no tour 'nope'" in capsys.readouterr().err
    missing = tmp_path / "no" / "t.pdf"
    assert cli.main(["tour", "--format", "pdf", "--out", str(missing)]) == cli.EXIT_USAGE
    assert f"{missing}:--out: the folder" in capsys.readouterr().err
    (pack_copy / "tours.json").unlink()
    assert cli.main(["tour", "--data", str(pack_copy), "--format", "html"]) == cli.EXIT_USAGE
    assert "this pack has no tours" in capsys.readouterr().err


@pytest.mark.slow
def test_the_app_renders_a_handout_in_the_capped_worker_with_progress(hans):
    from geo.worker import export_in_worker

    (tour,) = hans.tours
    seen: list[tuple[int, int]] = []
    data = export_in_worker(
        hans, default_view(hans), "pdf", 0, progress=lambda *p: seen.append(p), tour=tour.id
    )
    assert len(PdfReader(io.BytesIO(data)).pages) == len(tour.steps)
    assert seen[-1] == (len(tour.steps), len(tour.steps))


# --- A tour in another language ----------------------------------------------------------
# The words are compared with the catalogue's (geo.i18n.texts); the tests that ask for a
# translation fail until the catalogue holds the tour's words.


def _html_in(dispute, tour, language: str) -> str:
    from geo.io import read_inline_assets

    return tour_html(dispute, tour, default_view(dispute), read_inline_assets(), language=language)


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_the_html_file_is_in_the_language_asked_for(dispute, language):
    from geo.i18n import texts

    tour = dispute.tours[0]
    page = _html_in(dispute, tour, language)
    assert f'<html lang="{language}">' in page
    data = _tour_in(page)
    assert data["lang"] == language
    assert data["title"] == tour.texts()[f"title_{language}"] and data["titleLang"] == language
    assert f"<title>{tour.texts()[f'title_{language}']} — " in page
    for step, shown in zip(tour.steps, data["steps"], strict=True):
        assert shown["title"] == step.texts()[f"title_{language}"]
        assert shown["caption"] == step.texts()[f"caption_{language}"]
        assert shown["titleLang"] == shown["captionLang"] == language
    words = texts(language).gettext
    assert data["words"]["previous"] == words("← Previous")
    assert data["words"]["progress"] == words("Step {number} of {total}")
    assert data["words"]["onMap"] == words("On the map (ringed markers):")
    # the catalogue translates the panel's words (true once they are merged into it)
    assert words("← Previous") != "← Previous" and words("Guided tour") != "Guided tour"


def test_the_html_files_dates_and_event_lines_follow_the_language(dispute):
    from geo.dates import format_event_date

    tour = dispute.tours[0]
    steps = _tour_in(_html_in(dispute, tour, "ja"))["steps"]
    assert steps[5]["date"] == format_event_date(tour.steps[5].date, "day", "ja")
    (line,) = steps[5]["eventLines"]  # the Soviet landing on Etorofu
    landing = dispute.events.set_index("id").loc["soviet-landing-etorofu"]
    assert line == {
        "date": format_event_date(landing["date"], landing["date_precision"], "ja"),
        "title": landing["title_ja"],
        "lang": "ja",
    }


def test_english_standing_in_for_a_translation_is_said_to_be_english(hans):
    from geo.i18n import texts

    (tour,) = hans.tours
    page = _html_in(hans, tour, "ru")
    assert '<html lang="ru">' in page
    data = _tour_in(page)
    assert (data["title"], data["titleLang"]) == (tour.title, "en")
    assert all(s["titleLang"] == s["captionLang"] == "en" for s in data["steps"])
    assert all(line["lang"] == "en" for s in data["steps"] for line in s["eventLines"])
    assert data["words"]["untranslated"] == texts("ru").gettext("not translated")


def test_a_step_page_in_another_language(dispute, hans):
    from geo.dates import format_event_date
    from geo.i18n import texts

    tour = dispute.tours[0]
    page = step_page_view(dispute, tour, 5, default_view(dispute), "pdf", language="ru")
    assert page.lang == "ru"
    assert page.title == tour.steps[5].texts()["title_ru"]
    assert page.subtitle.startswith(format_event_date(tour.steps[5].date, "day", "ru"))
    progress = texts("ru").gettext("{tour}, step {number} of {total}")
    assert progress.format(tour=tour.texts()["title_ru"], number=6, total=16) in page.subtitle
    assert tour.steps[5].texts()["caption_ru"] in page.note
    # a pack without translations: its English, marked on the page
    (brief,) = hans.tours
    english = step_page_view(hans, brief, 0, default_view(hans), "pdf", language="ja")
    marked = texts("ja").gettext("{text} (not translated)")
    assert english.title == marked.format(text=brief.steps[0].title)


def test_english_tour_data_is_unchanged_but_for_the_languages_it_names(dispute):
    tour = dispute.tours[0]
    data = _tour_in(export_tour(dispute, tour.id, default_view(dispute), "html").decode())
    assert data["lang"] == "en" and data["words"]["next"] == "Next →"
    assert data["steps"][5]["date"] == "28 August 1945"
    assert data["steps"][5]["eventLines"][0]["date"] == "28 August 1945"
