"""Audit every page of the running app with axe-core, at desktop and phone widths.

Starts the app on a free port, opens each page in the system Chromium, injects
the pinned axe-core the app serves (``static/axe-core``) into the page and each
of its frames, and prints one line per violation with its impact, rule, count
and page. Exit status 1 when any violation is serious or critical.

    uv run python scripts/audit_accessibility.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser_support import (  # noqa: E402
    CHROMIUM_ARGS,
    audit_page,
    chromium_path,
    running_app,
)

PAGES = ("", "story", "compare", "timeline", "islands", "export", "data_sources")
WIDTHS = (1400, 390)
SETTLE_SECONDS = 8


def main() -> int:
    serious = 0
    report = {}
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for path in PAGES:
                page.goto(f"{url}/{path}")
                page.wait_for_selector('[data-testid="stApp"]', timeout=120_000)
                time.sleep(SETTLE_SECONDS)
                violations = audit_page(page, url)
                report[f"{path or 'map'}@{width}"] = violations
                for v in violations:
                    serious += v["impact"] in ("serious", "critical")
                    print(
                        f"{path or 'map'} @{width}px {v['frame']}: {v['impact']} {v['id']} "
                        f"x{v['nodes']} - {v['help']} {v['target']}"
                    )
                if not violations:
                    print(f"{path or 'map'} @{width}px: no violations")
            context.close()
        browser.close()
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "axe-report.json").write_text(json.dumps(report, indent=1))
    return 1 if serious else 0


if __name__ == "__main__":
    sys.exit(main())
