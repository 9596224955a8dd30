"""The real app in headless Chromium: the map, the year, events, URLs, no reloads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, expect

from tests.browser_support import MAP_FRAME, REPO_ROOT, running_app

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
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.leaflet-interactive").first).to_be_visible(timeout=60_000)
    return frame


def _fills(frame: FrameLocator) -> set[str]:
    paths = frame.locator("path.leaflet-interactive")
    return {paths.nth(i).get_attribute("fill") or "" for i in range(paths.count())}


def _open(page: Page, url: str) -> FrameLocator:
    page.goto(url)
    return _map(page)


def test_map_renders_offline_with_islands_and_legend(page, app_url, dispute):
    frame = _open(page, f"{app_url}/?year=1930")
    japan = dispute.manifest.parties["JP"].color.lower()
    expect(frame.locator(".kuril-legend")).to_contain_text("Japan administers")
    assert japan in {f.lower() for f in _fills(frame)}
    # the built-in background (non-interactive land) is drawn too
    assert frame.locator("path:not(.leaflet-interactive)").count() >= 1
    box = page.locator(MAP_FRAME).bounding_box()
    assert box and box["height"] > 400 and box["width"] > 400


def test_year_change_recolours_without_reloading_the_map(page, app_url):
    frame = _open(page, f"{app_url}/?year=1944")
    expect(frame.locator(".kuril-legend")).to_contain_text("Japan administers")
    # zoom in and leave a mark in the map's window: a reload would lose both
    page.frame_locator(MAP_FRAME).locator("body").evaluate(
        "() => { window.map.setView([43.5, 146.1], 9, {animate: false}); window.__probe = 42; }"
    )
    page.locator(".st-key-w_step_next button").first.click()
    expect(frame.locator(".kuril-legend")).to_contain_text(
        "Soviet Union administers", timeout=30_000
    )
    expect(frame.locator(".kuril-legend")).to_contain_text("end of 1945")
    assert "url(#hatch-SU-JP)" in _fills(frame)
    state = frame.locator("body").evaluate("() => [window.__probe, window.map.getZoom()]")
    assert state == [42, 9]


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
    expect(frame.locator(".kuril-legend")).to_contain_text("end of 1875")
    year_slider = page.get_by_role("slider", name=re.compile("^Year"))
    expect(year_slider).to_have_attribute("value", "1875")
    # hover a point on Kunashiri (44.05 N, 145.85 E), found through the map's own projection
    x, y = frame.locator("body").evaluate(
        "() => { const p = window.map.latLngToContainerPoint([44.05, 145.85]);"
        " const r = window.map.getContainer().getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; }"
    )
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + x, box["y"] + y)
    expect(frame.locator(".kuril-tooltip")).to_contain_text("国後島")


def test_changing_the_view_updates_the_url(page, app_url):
    _open(page, f"{app_url}/?year=1990")
    page.locator(".st-key-w_step_next button").first.click()
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
        expect(slider).to_have_attribute("value", "1956")
        expect(page.get_by_role("radio", name="Japanese names")).to_be_checked()
        context.close()


def test_clicking_an_event_on_the_timeline_opens_it_on_the_map(page, app_url):
    page.goto(f"{app_url}/timeline?from=1945&to=1945&cat=treaty")
    marks = page.locator(".vega-embed svg .mark-symbol path")
    expect(marks.first).to_be_visible(timeout=60_000)
    box = marks.first.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    slider = page.get_by_role("slider", name=re.compile("^Year"))
    expect(slider).to_have_attribute("value", "1945", timeout=60_000)
    frame = _map(page)
    expect(frame.locator(".kuril-event-selected")).to_have_count(1)
    expect(page.get_by_text("Traceback")).to_have_count(0)


def test_play_steps_through_each_change_in_order(page, app_url, dispute):
    from geo.timeline import change_years

    years = change_years(dispute)
    _open(page, f"{app_url}/?year={years[0] - 1}")  # just before the first change
    page.get_by_text("Play").first.click()
    slider = page.get_by_role("slider", name=re.compile("^Year"))
    for year in years:  # one state per step: none skipped
        expect(slider).to_have_attribute("value", str(year), timeout=20_000)
