"""The Story page and the tour's HTML file in Chromium: each step sets the map's day,
highlights its events and fits its extent, without a new map document."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from geo.tourexport import export_tour
from geo.tours import step_day
from geo.view import default_view
from tests.browser_support import kuril, map_frame, running_app, wait_for_map

pytestmark = pytest.mark.browser
TOUR = "four-islands-in-class"


# The map's zoom is the largest that shows the whole extent, and it shows it.
def _fits(view: dict, extent: list[float]) -> bool:
    """Whether the map shows an extent whole at the largest zoom that does: it holds the
    extent, and one zoom in (half the window each way) would not."""
    w, s, e, n = extent
    west, south, east, north = view["bounds"]
    inside = west <= w + 1e-9 and south <= s + 1e-9 and e <= east + 1e-9 and n <= north + 1e-9
    return inside and (e - w > (east - west) / 2 or n - s > (north - south) / 2)


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


def _map_document(page: Page) -> Frame:
    """The frame holding the map document, once its engine runs."""
    body = map_frame(page).locator("body")
    expect(body.locator("path.kuril-island").first).to_be_attached(timeout=120_000)
    frame = body.element_handle().owner_frame()
    assert frame is not None
    wait_for_map(frame)
    return frame


def _shows_step(frame: Frame, dispute, number: int) -> dict:
    """Wait until the map shows a step's day, events and extent; return the engine's state."""
    step = dispute.tours[0].steps[number - 1]
    day = step_day(step).isoformat()
    deadline = time.monotonic() + 60
    while True:
        state, view = kuril(frame, "state"), kuril(frame, "view")
        shown = state.get("date") == day and sorted(state.get("highlighted", [])) == sorted(
            step.events
        )
        if shown and _fits(view, list(step.extent)):
            # still there a moment later: not a frame of a flight passing through
            time.sleep(0.3)
            again = kuril(frame, "view")
            if again["zoom"] == view["zoom"] and again["bounds"] == view["bounds"]:
                return {**state, "zoom": view["zoom"]}
        if time.monotonic() > deadline:
            raise AssertionError(f"step {number} not shown: {state}, {view}")
        time.sleep(0.2)


def test_the_link_the_buttons_and_the_arrow_keys_move_the_map_not_reload_it(
    browser: Browser, app_url, dispute
):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{app_url}/story?tour={TOUR}&step=6")
    frame = _map_document(page)
    six = _shows_step(frame, dispute, 6)
    assert six["title"].endswith("situation on 28 August 1945")
    frame.evaluate("() => { window.storyTestMark = 'same document'; }")

    page.get_by_role("button", name="Next").click()
    seven = _shows_step(frame, dispute, 7)
    expect(page.get_by_text("Step 7 of 16")).to_be_visible()
    page.wait_for_url(re.compile(r"step=7"))

    page.keyboard.press("ArrowRight")
    eight = _shows_step(frame, dispute, 8)
    page.wait_for_url(re.compile(r"step=8"))
    # step 8's extent holds step 7's: the map zooms out to show it
    assert eight["zoom"] < seven["zoom"]

    page.keyboard.press("ArrowLeft")
    _shows_step(frame, dispute, 7)
    page.wait_for_url(re.compile(r"step=7"))
    assert frame.evaluate("() => window.storyTestMark") == "same document"
    page.close()
    assert not errors, errors


def test_a_bad_step_in_the_link_is_explained_on_the_page(browser: Browser, app_url, dispute):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(f"{app_url}/story?tour={TOUR}&step=40")
    expect(page.get_by_text("There is no step 40")).to_be_visible(timeout=120_000)
    frame = _map_document(page)
    _shows_step(frame, dispute, 1)
    page.close()


@pytest.fixture(scope="module")
def tour_file(dispute, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tour") / "tour.html"
    path.write_bytes(export_tour(dispute, TOUR, default_view(dispute), "html"))
    return path


def _offline_page(browser: Browser, url: str) -> tuple[Page, list[str], list[str]]:
    """A page that refuses (and records) every request to a network address."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    requested: list[str] = []

    def refuse(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    context.route("**/*", refuse)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url)
    page.wait_for_selector(".kt-tour[data-ready]", timeout=60_000, state="attached")
    return page, requested, errors


def test_the_tour_file_moves_through_its_steps_offline(browser: Browser, tour_file, dispute):
    page, requested, errors = _offline_page(browser, tour_file.as_uri())
    frame = page.main_frame
    _shows_step(frame, dispute, 1)
    expect(page.get_by_text("Step 1 of 16")).to_be_visible()
    page.get_by_role("button", name="Next →").click()
    _shows_step(frame, dispute, 2)
    page.keyboard.press("ArrowRight")
    _shows_step(frame, dispute, 3)
    expect(page.locator(".kt-tour h3")).to_have_text(dispute.tours[0].steps[2].title)
    page.get_by_role("button", name="← Previous").click()
    _shows_step(frame, dispute, 2)
    assert requested == [] and errors == []
    page.context.close()


def test_the_tour_file_opens_the_step_its_address_names(browser: Browser, tour_file, dispute):
    page, requested, errors = _offline_page(browser, tour_file.as_uri() + "#step=9")
    state = _shows_step(page.main_frame, dispute, 9)
    assert state["highlighted"] == ["soviet-landing-habomai"]
    sources = page.locator(".kt-tour a")
    assert (sources.first.get_attribute("href") or "").startswith("https://")
    assert requested == [] and errors == []
    page.context.close()


# A step's events as the reader meets them: each drawn (on the map or in the strip of
# the events of all the islands), ringed, and the thing a click at its centre lands on;
# and the text open beside the map (a popup or the strip's card).
STEP_EVENTS_JS = """(ids) => ids.map(id => {
  const shown = [...document.querySelectorAll(`.kuril-event[data-event="${id}"]`)]
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.width > 0 && getComputedStyle(e).visibility !== 'hidden'; });
  const m = shown[0];
  if (!m) return {id, drawn: false};
  const r = m.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  const map = document.querySelector('.folium-map').getBoundingClientRect();
  const hitAt = document.elementFromPoint(x, y);
  return {id, drawn: true, ringed: m.classList.contains('kuril-event-highlight'),
          inMap: x > map.left && x < map.right && y > map.top && y < map.bottom,
          hit: !!hitAt && (hitAt === m || m.contains(hitAt))};
})"""
OPEN_TEXT_JS = """() => [...document.querySelectorAll('.leaflet-popup-content, .kuril-strip-card')]
  .filter(e => !e.hidden && e.getBoundingClientRect().width > 0).map(e => e.textContent).join(' ')"""


def test_every_steps_events_are_ringed_and_clickable_and_its_main_event_open(
    browser: Browser, tour_file, dispute
):
    page, _, errors = _offline_page(browser, tour_file.as_uri())
    frame = page.main_frame
    titles = dict(zip(dispute.events["id"], dispute.events["title"], strict=True))
    steps = dispute.tours[0].steps
    for number, step in enumerate(steps, start=1):
        if number > 1:
            page.get_by_role("button", name="Next →").click()
        _shows_step(frame, dispute, number)
        if not step.events:
            continue
        main = step.events[0]
        expect(
            page.locator(".leaflet-popup-content, .kuril-strip-card:not([hidden])")
        ).to_contain_text(titles[main], timeout=10_000)
        for marker in page.evaluate(STEP_EVENTS_JS, list(step.events)):
            where = (number, marker["id"])
            assert marker["drawn"] and marker["inMap"], where
            assert marker["ringed"], where
            assert marker["hit"], where  # no popup, name or other marker on top of it
        assert titles[main] in page.evaluate(OPEN_TEXT_JS), number
    assert errors == []
    page.context.close()
