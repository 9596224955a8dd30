"""The Compare page in Chromium: both maps show their dates, and their views move together."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser_support import kuril, running_app, wait_for_map

pytestmark = pytest.mark.browser
COMPARE_FRAME = 'iframe[title="ui.compare_map.compare_map"]'


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


def _maps(page: Any) -> dict[str, Any]:
    """The two map documents (Playwright frames), once each holds its engine and map."""
    outer = page.frame_locator(COMPARE_FRAME)
    for side in ("left", "right"):
        expect(
            outer.frame_locator(f"iframe#{side}").locator("path.leaflet-interactive").first
        ).to_be_attached(timeout=120_000)
    found = {}
    for frame in page.frames:
        element = frame.frame_element() if frame.parent_frame else None
        if element is not None and element.get_attribute("id") in ("left", "right"):
            found[element.get_attribute("id")] = frame
    assert set(found) == {"left", "right"}
    for frame in found.values():
        wait_for_map(frame)
    return found


def _view(frame: Any) -> dict[str, float]:
    return kuril(frame, "view")


def _until(condition: Any, seconds: float = 60.0) -> None:
    """Wait until ``condition()`` holds (polled), or fail."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("waited in vain")
        time.sleep(0.1)


# Within one screen pixel: Leaflet places a map on whole pixels, and a map whose size was
# measured again recomputes its centre from that pixel grid, so two maps set to the same
# centre may differ by the rounding (up to a pixel, about 0.008 degrees of latitude here at
# zoom 7), which no reader can see.
PIXEL = 1.0


def _pixel(view: dict[str, float], zoom: int) -> tuple[float, float]:
    """A map's centre in Leaflet's pixel space at a zoom (spherical Mercator, 256 px tiles)."""
    scale = 256 * 2**zoom
    lat = math.radians(view["lat"])
    x = scale * (view["lng"] + 180) / 360
    y = scale * (1 - math.log(math.tan(lat) + 1 / math.cos(lat)) / math.pi) / 2
    return x, y


def _in_step(maps: dict[str, Any]) -> bool:
    """Both maps at the same zoom and centre to within ``PIXEL``."""
    left, right = _view(maps["left"]), _view(maps["right"])
    if left["zoom"] != right["zoom"]:
        return False
    (x, y), (u, v) = (_pixel(view, left["zoom"]) for view in (left, right))
    return abs(x - u) <= PIXEL and abs(y - v) <= PIXEL


def _wait_in_step(maps: dict[str, Any]) -> None:
    """Wait until both maps show the same view; if they never do, say what each shows."""
    try:
        _until(lambda: _in_step(maps))
    except AssertionError:
        views = {side: _view(frame) for side, frame in maps.items()}
        raise AssertionError(f"the two maps did not come into step: {views}") from None


@pytest.mark.parametrize("width", [1400, 390])
def test_both_maps_show_their_dates_and_move_together(browser, app_url, width):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{app_url}/compare?a=1944&b=1947-09-02&wa=jp&wb=ru")
    maps = _maps(page)
    left, right = (kuril(maps[side], "state") for side in ("left", "right"))
    assert (left["date"], left["precise"]) == ("1944-12-31", False)
    assert (right["date"], right["precise"]) == ("1947-09-02", True)
    assert left["title"].endswith("end of 1944") and right["title"].endswith("on 2 September 1947")
    # each map in its own naming: the Russian name of Etorofu only on the second map
    assert "Итуруп" not in maps["left"].content() or "択捉" in maps["left"].content()
    start = _view(maps["right"])
    assert _in_step(maps)  # the same view

    # drag the first map with the mouse: the second follows
    box = page.frame_locator(COMPARE_FRAME).locator("iframe#left").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 80, y - 40, steps=8)
    page.mouse.up()
    _until(lambda: abs(_view(maps["left"])["lng"] - start["lng"]) > 0.1)
    # the first map may still glide (Leaflet's inertia): the second keeps up with it
    _wait_in_step(maps)

    # zoom the second map with its own button: the first follows
    zoom = _view(maps["right"])["zoom"]
    page.frame_locator(COMPARE_FRAME).frame_locator("iframe#right").get_by_role(
        "button", name="Zoom in"
    ).click()
    _until(lambda: _view(maps["left"])["zoom"] == zoom + 1)
    _until(lambda: _view(maps["right"])["zoom"] == zoom + 1)
    _wait_in_step(maps)

    # a year changed in one map reaches the link; the other map keeps its date
    maps["left"].locator(".kt-next").click()
    expect(page).to_have_url(re.compile(r"[?&]a=1945(&|$)"), timeout=60_000)
    assert re.search(r"[?&]b=1947-09-02(&|$)", page.url), page.url
    assert kuril(maps["right"], "state")["date"] == "1947-09-02"
    expect(page.get_by_text(re.compile("What changed between the end of 1945"))).to_be_visible(
        timeout=60_000
    )
    context.close()
    assert not errors, errors


def test_keyboard_only_reaches_the_first_maps_year_and_moves_it(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/compare?a=1944&b=1947&wa=neutral&wb=ru")
    maps = _maps(page)
    page.get_by_label("Names on the second map").focus()
    on_slider = (
        "() => document.hasFocus() && document.activeElement.classList.contains('kt-slider')"
    )
    for _ in range(40):  # Tab into the first map's frame, through its controls to the slider
        page.keyboard.press("Tab")
        if maps["left"].evaluate(on_slider):
            break
    assert maps["left"].evaluate(on_slider)
    page.keyboard.press("ArrowRight")
    _until(lambda: kuril(maps["left"], "state")["date"] == "1945-12-31")
    assert kuril(maps["right"], "state")["date"] == "1947-12-31"
    expect(page).to_have_url(re.compile(r"[?&]a=1945(&|$)"), timeout=60_000)
    context.close()
