"""The map, Compare, Story, Timeline and Islands pages in Japanese and Russian (AppTest).

A link's ``?lang=`` sets the interface's language: the pages' own words come from
the catalogue (compared with :func:`geo.i18n.texts`, never with a copy of the
code's output), dates are written as the language writes them, and the pack's
texts are in the language, or in English marked "not translated".
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from geo.i18n import format_date, texts
from tests.conftest import REPO_ROOT, as_shown
from ui.controls import MAP_DRAWN_KEY

APP = str(REPO_ROOT / "explorer.py")
LANGS = ("ja", "ru")


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("DISPUTE_OFFLINE", "1")
    monkeypatch.delenv("DISPUTE_PACK", raising=False)


def _page(page: str, **params: str) -> AppTest:
    """A page opened from a link with these parameters (the map already drawn)."""
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state[MAP_DRAWN_KEY] = True
    for key, value in params.items():  # the session's first view comes from the link
        app.query_params[key] = value
    app.run()
    app.switch_page(page)
    for key, value in params.items():  # and the page's own parameters reach the page
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _shown(app: AppTest) -> str:
    """Every text of the page as a reader sees it (Markdown escapes removed)."""
    parts = []
    for kind in ("markdown", "caption", "subheader", "metric", "info", "warning"):
        parts += [as_shown(str(getattr(e, "value", ""))) for e in app.get(kind)]
    parts += [as_shown(str(getattr(e, "label", ""))) for e in app.get("metric")]
    parts += [str(e.proto.body) for e in app.get("html")]
    for frame in app.dataframe:
        parts += [str(c) for c in frame.value.columns]
        parts.append(frame.value.to_csv(index=False))
    for widget in (*app.selectbox, *app.radio, *app.button):
        parts.append(as_shown(str(widget.label)))
    parts += [as_shown(str(b.label)) for b in app.get("download_button")]
    parts += [str(e.proto.label) for e in app.get("expandable")]
    return "\n".join(parts)


def _words(lang: str, message: str) -> str:
    return texts(lang).gettext(message)


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_page_speaks_the_links_language(dispute, lang):
    app = _page("pages/map.py", year="1956", lang=lang)
    assert app.session_state["view"].lang == lang
    shown = _shown(app)
    assert _words(lang, "Events in {year}").format(year=1956) in [s.value for s in app.subheader]
    assert _words(lang, "Download this map (PNG, {year})").format(year=1956) in shown
    assert _words(lang, "Skip the map: go to the event list") in shown
    assert _words(lang, "Highlight an event on the map") in shown
    assert _words(lang, "The map as a table") in shown
    # the event list: the pack's titles in the language, the dates as it writes them
    event = dispute.events[dispute.events["id"] == "soviet-japanese-joint-declaration"].iloc[0]
    assert str(event[f"title_{lang}"]) in shown
    date_lines = [as_shown(m.value) for m in app.markdown if m.value.startswith(":small[")]
    assert any(format_date(dt.date(1956, 10, 19), "day", lang) in d for d in date_lines)
    assert not any("October" in d for d in date_lines), date_lines


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_year_says_so_in_the_language(dispute, lang):
    years = {d.year for d in dispute.events["date"]}
    empty = next(y for y in range(2025, 1900, -1) if y not in years)
    app = _page("pages/map.py", year=str(empty), lang=lang)
    said = _words(
        lang,
        "The table records no event in {year}. Use « and » below the map (or Page Up/Down "
        "on its year slider) to jump to a year with events.",
    ).format(year=empty)
    assert said in [as_shown(c.value) for c in app.caption]


def test_english_stands_in_for_a_missing_title_and_says_so(monkeypatch, pack_copy):
    events = pack_copy / "events.csv"
    import pandas as pd

    table = pd.read_csv(events, dtype=str, keep_default_na=False)
    row = table["id"] == "soviet-japanese-joint-declaration"
    table.loc[row, "title_ru"] = ""
    table.to_csv(events, index=False)
    monkeypatch.setenv("DISPUTE_PACK", str(pack_copy))
    app = _page("pages/map.py", year="1956", lang="ru")
    english = str(table.loc[row, "title"].iloc[0])
    labels = [as_shown(str(b.label)) for b in app.button]
    mark = f"({_words('ru', 'not translated')})"
    assert any(english in label and mark in label for label in labels), labels
    translated = [label for label in labels if english not in label]
    assert translated and all(mark not in label for label in translated)


@pytest.mark.parametrize("lang", LANGS)
def test_the_compare_page_speaks_the_links_language(lang):
    app = _page("pages/compare.py", a="1944", b="1947-09-02", wa="jp", wb="ru", lang=lang)
    shown = _shown(app)
    assert f"## {_words(lang, 'Compare two dates')}" in [as_shown(m.value) for m in app.markdown]
    heading = _words(lang, "What changed between the end of {first_year} and {second}").format(
        first_year=1944, second=format_date(dt.date(1947, 9, 2), "day", lang)
    )
    assert heading in [s.value for s in app.subheader]
    assert _words(lang, "Names on the first map") in shown
    assert _words(lang, "Format of the comparison image") in shown
    assert _words(lang, "**Boundary lines**") in [m.value for m in app.markdown]


@pytest.mark.parametrize("lang", LANGS)
def test_the_story_page_tells_the_tour_in_the_language(dispute, lang):
    from geo.i18n import localized

    app = _page("pages/story.py", tour=dispute.tours[0].id, step="6", lang=lang)
    step = dispute.tours[0].steps[5]
    shown = _shown(app)
    labels = [str(b.label) for b in app.button]
    assert _words(lang, "Previous") in labels and _words(lang, "Next") in labels
    total = len(dispute.tours[0].steps)
    assert _words(lang, "Step {number} of {total}").format(number=6, total=total) in json.dumps(
        [str(p.proto.text) for p in app.get("progress")], ensure_ascii=False
    )
    title = localized(step.texts(), "title", lang)
    assert title.text in shown
    assert format_date(step.date, step.date_precision, lang) in shown
    assert _words(lang, "Take the tour with you") in shown


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_page_labels_its_table_in_the_language(lang):
    app = _page("pages/timeline.py", lang=lang)
    columns = [str(c) for frame in app.dataframe for c in frame.value.columns]
    assert columns == [_words(lang, w) for w in ("Date", "Event", "Category", "Source")]
    assert _words(lang, "Or choose an event") in _shown(app)
    assert format_date(dt.date(1711, 8, 1), "month", lang) in _shown(app)


@pytest.mark.parametrize("lang", LANGS)
def test_the_islands_page_speaks_the_links_language(lang):
    app = _page("pages/islands.py", year="1950", lang=lang)
    shown = _shown(app)
    assert _words(lang, "**Status at the end of {year}**").format(year=1950) in [
        m.value for m in app.markdown
    ]
    assert _words(lang, "Area (computed from the coastline)") in shown
    assert _words(lang, "Group or island") in shown


def test_english_links_keep_the_english_words():
    app = _page("pages/map.py", year="1956", lang="en")
    assert "Events in 1956" in [s.value for s in app.subheader]
    assert "19 October 1956" in _shown(app)


@pytest.mark.parametrize("lang", LANGS)
def test_the_category_filter_and_event_list_name_categories_in_the_language(dispute, lang):
    app = AppTest.from_file(APP, default_timeout=120)  # the map page, first of the app
    app.session_state[MAP_DRAWN_KEY] = True
    app.query_params.update(year="1945", lang=lang)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    catalogue = texts(lang)
    codes = sorted(set(dispute.events["category"]))
    categories = app.multiselect(key="w_categories")
    assert list(categories.options) == [catalogue.pgettext("event category", c) for c in codes]
    categories.set_value(["treaty"]).run()  # the filter's state keeps the codes
    assert app.session_state["view"].categories == ("treaty",)
    treaty = catalogue.pgettext("event category", "treaty")
    lines = [m.value for m in app.markdown if m.value.startswith(":small[")]
    assert lines and all(f"*{treaty}*" in as_shown(line) for line in lines)


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_chart_names_categories_in_the_language(dispute, lang):
    app = _page("pages/timeline.py", lang=lang)
    catalogue = texts(lang)
    (chart,) = app.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    count = len(dispute.events)
    first = min(d.year for d in dispute.events["date"])
    last = max(d.year for d in dispute.events["date"])
    assert spec["description"] == catalogue.ngettext(
        "Timeline of the dispute: {count} event from {first} to {last}, by year "
        "(across) and category (down). Choose an event below the chart to open it on the map.",
        "Timeline of the dispute: {count} events from {first} to {last}, by year "
        "(across) and category (down). Choose an event below the chart to open it on the map.",
        count,
    ).format(count=count, first=first, last=last)
    words = {catalogue.pgettext("event category", c) for c in dispute.events["category"]}
    (frame,) = app.dataframe
    assert set(frame.value[catalogue.gettext("Category")]) == words


@pytest.mark.parametrize("lang", LANGS)
def test_the_story_pages_map_in_words_is_in_the_language(dispute, lang):
    from geo.tours import step_view, story_view
    from geo.twin import describe
    from geo.view import default_view

    app = _page("pages/story.py", tour=dispute.tours[0].id, step="6", lang=lang)
    view = app.session_state["view"]
    shown = step_view(story_view(default_view(dispute), view), dispute.tours[0].steps[5])
    assert shown.lang == lang
    english = describe(dispute, shown.date, shown.worldview, end_of_year=not shown.day)
    twin = describe(dispute, shown.date, shown.worldview, end_of_year=not shown.day, language=lang)
    assert twin.sentence != english.sentence
    html = "\n".join(str(e.proto.body) for e in app.get("html"))
    import html as html_module

    assert html_module.escape(twin.sentence) in html
    assert html_module.escape(english.sentence) not in html
