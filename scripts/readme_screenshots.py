"""Draw the README's screenshots of the running app, in the system Chromium.

Writes ``docs/screenshot-map.png``, ``docs/screenshot-compare.png`` and
``docs/screenshot-story.png`` at 1400 x 900 (a laptop's window)::

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
}
SETTLE_MS = 6_000  # flights, popups and web fonts after the page is idle


def main() -> None:
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, address in SHOTS.items():
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url + address)
            wait_for_idle(page)
            page.wait_for_timeout(SETTLE_MS)
            page.screenshot(path=REPO_ROOT / "docs" / name)
            page.close()
            print(name)
        browser.close()


if __name__ == "__main__":
    main()
