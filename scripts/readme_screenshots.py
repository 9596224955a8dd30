"""Draw the README's screenshots of the running app, in the system Chromium.

Writes ``docs/screenshot-map.png``, ``-compare``, ``-story``, ``-disputes``,
``-small-island`` (the Hans Island pack), ``-make-pack`` (a three-island draft
made from GSHHG islands, saved in a temporary draft store), and the map and Story
in Japanese and Russian (``-map-ja``, ``-story-ru``…) at 1400 x 900 (a laptop's
window)::

    uv run python scripts/readme_screenshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.browser_support import (  # noqa: E402  (the repository's own test helpers)
    CHROMIUM_ARGS,
    chromium_path,
    running_app,
    wait_for_idle,
)

SHOTS = {
    "screenshot-map.png": "/?year=1945&ev=soviet-landing-etorofu",
    "screenshot-compare.png": "/compare?a=1944&b=1947&wa=neutral&wb=ru",
    "screenshot-story.png": "/story?tour=four-islands-in-class&step=6",
    "screenshot-disputes.png": "/disputes",
    "screenshot-small-island.png": "/?pack=hans-island&year=2023",
    "screenshot-make-pack.png": "/make_pack?draft={draft}",
    "screenshot-map-ja.png": "/?year=1945&ev=soviet-landing-etorofu&wv=jp&lang=ja",
    "screenshot-map-ru.png": "/?year=1945&ev=soviet-landing-etorofu&wv=ru&lang=ru",
    "screenshot-story-ja.png": "/story?tour=four-islands-in-class&step=6&lang=ja",
    "screenshot-story-ru.png": "/story?tour=four-islands-in-class&step=6&lang=ru",
}
SETTLE_MS = 6_000  # flights, popups and web fonts after the page is idle


def main() -> None:
    import tempfile

    from geo import builder
    from geo import io as geo_io
    from geo.drafts import DraftStore
    from tests.test_make_pack import AREA, _three_island_draft

    drafts = Path(tempfile.mkdtemp()) / "drafts.sqlite3"
    candidates = builder.island_candidates(geo_io.read_gshhg_rings(AREA, "f"), AREA)
    token = DraftStore(drafts).create(_three_island_draft(candidates)).token
    env = {"DISPUTE_DRAFTS": str(drafts)}
    with running_app(env=env) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, address in SHOTS.items():
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url + address.format(draft=token))
            if "make_pack" in address:
                page.get_by_role("tab", name="2 · Islands").click()
            wait_for_idle(page)
            page.wait_for_timeout(SETTLE_MS)
            page.screenshot(path=REPO_ROOT / "docs" / name)
            page.close()
            print(name)
        browser.close()


if __name__ == "__main__":
    main()
