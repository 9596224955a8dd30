"""The map's annotations in Chromium: every event reachable by a click, names in the chosen
naming, the event list driving the map, the view in the link, and the phone layout."""

from __future__ import annotations

import itertools
import math
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, expect

from geo import paths
from geo.export import export
from geo.names import group_name
from geo.pack import load_dispute
from geo.presentation import events_for_view
from geo.view import default_view
from tests.browser_support import (
    MAP_FRAME,
    kuril,
    map_frame,
    running_app,
    wait_for_whole_map_page,
)

pytestmark = pytest.mark.browser
YEARS = (1945, 1950, 1956, 1991, 2016)
# the group names of the shipped pack in each naming (data/pack.json)
NAMES = {
    "jp": {"択捉島 / Etorofu", "国後島 / Kunashiri", "色丹島 / Shikotan", "歯舞群島 / Habomai"},
    "ru": {"Итуруп / Iturup", "Кунашир / Kunashir", "Шикотан / Shikotan", "Хабомаи / Khabomai"},
    "neutral": {"Etorofu / Iturup", "Kunashiri / Kunashir", "Shikotan", "Habomai islets"},
}

# Every event marker in the marker pane and every event button of the strip whose
# centre lies in the map: its event id, its number, its centre, whether a click at the
# centre lands on it, and whether it is in the strip.
ICONS_JS = """() => {
  const box = document.querySelector('.folium-map').getBoundingClientRect();
  const out = [];
  for (const i of document.querySelectorAll(
      '.leaflet-marker-pane .kuril-event, .kuril-strip .kuril-event, .kuril-cluster')) {
    const r = i.getBoundingClientRect();
    if (!r.width || getComputedStyle(i).visibility === 'hidden') continue;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < box.left || x > box.right || y < box.top || y > box.bottom) continue;
    const e = document.elementFromPoint(x, y);
    out.push({event: i.dataset.event || null, cluster: i.classList.contains('kuril-cluster'),
              key: i.textContent, x, y, hit: !!e && (e === i || i.contains(e)),
              strip: !!i.closest('.kuril-strip')});
  }
  return out;
}"""


def _in_view(page: Page) -> list[str]:
    """The shown events whose place lies inside the map as it is now (a marker's width from
    its edges: one cut by the edge is not in view)."""
    places = kuril(page, "places")
    screen = kuril(page, "containerPoints", [[e["lat"], e["lng"]] for e in places])
    width, height = screen["width"], screen["height"]
    return [
        e["id"]
        for e, (x, y) in zip(places, screen["points"], strict=True)
        if 12 <= x <= width - 12 and 12 <= y <= height - 12
    ]


def _export(dispute, tmp_path: Path, worldview: str = "neutral") -> Path:
    path = tmp_path / f"map-{worldview}.html"
    path.write_bytes(export(dispute, default_view(dispute).replace(worldview=worldview), "html"))
    return path


@pytest.fixture(scope="module")
def exported(dispute, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("annotated")
    return {wv: _export(dispute, folder, wv) for wv in NAMES}


def _open_file(browser: Browser, path: Path, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    expect(page.locator("path.kuril-island").first).to_be_visible(timeout=30_000)
    return page


@pytest.mark.parametrize("width", [1400, 390])
def test_every_event_of_the_year_is_one_click_away(browser, exported, dispute, width):
    page = _open_file(browser, exported["neutral"], width)
    for year in YEARS:
        kuril(page, "setYear", year)
        expect(page.locator(".kt-title")).to_have_text(re.compile(f"end of {year}$"))
        kuril(page, "settled")
        current, _ = events_for_view(dispute, default_view(dispute).replace(year=year))
        everywhere = {
            str(e["id"]) for _, e in current.iterrows() if tuple(e["islands"]) == ("all",)
        }
        numbers = {str(e["id"]): str(e["number"]) for _, e in current.iterrows()}
        icons = page.evaluate(ICONS_JS)
        assert not [i for i in icons if i["cluster"]], year  # nothing is clustered
        missed = [i for i in icons if not i["hit"]]
        assert not missed, (year, missed)
        # numbered as in the list; those of all the islands in the strip, the others at
        # their places
        assert all(numbers[i["event"]] == i["key"] for i in icons), (year, icons)
        assert {i["event"] for i in icons if i["strip"]} == everywhere, year
        shown = {i["event"] for i in icons}
        assert set(_in_view(page)) | everywhere <= shown, year
        view = kuril(page, "view")
        for event_id in [i["event"] for i in icons]:  # one click each: its text opens
            # the map as it was: a popup that opened may have moved it
            kuril(page, "setView", view)
            icon = next(i for i in page.evaluate(ICONS_JS) if i["event"] == event_id)
            page.mouse.click(icon["x"], icon["y"])
            title = str(current[current["id"] == icon["event"]]["title"].iloc[0])
            opened = page.locator(".leaflet-popup-content, .kuril-strip-card:not([hidden])")
            expect(opened.first).to_contain_text(title[:40])
            page.keyboard.press("Escape")
            expect(opened).to_have_count(0)
    page.context.close()


@pytest.mark.parametrize("year", [1945, 2015, 2018])
def test_markers_that_share_a_place_are_apart_and_clear_of_the_key(browser, exported, year):
    # as wide as the app's map column
    page = _open_file(browser, exported["neutral"], 650)
    kuril(page, "setYear", year)
    kuril(page, "settled")
    icons = [i for i in page.evaluate(ICONS_JS) if not i["strip"]]
    assert len(icons) >= 2
    assert all(i["hit"] for i in icons), icons  # nothing covers a marker: no marker, no key
    for a, b in itertools.combinations(icons, 2):
        assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= 24, (a, b)
    page.context.close()


def _name_boxes(page: Page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.kuril-name span')]
          .filter(s => getComputedStyle(s).visibility !== 'hidden')
          .map(s => { const r = s.getBoundingClientRect();
                      return {text: s.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom}; })"""
    )


def _other_boxes(page: Page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-marker-pane > *, '
                  + '.kuril-boundary-label span, .leaflet-control')]
          .filter(e => e.style.display !== 'none' && getComputedStyle(e).visibility !== 'hidden')
          .map(e => e.getBoundingClientRect()).filter(r => r.width > 0)
          .map(r => ({l: r.left, t: r.top, r: r.right, b: r.bottom}))"""
    )


def _overlap(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


@pytest.mark.parametrize("worldview", list(NAMES))
def test_names_in_the_chosen_naming_overlap_nothing(browser, exported, worldview):
    page = _open_file(browser, exported[worldview], 1400)
    for year in (1945, 2016):
        kuril(page, "setYear", year)
        kuril(page, "settled")
        names = _name_boxes(page)
        assert {n["text"] for n in names} == NAMES[worldview]
        others = _other_boxes(page)
        for i, name in enumerate(names):
            assert not any(_overlap(name, o) for o in others), (year, name["text"])
            assert not any(_overlap(name, n) for n in names[i + 1 :]), (year, name["text"])
    # zoomed out the names shrink (and hide where there is no room)
    size = page.evaluate(
        "() => getComputedStyle(document.querySelector('.kuril-name span')).fontSize"
    )
    view = kuril(page, "view")
    kuril(page, "setView", {"lat": view["lat"], "lng": view["lng"], "zoom": 5})
    page.wait_for_function(
        f"() => getComputedStyle(document.querySelector('.kuril-name span')).fontSize !== '{size}'"
    )
    page.context.close()


# For each shown name: where its group's place is, and whether that lies in the map
# and clear of the map's controls.
NAME_PLACES_JS = """() => {
  const map = document.querySelector('.folium-map').getBoundingClientRect();
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .map(c => c.getBoundingClientRect()).filter(r => r.width > 0);
  return [...document.querySelectorAll('.kuril-name')]
    .filter(d => getComputedStyle(d.firstChild).visibility !== 'hidden')
    .map(d => {
      const at = d.getBoundingClientRect();  // a zero-size icon placed at the group's place
      const x = at.left, y = at.top;
      const inMap = x >= map.left && x <= map.right && y >= map.top && y <= map.bottom;
      const underControl = controls.some(r => x > r.left && x < r.right && y > r.top && y < r.bottom);
      return {name: d.textContent, x, y, inView: inMap && !underControl};
    });
}"""


def test_a_name_shows_only_while_its_group_is_in_view(browser, exported):
    page = _open_file(browser, exported["neutral"], 390)
    kuril(page, "setYear", 1947)
    shown = 0
    for lat in (43.4, 44.0, 44.6, 45.0):
        for lng in (145.6, 146.2, 146.9, 147.6):
            kuril(page, "setView", {"lat": lat, "lng": lng, "zoom": 8})
            kuril(page, "settled")
            places = page.evaluate(NAME_PLACES_JS)
            shown += len(places)
            assert all(p["inView"] for p in places), (lat, lng, places)
    assert shown > 0  # the sweep did show names
    page.context.close()


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


def _app_map(page: Page, url: str) -> FrameLocator:
    page.goto(url)
    frame = map_frame(page)
    expect(frame.locator("path.kuril-island").first).to_be_attached(timeout=120_000)
    wait_for_whole_map_page(page)
    return frame


def test_names_change_with_the_naming_in_the_app(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    frame = _app_map(page, f"{app_url}/?year=1956")
    expect(frame.locator(".kuril-name span", has_text="Etorofu / Iturup")).to_be_visible()
    page.get_by_text("Russian names").click()
    expect(frame.locator(".kuril-name span", has_text="Итуруп / Iturup")).to_be_visible(
        timeout=60_000
    )
    page.get_by_text("Japanese names").click()
    expect(frame.locator(".kuril-name span", has_text="択捉島 / Etorofu")).to_be_visible(
        timeout=60_000
    )
    context.close()


def test_a_click_or_enter_on_the_list_opens_the_event_on_the_map(browser, app_url, dispute):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    frame = _app_map(page, f"{app_url}/?year=1945")
    events = dispute.events[[d.year == 1945 for d in dispute.events["date"]]]
    titles = list(events.sort_values("date", kind="stable")["title"])
    popup = frame.locator(".leaflet-popup-content")
    card = frame.locator(".kuril-strip-card:not([hidden])")
    expect(popup).to_have_count(0)
    # the second event of 1945 concerns all the islands: it opens in the strip's card
    page.get_by_role("button", name=re.compile(r"^2\. ")).click()
    expect(card).to_contain_text(titles[1], timeout=30_000)
    page.keyboard.press("Escape")  # the focus is still on the list
    expect(card).to_have_count(0)
    # the same event again, from the keyboard: it opens again
    button = page.get_by_role("button", name=re.compile(r"^2\. "))
    button.focus()
    page.keyboard.press("Enter")
    expect(card).to_contain_text(titles[1], timeout=30_000)
    # the fourth lies on Etorofu: its marker's popup
    page.get_by_role("button", name=re.compile(r"^4\. ")).click()
    expect(popup).to_contain_text(titles[3], timeout=30_000)
    context.close()


def test_the_skip_link_jumps_past_the_map_to_the_list(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    _app_map(page, f"{app_url}/?year=1956")
    link = page.get_by_role("link", name="Skip the map: go to the event list")
    link.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert re.match(r"1\. ", focused), focused
    # the map's frame never had the focus on the way
    assert page.evaluate("() => document.activeElement.tagName") == "BUTTON"
    context.close()


def test_every_tab_stop_in_the_map_has_a_name(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    frame = _app_map(page, f"{app_url}/?year=1950")
    unnamed = frame.locator("body").evaluate(
        """() => [...document.querySelectorAll(
              'a[href], button, input, select, [tabindex]:not([tabindex="-1"])')]
          .filter(e => !e.disabled && e.getClientRects().length)
          .filter(e => !(e.getAttribute('aria-label') || e.getAttribute('title')
                         || e.textContent.trim() || e.labels && e.labels.length))
          .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
    context.close()


def _map_moved_to_kunashiri(browser: Browser, app_url: str) -> tuple[Page, FrameLocator]:
    """The map of 1956 at 1400 px, moved by the reader to zoom 9 over Kunashiri."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    frame = _app_map(page, f"{app_url}/?year=1956")
    kuril(frame, "setView", {"lat": 43.85, "lng": 145.65, "zoom": 9})
    page.wait_for_url(re.compile(r"z=9"), timeout=30_000)
    return page, frame


def test_a_link_with_zoom_and_centre_opens_that_view_in_a_fresh_context(browser, app_url):
    page, _ = _map_moved_to_kunashiri(browser, app_url)
    first = page.context
    link = page.url
    assert "at=43.85" in link and "145.65" in link
    first.close()
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = fresh.new_page()
    frame = _app_map(page, link)
    view = kuril(frame, "view")
    assert view["zoom"] == 9
    # within a screen pixel: Leaflet puts a map's centre on its pixel grid
    pixel = 360 / (256 * 2**9)
    assert abs(view["lng"] - 145.65) <= pixel
    assert abs(view["lat"] - 43.85) <= pixel * math.cos(math.radians(43.85))
    expect(frame.locator(".kt-title")).to_have_text(re.compile("end of 1956$"))
    fresh.close()


def test_phone_shows_all_four_groups_and_scrolls_past_the_map(browser, app_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    frame = _app_map(page, f"{app_url}/?year=2016")
    inside = frame.locator("body").evaluate(
        """() => { const box = document.querySelector('.folium-map').getBoundingClientRect();
          return [...document.querySelectorAll('path.kuril-island')].every(p => {
            const r = p.getBoundingClientRect();
            return r.left >= box.left && r.right <= box.right && r.top >= box.top
                   && r.bottom <= box.bottom; }); }"""
    )
    assert inside
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    scrolled = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"
    session = context.new_cdp_session(page)

    def swipe_up_on_the_map() -> None:
        """One finger from low in the map 280 px up (touch events, as a phone sends them)."""
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8
        session.send(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
        )
        for step in range(1, 15):
            session.send(
                "Input.dispatchTouchEvent",
                {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 20 * step}]},
            )
        session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    assert page.evaluate(scrolled) == 0
    swipe_up_on_the_map()  # one finger on the map: the page scrolls, the map stays
    page.wait_for_function(f"() => ({scrolled})() > 150", timeout=15_000)
    context.close()


def test_export_as_on_screen_states_the_window_the_map_shows(browser, app_url):
    page, frame = _map_moved_to_kunashiri(browser, app_url)
    context = page.context
    shown = kuril(frame, "view")["bounds"]
    page.get_by_role("link", name="Export").click()  # in-app navigation keeps the session
    choice = page.get_by_role("radio", name="As on screen")
    expect(choice).to_be_enabled(timeout=60_000)
    choice.check(force=True)  # the radio's input sits under its styled label
    page.wait_for_url(re.compile(r"box="), timeout=30_000)
    box = re.search(r"box=([^&]+)", page.url)
    assert box is not None
    reported = [float(v) for v in urllib.parse.unquote(box.group(1)).split(",")]
    assert all(abs(a - b) < 1e-3 for a, b in zip(reported, shown, strict=True))
    expect(page.get_by_text(re.compile(r"Stated on the image: .*map window"))).to_be_visible()
    context.close()


# An open popup, and the marker it points at, never share a pixel with the open legend
# (the legend folds under them).
POPUP_CLEAR_JS = """() => {
  const popup = document.querySelector('.leaflet-popup');
  const marker = document.querySelector('.leaflet-marker-pane .kuril-event-selected');
  const details = document.querySelector('.kuril-legend details');
  if (!popup || !marker || !details) return false;
  if (!details.open) return 'folded';
  const q = details.getBoundingClientRect();
  const under = e => { const r = e.getBoundingClientRect();
    return r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom; };
  return under(popup) || under(marker) ? false : 'clear';
}"""


def test_an_open_popup_and_its_marker_are_never_under_the_open_legend(browser, exported):
    context = browser.new_context(viewport={"width": 700, "height": 650})
    page = context.new_page()
    page.goto(exported["neutral"].as_uri())
    expect(page.locator("path.kuril-island").first).to_be_visible(timeout=30_000)
    kuril(page, "setYear", 1945)
    legend = page.locator(".kuril-legend details.kuril-key")
    expect(legend).to_have_attribute("open", "")
    outcomes = []
    located = [p["id"] for p in kuril(page, "places") if not p["strip"]]
    assert located
    for event in located:
        kuril(page, "select", event)
        outcomes.append(page.wait_for_function(POPUP_CLEAR_JS, timeout=10_000).json_value())
        page.keyboard.press("Escape")
        expect(page.locator(".leaflet-popup")).to_have_count(0)
        expect(legend).to_have_attribute("open", "")  # back as the reader left it
    assert "folded" in outcomes  # some popup did open where the legend is
    context.close()


def test_the_share_row_shows_the_link_and_copies_it(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page = context.new_page()
    _app_map(page, f"{app_url}/?year=1956&wv=ru")
    page.get_by_text("Share this view").click()
    frame = next(f for f in page.frames if f.url == "about:srcdoc" and f.query_selector("#copy"))
    field = frame.locator("#text")
    expect(field).to_have_attribute("readonly", "")
    link = field.input_value()
    assert link.startswith(app_url) and "year=1956" in link and "wv=ru" in link
    frame.locator("#copy").click()
    expect(frame.locator("#said")).to_have_text(" Copied.")
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    context.close()


# Each shown group name, tested against the drawn shapes themselves (SVG hit tests, not
# the page's own land mask): which groups' land, or the land around ('land'), lies under
# its letters and within 8 px of them, and whether a leader line joins it to its place.
NAME_ON_LAND_JS = """(groupOf) => {
  const shapes = [...document.querySelectorAll('path.kuril-island, path.kuril-land')]
    .filter(p => p.style.display !== 'none')
    .map(p => {
      const c = [...p.classList].find(c => c.startsWith('kuril-island-'));
      return {p, group: c ? groupOf[c.slice('kuril-island-'.length)] : 'land',
              m: p.getScreenCTM().inverse()};
    });
  const under = (x, y, into) => {
    for (const s of shapes) {
      if (s.p.isPointInFill(new DOMPoint(x, y).matrixTransform(s.m))) into.add(s.group);
    }
  };
  return [...document.querySelectorAll('.kuril-name')]
    .filter(d => getComputedStyle(d.firstChild).visibility !== 'hidden')
    .map(d => {
      const r = d.firstChild.getBoundingClientRect();
      const leader = d.querySelector('.kuril-name-leader');
      const l = leader.getBoundingClientRect();
      const on = new Set(), near = new Set();
      for (let x = r.left + 1; x < r.right - 1; x += 2)
        for (let y = r.top + 1; y < r.bottom - 1; y += 2) under(x, y, on);
      for (let x = r.left - 8; x <= r.right + 8; x += 1)
        for (let y = r.top - 8; y <= r.bottom + 8; y += 1) {
          const dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
          if (dx * dx + dy * dy <= 64) under(x, y, near);  // within 8 px, as a distance
        }
      return {text: d.firstChild.textContent, on: [...on], near: [...near],
              leader: getComputedStyle(leader).display !== 'none' && (l.width > 1 || l.height > 1)};
    });
}"""


@pytest.fixture(scope="module")
def filtered_exports(dispute, tmp_path_factory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("filtered")
    out = {}
    for worldview, categories in itertools.product(NAMES, ("", "treaty")):
        view = default_view(dispute).replace(
            worldview=worldview, categories=(categories,) if categories else ()
        )
        path = folder / f"{worldview}-{categories or 'all'}.html"
        path.write_bytes(export(dispute, view, "html"))
        out[worldview, categories] = path
    return out


@pytest.mark.parametrize("categories", ["", "treaty"])
@pytest.mark.parametrize("worldview", list(NAMES))
def test_each_name_is_on_its_group_or_led_to_it_and_on_no_other_land(
    browser, dispute, filtered_exports, worldview, categories
):
    group_of_island = dict(zip(dispute.islands["id"], dispute.islands["group"], strict=True))
    group_of_name = {group_name(dispute.manifest, g, worldview): g for g in dispute.group_ids}
    page = _open_file(browser, filtered_exports[worldview, categories], 1400)
    for year in (1945, 1956, 2026):
        kuril(page, "setYear", year)
        kuril(page, "settled")
        names = page.evaluate(NAME_ON_LAND_JS, group_of_island)
        assert {n["text"] for n in names} == set(group_of_name), year  # all four shown
        for name in names:
            group = group_of_name[name["text"]]
            where = (year, name["text"])
            if name["leader"]:
                assert name["on"] == [], where  # beside its land, clear of any land
            else:
                assert set(name["on"]) <= {group}, where  # on no other land
                assert group in name["near"], where  # within 8 px of its own
    page.context.close()


# The kanji of each Japanese name as drawn: the font the page used for them (the served
# face is fetched only when a character of its range is drawn) and their width in em. A
# missing glyph's box is narrow (about 0.4 em in Chromium); IPAexGothic's kanji are 1 em.
KANJI_DRAWN_JS = """async () => {
  await document.fonts.ready;
  const face = [...document.fonts].find(f => f.family.replace(/"/g, '') === 'Kuril Sans JP');
  return [...document.querySelectorAll('.kuril-name span')].map(span => {
    const text = span.firstChild, kanji = text.data.split(' ')[0];
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, kanji.length);
    const size = parseFloat(getComputedStyle(span).fontSize);
    return {kanji, em: range.getBoundingClientRect().width / size / kanji.length,
            family: getComputedStyle(span).fontFamily, face: face ? face.status : null};
  });
}"""


def _check_kanji(drawn: list[dict]) -> None:
    assert len(drawn) == 4
    for name in drawn:
        assert re.fullmatch(r"[\u4e00-\u9fff]+", name["kanji"]), name
        assert "Kuril Sans JP" in name["family"], name
        assert name["face"] == "loaded", name
        assert 0.95 <= name["em"] <= 1.05, name  # a full-width glyph, not a box


def test_japanese_names_are_drawn_with_the_served_font(browser, exported):
    page = _open_file(browser, exported["jp"], 1400)
    kuril(page, "settled")
    _check_kanji(page.evaluate(KANJI_DRAWN_JS))
    page.context.close()


def test_japanese_names_are_drawn_with_the_served_font_in_the_app(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    frame = _app_map(page, f"{app_url}/?wv=jp")
    frame.locator(".kuril-name span").first.wait_for(state="attached")
    drawn = frame.locator("body").evaluate(f"async () => await ({KANJI_DRAWN_JS})()")
    _check_kanji(drawn)
    context.close()


SYMBOLS_JS = """() => [...document.querySelectorAll('path.kuril-island-symbol')].map(p => {
  const r = p.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {group: p.dataset.group, x, y, width: r.width, hit: hit === p,
          fill: p.getAttribute('fill')};
})"""


def test_an_island_too_small_to_see_is_a_symbol_that_opens_its_popup(browser, tmp_path):
    hans = load_dispute(paths.PROJECT_DIR / "data" / "packs" / "hans-island")
    path = tmp_path / "hans.html"
    path.write_bytes(export(hans, default_view(hans), "html"))
    page = _open_file(browser, path, 1200)
    assert kuril(page, "state")["symbols"] == []  # its own view: the outline
    kuril(page, "setView", {"lat": 80.83, "lng": -66.45, "zoom": 6})
    kuril(page, "settled")
    symbols = page.evaluate(SYMBOLS_JS)
    assert sorted(s["group"] for s in symbols) == ["hans-east", "hans-west"]
    assert all(s["hit"] and s["width"] >= 12 for s in symbols)  # apart, on top, clickable
    west = next(s for s in symbols if s["group"] == "hans-west")
    east = next(s for s in symbols if s["group"] == "hans-east")
    assert west["x"] < east["x"] and west["fill"] != east["fill"]  # each its own state
    page.mouse.click(west["x"], west["y"])
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Canada")
    kuril(page, "setView", {"lat": 80.83, "lng": -66.45, "zoom": 12})
    kuril(page, "settled")
    assert kuril(page, "state")["symbols"] == []
    page.context.close()
