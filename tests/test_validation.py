"""Every kind of bad input is rejected with a message naming file, place and problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from geo.errors import DisputeDataError
from geo.pack import load_dispute
from geo.validation import geodesic_area_km2
from tests.conftest import read_rows, write_rows


def _events(pack: Path) -> list[dict[str, str]]:
    return read_rows(pack / "events.csv")


def _edit_islands(pack: Path, edit) -> None:
    path = pack / "kuril_islands.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_shipped_pack_is_valid(dispute):
    assert len(dispute.islands) >= 8
    assert not dispute.warnings


def test_missing_file_is_named(pack_copy):
    (pack_copy / "sovereignty.csv").unlink()
    with pytest.raises(DisputeDataError, match=r"sovereignty\.csv:file: file is missing"):
        load_dispute(pack_copy)


def test_a_misnamed_islands_file_is_named_with_the_fix(pack_copy):
    (pack_copy / "kuril_islands.geojson").rename(pack_copy / "islands.geojson")
    with pytest.raises(DisputeDataError) as raised:
        load_dispute(pack_copy)
    assert str(raised.value.problems[0]) == (
        "kuril_islands.geojson:file: file is missing: the folder has islands.geojson: name it "
        'in pack.json as "islands_file": "islands.geojson", or rename the file to '
        "kuril_islands.geojson"
    )


def test_a_missing_islands_file_says_what_it_holds(pack_copy):
    (pack_copy / "kuril_islands.geojson").unlink()
    with pytest.raises(DisputeDataError, match=r"one GeoJSON feature per island; pack\.json's"):
        load_dispute(pack_copy)


def test_a_missing_manifest_says_every_pack_needs_one(pack_copy):
    (pack_copy / "pack.json").unlink()
    with pytest.raises(DisputeDataError, match=r"pack\.json:file: file is missing: every pack"):
        load_dispute(pack_copy)


def test_missing_column_is_named(pack_copy):
    rows = _events(pack_copy)
    for row in rows:
        del row["source_url"]
    write_rows(pack_copy / "events.csv", rows)
    with pytest.raises(DisputeDataError, match=r"events\.csv:row 1: missing columns: source_url"):
        load_dispute(pack_copy)


def test_empty_table_is_rejected(pack_copy):
    header = (pack_copy / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    (pack_copy / "events.csv").write_text(header + "\n", encoding="utf-8")
    with pytest.raises(DisputeDataError, match=r"events\.csv:file: table has no rows"):
        load_dispute(pack_copy)


@pytest.mark.parametrize(
    ("value", "reason"),
    [("1945-02-30", "is not a real date"), ("9 Aug 1945", "is not an ISO date"), ("", "ISO")],
)
def test_bad_event_date_names_the_row(pack_copy, value, reason):
    rows = _events(pack_copy)
    rows[2]["date"] = value
    write_rows(pack_copy / "events.csv", rows)
    with pytest.raises(DisputeDataError, match=rf"events\.csv:row 4: date .*{reason}"):
        load_dispute(pack_copy)


def test_unknown_island_in_event_is_named(pack_copy):
    rows = _events(pack_copy)
    rows[0]["islands"] = "etorofu;atlantis"
    write_rows(pack_copy / "events.csv", rows)
    with pytest.raises(
        DisputeDataError, match=r"events\.csv:row 2: unknown island or group id: atlantis"
    ):
        load_dispute(pack_copy)


def test_duplicate_event_id_is_named(pack_copy):
    rows = _events(pack_copy)
    rows[5]["id"] = rows[4]["id"]
    write_rows(pack_copy / "events.csv", rows)
    with pytest.raises(
        DisputeDataError, match=rf"events\.csv:row 7: duplicate id '{rows[4]['id']}'"
    ):
        load_dispute(pack_copy)


def test_duplicate_island_id_is_named(pack_copy):
    def edit(data):
        data["features"][1]["properties"]["id"] = data["features"][0]["properties"]["id"]

    _edit_islands(pack_copy, edit)
    with pytest.raises(
        DisputeDataError, match=r"kuril_islands\.geojson:feature 2 \(etorofu\): duplicate id"
    ):
        load_dispute(pack_copy)


def _sovereignty(pack: Path) -> list[dict[str, str]]:
    return read_rows(pack / "sovereignty.csv")


def test_overlapping_periods_are_rejected(pack_copy):
    rows = _sovereignty(pack_copy)
    rows[1]["start"] = "1945-01-01"  # starts before the previous period of the group ends
    write_rows(pack_copy / "sovereignty.csv", rows)
    with pytest.raises(
        DisputeDataError,
        match=r"sovereignty\.csv:row \d+: 'etorofu' period starting 1945-01-01 overlaps",
    ):
        load_dispute(pack_copy)


def test_gapped_periods_are_rejected(pack_copy):
    rows = _sovereignty(pack_copy)
    rows[0]["end"] = "1810-01-01"  # the next period starts in 1821
    write_rows(pack_copy / "sovereignty.csv", rows)
    with pytest.raises(DisputeDataError, match=r"sovereignty\.csv:row 3: 'etorofu' has a gap"):
        load_dispute(pack_copy)


def test_period_ending_before_it_starts_is_rejected(pack_copy):
    rows = _sovereignty(pack_copy)
    rows[0]["end"] = "1790-01-01"  # the first period starts in 1799
    write_rows(pack_copy / "sovereignty.csv", rows)
    with pytest.raises(
        DisputeDataError,
        match=r"sovereignty\.csv:row 2: period ends \(1790-01-01\) before it starts",
    ):
        load_dispute(pack_copy)


def test_unknown_party_is_rejected(pack_copy):
    rows = _sovereignty(pack_copy)
    rows[0]["claimed_by"] = "JP;XX"
    write_rows(pack_copy / "sovereignty.csv", rows)
    with pytest.raises(
        DisputeDataError, match=r"sovereignty\.csv:row 2: claimed_by has unknown parties: XX"
    ):
        load_dispute(pack_copy)


def test_sovereignty_event_must_exist(pack_copy):
    rows = _sovereignty(pack_copy)
    rows[0]["event_id"] = "no-such-event"
    write_rows(pack_copy / "sovereignty.csv", rows)
    with pytest.raises(
        DisputeDataError,
        match=r"sovereignty\.csv:row 2: event_id 'no-such-event' is not in events\.csv",
    ):
        load_dispute(pack_copy)


def test_self_intersecting_polygon_is_rejected(pack_copy):
    bowtie = [[[146.0, 43.5], [146.2, 43.7], [146.2, 43.5], [146.0, 43.7], [146.0, 43.5]]]

    def edit(data):
        data["features"][3]["geometry"] = {"type": "Polygon", "coordinates": bowtie}

    _edit_islands(pack_copy, edit)
    with pytest.raises(
        DisputeDataError,
        match=r"kuril_islands\.geojson:feature 4 \(shibotsu\): invalid polygon \(Self-intersection",
    ):
        load_dispute(pack_copy)


def test_safely_repairable_polygon_loads_with_a_warning(pack_copy):
    # A ring that repeats a vertex as a spike of zero width: repair keeps the area.
    square = [
        [146.0, 43.5],
        [146.1, 43.5],
        [146.1, 43.6],
        [146.1, 43.65],
        [146.1, 43.6],
        [146.0, 43.6],
        [146.0, 43.5],
    ]

    def edit(data):
        data["features"][3]["geometry"] = {"type": "Polygon", "coordinates": [square]}
        # the declared area is the square's (what the repair keeps)
        data["features"][3]["properties"]["area_km2"] = round(
            geodesic_area_km2(shapely.Polygon(square).buffer(0)), 2
        )

    _edit_islands(pack_copy, edit)
    loaded = load_dispute(pack_copy)
    assert any(
        "feature 4 (shibotsu): repaired an invalid polygon" in str(w) for w in loaded.warnings
    )
    # the warning is written in the reader's language too (the catalogue's words)
    from geo.i18n import texts

    said = texts("ja").gettext("repaired an invalid polygon ({reason})").split("{reason}")[0]
    assert any(w.text("ja").startswith(said) for w in loaded.warnings)
    assert loaded.islands.geometry.is_valid.all()


def test_projected_coordinates_are_rejected(pack_copy):
    def edit(data):
        geometry = data["features"][0]["geometry"]
        geometry["coordinates"] = [
            [[[x * 111_000, y * 111_000] for x, y in ring] for ring in poly]
            for poly in geometry["coordinates"]
        ]

    _edit_islands(pack_copy, edit)
    with pytest.raises(
        DisputeDataError, match=r"feature 1 \(etorofu\): coordinates .* are not degrees"
    ):
        load_dispute(pack_copy)


def test_projected_crs_member_is_rejected(pack_copy):
    def edit(data):
        data["crs"] = {"type": "name", "properties": {"name": "EPSG:3857"}}

    _edit_islands(pack_copy, edit)
    with pytest.raises(
        DisputeDataError, match=r"kuril_islands\.geojson:crs: CRS 'EPSG:3857' is not EPSG:4326"
    ):
        load_dispute(pack_copy)


def test_coordinates_outside_manifest_extent_are_rejected(pack_copy):
    def edit(data):
        data["features"][2]["geometry"] = {
            "type": "Polygon",
            "coordinates": [[[10.0, 10.0], [10.1, 10.0], [10.1, 10.1], [10.0, 10.0]]],
        }

    _edit_islands(pack_copy, edit)
    with pytest.raises(
        DisputeDataError,
        match=r"feature 3 \(shikotan\): coordinates fall outside the pack's extent",
    ):
        load_dispute(pack_copy)


def test_non_utf8_text_is_rejected(pack_copy):
    path = pack_copy / "events.csv"
    path.write_bytes(path.read_bytes().replace(b"Etorofu", "Étorofu".encode("latin-1"), 1))
    with pytest.raises(DisputeDataError, match=r"events\.csv:line \d+: not valid UTF-8"):
        load_dispute(pack_copy)


def test_malformed_json_is_located(pack_copy):
    path = pack_copy / "kuril_islands.geojson"
    path.write_text(path.read_text(encoding="utf-8")[:500], encoding="utf-8")
    with pytest.raises(
        DisputeDataError, match=r"kuril_islands\.geojson:line \d+ column \d+: malformed JSON"
    ):
        load_dispute(pack_copy)


def test_all_problems_are_reported_together(pack_copy):
    rows = _events(pack_copy)
    rows[0]["date"] = "1999-13-01"
    rows[1]["lat"] = "north"
    write_rows(pack_copy / "events.csv", rows)
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(pack_copy)
    places = [(p.file, p.place) for p in caught.value.problems]
    assert ("events.csv", "row 2") in places
    assert ("events.csv", "row 3") in places


def test_loading_never_modifies_the_pack(pack_copy):
    before = {p.name: p.read_bytes() for p in pack_copy.iterdir()}
    rows = _events(pack_copy)
    rows[0]["date"] = "bad"
    write_rows(pack_copy / "events.csv", rows)
    broken = (pack_copy / "events.csv").read_bytes()
    with pytest.raises(DisputeDataError):
        load_dispute(pack_copy)
    after = {p.name: p.read_bytes() for p in pack_copy.iterdir()}
    assert after.pop("events.csv") == broken
    before.pop("events.csv")
    assert after == before


def test_area_that_does_not_match_the_geometry_is_rejected(pack_copy):
    def edit(data):
        data["features"][0]["properties"]["area_km2"] = 30.0  # Etorofu is about 3,200 km²

    _edit_islands(pack_copy, edit)
    with pytest.raises(
        DisputeDataError,
        match=r"feature 1 \(etorofu\): area_km2 says 30 but the geometry measures 32\d\d"
        r"\.\d\d km² \(they may differ by 1 % or 0\.05 km²; leave area_km2 out",
    ):
        load_dispute(pack_copy)


def test_an_island_without_an_area_gets_its_geodesic_area(pack_copy, dispute):
    def edit(data):
        for feature in data["features"]:
            del feature["properties"]["area_km2"]

    _edit_islands(pack_copy, edit)
    loaded = load_dispute(pack_copy).islands.set_index("id")["area_km2"]
    stated = dispute.islands.set_index("id")["area_km2"]  # the shipped, geodesic areas
    assert (abs(loaded - stated) <= 0.01 * stated + 0.01).all()


def test_islands_file_must_be_a_file_in_the_pack(pack_copy):
    manifest = json.loads((pack_copy / "pack.json").read_text(encoding="utf-8"))
    manifest["islands_file"] = "../../etc/passwd.geojson"
    (pack_copy / "pack.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(
        DisputeDataError, match=r"pack\.json:islands_file: must be the name of a \.geojson file"
    ):
        load_dispute(pack_copy)


def _edit_json(path: Path, edit) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII: \ud800 stays an escape


def _first_line(data: dict, key: str, value: object) -> None:
    data["features"][0]["properties"][key] = value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("\ud800", "boundaries.geojson:features[0].properties.id: contains a lone surrogate"),
        ("line\x00one", "boundaries.geojson:features[0].properties.id: contains a control"),
        ({"a": 1}, "id must be a lowercase slug"),
        ("x" * 10_000, "id must be a lowercase slug of at most 80 characters"),
        ("treaty-line\n", "id must be a lowercase slug"),
    ],
    ids=["lone surrogate", "NUL", "an object", "10,000 characters", "a final newline"],
)
def test_a_boundary_id_that_cannot_be_written_is_refused_by_name(pack_copy, value, expected):
    _edit_json(pack_copy / "boundaries.geojson", lambda d: _first_line(d, "id", value))
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(pack_copy)
    problems = [str(p) for p in caught.value.problems]
    assert any(expected in p for p in problems), problems


def test_two_boundary_lines_with_one_id_are_refused(pack_copy):
    def same_ids(data: dict) -> None:
        for feature in data["features"]:
            feature["properties"]["id"] = "one-line"

    _edit_json(pack_copy / "boundaries.geojson", same_ids)
    with pytest.raises(DisputeDataError, match="duplicate id 'one-line'"):
        load_dispute(pack_copy)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("id", {"deep": ["x"]}, "context.geojson:feature 1: id must be a text or a number"),
        ("name_en", ["Hokkaido"], "context.geojson:feature 1: name_en must be a text"),
        ("name_ja", "北海道\ud83d", "context.geojson:features[0].properties.name_ja: contains a"),
    ],
)
def test_background_land_properties_are_checked_like_any_text(pack_copy, key, value, expected):
    _edit_json(pack_copy / "context.geojson", lambda d: _first_line(d, key, value))
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(pack_copy)
    problems = [str(p) for p in caught.value.problems]
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("file", "edit", "expected"),
    [
        ("pack.json", lambda d: d.update(id=d["id"] + "\n"), "pack.json:id: must be a lowercase"),
        (
            "kuril_islands.geojson",
            lambda d: _first_line(d, "id", "etorofu\n"),
            "is not a lowercase slug",
        ),
        (
            "pack.json",
            lambda d: d["worldviews"].update({"jp\n": d["worldviews"]["jp"]}),
            "worldview code must be a short lowercase slug",
        ),
    ],
    ids=["pack id", "island id", "worldview code"],
)
def test_an_id_with_a_final_newline_is_refused(pack_copy, file, edit, expected):
    """A newline in an id would reach the site's file names and its _headers rules."""
    _edit_json(pack_copy / file, edit)
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(pack_copy)
    problems = [str(p) for p in caught.value.problems]
    assert any(expected in p for p in problems), problems


def test_a_key_that_cannot_be_written_is_refused(pack_copy):
    _edit_json(pack_copy / "pack.json", lambda d: d["groups"]["etorofu"].update({"\ud800": "x"}))
    with pytest.raises(
        DisputeDataError, match=r"pack\.json:groups\.etorofu: a key contains a lone"
    ):
        load_dispute(pack_copy)


@pytest.mark.parametrize("key", ["name_ja", "name_ru", "method_ja", "method_ru"])
def test_an_empty_translation_of_a_line_is_a_problem_naming_file_and_feature(pack_copy, key):
    _edit_json(pack_copy / "boundaries.geojson", lambda d: _first_line(d, key, "  "))
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(pack_copy)
    problems = [str(p) for p in caught.value.problems]
    expected = f"boundaries.geojson:feature 1 (Border of 1855 (between Etorofu and Urup)): {key}"
    assert any(p.startswith(expected) and "is empty" in p for p in problems), problems


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("name_ja", ["国境"], "name_ja must be a text"),
        ("name_ru", "Граница" * 200, "name_ru"),  # longer than a name may be
        (
            "method_ja",
            "境界\x00線",
            "boundaries.geojson:features[0].properties.method_ja: contains",
        ),
    ],
)
def test_a_lines_translation_is_checked_like_the_text_it_translates(
    pack_copy, key, value, expected
):
    _edit_json(pack_copy / "boundaries.geojson", lambda d: _first_line(d, key, value))
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(pack_copy)
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith("boundaries.geojson:") and expected in p for p in problems), problems


def test_a_line_without_translations_loads_and_reads_in_english(pack_copy):
    def english_only(data: dict) -> None:
        for feature in data["features"]:
            for key in ("name_ja", "name_ru", "method_ja", "method_ru"):
                feature["properties"].pop(key, None)

    _edit_json(pack_copy / "boundaries.geojson", english_only)
    from geo.i18n import Localized, localized

    line = load_dispute(pack_copy).boundaries.iloc[0].to_dict()
    assert localized(line, "name", "ja") == Localized(line["name"], "en", False)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: d["names_layers"][0].update(language_ja=""),
            "pack.json:names_layers[0].language_ja: must be a non-empty text",
        ),
        (
            lambda d: d["names_layers"][0]["names"]["etorofu"]["meanings"][0].update(meaning_ru=""),
            "pack.json:names_layers[0].names.etorofu.meanings[0].meaning_ru",
        ),
        (lambda d: d.update(licence_ja=7), "pack.json:licence_ja"),
    ],
)
def test_names_layer_and_licence_translations_are_checked(pack_copy, edit, expected):
    _edit_json(pack_copy / "pack.json", edit)
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(pack_copy)
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith(expected) for p in problems), problems
