"""Every row of the history tables is dated as its text dates it and cites a checkable page.

These are rules about the data, not expected values copied from it: each check is a
function of one row, run on every shipped row and, to show it can fail, on rows broken
on purpose.

- An event's ``date`` agrees with its ``date_precision`` (a year is dated 1 January, a
  month its first day), and its title or summary states the date at that precision
  ("8 September 1964", "October 1979", "1781"), so a row whose date or precision is
  changed without its text, or whose precision claims more than its text knows, fails.
- Every event, depiction row and tour step cites a page: a title naming the page and its
  publisher ("title — publisher") and an http(s) address with a host.
- Every sovereignty period is opened by a sourced event dated the day the period starts.
- A row citing a weak host (an encyclopaedia, a repost, a mirror) is listed, with what would
  replace it, in its pack's weak-sources table of data/SOURCES.md.

The checks run on every shipped pack (``geo.paths.shipped_pack_folders()``: the Kuril pack in
``data/`` and each folder of ``data/packs/``); a test's id starts with the pack's id.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from geo import paths
from tests.conftest import read_rows

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DATA = paths.shipped_data_dir()
PACKS = paths.shipped_pack_folders()


def date_problems(row: dict[str, str]) -> list[str]:
    """What is wrong with an event's date against its precision and its own text."""
    day = dt.date.fromisoformat(row["date"])
    precision = row["date_precision"]
    text = f"{row['title']} {row['summary']}"
    month = MONTHS[day.month - 1]
    problems = []
    if precision == "year" and (day.month, day.day) != (1, 1):
        problems.append("a year is dated 1 January")
    if precision == "month" and day.day != 1:
        problems.append("a month is dated its first day")
    # "8 September", or the first day of a range such as "8–11 September"
    day_named = re.search(rf"\b{day.day}(?:[–-]\d{{1,2}})? {month}\b", text)
    if precision == "day" and not day_named:
        problems.append(f"the text does not give the day '{day.day} {month}'")
    if precision == "month" and not re.search(rf"\b{month}\b[^.]*?\b{day.year}\b", text):
        problems.append(f"the text does not give the month '{month} {day.year}'")
    if str(day.year) not in text:
        problems.append(f"the text does not give the year {day.year}")
    return problems


def citation_problems(title: str, url: str) -> list[str]:
    """What is wrong with a citation: it must name the page and its publisher and be a
    web address of an allowed scheme with a host."""
    problems = []
    if " — " not in title or not all(part.strip() for part in title.split(" — ")):
        problems.append("the title is not 'page — publisher'")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        problems.append(f"'{url}' is not an http(s) address with a host")
    return problems


def pack_id(folder: Path) -> str:
    """The id a pack's manifest gives it ("kuril-islands", "hans-island")."""
    return json.loads((folder / paths.MANIFEST_FILE).read_text(encoding="utf-8"))["id"]


def pack_rows(folder: Path, name: str) -> list[dict[str, str]]:
    """The rows of one of a pack's tables; none when the pack has no such file."""
    path = folder / name
    return read_rows(path) if path.is_file() else []


def tour_steps(folder: Path) -> list[dict]:
    path = folder / paths.TOURS_FILE
    if not path.is_file():
        return []
    tours = json.loads(path.read_text(encoding="utf-8"))["tours"]
    return [step for tour in tours for step in tour["steps"]]


def by_pack(rows_of, row_id) -> tuple[list[tuple[Path, dict]], list[str]]:
    """Parameters (pack folder, row) for every row of every shipped pack, and their ids."""
    values, ids = [], []
    for folder in PACKS:
        for row in rows_of(folder):
            values.append((folder, row))
            ids.append(f"{pack_id(folder)}/{row_id(row)}")
    return values, ids


EVENTS, EVENT_IDS = by_pack(lambda f: pack_rows(f, paths.EVENTS_FILE), lambda r: r["id"])
DEPICTIONS, DEPICTION_IDS = by_pack(
    lambda f: pack_rows(f, paths.DEPICTIONS_FILE),
    lambda r: f"{r['worldview']}-{r['element']}-{r['valid_from']}",
)
STEPS, STEP_IDS = by_pack(tour_steps, lambda step: step["title"])
PACK_IDS = [pack_id(folder) for folder in PACKS]


def test_every_shipped_pack_is_checked():
    # the Kuril pack and the Hans Island pack at least, each with events and periods
    assert {"kuril-islands", "hans-island"} <= set(PACK_IDS)
    for folder in PACKS:
        assert pack_rows(folder, paths.EVENTS_FILE), folder
        assert pack_rows(folder, paths.SOVEREIGNTY_FILE), folder
        assert tour_steps(folder), folder


@pytest.mark.parametrize(("folder", "row"), EVENTS, ids=EVENT_IDS)
def test_every_event_is_dated_as_its_text_dates_it(folder, row):
    assert date_problems(row) == []


@pytest.mark.parametrize(("folder", "row"), EVENTS, ids=EVENT_IDS)
def test_every_event_cites_a_page(folder, row):
    assert citation_problems(row["source_title"], row["source_url"]) == []


@pytest.mark.parametrize(("folder", "row"), DEPICTIONS, ids=DEPICTION_IDS)
def test_every_depiction_row_is_cited_and_explained(folder, row):
    assert citation_problems(row["source_title"], row["source_url"]) == []
    assert row["note"].strip()


@pytest.mark.parametrize(("folder", "step"), STEPS, ids=STEP_IDS)
def test_every_tour_step_cites_a_page(folder, step):
    assert citation_problems(step["source_title"], step["source_url"]) == []


@pytest.mark.parametrize("folder", PACKS, ids=PACK_IDS)
def test_every_period_is_opened_by_a_sourced_event_of_its_first_day(folder):
    events = {row["id"]: row for row in pack_rows(folder, paths.EVENTS_FILE)}
    periods = pack_rows(folder, paths.SOVEREIGNTY_FILE)
    assert periods
    for period in periods:
        event = events.get(period["event_id"])
        assert event is not None, period
        assert event["date"] == period["start"], (period["group"], period["start"], event["id"])
        assert citation_problems(event["source_title"], event["source_url"]) == []
        assert period["note"].strip()


GOOD = {
    "id": "x",
    "date": "1964-09-08",
    "date_precision": "day",
    "title": "First grave visits",
    "summary": "The first visit took place on 8 September 1964 on Suisho.",
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # the precision claims a day the text does not give
        ({"summary": "The first visits took place in September 1964."}, "does not give the day"),
        # the date was moved without the text
        ({"date": "1964-09-18"}, "does not give the day '18 September'"),
        ({"date": "1965-09-08"}, "does not give the year 1965"),
        # a year or a month that is not dated its first day
        ({"date_precision": "year"}, "a year is dated 1 January"),
        ({"date_precision": "month"}, "a month is dated its first day"),
        # a month the text does not name
        (
            {"date": "1964-10-01", "date_precision": "month"},
            "does not give the month 'October 1964'",
        ),
    ],
)
def test_the_date_check_catches_a_row_out_of_step_with_its_text(change, expected):
    assert date_problems(GOOD) == []
    broken = {**GOOD, **change}
    assert any(expected in problem for problem in date_problems(broken)), date_problems(broken)


def test_the_date_check_accepts_ranges_months_and_years():
    assert date_problems({**GOOD, "summary": "visits on 8–11 September 1964"}) == []
    month = {**GOOD, "date": "1979-10-01", "date_precision": "month"}
    assert date_problems({**month, "summary": "In early October 1979 the cabinet"}) == []
    year = {**GOOD, "date": "1781-01-01", "date_precision": "year"}
    assert date_problems({**year, "summary": "tribute taken in 1781"}) == []


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("Treaty text", "https://example.org/t", "not 'page — publisher'"),
        ("Treaty text — ", "https://example.org/t", "not 'page — publisher'"),
        ("Treaty text — Archive", "ftp://example.org/t", "not an http(s) address"),
        ("Treaty text — Archive", "javascript:alert(1)", "not an http(s) address"),
        ("Treaty text — Archive", "https:///t", "not an http(s) address"),
        ("Treaty text — Archive", "www.example.org/t", "not an http(s) address"),
    ],
)
def test_the_citation_check_catches_a_bad_citation(title, url, expected):
    assert citation_problems("Treaty text — Archive", "https://example.org/t") == []
    assert any(expected in problem for problem in citation_problems(title, url))


# Hosts of encyclopaedias, reposts, mirrors, portals, blogs, newsletters and outlets quoted
# for one side's words: a row citing one must be listed, with why and what would replace
# it, in the weak-sources table of data/SOURCES.md.
WEAK_HOSTS = (
    "wikipedia.org",
    "weblio.jp",
    "universalis.fr",
    "samurai-archives.com",
    "mreadz.net",
    "readania.com",
    "polkrf.ru",
    "geocities.jp",
    "regnum.ru",
    "ys-citylibrary.ru",
    "fujipost.com",
    "6jhxt.group",
    "hina.hr",
    "deseret.com",
    "cbsnews.com",
    "washingtontimes.com",
    "themoscowtimes.com",
    "bloombergquint.com",
    "yahoo.com",
    "worldtribune.com",
    "sputniknews.jp",
    "rt.com",
    "rbth.com",
    "niezalezna.pl",
    "jsn.co.jp",
    "infoseek.co.jp",
    "livedoor.com",
    "wionews.com",
    # reposts and copies read for the Hans Island pack
    "spacedaily.com",
    "energy-daily.com",
    "docplayer.dk",
    "polspy.org",
)
WEAK_HEADING = "## Weak or second-hand sources"


def pack_section(text: str, folder: Path) -> str:
    """The part of data/SOURCES.md about one pack.

    Each pack of ``data/packs/`` has a top-level heading naming its folder in backticks
    (`packs/hans-island`); the Kuril pack in ``data/`` is the part before the first of them.
    """
    headings = [m.start() for m in re.finditer(r"^# ", text, flags=re.MULTILINE)]
    parts = [text[a:b] for a, b in zip(headings, [*headings[1:], len(text)], strict=True)]
    if folder.resolve() == DATA.resolve():
        return parts[0]
    name = f"`{paths.PACKS_FOLDER}/{folder.name}`"
    (part,) = [p for p in parts if name in p.splitlines()[0]]
    return part


def _weak_table(folder: Path = DATA) -> str:
    text = pack_section((DATA / "SOURCES.md").read_text(encoding="utf-8"), folder)
    return text[text.index(WEAK_HEADING) :]


def is_weak(url: str) -> bool:
    host = urlsplit(url).netloc.lower()
    return any(host == weak or host.endswith("." + weak) for weak in WEAK_HOSTS)


@pytest.mark.parametrize("folder", PACKS, ids=PACK_IDS)
def test_every_event_citing_a_weak_source_is_listed_with_a_replacement(folder):
    table = _weak_table(folder)
    rows = pack_rows(folder, paths.EVENTS_FILE)
    unlisted = [r["id"] for r in rows if is_weak(r["source_url"]) and f"`{r['id']}`" not in table]
    assert unlisted == []


def test_each_pack_has_its_own_weak_source_table():
    text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    sections = {pack_id(folder): pack_section(text, folder) for folder in PACKS}
    assert all(WEAK_HEADING in section for section in sections.values())
    # a row listed only under another pack does not count for this one
    hans = PACKS[PACK_IDS.index("hans-island")]
    assert "`graham-visit-2005`" in _weak_table(hans)
    assert "`graham-visit-2005`" not in _weak_table(DATA)
    assert "`scapin-677-1946`" not in _weak_table(hans)


def test_the_weak_source_check_knows_hosts_and_subdomains():
    assert is_weak("https://en.wikipedia.org/wiki/Treaty_of_Shimoda")
    assert is_weak("https://news.livedoor.com/topics/detail/1/")
    assert not is_weak("https://www.mofa.go.jp/region/europe/russia/territory/index.html")
    assert not is_weak("https://notwikipedia.org/x")
