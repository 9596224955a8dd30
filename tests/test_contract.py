"""The contract between Python and the browser: the typed scene, its JSON and its schema."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from geo import paths
from geo.contract import PathStyle, Scene, json_schema, schema_text, to_json
from geo.io import read_schema
from geo.scene import build_scene, state_index_at
from geo.timeline import status_rows
from geo.view import default_view
from tests.conftest import REPO_ROOT

SCHEMA = REPO_ROOT / "geo" / "schemas" / "scene.schema.json"


def test_the_schema_file_is_made_from_the_contracts_classes():
    """Regenerate with: uv run python -m geo.contract > geo/schemas/scene.schema.json"""
    assert SCHEMA.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"worldview": "jp"},
        {"worldview": "ru", "categories": ("military",)},
        {"show_events": False},
    ],
    ids=["default", "japanese names", "russian names, one category", "no events"],
)
def test_every_scene_the_app_sends_follows_the_schema(dispute, changes):
    scene = to_json(build_scene(dispute, default_view(dispute).replace(**changes)))
    jsonschema.validate(scene, read_schema("scene.schema.json"))
    json.dumps(scene, allow_nan=False)  # plain JSON: no NaN or Infinity


def test_a_scene_with_a_field_the_schema_does_not_know_is_refused(dispute):
    scene = to_json(build_scene(dispute, default_view(dispute)))
    scene["spans"][0]["extra"] = 1
    with pytest.raises(jsonschema.ValidationError, match="extra"):
        jsonschema.validate(scene, read_schema("scene.schema.json"))


def test_named_fields_not_positions(dispute):
    """An island's look in a state is named (style, tooltip, popup, label), never s[0]...s[3]."""
    scene = build_scene(dispute, default_view(dispute))
    day = dt.date(1950, 12, 31)
    state = scene.states[state_index_at(scene, day)]
    parties = dispute.manifest.parties
    for island, look, status in zip(
        scene.islands, state.islands, status_rows(dispute, day), strict=True
    ):
        assert island.id == status["id"]
        assert scene.texts[look.label].startswith(island.name)
        assert parties[status["administered_by"]].name in scene.texts[look.label]
        assert scene.styles[look.style].fill_color is not None


def test_what_the_page_needs_that_python_knows_travels_in_the_scene(dispute):
    scene = build_scene(dispute, default_view(dispute))
    from geo.dates import MONTHS, PATTERNS
    from geo.theme import name_places
    from geo.webgeom import WEB_SCALE

    assert scene.scale == WEB_SCALE
    assert scene.words.months == list(MONTHS) and scene.words.day == PATTERNS["day"]
    assert scene.name_places == name_places()
    assert "{year}" in scene.titles.at_year_end and "{date}" in scene.titles.on_day


def test_leaflets_option_names_are_kept_in_the_json():
    assert to_json(PathStyle(color="#222222", weight=2, fill_color="#FFFFFF", fill_opacity=1)) == {
        "color": "#222222",
        "weight": 2,
        "fillColor": "#FFFFFF",
        "fillOpacity": 1,
    }


def test_every_class_of_the_contract_is_described(dispute):
    defined = set(json_schema(Scene)["$defs"])
    assert {
        "Scene",
        "State",
        "Span",
        "IslandLook",
        "EventMarker",
        "YearEvents",
        "LabelPlace",
    } <= defined
    for definition in json_schema(Scene)["$defs"].values():
        assert definition["description"], definition


def test_the_map_plugins_hold_no_copy_of_a_python_fact():
    """The facts the scene carries are not written in the plugins: no month names, no
    coordinate scale, no palette colour, no label offset."""
    from geo import theme

    code = "".join(
        (paths.static_dir() / paths.KURIL_FOLDER / name).read_text(encoding="utf-8")
        for name in paths.KURIL_SCRIPTS
    )
    for fact in ("September", "10000", "1e4 /", *theme.css_colors().values(), "[16, -14"):
        assert fact not in code, fact
