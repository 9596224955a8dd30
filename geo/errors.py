"""The exception types: bad data (with the problems it carries) and bad export options.

A :class:`Problem` is said in English (``str(problem)``, ``problem.message``) and in
the reader's language (:meth:`Problem.text`, :meth:`Problem.where`): its message and
its place are each a :class:`Phrase`, a template of the interface's catalogue with
the values that fill it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from geo.i18n import DEFAULT_LANGUAGE, N_, texts


def ngettext(singular: str, plural: str, count: int) -> Counted:
    """Mark a text that depends on a count for the catalogue (extracted as ``ngettext``).

    Nothing is translated here: the :class:`Phrase` made of it chooses the language's
    plural form when it is written.

    Examples
    --------
    >>> Phrase(ngettext("{count} tour", "{count} tours", 2), {"count": 2}).text()
    '2 tours'
    """
    return Counted(singular, plural, count)


@dataclass(frozen=True)
class Counted:
    """A catalogue text with a singular and a plural form, and the count that chooses."""

    singular: str
    plural: str
    count: int


@dataclass(frozen=True)
class Phrase:
    """A text for a reader: a catalogue template (or a counted pair) and its values.

    Parameters
    ----------
    template : str or Counted
        The English text, marked with ``N_`` (or :func:`ngettext`) for the catalogue.
        With ``values`` it is a :meth:`str.format` template (``{value!r}``, ``{count:,}``).
    values : tuple of (str, object) pairs, or None
        What fills the template; ``None`` means the template is a finished text, not
        formatted (a library's message may hold braces). A value may itself be a
        :class:`Phrase`, written in the same language.

    Examples
    --------
    >>> Phrase("date {value!r} is not a real date", (("value", "1945-02-30"),)).text()
    "date '1945-02-30' is not a real date"
    """

    template: str | Counted
    values: tuple[tuple[str, Any], ...] | None = None

    def __init__(
        self,
        template: str | Counted,
        values: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
    ) -> None:
        object.__setattr__(self, "template", template)
        if values is not None:
            pairs = values.items() if isinstance(values, Mapping) else values
            values = tuple(pairs)
        object.__setattr__(self, "values", values)

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The text in a language, its values filled in.

        Parameters
        ----------
        language : str
            A code of :data:`geo.i18n.LANGUAGES`; English (the default) needs no catalogue.

        Returns
        -------
        str
            The catalogue's translation of the template, formatted with the values
            (English where the catalogue has none).
        """
        template = self.template
        if language == DEFAULT_LANGUAGE:
            if isinstance(template, Counted):
                words = template.singular if template.count == 1 else template.plural
            else:
                words = template
        else:
            catalogue = texts(language)
            if isinstance(template, Counted):
                words = catalogue.ngettext(template.singular, template.plural, template.count)
            else:
                words = catalogue.gettext(template)
        if self.values is None:
            return words
        filled = {
            key: value.text(language) if isinstance(value, Phrase) else value
            for key, value in self.values
        }
        return words.format(**filled)

    def __str__(self) -> str:
        return self.text()


class Verbatim(Phrase):
    """A text said the same in every language: a key's path in a JSON file, a file in a zip."""

    def __init__(self, text: str) -> None:
        super().__init__(text)

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The text, as it is."""
        return str(self.template)


def said(text: str | Phrase, values: Mapping[str, Any] | None = None) -> Phrase:
    """A text as a :class:`Phrase`: a template with its values, or a finished text."""
    if isinstance(text, Phrase):
        return text
    return Phrase(text, values)


# The places the validator writes in English words, each read back as its template.
_PLACES = (
    (re.compile(r"file"), N_("file")),
    (re.compile(r"folder"), N_("folder")),
    (re.compile(r"row (?P<number>[0-9]+)"), N_("row {number}")),
    (re.compile(r"feature (?P<number>[0-9]+)"), N_("feature {number}")),
    (
        re.compile(r"feature (?P<number>[0-9]+) \((?P<label>.*)\)", re.DOTALL),
        N_("feature {number} ({label})"),
    ),
    (
        re.compile(r"line (?P<line>[0-9]+) column (?P<column>[0-9]+)"),
        N_("line {line} column {column}"),
    ),
    (re.compile(r"tour (?P<tour>[^ ]+)"), N_("tour {tour}")),
    (re.compile(r"tour (?P<tour>[^ ]+) step (?P<number>[0-9]+)"), N_("tour {tour} step {number}")),
)


def place_of(place: str | Phrase) -> Phrase:
    """Where in a file, as a :class:`Phrase`: the validator's own wording ("row 4",
    "feature 2 (etorofu)", "line 3 column 7", "tour intro step 2", "file", "folder")
    as its template, anything else (a key's path, a file in a zip) :class:`Verbatim`.

    Examples
    --------
    >>> place_of("feature 2 (etorofu)").template
    'feature {number} ({label})'
    >>> place_of("names_layers[0].names.etorofu").text("ja")
    'names_layers[0].names.etorofu'
    """
    if isinstance(place, Phrase):
        return place
    for pattern, template in _PLACES:
        if found := pattern.fullmatch(place):
            return Phrase(template, found.groupdict())
    return Verbatim(place)


# The place of a problem with a whole file.
WHOLE_FILE = Phrase(N_("file"))


class Problem:
    """One thing wrong with a pack: which file, where in it, and what.

    The place and the message are each a text (English, shown as it is) or a
    template marked for the catalogue with its values, which :meth:`text` and
    :meth:`where` write in the reader's language.

    Parameters
    ----------
    file : str
        The file's name in the pack (never translated).
    place : str or Phrase
        Where in the file: "row 4", "feature 2 (etorofu)", "line 3 column 7", "file",
        "folder", "tour intro step 2" (read back as templates by :func:`place_of`), a
        key's path in a JSON file, or a :class:`Verbatim` text (a file in a zip).
    message : str or Phrase
        What is wrong: a template marked with ``N_`` (or :func:`ngettext`) when
        ``values`` are given, a finished text otherwise.
    values : mapping, optional
        What fills the message's template.

    Examples
    --------
    >>> str(Problem("events.csv", "row 4", "date '1945-02-30' is not a real date"))
    "events.csv:row 4: date '1945-02-30' is not a real date"
    >>> problem = Problem("events.csv", "row 4", N_("date {value!r} is not a real date"),
    ...                   {"value": "1945-02-30"})
    >>> problem.message
    "date '1945-02-30' is not a real date"
    >>> problem.text("en"), problem.where("en")
    ("date '1945-02-30' is not a real date", 'row 4')
    """

    __slots__ = ("file", "said", "said_where")

    file: str
    said: Phrase
    said_where: Phrase

    def __init__(
        self,
        file: str,
        place: str | Phrase,
        message: str | Phrase | Counted,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "said_where", place_of(place))
        if isinstance(message, Counted):
            message = Phrase(message, values or {})
        object.__setattr__(self, "said", said(message, values))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Problem cannot be changed ({name})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_problem, (self.file, self.said_where, self.said))

    @property
    def place(self) -> str:
        """Where in the file, in English ("row 4")."""
        return self.said_where.text()

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.said.text()

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        """What is wrong, in a language.

        Parameters
        ----------
        language : str
            A code of :data:`geo.i18n.LANGUAGES`.

        Returns
        -------
        str
            The message's template as the catalogue translates it, with its values
            (file names, ids, numbers, a pack's own text) filled in unchanged.
        """
        return self.said.text(language)

    def where(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Where in the file, in a language ("row 4" is 「4行目」 in Japanese).

        Parameters
        ----------
        language : str
            A code of :data:`geo.i18n.LANGUAGES`.

        Returns
        -------
        str
            The place; a key's path in a JSON file stays as it is.
        """
        return self.said_where.text(language)

    def line(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The whole problem on one line, ``file:place: message``, in a language."""
        return f"{self.file}:{self.where(language)}: {self.text(language)}"

    def __str__(self) -> str:
        return self.line()

    def __repr__(self) -> str:
        return f"Problem(file={self.file!r}, place={self.place!r}, message={self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.file, self.place, self.message) == (other.file, other.place, other.message)

    def __hash__(self) -> int:
        return hash((self.file, self.place, self.message))


def _problem(file: str, place: Phrase, message: Phrase) -> Problem:
    """A problem rebuilt from its parts (how a pickled one is read back)."""
    return Problem(file, place, message)


class DisputeDataError(ValueError):
    """Raised when a pack cannot be used; lists every problem found.

    Parameters
    ----------
    problems : iterable of Problem
        What is wrong, one entry per file and place.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid data")


class ExportOptionError(ValueError):
    """Raised when an export is asked for with an option it does not have (a format, a
    resolution, a tour): the caller's mistake, not the data's."""
