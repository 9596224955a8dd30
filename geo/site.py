"""The static site: a pack published as files that any static host serves.

:func:`build_site` returns every file of the site as bytes (the command line
writes them with :func:`geo.io.write_site`); nothing here reads or writes
disk. The map is the app's own map document (:func:`geo.foliummap.map_html`),
one per worldview, each holding every state of the map and the time engine,
with Leaflet copied into the site. A small page around it (``index.html``)
switches the worldview and keeps the day in the address
(``index.html?date=1945-09-01&wv=ru``). Beside it: the events with their
sources, the tours, the map in words (the text twin of every distinct state),
and downloads: the pack's own files, a GeoJSON file of the joined islands per
distinct state and PNG and SVG exports of every distinct state made by the
same code as the app's downloads.

A distinct state is a span of days over which the map does not change: the
scene's ``breaks`` (:func:`geo.scene.build_scene`), clipped to the years the
map's time control offers.

The pages come from autoescaping templates (``geo/templates/site``, see
:mod:`geo.templating`): every text is escaped, and data embedded in a script
is script-safe JSON. File names under
``assets/`` carry a hash of their content, so a host may cache them for ever
(``_headers``, the cache rules for Netlify and Cloudflare Pages).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import shapely.geometry
from markupsafe import Markup, escape

from geo import paths
from geo.annotation import EVENT_CATEGORIES, category_word
from geo.contract import Scene
from geo.dates import format_event_date
from geo.export import export, export_filename
from geo.foliummap import AssetUrls, map_html
from geo.i18n import DEFAULT_LANGUAGE, Localized, format_number, localized, texts
from geo.model import Dispute
from geo.names import display_name, group_name, name_list, worldview_label
from geo.scene import build_scene
from geo.templating import render
from geo.timeline import boundaries_valid_at, status_rows
from geo.twin import describe
from geo.view import View, default_view

IMAGE_FORMATS = ("png", "svg")
LONG_CACHE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
_COORDINATE_DIGITS = 6  # about 0.1 m: finer than the coastline data


@dataclass(frozen=True)
class SiteState:
    """One distinct state of the map as the site shows it.

    Attributes
    ----------
    number : int
        Position in time order, from 1.
    start : datetime.date
        The first day the map's time control can show it.
    end : datetime.date or None
        The last day it holds, or None while it still holds.
    shown : datetime.date
        The day its page, image and map link show: the end of its first year
        when the state still holds then, else its first day.
    """

    number: int
    start: dt.date
    end: dt.date | None
    shown: dt.date

    @property
    def at_year_end(self) -> bool:
        """Whether :attr:`shown` is the end of a year (the map's year view)."""
        return (self.shown.month, self.shown.day) == (12, 31)

    @property
    def when(self) -> str:
        """The shown day as file names and the address give it: ``1950`` or ``1945-09-01``."""
        return str(self.shown.year) if self.at_year_end else self.shown.isoformat()


def site_states(scene: Scene) -> list[SiteState]:
    """The distinct states of a scene that its time control can reach, oldest first.

    Parameters
    ----------
    scene : Scene
        What :func:`geo.scene.build_scene` returns.

    Returns
    -------
    list of SiteState

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> dispute = load_dispute()
    >>> states = site_states(build_scene(dispute, default_view(dispute)))
    >>> [s.when for s in states][-2:]
    ['1946', '1991']
    """
    first = dt.date(scene.first_year, 1, 1)
    last = dt.date(scene.last_year, 12, 31)
    days = [dt.date.fromisoformat(span.start) for span in scene.spans]
    states: list[SiteState] = []
    for day, following in zip(days, [*days[1:], None], strict=True):
        end = following - dt.timedelta(days=1) if following is not None else None
        start = max(day, first)
        if start > last or (end is not None and end < first):
            continue  # outside the years the map offers: no reader can reach it
        year_end = dt.date(start.year, 12, 31)
        shown = year_end if end is None or year_end <= end else start
        states.append(SiteState(len(states) + 1, start, end, shown))
    return states


def _period_label(state: SiteState, first_year: int, language: str = DEFAULT_LANGUAGE) -> str:
    """ "1 January 1799 – 31 December 1820", "1644 – 31 December 1798", "… – today"."""
    _ = texts(language).gettext
    start = (
        format_event_date(state.start, "year", language)
        if state.start == dt.date(first_year, 1, 1)
        else format_event_date(state.start, "day", language)
    )
    if state.end == state.start:
        return start
    end = format_event_date(state.end, "day", language) if state.end is not None else _("today")
    return f"{start} – {end}"


def pack_text(text: Localized, language: str) -> Markup:
    """A pack's text for a page, escaped; where English stands in for a missing translation,
    in ``<span lang="en">`` followed by a visible "(not translated)".

    Examples
    --------
    >>> pack_text(Localized("A <b>", "en", True), "en")
    Markup('A &lt;b&gt;')
    >>> str(pack_text(Localized("Treaty", "en", False), "ru")).split(" <small")[0]
    '<span lang="en">Treaty</span>'
    """
    if text.translated or not text.text:
        return escape(text.text)
    _ = texts(language).gettext
    return Markup('<span lang="{}">{}</span> <small class="untranslated">({})</small>').format(
        text.language, text.text, _("not translated")
    )


def _english(text: str, language: str) -> Markup:
    """A pack's text that has no translations (licence, citation), escaped; said to be
    English (``lang="en"``) on a page in another language."""
    if language == DEFAULT_LANGUAGE or not text:
        return escape(text)
    return Markup('<span lang="en">{}</span>').format(text)


def _with_links(message: str, **values: str | Markup) -> Markup:
    """One of our sentences with markup put into its placeholders: the sentence escaped,
    each text value escaped, each :class:`Markup` value (a link's tags) as it is.

    The sentence stands in an element's text, never in an attribute: its quotes and
    apostrophes stay as they are ("explorer's").
    """
    sentence = str(escape(message)).replace("&#39;", "'").replace("&#34;", '"')
    return Markup(sentence).format(**values)


def _hashed(name: str, data: bytes) -> str:
    """``site.css`` → ``site.1a2b3c4d5e.css``: a name that changes whenever the content does."""
    stem, _, suffix = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{suffix}"


def _map_link(when: dt.date | str, event: str = "", worldview: str = "") -> str:
    """Address of the map page at a year's end or a day, optionally with an event highlighted."""
    if isinstance(when, dt.date):
        at_year_end = (when.month, when.day) == (12, 31)
        params = {"year": str(when.year)} if at_year_end else {"date": when.isoformat()}
    else:
        params = {"year": when}
    if worldview:
        params["wv"] = worldview
    if event:
        params["ev"] = event
    return "index.html?" + urlencode(params)


def _event_day(date: dt.date, precision: str) -> dt.date:
    """The day a link to an event opens the map on: the day if known, else the year's end."""
    return date if precision == "day" else dt.date(date.year, 12, 31)


def _round(value: Any) -> Any:
    """Coordinates rounded to :data:`_COORDINATE_DIGITS` (nested lists of floats)."""
    if isinstance(value, float):
        return round(value, _COORDINATE_DIGITS)
    return [_round(item) for item in value]


def state_geojson(dispute: Dispute, state: SiteState) -> dict[str, Any]:
    """The joined islands at a state's shown day as a GeoJSON FeatureCollection.

    Each feature carries the island's columns and its status (``administered_by``,
    ``claimed_by`` as a list, ``contested``, ``covered``, ``period_start``,
    ``period_end``, ``event_id``, ``note``); the collection says which day and
    span it stands for and which boundary lines are valid.
    """
    statuses = {row["id"]: row for row in status_rows(dispute, state.shown)}
    columns = [c for c in dispute.islands.columns if c != "geometry"]
    features = []
    for record, geometry in zip(
        pd.DataFrame(dispute.islands[columns]).to_dict("records"),
        dispute.islands.geometry,
        strict=True,
    ):
        status = statuses[record["id"]]
        properties = {str(k): _plain(v) for k, v in record.items()}
        properties.update({k: _plain(v) for k, v in status.items() if k not in ("id", "group")})
        shape = shapely.geometry.mapping(geometry)
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": {"type": shape["type"], "coordinates": _round(shape["coordinates"])},
            }
        )
    return {
        "type": "FeatureCollection",
        "pack": dispute.manifest.id,
        "state": {
            "shown": state.shown.isoformat(),
            "from": state.start.isoformat(),
            "to": state.end.isoformat() if state.end else None,
            "boundaries": list(boundaries_valid_at(dispute, state.shown)),
        },
        "features": features,
    }


def _plain(value: Any) -> Any:
    """A value as JSON holds it (dates as ISO text, tuples as lists, NaN as null)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


@dataclass(frozen=True)
class _Context:
    """What every page shares: the pack, its naming, file names and the page frame."""

    dispute: Dispute
    view: View
    scene: Scene
    states: list[SiteState]
    css: str
    script: str
    has_tours: bool
    fonts: str  # the served web fonts' style sheet (in the copied plugins' folder)
    language: str = DEFAULT_LANGUAGE

    def pack(self, record: Mapping[str, Any], field: str) -> Markup:
        """A text of the pack in the site's language, marked where English stands in."""
        return pack_text(localized(record, field, self.language), self.language)

    def naming(self, code: str) -> Localized:
        """A worldview's label in the site's language."""
        return worldview_label(self.dispute.manifest, code, self.language)

    def page(self, name: str, title: str, wide: bool = False, **values: Any) -> bytes:
        """A whole page from ``geo/templates/site/<name>``, with the header, navigation
        and footer of ``site/base.html``, in the site's language."""
        _ = texts(self.language).gettext
        manifest = self.dispute.manifest
        own = manifest.texts()
        pack_title = localized(own, "title", self.language)
        subtitle = localized(own, "subtitle", self.language)
        nav = [("index.html", _("Map")), ("events.html", _("Events"))]
        if self.has_tours:
            nav.append(("tours.html", _("Tours")))
        nav += [("states.html", _("The map in words")), ("data.html", _("Downloads"))]
        words = {
            "skip": _("Skip to the content"),
            "site": _("Site"),
            "how_to_cite": _with_links(
                _("How to cite: {citation}"),
                citation=pack_text(
                    localized(manifest.texts(), "how_to_cite", self.language), self.language
                ),
            ),
            "static_copy": _(
                "A static copy of the explorer: every date, naming and download works "
                "without a server program."
            ),
        }
        text = render(
            f"site/{name}",
            lang=self.language,
            pack_title=pack_text(pack_title, self.language),
            pack_subtitle=pack_text(subtitle, self.language),
            description=subtitle.text or pack_title.text,
            licence=pack_text(localized(manifest.texts(), "licence", self.language), self.language),
            full_title=title if name == "index.html" else f"{title} — {pack_title.text}",
            css=self.css,
            fonts=self.fonts,
            nav=nav,
            current=name,
            wide=wide,
            words=words,
            **values,
        )
        return text.encode("utf-8")


def _state_files(context: _Context, state: SiteState) -> dict[str, str]:
    """The download paths of one state: its GeoJSON and its images."""
    view = context.view.at(state.shown)
    files = {"geojson": f"downloads/states/{context.dispute.manifest.id}-{state.when}.geojson"}
    for fmt in IMAGE_FORMATS:
        files[fmt] = f"downloads/images/{export_filename(context.dispute, view, fmt)}"
    return files


def _index_page(context: _Context) -> bytes:
    """The map page: the naming switch, the map document in a frame, the map in words."""
    dispute, states, language = context.dispute, context.states, context.language
    _ = texts(language).gettext
    first = context.scene.first_year
    title = localized(dispute.manifest.texts(), "title", language)
    config = {
        "lang": language,
        "worldviews": list(dispute.manifest.worldviews),
        "default": context.view.worldview,
        "first": first,
        "last": context.scene.last_year,
        "events": sorted(str(e) for e in dispute.events["id"]),
        "states": [
            {
                "from": state.start.isoformat(),
                "number": state.number,
                "period": _period_label(state, first, language),
                "files": _state_files(context, state),
                # said of the state's first day: the box under the map shows the period
                "twin": {
                    code: describe(
                        dispute, state.start, code, end_of_year=False, language=language
                    ).sentence
                    for code in dispute.manifest.worldviews
                },
            }
            for state in states
        ],
    }
    states_link = Markup('<a href="states.html">')
    words = {
        "names": _("Names"),
        "map_frame": _("Map of {title} with its time control").format(title=title.text),
        "what_map_shows": _("What the map shows"),
        "no_script": _with_links(
            _("The map needs JavaScript; {link}the map in words{end} does not."),
            link=states_link,
            end=Markup("</a>"),
        ),
        "this_state": _("This state:"),
        "in_words": _("in words"),
    }
    return context.page(
        "index.html",
        title.text,
        wide=True,
        default_worldview=context.view.worldview,
        namings=[
            (code, pack_text(context.naming(code), language))
            for code in dispute.manifest.worldviews
        ],
        page_words=words,
        config=config,
        script=context.script,
    )


def _island_records(dispute: Dispute) -> dict[str, dict[str, Any]]:
    """Each island's columns (no geometry) by id."""
    return {
        str(r["id"]): {str(k): v for k, v in r.items()}
        for r in pd.DataFrame(dispute.islands.drop(columns="geometry")).to_dict("records")
    }


def _place_names(
    dispute: Dispute,
    records: Mapping[str, Mapping[str, Any]],
    tokens: tuple[str, ...],
    worldview: str,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """An event's islands or groups as names ("all islands" for ``all``)."""
    _ = texts(language).gettext
    names = []
    for token in tokens:
        if token == "all":
            names.append(_("all islands"))
        elif token in dispute.manifest.groups:
            names.append(group_name(dispute.manifest, token, worldview))
        elif token in records:
            names.append(display_name(records[token], dispute.manifest, worldview))
        else:
            names.append(token)
    return name_list(names, language)


def _category(category: str, language: str) -> Markup:
    """An event's category in words (:func:`geo.annotation.category_word`); a category
    only a pack uses as it writes it (English)."""
    if category in EVENT_CATEGORIES:
        return escape(category_word(category, language))
    return _english(category, language)


def _events_page(context: _Context) -> bytes:
    """Every event by year: date at its precision, category, places, summary and source."""
    dispute, language = context.dispute, context.language
    _, ngettext = texts(language).gettext, texts(language).ngettext
    events = dispute.events.sort_values("date", kind="stable")
    records = _island_records(dispute)
    years: dict[int, list[dict[str, Any]]] = {}
    for row in events.to_dict("records"):
        event = {str(k): v for k, v in row.items()}
        day, precision = event["date"], str(event["date_precision"])
        years.setdefault(day.year, []).append(
            {
                "id": str(event["id"]),
                "title": context.pack(event, "title"),
                "iso": day.isoformat(),
                "when": format_event_date(day, precision, language),
                "category": _category(str(event["category"]), language),
                "places": _place_names(
                    dispute, records, tuple(event["islands"]), context.view.worldview, language
                ),
                "summary": context.pack(event, "summary"),
                "source_title": str(event["source_title"]),
                "source_url": str(event["source_url"]),
                "link": _map_link(_event_day(day, precision), str(event["id"])),
            }
        )
    count = len(events)
    words = {
        "heading": _("Events"),
        "lead": ngettext(
            "{count} event, with its source. Dates are given as precisely as they are known.",
            "{count} events, each with its source. Dates are given as precisely as they are known.",
            count,
        ).format(count=format_number(count, language, 0)),
        "years": _("Years"),
        "source": _("Source:"),
        "show": _("Show on the map"),
    }
    return context.page(
        "events.html",
        _("Events"),
        page_words=words,
        years=[{"year": year, "events": items} for year, items in sorted(years.items())],
    )


def _tours_page(context: _Context) -> bytes:
    """The pack's tours: each step with its date, caption, source and a link into the map."""
    language = context.language
    _ = texts(language).gettext
    tours = [
        {
            "id": tour.id,
            "title": context.pack(tour.texts(), "title"),
            "description": context.pack(tour.texts(), "description"),
            "steps": [
                {
                    "title": context.pack(step.texts(), "title"),
                    "iso": step.date.isoformat(),
                    "when": format_event_date(step.date, step.date_precision, language),
                    "caption": context.pack(step.texts(), "caption"),
                    "source_title": step.source_title,
                    "source_url": step.source_url,
                    "link": _map_link(
                        _event_day(step.date, step.date_precision),
                        step.events[0] if step.events else "",
                    ),
                }
                for step in tour.steps
            ],
        }
        for tour in context.dispute.tours
    ]
    words = {
        "heading": _("Tours"),
        "source": _("Source:"),
        "show": _("Show on the map"),
    }
    return context.page("tours.html", _("Tours"), page_words=words, tours=tours)


def _states_page(context: _Context) -> bytes:
    """The map in words: every distinct state as sentences, a table, its image and files."""
    dispute, first, language = context.dispute, context.scene.first_year, context.language
    _, ngettext = texts(language).gettext, texts(language).ngettext
    states = []
    for state in context.states:
        twin = describe(
            dispute, state.shown, context.view.worldview, state.at_year_end, language=language
        )
        period = _period_label(state, first, language)
        states.append(
            {
                "number": state.number,
                "period": period,
                "table": _("Table: {period}").format(period=period),
                "sentence": twin.sentence,
                "rows": twin.rows,
                "files": _state_files(context, state),
                "link": _map_link(state.shown),
            }
        )
    count = len(states)
    words = {
        "heading": _("The map in words"),
        "lead": _with_links(
            ngettext(
                "Every distinct state of the map, oldest first ({count} in all), named as in "
                "“{naming}”. Each is also a GeoJSON file and an image on the "
                "{link}downloads{end} page.",
                "Every distinct state of the map, oldest first ({count} in all), named as in "
                "“{naming}”. Each is also a GeoJSON file and an image on the "
                "{link}downloads{end} page.",
                count,
            ),
            count=format_number(count, language, 0),
            naming=pack_text(context.naming(context.view.worldview), language),
            link=Markup('<a href="data.html">'),
            end=Markup("</a>"),
        ),
        "columns": (
            _("Group"),
            _("Administered by"),
            _("Also claimed by"),
            _("Since"),
            _("Opened by"),
        ),
        "open_here": _("Open the map here"),
    }
    return context.page("states.html", _("The map in words"), page_words=words, states=states)


def _size(data: bytes, language: str = DEFAULT_LANGUAGE) -> str:
    """A file size for people: ``12 KB``."""
    size = format_number(max(1, round(len(data) / 1024)), language, 0)
    return texts(language).gettext("{size} KB").format(size=size)


def _data_page(
    context: _Context, pack_files: Mapping[str, bytes], files: Mapping[str, bytes]
) -> bytes:
    """Downloads: the pack's files, and per state its GeoJSON, PNG and SVG."""
    first, language, manifest = context.scene.first_year, context.language, context.dispute.manifest
    _ = texts(language).gettext
    states = []
    for state in context.states:
        paths_ = _state_files(context, state)
        states.append(
            {
                "period": _period_label(state, first, language),
                "downloads": [
                    {
                        "path": paths_[kind],
                        "label": label,
                        "size": _size(files[paths_[kind]], language),
                    }
                    for kind, label in (("geojson", "GeoJSON"), ("png", "PNG"), ("svg", "SVG"))
                ],
            }
        )
    naming = context.naming(context.view.worldview)
    words = {
        "heading": _("Downloads"),
        "pack": _("The pack"),
        "pack_lead": _(
            "The files the site is built from, as published. Dates in the tables are ISO "
            "dates with a precision column."
        ),
        "pack_files": _("Files of the pack"),
        "file": _("File"),
        "size": _("Size"),
        "states": _("Every distinct state"),
        "states_lead": _with_links(
            _(
                "The joined islands (each island with who administers and who claims it) as "
                "GeoJSON, and the annotated map as PNG (1920 × 1080) and SVG, made by the same "
                "code as the explorer's downloads, with {naming}."
            ),
            naming=pack_text(
                Localized(naming.text.lower(), naming.language, naming.translated), language
            ),
        ),
        "state_files": _("Files of every state"),
        "state": _("State"),
        "sources": _("Sources and licence"),
    }
    return context.page(
        "data.html",
        _("Downloads"),
        page_words=words,
        description_text=context.pack(manifest.texts(), "description"),
        sources=[_english(source, language) for source in manifest.sources],
        pack_files=[
            {"name": name, "size": _size(data, language)} for name, data in pack_files.items()
        ],
        states=states,
    )


def headers_file(files: Mapping[str, bytes]) -> str:
    """Cache rules for hosts that read a ``_headers`` file (Netlify, Cloudflare Pages).

    Files under ``assets/`` have their content's hash in their path and may be
    cached for a year; everything else (pages, map documents, downloads) is
    revalidated on every visit, so a new build is seen at once. No two rules
    match the same file.
    """
    lines = [
        "# Cache rules (Netlify / Cloudflare Pages _headers format).",
        "# assets/: content-hashed names, never change: cache for a year.",
        "/assets/*",
        f"  Cache-Control: {LONG_CACHE}",
        "# Pages, map documents and downloads keep their names: revalidate.",
        "/",
        f"  Cache-Control: {REVALIDATE}",
        "/downloads/*",
        f"  Cache-Control: {REVALIDATE}",
    ]
    for name in sorted({*files, paths.SITE_MANIFEST_FILE}):
        if "/" not in name and name != "_headers":
            lines += [f"/{name}", f"  Cache-Control: {REVALIDATE}"]
    return "\n".join(lines) + "\n"


def _copy_hashed(
    files: dict[str, bytes], static_files: Mapping[str, bytes], package: str, version: str
) -> str:
    """Copy a served package's files under a folder named by their hash; return the folder."""
    prefix = f"{package}/{version}/"
    found = {k[len(prefix) :]: v for k, v in static_files.items() if k.startswith(prefix)}
    digest = hashlib.sha256()
    for name, data in sorted(found.items()):
        digest.update(name.encode() + b"\0" + data)
    folder = f"assets/{package}-{version}-{digest.hexdigest()[:10]}"
    for name, data in found.items():
        files[f"{folder}/{name}"] = data
    return folder


def build_site(
    dispute: Dispute,
    static_files: Mapping[str, bytes],
    assets: Mapping[str, str],
    progress: Callable[[str], None] | None = None,
    *,
    language: str = DEFAULT_LANGUAGE,
) -> dict[str, bytes]:
    """Every file of the static site, keyed by its path inside the site's folder.

    Parameters
    ----------
    dispute : Dispute
        The loaded pack.
    static_files : mapping
        The web assets (:func:`geo.paths.static_dir` read with
        :func:`geo.io.read_tree`): Leaflet and the icon are copied from it.
    assets : mapping
        The site's own ``site.css`` and ``site.js`` (text).
    progress : callable, optional
        Called with a short description before each slow step.
    language : str
        The language of every page, map document and image (a code of
        :data:`geo.i18n.LANGUAGES`): our words from the catalogue, the pack's
        texts in their translation (English, marked ``lang="en"`` and "not
        translated", where the pack has none), dates and numbers as the
        language writes them. The files' names do not change with it.

    Returns
    -------
    dict
        Path → content; ``index.html`` is the map, ``_headers`` the cache rules,
        ``site-manifest.json`` lists every file with its size and SHA-256. The
        pack's own files, as they were read (:attr:`geo.model.Dispute.files`),
        are published under ``downloads/pack/``.
    """
    view = default_view(dispute).replace(lang=language)
    files: dict[str, bytes] = {}
    leaflet_dir = _copy_hashed(files, static_files, "leaflet", paths.LEAFLET_VERSION)
    kuril_dir = _copy_hashed(files, static_files, *paths.KURIL_FOLDER.split("/"))
    urls = AssetUrls(
        f"{leaflet_dir}/leaflet.js",
        f"{leaflet_dir}/leaflet.css",
        kuril_dir,
        "",  # the folder's name already changes with its content
    )
    css, script = (assets[n].encode("utf-8") for n in ("site.css", "site.js"))
    css_name, script_name = (
        f"assets/{_hashed('site.css', css)}",
        f"assets/{_hashed('site.js', script)}",
    )
    files[css_name], files[script_name] = css, script
    if "favicon.png" in static_files:
        files["favicon.png"] = static_files["favicon.png"]

    scenes = {}
    for code in dispute.manifest.worldviews:
        worldview_view = view.replace(worldview=code)
        scenes[code] = build_scene(dispute, worldview_view)
        files[f"map-{code}.html"] = map_html(
            dispute, worldview_view, scene=scenes[code], assets=urls
        ).encode("utf-8")
    scene = scenes[view.worldview]
    states = site_states(scene)
    context = _Context(
        dispute,
        view,
        scene,
        states,
        css_name,
        script_name,
        bool(dispute.tours),
        f"{kuril_dir}/{paths.KURIL_FONTS}",
        language,
    )

    pack_files = dispute.files  # every file the maps are built from, as read
    for name, data in pack_files.items():
        files[f"downloads/pack/{name}"] = data
    for state in states:
        targets = _state_files(context, state)
        files[targets["geojson"]] = (
            json.dumps(state_geojson(dispute, state), ensure_ascii=False, separators=(",", ":"))
            + "\n"
        ).encode("utf-8")
        for fmt in IMAGE_FORMATS:
            if progress:
                progress(f"{fmt.upper()} of {state.when}")
            files[targets[fmt]] = export(dispute, view.at(state.shown), fmt)

    files["index.html"] = _index_page(context)
    files["events.html"] = _events_page(context)
    if dispute.tours:
        files["tours.html"] = _tours_page(context)
    files["states.html"] = _states_page(context)
    files["data.html"] = _data_page(context, pack_files, files)
    files["_headers"] = headers_file(files).encode("utf-8")
    files[paths.SITE_MANIFEST_FILE] = _manifest(dispute, states, files)
    return files


def _manifest(dispute: Dispute, states: list[SiteState], files: Mapping[str, bytes]) -> bytes:
    """What was built: the pack, its states and every file with its size and hash."""
    listing = {
        "pack": dispute.manifest.id,
        "states": [state.when for state in states],
        "files": {
            name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files.items())
        },
    }
    return (json.dumps(listing, indent=1) + "\n").encode("utf-8")
