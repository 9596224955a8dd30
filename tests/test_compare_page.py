"""The Compare page in Streamlit's AppTest: the link sets both maps, bad links say why."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from geo.compare import compare, island_change_lines
from geo.dates import format_event_date
from tests.conftest import REPO_ROOT
from ui.controls import MAP_DRAWN_KEY

APP = str(REPO_ROOT / "explorer.py")


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("DISPUTE_OFFLINE", "1")
    monkeypatch.delenv("DISPUTE_PACK", raising=False)


def _compare_page(**params: str) -> AppTest:
    """The Compare page opened from a link with these parameters."""
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state[MAP_DRAWN_KEY] = True  # the map drawn: the whole page
    app.run()
    app.switch_page("pages/compare.py")
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _maps(app: AppTest) -> dict:
    components = app.get("component_instance")
    assert len(components) == 1
    return json.loads(components[0].proto.json_args)


def _markdown(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_a_link_sets_both_dates_and_namings(dispute):
    app = _compare_page(a="1944", b="1947-09-02", wa="jp", wb="ru")
    args = _maps(app)
    assert args["dates"] == ["1944-12-31", "1947-09-02"]
    assert [app.selectbox(key=k).value for k in ("w_compare_wa", "w_compare_wb")] == ["jp", "ru"]
    # two different map documents: each side in its own naming
    assert args["docs"][0] != args["docs"][1]
    assert "択捉島" in args["html"][0] and "Итуруп" in args["html"][1]
    assert app.query_params["a"] == ["1944"] or app.query_params["a"] == "1944"


def test_the_page_lists_what_the_join_says_changed(dispute):
    app = _compare_page(a="1944", b="1947", wa="jp", wb="ru")
    changes = compare(dispute, dt.date(1944, 12, 31), dt.date(1947, 12, 31), "jp")
    shown = _markdown(app).replace("\\", "")
    for line in island_change_lines(dispute, changes, "jp"):
        assert line in shown
    for name in changes.lines_appeared + changes.lines_gone:
        assert name in shown
    for _, event in changes.events.iterrows():
        assert format_event_date(event["date"], event["date_precision"]) in shown
        assert f"({event['source_url']})" in shown
    assert f"Events between the two dates ({len(changes.events)})" in shown
    assert any("end of 1944 and the end of 1947" in s.value for s in app.subheader)


def test_the_page_writes_a_link_that_opens_the_same_comparison():
    first = _compare_page(a="1956", b="2016-12-15", wa="ru", wb="jp")
    written = {k: first.query_params[k] for k in ("a", "b", "wa", "wb")}
    flat = {k: v[-1] if isinstance(v, list) else v for k, v in written.items()}
    assert flat == {"a": "1956", "b": "2016-12-15", "wa": "ru", "wb": "jp"}
    again = _compare_page(**flat)
    assert _maps(again)["dates"] == _maps(first)["dates"]
    assert _maps(again)["docs"] == _maps(first)["docs"]


def test_a_bad_link_says_which_parameter_and_shows_the_default():
    app = _compare_page(a="nineteen", b="1947", wb="klingon")
    warnings = [w.value for w in app.warning]
    assert any("a='nineteen'" in w and "expected a year" in w for w in warnings), warnings
    assert any("wb='klingon'" in w and "not one of" in w for w in warnings), warnings
    assert _maps(app)["dates"][1] == "1947-12-31"
    assert not app.exception


def test_a_naming_changed_on_the_page_reaches_its_map_and_the_link():
    app = _compare_page(a="1944", b="1947", wa="jp", wb="jp")
    before = _maps(app)["docs"]
    app.selectbox(key="w_compare_wb").set_value("ru").run()
    after = _maps(app)
    assert after["docs"][0] == before[0] and after["docs"][1] != before[1]
    value = app.query_params["wb"]
    assert (value[-1] if isinstance(value, list) else value) == "ru"


def test_the_comparison_s_link_keeps_the_language():
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state[MAP_DRAWN_KEY] = True
    app.query_params["lang"] = "ru"
    app.run()
    app.switch_page("pages/compare.py")
    app.query_params["a"] = "1944"
    app.query_params["b"] = "1947"
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.query_params.get("lang") == "ru", app.query_params
    assert app.query_params.get("a") == "1944"
