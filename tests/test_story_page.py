"""The Story page in Streamlit's AppTest: steps from the link and the buttons, the map told
by values, bad links explained."""

from __future__ import annotations

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT, as_shown
from ui.controls import MAP_DRAWN_KEY

APP = str(REPO_ROOT / "explorer.py")
STORY = "pages/story.py"


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("DISPUTE_OFFLINE", "1")
    monkeypatch.delenv("DISPUTE_PACK", raising=False)


def _story(**params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state[MAP_DRAWN_KEY] = True  # the map drawn: the whole page
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(STORY).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _map_args(app: AppTest) -> dict:
    (component,) = app.get("component_instance")
    return json.loads(component.proto.json_args)


def _progress(app: AppTest) -> str:
    (bar,) = app.get("progress")
    return bar.proto.text


def test_the_link_opens_its_step_on_the_map(dispute):
    app = _story(tour="four-islands-in-class", step="6")
    args = _map_args(app)
    step = dispute.tours[0].steps[5]
    assert args["date"] == "1945-08-28"
    assert args["highlight"] == ["soviet-landing-etorofu"]
    assert args["bounds"] == list(step.extent)
    assert _progress(app) == "Step 6 of 16"
    assert any(m.value == "#### 28 August 1945\\: Etorofu" for m in app.markdown)
    # the step's sources are links, and the text twin speaks of the step's day
    assert any(step.source_url in m.value for m in app.markdown)
    twin = [h for h in app.get("html") if "map-twin" in h.proto.body]
    assert twin and "On 28 August 1945" in twin[0].proto.body


def test_next_and_previous_move_the_step_the_link_and_the_map_value_not_the_map():
    app = _story(tour="four-islands-in-class", step="6")
    before = _map_args(app)
    app.button(key="w_story_next").click().run()
    after = _map_args(app)
    assert after["date"] == "1945-09-01"
    assert after["highlight"] == ["soviet-landing-kunashiri", "soviet-landing-shikotan"]
    assert after["token"] != before["token"]
    assert after["doc"] == before["doc"]  # the same map document: the frame keeps its map
    assert app.query_params["step"] == "7"
    assert _progress(app) == "Step 7 of 16"
    app.button(key="w_story_prev").click().run()
    app.button(key="w_story_prev").click().run()
    assert _map_args(app)["date"] == "1945-02-11"
    assert app.query_params["step"] == "5"


def test_the_first_and_last_steps_disable_the_button_that_would_leave_the_tour():
    first = _story()
    assert _progress(first) == "Step 1 of 16"
    assert first.button(key="w_story_prev").disabled
    assert not first.button(key="w_story_next").disabled
    assert first.query_params["tour"] == "four-islands-in-class"
    last = _story(tour="four-islands-in-class", step="16")
    assert last.button(key="w_story_next").disabled
    assert _map_args(last)["date"] == "2022-03-21"


def test_every_step_has_a_link_that_names_it():
    app = _story()
    links = app.get("page_link")
    assert len(links) == 16
    assert as_shown(links[8].proto.label) == "9. 3-5 September 1945: the Habomai islets"
    assert as_shown(links[1].proto.label) == "2. Direct rule from Edo (1799)"  # title has no date
    assert links[8].proto.page == "story"
    assert links[8].proto.query_string == "tour=four-islands-in-class&step=9"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"tour": "four-islands-in-class", "step": "99"}, "There is no step 99"),
        ({"tour": "four-islands-in-class", "step": "two"}, "There is no step two"),
        ({"tour": "atlantis", "step": "3"}, "There is no tour “atlantis”"),
    ],
)
def test_a_bad_link_gets_a_clear_message_and_the_first_step(params, expected):
    app = _story(**params)
    assert any(expected in w.value for w in app.warning), [w.value for w in app.warning]
    assert _progress(app) == "Step 1 of 16"
    assert app.query_params["step"] == "1"  # the link now names what is shown


def test_a_pack_without_tours_says_so(tmp_path, monkeypatch):
    pack = tmp_path / "pack"
    shutil.copytree(REPO_ROOT / "data", pack)
    (pack / "tours.json").unlink()
    monkeypatch.setenv("DISPUTE_PACK", str(pack))
    app = _story()
    assert any("no tours" in i.value for i in app.info)
    assert not app.get("component_instance")


def test_a_pack_with_two_tours_offers_a_picker(tmp_path, monkeypatch):
    pack = tmp_path / "pack"
    shutil.copytree(REPO_ROOT / "data", pack)
    tours = json.loads((pack / "tours.json").read_text(encoding="utf-8"))
    second = {**tours["tours"][0], "id": "the-1945-days", "title": "The days of 1945"}
    second["steps"] = second["steps"][5:9]
    tours["tours"].append(second)
    (pack / "tours.json").write_text(json.dumps(tours), encoding="utf-8")
    monkeypatch.setenv("DISPUTE_PACK", str(pack))
    app = _story(tour="four-islands-in-class", step="6")
    picker = app.selectbox(key="w_tour")
    assert picker.value == "four-islands-in-class"
    picker.set_value("the-1945-days").run()
    assert _progress(app) == "Step 1 of 4"
    assert _map_args(app)["date"] == "1945-08-28"
    assert app.query_params["tour"] == "the-1945-days"
