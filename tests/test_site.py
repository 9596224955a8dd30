"""The static site (``python -m geo site``): its files, its cache rules, and the site in a
browser served by the standard library's HTTP server with every other request refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from geo import paths
from geo.export import export
from geo.io import write_site
from geo.model import Dispute
from geo.pack import load_dispute
from geo.scene import state_breaks
from geo.timeline import boundaries_valid_at, status_rows, year_range
from geo.view import default_view
from tests.browser_support import only_local, serving_folder, wait_for_map
from tests.conftest import REPO_ROOT, _run_in_process

HANS = REPO_ROOT / "data" / "packs" / "hans-island"
AXE = paths.static_dir() / "axe-core" / "4.11.0" / "axe.min.js"
PAGES = ("index.html", "events.html", "tours.html", "states.html", "data.html")
SUMMARY = re.compile(r"^(?P<out>.+): (?P<files>[\d,]+) files, (?P<bytes>[\d,]+) bytes \(.+\)$")


def _build(pack: Path | None, out: Path) -> Any:
    """Run ``python -m geo site`` (in this process) and return the finished process."""
    args = ["site", "--out", str(out)] + (["--data", str(pack)] if pack else [])
    return _run_in_process(*args)


@pytest.fixture(scope="module")
def kuril_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site of the shipped pack, built once for this module, and what the command printed."""
    out = tmp_path_factory.mktemp("kuril") / "site"
    result = _build(None, out)
    assert result.returncode == 0, result.stderr
    return out, result.stdout


@pytest.fixture(scope="module")
def kuril_site(kuril_build: tuple[Path, str]) -> Path:
    """The folder of the shipped pack's site."""
    return kuril_build[0]


def _site_files(folder: Path) -> dict[str, Path]:
    """Every file of a built site by its path inside the site."""
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


def _distinct_states(dispute: Dispute) -> int:
    """How many spans of days the map can show without a change, counted from the join.

    A state here is what the map draws from a day on: each island's
    administrator, claimants and the period and event its popup names, and the
    valid boundary lines; days past the end of the time control do not count.
    """
    last = dt.date(year_range(dispute)[1], 12, 31)
    seen: list[Any] = []
    for day in state_breaks(dispute):
        if day > last:
            continue
        drawn = (
            tuple(
                (r["id"], r["administered_by"], r["claimed_by"], r["period_start"], r["event_id"])
                for r in status_rows(dispute, day)
            ),
            boundaries_valid_at(dispute, day),
        )
        if not seen or seen[-1] != drawn:
            seen.append(drawn)
    return len(seen)


def _check_site(folder: Path, dispute: Dispute, stdout: str) -> None:
    """The files every site has, parsed; the summary line agrees with the folder."""
    files = _site_files(folder)
    line = stdout.strip()
    assert "\n" not in line
    match = SUMMARY.match(line)
    assert match, line
    assert int(match["files"].replace(",", "")) == len(files)
    assert int(match["bytes"].replace(",", "")) == sum(p.stat().st_size for p in files.values())
    expected = {"index.html", "events.html", "states.html", "data.html", "_headers"}
    expected |= {f"map-{code}.html" for code in dispute.manifest.worldviews}
    if dispute.tours:
        expected.add("tours.html")
    assert expected <= set(files)
    for name in expected - {"_headers"}:
        text = files[name].read_text(encoding="utf-8")
        assert text.lstrip().lower().startswith("<!doctype html>")
        assert '<html lang="en">' in text
    for name in dispute.manifest.worldviews:
        assert "L.kuril.timeMap(map" in files[f"map-{name}.html"].read_text(encoding="utf-8")
    # the pack itself is published as it is: every data file of its folder, none left out
    published = {
        n.removeprefix("downloads/pack/") for n in files if n.startswith("downloads/pack/")
    }
    assert published == {
        p.name
        for p in dispute.folder.iterdir()
        if p.suffix in (".csv", ".geojson", ".json") or p.name == "SOURCES.md"
    }
    for source in published:
        assert (
            files[f"downloads/pack/{source}"].read_bytes() == (dispute.folder / source).read_bytes()
        )

    geojson = sorted(n for n in files if n.startswith("downloads/states/"))
    assert len(geojson) == _distinct_states(dispute)
    for name in geojson:
        collection = json.loads(files[name].read_text(encoding="utf-8"))
        assert collection["type"] == "FeatureCollection"
        assert sorted(f["properties"]["id"] for f in collection["features"]) == sorted(
            dispute.islands["id"]
        )
    images = {n for n in files if n.startswith("downloads/images/")}
    assert len({n for n in images if n.endswith(".png")}) == len(geojson)
    assert len({n for n in images if n.endswith(".svg")}) == len(geojson)
    for name in images:
        data = files[name].read_bytes()
        if name.endswith(".png"):
            assert data.startswith(b"\x89PNG\r\n\x1a\n"), name
        else:
            assert ET.fromstring(data).tag.endswith("svg"), name
    # pages and maps load nothing from outside the site; their own links all lead somewhere
    for name in files:
        if not name.endswith(".html"):
            continue
        text = files[name].read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|img|iframe)[^>]* src="([^"]*)"', text)
        loaded += re.findall(r'<link[^>]* href="([^"]*)"', text)
        links = [ref for ref in re.findall(r'<a[^>]* href="([^"]*)"', text)]
        for ref in loaded + [r for r in links if not r.startswith(("http://", "https://"))]:
            target = ref.split("?")[0].split("#")[0]
            assert not target or target in files, (name, ref)


@pytest.mark.slow
def test_site_command_builds_the_shipped_pack(kuril_build, dispute):
    kuril_site, stdout = kuril_build
    manifest = json.loads((kuril_site / paths.SITE_MANIFEST_FILE).read_text(encoding="utf-8"))
    files = _site_files(kuril_site)
    assert set(manifest["files"]) == set(files) - {paths.SITE_MANIFEST_FILE}
    assert stdout.startswith(f"{kuril_site}: ")
    _check_site(kuril_site, dispute, stdout)
    # thirteen states: the seven of the README's animation, with the two of 1821 (the
    # Matsumae domain restored, known to the year; Alexander I's ukase of 16 September
    # ending the hatched Russian claim) and the days of 1945
    assert manifest["states"] == [
        "1644",
        "1799",
        "1821-01-01",
        "1821",
        "1855",
        "1875",
        "1905",
        "1945-08-28",
        "1945-09-01",
        "1945-09-02",
        "1945",
        "1946",
        "1991",
    ]


@pytest.mark.slow
def test_state_geojson_gives_who_held_what_on_that_day(kuril_site):
    # README: on 1945-09-01 Etorofu, Kunashiri and Shikotan were Soviet-held while the
    # Habomai were still Japanese.
    path = kuril_site / "downloads" / "states" / "kuril-islands-1945-09-01.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    held = {
        f["properties"]["group"]: f["properties"]["administered_by"] for f in collection["features"]
    }
    assert held == {"etorofu": "SU", "kunashiri": "SU", "shikotan": "SU", "habomai": "JP"}
    assert collection["state"]["from"] == "1945-09-01"
    claims = {tuple(f["properties"]["claimed_by"]) for f in collection["features"]}
    assert all("JP" in c for c in claims)


@pytest.mark.slow
def test_state_images_are_the_explorers_own_exports(kuril_site, dispute):
    view = default_view(dispute).at(dt.date(1945, 9, 1))
    name = f"kuril-islands-1945-09-01-{view.worldview}-slide"
    images = kuril_site / "downloads" / "images"
    assert (images / f"{name}.png").read_bytes() == export(dispute, view, "png")
    assert (images / f"{name}.svg").read_bytes() == export(dispute, view, "svg")


def _header_rules(text: str) -> list[tuple[str, dict[str, str]]]:
    """A ``_headers`` file read as Netlify reads it: a path line, then indented headers."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("/"):
            rules.append((line.strip(), {}))
        else:
            assert line.startswith("  ") and rules, line
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip().lower()] = value.strip()
    return rules


def _matches(rule: str, url_path: str) -> bool:
    """Netlify's matching: an exact path, or everything under a folder for ``/folder/*``."""
    if rule.endswith("/*"):
        return url_path.startswith(rule[:-1])
    return url_path == rule


@pytest.mark.slow
def test_headers_cache_hashed_assets_for_ever_and_revalidate_everything_else(kuril_site):
    rules = _header_rules((kuril_site / "_headers").read_text(encoding="utf-8"))
    files = _site_files(kuril_site)
    # Leaflet and the map's plugins, each in a folder named by its content
    package_dirs = {
        PurePosixPath(n).parts[1] for n in files if n.startswith(("assets/leaflet", "assets/kuril"))
    }
    assert {d.rsplit("-", 1)[0] for d in package_dirs} == {"leaflet-1.9.4", "kuril-2"}
    for name in [*files, ""]:
        if name == "_headers":
            continue  # read by the host, never served
        matching = [headers for rule, headers in rules if _matches(rule, "/" + name)]
        assert len(matching) == 1, name  # merged values would make a contradictory header
        cache = matching[0]["cache-control"]
        if name.startswith("assets/"):
            assert cache == "public, max-age=31536000, immutable", name
        else:
            assert "max-age=0" in cache and "must-revalidate" in cache, name
    # "immutable" is only true if the names change with the content
    for name, path in files.items():
        if re.fullmatch(r"assets/site\.[0-9a-f]{10}\.(css|js)", name):
            assert hashlib.sha256(path.read_bytes()).hexdigest()[:10] == name.split(".")[1]
    for package_dir in package_dirs:
        folder = kuril_site / "assets" / package_dir
        digest = hashlib.sha256()
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                relative = path.relative_to(folder).as_posix()
                digest.update(relative.encode() + b"\0" + path.read_bytes())
        assert folder.name.endswith(digest.hexdigest()[:10])
    assert {n for n in files if n.startswith("assets/")} == {
        n
        for n in files
        if n.startswith("assets/")
        and (n.startswith("assets/site.") or PurePosixPath(n).parts[1] in package_dirs)
    }


@pytest.mark.slow
def test_site_command_builds_the_hans_island_pack(tmp_path):
    out = tmp_path / "hans-site"
    result = _build(HANS, out)
    assert result.returncode == 0, result.stderr
    dispute = load_dispute(HANS)
    _check_site(out, dispute, result.stdout)
    # 1973 (before the agreement of 17 December), 1973 to 2022, and since the 2022 division
    assert len(list((out / "downloads" / "states").iterdir())) == 3
    events = (out / "events.html").read_text(encoding="utf-8")
    assert events.count("<h3>") == len(dispute.events)


def test_out_that_is_a_file_is_one_line_and_status_2(tmp_path):
    target = tmp_path / "site.txt"
    target.write_text("keep me", encoding="utf-8")
    result = _build(HANS, target)
    assert result.returncode == 2
    assert result.stderr == f"{target}:--out: is a file, not a folder\n"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_out_that_holds_other_files_is_refused_and_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = _build(HANS, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "neither empty nor a site built before" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_out_in_a_missing_folder_is_one_line(tmp_path):
    result = _build(HANS, tmp_path / "missing" / "site")
    assert result.returncode == 2
    assert result.stderr == (
        f"{tmp_path / 'missing' / 'site'}:--out: the folder {tmp_path / 'missing'} does not exist\n"
    )


def test_writing_a_site_again_replaces_the_earlier_one(tmp_path):
    out = tmp_path / "site"
    write_site(
        out, {"index.html": b"one", "old/page.html": b"old", paths.SITE_MANIFEST_FILE: b"{}"}
    )
    write_site(out, {"index.html": b"two", paths.SITE_MANIFEST_FILE: b"{}"})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "index.html",
        paths.SITE_MANIFEST_FILE,
    ]
    assert (out / "index.html").read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # nothing left beside it


# --- in the browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(kuril_site: Path) -> Iterator[str]:
    with serving_folder(kuril_site) as url:
        yield url


def _watch(page: Page) -> list[str]:
    """Console errors and uncaught exceptions of a page and its frames."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _engine_state(page: Page, document: str = "") -> dict[str, Any]:
    """What the map in the frame shows, from its engine, once ``document`` is loaded in it."""
    handle = page.locator("iframe#map").element_handle()
    assert handle is not None
    content = handle.content_frame()
    assert content is not None
    content.wait_for_function("(name) => location.pathname.endsWith(name)", arg=document)
    return wait_for_map(content)


@pytest.mark.browser
@pytest.mark.slow
def test_site_map_changes_year_and_naming_with_every_outside_request_refused(
    browser, site_url, dispute
):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    refused = only_local(context, site_url)
    page = context.new_page()
    errors = _watch(page)
    page.goto(f"{site_url}/")
    frame = page.frame_locator("iframe#map")
    expect(frame.locator("path[data-island]")).to_have_count(len(dispute.islands))
    assert (
        page.locator("iframe#map").get_attribute("src")
        == f"map-{default_view(dispute).worldview}.html"
    )

    # a year typed into the map's control: the map, the words under it and the address follow
    frame.locator(".kt-date").fill("1950")
    frame.locator(".kt-date").press("Enter")
    expect(frame.locator(".kt-title")).to_contain_text("1950")
    expect(page.locator("#twin-sentence")).to_have_text(
        re.compile(r"^On 2 February 1946 all four groups are administered by the Soviet Union")
    )
    page.wait_for_function("() => location.search.includes('year=1950')")

    # a day, then another naming: the day is kept
    frame.locator(".kt-date").fill("1945-09-01")
    frame.locator(".kt-date").dispatch_event("change")
    expect(frame.locator(".kt-title")).to_contain_text("situation on 1 September 1945")
    page.get_by_label("Russian names").check()
    expect(page.locator("iframe#map")).to_have_attribute("src", "map-ru.html")
    state = _engine_state(page, "map-ru.html")
    assert state["date"] == "1945-09-01"
    held = {i["id"]: i["label"] for i in state["islands"]}
    assert held["etorofu"].startswith("Итуруп")
    page.wait_for_function("() => location.search.includes('wv=ru')")
    assert "date=1945-09-01" in page.evaluate("() => location.search")

    # the address opens the same map again
    page.goto(f"{site_url}/index.html?date=1945-09-01&wv=ru")
    assert _engine_state(page)["date"] == "1945-09-01"
    expect(page.get_by_label("Russian names")).to_be_checked()
    context.close()
    assert refused == []
    assert errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_event_link_opens_the_map_on_its_day_with_it_highlighted(browser, site_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    only_local(context, site_url)
    page = context.new_page()
    page.goto(f"{site_url}/events.html")
    item = page.locator("li", has=page.get_by_role("heading", name=re.compile("Soviet")))
    link = item.first.get_by_role("link", name="Show on the map")
    href = link.get_attribute("href")
    assert href is not None
    link.click()
    state = _engine_state(page)
    query = dict(part.split("=") for part in href.split("?")[1].split("&"))
    if "date" in query:
        assert state["date"] == query["date"]
    else:
        assert state["date"] == f"{query['year']}-12-31"
    assert query["ev"] in state["events"]
    expect(page.frame_locator("iframe#map").locator(".kuril-event-selected")).to_have_count(1)
    context.close()


def _axe(page: Page) -> list[str]:
    """Serious or critical axe-core violations of the page and its frames."""
    found = []
    for frame in page.frames:
        frame.add_script_tag(path=str(AXE))
        result = frame.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        found += [
            f"{frame.url.rsplit('/', 1)[-1]}: {v['id']} x{len(v['nodes'])}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    return found


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [1400, 390])
def test_no_serious_accessibility_violation_on_any_site_page(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    only_local(context, site_url)
    page = context.new_page()
    found = {}
    for name in PAGES:
        page.goto(f"{site_url}/{name}")
        if name == "index.html":
            expect(page.frame_locator("iframe#map").locator(".kuril-legend")).to_be_attached()
        found[name] = _axe(page)
    context.close()
    assert not any(found.values()), found


@pytest.mark.browser
@pytest.mark.slow
def test_markup_in_the_pack_stays_text_on_every_page(browser, tmp_path, monkeypatch):
    from tests.test_browser_security import PAYLOAD, _hostile_pack

    # the images are the export's (tested with hostile packs there); skip them here
    monkeypatch.setattr("geo.site.export", lambda dispute, view, fmt: b"")
    out = tmp_path / "site"
    result = _build(_hostile_pack(tmp_path / "pack"), out)
    assert result.returncode == 0, result.stderr
    for path in out.glob("*.html"):
        assert PAYLOAD not in path.read_text(encoding="utf-8"), path.name
    with serving_folder(out) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        only_local(context, url)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for name in PAGES:
            page.goto(f"{url}/{name}")
            if name == "index.html":
                page.frame_locator("iframe#map").locator("path[data-island]").first.wait_for()
            for frame in page.frames:
                assert frame.evaluate("() => window.__pwned === undefined"), name
        expect(page.locator("main")).to_contain_text("<script>window.__pwned=2</script>")
        context.close()
    assert dialogs == []
    shutil.rmtree(out)


def test_a_pack_whose_file_is_a_link_publishes_nothing(pack_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("DISPUTE_TEST_SECRET", "do-not-publish")
    (pack_copy / "SOURCES.md").unlink()
    (pack_copy / "SOURCES.md").symlink_to("/proc/self/environ")
    out = tmp_path / "site"
    result = _build(pack_copy, out)
    assert result.returncode == 1
    assert "SOURCES.md:file: is a link" in result.stderr
    assert "do-not-publish" not in result.stdout + result.stderr
    assert not out.exists()


# --- The site in another language -------------------------------------------------------
# Built without its images (the exports' own tests cover their languages): fast enough for
# every commit. The words of the catalogue are read through geo.i18n.texts, so these
# tests say what the catalogue says; the ones that ask for a translation fail until the
# catalogue holds the site's words.


def _site_pages(dispute: Dispute, language: str) -> dict[str, str]:
    """The HTML pages of a site built in a language (the images left empty)."""
    from geo.io import read_package_asset, read_tree
    from geo.site import build_site

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("geo.site.export", lambda dispute, view, fmt: b"")
        files = build_site(
            dispute,
            read_tree(paths.static_dir()),
            {name: read_package_asset(name) for name in ("site.css", "site.js")},
            language=language,
        )
    return {name: data.decode("utf-8") for name, data in files.items() if name.endswith(".html")}


@pytest.fixture(scope="module", params=["ja", "ru"])
def translated_site(request: pytest.FixtureRequest, dispute: Dispute) -> tuple[str, dict]:
    """The shipped pack's site (whose texts the pack translates) in Japanese or Russian."""
    return request.param, _site_pages(dispute, request.param)


@pytest.fixture(scope="module")
def hans_in_russian() -> tuple[Dispute, dict[str, str]]:
    """The second pack's site (whose texts the pack does not translate) in Russian."""
    hans = load_dispute(HANS)
    return hans, _site_pages(hans, "ru")


def _word(language: str, msgid: str) -> str:
    """A word of the catalogue as a page prints it (escaped)."""
    from markupsafe import escape

    from geo.i18n import texts

    return str(escape(texts(language).gettext(msgid)))


def test_every_page_of_a_translated_site_declares_its_language(translated_site):
    language, pages = translated_site
    for name in PAGES:
        assert f'<html lang="{language}">' in pages[name], name
    for name in (n for n in pages if n.startswith("map-")):
        assert f'<html lang="{language}">' in pages[name], name


@pytest.mark.parametrize(
    ("page", "msgid"),
    [
        ("index.html", "What the map shows"),
        ("index.html", "Skip to the content"),
        ("events.html", "Show on the map"),
        ("events.html", "Source:"),
        ("tours.html", "Tours"),
        ("states.html", "Open the map here"),
        ("states.html", "Also claimed by"),
        ("data.html", "Sources and licence"),
        ("data.html", "The pack"),
    ],
)
def test_a_translated_site_carries_the_catalogues_words(translated_site, page, msgid):
    from geo.i18n import texts

    language, pages = translated_site
    assert _word(language, msgid) in pages[page]
    for name in ("Events", "The map in words", "Downloads"):  # the navigation, on every page
        assert f">{_word(language, name)}</a>" in pages[page]
    # the catalogue translates it (true once the site's words are merged into it)
    assert texts(language).gettext(msgid) != msgid


def test_a_translated_site_counts_and_dates_in_its_language(translated_site, dispute):
    from geo.dates import format_event_date
    from geo.i18n import format_number, texts

    language, pages = translated_site
    count = len(dispute.events)
    lead = texts(language).ngettext(
        "{count} event, with its source. Dates are given as precisely as they are known.",
        "{count} events, each with its source. Dates are given as precisely as they are known.",
        count,
    )
    assert lead.format(count=format_number(count, language, 0)) in pages["events.html"]
    for event in dispute.events.head(5).to_dict("records"):
        when = format_event_date(event["date"], str(event["date_precision"]), language)
        assert f'<time datetime="{event["date"].isoformat()}">{when}</time>' in pages["events.html"]


def test_a_translated_site_shows_the_packs_translations(translated_site, dispute):
    from markupsafe import escape

    language, pages = translated_site
    manifest = dispute.manifest.texts()
    assert f"<h1>{escape(manifest[f'title_{language}'])}</h1>" in pages["index.html"]
    assert f"<title>{escape(manifest[f'title_{language}'])}</title>" in pages["index.html"]
    events = pages["events.html"]
    for event in dispute.events.to_dict("records"):
        if isinstance(event.get(f"title_{language}"), str):
            assert f"<h3>{escape(event[f'title_{language}'])}</h3>" in events, event["id"]
    tour = dispute.tours[0]
    assert escape(tour.texts()[f"title_{language}"]) in pages["tours.html"]
    step = tour.steps[0].texts()
    assert f"<h3>{escape(step[f'title_{language}'])}</h3>" in pages["tours.html"]
    label = dispute.manifest.texts("worldviews.jp.")[f"label_{language}"]
    assert f"> {escape(label)}</label>" in pages["index.html"]


def test_english_standing_in_for_a_translation_is_marked(hans_in_russian):
    from markupsafe import escape

    hans, pages = hans_in_russian
    mark = f'<small class="untranslated">({_word("ru", "not translated")})</small>'
    for name in PAGES:
        assert '<html lang="ru">' in pages[name]
        # the pack's title has its Russian translation (its events have none)
        assert escape(hans.manifest.texts()["title_ru"]) in pages[name], name
    event = hans.events.iloc[0]
    assert (
        f'<h3><span lang="en">{escape(event["title"])}</span> {mark}</h3>' in pages["events.html"]
    )
    assert (
        f'<p><span lang="en">{escape(event["summary"])}</span> {mark}</p>' in pages["events.html"]
    )
    step = hans.tours[0].steps[0]
    assert f'<span lang="en">{escape(step.caption)}</span> {mark}' in pages["tours.html"]
    # the licence and the citation are the pack's Russian ones
    texts = hans.manifest.texts()
    assert escape(texts["licence_ru"]) in pages["index.html"]
    assert escape(texts["how_to_cite_ru"]) in pages["index.html"]


def test_an_english_site_has_no_language_marks(dispute):
    pages = _site_pages(dispute, "en")
    for name in PAGES:
        assert '<html lang="en">' in pages[name]
        assert 'lang="en"><' not in pages[name] and "untranslated" not in pages[name]
