"""A tour as a handout (PDF, one page per step), an animation (GIF, one frame per
step) or one HTML file that tells it offline.

Every page and frame is the static map of the step's view (its day, the
reader's naming, every event) at the step's extent, drawn by
:mod:`geo.staticmap` like any export, with the step's title, caption and
sources. The HTML file is the standalone interactive map
(:func:`geo.foliummap.standalone_html`) with the steps beside it, moved by the
same engine calls as the Story page (``setDate``, ``highlight``, ``flyTo``).
Pure functions: the caller writes the bytes (:func:`geo.io.write_bytes_atomic`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from geo.errors import ExportOptionError
from geo.foliummap import standalone_html
from geo.formats import GIF_DPI, export_format
from geo.io import InlineAssets, read_inline_assets, read_package_asset
from geo.model import Dispute, Tour
from geo.tours import (
    progress_label,
    step_date_text,
    step_day,
    step_events,
    step_sources,
    step_view,
)
from geo.view import View

# A handout is printed; an animation is shown on a screen.
PAGE_SIZE = {"pdf": "a4-landscape", "gif": "slide"}
PDF_DPI = 120
FRAME_MS = 6000  # a caption takes a while to read
LAST_FRAME_MS = 10000


def find_tour(dispute: Dispute, tour_id: str) -> Tour:
    """The pack's tour with this id.

    Raises
    ------
    ValueError
        Naming the tours the pack has.
    """
    for tour in dispute.tours:
        if tour.id == tour_id:
            return tour
    known = ", ".join(t.id for t in dispute.tours) or "none"
    raise ExportOptionError(f"no tour '{tour_id}' in this pack (its tours: {known})")


def step_page_view(dispute: Dispute, tour: Tour, index: int, view: View, fmt: str) -> View:
    """The view a step's page or frame shows: its day, its events called out, its texts.

    The step's title is the page title; the subtitle gives the date, the tour,
    where the step stands in it and the naming; the caption and the step's own
    source are the note above the footer (which cites the numbered events).
    """
    step = tour.steps[index]
    worldview = dispute.manifest.worldviews.get(view.worldview)
    naming = worldview.label if worldview else view.worldview
    subtitle = " · ".join(
        (
            step_date_text(step),
            f"{tour.title}, {progress_label(index, len(tour.steps)).lower()}",
            naming,
        )
    )
    return step_view(view, step).replace(
        title=step.title,
        subtitle=subtitle,
        note=f"{step.caption} Source: {step.source_title}, {step.source_url}",
        callouts=step.events,
        # the step's main event ringed, as the page opens it
        selected_event=step.events[0] if step.events else "",
        size=PAGE_SIZE.get(fmt, view.size),
    )


def tour_pdf(
    dispute: Dispute,
    tour: Tour,
    view: View,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """A handout: one A4 landscape page per step (map, caption, sources).

    Parameters
    ----------
    dispute, tour
    view : View
        Gives the naming and filters; each page sets its step's day.
    progress : callable, optional
        Called with (pages done, pages in all).

    Returns
    -------
    bytes
        A PDF with as many pages as the tour has steps; the same tour, view
        and data always give the same bytes.
    """
    from matplotlib.backends.backend_pdf import PdfPages

    from geo.sheet import export_style
    from geo.staticmap import render_figure

    buffer = io.BytesIO()
    about = {
        "Title": tour.title,
        "Subject": f"{tour.description} {len(tour.steps)} steps, one per page.",
        "Keywords": f"{dispute.manifest.title}; guided tour",
        "CreationDate": None,
        "ModDate": None,
        "Creator": None,
        "Producer": None,
    }
    with export_style(PDF_DPI), PdfPages(buffer, metadata=about) as pdf:
        for index, step in enumerate(tour.steps):
            page = step_page_view(dispute, tour, index, view, "pdf")
            figure = render_figure(dispute, page, PDF_DPI, extent=step.extent)
            pdf.savefig(figure, facecolor="white")
            del figure
            if progress:
                progress(index + 1, len(tour.steps))
    return buffer.getvalue()


def tour_gif(
    dispute: Dispute,
    tour: Tour,
    view: View,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """An animated GIF: one frame per step, its date large, with its title and caption.

    Parameters
    ----------
    dispute, tour, view
        As for :func:`tour_pdf`.
    progress : callable, optional
        Called with (frames done, frames in all).
    """
    from PIL import Image

    from geo.sheet import Frame, export_style
    from geo.staticmap import figure_bytes, render_figure

    frames = []
    with export_style(GIF_DPI):
        for index, step in enumerate(tour.steps):
            page = step_page_view(dispute, tour, index, view, "gif")
            frame = Frame(step_date_text(step), "")
            figure = render_figure(dispute, page, GIF_DPI, frame, extent=step.extent)
            rgb = Image.open(io.BytesIO(figure_bytes(figure, "png", GIF_DPI))).convert("RGB")
            frames.append(
                rgb.quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            )
            del rgb, figure
            if progress:
                progress(index + 1, len(tour.steps))
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        loop=0,
        duration=[FRAME_MS] * (len(frames) - 1) + [LAST_FRAME_MS],
        optimize=False,
        comment=(
            f"{tour.title}: {len(tour.steps)} steps, one frame each. {tour.description} "
            f"How to cite: {dispute.manifest.how_to_cite}"
        ).encode(),
    )
    return buffer.getvalue()


def tour_steps_data(dispute: Dispute, tour: Tour) -> list[dict[str, Any]]:
    """What the HTML file's tour panel needs of each step (plain text; the page escapes it)."""
    return [
        {
            "day": step_day(step).isoformat(),
            "precision": step.date_precision,
            "date": step_date_text(step),
            "bounds": list(step.extent),
            "title": step.title,
            "caption": step.caption,
            "events": list(step.events),
            "eventLines": [f"{e['date']}: {e['title']}" for e in step_events(dispute, step)],
            "sources": [{"title": t, "url": u} for t, u in step_sources(dispute, step)],
        }
        for step in tour.steps
    ]


def tour_html(dispute: Dispute, tour: Tour, view: View, inline: InlineAssets) -> str:
    """The tour as one HTML file: the interactive map with every state, and the steps.

    Previous/Next buttons and the ← and → keys move through the steps offline:
    each sets the day, highlights the step's events and flies to its extent.
    ``#step=N`` at the end of the file's address opens step N. The page is the
    standalone map's template extended with the panel (``tour_page.html``); the
    tour's texts travel as script-safe JSON and the panel sets them as text.

    Parameters
    ----------
    dispute, tour
    view : View
        Gives the naming and filters.
    inline : InlineAssets
        Every script and style of the map (see :func:`geo.io.read_inline_assets`).
    """
    first = step_view(view, tour.steps[0])
    return standalone_html(
        dispute,
        first,
        inline,
        title=f"{tour.title} — {dispute.manifest.title}",
        template="tour_page.html",
        extra={
            "tour": {"title": tour.title, "steps": tour_steps_data(dispute, tour)},
            "panel_script": read_package_asset("tour_panel.js"),
            "panel_style": read_package_asset("tour_panel.css"),
        },
    )


def export_tour(
    dispute: Dispute,
    tour_id: str,
    view: View,
    fmt: str,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """A tour in one of the tour formats of :data:`geo.formats.FORMATS`.

    Parameters
    ----------
    dispute : Dispute
    tour_id : str
        Id of one of the pack's tours.
    view : View
        Naming and filters (each step sets its own day and extent).
    fmt : str
        ``pdf`` (one page per step), ``gif`` (one frame per step) or ``html``.
    progress : callable, optional
        For ``pdf`` and ``gif``: called with (steps done, steps in all).

    Raises
    ------
    ValueError
        For an unknown tour or format.
    """
    export_format(fmt, "tours")
    tour = find_tour(dispute, tour_id)
    if fmt == "pdf":
        return tour_pdf(dispute, tour, view, progress)
    if fmt == "gif":
        return tour_gif(dispute, tour, view, progress)
    return tour_html(dispute, tour, view, read_inline_assets()).encode("utf-8")


def tour_filename(dispute: Dispute, tour: Tour, view: View, fmt: str) -> str:
    """``kuril-islands-tour-four-islands-in-class-neutral.pdf`` and the like."""
    return f"{dispute.manifest.id}-tour-{tour.id}-{view.worldview}.{fmt}"
