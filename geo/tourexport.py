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
from geo.foliummap import script_json, standalone_html
from geo.model import Dispute, Tour
from geo.scene import esc
from geo.tours import (
    progress_label,
    step_date_text,
    step_day,
    step_events,
    step_sources,
    step_view,
)
from geo.view import View

TOUR_FORMATS = ("pdf", "gif", "html")
# A handout is printed; an animation is shown on a screen.
PAGE_SIZE = {"pdf": "a4-landscape", "gif": "slide"}
PDF_DPI = 120
GIF_DPI = 80
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

    from geo.staticmap import export_style, render_figure

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

    from geo.staticmap import Frame, export_style, figure_bytes, render_figure

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


_PANEL_STYLE = """
<style>
.kt-tour { flex: none; max-height: 42vh; overflow: auto; padding: 8px 12px 10px;
  background: #FFFFFF; color: #1A1A1A; font: 14px/1.4 system-ui, sans-serif;
  border-top: 1px solid #CCCCCC; }
.kt-tour h2 { font: 700 15px/1.3 system-ui, sans-serif; margin: 0 0 4px; }
.kt-tour h3 { font: 700 16px/1.3 system-ui, sans-serif; margin: 6px 0 2px; }
.kt-tour p, .kt-tour ul { margin: 4px 0; }
.kt-tour a { color: #0B5394; }
.kt-tour-nav { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.kt-tour-nav progress { flex: 1 1 120px; height: 10px; }
.kt-tour-nav button { font: 14px system-ui, sans-serif; min-height: 30px; padding: 0 10px;
  border: 1px solid #777777; border-radius: 5px; background: #F7F7F7; color: #1A1A1A; }
.kt-tour-nav button:focus-visible { outline: 3px solid #0B5394; outline-offset: 1px; }
.kt-tour-nav button:disabled { color: #6B6B6B; }
</style>
"""

# Builds the panel with textContent only: the steps' texts never become markup.
_PANEL_SCRIPT = """
(function (tour, steps) {
  'use strict';
  var engine = window.kurilEngine;
  var panel = document.createElement('section');
  panel.className = 'kt-tour';
  panel.setAttribute('aria-label', 'Guided tour');
  function el(tag, text, parent) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    parent.appendChild(node);
    return node;
  }
  el('h2', tour, panel);
  var nav = el('div', undefined, panel);
  nav.className = 'kt-tour-nav';
  var prev = el('button', '← Previous', nav);
  prev.type = 'button';
  var next = el('button', 'Next →', nav);
  next.type = 'button';
  var label = el('span', '', nav);
  label.id = 'kt-tour-progress';
  var bar = el('progress', undefined, nav);
  bar.max = steps.length;
  bar.setAttribute('aria-labelledby', 'kt-tour-progress');
  var body = el('div', undefined, panel);
  body.setAttribute('aria-live', 'polite');
  var index = 0;
  function show(i) {
    index = Math.max(0, Math.min(steps.length - 1, i));
    var step = steps[index];
    label.textContent = 'Step ' + (index + 1) + ' of ' + steps.length;
    bar.value = index + 1;
    prev.disabled = index === 0;
    next.disabled = index === steps.length - 1;
    body.replaceChildren();
    el('h3', step.title, body);
    var when = el('p', undefined, body);
    el('strong', step.date, when);
    when.appendChild(document.createTextNode(' — ' + step.caption));
    if (step.eventLines.length) {
      el('p', 'On the map (outlined markers):', body);
      var list = el('ul', undefined, body);
      step.eventLines.forEach(function (line) { el('li', line, list); });
    }
    el('p', 'Sources:', body);
    var sources = el('ul', undefined, body);
    step.sources.forEach(function (s) {
      var a = el('a', s.title, el('li', undefined, sources));
      if (/^https?:\\/\\//.test(s.url)) { a.href = s.url; }
      a.rel = 'noopener';
    });
    engine.setDate(step.day, true);
    engine.highlight(step.events);
    // each step at once: a flight started as the page settles can stop short of its extent
    engine.flyTo(step.bounds, false);
    if (history.replaceState) { history.replaceState(null, '', '#step=' + (index + 1)); }
  }
  prev.addEventListener('click', function () { show(index - 1); });
  next.addEventListener('click', function () { show(index + 1); });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) {
      return;
    }
    if (e.key === 'ArrowLeft' && index > 0) { e.preventDefault(); show(index - 1); }
    if (e.key === 'ArrowRight' && index < steps.length - 1) { e.preventDefault(); show(index + 1); }
  });
  document.body.appendChild(panel);
  window.map.invalidateSize({pan: false});
  var asked = /^#step=(\\d+)$/.exec(location.hash || '');
  show(asked ? Number(asked[1]) - 1 : 0);
  window.kurilTour = {show: function (i) { show(i); }, index: function () { return index; }};
})(TOUR, STEPS);
"""


def tour_html(dispute: Dispute, tour: Tour, view: View, leaflet_js: str, leaflet_css: str) -> str:
    """The tour as one HTML file: the interactive map with every state, and the steps.

    Previous/Next buttons and the ← and → keys move through the steps offline:
    each sets the day, highlights the step's events and flies to its extent.
    ``#step=N`` at the end of the file's address opens step N.

    Parameters
    ----------
    dispute, tour
    view : View
        Gives the naming and filters.
    leaflet_js, leaflet_css : str
        Leaflet, inlined (see :func:`geo.io.read_leaflet_assets`).
    """
    first = step_view(view, tour.steps[0])
    page = standalone_html(dispute, first, leaflet_js, leaflet_css)
    script = _PANEL_SCRIPT.replace("TOUR, STEPS", "TOUR_JSON, STEPS_JSON")
    script = script.replace("TOUR_JSON", script_json(tour.title)).replace(
        "STEPS_JSON", script_json(tour_steps_data(dispute, tour))
    )
    title = f"<title>{esc(tour.title)} — {esc(dispute.manifest.title)}</title>"
    if "</head>" not in page or "</html>" not in page or "<title>" not in page:
        raise RuntimeError("the standalone map changed its page; cannot add the tour")
    start, end = page.index("<title>"), page.index("</title>") + len("</title>")
    page = page[:start] + title + page[end:]
    page = page.replace("</head>", _PANEL_STYLE + "</head>", 1)
    head, _, tail = page.rpartition("</html>")
    return f"{head}<script>{script}</script>\n</html>{tail}"


def export_tour(
    dispute: Dispute,
    tour_id: str,
    view: View,
    fmt: str,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """A tour in one of :data:`TOUR_FORMATS`.

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
    if fmt not in TOUR_FORMATS:
        choices = ", ".join(TOUR_FORMATS)
        raise ExportOptionError(f"unknown tour format '{fmt}'; choose one of {choices}")
    tour = find_tour(dispute, tour_id)
    if fmt == "pdf":
        return tour_pdf(dispute, tour, view, progress)
    if fmt == "gif":
        return tour_gif(dispute, tour, view, progress)
    from geo.io import read_leaflet_assets

    leaflet_js, leaflet_css = read_leaflet_assets()
    return tour_html(dispute, tour, view, leaflet_js, leaflet_css).encode("utf-8")


def tour_filename(dispute: Dispute, tour: Tour, view: View, fmt: str) -> str:
    """``kuril-islands-tour-four-islands-in-class-neutral.pdf`` and the like."""
    return f"{dispute.manifest.id}-tour-{tour.id}-{view.worldview}.{fmt}"
