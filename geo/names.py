"""Place names by worldview (Japanese, Russian, or both) and in the pack's names layers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from geo.i18n import DEFAULT_LANGUAGE, Localized, localized, texts
from geo.model import Manifest
from geo.parties import party_name, party_prose


def display_name(record: Mapping[str, Any], manifest: Manifest, worldview: str) -> str:
    """The label of an island (or group) in a worldview.

    The main name comes first with its Latin-script form after it when they
    differ ("択捉島 / Etorofu-tō", "Итуруп / Iturup"); the neutral worldview uses
    ``name_en``, which already gives both names.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> manifest = load_dispute().manifest
    >>> display_name({"name_ru": "Итуруп", "name_ru_latn": "Iturup"}, manifest, "ru")
    'Итуруп / Iturup'
    """
    view = manifest.worldviews.get(worldview) or next(iter(manifest.worldviews.values()))
    main = str(record.get(view.name_field, "") or record.get("name_en", "") or record.get("id", ""))
    latin = str(record.get(view.latin_field, "") or "")
    return f"{main} / {latin}" if latin and latin != main else main


def group_name(manifest: Manifest, group_id: str, worldview: str) -> str:
    """The label of an island group in a worldview."""
    return display_name(manifest.groups.get(group_id, {"id": group_id}), manifest, worldview)


def name_list(names: Iterable[str], language: str = DEFAULT_LANGUAGE) -> str:
    """Names listed with the language's separator ("Soviet Union, Japan"; "ソ連、日本").

    Examples
    --------
    >>> name_list(["ソ連", "日本"], "ja")
    'ソ連、日本'
    """
    return ("、" if language == "ja" else ", ").join(names)


def worldview_label(
    manifest: Manifest, worldview: str, language: str = DEFAULT_LANGUAGE
) -> Localized:
    """A worldview's label ("Japanese names") in a language, from the pack's translations.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> manifest = load_dispute().manifest
    >>> worldview_label(manifest, "jp", "ja").text == manifest.texts("worldviews.jp.")["label_ja"]
    True
    """
    chosen = manifest.worldviews.get(worldview)
    if chosen is None:
        return Localized(worldview, DEFAULT_LANGUAGE, True)
    record = {"label": chosen.label, **manifest.texts(f"worldviews.{worldview}.")}
    return localized(record, "label", language)


def party_label(manifest: Manifest, code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A party's name in a language (the pack's ``name_ja``…; English when it has none)."""
    return party_name(manifest.parties, code, language, manifest.translations)


def party_in_sentence(manifest: Manifest, code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A party's name for running text ("the Soviet Union"; "ソ連", "Советский Союз")."""
    return party_prose(manifest.parties, code, language, manifest.translations)


def local_name_lines(
    manifest: Manifest, island_id: str, group_id: str, language: str = DEFAULT_LANGUAGE
) -> list[str]:
    """Names of an island (or, failing that, its group) in the pack's names layers.

    One line per layer: the language, the name, the proposed meanings and
    whether the sources agree on them; an island with no name of its own gets
    its group's name only. The language's name and the meanings are in ``language``
    where the pack translates them (``language_ja``, ``meaning_ru``…); English
    standing in for a missing translation says "(not translated)". The forms are
    as the pack writes them. Plain text: callers escape it.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> manifest = load_dispute().manifest
    >>> local_name_lines(manifest, "kunashiri", "kunashiri")[0].startswith("Ainu: ")
    True
    """
    _ = texts(language).gettext
    lines = []
    for layer in manifest.names_layers:
        called = _marked(localized(layer.texts(), "language", language), language)
        name = layer.names.get(island_id)
        if name is None:
            group_name_ = layer.names.get(group_id)
            if group_name_ is not None:
                # the group's name, briefly: it repeats on every islet of the group
                lines.append(
                    _("{language} name of the group: {name}").format(
                        language=called, name=group_name_.form
                    )
                )
            continue
        meanings = "; ".join(
            _("{form} ‘{meaning}’").format(
                form=form,
                meaning=_marked(localized(name.meaning_texts(n), "meaning", language), language),
            )
            for n, (form, _meaning) in enumerate(name.meanings)
        )
        if name.certainty == "uncertain":
            line = _("{language}: {name} (meaning uncertain, sources differ: {meanings})")
        elif name.certainty == "single-source":
            line = _("{language}: {name} (meaning from one source: {meanings})")
        else:
            line = _("{language}: {name} (meaning: {meanings})")
        lines.append(line.format(language=called, name=name.form, meanings=meanings))
    return lines


def _marked(text: Localized, language: str) -> str:
    """A pack's text as plain text, "(not translated)" after English standing in."""
    if text.translated:
        return text.text
    return texts(language).gettext("{text} (not translated)").format(text=text.text)
