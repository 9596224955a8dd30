"""The View and its URL form: round trips, hostile values, defaults."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.view import View, default_view, from_query_params, to_query_params


def _default(dispute):
    return default_view(dispute, today=dt.date(2026, 11, 27))


def test_default_view_spans_the_table(dispute):
    view = _default(dispute)
    assert view.event_start == min(d.year for d in dispute.events["date"])
    assert view.event_end == 2026 and view.year == 2026
    assert to_query_params(view, view) == {}


def test_round_trip_through_query_params(dispute):
    default = _default(dispute)
    view = default.replace(
        year=1956,
        worldview="ru",
        categories=("treaty", "visit"),
        groups=("shikotan", "habomai"),
        selected_event="soviet-japanese-joint-declaration",
        show_earlier=False,
        event_start=1900,
        size="square",
        title="Kurils, 1956: the Joint Declaration",
        subtitle="Две страны · 二つの国 · & <b>not markup</b>",
        note="Made for class 7b; $x$ stays literal.",
        callouts=("soviet-japanese-joint-declaration",),
    )
    params = to_query_params(view, default)
    assert params["cat"] == "treaty,visit"
    assert params["title"] == "Kurils, 1956: the Joint Declaration"
    back, notices = from_query_params(params, dispute, default)
    assert back == view
    assert notices == []


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "year",
                "wv",
                "base",
                "from",
                "to",
                "cat",
                "grp",
                "ev",
                "earlier",
                "events",
                "size",
                "title",
                "sub",
                "note",
                "call",
                "other",
            ]
        ),
        st.text(max_size=40),
    )
)
def test_any_query_params_give_a_valid_view(dispute, params):
    default = _default(dispute)
    view, notices = from_query_params(params, dispute, default)
    assert isinstance(view, View)
    assert default.event_start <= view.year <= default.event_end
    assert view.event_start <= view.event_end
    assert view.worldview in dispute.manifest.worldviews
    assert set(view.categories) <= set(dispute.events["category"])
    assert set(view.callouts) <= set(dispute.events["id"])
    for text in (view.title, view.subtitle, view.note):
        assert len(text) <= 200 and not any(ord(c) < 32 for c in text)
    assert all(isinstance(n, str) for n in notices)


def test_hostile_values_fall_back_with_notices(dispute):
    default = _default(dispute)
    view, notices = from_query_params(
        {
            "year": "1e9",
            "wv": "<img src=x onerror=alert(1)>",
            "cat": "treaty,<b>",
            "from": "2000",
            "to": "1900",
            "earlier": "yes",
        },
        dispute,
        default,
    )
    assert view.year == default.year and view.worldview == default.worldview
    assert view.categories == ("treaty",)
    assert (view.event_start, view.event_end) == (default.event_start, default.event_end)
    assert len(notices) == 5


def test_control_characters_are_removed_from_texts_with_a_notice(dispute):
    default = _default(dispute)
    view, notices = from_query_params(
        {"title": "Islands\x00\x1b[31m 1956", "call": "no-such-event"}, dispute, default
    )
    assert view.title == "Islands[31m 1956"
    assert view.callouts == ()
    assert len(notices) == 2


def test_zoom_and_centre_round_trip_through_the_url(dispute):
    from geo.view import with_map_view

    default = default_view(dispute)
    view = with_map_view(default.replace(year=1956), 43.851234, 145.65, 9)
    params = to_query_params(view, default)
    assert params["z"] == "9" and params["at"] == "43.8512,145.6500"
    back, notices = from_query_params(params, dispute, default)
    assert notices == []
    assert back.zoom == 9 and back.center == (43.8512, 145.65)


@pytest.mark.parametrize(
    "params",
    [
        {"z": "9"},
        {"at": "43,145"},
        {"z": "40", "at": "43,145"},
        {"z": "9", "at": "95,145"},
        {"z": "9", "at": "x,y"},
    ],
)
def test_a_zoom_without_a_valid_centre_is_ignored_with_a_notice(dispute, params):
    default = default_view(dispute)
    view, notices = from_query_params(params, dispute, default)
    assert view.zoom is None and view.center is None
    assert len(notices) == 1 and "z=" in notices[0]


@pytest.mark.parametrize(
    "raw",
    ["146,44", "a,b,c,d", "146,44,145,45", "145,45,146,44", "145,-90,146,44", "145,43,146,44,1"],
)
def test_parse_extent_rejects_a_malformed_or_reversed_window(raw):
    from geo.view import parse_extent

    with pytest.raises(ValueError, match="expected"):
        parse_extent(raw)


def test_an_export_window_round_trips_through_the_url(dispute):
    from geo.view import default_view, from_query_params, to_query_params

    default = default_view(dispute)
    view = default.replace(year=1956, extent=(145.2, 43.5, 146.7, 44.6))
    params = to_query_params(view, default)
    assert params["box"] == "145.2000,43.5000,146.7000,44.6000"
    back, notices = from_query_params(params, dispute, default)
    assert back == view and notices == []


def test_a_bad_window_in_the_url_is_ignored_with_a_notice(dispute):
    from geo.view import default_view, from_query_params

    default = default_view(dispute)
    back, notices = from_query_params({"box": "146,44,145,45"}, dispute, default)
    assert back.extent is None
    assert len(notices) == 1 and "box" in notices[0] and "west < east" in notices[0]
