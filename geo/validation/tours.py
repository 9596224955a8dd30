"""``tours.json`` (optional): guided tours, each an ordered list of dated, captioned
and sourced steps. Which events a step highlights, and whether its extent lies in
the pack's, is checked in :mod:`geo.validation.rules`."""

from __future__ import annotations

import itertools
from typing import Any

from geo.errors import Problem, ngettext
from geo.i18n import N_, TRANSLATED, field_in
from geo.limits import PackLimits
from geo.model import Tour, TourStep
from geo.validation.text import DATE_PRECISIONS, HTTP_URL, SLUG, checked_date, checked_text

FILE = "tours.json"
STEP_KEYS = (
    "date",
    "date_precision",
    "extent",
    "title",
    "caption",
    "events",
    "source_title",
    "source_url",
)


def read_tours(
    raw: dict[str, Any] | None, limits: PackLimits, problems: list[Problem]
) -> tuple[Tour, ...]:
    """The tours, each with its steps in date order (``()`` when the pack has none).

    Parameters
    ----------
    raw : dict or None
        ``tours.json`` as read, or ``None`` when the pack has no tours.
    limits : PackLimits
        The most tours, steps and events per step, and the longest texts.
    problems : list of Problem
        Where each problem found is added.

    Returns
    -------
    tuple of Tour
        Every tour whose steps are all usable.
    """
    if raw is None:
        return ()
    specs = raw.get("tours")
    if not isinstance(specs, list) or not specs:
        problems.append(Problem(FILE, "tours", N_("must be a non-empty list of tours")))
        return ()
    if len(specs) > limits.tours:
        problems.append(
            Problem(
                FILE,
                "tours",
                ngettext(
                    "has {count} tour; at most {most}",
                    "has {count} tours; at most {most}",
                    len(specs),
                ),
                {"count": len(specs), "most": limits.tours},
            )
        )
        return ()
    tours = []
    seen: set[str] = set()
    for number, spec in enumerate(specs, start=1):
        place = f"tour {number}"
        if not isinstance(spec, dict):
            problems.append(Problem(FILE, place, N_("must be an object")))
            continue
        tour_id = spec.get("id")
        if not isinstance(tour_id, str) or not SLUG.fullmatch(tour_id) or tour_id in seen:
            problems.append(Problem(FILE, place, N_("id must be a new lowercase slug")))
            continue
        seen.add(tour_id)
        tour = _tour(tour_id, spec, limits, problems)
        if tour is not None:
            tours.append(tour)
    return tuple(tours)


def _tour(
    tour_id: str, spec: dict[str, Any], limits: PackLimits, problems: list[Problem]
) -> Tour | None:
    """One tour, or ``None`` when any of its steps cannot be used."""
    place = f"tour {tour_id}"
    title = checked_text(spec.get("title", ""), FILE, place, "title", limits.short_text, problems)
    description = checked_text(
        spec.get("description", ""), FILE, place, "description", limits.long_text, problems, True
    )
    steps_spec = spec.get("steps")
    if not title or not isinstance(steps_spec, list) or not steps_spec:
        problems.append(Problem(FILE, place, N_("needs a title and a non-empty list of steps")))
        return None
    if len(steps_spec) > limits.tour_steps:
        problems.append(
            Problem(
                FILE,
                place,
                ngettext(
                    "has {count} step; at most {most}",
                    "has {count} steps; at most {most}",
                    len(steps_spec),
                ),
                {"count": len(steps_spec), "most": limits.tour_steps},
            )
        )
        return None
    steps = [
        _step(step, f"{place} step {n}", limits, problems)
        for n, step in enumerate(steps_spec, start=1)
    ]
    kept = [s for s in steps if s is not None]
    for n, (earlier, later) in enumerate(itertools.pairwise(kept), start=2):
        if later.date < earlier.date:
            problems.append(Problem(FILE, f"{place} step {n}", N_("steps must be in date order")))
    if len(kept) < len(steps):
        return None
    translations = _translations(spec, ("title", "description"), place, limits, problems)
    return Tour(
        id=tour_id,
        title=title,
        description=description,
        steps=tuple(kept),
        translations=translations,
    )


def _translations(
    spec: dict[str, Any],
    fields: tuple[str, ...],
    place: str,
    limits: PackLimits,
    problems: list[Problem],
) -> tuple[tuple[str, str], ...]:
    """The translations an object gives of its texts (``title_ja``…), each checked."""
    found = []
    for field in fields:
        for language in TRANSLATED:
            key = field_in(field, language)
            if key in spec:
                text = checked_text(spec[key], FILE, place, key, limits.long_text, problems, True)
                if text:
                    found.append((key, text))
    return tuple(found)


def _step(spec: Any, place: str, limits: PackLimits, problems: list[Problem]) -> TourStep | None:
    """One step of a tour, or ``None`` with the problems that stop it."""
    if not isinstance(spec, dict):
        problems.append(Problem(FILE, place, N_("must be an object")))
        return None
    missing = [key for key in STEP_KEYS if key not in spec]
    if missing:
        problems.append(Problem(FILE, place, N_("missing: {keys}"), {"keys": ", ".join(missing)}))
        return None
    before = len(problems)
    date = checked_date(str(spec["date"]), FILE, place, "date", limits, problems)
    if spec["date_precision"] not in DATE_PRECISIONS:
        problems.append(Problem(FILE, place, N_("date_precision must be day, month or year")))
    extent = spec["extent"]
    if (
        not isinstance(extent, list)
        or len(extent) != 4
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in extent)
        or not (-180 <= extent[0] < extent[2] <= 180 and -90 <= extent[1] < extent[3] <= 90)
    ):
        problems.append(
            Problem(
                FILE,
                place,
                N_("extent must be [west, south, east, north] inside the pack's extent"),
            )
        )
    texts = {
        key: checked_text(spec[key], FILE, place, key, limits.long_text, problems, multiline=True)
        for key in ("title", "caption", "source_title", "source_url")
    }
    if not all(texts.values()):
        problems.append(Problem(FILE, place, N_("title, caption and source must not be empty")))
    if not HTTP_URL.fullmatch(texts["source_url"]):
        problems.append(Problem(FILE, place, N_("source_url must be an http(s) address")))
    events = spec["events"]
    if not isinstance(events, list) or not all(isinstance(e, str) for e in events):
        problems.append(Problem(FILE, place, N_("events must be a list of event ids")))
    elif len(events) > limits.step_events:
        problems.append(
            Problem(
                FILE,
                place,
                ngettext(
                    "names {count:,} event; at most {most}",
                    "names {count:,} events; at most {most}",
                    len(events),
                ),
                {"count": len(events), "most": limits.step_events},
            )
        )
    elif len(set(events)) != len(events):
        problems.append(Problem(FILE, place, N_("names an event more than once")))
    translations = _translations(spec, ("title", "caption"), place, limits, problems)
    if len(problems) > before or date is None:
        return None
    return TourStep(
        date=date,
        date_precision=str(spec["date_precision"]),
        extent=(float(extent[0]), float(extent[1]), float(extent[2]), float(extent[3])),
        title=texts["title"],
        caption=texts["caption"],
        events=tuple(events),
        source_title=texts["source_title"],
        source_url=texts["source_url"],
        translations=translations,
    )
