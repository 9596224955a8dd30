"""Two maps compared in one image: PNG, SVG or PDF, both legends and what changed.

Each panel is drawn by the single-map renderer's own pieces (:mod:`geo.staticmap`,
styled by :mod:`geo.presentation`), so a panel shows what the interactive map
shows at its date and naming. Both panels share one map window, so the eye
compares like with like. The layout is measured like the single export: a
title, the two dated panels (each with its legend and numbered events), and a
footer that sums up what changed, with sources, data version, licences and how
to cite.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo import annotation, theme
from geo.alttext import pdf_about, svg_about
from geo.compare import Comparison, compare, island_change_lines
from geo.compareview import CompareView
from geo.dates import format_event_date
from geo.depiction import lines_frame
from geo.formats import export_format
from geo.furniture import draw_panel
from geo.i18n import DEFAULT_LANGUAGE, texts
from geo.maplayers import draw_map
from geo.model import Dispute
from geo.names import worldview_label
from geo.presentation import events_for_view
from geo.sheet import (
    DEFAULT_DPI,
    FOOTER_SHARE,
    GAP_IN,
    HEADER_SHARE,
    MARGIN_IN,
    Sheet,
    export_style,
    move_up,
)
from geo.staticmap import figure_bytes, names_shown, with_text_twin
from geo.twin import describe
from geo.view import SIZE_PRESETS, View

COLUMN_GAP_IN = 0.35  # between the two panels, inches
PANEL_SHARE = 0.45  # at most this share of a panel's height goes to its legend and key


def side_title(dispute: Dispute, view: View) -> str:
    """A panel's heading: its date and naming, e.g. "End of 1944 · Japanese names"
    (in the view's language)."""
    _ = texts(view.lang).gettext
    naming = worldview_label(dispute.manifest, view.worldview, view.lang).text
    when = (
        format_event_date(view.date, "day", view.lang)
        if view.day
        else _("End of {year}").format(year=view.year)
    )
    return f"{when} · {naming}"


def _said(view: View, language: str) -> str:
    """A side's date in running text."""
    if view.day:
        return format_event_date(view.date, "day", language)
    return texts(language).gettext("the end of {year}").format(year=view.year)


def compare_title(dispute: Dispute, pair: CompareView) -> str:
    """The image's title: the pack's title and the two dates (in the first view's language)."""
    language = pair.left.lang
    return (
        texts(language)
        .gettext("{title} — {first} and {second} compared")
        .format(
            title=annotation.pack_title(dispute, language),
            first=_said(pair.left, language),
            second=_said(pair.right, language),
        )
    )


def change_summary(
    dispute: Dispute, comparison: Comparison, worldview: str, language: str = DEFAULT_LANGUAGE
) -> str:
    """What changed, in a few sentences for the footer."""
    _ = texts(language).gettext
    ngettext = texts(language).ngettext
    changes = " ".join(island_change_lines(dispute, comparison, worldview, language))
    parts = [_("What changed: {changes}").format(changes=changes)]
    if not comparison.islands:
        parts = [_("What changed: no island changed administrator or claimants.")]
    if comparison.lines_appeared:
        appeared = "; ".join(comparison.lines_appeared)
        parts.append(_("Boundary lines appeared: {lines}.").format(lines=appeared))
    if comparison.lines_gone:
        gone = "; ".join(comparison.lines_gone)
        parts.append(_("Boundary lines gone: {lines}.").format(lines=gone))
    count = len(comparison.events)
    parts.append(
        ngettext(
            "{count} event recorded between the two dates "
            "(listed with sources on the app's Compare page).",
            "{count} events recorded between the two dates "
            "(listed with sources on the app's Compare page).",
            count,
        ).format(count=count)
        if count
        else _("No event recorded between the two dates.")
    )
    return " ".join(parts)


def _data_line(dispute: Dispute, language: str) -> str:
    """Which pack and version the image shows."""
    return (
        texts(language)
        .gettext("Data: pack '{pack}', version {version}.")
        .format(pack=dispute.manifest.id, version=annotation.data_version(dispute, language))
    )


def compare_footer(dispute: Dispute, pair: CompareView, called: tuple[pd.DataFrame, ...]) -> str:
    """The footer: sources of each panel's numbered events, data version, licences, citation."""
    language = pair.left.lang
    _ = texts(language).gettext
    manifest = dispute.manifest
    parts = []
    sentences = (_("Sources, first map: {sources}."), _("Sources, second map: {sources}."))
    for sentence, events in zip(sentences, called, strict=True):
        if not events.empty:
            parts.append(sentence.format(sources=annotation.source_references(events)))
    parts.append(_data_line(dispute, language))
    licence = annotation.licence_text(dispute, language)
    parts.append(_("Licences: {licence}.").format(licence=licence))
    parts.append(_("How to cite: {citation}").format(citation=manifest.how_to_cite))
    return " ".join(parts)


def _both(first: str, second: str, language: str) -> str:
    """Something said of each map, the first's then the second's."""
    return (
        texts(language)
        .gettext("First map: {first} Second map: {second}")
        .format(first=first, second=second)
    )


def twin_text(dispute: Dispute, pair: CompareView) -> str:
    """Both maps in words (the text twin of each), for the file's text alternative."""
    language = pair.left.lang
    first, second = (
        describe(dispute, v.date, v.worldview, end_of_year=not v.day, language=language).sentence
        for v in pair.sides()
    )
    return _both(first, second, language)


def _called(dispute: Dispute, view: View) -> pd.DataFrame:
    """The numbered events of a panel (none when the view hides events)."""
    current, _ = events_for_view(dispute, view)
    return annotation.callout_events(current, view) if view.show_events else current.iloc[0:0]


def render_comparison(
    dispute: Dispute, pair: CompareView, dpi: int = DEFAULT_DPI
) -> tuple[Figure, Comparison]:
    """Draw two maps side by side with their legends, and what changed in the footer.

    Parameters
    ----------
    dispute : Dispute
    pair : CompareView
        The two views; the first view's size preset sets the page (a portrait
        or square preset is drawn as a 16:9 slide: two maps need the width).
    dpi : int
        Resolution the figure is laid out for.

    Returns
    -------
    (matplotlib.figure.Figure, Comparison)
        The figure (draw and save it under :func:`geo.sheet.export_style`)
        and the comparison it summarises.
    """
    size = pair.left.size if pair.left.size in ("slide", "a4-landscape") else "slide"
    width, height = SIZE_PRESETS[size]
    figure = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    FigureCanvasAgg(figure)
    language = pair.left.lang
    sheet = Sheet(figure, dpi, language)
    margin, gap = sheet.px(MARGIN_IN), sheet.px(GAP_IN)
    inner = sheet.width - 2 * margin
    comparison = compare(dispute, pair.left.date, pair.right.date, pair.left.worldview, language)
    called = tuple(_called(dispute, v) for v in pair.sides())

    # Title block.
    heading = sheet.text(
        margin,
        margin,
        compare_title(dispute, pair),
        sheet.size("title"),
        inner,
        sheet.max_lines(HEADER_SHARE / 2, sheet.size("title")),
        fontweight="bold",
        color=theme.TEXT,
        gid="title",
    )
    top = sheet.bottom_of(heading) + 0.6 * gap
    statement = annotation.filter_statement(dispute, pair.left.replace(callouts=()))
    if statement:
        filters = sheet.text(
            margin,
            top,
            statement,
            sheet.size("filters"),
            inner,
            sheet.max_lines(HEADER_SHARE / 2, sheet.size("filters")),
            color=theme.TEXT,
            gid="filters",
        )
        top = sheet.bottom_of(filters) + 0.6 * gap
    top += gap

    # Footer, from the bottom up: sources and citation, then what changed.
    bottom = sheet.height - margin
    footer = sheet.text(
        margin,
        0,
        " ".join(compare_footer(dispute, pair, called).split()),  # line breaks run on
        sheet.size("small"),
        inner,
        sheet.max_lines(FOOTER_SHARE * 2 / 3, sheet.size("small")),
        color=theme.MUTED_TEXT,
        gid="footer",
    )
    bottom = move_up(sheet, footer, bottom) - gap
    summary = sheet.text(
        margin,
        0,
        change_summary(dispute, comparison, pair.left.worldview, language),
        sheet.size("body"),
        inner,
        sheet.max_lines(FOOTER_SHARE / 3, sheet.size("body")),
        color=theme.TEXT,
        gid="changes",
    )
    bottom = move_up(sheet, summary, bottom) - 2 * gap

    # Two panels: heading, map, then legend and key as tall as they need.
    column_gap = sheet.px(COLUMN_GAP_IN)
    column = (inner - column_gap) / 2
    xs = (margin, margin + column + column_gap)
    headings = [
        sheet.text(
            x,
            top,
            side_title(dispute, view),
            sheet.size("heading"),
            column,
            2,
            fontweight="bold",
            color=theme.TEXT,
            gid=f"panel-title-{index}",
        )
        for index, (x, view) in enumerate(zip(xs, pair.sides(), strict=True))
    ]
    map_top = max(sheet.bottom_of(h) for h in headings) + gap
    # each side's lines as its worldview draws them, labelled as its key says
    lines = [lines_frame(dispute, v.worldview, v.date, v.lang) for v in pair.sides()]
    limit = PANEL_SHARE * (bottom - map_top)
    used = [
        draw_panel(sheet, dispute, v, ln, c, None, x, 0, column, limit, columns=2, dry_run=True)
        for x, v, ln, c in zip(xs, pair.sides(), lines, called, strict=True)
    ]
    legend_top = bottom - max(used)
    for x, view, line, events, tall in zip(xs, pair.sides(), lines, called, used, strict=True):
        draw_panel(sheet, dispute, view, line, events, None, x, legend_top, column, tall, columns=2)
    focus = pd.concat([c[["lon", "lat"]] for c in called], ignore_index=True)
    for x, view, line, events in zip(xs, pair.sides(), lines, called, strict=True):
        box = sheet.box(x, map_top, column, legend_top - gap - map_top)
        draw_map(figure, sheet, dispute, view, line, events, box, focus_points=focus)
    return figure, comparison


def export_comparison(
    dispute: Dispute, pair: CompareView, fmt: str = "png", dpi: int = DEFAULT_DPI
) -> bytes:
    """The comparison as one PNG, SVG or PDF file that describes itself.

    The file carries its title, what both maps show in words (the text twin of
    each: SVG ``<title>``/``<desc>`` and metadata, the PDF information
    dictionary, PNG text chunks) and what changed.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> from geo.view import View
    >>> pair = CompareView(View(1944, "jp"), View(1947, "ru"))
    >>> export_comparison(load_dispute(), pair, "png", 72)[:4]
    b'\\x89PNG'
    """
    export_format(fmt, "comparisons")
    with export_style(dpi):
        figure, comparison = render_comparison(dispute, pair, dpi)
        title = compare_title(dispute, pair)
        twin = twin_text(dispute, pair)
        changes = change_summary(dispute, comparison, pair.left.worldview, pair.left.lang)
        about = _metadata(dispute, pair, fmt, title, f"{twin} {changes}")
        data = figure_bytes(figure, fmt, dpi, about)
    if fmt == "svg":  # its text is drawn as outlines: the description says the names shown
        left, right = (names_shown(dispute, v) for v in pair.sides())
        twin = f"{twin} {_both(left, right, pair.left.lang)}"
    return with_text_twin(data, fmt, title, twin)


def _metadata(
    dispute: Dispute, pair: CompareView, fmt: str, title: str, description: str
) -> dict[str, str]:
    """What the comparison's file says about itself, under its format's keys."""
    language = pair.left.lang
    licence = annotation.licence_text(dispute, language)
    cite = _data_line(dispute, language)
    if fmt == "png":
        return {"Title": title, "Description": f"{description} {cite}", "Copyright": licence}
    if fmt == "svg":
        years = f"{pair.left.year}/{pair.right.year}"
        return svg_about({"Title": title, "Rights": licence, "Coverage": years}, description)
    keyword = texts(language).gettext("comparison")
    return pdf_about({"Title": title, "Keywords": f"{keyword}; {cite}"}, description)
