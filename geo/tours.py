"""Guided tours: the step a link names, and what a step shows.

A tour (``tours.json`` of a pack, validated into :class:`geo.model.Tour`) is an
ordered list of steps. The Story page, the tour exports and the command line
all read a step through these functions, so a step looks the same everywhere:
the same day on the map, the same extent, the same highlighted events.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from geo.dates import format_event_date
from geo.i18n import DEFAULT_LANGUAGE, localized, texts
from geo.model import Dispute, Tour, TourStep
from geo.timeline import event_by_id
from geo.view import View


@dataclass(frozen=True)
class TourPlace:
    """A tour and a step in it, and what was wrong with the link that asked for them.

    Attributes
    ----------
    tour : Tour or None
        ``None`` only when the pack has no tours.
    index : int
        The step, counted from 0.
    notices : tuple of str
        One readable sentence per part of the link that could not be used.
    """

    tour: Tour | None
    index: int
    notices: tuple[str, ...] = ()


def locate(
    tours: tuple[Tour, ...],
    tour_id: str | None,
    step: str | None,
    *,
    language: str = DEFAULT_LANGUAGE,
) -> TourPlace:
    """The tour and step a link's ``tour`` and ``step`` parameters name.

    A missing parameter means the first tour or the first step; a bad one
    falls back the same way, with a notice that says what was asked for and
    what exists.

    Parameters
    ----------
    tours : tuple of Tour
        The pack's tours.
    tour_id : str or None
        The ``tour`` parameter.
    step : str or None
        The ``step`` parameter, counted from 1.
    language : str
        The language of the notices (a code of :data:`geo.i18n.LANGUAGES`).

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> tours = load_dispute().tours
    >>> place = locate(tours, "four-islands-in-class", "3")
    >>> place.index, place.notices
    (2, ())
    >>> locate(tours, "four-islands-in-class", "99").notices[0]
    'There is no step 99: this tour has steps 1 to 16. Showing step 1.'
    """
    _ = texts(language).gettext
    if not tours:
        return TourPlace(None, 0, (_("This pack has no tours."),) if tour_id else ())
    notices: list[str] = []
    by_id = {tour.id: tour for tour in tours}
    tour = tours[0]
    if tour_id is not None and tour_id != "":
        if tour_id in by_id:
            tour = by_id[tour_id]
        else:
            known = ", ".join(f"“{t.id}”" for t in tours)
            notices.append(
                _(
                    "There is no tour “{asked}” in this pack (its tours: {known}). "
                    "Showing “{title}”."
                ).format(
                    asked=tour_id[:80],
                    known=known,
                    title=localized(tour.texts(), "title", language).text,
                )
            )
            step = None  # a step number of another tour means nothing here
    index = 0
    total = len(tour.steps)
    if step is not None and step != "":
        text = step.strip()
        # ASCII digits only: str.isdigit also takes "²", which int() refuses
        if re.fullmatch(r"[0-9]{1,4}", text) and 1 <= int(text) <= total:
            index = int(text) - 1
        else:
            notices.append(
                _(
                    "There is no step {asked}: this tour has steps 1 to {total}. Showing step 1."
                ).format(asked=step[:20], total=total)
            )
    return TourPlace(tour, index, tuple(notices))


def step_day(step: TourStep) -> dt.date:
    """The day the map shows for a step: the step's day, or the end of its year.

    A step dated only to a year shows the end of that year, as the map does
    for a year chosen on its slider, rather than pretending to a day.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> steps = load_dispute().tours[0].steps
    >>> step_day(steps[1]), step_day(steps[5])
    (datetime.date(1799, 12, 31), datetime.date(1945, 8, 28))
    """
    if step.date_precision == "year":
        return dt.date(step.date.year, 12, 31)
    return step.date


def step_view(view: View, step: TourStep) -> View:
    """The view at a step: its day, no single selected event, the rest unchanged."""
    return view.at(step_day(step)).replace(selected_event="", callouts=())


def story_view(default: View, current: View) -> View:
    """The view a tour is told in: every event (the pack's default filters), the
    reader's naming, background and language."""
    return default.replace(worldview=current.worldview, basemap=current.basemap, lang=current.lang)


def step_query(tour: Tour, index: int) -> dict[str, str]:
    """The link parameters of a step (``tour`` and ``step``, counted from 1)."""
    return {"tour": tour.id, "step": str(index + 1)}


def progress_label(index: int, total: int, *, language: str = DEFAULT_LANGUAGE) -> str:
    """``"Step 3 of 16"`` for the third of sixteen steps (in ``language``).

    Examples
    --------
    >>> progress_label(2, 16)
    'Step 3 of 16'
    """
    _ = texts(language).gettext
    return _("Step {number} of {total}").format(number=index + 1, total=total)


def step_date_text(step: TourStep, *, language: str = DEFAULT_LANGUAGE) -> str:
    """The step's date in words, at its precision ("28 August 1945", "1799"), in ``language``."""
    return format_event_date(step.date, step.date_precision, language)


def step_events(
    dispute: Dispute, step: TourStep, *, language: str = DEFAULT_LANGUAGE
) -> list[dict[str, Any]]:
    """The events a step highlights, in the step's order, as plain records.

    Each record has ``id``, ``date`` (in words, at the event's precision, in
    ``language``), ``title`` (in ``language``, or English when the pack has no
    translation), ``title_language`` (the language ``title`` is in: ``"en"``
    where English stands in), ``source_title`` and ``source_url``.
    """
    records = []
    for event_id in step.events:
        event = event_by_id(dispute, event_id)
        if event is None:  # validation refuses unknown ids; a hand-made Tour may not
            continue
        title = localized({str(k): v for k, v in event.items()}, "title", language)
        records.append(
            {
                "id": event_id,
                "date": format_event_date(event["date"], str(event["date_precision"]), language),
                "title": title.text,
                "title_language": title.language,
                "source_title": str(event["source_title"]),
                "source_url": str(event["source_url"]),
            }
        )
    return records


def step_sources(dispute: Dispute, step: TourStep) -> list[tuple[str, str]]:
    """Every source a step names, once each: the step's own, then its events' (title, url)."""
    found = {step.source_url: step.source_title}
    for event in step_events(dispute, step):
        found.setdefault(event["source_url"], event["source_title"])
    return [(title, url) for url, title in found.items()]
