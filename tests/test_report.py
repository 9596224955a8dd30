"""The map's reports from the browser are checked like any other input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo.report import read_report

GOOD = {
    "id": "k3j2h4:12",
    "date": "1945-09-01",
    "precise": True,
    "moved": True,
    "view": {"lat": 43.9, "lng": 145.6, "zoom": 8, "bounds": [145.0, 43.5, 146.3, 44.3]},
}


def _with(**changes: object) -> dict[str, object]:
    return {**GOOD, **changes}


def _with_view(**changes: object) -> dict[str, object]:
    return {**GOOD, "view": {**GOOD["view"], **changes}}  # type: ignore[dict-item]


def test_a_good_report_is_read_whole():
    report = read_report(GOOD)
    assert report is not None and report.id == "k3j2h4:12"
    assert report.day == dt.date(1945, 9, 1) and report.precise
    assert report.window is not None
    assert report.window.center == (43.9, 145.6) and report.window.zoom == 8
    assert report.window.bounds == (145.0, 43.5, 146.3, 44.3) and report.window.moved


@pytest.mark.parametrize(
    "answer",
    [
        None,
        "a report",
        [GOOD],
        _with(id="x" * 65),
        _with(id="<img src=x>"),
        _with(id=7),
        _with(id="a\nb"),
    ],
    ids=["none", "text", "list", "long id", "markup id", "number id", "newline id"],
)
def test_what_is_not_a_report_counts_as_none(answer):
    assert read_report(answer) is None


@pytest.mark.parametrize(
    "date",
    ["1945-02-30", "0900-01-01", "2200-01-01", "1945-9-1", "1945-09-01T00:00", 1945, "١٩٤٥-09-01"],
)
def test_a_day_that_is_not_one_is_dropped(date):
    report = read_report(_with(date=date))
    assert report is not None and report.day is None


# What Python's JSON reads from a browser: Infinity, NaN and huge numbers are all legal.
HOSTILE_NUMBERS = [float("inf"), float("-inf"), float("nan"), 1e300, -1e300, True, "8", None, [8]]


@pytest.mark.parametrize("value", [*HOSTILE_NUMBERS, 8.5, 40])
def test_a_zoom_that_is_not_a_whole_zoom_in_range_is_dropped(value):
    report = read_report(_with_view(zoom=value))
    assert report is not None and report.window is not None
    assert report.window.zoom is None
    assert report.window.center == (43.9, 145.6)


@pytest.mark.parametrize("value", [*HOSTILE_NUMBERS, 91.0])
def test_a_centre_out_of_range_or_not_finite_is_dropped(value):
    report = read_report(_with_view(lat=value))
    assert report is not None and report.window is not None
    assert report.window.center is None


@pytest.mark.parametrize(
    "bounds",
    [
        [145.0, 43.5, float("inf"), 44.3],
        [146.3, 43.5, 145.0, 44.3],
        [145.0, 43.5, 146.3],
        [145.0, 43.5, 146.3, 44.3, 0],
        "145,43,146,44",
        [145.0, -1e300, 146.3, 44.3],
    ],
)
def test_bounds_that_are_not_a_window_are_dropped(bounds):
    report = read_report(_with_view(bounds=bounds))
    assert report is not None and report.window is not None
    assert report.window.bounds is None


def test_json_from_a_browser_with_infinity_is_read_safely():
    answer = json.loads(
        '{"id": "a:1", "date": "1950-12-31", "moved": true,'
        ' "view": {"lat": 1e300, "lng": NaN, "zoom": Infinity, "bounds": [0, 0, Infinity, 1]}}'
    )
    report = read_report(answer)
    assert report is not None and report.day == dt.date(1950, 12, 31)
    assert report.window is None
