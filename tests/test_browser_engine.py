"""The time engine in Chromium, on the standalone HTML export: offline, keyboard, same state as geo."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from geo.export import export
from geo.presentation import events_for_view, island_style
from geo.scene import state_breaks, web_style
from geo.timeline import boundaries_valid_at, change_years, status_rows
from geo.view import default_view
from tests.browser_support import kuril

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def exported(dispute, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "map.html"
    path.write_bytes(export(dispute, default_view(dispute).replace(year=1944), "html"))
    return path


@pytest.fixture
def offline_page(browser: Browser, exported: Path) -> Iterator[tuple[Page, list[str]]]:
    """The exported file opened with every network request refused (and recorded)."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
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
    page.goto(exported.as_uri())
    expect(page.locator("path.kuril-island").first).to_be_visible(timeout=30_000)
    yield page, requested
    context.close()
    assert not errors, errors


def _fills(page: Page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('path[data-island]')]"
        ".map(p => [p.dataset.island, p.getAttribute('fill')]))"
    )


def test_exported_html_switches_years_offline(offline_page, dispute):
    page, requested = offline_page
    japan = dispute.manifest.parties["JP"].color
    expect(page.locator(".kt-title")).to_have_text(re.compile("end of 1944$"))
    assert set(_fills(page).values()) == {japan}
    page.locator(".kt-next").click()
    expect(page.locator(".kt-title")).to_have_text(re.compile("end of 1945$"))
    assert set(_fills(page).values()) == {"url(#hatch-SU-JP)"}
    year = page.locator(".kt-date")
    year.fill("2000")
    year.press("Enter")
    expect(page.locator(".kt-title")).to_have_text(re.compile("end of 2000$"))
    assert set(_fills(page).values()) == {"url(#hatch-RU-JP)"}
    assert requested == []


def test_keyboard_only_year_change(offline_page, dispute):
    page, _ = offline_page
    slider = page.get_by_role("slider", name="Year")
    # Tab through the map's stops (one island per group, the events, the key) to the slider:
    # with every islet a stop it took 32 presses
    for _ in range(20):
        if page.evaluate("() => document.activeElement.classList.contains('kt-slider')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('kt-slider')")
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", "end of 1945")
    expect(page.locator(".kt-title")).to_have_text(re.compile("end of 1945$"))
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(slider).to_have_attribute("aria-valuetext", "end of 1943")
    years_with_events = sorted({d.year for d in dispute.events["date"]})
    page.keyboard.press("PageUp")  # next year with an event
    after = min(y for y in years_with_events if y > 1943)
    expect(slider).to_have_attribute("aria-valuetext", f"end of {after}")
    page.keyboard.press("PageDown")
    before = max(y for y in years_with_events if y < after)
    expect(slider).to_have_attribute("aria-valuetext", f"end of {before}")


def test_the_state_the_page_shows_is_geos_state_on_every_change(offline_page, dispute):
    page, _ = offline_page
    view = default_view(dispute)
    parties = dispute.manifest.parties
    days = [dt.date(year, 12, 31) for year in change_years(dispute)]
    for day in state_breaks(dispute)[1:]:
        days += [day - dt.timedelta(days=1), day]
    for day in sorted(set(days)):
        kuril(page, "setDate", day.isoformat())
        shown = kuril(page, "state")
        assert shown["date"] == day.isoformat()
        expected = {}
        for status in status_rows(dispute, day):
            style = web_style(island_style(parties, status))
            expected[status["id"]] = (style.fill_color, style.color)
        assert {i["id"]: (i["fill"], i["stroke"]) for i in shown["islands"]} == expected, day
        assert shown["boundaries"] == list(boundaries_valid_at(dispute, day)), day
        current, earlier = events_for_view(dispute, view.at(day))
        assert sorted(shown["events"]) == sorted([*current["id"], *earlier["id"]]), day
