"""Every page in Japanese and in Russian, in Chromium at a laptop's and a phone's width:
the page says its language, no English is left in what a reader sees or hears (apart
from names, quoted sources and text marked ``lang="en"``), axe-core finds nothing
serious, and a link with ``lang`` opens the same view in the same language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from geo.pack import load_dispute
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

# What a reader sees or hears in a document: its visible text and the attributes read
# out or shown on hover. Left out: text marked as English (a pack's untranslated text,
# a quoted source), the map's attribution (the tiles' and Leaflet's names), and the
# running app's status, shown only while a page runs.
TEXTS_JS = """() => {
  const skip = 'script, style, noscript, [lang="en"], [data-testid="stStatusWidget"], '
    + '.leaflet-control-attribution';
  const out = [];
  if (!document.body) return out;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest(skip) || !el.checkVisibility()) continue;
    const text = walker.currentNode.textContent.trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (el.closest(skip)) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  return out;
}"""

# Japanese text whose font is not the served Japanese one (it would show as boxes on a
# machine without a CJK font, as this one is): text nodes, and the values of form controls.
TOFU_JS = """() => {
  const cjk = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
  const bad = [];
  const served = (el) => getComputedStyle(el).fontFamily.includes('Kuril Sans JP');
  if (!document.body) return bad;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    const text = walker.currentNode.textContent;
    if (!el || !cjk.test(text) || el.closest('script, style') || !el.checkVisibility()) continue;
    if (!served(el)) bad.push(text.trim().slice(0, 40) + ' [' + getComputedStyle(el).fontFamily + ']');
  }
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const value = el.value || (el.selectedOptions && el.selectedOptions[0]?.textContent) || '';
    if (cjk.test(value) && el.checkVisibility() && !served(el)) bad.push('control: ' + value.slice(0, 40));
  }
  return bad;
}"""

# Two Latin words in a row are English (a name such as GeoJSON or Leaflet is one word).
_ENGLISH = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{2,})+")
# addresses and file names are not words
_ADDRESS = re.compile(
    r"https?://\S+|[\w.-]+\.(?:org|com|jp|ru|ca|dk|gov|go\.jp|int)\S*"
    r"|[\w.-]+\.(?:png|svg|pdf|gif|zip|html|csv|geojson|json)\b"
)


def _names_and_sources() -> list[str]:
    """What may stay in its own script: the packs' names of places and parties, and the
    titles of the sources they cite (quoted, not translated), longest first."""
    from geo.paths import shipped_pack_folders

    found: set[str] = set()
    for folder in shipped_pack_folders():
        dispute = load_dispute(folder)
        manifest = dispute.manifest
        for record in manifest.groups.values():
            found.update(str(v) for v in record.values() if v)
        for layer in manifest.names_layers:
            for local in layer.names.values():
                found.update(str(v) for v in vars(local).values() if isinstance(v, str) and v)
        for column in dispute.islands.columns:
            if str(column).startswith("name"):
                found.update(str(v) for v in dispute.islands[column].dropna())
        found.update(str(p.name) for p in manifest.parties.values())
        found.update(str(t) for t in dispute.events["source_title"].dropna())
        found.update(step.source_title for tour in dispute.tours for step in tour.steps)
        for local in (n for layer in manifest.names_layers for n in layer.names.values()):
            found.update(title for title, _url in local.sources)
        found.add(manifest.title)
    # a lower-case word is a field's value ("agreed"), not a name
    return sorted((t for t in found if not t.islower()), key=len, reverse=True)


def english_left(texts: list[str], allowed: list[str]) -> list[str]:
    """The texts that still hold English once names, sources and addresses are taken out."""
    left = []
    for text in texts:
        rest = text
        for name in allowed:
            rest = rest.replace(name, " ")
        rest = _ADDRESS.sub(" ", rest)
        if _ENGLISH.search(rest):
            left.append(text[:120])
    return sorted(set(left))


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


def _open(page: Page, url: str, path: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading").first).to_be_visible(timeout=120_000)
    if path in MAP_PAGES:
        expect(map_frame(page).locator("path.leaflet-interactive").first).to_be_attached(
            timeout=120_000
        )
    if path == "":
        wait_for_whole_map_page(page)
    if path == "compare":
        for side in ("left", "right"):
            maps = page.frame_locator(COMPARE_FRAME).frame_locator(f"iframe#{side}")
            expect(maps.locator("path.leaflet-interactive").first).to_be_attached(timeout=120_000)
    wait_for_settled(page)


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("language", ["ja", "ru"])
def test_every_page_speaks_the_chosen_language(browser, app_url, language, width):
    allowed = _names_and_sources()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    english: dict[str, list[str]] = {}
    wrong_lang: dict[str, list[str]] = {}
    serious: dict[str, list[str]] = {}
    boxes: dict[str, list[str]] = {}
    for path in APP_PAGES:
        _open(page, f"{app_url}/{path}?lang={language}", path)
        page.wait_for_function(f"() => document.documentElement.lang === '{language}'")
        texts: list[str] = []
        for frame in page.frames:
            try:
                texts += frame.evaluate(TEXTS_JS)
                lang = frame.evaluate("() => document.documentElement.lang")
            except Exception:  # a frame that navigated away meanwhile
                continue
            if frame != page.main_frame and frame.url.startswith("http") and lang != language:
                wrong_lang.setdefault(path or "map", []).append(f"{frame.url[:80]}: {lang!r}")
        english[path or "map"] = english_left(texts, allowed)
        if language == "ja":
            for frame in page.frames:
                try:
                    boxes.setdefault(path or "map", []).extend(frame.evaluate(TOFU_JS))
                except Exception:  # a frame that navigated away meanwhile
                    continue
        violations = audit_page(page, app_url)
        if any(v["id"] == "color-contrast" for v in violations):
            # a rerun during the audit fades the page (and shows Streamlit's Stop button):
            # audit once more when it has settled; a real contrast fault is found again
            page.wait_for_timeout(2_000)
            wait_for_settled(page)
            violations = audit_page(page, app_url)
        serious[path or "map"] = [
            f"{v['id']} x{v['nodes']} {v['target']} {v['html']}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
    context.close()
    assert not any(english.values()), _listed(english)
    assert not any(boxes.values()), _listed(boxes)
    assert not any(wrong_lang.values()), _listed(wrong_lang)
    assert not any(serious.values()), _listed(serious)


def _listed(found: dict[str, list[str]]) -> str:
    """One line per page and finding, for a readable failure."""
    return "\n".join(f"{page}: {item}" for page, items in found.items() for item in items)


def test_a_link_with_a_language_reopens_the_same_view_in_it(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    _open(page, f"{app_url}/?lang=ru&year=1956&wv=jp", "")
    assert re.search(r"[?&]lang=ru", page.url) and re.search(r"[?&]year=1956", page.url)
    shared = page.url
    other = context.new_page()
    _open(other, shared, "")
    assert other.evaluate("() => document.documentElement.lang") == "ru"
    # the map's own title: the year of the link, in Russian words (Babel's genitive "года")
    title = map_frame(other).locator(".kt-title").inner_text()
    assert "1956" in title and re.search("[А-Яа-я]", title), title
    # and the naming of the link (Japanese names), which the language does not change
    expect(map_frame(other).get_by_text("択捉島").first).to_be_attached()
    context.close()


def test_the_browser_s_language_is_offered_first(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ja-JP")
    page = context.new_page()
    _open(page, f"{app_url}/", "")
    assert page.evaluate("() => document.documentElement.lang") == "ja"
    assert re.search(r"[?&]lang=ja", page.url)
    context.close()


# Controls whose words do not fit: a button, tab or label whose text is wider than its box
# (cut, or spilling over its neighbour), and the map's frame pushed below the window.
CUT_JS = """() => {
  const cut = [];
  for (const el of document.querySelectorAll(
      'button, [role="tab"], [data-testid="stWidgetLabel"], [data-testid="stPageLink"]')) {
    // (a folded sidebar's controls are hidden with visibility, and have no width)
    if (!el.checkVisibility({visibilityProperty: true}) || !el.textContent.trim()) continue;
    if (el.scrollWidth > el.clientWidth + 2) cut.push(el.textContent.trim().slice(0, 60));
  }
  return cut;
}"""


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
@pytest.mark.parametrize("language", ["ja", "ru"])
def test_no_control_s_words_are_cut(browser, app_url, language, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    cut: dict[str, list[str]] = {}
    for path in APP_PAGES:
        _open(page, f"{app_url}/{path}?lang={language}", path)
        cut[path or "map"] = page.evaluate(CUT_JS)
        if path == "":  # the map starts in the window, as in English
            top = page.locator('iframe[title="ui.time_map.time_map"]').bounding_box()
            assert top is not None and top["y"] < height / 2, top
    context.close()
    assert not any(cut.values()), _listed(cut)
