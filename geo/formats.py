"""The export formats, one table read by every caller (the pages, the worker, the CLI).

Each :class:`ExportFormat` says what a format is (its media type, its label),
what it can export (a map, a comparison of two, a tour), whether it takes a
resolution and whether it is drawn in a worker process (matplotlib: seconds
and hundreds of megabytes) or made in the server (a text template).
:func:`geo.export.export` and :func:`geo.tourexport.export_tour` render them.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.errors import ExportOptionError
from geo.i18n import N_

MIN_DPI, MAX_DPI = 72, 600  # below 72 dpi an A4 page cannot hold readable type
GIF_DPI = 80  # an animation's frames: small enough to load, large enough to read


@dataclass(frozen=True)
class ExportFormat:
    """One export format.

    Attributes
    ----------
    name : str
        The file suffix and the name the CLI and the link use (``png``).
    media_type : str
        What a download says it is.
    label : str
        How the pages name it.
    maps, comparisons, tours : bool
        Whether it exports one map, two maps side by side, a tour.
    takes_dpi : bool
        Whether its resolution can be chosen (raster images).
    in_worker : bool
        Drawn in a worker process (see :mod:`geo.worker`) rather than in the server.
    """

    name: str
    media_type: str
    label: str
    maps: bool
    comparisons: bool
    tours: bool
    takes_dpi: bool
    in_worker: bool


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("png", "image/png", "PNG", True, True, False, True, True),
        ExportFormat("svg", "image/svg+xml", "SVG", True, True, False, False, True),
        ExportFormat("pdf", "application/pdf", "PDF", True, True, True, False, True),
        ExportFormat("gif", "image/gif", N_("GIF (animation)"), True, False, True, False, True),
        ExportFormat(
            "html", "text/html", N_("HTML (interactive)"), True, False, True, False, False
        ),
    )
}
MAP_FORMATS = tuple(name for name, f in FORMATS.items() if f.maps)
COMPARE_FORMATS = tuple(name for name, f in FORMATS.items() if f.comparisons)
TOUR_FORMATS = tuple(name for name, f in FORMATS.items() if f.tours)


def export_format(name: str, kind: str = "maps") -> ExportFormat:
    """The format of that name that can export ``kind`` (maps, comparisons, tours).

    Raises
    ------
    ExportOptionError
        Naming the formats there are for that kind.

    Examples
    --------
    >>> export_format("svg").media_type
    'image/svg+xml'
    """
    found = FORMATS.get(name)
    if found is None or not getattr(found, kind):
        choices = ", ".join(n for n, f in FORMATS.items() if getattr(f, kind))
        what = {"maps": "", "comparisons": "comparison ", "tours": "tour "}[kind]
        raise ExportOptionError(f"unknown {what}format '{name}'; choose one of {choices}")
    return found


def checked_dpi(dpi: int) -> int:
    """A resolution within :data:`MIN_DPI` and :data:`MAX_DPI`, or an ExportOptionError."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ExportOptionError(f"dpi {dpi} is outside {MIN_DPI}-{MAX_DPI}")
    return dpi
