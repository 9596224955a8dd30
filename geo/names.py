"""Place names by worldview: Japanese, Russian, or both."""

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
