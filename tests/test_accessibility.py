"""axe-core (pinned, served by the app) finds no serious or critical violation on any page,
at desktop and phone widths, in the page or the map's frames."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser_support import (
    APP_PAGES,
    COMPARE_FRAME,
    MAP_PAGES,
    audit_page,
    map_frame,
    running_app,
    wait_for_settled,
    wait_for_whole_map_page,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


@pytest.mark.parametrize("width", [1400, 390])
def test_no_serious_accessibility_violation_on_any_page(browser, app_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for path in APP_PAGES:
        page.goto(f"{app_url}/{path}")
        # wait for the page's own content, then for the app to finish its run
        expect(page.get_by_role("heading").first).to_be_visible(timeout=120_000)
        if path in MAP_PAGES:  # the map's frames are audited too: wait until they hold the map
            expect(map_frame(page).locator("path.leaflet-interactive").first).to_be_attached(
                timeout=120_000
            )
        if path == "":  # the map page's rest follows its first map: audit the whole page
            wait_for_whole_map_page(page)
        if path == "compare":  # both maps' frames too
            for side in ("left", "right"):
                maps = page.frame_locator(COMPARE_FRAME).frame_locator(f"iframe#{side}")
                expect(maps.locator("path.leaflet-interactive").first).to_be_attached(
                    timeout=120_000
                )
        wait_for_settled(page)
        violations = audit_page(page, app_url)
        if any(v["id"] == "color-contrast" for v in violations):
            # Streamlit fades the elements of a page that reruns (stale elements): a rerun
            # that began during the audit reads as low contrast. Audit once more when the
            # page has settled; a real contrast fault is found again.
            page.wait_for_timeout(2_000)
            wait_for_settled(page)
            violations = audit_page(page, app_url)
        serious = [
            f"{v['id']} x{v['nodes']} {v['target']} {v['html']}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        found[path or "map"] = serious
    context.close()
    assert not any(found.values()), found


def test_no_serious_accessibility_violation_in_any_tab_of_a_draft(browser, tmp_path):
    from geo import builder
    from geo import io as geo_io
    from geo.drafts import DraftStore
    from tests.test_make_pack import AREA, _three_island_draft

    db = tmp_path / "drafts.sqlite3"
    candidates = builder.island_candidates(geo_io.read_gshhg_rings(AREA, "f"), AREA)
    draft = _three_island_draft(candidates)
    draft["events"][0]["date"] = "1971-13-30"  # a problem listed under its table too
    token = DraftStore(db).create(draft).token
    found = {}
    with running_app(env={"DISPUTE_DRAFTS": str(db), "DISPUTE_OFFLINE": "1"}) as url:
        for width in (1400, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(f"{url}/make_pack?draft={token}")
            wait_for_settled(page)
            for tab in (
                "1 · About",
                "2 · Islands",
                "3 · Parties & names",
                "4 · Events",
                "5 · Periods",
            ):
                page.get_by_role("tab", name=tab).click()
                wait_for_settled(page)
                found[f"{width} {tab}"] = [
                    f"{v['id']} x{v['nodes']} {v['target']} {v['html']}"
                    for v in audit_page(page, url)
                    if v["impact"] in ("serious", "critical")
                ]
            page.close()
    assert not any(found.values()), found
