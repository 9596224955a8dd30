"""Two views compared side by side: each its own date and naming, and the link's form.

A comparison is two :class:`~geo.view.View` values that share the filters and
the background and differ in the day shown and the naming. Its URL form is
``?a=1944&b=1947&wa=jp&wb=ru`` (a year means its end; ``a`` and ``b`` may also
be days, ``YYYY-MM-DD``), so a copied link opens the same comparison.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from geo.i18n import DEFAULT_LANGUAGE, texts
from geo.model import Dispute
from geo.timeline import change_years, year_range
from geo.view import FIELDS, View

PARAMS = ("a", "b", "wa", "wb")
_BLANK = View(year=0)  # the values a field of one map has when it is left out
_YEAR = re.compile(r"^\d{1,4}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class CompareView:
    """What the Compare page and the comparison export show.

    Attributes
    ----------
    left, right : View
        The two maps: the same filters and background, each with its own
        day (``year``/``day``) and ``worldview``.
    """

    left: View
    right: View

    def sides(self) -> tuple[View, View]:
        """The left and the right view."""
        return self.left, self.right


def side_view(base: View, when: dt.date | int, worldview: str) -> View:
    """One side of a comparison: the base view's filters at a day or year, in a naming.

    An editor's texts, callouts and a highlighted event belong to one map and
    are left out.
    """
    one_map = {field.name: getattr(_BLANK, field.name) for field in FIELDS if field.one_map}
    return base.at(when).replace(worldview=worldview, **one_map)


def default_compare(dispute: Dispute, base: View) -> CompareView:
    """The comparison a visitor first sees: the map's date against before its last change.

    The right map shows what the base view shows; the left map the year before
    the latest change of the map up to that date (the first year of the table
    when there is none), both in the base view's naming.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> from geo.view import default_view
    >>> dispute = load_dispute()
    >>> pair = default_compare(dispute, default_view(dispute).replace(year=1950))
    >>> pair.left.year, pair.right.year
    (1944, 1950)
    """
    first, _ = year_range(dispute)
    changes = [y for y in change_years(dispute) if y <= base.year]
    earlier = max(first, changes[-1] - 1) if changes else first
    return CompareView(
        side_view(base, min(earlier, base.year), base.worldview),
        side_view(base, base.date if base.day else base.year, base.worldview),
    )


def _when_text(view: View) -> str:
    """A side's date in the link: the year, or the day when the view shows one."""
    return view.day or str(view.year)


def to_query_params(pair: CompareView) -> dict[str, str]:
    """The link's parameters of a comparison (all four, so a link says what it compares).

    Examples
    --------
    >>> from geo.view import FIELDS, View
    >>> to_query_params(CompareView(View(1944, "jp"), View(1947, "ru")))
    {'a': '1944', 'b': '1947', 'wa': 'jp', 'wb': 'ru'}
    """
    return {
        "a": _when_text(pair.left),
        "b": _when_text(pair.right),
        "wa": pair.left.worldview,
        "wb": pair.right.worldview,
    }


def parse_side_date(
    raw: str, first: int, last: int, language: str = DEFAULT_LANGUAGE
) -> dt.date | int:
    """A side's date from a link: a year (``int``) or a day; ``ValueError`` says why not
    (in ``language``)."""
    text = raw.strip()
    if _YEAR.match(text) and first <= int(text) <= last:
        return int(text)
    if _DAY.match(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None and first <= day.year <= last:
            return day
    raise ValueError(
        texts(language)
        .gettext("expected a year (YYYY) or a day (YYYY-MM-DD) from {first} to {last}")
        .format(first=first, last=last)
    )


def from_query_params(
    params: Mapping[str, str | list[str]], dispute: Dispute, base: View
) -> tuple[CompareView, list[str]]:
    """Read a comparison from a link; a missing or bad value falls back to the default.

    Parameters
    ----------
    params : mapping
        The URL's query parameters (a value may be a list; its last item counts).
    dispute : Dispute
        Gives the valid years and namings.
    base : View
        The filters and background both maps share; also the default's source.

    Returns
    -------
    (CompareView, list of str)
        The comparison and one notice per parameter that was ignored, naming
        the parameter, its value and what was expected, in the base view's language.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> from geo.view import default_view
    >>> dispute = load_dispute()
    >>> link = {"a": "1944", "b": "19x7"}
    >>> pair, notices = from_query_params(link, dispute, default_view(dispute))
    >>> pair.left.year, notices
    (1944, ["Ignored b='19x7': expected a year (YYYY) or a day (YYYY-MM-DD) from 1644 to 2026."])
    """
    default = default_compare(dispute, base)
    first, last = year_range(dispute)
    worldviews = dispute.manifest.worldviews
    notices: list[str] = []
    _ = texts(base.lang).gettext

    def text(key: str) -> str | None:
        value = params.get(key)
        if isinstance(value, list):
            value = value[-1] if value else None
        return None if value is None else str(value)[:200]

    def when(key: str, fallback: View) -> dt.date | int:
        raw = text(key)
        if raw is None:
            return fallback.date if fallback.day else fallback.year
        try:
            return parse_side_date(raw, first, last, base.lang)
        except ValueError as err:
            notices.append(
                _("Ignored {key}={value}: {reason}.").format(key=key, value=repr(raw), reason=err)
            )
            return fallback.date if fallback.day else fallback.year

    def naming(key: str, fallback: str) -> str:
        raw = text(key)
        if raw is None:
            return fallback
        if raw in worldviews:
            return raw
        notices.append(
            _("Ignored {key}={value}: not one of {options}.").format(
                key=key, value=repr(raw), options=", ".join(sorted(worldviews))
            )
        )
        return fallback

    left = side_view(base, when("a", default.left), naming("wa", default.left.worldview))
    right = side_view(base, when("b", default.right), naming("wb", default.right.worldview))
    return CompareView(left, right), notices
