"""Guided tours: validated like the other files, shipped for both packs."""

from __future__ import annotations

import json

import pytest

from geo import paths
from geo.errors import DisputeDataError
from geo.pack import load_dispute
from geo.timeline import event_by_id
from tests.conftest import REPO_ROOT

HANS = REPO_ROOT / "tests" / "fixtures" / "hans_island"


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
            "step 1: caption contains a control character",
        ),
        (lambda t: t.update(id="Not A Slug"), "tours.json:tour 1: id must be a new lowercase slug"),
    ],
)
def test_bad_tours_are_refused_with_file_place_and_problem(pack_copy, edit, expected):
    _edit_tour(pack_copy, edit)
    problems = _problems(pack_copy)
    assert any(expected in p for p in problems), problems
