"""In the real browser: hostile data shows as text, the app needs no outside host, uploads stay
in their session."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from geo import paths
from geo.compareview import PARAMS as COMPARE_PARAMS
from geo.pack import load_dispute
from geo.view import View, default_view, to_query_params_all
from tests.browser_support import map_frame, only_local, running_app, wait_for_idle
from tests.conftest import REPO_ROOT, zip_folder
from ui.controls import PAGE_PARAMS

pytestmark = pytest.mark.browser
HANS = REPO_ROOT / "data" / "packs" / "hans-island"
PAYLOAD = (
    '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>'
    '"><svg onload=alert(3)>{{7*7}}'
)
URL_PAYLOAD = 'https://example.org/"><img/src=x/onerror=alert(4)>'
# Markdown that, if interpreted, fetches a remote image (leaking the reader's
# address, breaking offline use) or makes phishing and data: links clickable.
MARKDOWN_PAYLOAD = (
    " ![leak](http://leak.invalid/pixel.png) [win a prize](http://phish.invalid/)"
    " [open](data:text/html,hi) **bold**"
)


def _hostile_pack(target: Path) -> Path:
    """The shipped pack with markup and script in every free-text field."""
    shutil.copytree(paths.shipped_data_dir(), target)
    for name, fields in (
        ("events.csv", ("title", "summary", "source_title")),
        ("sovereignty.csv", ("note",)),
    ):
        path = target / name
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        for row in rows:
            for field in fields:
                row[field] = PAYLOAD
            if name == "events.csv":
                row["source_url"] = URL_PAYLOAD
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    islands = json.loads((target / "kuril_islands.geojson").read_text(encoding="utf-8"))
    for feature in islands["features"]:
        for key in feature["properties"]:
            if key.startswith("name_"):
                feature["properties"][key] = PAYLOAD
    (target / "kuril_islands.geojson").write_text(json.dumps(islands), encoding="utf-8")
    lines = json.loads((target / "boundaries.geojson").read_text(encoding="utf-8"))
    for feature in lines["features"]:
        feature["properties"]["name"] = PAYLOAD
        feature["properties"]["method"] = PAYLOAD
    (target / "boundaries.geojson").write_text(json.dumps(lines), encoding="utf-8")
    manifest = json.loads((target / "pack.json").read_text(encoding="utf-8"))
    for key in ("title", "subtitle", "description", "licence", "how_to_cite"):
        manifest[key] = PAYLOAD + MARKDOWN_PAYLOAD
    for party in manifest["parties"].values():
        party["name"] = PAYLOAD + MARKDOWN_PAYLOAD
    for group in manifest["groups"].values():
        for key in group:
            group[key] = PAYLOAD + MARKDOWN_PAYLOAD
    for worldview in manifest["worldviews"].values():
        worldview["label"] = PAYLOAD + MARKDOWN_PAYLOAD
    (target / "pack.json").write_text(json.dumps(manifest), encoding="utf-8")
    tours = json.loads((target / "tours.json").read_text(encoding="utf-8"))
    for tour in tours["tours"]:
        tour["title"] = tour["description"] = PAYLOAD + MARKDOWN_PAYLOAD
        for step in tour["steps"]:
            step["title"] = step["caption"] = PAYLOAD + MARKDOWN_PAYLOAD
    (target / "tours.json").write_text(json.dumps(tours), encoding="utf-8")
    (target / "SOURCES.md").write_text(PAYLOAD + "\n[click](javascript:alert(5))", encoding="utf-8")
    return target


def _assert_not_injected(page: Page) -> None:
    for frame in page.frames:
        assert frame.evaluate("() => window.__pwned") is None, frame.url
        assert frame.locator('img[src="x"]').count() == 0, frame.url
        assert frame.locator("svg[onload]").count() == 0, frame.url
        assert frame.locator('img[src*="leak.invalid"]').count() == 0, frame.url
        assert frame.locator('a[href*="phish.invalid"], a[href^="data:"]').count() == 0, frame.url


def test_markup_in_every_text_field_shows_as_text(browser, tmp_path_factory):
    pack = _hostile_pack(tmp_path_factory.mktemp("hostile") / "pack")
    dialogs: list[str] = []
    with running_app(env={"DISPUTE_PACK": str(pack)}) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        outside: list[str] = []

        def only_local(route):
            if route.request.url.startswith(url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{url}/?year=1945")
        frame = map_frame(page)
        expect(frame.locator(".kuril-legend")).to_contain_text("<img src=x", timeout=60_000)
        # a click on the marker's element (a name or a cluster may sit over its centre)
        frame.locator(".kuril-event:not(.kuril-event-earlier)").first.dispatch_event("click")
        expect(frame.locator(".leaflet-popup-content")).to_contain_text("<script>window.__pwned")
        island = frame.locator("path.leaflet-interactive").first
        island.click(force=True)
        _assert_not_injected(page)
        for path in ("timeline", "islands", "export", "data_sources", "story", "compare"):
            page.goto(f"{url}/{path}?year=1945")
            expect(page.get_by_text(re.compile(r"<img src=x")).first).to_be_visible(timeout=60_000)
            wait_for_idle(page)
            _assert_not_injected(page)
            assert page.locator('[data-testid="stException"]').count() == 0, path
        context.close()
    assert dialogs == []
    assert not [u for u in outside if "invalid" in u], outside


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


def test_no_outside_host_is_needed(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def block(route):
        request_url = route.request.url
        if re.match(
            r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/", request_url
        ) or request_url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(request_url)
            route.abort()

    context.route("**/*", block)
    page = context.new_page()
    page.goto(f"{app_url}/?year=1950")
    frame = map_frame(page)
    expect(frame.locator(".kuril-legend")).to_contain_text("Soviet Union", timeout=60_000)
    assert frame.locator("path.leaflet-interactive").count() >= 20
    page.goto(f"{app_url}/export?year=1950")
    expect(page.get_by_role("img").first).to_be_visible(timeout=60_000)
    assert outside == []
    context.close()


def test_online_background_says_it_is_unavailable_offline(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/?year=1950&base=osm")
    expect(page.get_by_text("Online tiles are unavailable").first).to_be_visible(timeout=60_000)
    frame = map_frame(page)
    expect(frame.locator("path.leaflet-interactive").first).to_be_visible(timeout=60_000)
    assert frame.locator("path:not(.leaflet-interactive)").count() >= 1  # built-in land
    page.close()


def _open_hans_on_the_data_page(browser, app_url: str, folder: Path, height: int) -> Page:
    """A new reader who opens the Data & sources page first and uploads the Hans Island pack."""
    archive = folder / "hans.zip"
    archive.write_bytes(zip_folder(HANS))
    page = browser.new_context(viewport={"width": 1400, "height": height}).new_page()
    page.goto(f"{app_url}/data_sources")
    page.locator('input[type="file"]').set_input_files(str(archive))
    page.get_by_role("button", name=re.compile("Open this pack")).click()
    expect(page.get_by_text(re.compile("shows the uploaded pack")).first).to_be_visible(
        timeout=60_000
    )
    return page


def test_an_upload_is_seen_only_in_its_session(browser, app_url, tmp_path):
    first = _open_hans_on_the_data_page(browser, app_url, tmp_path, 1000)
    first.get_by_role("link", name="Map").click()  # in-app navigation keeps the session
    expect(first.get_by_text(re.compile("Hans Island")).first).to_be_visible(timeout=60_000)
    second = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    second.goto(f"{app_url}/")
    expect(second.get_by_text(re.compile("The Kuril Islands dispute")).first).to_be_visible(
        timeout=60_000
    )
    assert second.get_by_text(re.compile("Hans Island")).count() == 0
    first.context.close()
    second.context.close()


def test_a_pack_opened_on_the_data_page_reaches_the_maps_widgets_whole(browser, app_url, tmp_path):
    """The sidebar's filters are not drawn on the Data & sources page, and Streamlit forgot
    their values there: the event years came back as one handle, the markers unticked."""
    hans = load_dispute(HANS)
    default = default_view(hans)
    page = _open_hans_on_the_data_page(browser, app_url, tmp_path, 900)
    page.get_by_role("link", name="Map").click()
    frame = map_frame(page)
    expect(frame.locator(".kuril-name span").first).to_have_text(
        re.compile("Tartupaluk"), timeout=60_000
    )
    wait_for_idle(page)
    naming = hans.manifest.worldviews[default.worldview].label
    expect(page.get_by_role("radio", name=naming)).to_be_checked()
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("slider")).to_have_count(2)  # a range, not one handle
    expect(sidebar.get_by_test_id("stSliderThumbValue")).to_have_text(
        [str(default.event_start), str(default.event_end)]  # the pack's first and last year
    )
    expect(sidebar.get_by_role("checkbox", name="Show event markers")).to_be_checked()
    page.context.close()


# Markdown and markup a crafted link may carry: an image from another host (the reader's
# address leaks, offline use breaks), a phishing link, script.
LINK_PAYLOAD = (
    "![x](http://leak.invalid/p.png)[Log in again](https://phish.invalid/)"
    '<img src=x onerror="window.__pwned=3">**bold**'
)


def test_hostile_values_in_every_link_parameter_of_every_page_stay_text(browser, app_url):
    """Every parameter any page reads, on every page, set to Markdown and markup: no
    request to another host, no link or image from one, no script, no traceback."""
    names = [*to_query_params_all(View(year=1950)), *COMPARE_PARAMS, *PAGE_PARAMS, "lang"]
    query = "&".join(f"{name}={quote(LINK_PAYLOAD)}" for name in names)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside = only_local(context, app_url)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("", "compare", "story", "timeline", "islands", "export", "data_sources"):
        page.goto(f"{app_url}/{path}?{query}")
        # the notices name what was ignored, as text
        expect(page.get_by_text(re.compile(r"Ignored")).first).to_be_visible(timeout=60_000)
        wait_for_idle(page)
        page.wait_for_timeout(500)
        _assert_not_injected(page)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        # shown as the characters of the link (a word joiner keeps an address from being linked)
        warnings = [
            t.replace("\u2060", "")
            for t in page.locator('[data-testid="stAlert"]').all_inner_texts()
        ]
        assert any("](https://phish.invalid/)" in text for text in warnings), (path, warnings)
    context.close()
    assert dialogs == []
    assert outside == [], outside
