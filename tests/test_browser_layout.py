"""The map is the page, in Chromium at a laptop's and a phone's size: the whole map and
its time bar in the window without scrolling and at least half of it (a phone: the
map the width of the screen), the same on the Story and Compare pages; the open key
hides no island and no marker; a first click on a marker opens it; a typed day is read
in ISO or in words; the map opens on a day that is not in the future."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser_support import (
    MAP_DOCUMENT,
    MAP_FRAME,
    kuril,
    running_app,
    wait_for_map,
    wait_for_whole_map_page,
)

pytestmark = pytest.mark.browser
DESKTOPS = [(1366, 768), (1400, 900)]
PHONE = (390, 844)
COMPARE_FRAME = 'iframe[title="ui.compare_map.compare_map"]'


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


def _open(browser: Browser, url: str, size: tuple[int, int]) -> Page:
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(url)
    return page


def _map_document(page: Page) -> Any:
    """The Playwright frame of the page's map document, once its map has started."""
    inner = page.frame_locator(MAP_FRAME).frame_locator(MAP_DOCUMENT)
    expect(inner.locator("path.kuril-island").first).to_be_attached(timeout=120_000)
    for frame in page.frames:
        if frame.parent_frame is not None and frame.frame_element().get_attribute("id") == "map":
            wait_for_map(frame)
            return frame
    raise AssertionError("no map document")


# Where the map (Leaflet's container) and its time bar are inside their document.
BOXES_JS = """() => {
  const map = document.querySelector('.folium-map').getBoundingClientRect();
  const bar = document.querySelector('.kt-panel').getBoundingClientRect();
  return {map: [map.left, map.top, map.right, map.bottom],
          bar: [bar.left, bar.top, bar.right, bar.bottom]};
}"""


def _on_screen(frame: Any) -> dict[str, list[float]]:
    """The map's and the bar's boxes on the screen (the document's frame's offset added)."""
    boxes = frame.evaluate(BOXES_JS)
    origin = frame.frame_element().bounding_box()  # in the page's viewport
    assert origin is not None
    dx, dy = origin["x"], origin["y"]
    return {name: [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy] for name, b in boxes.items()}


def _check_fills_the_window(frame: Any, size: tuple[int, int], share: float) -> None:
    width, height = size
    boxes = _on_screen(frame)
    (ml, mt, mr, mb), (_, _, br, bb) = boxes["map"], boxes["bar"]
    assert mt >= 0 and bb <= height + 1, f"map and bar {mt:.0f}-{bb:.0f} of {height}"
    assert ml >= 0 and mr <= width + 1 and br <= width + 1
    assert (mr - ml) * (mb - mt) >= share * width * height, (
        f"the map is {(mr - ml):.0f} x {(mb - mt):.0f} of {width} x {height}"
    )


@pytest.mark.parametrize("size", DESKTOPS)
def test_the_map_page_is_the_map(browser, app_url, size):
    page = _open(browser, app_url, size)
    wait_for_whole_map_page(page)
    frame = _map_document(page)
    page.wait_for_timeout(500)  # the frame follows the page's last change of size
    _check_fills_the_window(frame, size, 0.5)
    page.context.close()


def test_on_a_phone_the_map_is_the_screens_width_and_the_bar_in_reach(browser, app_url):
    page = _open(browser, app_url, PHONE)
    wait_for_whole_map_page(page)
    frame = _map_document(page)
    page.wait_for_timeout(500)
    boxes = _on_screen(frame)
    (ml, mt, mr, mb), (_, _, _, bb) = boxes["map"], boxes["bar"]
    assert mr - ml >= 0.9 * PHONE[0]
    # the map and its bar together fit the screen: scrolled to the map, the bar is at
    # the bottom of the screen, under the thumb
    assert bb - mt <= PHONE[1], f"map and bar are {bb - mt:.0f} px tall"
    assert bb > mb  # the bar is under the map
    page.context.close()


@pytest.mark.parametrize("size", DESKTOPS)
def test_the_story_page_is_its_map(browser, app_url, size):
    page = _open(browser, f"{app_url}/story?tour=four-islands-in-class&step=3", size)
    frame = _map_document(page)
    page.wait_for_timeout(1500)
    _check_fills_the_window(frame, size, 0.45)
    page.context.close()


@pytest.mark.parametrize("size", DESKTOPS)
def test_both_compared_maps_fit_the_window(browser, app_url, size):
    page = _open(browser, f"{app_url}/compare?a=1944&b=1947", size)
    outer = page.frame_locator(COMPARE_FRAME)
    expect(outer.frame_locator("iframe#right").locator("path.kuril-island").first).to_be_attached(
        timeout=120_000
    )
    page.wait_for_timeout(1500)
    width, height = size
    for side in ("left", "right"):
        box = outer.locator(f"iframe#{side}").bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1, (side, box)
    boxes = [outer.locator(f"iframe#{side}").bounding_box() for side in ("left", "right")]
    total = sum(b["width"] * b["height"] for b in boxes if b is not None)
    assert total >= 0.5 * width * height
    page.context.close()


# Islands and markers under the open key, sampled every 6 px over its box.
UNDER_KEY_JS = """() => {
  const key = document.querySelector('.kuril-legend');
  const details = key.querySelector('details');
  const r = key.getBoundingClientRect();
  const found = new Set();
  key.style.visibility = 'hidden';
  for (let y = r.top + 3; y < r.bottom; y += 6) {
    for (let x = r.left + 3; x < r.right; x += 6) {
      for (const e of document.elementsFromPoint(x, y)) {
        const cls = typeof e.className === 'string' ? e.className : e.className.baseVal;
        if (/kuril-island|kuril-event|kuril-earlier|kuril-strip/.test(cls)) {
          found.add(e.getAttribute('data-island') || e.getAttribute('data-event') || cls);
        }
      }
    }
  }
  key.style.visibility = '';
  const map = document.querySelector('.folium-map').getBoundingClientRect();
  return {open: !!(details && details.open), under: [...found],
          share: (r.width * r.height) / (map.width * map.height)};
}"""


@pytest.mark.parametrize("size", DESKTOPS)
@pytest.mark.parametrize("year", [1945, 1956, 2026])
def test_the_open_key_hides_no_island_and_no_marker(browser, app_url, size, year):
    page = _open(browser, f"{app_url}/?year={year}", size)
    wait_for_whole_map_page(page)
    frame = _map_document(page)
    kuril(frame, "settled")
    page.wait_for_timeout(300)
    found = frame.evaluate(UNDER_KEY_JS)
    assert found["open"], "the key is open on a laptop"
    assert found["under"] == [], found
    assert found["share"] <= 0.12, f"the key takes {found['share']:.0%} of the map"
    page.context.close()


@pytest.mark.parametrize("size", [(1400, 900), PHONE])
def test_a_first_click_on_a_marker_opens_it(browser, app_url, size):
    page = _open(browser, f"{app_url}/?year=1945", size)
    wait_for_whole_map_page(page)
    frame = _map_document(page)
    kuril(frame, "settled")
    marker = frame.locator(".leaflet-marker-pane .kuril-event").first
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box is not None
    # a real press and release of the mouse at the marker's centre, as a reader's
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(frame.locator(".leaflet-popup-content")).to_be_visible(timeout=5_000)
    page.context.close()


def test_a_day_is_typed_in_iso_or_in_words_and_shown_in_iso(browser, app_url):
    page = _open(browser, app_url, (1400, 900))
    wait_for_whole_map_page(page)
    frame = _map_document(page)
    box = frame.locator(".kt-date")
    assert box.get_attribute("type") == "text"  # a date input would show the browser's order
    for typed, shown, date in (
        ("19 October 1956", "1956-10-19", "1956-10-19"),
        ("1945-09-02", "1945-09-02", "1945-09-02"),
        ("1991", "1991", "1991-12-31"),
    ):
        box.fill(typed)
        box.press("Enter")
        expect(box).to_have_value(shown)
        assert kuril(frame, "state")["date"] == date
    box.fill("12/31/1956")  # US order is not read: the box goes back to the day shown
    box.press("Enter")
    expect(box).to_have_value("1991")
    page.context.close()


def test_the_map_opens_on_a_day_that_is_not_in_the_future(browser, app_url):
    page = _open(browser, app_url, (1400, 900))
    wait_for_whole_map_page(page)
    frame = _map_document(page)
    state = kuril(frame, "state")
    assert dt.date.fromisoformat(state["date"]) <= dt.date.today()
    title = frame.locator(".kt-title").inner_text()
    assert "end of" not in title or dt.date.today() == dt.date(dt.date.today().year, 12, 31)
    assert re.search(r"\d{4}", title)
    page.context.close()
