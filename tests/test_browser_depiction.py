"""Each side's map in Chromium: the engine draws, for jp and ru, what geo's depiction says."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, expect

from geo.depiction import drawn_lines, island_rule
from geo.export import export
from geo.presentation import depiction_caption, island_style
from geo.scene import LINE_STYLES, web_style
from geo.timeline import status_rows
from geo.view import default_view
from tests.browser_support import kuril

pytestmark = pytest.mark.browser

DAYS = [
    dt.date(1930, 12, 31),
    dt.date(1945, 12, 31),
    dt.date(1950, 12, 31),
    dt.date(1971, 1, 1),
    dt.date(2024, 12, 31),
]


@pytest.mark.parametrize("worldview", ["jp", "ru"])
def test_the_engine_draws_the_worldviews_depiction(browser: Browser, dispute, tmp_path, worldview):
    path = tmp_path / f"{worldview}.html"
    path.write_bytes(export(dispute, default_view(dispute).replace(worldview=worldview), "html"))
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(path.as_uri())
    expect(page.locator("path.kuril-island").first).to_be_visible(timeout=30_000)
    parties = dispute.manifest.parties
    for day in DAYS:
        kuril(page, "setDate", day.isoformat())
        shown = kuril(page, "state")
        rule = island_rule(dispute, worldview, day)
        expected = {
            s["id"]: web_style(island_style(parties, s, rule)).fill_color
            for s in status_rows(dispute, day)
        }
        assert {i["id"]: i["fill"] for i in shown["islands"]} == expected, day
        lines = drawn_lines(dispute, worldview, day)
        assert shown["boundaries"] == [line.id for line in lines], day
        # each line carries its kind's dash pattern in the page
        dashes = page.evaluate(
            "() => [...document.querySelectorAll('path.kuril-line')]"
            ".filter(p => p.style.display !== 'none').map(p => p.getAttribute('stroke-dasharray'))"
        )
        assert sorted(dashes) == sorted(LINE_STYLES[line.kind].dash_array for line in lines), day
        legend = page.locator(".kuril-key-about p").text_content()
        assert legend == depiction_caption(dispute, worldview, day), day
    context.close()
    assert not errors, errors
