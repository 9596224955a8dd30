"""What the server does once at start, before it accepts the first visitor."""

from __future__ import annotations

import importlib

from geo.errors import DisputeDataError
from ui import cache, controls

# What the pages import beyond this module's own imports (altair: the Timeline and
# Islands charts; annotation and export: the Export page; tables: tables and downloads).
PAGE_MODULES = (
    "altair",
    "geo.annotation",
    "geo.export",
    "geo.tables",
    "geo.tours",
    "geo.tourexport",
    "ui.display",
    "ui.packs",
    "ui.time_map",
)


def warm_up() -> None:
    """Do at server start what the first visitor would otherwise wait for.

    Imports what the pages import, starts the export workers, loads the
    configured pack and puts the map document, events and text twin of its
    default view into the shared caches. A pack that fails validation is left
    for the first page to report.
    """
    for module in PAGE_MODULES:
        importlib.import_module(module)
    cache.server_start()
    folder = cache.shipped_or_configured_folder()
    try:
        dispute = cache.dispute_at(folder)
    except DisputeDataError:
        return
    view = controls.effective_basemap(controls.default_for(dispute))
    pack_key = str(folder.resolve())
    cache.map_document(dispute, pack_key, view)
    cache.year_events(dispute, pack_key, view)
    cache.text_twin(dispute, pack_key, view)
