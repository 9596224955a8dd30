"""Streamlit AppTest: every page runs; the year, filters and query parameters take effect."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.view import to_query_params
from tests.conftest import PAGES, REPO_ROOT

APP = str(REPO_ROOT / "app.py")
FILL = re.compile(r'fillColor\\?":\\?"([^"\\]+)')


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("DISPUTE_OFFLINE", "1")
    monkeypatch.delenv("DISPUTE_PACK", raising=False)


def _app(**params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def _map_args(app: AppTest) -> dict:
    components = app.get("component_instance")
    assert len(components) == 1
    return json.loads(components[0].proto.json_args)


def _fills(app: AppTest) -> set[str]:
    return set(FILL.findall(_map_args(app)["feature_group"]))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page):
    app = _app()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]


def test_moving_the_year_from_1930_to_1950_recolours_the_map(dispute):
    app = _app(year="1930")
    japan = dispute.manifest.parties["JP"].color
    assert _fills(app) == {japan}
    key_before = _map_args(app)["key"]
    app.slider(key="w_year").set_value(1950).run()
    assert _fills(app) == {"url(#hatch-SU-JP)"}
    assert "Soviet Union administers" in _map_args(app)["feature_group"]
    # the base map (and so the component's identity) is unchanged: no reload
    assert _map_args(app)["key"] == key_before


def test_step_buttons_move_the_year():
    app = _app(year="1945")
    app.button(key="w_step_next").click().run()
    assert app.slider(key="w_year").value == 1946
    app.button(key="w_step_prev-event").click().run()
    assert app.slider(key="w_year").value == 1945


def test_query_parameters_set_the_view():
    app = _app(year="1956", wv="ru", cat="treaty")
    assert app.slider(key="w_year").value == 1956
    assert app.radio(key="w_worldview").value == "ru"
    assert app.multiselect(key="w_categories").value == ["treaty"]
    script = _map_args(app)["feature_group"]
    assert "Итуруп" in script.encode().decode("unicode_escape")


def test_bad_query_parameters_fall_back_with_a_notice():
    app = _app(year="<script>", wv="xx", base="evil")
    assert not app.exception
    assert app.slider(key="w_year").value >= 2025
    notices = " ".join(w.value for w in app.warning)
    assert "Ignored year=" in notices and "Ignored wv=" in notices and "Ignored base=" in notices


def _listed_events(app: AppTest) -> list[str]:
    """The numbered entries of the event list beside the map."""
    text = "\n\n".join(m.value for m in app.markdown)
    return [entry for entry in text.split("\n\n") if re.match(r"\*\*\d+\\\.\*\*", entry)]


def test_category_filter_limits_the_event_list(dispute):
    app = _app(year="1945")
    listed = _listed_events(app)
    assert len(listed) == sum(d.year == 1945 for d in dispute.events["date"])
    app.multiselect(key="w_categories").set_value(["treaty"]).run()
    filtered = _listed_events(app)
    assert 0 < len(filtered) < len(listed)
    assert all("*treaty*" in entry for entry in filtered)


def test_group_filter_and_worldview_change_the_map():
    app = _app(year="2000")
    app.radio(key="w_worldview").set_value("jp").run()
    script = _map_args(app)["feature_group"].encode().decode("unicode_escape")
    assert "択捉島" in script


def test_selected_event_is_highlighted():
    app = _app(year="1945", ev="soviet-landing-habomai")
    assert app.selectbox(key="w_event").value == "soviet-landing-habomai"
    assert '"selected":true' in _map_args(app)["feature_group"]


def test_bad_pack_shows_problems_not_a_traceback(monkeypatch, pack_copy):
    (pack_copy / "events.csv").write_text("id,date\nx,1945-99-99\n", encoding="utf-8")
    monkeypatch.setenv("DISPUTE_PACK", str(pack_copy))
    app = _app()
    assert not app.exception
    assert any("cannot be used" in e.value for e in app.error)
    assert "events.csv:row 1: missing columns" in app.code[0].value


def test_export_page_previews_the_current_view():
    app = _app(year="1956", wv="jp")
    app.switch_page("pages/export.py").run()
    assert not app.exception
    assert app.slider(key="w_year_export").value == 1956
    assert len(app.get("image")) == 1
    names = [b.proto.label for b in app.get("download_button")]
    assert "Download PNG" in names


def test_view_survives_a_visit_to_another_page():
    app = _app(year="1945", ev="soviet-landing-habomai")
    app.switch_page("pages/timeline.py").run()
    app.switch_page("pages/map.py").run()
    assert app.slider(key="w_year").value == 1945
    assert app.selectbox(key="w_event").value == "soviet-landing-habomai"


def test_choosing_an_event_on_the_timeline_opens_it_on_the_map():
    app = _app()
    app.switch_page("pages/timeline.py").run()
    app.selectbox(key="w_timeline_event").select("soviet-landing-shikotan").run()
    next(b for b in app.button if b.label == "Open on the map").click().run()
    assert not app.exception
    assert app.slider(key="w_year").value == 1945
    assert app.selectbox(key="w_event").value == "soviet-landing-shikotan"
    assert '"selected":true' in _map_args(app)["feature_group"]


def _shown_text(app: AppTest) -> str:
    """Every text a reader sees on the page outside the map: prose, tables, choices."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "subheader", "header", "title", "code", "text", "metric"):
        parts += [str(getattr(e, "value", "")) for e in app.get(kind)]
    for frame in app.dataframe:
        parts.append(frame.value.to_csv(index=False))
        parts += [str(c) for c in frame.value.columns]
    for widget in (*app.selectbox, *app.multiselect, *app.radio):
        parts += [str(o) for o in widget.options]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("page", "params", "expected"),
    [
        ("pages/map.py", {"year": "1711"}, "August 1711"),
        ("pages/map.py", {"year": "1644"}, "**1\\.** 1644 ·"),
        ("pages/timeline.py", {}, "August 1711"),
        ("pages/islands.py", {}, "August 1711"),
        ("pages/data_sources.py", {}, "August 1711"),
        ("pages/export.py", {"year": "1711"}, "August 1711"),
    ],
)
def test_no_false_date_precision_anywhere_in_the_ui(dispute, page, params, expected):
    imprecise = dispute.events[dispute.events["date_precision"] != "day"]
    app = _app(**params)
    app.switch_page(page).run()
    assert not app.exception
    shown = _shown_text(app)
    assert expected in shown  # an imprecise event is on the page, at its precision
    for date in imprecise["date"]:
        assert date.isoformat() not in shown, (page, date)


@pytest.mark.parametrize("page", ["pages/islands.py", "pages/data_sources.py", "pages/timeline.py"])
def test_tables_label_columns_in_words(page):
    app = _app(year="1950")
    app.switch_page(page).run()
    columns = [str(c) for frame in app.dataframe for c in frame.value.columns]
    assert columns
    for field in ("name_ja", "administered_by", "event_id", "source_url", "area_km2", "field"):
        assert field not in columns, (page, field)
    assert all(re.match(r"^[A-Z]", c) for c in columns), columns


def test_export_page_edits_texts_and_callouts_into_the_view_and_the_url():
    app = _app(year="1945", cat="military,diplomatic")
    app.switch_page("pages/export.py").run()
    assert any(
        "Stated on the image: Events: military and diplomatic only" in c.value for c in app.caption
    )
    app.text_input(key="w_export_title").input("Kurils, August 1945").run()
    app.text_input(key="w_export_note").input("For class 7b").run()
    options = app.multiselect(key="w_callouts").options
    assert len(options) > 2 and all("-" not in o.split(" ")[1] for o in options)
    first = app.multiselect(key="w_callouts").value[0]
    app.multiselect(key="w_callouts").set_value([first]).run()
    assert not app.exception
    view = app.session_state["view"]
    assert (view.title, view.note, view.callouts) == (
        "Kurils, August 1945",
        "For class 7b",
        (first,),
    )
    params = to_query_params(view, view.replace(title="", note="", callouts=()))
    assert params == {"title": "Kurils, August 1945", "note": "For class 7b", "call": first}
    assert any("callouts for 1 of the" in c.value for c in app.caption)
