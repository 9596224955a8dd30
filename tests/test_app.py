"""Streamlit AppTest: every page runs; the year, filters and query parameters take effect."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.view import to_query_params
from tests.conftest import PAGES, REPO_ROOT, as_shown
from tests.test_foliummap import _scene
from ui.controls import FIRST_MAP_PATIENCE_S, FIRST_MAP_SENT_KEY, MAP_DRAWN_KEY

APP = str(REPO_ROOT / "explorer.py")


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("DISPUTE_OFFLINE", "1")
    monkeypatch.delenv("DISPUTE_PACK", raising=False)


def _app(**params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=90)
    # the map page as it stands once the browser has drawn the first map (the first run
    # of a session sends the map alone: test_a_sessions_first_run_sends_the_map_alone)
    app.session_state[MAP_DRAWN_KEY] = True
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def _map_args(app: AppTest) -> dict:
    components = app.get("component_instance")
    assert len(components) == 1
    return json.loads(components[0].proto.json_args)


def _shown_day(app: AppTest) -> str:
    """The day the map component is told to show."""
    return _map_args(app)["date"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page):
    app = _app()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]


def test_a_sessions_first_run_sends_the_map_alone():
    first = AppTest.from_file(APP, default_timeout=90)
    first.query_params["wv"] = "ru"
    first.query_params["year"] = "1956"
    first.run()
    assert not first.exception, [e.value for e in first.exception]
    args = _map_args(first)
    # the whole map document, for the linked view, and asked to report when drawn
    assert args["report_drawn"] is True and args["date"] == "1956-12-31"
    names = [island["name"] for island in _scene(args["html"])["islands"]]
    assert any(name.startswith("Итуруп") for name in names)
    # the page's heading and the sidebar's, but none of the widgets, list or buttons yet
    assert [h.value for h in first.sidebar.subheader] == ["View"]
    assert not first.segmented_control and not first.multiselect and not first.slider
    assert not first.get("download_button") and not first.button
    assert first.markdown[0].value.startswith("## ")
    # once the map is drawn, the whole page, the map no longer asked
    whole = _app(wv="ru", year="1956")
    assert _map_args(whole)["report_drawn"] is False
    assert _map_args(whole)["html"] == args["html"]
    assert whole.segmented_control(key="w_worldview").value == "ru" and whole.get("download_button")
    assert _listed_events(whole)


def test_a_map_that_never_reports_drawn_still_gets_the_whole_page():
    silent = AppTest.from_file(APP, default_timeout=90)
    silent.run()
    assert not silent.get("download_button")  # the map alone, waiting for its report
    silent.run()  # the browser asks the safety net again: still patient
    assert not silent.get("download_button") and _map_args(silent)["report_drawn"] is True
    # the report never comes: once the patience is over, the safety net runs the page whole
    silent.session_state[FIRST_MAP_SENT_KEY] -= FIRST_MAP_PATIENCE_S + 1
    silent.run()
    assert not silent.exception, [e.value for e in silent.exception]
    assert silent.get("download_button") and _listed_events(silent)
    assert _map_args(silent)["report_drawn"] is False


def test_the_year_reaches_the_map_as_a_value_not_a_new_map():
    early, late = _app(year="1930"), _app(year="1950")
    assert _shown_day(early) == "1930-12-31" and _shown_day(late) == "1950-12-31"
    # the map document (every state) is the same: only the value differs
    assert _map_args(early)["html"] == _map_args(late)["html"]


def test_a_day_in_the_url_reaches_the_map():
    app = _app(date="1945-09-01")
    assert _shown_day(app) == "1945-09-01"
    assert any("situation on 1 September 1945" in c.value for c in app.caption)


def test_step_buttons_move_the_year_on_the_export_page():
    app = _app(year="1945")
    app.switch_page("pages/export.py").run()
    app.button(key="w_step_next").click().run()
    assert app.slider(key="w_year_export").value == 1946
    app.button(key="w_step_prev-event").click().run()
    assert app.slider(key="w_year_export").value == 1945


def test_query_parameters_set_the_view():
    app = _app(year="1956", wv="ru", cat="treaty")
    assert _shown_day(app) == "1956-12-31"
    assert app.segmented_control(key="w_worldview").value == "ru"
    assert app.multiselect(key="w_categories").value == ["treaty"]
    names = [island["name"] for island in _scene(_map_args(app)["html"])["islands"]]
    assert any(name.startswith("Итуруп") for name in names)


def test_bad_query_parameters_fall_back_with_a_notice():
    app = _app(year="<script>", wv="xx", base="evil")
    assert not app.exception
    assert int(_shown_day(app)[:4]) >= 2025
    notices = " ".join(w.value for w in app.warning)
    assert "Ignored year=" in notices and "Ignored wv=" in notices and "Ignored base=" in notices


def test_link_notices_stay_until_dismissed_and_are_left_behind_by_another_page():
    app = _app(wv="xx")
    app.slider(key="w_event_range").set_value((1900, 2000)).run()  # any rerun of the page
    assert any("Ignored wv=" in w.value for w in app.warning)
    app.button(key="view_notices_dismiss").click().run()
    assert not app.warning
    assert not app.exception
    # a notice not dismissed is not carried to another page
    other = _app(wv="xx")
    other.switch_page("pages/compare.py").run()
    assert not any("Ignored wv=" in w.value for w in other.warning)


def _listed_events(app: AppTest) -> list[str]:
    """The entries of the event list beside the map: each event's button and the line under it."""
    titles = [b.label for b in app.button if str(b.key or "").startswith("w_show_")]
    lines = [m.value for m in app.markdown if m.value.startswith(":small[")]
    assert len(titles) == len(lines)
    return [f"{title}\n{line}" for title, line in zip(titles, lines, strict=True)]


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
    before = _map_args(app)["html"]
    app.segmented_control(key="w_worldview").set_value("jp").run()
    names = [island["name"] for island in _scene(_map_args(app)["html"])["islands"]]
    assert any(name.startswith("択捉島") for name in names)
    assert _map_args(app)["html"] != before  # naming rebuilds the scene (rarer than years)


def test_selected_event_is_highlighted():
    app = _app(year="1945", ev="soviet-landing-habomai")
    assert app.selectbox(key="w_event").value == "soviet-landing-habomai"
    assert _map_args(app)["selected"] == "soviet-landing-habomai"


def test_bad_pack_shows_problems_not_a_traceback(monkeypatch, pack_copy):
    (pack_copy / "events.csv").write_text("id,date\nx,1945-99-99\n", encoding="utf-8")
    monkeypatch.setenv("DISPUTE_PACK", str(pack_copy))
    app = _app()
    assert not app.exception
    assert any("cannot be used" in e.value for e in app.error)
    assert "events.csv:row 1: missing columns" in app.code[0].value


@pytest.mark.slow
def test_export_page_previews_the_current_view():
    app = _app(year="1956", wv="jp")
    app.switch_page("pages/export.py").run()
    assert not app.exception
    assert app.slider(key="w_year_export").value == 1956
    previews = [e.proto.body for e in app.get("html") if "export-preview" in e.proto.body]
    assert len(previews) == 1
    assert 'src="data:image/png;base64,iVBORw0KGgo' in previews[0]  # a PNG
    assert 'alt="Preview of the export: ' in previews[0] and "end of 1956" in previews[0]
    names = [b.proto.label for b in app.get("download_button")]
    assert "Download PNG" in names


def test_view_survives_a_visit_to_another_page():
    app = _app(year="1945", ev="soviet-landing-habomai")
    app.switch_page("pages/timeline.py").run()
    app.switch_page("pages/map.py").run()
    assert _shown_day(app) == "1945-12-31"
    assert app.selectbox(key="w_event").value == "soviet-landing-habomai"


def test_a_year_set_on_the_timeline_reaches_the_map_component_as_a_value():
    app = _app(year="2000")
    before = _map_args(app)
    app.switch_page("pages/timeline.py").run()
    app.selectbox(key="w_timeline_event").select("soviet-landing-shikotan").run()
    next(b for b in app.button if b.label == "Open on the map").click().run()
    assert not app.exception
    after = _map_args(app)
    assert after["date"] == "1945-12-31"
    assert after["selected"] == "soviet-landing-shikotan"
    assert after["token"] != before["token"]  # the map is told: a day set from outside
    assert after["html"] == before["html"]  # the same map, not a rebuilt one
    assert app.selectbox(key="w_event").value == "soviet-landing-shikotan"


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
    parts += [str(b.label) for b in app.button]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("page", "params", "expected"),
    [
        ("pages/map.py", {"year": "1711"}, "August 1711"),
        ("pages/map.py", {"year": "1644"}, ":small[1644 ·"),
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
        "Stated on the image: Events: military and diplomatic only" in as_shown(c.value)
        for c in app.caption
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


def _twin_html(app: AppTest) -> str:
    return "".join(e.proto.body for e in app.get("html") if "map-twin" in e.proto.body)


@pytest.mark.parametrize("year", [1800, 1950, 2024])
def test_the_map_page_says_in_words_what_the_map_shows(dispute, year):
    from geo.timeline import end_of_year, state_at

    app = _app(year=str(year))
    twin = _twin_html(app)
    assert 'aria-live="polite"' in twin
    assert f"At the end of {year}" in twin
    admins = {a for a in state_at(dispute, end_of_year(year))["administered_by"] if a}
    for code in admins:  # every administering party of the join is named
        assert dispute.manifest.parties[code].prose in twin


def test_the_twin_follows_a_year_chosen_in_the_map():
    app = _app(year="1930")
    assert "At the end of 1930" in _twin_html(app)
    app.session_state["view"] = app.session_state["view"].replace(year=1950)
    app.run()
    assert "At the end of 1950" in _twin_html(app)


def test_the_twin_table_escapes_the_pack_text_and_names_its_columns(monkeypatch, tmp_path):
    import shutil

    from geo import paths

    pack = tmp_path / "pack"
    shutil.copytree(paths.shipped_data_dir(), pack)
    manifest = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    manifest["groups"]["etorofu"]["name_en"] = "<img src=x onerror=alert(1)>"
    (pack / "pack.json").write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setenv("DISPUTE_PACK", str(pack))
    twin = _twin_html(_app(year="1950"))
    assert "<img" not in twin and "&lt;img src=x" in twin
    assert '<th scope="col">Administered by</th>' in twin


def test_an_empty_year_says_whether_the_table_or_the_filters_leave_it_empty(dispute):
    years = {d.year for d in dispute.events["date"]}
    empty = next(y for y in range(2025, 1900, -1) if y not in years)
    captions = [c.value for c in _app(year=str(empty)).caption]
    assert any(f"The table records no event in {empty}." in c for c in captions)
    filtered = [c.value for c in _app(year="1956", cat="visit").caption]
    assert any("No event in this year passes the filters." in c for c in filtered)


def test_export_as_on_screen_takes_the_window_the_map_reported():
    app = _app(year="1956")
    app.switch_page("pages/export.py").run()
    app.radio(key="w_extent").set_value("screen").run()
    # no window reported yet: the page says so and the export keeps the islands
    assert app.session_state["view"].extent is None
    assert any("has not shown a window yet" in i.value for i in app.info)
    assert app.radio(key="w_extent").value == "pack"
    app.session_state["screen_extent"] = (145.2, 43.5, 146.7, 44.6)  # as the map reports it
    app.radio(key="w_extent").set_value("screen").run()
    assert not app.exception
    assert app.session_state["view"].extent == (145.2, 43.5, 146.7, 44.6)
    assert any("map window 145.20–146.70° E" in as_shown(c.value) for c in app.caption)
    app.radio(key="w_extent").set_value("pack").run()
    assert app.session_state["view"].extent is None


@pytest.mark.slow
def test_the_animation_is_made_on_request_then_offered_for_download():
    app = _app(year="1956")
    app.switch_page("pages/export.py").run()
    app.radio(key="w_export_format").set_value("gif").run()
    assert not [b for b in app.get("download_button")]  # nothing made yet
    app.button(key="w_gif_make").click().run(timeout=300)
    assert not app.exception and not app.error
    (download,) = app.get("download_button")
    assert re.fullmatch(r"Download GIF \(\d+\.\d MB\)", download.proto.label)
    made = app.session_state["export_gif"]
    assert made[0] == repr(app.session_state["view"]) and made[1][:6] == b"GIF89a"


@pytest.mark.parametrize(
    "view",
    [
        '{"lat": 43.9, "lng": 145.6, "zoom": Infinity}',
        '{"lat": 1e300, "lng": 145.6, "zoom": 8}',
        '{"lat": NaN, "lng": 145.6, "zoom": 8, "bounds": [0, 0, Infinity, 1]}',
    ],
    ids=["infinite zoom", "centre 1e300", "NaN and infinite bounds"],
)
def test_a_hostile_map_report_changes_only_what_holds(view):
    app = _app()
    # what Python's JSON reads from a browser's report: Infinity and NaN are legal there
    app.session_state["time-map"] = json.loads(
        f'{{"id": "a:1", "date": "1950-06-01", "precise": true, "moved": true, "view": {view}}}'
    )
    app.run()
    assert not app.exception
    params = dict(app.query_params)
    assert params["date"] == "1950-06-01"  # the day held, and was taken
    assert "z" not in params and "at" not in params
    assert all(len(value) < 40 for value in params.values())
