"""The exception types: bad data (with the problems it carries) and bad export options."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack: which file, where in it, and what.

    Examples
    --------
    >>> str(Problem("events.csv", "row 4", "date '1945-02-30' is not a real date"))
    "events.csv:row 4: date '1945-02-30' is not a real date"
    """

    file: str
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.place}: {self.message}"


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
