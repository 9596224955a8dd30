"""The scene: every distinct state of the map for one pack, naming and set of filters.

The interactive map receives the scene once (a :class:`geo.contract.Scene`)
and switches between its states in the browser (``geo/js/kuril.*.js``), so a
year change costs no server work. Everything the browser shows is decided here: which state holds on
which day, each island's style, tooltip and popup, which boundary lines are
valid, which event markers show in which year and with which number, the
legend and the title. The browser only looks the state up.

A state is everything drawn at a day apart from the events: one style, text
and popup per island, and the valid boundary lines. States change on the days
a sovereignty period or a boundary line starts or ends, so a day anywhere in
a year (for example 1945-09-01) shows its own state.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from geo import contract, theme
from geo.annotation import category_word, marked, short_reference
from geo.contract import (
    Band,
    DateWords,
    EventMarker,
    GroupName,
    HatchPattern,
    Island,
    IslandLook,
    Labels,
    PathStyle,
    Scene,
    Span,
    State,
    Titles,
    YearEvents,
)
from geo.dates import format_event_date, year_end
from geo.depiction import (
    LineDrawing,
    drawn_lines,
    island_rule,
    short_label,
    sources_at,
)
from geo.i18n import DEFAULT_LANGUAGE, N_, Localized, format_date, format_number, localized, texts
from geo.i18n import date_words as language_date_words
from geo.model import Dispute, change_days
from geo.names import display_name, group_name, local_name_lines, party_label
from geo.parties import no_data_label, party_color
from geo.presentation import (
    CAPTION,
    IslandStyle,
    LegendEntry,
    depiction_caption,
    event_legend_entries,
    island_style,
    legend_entries,
    period_line,
    status_line,
    title_patterns,
)
from geo.timeline import (
    change_years,
    event_by_id,
    events_between,
    status_rows,
    year_range,
)
from geo.validation import ALL_ISLANDS
from geo.view import View
from geo.webgeom import WEB_SCALE, encode_geometry, encoded_islands

YEAR_SLOT = "%YEAR%"  # where the browser writes the year into a legend line
# Leaflet styles of the two kinds of line a depiction draws: a border dashed, a line
# of control (not a border) dotted and lighter.
LINE_STYLES = {
    "border": PathStyle(
        color=theme.BOUNDARY,
        weight=2.2,
        dash_array="8 5",
        opacity=0.9,
        class_name="kuril-line kuril-line-border",
    ),
    "line": PathStyle(
        color=theme.CONTROL_LINE,
        weight=2,
        dash_array="2 5",
        opacity=0.9,
        class_name="kuril-line kuril-line-control",
    ),
}
FIRST_DAY = dt.date(1, 1, 1)
# The day the date box gives as its example, in each language's words.
EXAMPLE_DAY = dt.date(1956, 10, 19)
# Play's speeds: milliseconds a year is shown, and how many times the usual pace that is.
SPEEDS = ((1600, 0.5), (800, 1.0), (400, 2.0), (200, 4.0))
# The words of the page's own controls, by the name the plugins look them up by.
LABELS = {
    "time": N_("Time"),
    "play": N_("Play"),
    "pause": N_("Pause"),
    "previous_event": N_("Previous year with an event"),
    "previous": N_("Previous year"),
    "year": N_("Year"),
    "next": N_("Next year"),
    "next_event": N_("Next year with an event"),
    "play_options": N_("Play options"),
    "play_through": N_("Play through"),
    "mode_years": N_("every year"),
    "mode_events": N_("years with events"),
    "mode_changes": N_("years the map changes"),
    "speed": N_("speed"),
    "loop": N_("loop"),
    "from": N_("from"),
    "to": N_("to"),
    "key": N_("Key"),
    "about": N_("About this map"),
    "all_islands": N_("All islands"),
    "strip": N_("Events that concern all the islands"),
    "strip_event": N_("Event {label} (all the islands)"),
    "event": N_("Event {label}"),
    "earlier_event": N_("Earlier event, {year}: {title}"),
    "close": N_("Close"),
    "close_popup": N_("Close popup"),
    "zoom_in": N_("Zoom in"),
    "zoom_out": N_("Zoom out"),
    "touch": N_("Use two fingers to move the map"),
}
PLURAL_COUNTS = 200  # the counts whose plural form the page is told (see Labels)


def esc(value: object) -> str:
    """HTML-escape any value (quotes included)."""
    return html.escape(str(value), quote=True)


def web_style(style: IslandStyle) -> PathStyle:
    """Leaflet path options for an island style (hatching is an SVG pattern fill)."""
    if style.hatched:
        return PathStyle(
            color=style.edge, weight=2, fill_color=f"url(#{style.pattern})", fill_opacity=1
        )
    return PathStyle(
        color=style.edge, weight=1, fill_color=style.fill, fill_opacity=theme.FILL_OPACITY
    )


def state_breaks(dispute: Dispute) -> list[dt.date]:
    """The first day, then every day on which a status, a boundary line or a depiction
    changes."""
    days = change_days(dispute.sovereignty, dispute.boundaries, dispute.depictions)
    return [FIRST_DAY, *sorted(d for d in days if d > FIRST_DAY)]


def _source_link(title: str, url: str) -> str:
    """An escaped link that opens the source in a new tab."""
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(title)}</a>'


def island_info(dispute: Dispute, row: Mapping[str, Any], language: str = DEFAULT_LANGUAGE) -> str:
    """The part of an island's popup that never changes: names, area, local names."""
    _ = texts(language).gettext
    fields = dict.fromkeys(view.name_field for view in dispute.manifest.worldviews.values())
    names = " · ".join(esc(row[k]) for k in fields if row.get(k))
    area = (
        f"{row['area_km2']:,.1f}"
        if language == DEFAULT_LANGUAGE
        else format_number(row["area_km2"], language)
    )
    lines = [
        f"<b>{names}</b>",
        esc(_("Area: {area} km² (computed from the coastline)").format(area=area)),
    ]
    lines.extend(
        esc(line) for line in local_name_lines(dispute.manifest, row["id"], row["group"], language)
    )
    return "<br>".join(lines)


def island_status(
    dispute: Dispute, row: Mapping[str, Any], language: str = DEFAULT_LANGUAGE
) -> str:
    """The part of an island's popup that follows the date: status, period, the event that
    set it, and any note (or why the table does not cover the date)."""
    _ = texts(language).gettext
    lines = [esc(status_line(dispute, row, language))]
    if row["covered"]:
        lines.append(esc(period_line(row, dispute, language)))
        event = event_by_id(dispute, row["event_id"]) if row["event_id"] else None
        if event is not None:
            lines.append(
                esc(_("Set by: {date} — {title} ({source})")).format(
                    date=esc(format_event_date(event["date"], event["date_precision"], language)),
                    title=pack_html(pack_text(event, "title", language), language),
                    source=_source_link(_("source"), event["source_url"]),
                )
            )
    if row["note"]:
        lines.append(f"<i>{pack_html(localized(row, 'note', language), language)}</i>")
    return "<br>".join(lines)


def pack_text(row: pd.Series, field: str, language: str) -> Localized:
    """A text of a table's row (an event, a line) in a language: :func:`geo.i18n.localized`."""
    return localized({str(k): v for k, v in row.items()}, field, language)


def pack_html(text: Localized, language: str = DEFAULT_LANGUAGE) -> str:
    """A pack's text as HTML (escaped); English standing in for a missing translation is
    marked as English, with a visible "(not translated)" after it."""
    if text.translated:
        return esc(text.text)
    mark = esc(texts(language).gettext("not translated"))
    return f'<span lang="en">{esc(text.text)}</span> <small class="kuril-nt">({mark})</small>'


def event_popup(
    event: pd.Series, label: str = "", summary: bool = True, language: str = DEFAULT_LANGUAGE
) -> str:
    """Popup HTML of an event: its label (the page adds it when empty), date, title,
    summary (optional) and source link, in a language (the pack's English where it has
    no translation, marked so)."""
    _ = texts(language).gettext
    when = format_event_date(event["date"], event["date_precision"], language)
    title = pack_html(pack_text(event, "title", language), language)
    return (
        (f"<b>{esc(label)}</b> " if label else "") + f"<b>{title}</b><br>"
        f"<small>{esc(when)} · {esc(category_word(str(event['category']), language))}</small><br>"
        + (f"{pack_html(pack_text(event, 'summary', language), language)}<br>" if summary else "")
        + esc(_("Source: {link}")).format(
            link=_source_link(event["source_title"], event["source_url"])
        )
    )


def legend_rows(entries: list[LegendEntry]) -> str:
    """The legend lines as HTML (escaped)."""
    rows = []
    for entry in entries:
        if entry.kind in ("fill", "none"):
            swatch = f'<span class="sw" style="background:{esc(entry.color)}"></span>'
        elif entry.kind == "hatch":
            swatch = (
                f'<span class="sw" style="background: repeating-linear-gradient(45deg, '
                f'{esc(entry.stripe)} 0 3px, {esc(entry.color)} 3px 8px)"></span>'
            )
        elif entry.kind == "boundary":
            swatch = '<span class="ln"></span>'
        elif entry.kind == "control":
            swatch = '<span class="ln ln-control"></span>'
        else:
            swatch = f'<span class="dot" style="background:{esc(entry.color)}"></span>'
        rows.append(f'<div class="row">{swatch}<span>{esc(entry.label)}</span></div>')
    return "".join(rows)


class _Texts:
    """A table of distinct strings, so repeated popups travel once."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if text not in self.index:
            self.index[text] = len(self.items)
            self.items.append(text)
        return self.index[text]


def _boundaries(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> dict[str, dict[str, Any]]:
    """Every boundary line's geometry, label position and popup details, by id."""
    _ = texts(language).gettext
    out = {}
    for __, line in dispute.boundaries.iterrows():
        event = event_by_id(dispute, line["event_id"]) if line["event_id"] else None
        start = line["valid_from"].isoformat()
        if line["valid_to"]:
            details = esc(
                _("The line itself is dated from {start} to {end}").format(
                    start=start, end=line["valid_to"].isoformat()
                )
            )
        else:
            details = esc(_("The line itself is dated from {start}").format(start=start))
        if line["method"]:
            method = pack_html(pack_text(line, "method", language), language)
            details += "<br><small>" + esc(_("Drawn as: {method}")).format(method=method)
            details += "</small>"
        if event is not None:
            title = pack_text(event, "title", language).text
            details += f"<br>{_source_link(title, event['source_url'])}"
        places = [
            line.geometry.interpolate(fraction, normalized=True)
            for fraction in theme.LINE_LABEL_FRACTIONS
        ]
        out[str(line["id"])] = {
            "id": str(line["id"]),
            "geometry": encode_geometry(line.geometry),
            # where the label may sit along the line, the middle first
            "places": [(round(p.y, 4), round(p.x, 4)) for p in places],
            "details": details,
        }
    return out


def _drawing(
    base: dict[str, Any], drawing: LineDrawing, language: str = DEFAULT_LANGUAGE
) -> contract.LineDrawing:
    """A line as one depiction draws it: its kind's style, its label and popup (its label
    in full, English standing in for a missing translation marked so)."""
    label = Localized(
        drawing.label, language if drawing.translated else DEFAULT_LANGUAGE, drawing.translated
    )
    return contract.LineDrawing(
        id=base["id"],
        geometry=base["geometry"],
        label_places=base["places"],
        kind=drawing.kind,
        style=LINE_STYLES[drawing.kind],
        label=esc(short_label(drawing.label)),
        popup=f"<b>{pack_html(label, language)}</b><br>{base['details']}",
    )


def depiction_sources_html(sources: list[tuple[str, str]], language: str = DEFAULT_LANGUAGE) -> str:
    """The legend line citing the sources of the depiction shown (escaped links)."""
    if not sources:
        return ""
    # short titles keep the legend small; the Data & sources page gives them in full
    links = "; ".join(_source_link(short_reference(title), url) for title, url in sources)
    said = esc(texts(language).gettext("Map drawn from: {links}")).format(links=links)
    return f'<div class="row src"><small>{said}</small></div>'


def group_labels(dispute: Dispute, view: View) -> list[GroupName]:
    """The name of each island group in the view's naming, anchored on its largest island.

    The same names and anchors as the exported images (``geo.staticmap``); the
    page places each name beside its anchor where it overlaps nothing.
    """
    islands = dispute.islands
    labels = []
    for group in dispute.group_ids:
        members = islands[islands["group"] == group]
        if members.empty:
            continue
        largest = members.loc[members["area_km2"].idxmax()]
        anchor = largest.geometry.representative_point()
        labels.append(
            GroupName(
                id=group,
                name=esc(group_name(dispute.manifest, group, view.worldview)),
                at=(round(anchor.y, 4), round(anchor.x, 4)),
            )
        )
    return labels


def _events(
    dispute: Dispute, view: View, first: int, last: int, texts: _Texts
) -> tuple[list[EventMarker], list[YearEvents], list[int]]:
    """The event markers, which of them show in which years, and the years with events.

    A year's own events are a range of the marker list (numbered from 1 in that
    order), the earlier ones in the event range another; years with the same
    ranges travel as one run. The same as :func:`geo.presentation.events_for_view`.
    """
    if not view.show_events:
        return [], [YearEvents(first, last, (0, 0), (0, 0))], []
    chosen = events_between(
        dispute, dt.date(1, 1, 1), dt.date(9999, 12, 31), view.categories, view.groups
    ).sort_values("date", kind="stable")
    years = [d.year for d in chosen["date"]]
    markers = []
    for position, (_, event) in enumerate(chosen.iterrows()):
        markers.append(
            EventMarker(
                id=str(event["id"]),
                lat=float(event["lat"]),
                lon=float(event["lon"]),
                number=position - bisect.bisect_left(years, event["date"].year) + 1,
                title=pack_text(event, "title", view.lang).text,
                year=int(event["date"].year),
                # One popup per event, whatever its role: the page puts the number (a
                # year's own event) or the year (an earlier one) before it, so 2,000
                # events do not send 4,000 popups.
                popup=texts(event_popup(event, language=view.lang)),
                everywhere=tuple(event["islands"]) == (ALL_ISLANDS,),
            )
        )
    runs: list[YearEvents] = []
    for year in range(first, last + 1):
        own = (bisect.bisect_left(years, year), bisect.bisect_right(years, year))
        before = (0, 0)
        upto = min(year - 1, view.event_end)
        if view.show_earlier and view.event_start < year and upto >= view.event_start:
            before = (
                bisect.bisect_left(years, view.event_start),
                bisect.bisect_right(years, upto),
            )
        if runs and (runs[-1].own, runs[-1].earlier) == (own, before):
            runs[-1] = YearEvents(runs[-1].start_year, year, own, before)
        else:
            runs.append(YearEvents(year, year, own, before))
    return markers, runs, sorted(set(years))


def _bands(
    dispute: Dispute,
    first: int,
    last: int,
    spans: list[Span],
    holders: list[tuple[str, ...]],
    language: str = DEFAULT_LANGUAGE,
) -> list[Band]:
    """Periods of the time axis: one band per run of years with the same administrators.

    ``holders`` are the administrators in force from each span's start on.
    """
    _ = texts(language).gettext
    parties = dispute.manifest.parties
    starts = [span.start for span in spans]
    bands: list[Band] = []
    held: list[tuple[str, ...]] = []
    for year in range(first, last + 1):
        now = holders[bisect.bisect_right(starts, f"{year:04d}-12-31") - 1]
        if bands and held[-1] == now:
            bands[-1] = Band(bands[-1].start_year, year, bands[-1].color, bands[-1].label)
            continue
        names = [party_label(dispute.manifest, h, language) for h in now]
        bands.append(
            Band(
                start_year=year,
                end_year=year,
                color=party_color(parties, now[0]) if now else theme.NO_DATA,
                label=(
                    _("{parties} administers").format(parties=" / ".join(names))
                    if names
                    else no_data_label(language)
                ),
            )
        )
        held.append(now)
    return bands


def date_words(language: str = DEFAULT_LANGUAGE) -> DateWords:
    """How the page says a date in a language: the month names and patterns of
    :func:`geo.i18n.date_words` (what :func:`geo.i18n.format_date` writes)."""
    words = language_date_words(language)
    return DateWords(
        months=list(words.months["day"]),
        day=words.patterns["day"],
        month=words.patterns["month"],
        year=words.patterns["year"],
        year_end=year_end("{year}", language),
        month_alone=list(words.months["month"]),
    )


def labels(language: str = DEFAULT_LANGUAGE) -> Labels:
    """The words of the page's own controls in a language, from the catalogue.

    Examples
    --------
    >>> labels("en").words["play"]
    'Play'
    >>> labels("en").counts["earlier"]
    ['{count} earlier', '{count} earlier']
    """
    catalogue = texts(language)
    _ = catalogue.gettext
    words = {name: _(message) for name, message in LABELS.items()}
    example = {
        "year": EXAMPLE_DAY.year,
        "iso": EXAMPLE_DAY.isoformat(),
        "words": format_date(EXAMPLE_DAY, "day", language),
    }
    words["date_title"] = _("A year ({year}), a day ({iso} or {words})").format(**example)
    words["date_label"] = _("Year or day: {year}, {iso} or {words}").format(**example)
    # the date box's hint: a day's form as the language's readers expect it
    words["date_placeholder"] = catalogue.pgettext("date box hint", "YYYY-MM-DD")
    for pace, times in SPEEDS:
        number = f"{times:g}" if language == DEFAULT_LANGUAGE else format_number(times, language)
        words[f"speed_{pace}"] = f"{number}×"
    # the first count that takes each plural form: the texts are written once per form
    plural = [_plural_form(catalogue, n) for n in range(PLURAL_COUNTS)]
    samples = [plural.index(form) for form in range(max(plural) + 1)]
    ngettext = catalogue.ngettext
    counts = {
        "earlier": [ngettext("{count} earlier", "{count} earlier", n) for n in samples],
        "strip_earlier": [
            ngettext(
                "{count} earlier event that concerns all the islands",
                "{count} earlier events that concern all the islands",
                n,
            )
            for n in samples
        ],
        "earlier_here": [
            ngettext("{count} earlier event here", "{count} earlier events here", n)
            for n in samples
        ],
    }
    return Labels(lang=language, words=words, counts=counts, plural=plural)


def _plural_form(catalogue: Any, count: int) -> int:
    """Which plural form of a catalogue a count takes (English: one, or not one)."""
    rule = getattr(catalogue, "plural", None)
    return int(rule(count)) if rule is not None else int(count != 1)


def build_scene(dispute: Dispute, view: View) -> Scene:
    """Every distinct state of the map for a pack and a view's naming and filters.

    Parameters
    ----------
    dispute : Dispute
    view : View
        Only the fields in :func:`geo.view.scene_key` are used; the year, the day and
        the highlighted event are chosen in the browser.

    Returns
    -------
    Scene
        See :class:`geo.contract.Scene`; :func:`geo.contract.to_json` gives what
        the page receives.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> from geo.view import default_view
    >>> dispute = load_dispute()
    >>> scene = build_scene(dispute, default_view(dispute))
    >>> len(scene.islands) == len(dispute.islands)
    True
    """
    parties = dispute.manifest.parties
    first, last = year_range(dispute)
    texts = _Texts()
    records: dict[str, dict[str, Any]] = {
        str(r["id"]): {str(k): v for k, v in r.items()}
        for r in pd.DataFrame(dispute.islands.drop(columns="geometry")).to_dict("records")
    }
    geometries = encoded_islands(dispute)
    largest = set(
        dispute.islands.sort_values("area_km2", ascending=False).drop_duplicates("group")["id"]
    )
    islands = [
        Island(
            id=island_id,
            group=str(records[island_id]["group"]),
            geometry=geometries[island_id],
            name=display_name(records[island_id], dispute.manifest, view.worldview),
            # the popup's fixed part, sent once; each state adds its status part
            info=texts(island_info(dispute, records[island_id], view.lang)),
            tab_stop=island_id in largest,
        )
        for island_id in dispute.islands["id"]
    ]
    bases = _boundaries(dispute, view.lang)
    lines: list[contract.LineDrawing] = []  # one entry per line and the way it is drawn
    drawing_index: dict[LineDrawing, int] = {}
    styles: list[PathStyle] = []
    style_index: dict[PathStyle, int] = {}
    patterns: dict[str, HatchPattern] = {}
    states: list[State] = []
    state_index: dict[str, int] = {}
    spans: list[Span] = []
    holders: list[tuple[str, ...]] = []
    quiet = view.replace(show_events=False)
    for day in state_breaks(dispute):
        statuses = status_rows(dispute, day)
        rule = island_rule(dispute, view.worldview, day)
        drawings = drawn_lines(dispute, view.worldview, day, view.lang)
        for drawing in drawings:
            if drawing not in drawing_index:
                drawing_index[drawing] = len(lines)
                lines.append(_drawing(bases[drawing.id], drawing, view.lang))
        looks = []
        for status in statuses:
            row: dict[str, Any] = {**records[status["id"]], **status}
            style = island_style(parties, row, rule)
            if style.hatched:
                patterns[style.pattern] = HatchPattern(
                    id=style.pattern,
                    base=style.fill,
                    stripe=style.stripe,
                    opacity=theme.FILL_OPACITY,
                )
            options = web_style(style)
            if options not in style_index:
                style_index[options] = len(styles)
                styles.append(options)
            name = display_name(row, dispute.manifest, view.worldview)
            status_text = status_line(dispute, row, view.lang)
            looks.append(
                IslandLook(
                    style=style_index[options],
                    tooltip=texts(f"<b>{esc(name)}</b><br>{esc(status_text)}"),
                    popup=texts(island_status(dispute, row, view.lang)),
                    label=texts(f"{name}: {status_text}"),
                )
            )
        keyed = [  # the legend gives a label in full: marked where it is not translated
            replace(d, label=marked(Localized(d.label, "", d.translated), view.lang))
            for d in drawings
        ]
        legend = legend_entries(dispute, statuses, quiet, (), rule, keyed)
        state = State(
            islands=looks,
            lines=[drawing_index[d] for d in drawings],
            key=legend_rows(legend),
            sources=depiction_sources_html(sources_at(dispute, view.worldview, day), view.lang),
            caption=depiction_caption(dispute, view.worldview, day, view.lang),
        )
        key = repr(state)
        if key not in state_index:
            state_index[key] = len(states)
            states.append(state)
        if spans and spans[-1].state == state_index[key]:
            continue  # nothing the map shows changed on this day
        spans.append(Span(start=day.isoformat(), state=state_index[key]))
        holders.append(tuple(dict.fromkeys(s["administered_by"] for s in statuses if s["covered"])))
    at_year_end, on_day, in_period = title_patterns(dispute, view.lang)
    markers, event_years, ticks = _events(dispute, view, first, last, texts)
    return Scene(
        version=contract.SCENE_VERSION,
        first_year=first,
        last_year=last,
        scale=WEB_SCALE,
        islands=islands,
        land=_land(dispute),
        styles=styles,
        patterns=list(patterns.values()),
        states=states,
        spans=spans,
        lines=lines,
        names=group_labels(dispute, view),
        name_places=theme.name_places(),
        name_touch=theme.NAME_TOUCH,
        name_far=list(theme.NAME_FAR),
        small_group=theme.SMALL_GROUP,
        symbol_radius=theme.SYMBOL_RADIUS,
        events=markers,
        event_years=event_years,
        ticks=ticks,
        bands=_bands(dispute, first, last, spans, holders, view.lang),
        change_years=change_years(dispute),
        titles=Titles(at_year_end=at_year_end, on_day=on_day, in_period=in_period),
        words=date_words(view.lang),
        labels=labels(view.lang),
        event_key=_event_key(view),
        year_slot=YEAR_SLOT,
        caption=_caption(view.lang),
        colors=theme.css_colors(),
        texts=texts.items,
    )


def _land(dispute: Dispute) -> list[contract.EncodedGeometry]:
    """The pack's context land, encoded once per loaded pack."""
    if "web_land" not in dispute.memo:
        dispute.memo["web_land"] = [encode_geometry(g) for g in dispute.context.geometry]
    return list(dispute.memo["web_land"])


def _event_key(view: View) -> str:
    """The key's rows of the event markers, with the page's own count badge."""
    if not view.show_events:
        return ""
    rows = legend_rows(event_legend_entries(view, YEAR_SLOT))
    if view.show_earlier:  # only the page groups earlier events into badges
        several = texts(view.lang).gettext("Several earlier events at one place")
        rows += (
            '<div class="row"><span class="kuril-earlier-badge" aria-hidden="true">3</span>'
            f"<span>{esc(several)}</span></div>"
        )
    return rows


def _caption(language: str) -> str:
    """The key's note when a state has none of its own, in a language."""
    return texts(language).gettext(CAPTION)


def state_index_at(scene: Scene, when: dt.date) -> int:
    """The index of the scene's state shown on a day: the state of the last span that
    starts on or before it (what the browser looks up)."""
    starts = [span.start for span in scene.spans]
    return scene.spans[bisect.bisect_right(starts, when.isoformat()) - 1].state
