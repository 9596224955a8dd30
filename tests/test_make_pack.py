"""Making a pack: GSHHG islands of an area, the draft store, the page, ``new-pack``."""

from __future__ import annotations

import json
import math
import stat
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point, box
from streamlit.testing.v1 import AppTest

from geo import builder
from geo import io as geo_io
from geo.drafts import MAX_DRAFT_BYTES, DraftStore, DraftStoreError, is_token
from geo.errors import DisputeDataError
from geo.pack import load_dispute
from tests.conftest import REPO_ROOT
from ui.controls import MAP_DRAWN_KEY

AREA = (54.9, 25.8, 55.4, 26.35)  # Abu Musa and the Tunbs, Persian Gulf
# Published positions (Wikipedia's infoboxes) and areas in km² of the three islands.
PUBLISHED = {
    "Abu Musa": ((25.8717, 55.0333), 12.8),
    "Greater Tunb": ((26.2650, 55.3050), 10.3),
    "Lesser Tunb": ((26.2389, 55.1472), 2.0),
}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two (lat, lon) points on a sphere."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def candidates() -> gpd.GeoDataFrame:
    return builder.island_candidates(geo_io.read_gshhg_rings(AREA, "f"), AREA)


def _three_island_draft(candidates: gpd.GeoDataFrame) -> dict:
    """The draft a researcher makes on the page for Abu Musa and the Tunbs."""
    draft = builder.new_draft()
    draft["about"]["title"] = "Abu Musa and the Tunbs"
    draft["area"] = list(AREA)
    draft = builder.add_islands(draft, candidates.iloc[:3])
    for row, (name, group) in zip(
        draft["islands"],
        [("Abu Musa", "abu-musa"), ("Greater Tunb", "tunbs"), ("Lesser Tunb", "tunbs")],
        strict=True,
    ):
        row["name_en"], row["group"] = name, group
    draft = builder.synced_groups(draft)
    draft["groups"][1]["name_en"] = "The Tunbs"
    draft["parties"] = [
        {"code": "IR", "name": "Iran", "color": "#009E73"},
        {"code": "AE", "name": "United Arab Emirates", "color": "#CC79A7"},
    ]
    draft["events"] = [
        {
            "id": "test-event",
            "date": "1971-11-30",
            "date_precision": "day",
            "title": "A test event",
            "summary": "A row for the test.",
            "category": "military",
            "islands": "all",
            "lat": "26.26",
            "lon": "55.30",
            "source_title": "Test",
            "source_url": "https://example.org/",
        }
    ]
    draft["periods"] = [
        {
            "group": group,
            "start": "1971-11-30",
            "end": "",
            "administered_by": "IR",
            "claimed_by": "IR;AE",
            "event_id": "test-event",
        }
        for group in ("abu-musa", "tunbs")
    ]
    return draft


def test_the_largest_islands_of_the_area_are_the_three_disputed_ones(candidates):
    assert list(candidates["area_km2"]) == sorted(candidates["area_km2"], reverse=True)
    for (_, row), (name, (place, km2)) in zip(
        candidates.iloc[:3].iterrows(),
        sorted(PUBLISHED.items(), key=lambda i: -i[1][1]),
        strict=True,
    ):
        assert _km((row["lat"], row["lon"]), place) < 3.0, name
        assert row["area_km2"] == pytest.approx(km2, rel=0.3), name


def test_candidates_lie_wholly_inside_the_area(candidates):
    window = box(*AREA)
    assert all(window.contains(shape) for shape in candidates.geometry)


@pytest.mark.parametrize(
    ("area", "words"),
    [
        ((55.4, 25.8, 54.9, 26.35), "west must be less than east"),
        ((54.9, 26.35, 55.4, 25.8), "south must be less than north"),
        ((40.0, 20.0, 55.0, 26.0), "at most 8°"),
        (("a", 1, 2, 3), "four numbers"),
        ((54.9, 25.8, float("nan"), 26.35), "must be numbers"),
    ],
)
def test_a_bad_area_is_refused_in_words(area, words):
    assert words in builder.check_area(area)


def test_a_draft_of_gshhg_islands_validates_and_opens_as_a_zip(candidates, tmp_path):
    draft = _three_island_draft(candidates)
    check = builder.check_draft(draft)
    assert check.ready, check.problems
    assert sorted(check.dispute.group_ids) == ["abu-musa", "tunbs"]
    # the zip the page offers unpacks into a folder the explorer loads
    folder = geo_io.extract_pack_zip(builder.pack_zip(draft), tmp_path, geo_io.ZipLimits(), "p.zip")
    dispute = load_dispute(folder)
    areas = dict(zip(dispute.islands["name_en"], dispute.islands["area_km2"], strict=True))
    for name, (_, km2) in PUBLISHED.items():
        assert areas[name] == pytest.approx(km2, rel=0.3), name  # computed, not typed
    # a group of one island takes its name; a group of two has none until given
    assert dispute.manifest.groups["abu-musa"]["name_en"] == "Abu Musa"


def test_a_new_pack_opens_on_the_year_its_story_ends(candidates, tmp_path):
    draft = _three_island_draft(candidates)  # its one event and periods are of 1971
    manifest = __import__("json").loads(builder.pack_files(draft)["pack.json"])
    assert manifest["default_view"]["year"] == 1971
    assert builder.check_draft(draft).dispute.manifest.default_view["year"] == 1971


def test_a_problem_is_shown_on_the_row_it_concerns(candidates):
    draft = _three_island_draft(candidates)
    draft["events"].append({**draft["events"][0], "id": "second", "date": "1971-02-30"})
    draft["periods"][1]["administered_by"] = "XX"
    check = builder.check_draft(draft)
    assert not check.ready
    events = builder.row_problems(check.problems, "events.csv")
    periods = builder.row_problems(check.problems, "sovereignty.csv")
    assert list(events) == [1] and "1971-02-30" in events[1][0]
    assert 1 in periods and "XX" in " ".join(periods[1])


def test_an_unnamed_island_is_reported_on_its_row(candidates):
    draft = _three_island_draft(candidates)
    draft["islands"][2]["name_en"] = ""
    found = builder.row_problems(builder.check_draft(draft).problems, builder.ISLANDS_FILE)
    assert 2 in found and "name_en" in " ".join(found[2])


def test_an_empty_draft_says_what_to_give_in_words():
    problems = builder.check_draft(builder.new_draft()).problems
    said = " ".join(p.message for p in problems)
    assert "title" in said and "islands" in said and "parties" in said


def test_each_group_without_a_period_is_named(candidates):
    draft = _three_island_draft(candidates)
    draft["periods"] = draft["periods"][:1]  # abu-musa only
    said = [p.message for p in builder.check_draft(draft).problems]
    assert any("'tunbs'" in m and "period" in m for m in said)
    assert not any("'abu-musa'" in m for m in said)


def test_a_group_of_several_islands_must_be_named(candidates):
    draft = _three_island_draft(candidates)
    draft["groups"][1]["name_en"] = ""
    check = builder.check_draft(draft)
    assert not check.ready
    assert any(p.place == "groups.tunbs" and "name" in p.message for p in check.problems)


def test_two_parties_of_one_colour_are_reported_and_the_next_colour_is_free(candidates):
    draft = _three_island_draft(candidates)
    assert builder.next_colour(draft) not in {p["color"] for p in draft["parties"]}
    draft["parties"][1]["color"] = draft["parties"][0]["color"].lower()
    said = [p.message for p in builder.check_draft(draft).problems]
    assert any("IR and AE share the colour" in m for m in said)


def test_a_group_of_one_unnamed_island_is_reported_on_the_island_only(candidates):
    draft = _three_island_draft(candidates)
    draft["islands"][0]["name_en"] = ""  # Abu Musa, alone in its group
    problems = builder.check_draft(draft).problems
    assert not any(p.place == "groups.abu-musa" for p in problems)
    assert 0 in builder.row_problems(problems, builder.ISLANDS_FILE)


def test_groups_follow_the_islands_and_namings(candidates):
    draft = builder.add_islands(builder.new_draft(), candidates.iloc[:2])
    draft["islands"][1]["group"] = draft["islands"][0]["group"]
    draft["namings"].append({"field": "name_fa", "label": "Persian names"})
    draft = builder.synced_groups(draft)
    assert [g["id"] for g in draft["groups"]] == [draft["islands"][0]["group"]]
    assert "name_fa" in draft["groups"][0] and "name_fa" in draft["islands"][0]


def test_the_store_keeps_a_draft_across_a_restart_and_finds_it_only_by_its_token(tmp_path):
    path = tmp_path / "data" / "drafts.sqlite3"
    first = DraftStore(path).create({"about": {"title": "one"}})
    DraftStore(path).create({"about": {"title": "another author's"}})
    saved = DraftStore(path).save(first.token, {"about": {"title": "one, edited"}})
    assert saved.revision == 2
    again = DraftStore(path).load(first.token)  # a new store: as after a server restart
    assert again is not None and again.body == {"about": {"title": "one, edited"}}
    assert is_token(first.token) and len(first.token) == 24
    for guess in ("", "x" * 24, first.token[:-1], "'; DROP TABLE drafts; --", None):
        assert DraftStore(path).load(guess) is None  # type: ignore[arg-type]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_store_refuses_a_link_and_an_oversized_draft(tmp_path):
    real = tmp_path / "real.sqlite3"
    DraftStore(real).create({})
    linked = tmp_path / "linked.sqlite3"
    linked.symlink_to(real)
    with pytest.raises(DraftStoreError, match="link"):
        DraftStore(linked).create({})
    with pytest.raises(DraftStoreError, match="larger"):
        DraftStore(real).create({"text": "x" * (MAX_DRAFT_BYTES + 1)})


def test_an_invalid_draft_is_still_saved(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    saved = store.create(builder.new_draft())
    half = builder.new_draft()
    half["events"] = [{"id": "Not A Slug", "date": "someday"}]
    store.save(saved.token, half)
    assert store.load(saved.token).body["events"][0]["date"] == "someday"


def test_shapes_from_a_geojson_keep_their_names(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Rock A"},
                "geometry": box(10.0, 10.0, 10.01, 10.01).__geo_interface__,
            },
            {
                "type": "Feature",
                "properties": {"name": "a point"},
                "geometry": Point(1, 1).__geo_interface__,
            },
        ],
    }
    shapes = geo_io.read_shapes(json.dumps(collection).encode(), "rocks.geojson")
    assert list(shapes["name"]) == ["Rock A"]  # points are not islands
    draft = builder.add_islands(builder.new_draft(), shapes)
    assert draft["islands"][0]["name_en"] == "Rock A"


def test_a_zipped_shapefile_is_read(tmp_path):
    frame = gpd.GeoDataFrame(
        {"name": ["Rock B"]}, geometry=[box(20.0, 20.0, 20.02, 20.01)], crs="EPSG:3857"
    ).to_crs("EPSG:4326")
    frame.to_file(tmp_path / "rocks.shp")
    bundle = tmp_path / "rocks.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        for part in tmp_path.glob("rocks.*"):
            if part.suffix != ".zip":
                archive.write(part, part.name)
    shapes = geo_io.read_shapes(bundle.read_bytes(), "rocks.zip")
    assert list(shapes["name"]) == ["Rock B"] and shapes.crs.to_epsg() == 4326


def test_a_geopackage_is_read_and_its_crs_respected(tmp_path):
    frame = gpd.GeoDataFrame(
        {"name": ["Rock C"]}, geometry=[box(6_000_000, 3_000_000, 6_002_000, 3_001_000)], crs=3857
    )
    frame.to_file(tmp_path / "rocks.gpkg", driver="GPKG")
    shapes = geo_io.read_shapes((tmp_path / "rocks.gpkg").read_bytes(), "rocks.gpkg")
    west, south, east, north = shapes.total_bounds
    assert list(shapes["name"]) == ["Rock C"]
    assert 53.8 < west < east < 53.95 and 25.9 < south < north < 26.1  # reprojected to degrees


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"{}", "rocks.txt", "give a GeoJSON"),
        (b"not json", "rocks.geojson", "cannot be read"),
        (
            json.dumps({"type": "FeatureCollection", "features": []}).encode(),
            "empty.geojson",
            "no polygons",
        ),
    ],
)
def test_a_bad_shapes_file_is_named_with_its_problem(data, name, words):
    with pytest.raises(DisputeDataError) as caught:
        geo_io.read_shapes(data, name)
    (problem,) = caught.value.problems
    assert problem.file == name and words in problem.message


def test_new_pack_lists_then_writes_the_chosen_islands(run_cli, tmp_path):
    listed = run_cli("new-pack", str(tmp_path / "x"), "--area", *map(str, AREA))
    assert listed.returncode == 0 and "choose with --islands" in listed.stdout
    assert not (tmp_path / "x").exists()
    made = run_cli(
        "new-pack", str(tmp_path / "pack"), "--area", *map(str, AREA), "--islands", "1", "2", "3"
    )
    assert made.returncode == 0, made.stderr
    assert "parties" in made.stdout  # what is left to fill in
    islands = json.loads((tmp_path / "pack" / builder.ISLANDS_FILE).read_text())
    assert len(islands["features"]) == 3
    again = run_cli("new-pack", str(tmp_path / "pack"), "--area", *map(str, AREA), "--islands", "1")
    assert again.returncode == 2 and "not empty" in again.stderr
    wrong = run_cli("new-pack", str(tmp_path / "y"), "--area", *map(str, AREA), "--islands", "99")
    assert wrong.returncode == 2 and "no island 99" in wrong.stderr


def _page(monkeypatch, tmp_path: Path, **params: str) -> AppTest:
    monkeypatch.setenv("DISPUTE_OFFLINE", "1")
    monkeypatch.setenv("DISPUTE_DRAFTS", str(tmp_path / "drafts.sqlite3"))
    monkeypatch.delenv("DISPUTE_PACK", raising=False)
    app = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=120)
    app.session_state[MAP_DRAWN_KEY] = True
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    return app.switch_page("pages/make_pack.py").run()


def test_the_page_starts_a_draft_and_puts_its_link_in_the_address(monkeypatch, tmp_path):
    app = _page(monkeypatch, tmp_path)
    assert not app.exception
    start = next(b for b in app.button if b.label == "Start a new draft")
    app = start.click().run()
    assert not app.exception, [e.value for e in app.exception]
    token = app.query_params["draft"]
    token = token[-1] if isinstance(token, list) else token
    assert DraftStore(tmp_path / "drafts.sqlite3").load(token) is not None
    assert any("Saved" in c.value for c in app.caption)


def test_a_drafts_link_opens_it_and_open_shows_it_on_the_map(monkeypatch, tmp_path, candidates):
    saved = DraftStore(tmp_path / "drafts.sqlite3").create(_three_island_draft(candidates))
    app = _page(monkeypatch, tmp_path, draft=saved.token)
    assert not app.exception, [e.value for e in app.exception]
    assert any("valid pack" in c.value for c in app.caption)
    assert app.text_input[0].value == "Abu Musa and the Tunbs"
    opened = next(b for b in app.button if b.label == "Open in the explorer").click().run()
    assert not opened.exception, [e.value for e in opened.exception]
    assert any("Abu Musa and the Tunbs" in m.value for m in opened.markdown)


def test_a_change_on_the_page_is_saved_at_once(monkeypatch, tmp_path, candidates):
    saved = DraftStore(tmp_path / "drafts.sqlite3").create(_three_island_draft(candidates))
    app = _page(monkeypatch, tmp_path, draft=saved.token)
    app.text_input[0].input("Abu Musa, Greater and Lesser Tunb").run()
    stored = DraftStore(tmp_path / "drafts.sqlite3").load(saved.token)
    assert stored.body["about"]["title"] == "Abu Musa, Greater and Lesser Tunb"
    assert stored.revision == 2


def test_the_page_comes_back_to_the_sessions_draft_without_its_link(
    monkeypatch, tmp_path, candidates
):
    saved = DraftStore(tmp_path / "drafts.sqlite3").create(_three_island_draft(candidates))
    app = _page(monkeypatch, tmp_path, draft=saved.token)
    app.switch_page("pages/map.py").run()
    app.query_params.clear()  # the top bar's link to the page carries no draft
    app.switch_page("pages/make_pack.py").run()
    assert not app.exception
    assert app.text_input[0].value == "Abu Musa and the Tunbs"
    token = app.query_params["draft"]
    assert (token[-1] if isinstance(token, list) else token) == saved.token


def test_an_unknown_draft_link_says_so_and_offers_a_new_one(monkeypatch, tmp_path):
    app = _page(monkeypatch, tmp_path, draft="A" * 24)
    assert not app.exception
    assert any("No draft with this link" in e.value for e in app.error)
    assert any(b.label == "Start a new draft" for b in app.button)
