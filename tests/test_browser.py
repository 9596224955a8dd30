"""The real app in headless Chromium: the map, the year in the map, events, URLs, no reloads."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, expect

from tests.browser_support import (
    MAP_FRAME,
    REPO_ROOT,
    kuril,
    map_frame,
    running_app,
    wait_for_idle,
    wait_for_whole_map_page,
)

pytestmark = pytest.mark.browser
ARTIFACTS = REPO_ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, errors


def _map(page: Page) -> FrameLocator:
    frame = map_frame(page)
    expect(frame.locator("path.kuril-island").first).to_be_visible(timeout=60_000)
    return frame


def _view(frame: FrameLocator) -> list:
    """The mark left in the map's window, and the map's zoom and centre in pixels of its
    zoom, rounded: the place of a map on the screen, which is all a reader can see."""
    probe = frame.locator("body").evaluate("() => window.__probe")
    view = kuril(frame, "view")
    scale = 256 * 2 ** view["zoom"]
    lat = math.radians(view["lat"])
    x = scale * (view["lng"] + 180) / 360
    y = scale * (1 - math.log(math.tan(lat) + 1 / math.cos(lat)) / math.pi) / 2
    return [probe, view["zoom"], x, y]


def _same_view(shown: list, expected: list) -> bool:
    """The same mark and zoom, and the centre within a pixel (Leaflet puts a map on whole
    pixels: a map whose frame changed size recomputes its centre from that grid)."""
    return shown[:2] == expected[:2] and all(
        abs(a - b) <= 1.0 for a, b in zip(shown[2:], expected[2:], strict=True)
    )


def _mark_view(frame: FrameLocator) -> list:
    """Zoom in and leave a mark in the map's window: a reload would lose both."""
    kuril(frame, "setView", {"lat": 43.9, "lng": 145.9, "zoom": 9})
    frame.locator("body").evaluate("() => { window.__probe = 42; }")
    view = _view(frame)
    assert view[:2] == [42, 9]
    return view


def _page_idle(page: Page) -> None:
    """Wait until the app has no run in progress."""
    wait_for_idle(page, timeout=60_000)


def _title(frame: FrameLocator):
    return frame.locator(".kt-title")


def _fills(frame: FrameLocator) -> set[str]:
    paths = frame.locator("path.leaflet-interactive")
    return {paths.nth(i).get_attribute("fill") or "" for i in range(paths.count())}


def _open(page: Page, url: str) -> FrameLocator:
    """Open the map page as a reader finds it: whole (its rest follows the first map)."""
    page.goto(url)
    frame = _map(page)
    wait_for_whole_map_page(page)
    return frame


def test_map_renders_offline_with_islands_and_legend(page, app_url, dispute):
    frame = _open(page, f"{app_url}/?year=1930")
    japan = dispute.manifest.parties["JP"].color.lower()
    expect(frame.locator(".kuril-legend")).to_contain_text("Japan administers")
    assert japan in {f.lower() for f in _fills(frame)}
    # the built-in background (non-interactive land) is drawn too
    assert frame.locator("path:not(.leaflet-interactive)").count() >= 1
    box = page.locator(MAP_FRAME).bounding_box()
    assert box and box["height"] > 400 and box["width"] > 400


# In every frame, from before its scripts: when the islands (in the map's document) and the
# sidebar's first widget (in the page) enter the DOM, on one clock (ms since the epoch).
_ARRIVALS_JS = """
(() => {
  const watch = (selector, name) => {
    const seen = () => {
      if (!document.querySelector(selector)) { return false; }
      try {
        window.top.__arrived = window.top.__arrived || {};
        window.top.__arrived[name] = performance.timeOrigin + performance.now();
      } catch (e) { /* another origin */ }
      return true;
    };
    new MutationObserver((_, observer) => { if (seen()) { observer.disconnect(); } })
      .observe(document, {subtree: true, childList: true});
  };
  watch('path[data-island]', 'islands');
  watch('[role="radiogroup"]', 'widgets');  // the naming, the page's first widget
})();
"""


def test_the_first_map_comes_before_the_rest_of_the_page_which_leaves_it_alone(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(_ARRIVALS_JS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{app_url}/?year=1945&wv=ru")
    frame = _map(page)
    # marks in the map's window and on the component's frame: a reload would lose them
    frame.locator("body").evaluate("() => { window.__probe = 7; }")
    page.locator(MAP_FRAME).evaluate("(element) => { element.dataset.probe = '7'; }")
    # the rest of the page arrives once the map reports itself drawn
    expect(page.get_by_role("radio", name="Russian names")).to_be_checked(timeout=60_000)
    expect(page.get_by_role("heading", name="Events in 1945")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name=re.compile("^Download this map"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Help"))).to_be_visible()
    _page_idle(page)
    arrived = page.evaluate("() => window.__arrived")
    assert arrived["islands"] < arrived["widgets"], arrived
    assert frame.locator("body").evaluate("() => window.__probe") == 7
    assert page.locator(MAP_FRAME).get_attribute("data-probe") == "7"
    expect(frame.locator("path[data-island='etorofu']")).to_have_attribute(
        "aria-label", re.compile("Итуруп")
    )
    context.close()
    assert not errors, errors


def test_the_page_gets_its_controls_even_if_the_map_never_reports_drawn(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    # the map component's script never arrives, so its frame never says the map is drawn
    context.route(re.compile(r"/component/ui\.time_map\.time_map/host\.js"), lambda r: r.abort())
    page = context.new_page()
    page.goto(f"{app_url}/?year=1945")
    expect(page.get_by_role("heading", name="Events in 1945")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("radio", name="Russian names")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Download this map"))).to_be_visible()
    context.close()


def test_a_link_notice_stays_until_dismissed_and_never_reloads_the_map(page, app_url):
    # base=osm on a server without network and an unknown naming: two notices above the map
    page.goto(f"{app_url}/?year=1950&base=osm&wv=xx")
    frame = _map(page)
    frame.locator("body").evaluate("() => { window.__probe = 42; }")
    wait_for_whole_map_page(page)
    notices = page.get_by_text(re.compile("Online tiles are unavailable here|Ignored wv="))
    expect(notices).to_have_count(2)
    view = _mark_view(frame)  # the mark from before the page followed is still there
    page.get_by_role("button", name="Dismiss the notices").click()
    expect(notices).to_have_count(0, timeout=30_000)
    _page_idle(page)
    assert _same_view(_view(frame), view)
    assert frame.locator("path:not(.leaflet-interactive)").count() >= 1  # the built-in land


def test_a_year_changed_as_soon_as_the_map_shows_is_kept_when_the_page_follows(page, app_url):
    page.goto(f"{app_url}/?year=1945")
    frame = _map(page)  # pressed at once: the rest of the page may not have arrived yet
    frame.locator(".kt-slider").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_for_whole_map_page(page)
    expect(page.get_by_role("heading", name="Events in 1947")).to_be_visible(timeout=30_000)
    page.wait_for_url(re.compile(r"[?&]year=1947(&|$)"), timeout=30_000)
    expect(_title(frame)).to_have_text(re.compile("end of 1947$"))


def test_year_changes_in_the_map_keep_zoom_and_pan(page, app_url):
    frame = _open(page, f"{app_url}/?year=1944")
    expect(frame.locator(".kuril-legend")).to_contain_text("Japan administers")
    view = _mark_view(frame)
    frame.locator(".kt-next").click()
    expect(frame.locator(".kuril-legend")).to_contain_text("Soviet Union administers")
    expect(_title(frame)).to_have_text(re.compile("end of 1945$"))
    assert "url(#hatch-SU-JP)" in _fills(frame)
    assert _same_view(_view(frame), view)
    # the page follows (a partial rerun) and the map is neither reloaded nor moved
    expect(page.get_by_role("heading", name="Events in 1945")).to_be_visible(timeout=30_000)
    _page_idle(page)
    assert _same_view(_view(frame), view)


def test_play_start_and_stop_keep_zoom_and_pan(page, app_url):
    frame = _open(page, f"{app_url}/?year=1850")
    view = _mark_view(frame)
    play = frame.locator(".kt-play-button")
    frame.locator(".kt-more").click()  # Play's options fold away
    frame.locator(".kt-mode").select_option("changes")
    # the slowest speed, and the first step only: on a busy machine the play must
    # not reach its end (where it stops by itself) before the second click
    frame.locator(".kt-speed").select_option("1600")
    play.click()
    expect(play).to_have_attribute("aria-pressed", "true")
    expect(_title(frame)).not_to_have_text(re.compile("end of 1850$"), timeout=30_000)
    play.click()
    expect(play).to_have_attribute("aria-pressed", "false")
    assert _same_view(_view(frame), view)
    shown = frame.locator(".kt-slider").input_value()
    expect(page.get_by_role("heading", name=f"Events in {shown}")).to_be_visible(timeout=30_000)
    _page_idle(page)
    assert _same_view(_view(frame), view)
    assert frame.locator(".kt-slider").input_value() == shown


def test_play_steps_through_each_change_in_order(page, app_url, dispute):
    from geo.timeline import change_years

    frame = _open(page, f"{app_url}/?year=1850")
    # record every title the map shows, so no step can pass unseen
    frame.locator(".kt-title").evaluate(
        "t => { window.__seen = []; new MutationObserver(() => window.__seen.push(t.textContent))"
        ".observe(t, {childList: true, characterData: true, subtree: true}); }"
    )
    frame.locator(".kt-more").click()  # Play's options fold away
    frame.locator(".kt-mode").select_option("changes")
    frame.locator(".kt-speed").select_option("200")
    play = frame.locator(".kt-play-button")
    play.click()
    expect(play).to_have_attribute("aria-pressed", "false", timeout=60_000)  # stops at the end
    seen = frame.locator("body").evaluate("() => window.__seen")
    years = [int(re.search(r"(\d{4})$", t).group(1)) for t in dict.fromkeys(seen)]
    assert years == [y for y in change_years(dispute) if y > 1850]


def test_event_list_title_and_url_follow_the_year_the_map_shows(page, app_url):
    frame = _open(page, f"{app_url}/?year=1944")
    box = frame.locator(".kt-date")
    box.fill("1956")
    box.press("Enter")
    expect(_title(frame)).to_have_text(re.compile("end of 1956$"))
    expect(page.get_by_role("heading", name="Events in 1956")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile("Shown: .*end of 1956"))).to_be_visible()
    page.wait_for_url(re.compile(r"year=1956"), timeout=30_000)


def test_a_burst_of_twenty_changes_ends_on_the_last_year(page, app_url):
    frame = _open(page, f"{app_url}/?year=1930")
    slider = frame.locator(".kt-slider")
    slider.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    expect(_title(frame)).to_have_text(re.compile("end of 1950$"))
    expect(page.get_by_role("heading", name="Events in 1950")).to_be_visible(timeout=30_000)
    page.wait_for_url(re.compile(r"year=1950"), timeout=30_000)
    _page_idle(page)
    assert slider.input_value() == "1950"
    expect(_title(frame)).to_have_text(re.compile("end of 1950$"))


def test_a_day_in_1945_shows_the_occupation_island_by_island(page, app_url, dispute):
    """On 1 September 1945 Etorofu, Kunashiri and Shikotan were Soviet-held, the Habomai Japanese."""
    frame = _open(page, f"{app_url}/?year=1944")
    frame.locator(".kt-date").fill("1945-09-01")
    frame.locator(".kt-date").press("Enter")
    expect(_title(frame)).to_have_text(re.compile("situation on 1 September 1945$"))
    japan = dispute.manifest.parties["JP"].color
    soviet_held = "url(#hatch-SU-JP)"  # Soviet fill, hatched by Japan's claim
    for island_id, group in zip(dispute.islands["id"], dispute.islands["group"], strict=True):
        path = frame.locator(f"path[data-island='{island_id}']")
        expected = japan if group == "habomai" else soviet_held
        expect(path).to_have_attribute("fill", expected)
        label = (
            "Administered by: Japan." if group == "habomai" else "Administered by: Soviet Union."
        )
        expect(path).to_have_attribute("aria-label", re.compile(re.escape(label)))
    page.wait_for_url(re.compile(r"date=1945-09-01"), timeout=30_000)
    expect(page.get_by_text(re.compile("Shown: .*situation on 1 September 1945"))).to_be_visible()


def test_event_marker_opens_a_popup_with_source(page, app_url, dispute):
    frame = _open(page, f"{app_url}/?year=1945&earlier=0")
    titles_1945 = [
        t
        for d, t in zip(dispute.events["date"], dispute.events["title"], strict=True)
        if d.year == 1945
    ]
    marker = frame.locator(".kuril-event:not(.kuril-event-earlier)").first
    marker.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    text = popup.inner_text()
    assert any(title in text for title in titles_1945)
    assert popup.locator("a[target=_blank]").count() == 1


def test_url_parameters_open_that_view(page, app_url):
    frame = _open(page, f"{app_url}/?year=1875&wv=jp")
    expect(_title(frame)).to_contain_text("end of 1875")
    expect(frame.locator(".kuril-legend")).to_contain_text("Event in 1875")
    year_slider = frame.get_by_role("slider", name="Year")
    expect(year_slider).to_have_value("1875")
    expect(year_slider).to_have_attribute("aria-valuetext", "end of 1875")
    # hover a point of Kunashiri that no marker or name covers (points across the box of
    # its path on the screen, the first that hits the island itself)
    x, y = frame.locator("body").evaluate(
        """() => {
          const r = document.querySelector('path[data-island="kunashiri"]').getBoundingClientRect();
          for (let i = 1; i < 20; i++) {
            for (let j = 1; j < 20; j++) {
              const x = r.left + r.width * i / 20, y = r.top + r.height * j / 20;
              const hit = document.elementFromPoint(x, y);
              if (hit && hit.getAttribute('data-island') === 'kunashiri') { return [x, y]; }
            }
          }
          return [-1, -1];
        }"""
    )
    assert x >= 0, "no uncovered point of Kunashiri on the map"
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + x, box["y"] + y)
    expect(frame.locator(".kuril-tooltip")).to_contain_text("国後島")


def test_changing_the_view_updates_the_url(page, app_url):
    frame = _open(page, f"{app_url}/?year=1990")
    frame.locator(".kt-next").click()
    page.wait_for_url(re.compile(r"year=1991"), timeout=30_000)


def test_narrow_window_map_fills_the_width(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{app_url}/?year=2000")
    _map(page)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None and box["width"] >= 390 * 0.85
    context.close()


def test_download_on_the_map_page_exports_the_current_view(page, app_url):
    _open(page, f"{app_url}/?year=1945&wv=ru")
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name=re.compile("Download this map")).click()
    download = download_info.value
    assert download.suggested_filename == "kuril-islands-1945-ru-slide.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") >= 1600  # PNG width from the IHDR chunk


def test_a_page_link_works_as_the_first_request_to_a_fresh_server(browser):
    with running_app() as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{url}/export?year=1956&wv=jp")
        expect(page.get_by_text("Export the map")).to_be_visible(timeout=60_000)
        slider = page.get_by_role("slider", name=re.compile("^Year"))
        # a fresh server imports the image renderer with this page's first run: wait for it
        expect(slider).to_have_attribute("value", "1956", timeout=60_000)
        expect(page.get_by_role("radio", name="Japanese names")).to_be_checked(timeout=60_000)
        context.close()


def test_clicking_an_event_on_the_timeline_opens_it_on_the_map(page, app_url):
    page.goto(f"{app_url}/timeline?from=1945&to=1945&cat=treaty")
    marks = page.locator(".vega-embed svg .mark-symbol path")
    expect(marks.first).to_be_visible(timeout=60_000)
    box = marks.first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    frame = _map(page)
    expect(frame.get_by_role("slider", name="Year")).to_have_value("1945", timeout=60_000)
    expect(frame.locator(".kuril-event-selected")).to_have_count(1)
    expect(page.get_by_text("Traceback")).to_have_count(0)


def test_a_naming_change_reloads_the_map_on_the_same_year_zoom_and_pan(page, app_url):
    frame = _open(page, f"{app_url}/?year=1944")
    view = _mark_view(frame)
    frame.locator(".kt-next").click()
    expect(page.get_by_role("heading", name="Events in 1945")).to_be_visible(timeout=30_000)
    page.get_by_text("Japanese names").click()  # a new scene: the map document is replaced
    expect(frame.locator("path[data-island='etorofu']")).to_have_attribute(
        "aria-label", re.compile("択捉島"), timeout=30_000
    )
    expect(_title(frame)).to_have_text(re.compile("end of 1945$"))
    # the same zoom and the same centre to within a pixel: the new document's map may
    # round its size to whole pixels differently (its window's mark is new: not compared)
    shown = _view(frame)
    assert _same_view([view[0], *shown[1:]], view)
