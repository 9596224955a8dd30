"""A pack's problems in the reader's language: each message and place is a template of the
catalogue with its values, written in English exactly as before and in Japanese and
Russian as the catalogue translates it (file names, ids and a pack's own text unchanged).

The translations are compared with the catalogue's (``geo.i18n.texts``), never copied.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from geo.errors import N_, DisputeDataError, Phrase, Problem, Verbatim, ngettext, place_of
from geo.i18n import TRANSLATED, texts
from geo.io import extract_pack_zip, parse_csv
from geo.pack import load_dispute
from geo.validation.text import SCHEMA_MESSAGES
from tests.conftest import read_rows, write_rows


def _problems(pack: Path) -> tuple[Problem, ...]:
    with pytest.raises(DisputeDataError) as raised:
        load_dispute(pack)
    return raised.value.problems


def _said(problems: tuple[Problem, ...], language: str) -> list[tuple[str, str, str]]:
    return [(p.file, p.where(language), p.text(language)) for p in problems]


def test_english_is_the_message_as_it_always_was():
    problem = Problem(
        "events.csv",
        "row 4",
        N_("{what} '{value}' is not a real date"),
        {"what": "date", "value": "1945-02-30"},
    )
    assert problem.message == "date '1945-02-30' is not a real date"
    assert problem.place == "row 4"
    assert str(problem) == "events.csv:row 4: date '1945-02-30' is not a real date"
    assert problem.text() == problem.text("en") == problem.message
    assert problem == Problem("events.csv", "row 4", "date '1945-02-30' is not a real date")
    assert pickle.loads(pickle.dumps(problem)) == problem


def test_a_message_without_values_is_not_formatted():
    # a library's words may hold braces; without values nothing is filled in
    problem = Problem("pack.json", "zoom", "{'a': 1} is not of type 'integer'")
    assert problem.message == "{'a': 1} is not of type 'integer'"
    for language in TRANSLATED:
        assert problem.text(language) == "{'a': 1} is not of type 'integer'"


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_bad_date_is_said_in_the_reader_s_language(pack_copy, language):
    rows = read_rows(pack_copy / "events.csv")
    rows[0]["date"] = "1945-02-30"
    write_rows(pack_copy / "events.csv", rows)
    problems = _problems(pack_copy)
    catalogue = texts(language)
    expected = (
        "events.csv",
        catalogue.gettext("row {number}").format(number=2),
        catalogue.gettext("{what} '{value}' is not a real date").format(
            what="date", value="1945-02-30"
        ),
    )
    assert expected in _said(problems, language)
    english = ("events.csv", "row 2", "date '1945-02-30' is not a real date")
    assert english in _said(problems, "en")
    assert expected != english  # translated once the catalogue holds it


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_missing_file_is_said_with_its_fix(pack_copy, language):
    (pack_copy / "sovereignty.csv").unlink()
    problems = _problems(pack_copy)
    catalogue = texts(language)
    fix = catalogue.gettext(
        "file is missing: every pack needs sovereignty.csv (who administered and who "
        "claimed each group, per period: see the README's pack format)"
    )
    assert ("sovereignty.csv", catalogue.gettext("file"), fix) in _said(problems, language)
    assert fix != problems[0].message


@pytest.mark.parametrize("language", TRANSLATED)
def test_an_unknown_island_keeps_its_id_and_its_file(pack_copy, language):
    rows = read_rows(pack_copy / "sovereignty.csv")
    rows[0]["group"] = "atlantis"
    write_rows(pack_copy / "sovereignty.csv", rows)
    problems = _problems(pack_copy)
    message = texts(language).gettext("unknown island or group id '{value}'")
    said = [p.text(language) for p in problems if p.file == "sovereignty.csv"]
    assert message.format(value="atlantis") in said
    assert message != "unknown island or group id '{value}'"


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_count_takes_the_language_s_plural(language):
    rows = "id,date\n" + "".join(f"e{n},1945-01-01,x\n" for n in range(3))
    with pytest.raises(DisputeDataError) as raised:
        parse_csv(rows.encode(), "events.csv")
    problem = raised.value.problems[0]
    assert problem.message == "has 3 fields, the header has 2"
    template = texts(language).ngettext(
        "has {count} field, the header has {header}",
        "has {count} fields, the header has {header}",
        3,
    )
    assert problem.text(language) == template.format(count=3, header=2)
    assert problem.where(language) == texts(language).gettext("row {number}").format(number=2)
    assert template != "has {count} fields, the header has {header}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_schema_message_is_translated_with_its_value(pack_copy, language):
    manifest = json.loads((pack_copy / "pack.json").read_text(encoding="utf-8"))
    party = next(iter(manifest["parties"]))
    manifest["parties"][party]["color"] = "red"
    (pack_copy / "pack.json").write_text(json.dumps(manifest), encoding="utf-8")
    problems = _problems(pack_copy)
    template = texts(language).gettext("color '{value}' is not #RRGGBB")
    assert (
        "pack.json",
        f"parties.{party}.color",
        template.format(value="red"),
    ) in _said(problems, language)
    assert template != "color '{value}' is not #RRGGBB"


@pytest.mark.parametrize("language", TRANSLATED)
def test_an_upload_that_is_not_a_zip(tmp_path, language):
    with pytest.raises(DisputeDataError) as raised:
        extract_pack_zip(b"not a zip", tmp_path / "out", name="pack.zip")
    (problem,) = raised.value.problems
    assert problem.message == "is not a zip file"
    assert problem.text(language) == texts(language).gettext("is not a zip file")
    assert problem.line(language).startswith("pack.zip:")


def test_a_place_in_words_is_a_template_and_a_path_stays_as_it_is():
    assert place_of("row 12") == Phrase("row {number}", {"number": "12"})
    assert place_of("feature 3 (etorofu)").template == "feature {number} ({label})"
    assert place_of("line 3 column 7").template == "line {line} column {column}"
    assert place_of("tour intro step 2").template == "tour {tour} step {number}"
    assert isinstance(place_of("names_layers[0].names.etorofu"), Verbatim)
    for language in TRANSLATED:
        assert place_of("parties.JP.color").text(language) == "parties.JP.color"
        assert Verbatim("row 1").text(language) == "row 1"  # a file in a zip, named so


def test_counted_phrases_choose_the_english_form():
    one = Phrase(
        ngettext("has {count} tour; at most {most}", "has {count} tours; at most {most}", 1),
        {"count": 1, "most": 0},
    )
    many = Phrase(
        ngettext("has {count} tour; at most {most}", "has {count} tours; at most {most}", 21),
        {"count": 21, "most": 20},
    )
    assert (one.text(), many.text()) == ("has 1 tour; at most 0", "has 21 tours; at most 20")


def test_every_schema_message_is_marked_for_the_catalogue():
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if key == "x-message" and isinstance(child, str):
                    template = child.replace("{", "{{").replace("}", "}}")
                    found.add(template.replace("{{value}}", "{value}"))
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    folder = Path(__file__).resolve().parent.parent / "geo" / "schemas"
    for path in folder.glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    assert found == set(SCHEMA_MESSAGES)
