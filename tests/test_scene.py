"""The scene: every state the browser can show agrees with the temporal join and the event lists."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from geo import theme
from geo.i18n import format_date
from geo.parties import NO_DATA_LABEL
from geo.presentation import events_for_view
from geo.scene import build_scene, state_breaks, state_index_at
from geo.timeline import boundaries_valid_at, status_rows
from geo.view import default_view, scene_key

VIEWS = {
    "default": {},
    "treaties, no earlier": {"categories": ("treaty",), "show_earlier": False},
    "habomai, range": {"groups": ("habomai",), "event_start": 1940, "event_end": 1960},
    "no events": {"show_events": False},
}


@pytest.mark.parametrize("changes", VIEWS.values(), ids=VIEWS.keys())
def test_markers_of_every_year_are_the_event_lists(dispute, changes):
    view = default_view(dispute).replace(**changes)
    scene = build_scene(dispute, view)
    markers = scene.events
    runs = {
        year: run for run in scene.event_years for year in range(run.start_year, run.end_year + 1)
    }
    assert sorted(runs) == list(range(scene.first_year, scene.last_year + 1))  # every year once
    for year in range(scene.first_year, scene.last_year + 1):
        (a, b), (c, d) = runs[year].own, runs[year].earlier
        current, earlier = events_for_view(dispute, view.replace(year=year))
        if not view.show_events:
            assert (a, b, c, d) == (0, 0, 0, 0)
            continue
        assert [m.id for m in markers[a:b]] == list(current["id"]), year
        assert [m.number for m in markers[a:b]] == list(current["number"]), year
        assert [m.id for m in markers[c:d]] == list(earlier["id"]), year


def test_every_state_is_the_join_on_its_days(dispute):
    scene = build_scene(dispute, default_view(dispute))
    parties = dispute.manifest.parties
    days = []
    for day in state_breaks(dispute)[1:]:
        days += [day - dt.timedelta(days=1), day]
    days += [dt.date(year, 12, 31) for year in range(scene.first_year, scene.last_year + 1, 7)]
    for day in days:
        state = scene.states[state_index_at(scene, day)]
        for status, look in zip(status_rows(dispute, day), state.islands, strict=True):
            style = scene.styles[look.style]
            if not status["covered"]:
                assert style.fill_color == theme.NO_DATA
                assert NO_DATA_LABEL in scene.texts[look.label]
                continue
            admin = status["administered_by"]
            others = [c for c in status["claimed_by"] if c != admin]
            if others:
                assert style.fill_color == f"url(#hatch-{admin}-{others[0]})", (day, status)
                assert style.color == parties[others[0]].color
            else:
                assert style.fill_color == parties[admin].color, (day, status)
            assert parties[admin].name in scene.texts[look.label]
        valid = [scene.lines[b].id for b in state.lines]
        assert valid == list(boundaries_valid_at(dispute, day)), day


def test_first_of_september_1945_shows_the_occupation_island_by_island(dispute):
    """Etorofu, Kunashiri and Shikotan were Soviet-held; the Habomai still Japanese."""
    scene = build_scene(dispute, default_view(dispute))
    state = scene.states[state_index_at(scene, dt.date(1945, 9, 1))]
    groups = dict(zip(dispute.islands["id"], dispute.islands["group"], strict=True))
    held = {}
    for island, look in zip(scene.islands, state.islands, strict=True):
        held.setdefault(groups[island.id], set()).add(scene.texts[look.label].split(": ", 1)[1])
    assert all("Administered by: Soviet Union." in t for t in held["etorofu"])
    assert all("Administered by: Soviet Union." in t for t in held["kunashiri"])
    assert all("Administered by: Soviet Union." in t for t in held["shikotan"])
    assert all("Administered by: Japan." in t for t in held["habomai"])


def test_the_scene_does_not_depend_on_the_year_or_the_highlight(dispute):
    view = default_view(dispute)
    other = view.replace(year=1900, selected_event="yalta-agreement", size="square")
    assert scene_key(view) == scene_key(other)
    assert build_scene(dispute, view) == build_scene(dispute, other)
    assert scene_key(view) != scene_key(view.replace(worldview="jp"))


def test_map_popups_give_dates_at_their_precision(dispute):
    from geo.scene import build_scene
    from geo.view import default_view

    shown = "\n".join(build_scene(dispute, default_view(dispute)).texts)  # popup texts
    for date, precision in zip(
        dispute.events["date"], dispute.events["date_precision"], strict=True
    ):
        if precision != "day":  # "1644", "August 1711": never a first of January or of a month
            assert date.isoformat() not in shown, date
    assert "28 August 1945" in shown


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_a_scene_in_a_language_carries_the_catalogues_words(dispute, lang):
    from geo.i18n import date_words, texts
    from geo.scene import LABELS

    scene = build_scene(dispute, default_view(dispute).replace(lang=lang))
    catalogue = texts(lang)
    assert scene.labels.lang == lang
    for name, message in LABELS.items():
        assert scene.labels.words[name] == catalogue.gettext(message), name
    words = date_words(lang)
    assert scene.words.months == list(words.months["day"])
    assert scene.words.month_alone == list(words.months["month"])
    assert scene.words.day == words.patterns["day"]
    assert scene.words.year_end == catalogue.gettext("end of {year}")
    # a count's texts: one per plural form of the language, each the catalogue's
    plural = scene.labels.plural
    for form, texts_of_form in enumerate(zip(*scene.labels.counts.values(), strict=True)):
        n = plural.index(form)
        assert texts_of_form[0] == catalogue.ngettext("{count} earlier", "{count} earlier", n)
    assert scene.labels.words["date_title"] == catalogue.gettext(
        "A year ({year}), a day ({iso} or {words})"
    ).format(year=1956, iso="1956-10-19", words=format_date(dt.date(1956, 10, 19), "day", lang))


def test_english_scene_words_are_the_code_s_own(dispute):
    scene = build_scene(dispute, default_view(dispute))
    assert scene.labels.lang == "en"
    assert scene.labels.words["play"] == "Play"
    assert (
        scene.labels.words["date_title"] == "A year (1956), a day (1956-10-19 or 19 October 1956)"
    )
    assert scene.labels.counts["earlier_here"] == [
        "{count} earlier event here",
        "{count} earlier events here",
    ]
    assert scene.labels.plural[:3] == [1, 0, 1]
    assert scene.words.year_end == "end of {year}"


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_pack_texts_in_a_language_or_english_marked(dispute, lang):
    from geo.i18n import localized, texts

    scene = build_scene(dispute, default_view(dispute).replace(lang=lang))
    mark = texts(lang).gettext("not translated")
    events = dispute.events.set_index("id")
    for marker in scene.events:
        text = localized(events.loc[marker.id], "title", lang)
        assert marker.title == text.text
        popup = scene.texts[marker.popup]
        if text.translated:
            assert f"<b>{html.escape(text.text, quote=True)}</b>" in popup
        else:
            assert f'<b><span lang="en">{html.escape(text.text, quote=True)}</span> ' in popup
            assert f"({html.escape(mark)})" in popup


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_the_date_boxs_hint_is_the_languages(lang):
    from geo.i18n import texts
    from geo.scene import labels

    hint = labels(lang).words["date_placeholder"]
    assert hint == texts(lang).pgettext("date box hint", "YYYY-MM-DD")
    assert (hint == "YYYY-MM-DD") == (lang == "en")
