"""What an export says about itself: subtitle, filters, sources, data version, metadata.

A published map must state what it leaves out and where its events come from,
on the image and in the file. These texts are decided here from the pack and
the :class:`~geo.view.View`; :mod:`geo.staticmap` only draws them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import pandas as pd
from babel.lists import format_list
from babel.numbers import format_decimal

from geo.dates import format_event_date
from geo.depiction import sources_at
from geo.i18n import DEFAULT_LANGUAGE, LOCALES, Localized, localized, texts
from geo.land import LAND_ID
from geo.model import Dispute
from geo.names import group_name, worldview_label
from geo.presentation import events_for_view, map_title
from geo.timeline import year_range
from geo.view import View

SHORT_TITLE = 44  # characters of a source's title kept in a short reference

# The categories of events the explorer has words for (a pack's other categories are
# shown as the pack writes them): see :func:`category_word`.
EVENT_CATEGORIES = (
    "administrative",
    "diplomatic",
    "exploration",
    "legal",
    "military",
    "natural",
    "other",
    "statement",
    "treaty",
    "visit",
)


def licence_text(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> str:
    """The pack's licences, and GSHHG's when the explorer drew the land around it."""
    _ = texts(language).gettext
    licence = marked(localized(dispute.manifest.texts(), "licence", language), language)
    if LAND_ID in set(dispute.context["id"]):
        licence = _("{licence}; land around: GSHHG (LGPL-3.0-or-later)").format(licence=licence)
    return licence


def _join(items: list[str], language: str = DEFAULT_LANGUAGE) -> str:
    """'a', 'a and b', 'a, b and c' (in another language, as it joins a list)."""
    if language != DEFAULT_LANGUAGE:
        return format_list(items, locale=LOCALES.get(language, language))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def category_word(category: str, language: str = DEFAULT_LANGUAGE) -> str:
    """An event's category in the reader's words: the one place that writes a category.

    The categories of :data:`EVENT_CATEGORIES` come from the catalogue (context
    ``"event category"``); any other is shown as the pack writes it.

    Parameters
    ----------
    category : str
        The category's code as the pack writes it (``"treaty"``).
    language : str
        The reader's language.

    Returns
    -------
    str
        The category's word (its code where the explorer has no word for it).

    Examples
    --------
    >>> category_word("treaty")
    'treaty'
    >>> category_word("fishing")
    'fishing'
    """
    pgettext = texts(language).pgettext
    words = {
        "administrative": pgettext("event category", "administrative"),
        "diplomatic": pgettext("event category", "diplomatic"),
        "exploration": pgettext("event category", "exploration"),
        "legal": pgettext("event category", "legal"),
        "military": pgettext("event category", "military"),
        "natural": pgettext("event category", "natural"),
        "other": pgettext("event category", "other"),
        "statement": pgettext("event category", "statement"),
        "treaty": pgettext("event category", "treaty"),
        "visit": pgettext("event category", "visit"),
    }
    return words.get(category, category)


def pack_title(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> str:
    """The pack's title in a language, else in English."""
    return localized(dispute.manifest.texts(), "title", language).text


def marked(text: Localized, language: str = DEFAULT_LANGUAGE) -> str:
    """A pack's text for an image (no markup), marked where English stands in for a
    missing translation: "Treaty of Shimoda (not translated)"."""
    if text.translated:
        return text.text
    return texts(language).gettext("{text} (not translated)").format(text=text.text)


def event_title(event: Mapping[str, Any] | pd.Series, language: str = DEFAULT_LANGUAGE) -> str:
    """An event's title in a language, else in English, marked as not translated."""
    record: Mapping[str, Any] = (
        event if isinstance(event, Mapping) else {str(k): v for k, v in event.items()}
    )
    return marked(localized(record, "title", language), language)


def naming_subtitle(dispute: Dispute, worldview: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The groups' names in the worldview's order, the other naming in brackets.

    The neutral worldview keeps the pack's own subtitle.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> naming_subtitle(load_dispute(), "ru")
    'Iturup (Etorofu), Kunashir (Kunashiri), Shikotan and Khabomai (Habomai)'
    """
    manifest = dispute.manifest
    chosen = manifest.worldviews.get(worldview)
    if chosen is None or chosen.latin_field == "name_en" or not manifest.groups:
        return localized(manifest.texts(), "subtitle", language).text
    others = [w.latin_field for w in manifest.worldviews.values() if w.code != worldview]
    names = []
    for group in manifest.groups.values():
        main = group.get(chosen.latin_field) or group.get("name_en", "")
        alternatives = [group[f] for f in others if group.get(f) and f != "name_en"]
        alternatives = [a for a in dict.fromkeys(alternatives) if a != main]
        names.append(f"{main} ({', '.join(alternatives)})" if alternatives else main)
    return _join(names, language)


def subtitle(dispute: Dispute, view: View) -> str:
    """The editor's subtitle, or the date shown, the naming and the groups in that naming."""
    if view.subtitle:
        return view.subtitle
    _ = texts(view.lang).gettext
    return _("State at the end of {year} · {naming} · {groups}").format(
        year=view.year,
        naming=worldview_label(dispute.manifest, view.worldview, view.lang).text,
        groups=naming_subtitle(dispute, view.worldview, view.lang),
    )


def title(dispute: Dispute, view: View) -> str:
    """The editor's title, or the pack's title and the year."""
    return map_title(dispute, view)


def filter_statement(dispute: Dispute, view: View) -> str:
    """What the view leaves out, in words; ``""`` when it shows everything.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> from geo.view import default_view
    >>> dispute = load_dispute()
    >>> view = default_view(dispute).replace(categories=("diplomatic",), groups=("shikotan",))
    >>> filter_statement(dispute, view)
    'Events: diplomatic only · groups: Shikotan'
    """
    language = view.lang
    catalogue = texts(language)
    _, ngettext = catalogue.gettext, catalogue.ngettext
    if not view.show_events:
        return _("Events: none shown")
    parts = []
    if view.categories:
        kinds = [category_word(c, language) for c in view.categories]
        parts.append(_("Events: {categories} only").format(categories=_join(kinds, language)))
    if view.groups:
        names = ", ".join(group_name(dispute.manifest, g, view.worldview) for g in view.groups)
        said = _("groups: {names}") if parts else _("Events concerning: {names}")
        parts.append(said.format(names=names))
    first, last = year_range(dispute)
    # earlier events are off unless asked for: shown, they are a choice worth stating
    if view.show_earlier and (view.event_start, view.event_end) != (first, last):
        parts.append(
            _("earlier events from {start} to {end} shown").format(
                start=view.event_start, end=view.event_end
            )
        )
    elif view.show_earlier:
        parts.append(_("earlier events shown"))
    current, _earlier = events_for_view(dispute, view)
    called = callout_events(current, view)
    if view.extent is not None:
        parts.append(_("map window {extent}").format(extent=extent_text(view.extent, language)))
    if len(called) < len(current):
        parts.append(
            ngettext(
                "callouts for {shown} of the {count} event of {year}",
                "callouts for {shown} of the {count} events of {year}",
                len(current),
            ).format(shown=len(called), count=len(current), year=view.year)
        )
    return " · ".join(parts)


def no_callout_reason(dispute: Dispute, view: View) -> str:
    """Why an export's key lists no event of the year, in the reader's words."""
    catalogue = texts(view.lang)
    _, ngettext = catalogue.gettext, catalogue.ngettext
    current, _earlier = events_for_view(dispute, view)
    count, year = len(current), view.year
    if not current.empty and view.extent is not None:
        return ngettext(
            "The {count} event of {year} does not lie in the map window.",
            "None of the {count} events of {year} lies in the map window.",
            count,
        ).format(count=count, year=year)
    if not current.empty:
        return ngettext(
            "No callout is chosen for the {count} event of {year}.",
            "No callout is chosen among the {count} events of {year}.",
            count,
        ).format(count=count, year=year)
    if view.categories or view.groups:
        return _("No event of {year} passes the filters.").format(year=year)
    return _("The table records no event in {year}.").format(year=year)


def extent_text(extent: tuple[float, float, float, float], language: str = DEFAULT_LANGUAGE) -> str:
    """A window in words, e.g. ``145.20–146.10° E, 43.30–44.00° N``.

    Examples
    --------
    >>> extent_text((145.2, 43.3, 146.1, 44.0))
    '145.20–146.10° E, 43.30–44.00° N'
    >>> extent_text((-1.5, -2.0, 1.0, -1.0))
    '1.50° W–1.00° E, 2.00–1.00° S'
    """
    _ = texts(language).gettext
    west, south, east, north = extent

    def number(value: float) -> str:
        if language == DEFAULT_LANGUAGE:
            return f"{value:.2f}"
        return format_decimal(value, format="0.00", locale=LOCALES.get(language, language))

    # one whole phrase per hemisphere: languages put the words before or after the numbers
    longitude = (
        _("{low}–{high}° E"),
        _("{low}–{high}° W"),
        _("{west}° W–{east}° E"),
    )
    latitude = (
        _("{low}–{high}° N"),
        _("{low}–{high}° S"),
        _("{south}° S–{north}° N"),
    )

    def degrees(low: float, high: float, phrases: tuple[str, str, str]) -> str:
        if low >= 0:
            return phrases[0].format(low=number(low), high=number(high))
        if high <= 0:
            return phrases[1].format(low=number(-low), high=number(-high))
        return phrases[2].format(
            west=number(-low), east=number(high), south=number(-low), north=number(high)
        )

    return _("{longitude}, {latitude}").format(
        longitude=degrees(west, east, longitude), latitude=degrees(south, north, latitude)
    )


def callout_events(current: pd.DataFrame, view: View) -> pd.DataFrame:
    """The year's events with a numbered callout: those chosen (default all) in the window."""
    chosen = current[current["id"].isin(view.callouts)] if view.callouts else current
    if view.extent is None:
        return chosen
    west, south, east, north = view.extent
    # an event outside the window shown cannot be pointed at
    return chosen[chosen["lon"].between(west, east) & chosen["lat"].between(south, north)]


def callout_choices(dispute: Dispute, view: View) -> dict[str, str]:
    """The year's events an editor may give callouts, id -> "3. 28 August 1945 Title"."""
    current, _earlier = events_for_view(dispute, view)
    return {
        str(event["id"]): f"{event['number']}. "
        f"{format_event_date(event['date'], event['date_precision'], view.lang)} "
        f"{event_title(event, view.lang)}"
        for _, event in current.iterrows()
    }


def chosen_callouts(chosen: list[str], choices: list[str]) -> tuple[str, ...]:
    """The callouts a view keeps: choosing none, or all, means all (stored as empty)."""
    kept = [c for c in chosen if c in choices]
    return () if len(kept) in (0, len(choices)) else tuple(kept)


def short_reference(source_title: str) -> str:
    """A source as 'Publisher, “Title”', the title shortened.

    Examples
    --------
    >>> short_reference("Treaty of Shimoda — Wikipedia")
    'Wikipedia, “Treaty of Shimoda”'
    """
    work, _, publisher = source_title.rpartition(" — ")
    if not work:
        work, publisher = publisher, ""
    work = shorten_title(work, SHORT_TITLE)
    return f"{publisher}, “{work}”" if publisher else f"“{work}”"


def shorten_title(title: str, most: int) -> str:
    """A title of at most about ``most`` characters, cut between words: what names the
    document (before a colon or a bracket), its start and its end, which tells volumes,
    parts and documents apart ("Document 83", "Document 87").

    Examples
    --------
    >>> shorten_title("FRUS 1955–1957, vol. XXIII, part 1, Japan, Document 87", 40)
    'FRUS 1955–1957, vol. … Document 87'
    >>> shorten_title("FRUS 1955–1957 vol. XXIII part 1, Document 89: Memorandum of a talk", 44)
    'FRUS 1955–1957 vol. XXIII part 1, Document 89…'
    >>> shorten_title("Treaty of Shimoda", 40)
    'Treaty of Shimoda'
    """
    if len(title) <= most:
        return title
    # what comes after a colon or a bracket describes the document: dropped first
    cut = min((i for i in (title.find(": "), title.find(" (")) if i > 0), default=-1)
    if cut > 0:
        core = title[:cut].rstrip(" ,;:—-")
        return (core if len(core) <= most + 8 else _middle_cut(core, most)) + "…"
    return _middle_cut(title, most)


def _middle_cut(title: str, most: int) -> str:
    """A title cut in its middle, between words, keeping its start and its last words."""
    words = title.split()
    head: list[str] = []
    tail: list[str] = []
    # the end's last two words (a number and its noun) first, then the start
    while words and len(tail) < 2 and len(" ".join([words[-1], *tail])) <= most // 2:
        tail.insert(0, words.pop())
    while words and len(" ".join([*head, words[0]])) + len(" ".join(tail)) + 3 <= most:
        head.append(words.pop(0))
    if not head:  # one long word (or text without spaces): cut it
        return title[: most - 1].rstrip(" ,;:—-") + "…"
    start = " ".join(head).rstrip(" ,;:—-")
    return f"{start} … {' '.join(tail)}" if tail else f"{start}…"


def source_references(events: pd.DataFrame) -> str:
    """The numbered events' sources, each once, with the numbers that cite it."""
    numbers: dict[str, list[str]] = {}
    for _, event in events.iterrows():
        numbers.setdefault(str(event["source_title"]), []).append(str(event["number"]))
    return "; ".join(
        f"{', '.join(cited)} {short_reference(source)}" for source, cited in numbers.items()
    )


def data_version(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> str:
    """The size, newest year and fingerprint of the pack's data: '59 events to 2025, 1a2b3c4d'.

    The fingerprint is a SHA-256 of the loaded tables, so two exports that give
    the same version were made from the same data.
    """
    if "data_fingerprint" not in dispute.memo:
        digest = hashlib.sha256()
        for table in (dispute.events, dispute.sovereignty):
            digest.update(table.to_csv(index=False).encode("utf-8"))
        digest.update(dispute.islands.drop(columns="geometry").to_csv(index=False).encode("utf-8"))
        digest.update(dispute.islands.geometry.to_wkb().map(bytes.hex).str.cat().encode("ascii"))
        if dispute.depictions:  # each side's map is data too
            digest.update(repr(dispute.depictions).encode("utf-8"))
        dispute.memo["data_fingerprint"] = digest.hexdigest()[:8]
    ngettext = texts(language).ngettext
    count = len(dispute.events)
    newest = max(dispute.events["date"]) if not dispute.events.empty else None
    if newest:
        span = ngettext("{count} event to {year}", "{count} events to {year}", count)
    else:
        span = ngettext("{count} event", "{count} events", count)
    said = span.format(count=count, year=newest.year if newest else "")
    return (
        texts(language)
        .gettext("{events}, {fingerprint}")
        .format(events=said, fingerprint=dispute.memo["data_fingerprint"])
    )


def footer(dispute: Dispute, view: View, events: pd.DataFrame) -> str:
    """Sources of the numbered events, data version, licences and how to cite."""
    manifest = dispute.manifest
    language = view.lang
    _ = texts(language).gettext
    parts = []
    if not events.empty:
        parts.append(
            _("Sources of the numbered events: {sources}.").format(
                sources=source_references(events)
            )
        )
    drawn_from = sources_at(dispute, view.worldview, view.date)
    if drawn_from:
        # titles only, as for the events: the Data & sources page and the map's legend link them
        cited = "; ".join(short_reference(title) for title, _url in drawn_from)
        parts.append(_("Map drawn from: {sources}.").format(sources=cited))
    parts.append(
        _("Data: pack '{pack}', version {version}.").format(
            pack=manifest.id, version=data_version(dispute, language)
        )
    )
    parts.append(_("Licences: {licences}.").format(licences=licence_text(dispute, language)))
    citation = marked(localized(manifest.texts(), "how_to_cite", language), language)
    parts.append(_("How to cite: {citation}").format(citation=citation))
    return " ".join(parts)


def frame_caption(dispute: Dispute, year: int, language: str = DEFAULT_LANGUAGE) -> str:
    """What changed in a year: the events that opened a period or a boundary then.

    Used for the frames of the animation, whose fill changes need a reason even
    when the view's filters leave no event of that year.
    """
    ids = [
        e
        for start, e in zip(
            dispute.sovereignty["start"], dispute.sovereignty["event_id"], strict=True
        )
        if start is not None and start.year == year
    ]
    if not dispute.boundaries.empty and "event_id" in dispute.boundaries:
        ids += [
            e
            for start, e in zip(
                dispute.boundaries["valid_from"], dispute.boundaries["event_id"], strict=True
            )
            if start is not None and start.year == year
        ]
    events = dispute.events[dispute.events["id"].isin(set(ids))]
    _ = texts(language).gettext
    lines = [
        _("{date}: {title}").format(
            date=format_event_date(e["date"], e["date_precision"], language),
            title=event_title(e, language),
        )
        for _row, e in events.sort_values("date", kind="stable").iterrows()
    ]
    return "; ".join(lines)


def metadata(dispute: Dispute, view: View, fmt: str) -> dict[str, str]:
    """What the exported file says about itself, under the keys its format uses.

    PNG text chunks (``Title``, ``Description``, ``Source``, ``Copyright``),
    SVG Dublin Core (``Title``, ``Description``, ``Source``, ``Rights``,
    ``Coverage``) and the PDF information dictionary (``Title``, ``Subject``,
    ``Keywords``).
    """
    _ = texts(view.lang).gettext
    current, _earlier = events_for_view(dispute, view)
    called = callout_events(current, view)
    statement = filter_statement(dispute, view) or _("Filters: none (every event shown)")
    description = " ".join(
        part
        for part in (
            f"{subtitle(dispute, view)}.",
            f"{statement}.",
            _("Note: {note}").format(note=view.note) if view.note else "",
            footer(dispute, view, called),
        )
        if part
    )
    sources = source_references(called) or _("no event shown")
    heading = title(dispute, view)
    if fmt == "png":
        return {
            "Title": heading,
            "Description": description,
            "Source": sources,
            "Copyright": licence_text(dispute, view.lang),
            "Comment": statement,
        }
    if fmt == "svg":
        return {
            "Title": heading,
            "Description": description,
            "Source": sources,
            "Rights": licence_text(dispute, view.lang),
            "Coverage": f"{view.year}",
        }
    if fmt == "pdf":
        return {"Title": heading, "Subject": description, "Keywords": statement}
    return {"Comment": f"{heading}. {description}"}


def animation_comment(dispute: Dispute, view: View, periods: list[str]) -> str:
    """What an animated GIF says about itself: its frames, the filters and how to cite."""
    manifest = dispute.manifest
    language = view.lang
    _ = texts(language).gettext
    statement = filter_statement(dispute, view) or _("Filters: none (every event shown)")
    heading = view.title or _("{title} — one frame per state: {periods}").format(
        title=pack_title(dispute, language), periods=", ".join(periods)
    )
    return _(
        "{heading}. {filters}. Each frame lists its year's events; their sources are cited "
        "in the pack's events.csv. Data: pack '{pack}', version {version}. "
        "Licences: {licences}. How to cite: {citation}"
    ).format(
        heading=heading,
        filters=statement,
        pack=manifest.id,
        version=data_version(dispute, language),
        licences=licence_text(dispute, language),
        citation=marked(localized(manifest.texts(), "how_to_cite", language), language),
    )
