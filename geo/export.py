"""Exports of a View: PNG, SVG, PDF, animated GIF and standalone HTML, with file names.

The formats and what each can do are the table of :mod:`geo.formats`.
"""

from __future__ import annotations

from collections.abc import Callable

from geo.compareview import CompareView
from geo.errors import ExportOptionError
from geo.foliummap import standalone_html
from geo.formats import GIF_DPI, checked_dpi, export_format
from geo.io import read_inline_assets
from geo.model import Dispute
from geo.twin import describe
from geo.view import View


def export(
    dispute: Dispute,
    view: View | CompareView,
    fmt: str,
    dpi: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    save_dpi: int | None = None,
) -> bytes:
    """Export a view in one of the formats of :data:`geo.formats.FORMATS`.

    Parameters
    ----------
    dispute : Dispute
    view : View or CompareView
        What to show; for ``gif`` every distinct state is a frame and the
        view's year is not used. A :class:`~geo.compareview.CompareView`
        gives the two maps side by side (``png``, ``svg`` or ``pdf``).
    fmt : str
        ``png``, ``svg``, ``pdf``, ``gif`` or ``html``.
    dpi : int, optional
        Resolution of raster output (PNG; GIF frames use their own); by
        default :data:`geo.sheet.DEFAULT_DPI`.
    progress : callable, optional
        For ``gif``: called with (frames done, frames in all).
    save_dpi : int, optional
        For ``png``: save the ``dpi`` layout at another resolution (a preview
        that looks like the download, only smaller).

    Returns
    -------
    bytes
        The file's content; the same view and data always give the same bytes.
    """
    if isinstance(view, CompareView):
        export_format(fmt, "comparisons")
        from geo.comparemap import export_comparison

        return export_comparison(dispute, view, fmt, _dpi(dpi))
    export_format(fmt)
    if fmt == "html":
        twin = describe(
            dispute, view.date, view.worldview, end_of_year=not view.day, language=view.lang
        )
        page = standalone_html(dispute, view, read_inline_assets(), twin.sentence)
        return page.encode("utf-8")
    # matplotlib is imported only when an image is made: the map never needs it
    from geo.staticmap import export_gif, export_image

    if fmt == "gif":
        return export_gif(dispute, view, dpi=min(_dpi(dpi), GIF_DPI), progress=progress)
    return export_image(dispute, view, fmt, _dpi(dpi), save_dpi)


def render(
    dispute: Dispute,
    view: View | CompareView,
    fmt: str,
    dpi: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    save_dpi: int | None = None,
    tour: str = "",
) -> bytes:
    """Any export, as every caller asks for one: a tour's when ``tour`` names one
    (:func:`geo.tourexport.export_tour`), else the view's (:func:`export`).

    The server, its worker processes and the command line all come here, and
    :data:`geo.formats.FORMATS` says which are made where.
    """
    if tour:
        if not isinstance(view, View):
            raise ExportOptionError("a tour is exported from one view, not a comparison")
        from geo.tourexport import export_tour

        return export_tour(dispute, tour, view, fmt, progress=progress, language=view.lang)
    return export(dispute, view, fmt, dpi, progress=progress, save_dpi=save_dpi)


def kind_of(view: View | CompareView, tour: str = "") -> str:
    """What an export is of, as :func:`geo.formats.export_format` asks: maps, comparisons, tours."""
    if tour:
        return "tours"
    return "comparisons" if isinstance(view, CompareView) else "maps"


def _dpi(dpi: int | None) -> int:
    """The resolution asked for, or the default; an ExportOptionError outside the range."""
    from geo.sheet import DEFAULT_DPI

    return checked_dpi(DEFAULT_DPI if dpi is None else dpi)


def export_filename(dispute: Dispute, view: View, fmt: str) -> str:
    """A descriptive file name, e.g. ``kuril-islands-1945-ru-slide.png``.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> dispute = load_dispute()
    >>> export_filename(dispute, View(year=1945, worldview="ru"), "gif")
    'kuril-islands-animation-ru-slide.gif'
    """
    when = "animation" if fmt == "gif" else (view.day or str(view.year))
    return f"{dispute.manifest.id}-{when}-{view.worldview}-{view.size}.{fmt}"


def compare_filename(dispute: Dispute, left: View, right: View, fmt: str) -> str:
    """The file name of a comparison, e.g. ``kuril-islands-1944-jp-vs-1947-ru.png``.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> compare_filename(load_dispute(), View(1944, "jp"), View(1947, "ru"), "svg")
    'kuril-islands-1944-jp-vs-1947-ru.svg'
    """
    return (
        f"{dispute.manifest.id}-{left.day or left.year}-{left.worldview}-vs-"
        f"{right.day or right.year}-{right.worldview}.{fmt}"
    )
