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
from geo.i18n import DEFAULT_LANGUAGE, Localized, localized, texts
from geo.io import InlineAssets, read_inline_assets, read_package_asset
from geo.model import Dispute, Manifest, Tour
from geo.tours import (
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


def _marked(text: Localized, language: str) -> str:
    """A pack's text for a page or frame (an image: no markup), with a visible mark
    where English stands in for a missing translation."""
    if text.translated:
        return text.text
    _ = texts(language).gettext
    return _("{text} (not translated)").format(text=text.text)


def _naming(manifest: Manifest, code: str, language: str) -> Localized:
    """A worldview's label (``Japanese names``) in a language; its code if the pack has none."""
    worldview = manifest.worldviews.get(code)
    if worldview is None:
        return Localized(code, DEFAULT_LANGUAGE, True)
    record = {"label": worldview.label, **manifest.texts(f"worldviews.{code}.")}
    return localized(record, "label", language)


def step_page_view(
    dispute: Dispute,
    tour: Tour,
    index: int,
    view: View,
    fmt: str,
    *,
    language: str = DEFAULT_LANGUAGE,
) -> View:
    """The view a step's page or frame shows: its day, its events called out, its texts.

    The step's title is the page title; the subtitle gives the date, the tour,
    where the step stands in it and the naming; the caption and the step's own
    source are the note above the footer (which cites the numbered events).
    Every text is in ``language``: the pack's texts in their translation, or in
    English marked "(not translated)"; the view's own words follow it too.
    """
    _ = texts(language).gettext
    step = tour.steps[index]
    own = step.texts()
    subtitle = " · ".join(
        (
            step_date_text(step, language=language),
            _("{tour}, step {number} of {total}").format(
                tour=_marked(localized(tour.texts(), "title", language), language),
                number=index + 1,
                total=len(tour.steps),
            ),
            _marked(_naming(dispute.manifest, view.worldview, language), language),
        )
    )
    return step_view(view, step).replace(
        lang=language,
        title=_marked(localized(own, "title", language), language),
        subtitle=subtitle,
        note=_("{caption} Source: {source}, {url}").format(
            caption=_marked(localized(own, "caption", language), language),
            source=step.source_title,
            url=step.source_url,
        ),
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
    *,
    language: str = DEFAULT_LANGUAGE,
) -> bytes:
    """A handout: one A4 landscape page per step (map, caption, sources).

    Parameters
    ----------
    dispute, tour
    view : View
        Gives the naming and filters; each page sets its step's day.
    progress : callable, optional
        Called with (pages done, pages in all).
    language : str
        The language of every text (a code of :data:`geo.i18n.LANGUAGES`).

    Returns
    -------
    bytes
        A PDF with as many pages as the tour has steps; the same tour, view
        and data always give the same bytes.
    """
    from matplotlib.backends.backend_pdf import PdfPages

    from geo.sheet import export_style
    from geo.staticmap import render_figure

    _, ngettext = texts(language).gettext, texts(language).ngettext
    count = len(tour.steps)
    about = {
        "Title": _marked(localized(tour.texts(), "title", language), language),
        "Subject": ngettext(
            "{description} {count} step, one per page.",
            "{description} {count} steps, one per page.",
            count,
        ).format(
            description=_marked(localized(tour.texts(), "description", language), language),
            count=count,
        ),
        "Keywords": _("{title}; guided tour").format(
            title=localized(dispute.manifest.texts(), "title", language).text
        ),
        "CreationDate": None,
        "ModDate": None,
        "Creator": None,
        "Producer": None,
    }
    buffer = io.BytesIO()
    with export_style(PDF_DPI), PdfPages(buffer, metadata=about) as pdf:
        for index, step in enumerate(tour.steps):
            page = step_page_view(dispute, tour, index, view, "pdf", language=language)
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
    *,
    language: str = DEFAULT_LANGUAGE,
) -> bytes:
    """An animated GIF: one frame per step, its date large, with its title and caption.

    Parameters
    ----------
    dispute, tour, view
        As for :func:`tour_pdf`.
    progress : callable, optional
        Called with (frames done, frames in all).
    language : str
        The language of every text (a code of :data:`geo.i18n.LANGUAGES`).
    """
    from PIL import Image

    from geo.sheet import Frame, export_style
    from geo.staticmap import figure_bytes, render_figure

    frames = []
    with export_style(GIF_DPI):
        for index, step in enumerate(tour.steps):
            page = step_page_view(dispute, tour, index, view, "gif", language=language)
            frame = Frame(step_date_text(step, language=language), "")
            figure = render_figure(dispute, page, GIF_DPI, frame, extent=step.extent)
            rgb = Image.open(io.BytesIO(figure_bytes(figure, "png", GIF_DPI))).convert("RGB")
            frames.append(
                rgb.quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            )
            del rgb, figure
            if progress:
                progress(index + 1, len(tour.steps))
    ngettext = texts(language).ngettext
    tour_texts = tour.texts()
    comment = ngettext(
        "{title}: {count} step, one frame. {description} How to cite: {citation}",
        "{title}: {count} steps, one frame each. {description} How to cite: {citation}",
        len(tour.steps),
    ).format(
        title=_marked(localized(tour_texts, "title", language), language),
        count=len(tour.steps),
        description=_marked(localized(tour_texts, "description", language), language),
        citation=dispute.manifest.how_to_cite,
    )
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        loop=0,
        duration=[FRAME_MS] * (len(frames) - 1) + [LAST_FRAME_MS],
        optimize=False,
        comment=comment.encode(),
    )
    return buffer.getvalue()


def tour_steps_data(
    dispute: Dispute, tour: Tour, *, language: str = DEFAULT_LANGUAGE
) -> list[dict[str, Any]]:
    """What the HTML file's tour panel needs of each step (plain text; the page escapes it).

    Texts are in ``language``; ``titleLang``, ``captionLang`` and each event
    line's ``lang`` say which language a pack's text is in (``"en"`` where
    English stands in for a missing translation, which the panel marks).
    """
    steps = []
    for step in tour.steps:
        own = step.texts()
        title, caption = (localized(own, field, language) for field in ("title", "caption"))
        steps.append(
            {
                "day": step_day(step).isoformat(),
                "precision": step.date_precision,
                "date": step_date_text(step, language=language),
                "bounds": list(step.extent),
                "title": title.text,
                "titleLang": title.language,
                "caption": caption.text,
                "captionLang": caption.language,
                "events": list(step.events),
                "eventLines": [
                    {"date": e["date"], "title": e["title"], "lang": e["title_language"]}
                    for e in step_events(dispute, step, language=language)
                ],
                "sources": [{"title": t, "url": u} for t, u in step_sources(dispute, step)],
            }
        )
    return steps


def panel_words(language: str) -> dict[str, str]:
    """The tour panel's own words in a language, for its script (which has none of its own).

    ``progress`` holds ``{number}`` and ``{total}``; ``event`` holds ``{date}``
    and ``{title}``; ``untranslated`` marks a pack's text shown in English.
    """
    _ = texts(language).gettext
    return {
        "panel": _("Guided tour"),
        "previous": _("← Previous"),
        "next": _("Next →"),
        "progress": _("Step {number} of {total}"),
        "onMap": _("On the map (ringed markers):"),
        "event": _("{date}: {title}"),
        "sources": _("Sources:"),
        "untranslated": _("not translated"),
    }


def tour_html(
    dispute: Dispute,
    tour: Tour,
    view: View,
    inline: InlineAssets,
    *,
    language: str = DEFAULT_LANGUAGE,
) -> str:
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
    language : str
        The language of the page (its ``lang``), of the panel's words and of the
        pack's texts where the pack translates them (English, marked, where not).
    """
    first = step_view(view, tour.steps[0]).replace(lang=language)
    title = localized(tour.texts(), "title", language)
    pack_title = localized(dispute.manifest.texts(), "title", language).text
    return standalone_html(
        dispute,
        first,
        inline,
        title=f"{title.text} — {pack_title}",
        template="tour_page.html",
        extra={
            "tour": {
                "lang": language,
                "title": title.text,
                "titleLang": title.language,
                "words": panel_words(language),
                "steps": tour_steps_data(dispute, tour, language=language),
            },
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
    *,
    language: str = DEFAULT_LANGUAGE,
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
    language : str
        The language of every text (a code of :data:`geo.i18n.LANGUAGES`).

    Raises
    ------
    ValueError
        For an unknown tour or format.
    """
    export_format(fmt, "tours")
    tour = find_tour(dispute, tour_id)
    if fmt == "pdf":
        return tour_pdf(dispute, tour, view, progress, language=language)
    if fmt == "gif":
        return tour_gif(dispute, tour, view, progress, language=language)
    return tour_html(dispute, tour, view, read_inline_assets(), language=language).encode("utf-8")


def tour_filename(dispute: Dispute, tour: Tour, view: View, fmt: str) -> str:
    """``kuril-islands-tour-four-islands-in-class-neutral.pdf`` and the like."""
    return f"{dispute.manifest.id}-tour-{tour.id}-{view.worldview}.{fmt}"
