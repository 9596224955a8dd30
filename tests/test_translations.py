"""The Kuril pack's texts in Japanese and Russian: complete, faithful to the English in
every year and figure, and neutral wherever the English is."""

from __future__ import annotations

import re

import pytest

from geo import paths
from geo.i18n import TRANSLATED
from tests.conftest import read_rows

DATA = paths.shipped_data_dir()
TABLES = {
    paths.EVENTS_FILE: ("title", "summary"),
    paths.SOVEREIGNTY_FILE: ("note",),
    paths.DEPICTIONS_FILE: ("label", "note"),
}
TEXTS = [
    (table, number, field, row)
    for table, fields in TABLES.items()
    for number, row in enumerate(read_rows(DATA / table), start=2)
    for field in fields
    if row.get(field)
]
IDS = [f"{table}:{row.get('id') or number}:{field}" for table, number, field, row in TEXTS]
# each side's own terms, which the translations use only where the English does
OWN_TERMS = {
    # an organisation's name ("Hoppō Ryōdo Fukki Kisei Dōmei") names it too
    "ja": (re.compile(r"北方領土"), re.compile(r"Northern Territor|Hopp[oō] Ry[oō]do", re.I)),
    "ru": (
        re.compile(r"Южн\w* Курил", re.IGNORECASE),
        re.compile(r"Southern Kuril|South Kuril", re.IGNORECASE),
    ),
}
YEAR_OR_FIGURE = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)(?![\d])")


def _json_texts() -> list[tuple[str, dict, str]]:
    """The translated texts of the pack's JSON files: (where, record, field) for each line's
    name and method, the names layers' language, note and meanings, and the licence of
    every shipped pack."""
    import json

    found = []
    lines = json.loads((DATA / "boundaries.geojson").read_text(encoding="utf-8"))["features"]
    for feature in lines:
        props = feature["properties"]
        found += [(f"line {props['id']}", props, f) for f in ("name", "method") if props.get(f)]
    manifest = json.loads((DATA / paths.MANIFEST_FILE).read_text(encoding="utf-8"))
    for number, layer in enumerate(manifest.get("names_layers", [])):
        found += [(f"names_layers[{number}]", layer, f) for f in ("language", "note") if layer[f]]
        for unit, entry in layer["names"].items():
            for n, meaning in enumerate(entry["meanings"]):
                found.append((f"names_layers[{number}].{unit}.meanings[{n}]", meaning, "meaning"))
    hans = json.loads((DATA / "packs" / "hans-island" / paths.MANIFEST_FILE).read_text("utf-8"))
    found += [("pack.json", manifest, "licence"), ("hans-island pack.json", hans, "licence")]
    return found


JSON_TEXTS = _json_texts()
JSON_IDS = [f"{where}:{field}" for where, _, field in JSON_TEXTS]
# what a translation keeps as written: the sources a gloss names, the licences' identifiers
AS_WRITTEN = re.compile(
    r"Yamada|Yahoo! News|Japanese Wikipedia|MIT|LGPL-3\.0-or-later|CC BY 4\.0|GSHHG"
)


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize(("where", "record", "field"), JSON_TEXTS, ids=JSON_IDS)
def test_every_line_names_layer_and_licence_text_is_translated_faithfully(
    where, record, field, language
):
    english = record[field]
    translated = record.get(f"{field}_{language}", "")
    assert translated.strip(), f"{where}: {field}_{language}"
    assert set(YEAR_OR_FIGURE.findall(english)) <= set(YEAR_OR_FIGURE.findall(translated))
    assert set(AS_WRITTEN.findall(english)) <= set(AS_WRITTEN.findall(translated))
    own_term, english_term = OWN_TERMS[language]
    assert not own_term.search(translated) or english_term.search(english), where


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_loaded_pack_carries_the_new_translations(dispute, language):
    from geo.i18n import localized

    for line in dispute.boundaries.to_dict("records"):
        for field in ("name", "method"):
            assert localized(line, field, language).translated, (line["id"], field)
    for layer in dispute.manifest.names_layers:
        assert localized(layer.texts(), "language", language).translated
        assert localized(layer.texts(), "note", language).translated
        for name in layer.names.values():
            for number in range(len(name.meanings)):
                assert localized(name.meaning_texts(number), "meaning", language).translated
    for depiction in dispute.depictions:
        for field in ("label", "note"):
            if getattr(depiction, field):
                assert localized(depiction.texts(), field, language).translated
    assert localized(dispute.manifest.texts(), "licence", language).translated


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize(("table", "number", "field", "row"), TEXTS, ids=IDS)
def test_every_text_of_the_pack_is_translated(table, number, field, row, language):
    assert row.get(f"{field}_{language}", "").strip(), f"{table} row {number}: {field}_{language}"


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize(("table", "number", "field", "row"), TEXTS, ids=IDS)
def test_a_translation_keeps_every_year_of_its_english(table, number, field, row, language):
    english_years = set(YEAR_OR_FIGURE.findall(row[field]))
    translated_years = set(YEAR_OR_FIGURE.findall(row.get(f"{field}_{language}", "")))
    assert english_years <= translated_years, english_years - translated_years


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_sides_own_term_appears_only_where_the_english_names_it(language):
    own_term, english_term = OWN_TERMS[language]
    used_alone = [
        ident
        for ident, (_, _, field, row) in zip(IDS, TEXTS, strict=True)
        if own_term.search(row.get(f"{field}_{language}", ""))
        and not english_term.search(row[field])
    ]
    assert used_alone == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_tour_text_and_the_packs_texts_are_translated(dispute, language):
    from geo.i18n import localized

    for tour in dispute.tours:
        assert localized(tour.texts(), "title", language).translated, tour.id
        for number, step in enumerate(tour.steps, start=1):
            for field in ("title", "caption"):
                assert localized(step.texts(), field, language).translated, (tour.id, number)
    manifest = dispute.manifest
    for field in ("title", "subtitle", "description", "coverage_note"):
        assert localized(manifest.texts(), field, language).translated, field
    for code in manifest.worldviews:
        assert localized(manifest.texts(f"worldviews.{code}."), "label", language).translated
    for code in manifest.parties:
        assert localized(manifest.texts(f"parties.{code}."), "name", language).translated


def test_a_sheet_goes_out_and_comes_back_into_a_pack(pack_copy, tmp_path):
    import csv
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "translation_sheets", paths.PROJECT_DIR / "scripts" / "translation_sheets.py"
    )
    sheets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sheets)
    before_tables = {name: read_rows(pack_copy / name) for name in TABLES}
    before_manifest = (pack_copy / paths.MANIFEST_FILE).read_text(encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    count = sheets.export(pack_copy, "ja", sheet)
    rows = read_rows(sheet)
    assert count == len(rows) > len(before_tables[paths.EVENTS_FILE])
    for row in rows:
        row["text_ja"] = "訳：" + row["text"][:20].strip()
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    written, left = sheets.import_sheets(pack_copy, "ja", [sheet])
    assert (written, left) == (count, 0)
    events = read_rows(pack_copy / paths.EVENTS_FILE)
    assert all(e["title_ja"] == "訳：" + e["title"][:20].strip() for e in events)
    for name, rows_before in before_tables.items():  # nothing but the Japanese changed
        after = read_rows(pack_copy / name)
        for row_after, row_before in zip(after, rows_before, strict=True):
            kept = [k for k in row_before if not k.endswith("_ja")]
            assert {k: row_after[k] for k in kept} == {k: row_before[k] for k in kept}
    assert sheets.dump_manifest(__import__("json").loads(before_manifest)) == before_manifest
