"""In the browser: a draft survives a reload and a restart and is private to its link; the
pack picker opens another pack with it in the link; a draft opens in the explorer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo import builder
from geo import io as geo_io
from geo.drafts import DraftStore
from tests.browser_support import map_frame, running_app, wait_for_idle, wait_for_whole_map_page
from tests.test_make_pack import AREA, _three_island_draft

pytestmark = pytest.mark.browser
TITLE = "Abu Musa and the Tunbs"


def _draft_page(browser, url: str, token: str):
    """A new page on a draft's link, once the app has drawn it."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{url}/make_pack?draft={token}")
    wait_for_idle(page)
    return page


def _env(db: Path) -> dict[str, str]:
    return {"DISPUTE_DRAFTS": str(db), "DISPUTE_OFFLINE": "1"}


def test_a_draft_survives_reload_and_restart_and_only_its_link_opens_it(browser, tmp_path):
    db = tmp_path / "drafts.sqlite3"
    with running_app(env=_env(db)) as url:
        author = browser.new_context(viewport={"width": 1400, "height": 900})
        page = author.new_page()
        page.goto(url + "/make_pack")
        wait_for_idle(page)
        page.get_by_role("button", name="Start a new draft").click()
        page.wait_for_url(re.compile(r"draft=[A-Za-z0-9_-]{24}"))
        wait_for_idle(page)
        title = page.get_by_role("textbox", name="Title", exact=True)
        title.fill(TITLE)
        title.press("Enter")
        expect(page.get_by_text("change 2")).to_be_visible(timeout=30_000)
        link = page.url
        page.reload()
        wait_for_idle(page)
        expect(page.get_by_role("textbox", name="Title", exact=True)).to_have_value(TITLE)
        # another author, without the link, starts from nothing and sees no draft
        other = browser.new_context(viewport={"width": 1400, "height": 900})
        stranger = other.new_page()
        stranger.goto(url + "/make_pack")
        wait_for_idle(stranger)
        expect(stranger.get_by_role("button", name="Start a new draft")).to_be_visible()
        assert TITLE not in stranger.inner_text("body")
        stranger.goto(re.sub(r"draft=[^&]+", "draft=" + "B" * 24, link))
        wait_for_idle(stranger)
        expect(stranger.get_by_text("No draft with this link")).to_be_visible()
        other.close()
        author.close()
    with running_app(env=_env(db)) as url:  # a new server: the same draft
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url + "/make_pack?" + link.split("?", 1)[1])
        wait_for_idle(page)
        expect(page.get_by_role("textbox", name="Title", exact=True)).to_have_value(TITLE)
        page.close()


def test_a_valid_draft_opens_in_the_explorer(browser, tmp_path):
    db = tmp_path / "drafts.sqlite3"
    candidates = builder.island_candidates(geo_io.read_gshhg_rings(AREA, "f"), AREA)
    saved = DraftStore(db).create(_three_island_draft(candidates))
    with running_app(env=_env(db)) as url:
        page = _draft_page(browser, url, saved.token)
        expect(page.get_by_text("The draft is a valid pack")).to_be_visible()
        expect(page.get_by_role("img").first).to_be_visible()  # the map's picture
        page.get_by_role("button", name="Open in the explorer").click()
        page.wait_for_url(re.compile(r"/map|/\?|/$"))
        wait_for_whole_map_page(page)
        expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
        # it opens on the year its story ends, with its event on the map (in the strip of
        # events concerning all islands) and the markers' box still ticked
        expect(page.get_by_role("heading", name="Events in 1971")).to_be_visible()
        expect(map_frame(page).locator(".kuril-strip-event")).to_have_count(1)
        page.get_by_role("button", name="Expand sidebar").click()
        expect(page.get_by_role("checkbox", name="Show event markers")).to_be_checked()
        page.close()


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


def test_the_picker_opens_a_pack_and_its_links_name_it(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(app_url + "/disputes")
    wait_for_idle(page)
    cards = page.get_by_text(re.compile(r"^\d{4}–\d{4} · \d+ island groups? · \d+ events?$"))
    expect(cards).to_have_count(2)
    # by keyboard: the card's button takes the focus and Enter opens the pack
    # (the language picker's own toggle is also named "Open": the card's is a Streamlit button)
    card_button = page.locator('[data-testid^="stBaseButton"]')
    page.get_by_role("button", name="Open", exact=True).and_(card_button).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"pack=hans-island"))
    wait_for_whole_map_page(page)
    expect(page.get_by_role("heading", name="The Hans Island / Tartupaluk dispute")).to_be_visible()
    page.get_by_role("link", name="Story").click()
    wait_for_idle(page)
    page.wait_for_url(re.compile(r"/story\?.*pack=hans-island"))
    page.close()
    fresh = browser.new_page(viewport={"width": 1400, "height": 900})
    fresh.goto(app_url + "/?pack=../../etc")
    wait_for_whole_map_page(fresh)
    expect(fresh.get_by_text("not offered here")).to_be_visible()
    expect(fresh.get_by_role("heading", name="The Kuril Islands dispute")).to_be_visible()
    fresh.close()


def test_rows_added_with_the_form_and_edited_in_the_grid_are_saved(browser, tmp_path):
    db = tmp_path / "drafts.sqlite3"
    draft = builder.new_draft()
    draft["about"]["title"] = TITLE
    saved = DraftStore(db).create(draft)
    with running_app(env=_env(db)) as url:
        page = _draft_page(browser, url, saved.token)
        page.get_by_role("tab", name="3 · Parties & names").click()
        panel = page.get_by_role("tabpanel", name="3 · Parties & names")
        for number, (code, name) in enumerate((("IR", "Iran"), ("AE", "Emirates")), start=2):
            form = panel.locator('[data-testid="stForm"]').first
            form.get_by_role("textbox", name="Code").fill(code)
            form.get_by_role("textbox", name="Name").fill(name)
            form.get_by_role("button", name="Add the party").click()
            # saved: the draft's revision goes up (as an author sees it in the caption)
            expect(page.get_by_text(f"change {number}")).to_be_visible(timeout=20_000)
            wait_for_idle(page)
            expect(panel.get_by_role("textbox", name="Code")).to_have_value("")
        stored = DraftStore(db).load(saved.token).body["parties"]
        assert [(p["code"], p["name"]) for p in stored] == [("IR", "Iran"), ("AE", "Emirates")]
        assert all(re.fullmatch(r"#[0-9A-F]{6}", p["color"]) for p in stored)
        assert stored[0]["color"] != stored[1]["color"]  # the next colour is offered each time
        # a cell corrected in the grid: the second party's colour, to a bad value
        grid = panel.locator('[data-testid="stDataFrame"]').first
        box = grid.bounding_box()
        row_height = 35  # the grid's header and rows
        page.mouse.click(box["x"] + 150, box["y"] + row_height * 2.5)  # row 2, code
        page.wait_for_timeout(300)  # the grid takes the keyboard
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")  # its colour
        page.keyboard.press("Enter")  # opens the cell's editor
        page.wait_for_timeout(500)
        page.keyboard.press("Control+A")
        page.keyboard.type("green", delay=60)
        page.keyboard.press("Enter")
        # two rows added, one edit
        expect(page.get_by_text("change 4")).to_be_visible(timeout=20_000)
        assert DraftStore(db).load(saved.token).body["parties"][1]["color"] == "green"
        expect(
            panel.get_by_role("listitem").filter(has_text=re.compile(r"AE.*green"))
        ).to_be_visible()
        page.close()


def test_an_islands_name_typed_on_its_line_is_saved_and_remove_drops_it(browser, tmp_path):
    db = tmp_path / "drafts.sqlite3"
    candidates = builder.island_candidates(geo_io.read_gshhg_rings(AREA, "f"), AREA)
    draft = _three_island_draft(candidates)
    draft["islands"][2]["name_en"] = ""
    saved = DraftStore(db).create(draft)
    with running_app(env=_env(db)) as url:
        page = _draft_page(browser, url, saved.token)
        page.get_by_role("tab", name="2 · Islands").click()
        wait_for_idle(page)
        expect(
            page.get_by_text(re.compile(r"Island 3 \(island-3\): name_en is empty"))
        ).to_be_visible()
        field = page.get_by_role("textbox", name="Island 3: name_en")
        field.fill("Lesser Tunb")
        field.press("Enter")  # a text field sends its value on Enter (or when left)
        expect(page.get_by_text("change 2")).to_be_visible(timeout=20_000)
        stored = DraftStore(db).load(saved.token).body
        assert stored["islands"][2]["name_en"] == "Lesser Tunb"
        wait_for_idle(page)
        page.get_by_role("button", name="Remove").nth(2).click()
        expect(page.get_by_text("change 3")).to_be_visible(timeout=20_000)
        assert [i["name_en"] for i in DraftStore(db).load(saved.token).body["islands"]] == [
            "Abu Musa",
            "Greater Tunb",
        ]
        page.close()


LABELS_ON_SMALL_ISLANDS_JS = """() => {
  const boxes = (sel) => Array.from(document.querySelectorAll(sel))
    .map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
  const islands = boxes('path[data-island], .kuril-island-symbol')
    .filter((r) => r.width < 80 && r.height < 80);
  const labels = Array.from(document.querySelectorAll('.kuril-boundary-label span'))
    .filter((el) => getComputedStyle(el).visibility !== 'hidden')
    .map((el) => [el.textContent, el.getBoundingClientRect()]);
  return labels.filter(([, l]) => islands.some((i) =>
    l.left < i.right && i.left < l.right && l.top < i.bottom && i.top < l.bottom))
    .map(([text]) => text);
}"""


def test_no_line_label_covers_a_small_island(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(app_url + "/?pack=hans-island&year=2023")
    wait_for_whole_map_page(page)
    inside = map_frame(page)
    inside.locator("path[data-island]").first.wait_for(state="attached")
    page.wait_for_timeout(1000)  # names and line labels are placed after the fonts
    frame = next(
        f
        for f in page.frames
        if f.url == "about:srcdoc"
        and f.evaluate("document.querySelector('path[data-island]') !== null")
    )
    assert frame.evaluate("document.querySelectorAll('path[data-island]').length") == 2
    assert frame.evaluate(LABELS_ON_SMALL_ISLANDS_JS) == []
    page.close()
