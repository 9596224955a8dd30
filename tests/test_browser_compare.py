"""The Compare page in Chromium: both maps show their dates, and their views move together."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser_support import running_app

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
        frame.wait_for_function("() => window.kurilEngine && window.kurilEngine.state().date")
    return found


def _view(frame: Any) -> dict[str, float]:
    return frame.evaluate("() => kurilEngine.view()")


# Within one screen pixel: Leaflet places a map on whole pixels, and a map whose size was
# measured again recomputes its centre from that pixel grid, so two maps set to the same
# centre may differ by the rounding (up to a pixel, about 0.008 degrees of latitude here at
# zoom 7), which no reader can see.
PIXEL = 1.0

# Both maps at the same zoom and centre to within ``PIXEL`` (read in the component's page,
# which holds both frames).
IN_STEP_JS = """(pixel) => {
  const [a, b] = ['left', 'right'].map(id => document.getElementById(id).contentWindow.map);
  if (a.getZoom() !== b.getZoom()) { return false; }
  const p = a.project(a.getCenter(), a.getZoom()), q = a.project(b.getCenter(), a.getZoom());
  return Math.abs(p.x - q.x) <= pixel && Math.abs(p.y - q.y) <= pixel;
}"""


def _wait_in_step(page: Any) -> None:
    """Wait until both maps show the same view; if they never do, say what each shows."""
    frame = _component_frame(page)
    try:
        frame.wait_for_function(IN_STEP_JS, arg=PIXEL)
    except PlaywrightTimeoutError:
        views = frame.evaluate(
            """() => ['left', 'right'].map(id => {
              const m = document.getElementById(id).contentWindow.map;
              const c = m.getCenter(), s = m.getSize();
              return {id, lat: c.lat, lng: c.lng, zoom: m.getZoom(), width: s.x, height: s.y};
            })"""
        )
        raise AssertionError(f"the two maps did not come into step: {views}") from None


def _component_frame(page: Any) -> Any:
    """The component's own page (the Playwright frame holding the two map frames)."""
    return next(
        f
        for f in page.frames
        if f.parent_frame is not None
        and f.frame_element().get_attribute("title") == "ui.compare_map.compare_map"
    )


@pytest.mark.parametrize("width", [1400, 390])
def test_both_maps_show_their_dates_and_move_together(browser, app_url, width):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{app_url}/compare?a=1944&b=1947-09-02&wa=jp&wb=ru")
    maps = _maps(page)
    left, right = (maps[side].evaluate("() => kurilEngine.state()") for side in ("left", "right"))
    assert (left["date"], left["precise"]) == ("1944-12-31", False)
    assert (right["date"], right["precise"]) == ("1947-09-02", True)
    assert left["title"].endswith("end of 1944") and right["title"].endswith("on 2 September 1947")
    # each map in its own naming: the Russian name of Etorofu only on the second map
    assert "Итуруп" not in maps["left"].content() or "択捉" in maps["left"].content()
    start = _view(maps["right"])
    assert _component_frame(page).evaluate(IN_STEP_JS, PIXEL)  # the same view

    # drag the first map with the mouse: the second follows
    box = page.frame_locator(COMPARE_FRAME).locator("iframe#left").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 80, y - 40, steps=8)
    page.mouse.up()
    maps["left"].wait_for_function(f"() => Math.abs(kurilEngine.view().lng - {start['lng']}) > 0.1")
    # the first map may still glide (Leaflet's inertia): the second keeps up with it
    _wait_in_step(page)

    # zoom the second map with its own button: the first follows
    zoom = _view(maps["right"])["zoom"]
    page.frame_locator(COMPARE_FRAME).frame_locator("iframe#right").get_by_role(
        "button", name="Zoom in"
    ).click()
    maps["left"].wait_for_function(f"() => kurilEngine.view().zoom === {zoom + 1}")
    maps["right"].wait_for_function(f"() => kurilEngine.view().zoom === {zoom + 1}")
    _wait_in_step(page)

    # a year changed in one map reaches the link; the other map keeps its date
    maps["left"].locator(".kt-next").click()
    expect(page).to_have_url(re.compile(r"[?&]a=1945(&|$)"), timeout=60_000)
    assert re.search(r"[?&]b=1947-09-02(&|$)", page.url), page.url
    assert maps["right"].evaluate("() => kurilEngine.state().date") == "1947-09-02"
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
    maps["left"].wait_for_function("() => kurilEngine.state().date === '1945-12-31'")
    assert maps["right"].evaluate("() => kurilEngine.state().date") == "1947-12-31"
    expect(page).to_have_url(re.compile(r"[?&]a=1945(&|$)"), timeout=60_000)
    context.close()
