"""Place names by worldview (Japanese, Russian, or both) and in the pack's names layers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.model import Manifest


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


def local_name_lines(manifest: Manifest, island_id: str, group_id: str) -> list[str]:
    """Names of an island (or, failing that, its group) in the pack's names layers.

    One line per layer: the language, the name, the proposed meanings and
    whether the sources agree on them; an island with no name of its own gets
    its group's name only. Plain text: callers escape it.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> manifest = load_dispute().manifest
    >>> local_name_lines(manifest, "kunashiri", "kunashiri")[0].startswith("Ainu: ")
    True
    """
    lines = []
    for layer in manifest.names_layers:
        name = layer.names.get(island_id)
        if name is None:
            group_name_ = layer.names.get(group_id)
            if group_name_ is not None:
                # the group's name, briefly: it repeats on every islet of the group
                lines.append(f"{layer.language} name of the group: {group_name_.form}")
            continue
        meanings = "; ".join(f"{form} ‘{meaning}’" for form, meaning in name.meanings)
        doubt = {
            "uncertain": "meaning uncertain, sources differ",
            "single-source": "meaning from one source",
        }.get(name.certainty, "meaning")
        lines.append(f"{layer.language}: {name.form} ({doubt}: {meanings})")
    return lines
