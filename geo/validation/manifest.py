"""``pack.json``: its shape checked against ``pack.schema.json`` (the one statement of
its keys, types and patterns), then what a schema cannot say: how long its texts may
be, how many entries it may have, the extent's order and the default view."""

from __future__ import annotations

import math
from typing import Any

from geo.errors import Phrase, Problem, ngettext
from geo.i18n import N_, TRANSLATED, field_in
from geo.io import read_schema
from geo.limits import PackLimits
from geo.model import PARTY_NAME_FORMS, LocalName, Manifest, NamesLayer, Worldview
from geo.parties import Party
from geo.validation.text import TEXT, checked_text, nested_texts, schema_problems

FILE = "pack.json"
# What a group's name field is called in a message about it.
FIELD_NAME = Phrase(N_("field name"))
WORLD = (-180.0, -90.0, 180.0, 90.0)


def read_manifest(
    raw: dict[str, Any], limits: PackLimits, problems: list[Problem]
) -> Manifest | None:
    """The pack's manifest, or ``None`` with the problems that stop it.

    Parameters
    ----------
    raw : dict
        ``pack.json`` as read.
    limits : PackLimits
        The longest texts and most entries accepted.
    problems : list of Problem
        Where each problem found is added.

    Returns
    -------
    Manifest or None
    """
    before = len(problems)
    problems.extend(schema_problems(raw, read_schema("pack.schema.json"), FILE))
    if len(problems) > before:  # nothing below may meet a value of the wrong type
        return None
    _counts(raw, limits, problems)
    texts = {
        key: checked_text(
            raw.get(key, ""),
            FILE,
            key,
            "text",
            limits.short_text if key in ("title", "subtitle") else limits.long_text,
            problems,
            multiline=key not in ("title", "subtitle"),
        )
        for key in ("title", "subtitle", "description", "licence", "how_to_cite")
    }
    if not texts["title"].strip():
        problems.append(Problem(FILE, "title", N_("must be a non-empty text")))
    parties = {code: _party(code, spec, limits, problems) for code, spec in raw["parties"].items()}
    for group_id, names in raw["groups"].items():
        for field, name in names.items():
            checked_text(field, FILE, f"groups.{group_id}", FIELD_NAME, 40, problems)
            checked_text(
                name, FILE, f"groups.{group_id}.{field}", "name", limits.short_text, problems
            )
    worldviews = {}
    for code, spec in raw["worldviews"].items():
        label = checked_text(
            spec["label"], FILE, f"worldviews.{code}.label", "label", limits.short_text, problems
        )
        worldviews[code] = Worldview(
            code=code,
            label=label,
            name_field=spec["name_field"],
            latin_field=spec.get("latin_field", spec["name_field"]),
        )
    sources = raw.get("sources", [])
    for number, source in enumerate(sources, start=1):
        checked_text(source, FILE, f"sources[{number}]", TEXT, limits.long_text, problems)
    extent = _extent(raw.get("extent", list(WORLD)), problems)
    default_view = _default_view(raw.get("default_view", {}), worldviews, limits, problems)
    coverage_note = checked_text(
        raw.get("coverage_note", ""),
        FILE,
        "coverage_note",
        "text",
        limits.long_text,
        problems,
        True,
    )
    nested_texts(raw.get("names_layers", []), FILE, "names_layers", limits, problems)
    translations = _translations(raw, limits, problems)
    if len(problems) > before:
        return None
    return Manifest(
        id=raw["id"],
        title=texts["title"],
        subtitle=texts["subtitle"],
        description=texts["description"],
        licence=texts["licence"],
        how_to_cite=texts["how_to_cite"],
        groups={group_id: dict(names) for group_id, names in raw["groups"].items()},
        parties=parties,
        worldviews=worldviews,
        default_view=default_view,
        extent=extent,
        sources=tuple(sources),
        coverage_note=coverage_note,
        names_layers=tuple(_names_layer(spec) for spec in raw.get("names_layers", [])),
        translations=translations,
    )


def _translations(
    raw: dict[str, Any], limits: PackLimits, problems: list[Problem]
) -> tuple[tuple[str, str], ...]:
    """The manifest's translations: of its texts, of each worldview's label and each party's
    name (``title_ja``, ``licence_ru``, ``worldviews.jp.label_ru``, ``parties.JP.name_ja``…),
    each checked."""
    places: list[tuple[str, dict[str, Any], str]] = [
        ("", raw, field)
        for field in ("title", "subtitle", "description", "coverage_note", "licence", "how_to_cite")
    ]
    places += [(f"worldviews.{code}.", spec, "label") for code, spec in raw["worldviews"].items()]
    places += [(f"parties.{code}.", spec, "name") for code, spec in raw["parties"].items()]
    found = []
    for prefix, spec, field in places:
        for language in TRANSLATED:
            key = field_in(field, language)
            if key in spec:
                size = (
                    limits.short_text
                    if field in ("title", "subtitle", "label", "name")
                    else limits.long_text
                )
                text = checked_text(spec[key], FILE, f"{prefix}{key}", TEXT, size, problems, True)
                if text:
                    found.append((f"{prefix}{key}", text))
    for code, spec in raw["parties"].items():  # forms of a name (name_ru_gen): non-empty texts
        for key in PARTY_NAME_FORMS:
            if key in spec:
                place = f"parties.{code}.{key}"
                form = checked_text(spec[key], FILE, place, "name", limits.short_text, problems)
                if form.strip():
                    found.append((place, form.strip()))
                else:
                    problems.append(Problem(FILE, place, N_("must be a non-empty name")))
    return tuple(found)


def _counts(raw: dict[str, Any], limits: PackLimits, problems: list[Problem]) -> None:
    """At most as many parties, groups, worldviews and sources as the limits allow."""
    for key, most in (
        ("parties", limits.parties),
        ("groups", limits.groups),
        ("worldviews", limits.worldviews),
        ("sources", limits.events),
    ):
        if len(raw.get(key, ())) > most:
            count = len(raw[key])
            problems.append(
                Problem(
                    FILE,
                    key,
                    ngettext(
                        "has {count} entry; at most {most}",
                        "has {count} entries; at most {most}",
                        count,
                    ),
                    {"count": count, "most": most},
                )
            )


def _party(code: str, spec: dict[str, Any], limits: PackLimits, problems: list[Problem]) -> Party:
    """One party: its name and colour, and how a sentence names it."""
    place = f"parties.{code}"
    name = checked_text(spec["name"], FILE, f"{place}.name", "name", limits.short_text, problems)
    in_sentence = spec.get("in_sentence", "")
    checked_text(in_sentence, FILE, f"{place}.in_sentence", "name", limits.short_text, problems)
    if not name.strip():
        problems.append(Problem(FILE, f"{place}.name", N_("must be a non-empty name")))
    return Party(code=code, name=name, color=spec["color"].upper(), in_sentence=in_sentence)


def _extent(extent: list[float], problems: list[Problem]) -> tuple[float, float, float, float]:
    """The pack's ``[west, south, east, north]``, finite and in order."""
    try:
        west, south, east, north = (float(v) for v in extent)
    except OverflowError:  # a whole number past any float
        west = south = east = north = math.nan
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):  # NaN fails too
        problems.append(
            Problem(FILE, "extent", N_("must be [west, south, east, north] in degrees"))
        )
        return WORLD
    return west, south, east, north


def _default_view(
    spec: dict[str, Any],
    worldviews: dict[str, Worldview],
    limits: PackLimits,
    problems: list[Problem],
) -> dict[str, Any]:
    """``default_view``: a worldview of the pack, a centre in degrees, a supported year."""
    view: dict[str, Any] = {}
    if "worldview" in spec:
        if spec["worldview"] not in worldviews:
            problems.append(
                Problem(
                    FILE,
                    "default_view.worldview",
                    N_("must be one of the worldviews: {worldviews}"),
                    {"worldviews": ", ".join(worldviews)},
                )
            )
        else:
            view["worldview"] = spec["worldview"]
    if "center" in spec:
        lat, lon = spec["center"]
        if not all(isinstance(v, int) or math.isfinite(v) for v in (lat, lon)):
            problems.append(
                Problem(
                    FILE, "default_view.center", N_("must be two numbers: [latitude, longitude]")
                )
            )
        elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.append(
                Problem(
                    FILE,
                    "default_view.center",
                    N_("{center} is not [latitude, longitude] in degrees"),
                    {"center": spec["center"]},
                )
            )
        else:
            view["center"] = [float(lat), float(lon)]
    if "zoom" in spec:
        view["zoom"] = int(spec["zoom"])  # the schema let only whole numbers through
    if "year" in spec:
        if not limits.first_year <= spec["year"] <= limits.last_year:
            problems.append(
                Problem(
                    FILE,
                    "default_view.year",
                    N_("must be a year from {first} to {last}"),
                    {"first": limits.first_year, "last": limits.last_year},
                )
            )
        else:
            view["year"] = int(spec["year"])
    return view


def _names_layer(spec: dict[str, Any]) -> NamesLayer:
    """A layer of local names (its shape checked by the schema)."""
    return NamesLayer(
        language=spec["language"],
        note=spec.get("note", ""),
        names={unit: _local_name(entry) for unit, entry in spec["names"].items()},
        translations=_translated(spec, ("language", "note")),
    )


def _local_name(entry: dict[str, Any]) -> LocalName:
    """One name of a names layer: its form, meanings, certainty and sources."""
    return LocalName(
        form=entry["form"],
        recorded=tuple(entry.get("recorded", ())),
        meanings=tuple((m["form"], m["meaning"]) for m in entry["meanings"]),
        certainty=entry["certainty"],
        sources=tuple((s["title"], s["url"]) for s in entry["sources"]),
        meaning_translations=tuple(_translated(m, ("meaning",)) for m in entry["meanings"]),
    )


def _translated(spec: dict[str, Any], fields: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The translations of some texts of a names layer (``language_ja``, ``meaning_ru``…),
    as the schema let them through (non-empty texts; their lengths checked with the rest)."""
    return tuple(
        (key, spec[key].strip())
        for field in fields
        for language in TRANSLATED
        if isinstance(spec.get(key := field_in(field, language)), str) and spec[key].strip()
    )
