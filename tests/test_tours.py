"""Guided tours: validated like the other files, shipped for both packs."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo import paths
from geo.errors import DisputeDataError
from geo.pack import load_dispute
from geo.timeline import event_by_id
from geo.tours import TourPlace, locate, step_day, step_events, step_query, step_sources
from tests.conftest import REPO_ROOT

HANS = REPO_ROOT / "data" / "packs" / "hans-island"


def _problems(folder) -> list[str]:
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(folder)
    return [str(p) for p in caught.value.problems]


def _edit_tour(folder, edit) -> None:
    path = folder / paths.TOURS_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data["tours"][0])
    path.write_text(json.dumps(data), encoding="utf-8")


def test_the_class_tour_has_the_steps_a_teacher_needs(dispute):
    (tour,) = dispute.tours
    assert len(tour.steps) >= 12
    days = {s.date.isoformat() for s in tour.steps}
    # the occupation day by day, the 1956 declaration, Nagato, the 2022 suspension
    assert {"1945-08-28", "1945-09-01", "1945-09-02", "1945-09-03"} <= days
    assert {"1956-10-19", "2016-12-15", "2022-03-21"} <= days


def test_every_step_cites_the_source_of_an_event_it_highlights(dispute):
    for step in dispute.tours[0].steps:
        sources = {str(event_by_id(dispute, e)["source_url"]) for e in step.events}
        assert step.source_url in sources, step.title


def test_the_second_pack_has_a_short_tour():
    (tour,) = load_dispute(HANS).tours
    assert 3 <= len(tour.steps) <= 6


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda t: t["steps"][2].update(date="1855-02-30"),
            "tours.json:tour four-islands-in-class step 3: date",
        ),
        (
            lambda t: t["steps"][0].update(events=["no-such-event"]),
            "step 1: unknown event ids: no-such-event",
        ),
        (lambda t: t["steps"][1].update(extent=[0, 0, 1, 1]), "step 2: extent must be"),
        (lambda t: t["steps"][3].pop("source_url"), "step 4: missing: source_url"),
        (
            lambda t: t["steps"][4].update(caption=""),
            "step 5: title, caption and source must not be empty",
        ),
        (lambda t: t["steps"].reverse(), "steps must be in date order"),
        (
            lambda t: t["steps"][0].update(caption="bell\u0007"),
            "tours.json:tours[0].steps[0].caption: contains a control character (U+0007)",
        ),
        (lambda t: t.update(id="Not A Slug"), "tours.json:tour 1: id must be a new lowercase slug"),
        (lambda t: t.update(id="four-islands\n"), "tours.json:tour 1: id must be a new lowercase"),
        (
            lambda t: t["steps"][5].update(events=t["steps"][5]["events"][:1] * 200_000),
            "step 6: names 200,000 events; at most 30",
        ),
        (
            lambda t: t["steps"][5].update(events=t["steps"][5]["events"][:1] * 2),
            "step 6: names an event more than once",
        ),
        (lambda t: t.update(steps=t["steps"] * 4), "has 64 steps; at most 60"),
    ],
)
def test_bad_tours_are_refused_with_file_place_and_problem(pack_copy, edit, expected):
    _edit_tour(pack_copy, edit)
    problems = _problems(pack_copy)
    assert any(expected in p for p in problems), problems


def test_a_pack_may_hold_at_most_twenty_tours(pack_copy):
    path = pack_copy / paths.TOURS_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tours"] = [{**data["tours"][0], "id": f"tour-{n}"} for n in range(21)]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _problems(pack_copy) == ["tours.json:tours: has 21 tours; at most 20"]


def test_a_link_names_a_tour_and_a_step_counted_from_one(dispute):
    place = locate(dispute.tours, "four-islands-in-class", "6")
    assert place.notices == ()
    assert place.tour is not None
    assert place.tour.steps[place.index].date.isoformat() == "1945-08-28"
    assert step_query(place.tour, place.index) == {"tour": "four-islands-in-class", "step": "6"}


def test_no_link_means_the_first_step_of_the_first_tour(dispute):
    place = locate(dispute.tours, None, None)
    assert (place.tour, place.index, place.notices) == (dispute.tours[0], 0, ())


@pytest.mark.parametrize(
    "step", ["0", "17", "-1", "abc", "2.5", "6; drop", "²", "٣", "1" + "0" * 15]
)
def test_a_step_that_does_not_exist_falls_back_to_the_first_with_a_notice(dispute, step):
    place = locate(dispute.tours, "four-islands-in-class", step)
    assert place.index == 0
    (notice,) = place.notices
    assert f"no step {step}" in notice and "steps 1 to 16" in notice


def test_an_unknown_tour_is_named_with_the_tours_there_are(dispute):
    place = locate(dispute.tours, "<b>no-such</b>", "3")
    assert place.tour == dispute.tours[0] and place.index == 0
    (notice,) = place.notices
    assert "<b>no-such</b>" in notice and "four-islands-in-class" in notice


def test_a_pack_without_tours_says_so_when_one_is_asked_for():
    assert locate((), "any", "1").notices == ("This pack has no tours.",)
    assert locate((), None, None) == TourPlace(None, 0, ())


def test_a_step_known_only_to_its_year_shows_the_end_of_that_year(dispute):
    steps = {s.title: s for s in dispute.tours[0].steps}
    assert step_day(steps["Direct rule from Edo"]) == dt.date(1799, 12, 31)
    assert step_day(steps["1947-1948: the residents removed"]) == dt.date(1947, 7, 1)
    assert step_day(steps["28 August 1945: Etorofu"]) == dt.date(1945, 8, 28)


def test_a_step_lists_its_events_with_dates_at_their_precision_and_its_sources(dispute):
    step = next(s for s in dispute.tours[0].steps if s.date == dt.date(1945, 9, 2))
    events = step_events(dispute, step)
    assert [e["id"] for e in events] == ["japan-surrender-signed", "stalin-victory-address-1945"]
    assert {e["date"] for e in events} == {"2 September 1945"}
    sources = step_sources(dispute, step)
    urls = [url for _, url in sources]
    assert urls[0] == step.source_url and len(urls) == len(set(urls)) == 2
    assert "https://en.wikipedia.org/wiki/Japanese_Instrument_of_Surrender" in urls


def test_every_step_is_dated_like_the_event_whose_source_it_cites(dispute):
    for tour in dispute.tours:
        for step in tour.steps:
            cited = [
                event_by_id(dispute, e)
                for e in step.events
                if str(event_by_id(dispute, e)["source_url"]) == step.source_url
            ]
            assert any(
                (e["date"], e["date_precision"]) == (step.date, step.date_precision) for e in cited
            ), step.title


# --- In another language ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_notices_are_in_the_language_asked_for(dispute, language):
    from geo.i18n import texts

    _ = texts(language).gettext
    (notice,) = locate(dispute.tours, "four-islands-in-class", "99", language=language).notices
    message = "There is no step {asked}: this tour has steps 1 to {total}. Showing step 1."
    assert notice == _(message).format(asked="99", total=16)
    (notice,) = locate(dispute.tours, "nope", None, language=language).notices
    unknown = "There is no tour “{asked}” in this pack (its tours: {known}). Showing “{title}”."
    known = ", ".join(f"“{t.id}”" for t in dispute.tours)
    title = dispute.tours[0].texts()[f"title_{language}"]  # the pack's own translation
    assert notice == _(unknown).format(asked="nope", known=known, title=title)
    assert locate((), "any", "1", language=language).notices == (_("This pack has no tours."),)
    # the catalogue translates them (true once the tours' words are merged into it)
    assert _(message) != message


def test_a_steps_progress_date_and_events_follow_the_language(dispute):
    from geo.dates import format_event_date
    from geo.i18n import texts
    from geo.tours import progress_label, step_date_text

    assert progress_label(2, 16, language="ru") == texts("ru").gettext(
        "Step {number} of {total}"
    ).format(number=3, total=16)
    step = next(s for s in dispute.tours[0].steps if s.date == dt.date(1945, 9, 2))
    assert step_date_text(step, language="ja") == format_event_date(step.date, "day", "ja")
    events = step_events(dispute, step, language="ja")
    assert {e["date"] for e in events} == {format_event_date(step.date, "day", "ja")}
    for record in events:
        event = event_by_id(dispute, record["id"])
        assert (record["title"], record["title_language"]) == (event["title_ja"], "ja")


def test_an_event_without_a_translation_keeps_its_english_and_says_so():
    hans = load_dispute(HANS)
    step = hans.tours[0].steps[0]
    (record, *_) = step_events(hans, step, language="ru")
    assert record["title_language"] == "en"
    assert record["title"] == str(event_by_id(hans, record["id"])["title"])
