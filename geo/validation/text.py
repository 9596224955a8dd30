"""The checks every file shares: ids, codes, dates, addresses and printable text.

Each pattern must match the whole text (``fullmatch``: "$" would let a final
newline through, and a newline in an id ends up in file names and headers).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

import jsonschema

from geo.errors import WHOLE_FILE, Phrase, Problem
from geo.i18n import N_
from geo.limits import PackLimits

SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}", re.ASCII)
PARTY_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,9}", re.ASCII)
HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}", re.ASCII)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
NAME_FIELD = re.compile(r"name_[a-z0-9_]{1,30}", re.ASCII)
HTTP_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")
DATE_PRECISIONS = ("day", "month", "year")
# C0/C1 control characters (tab and newline are allowed where a text may span lines)
# and lone UTF-16 surrogates, which no encoder can write to a page, a file or a header.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\n\r]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The key a JSON Schema in geo/schemas gives a reader's message for a value that breaks it.
MESSAGE_KEY = "x-message"
# Every x-message of the schemas in geo/schemas, marked for the catalogue (a test holds
# the two lists equal): braces that are not "{value}" are doubled, as in any template.
SCHEMA_MESSAGES = (
    N_("must be a lowercase slug of at most 80 characters"),
    N_("must be a non-empty text"),
    N_("must be a list of texts"),
    N_("group id must be a lowercase slug"),
    N_("must be an object of names"),
    N_("must map group ids to their names"),
    N_("party code must be 1-10 capitals, e.g. 'JP'"),
    N_("must be a non-empty name"),
    N_("color '{value}' is not #RRGGBB"),
    N_("must map party codes to name and color"),
    N_("worldview code must be a short lowercase slug"),
    N_("must be a non-empty label"),
    N_("name field '{value}' must be a property named like name_xx"),
    N_("needs at least one worldview: code to label and name_field"),
    N_("must be the code of a worldview"),
    N_("must be two numbers: [latitude, longitude]"),
    N_("must be a whole number from 0 to 18"),
    N_("must be a whole year"),
    N_("must be an object"),
    N_("must be [west, south, east, north] in degrees"),
    N_("must be a text"),
    N_("needs a 'language'"),
    N_("needs a 'form'"),
    N_("needs 'meanings': a list of {{form, meaning}}"),
    N_("certainty must be one of agreed, single-source, uncertain"),
    N_("needs 'sources': a list of {{title, url}}"),
    N_("needs 'names' (group or island id to name)"),
    N_("must be a list"),
)
# Why a text cannot be shown: of a named field or value ("{what}"), of a key, of a value.
_TOO_LONG = N_("{what} is {length:,} characters long; at most {most:,}")
_WHAT_SURROGATE = N_("{what} contains a lone surrogate (U+{code}), which is not text")
_WHAT_CONTROL = N_("{what} contains a control character (U+{code})")
_KEY_SURROGATE = N_("a key contains a lone surrogate (U+{code}), which is not text")
_KEY_CONTROL = N_("a key contains a control character (U+{code})")
_SURROGATE_TEXT = N_("contains a lone surrogate (U+{code}), which is not text")
_CONTROL_TEXT = N_("contains a control character (U+{code})")
# A field name's stand-in where a message names no field: any text of a JSON file.
TEXT = Phrase(N_("text"))


class DateError(ValueError):
    """A text that is not a real ISO date; ``written`` is false when it is not even written
    ``YYYY-MM-DD``. ``str(err)`` is the English reason."""

    def __init__(self, text: str, written: bool) -> None:
        self.text = text
        self.written = written
        reason = "is not a real date" if written else "is not an ISO date (YYYY-MM-DD)"
        super().__init__(f"'{text}' {reason}")

    def of(self, what: str | Phrase) -> Phrase:
        """The reason as a message about a named value: "start '1945-02-30' is not a real date"."""
        if self.written:
            template = N_("{what} '{value}' is not a real date")
        else:
            template = N_("{what} '{value}' is not an ISO date (YYYY-MM-DD)")
        return Phrase(template, {"what": what, "value": self.text})


def parse_iso_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` strictly; raises ``ValueError`` with a readable reason.

    Examples
    --------
    >>> parse_iso_date("1855-02-07")
    datetime.date(1855, 2, 7)
    """
    if not ISO_DATE.fullmatch(text):
        raise DateError(text, written=False)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DateError(text, written=True) from None


def text_problem(value: str, max_chars: int, multiline: bool = False) -> str | None:
    """Why a text cannot be shown as it is, or ``None`` when it can.

    Examples
    --------
    >>> text_problem("Etorofu", 100) is None
    True
    >>> text_problem("a\\x00b", 100)
    'contains a control character (U+0000)'
    """
    if len(value) > max_chars:
        return f"is {len(value):,} characters long; at most {max_chars:,}"
    if found := _SURROGATE.search(value):
        return f"contains a lone surrogate (U+{ord(found.group()):04X}), which is not text"
    if found := _CONTROL.search(value) or (None if multiline else _BREAKS.search(value)):
        return f"contains a control character (U+{ord(found.group()):04X})"
    return None


def _text_reason(what: str | Phrase, value: str, max_chars: int, multiline: bool) -> Phrase | None:
    """Why a text cannot be shown, as a message about ``what`` (a field's name)."""
    if len(value) > max_chars:
        return Phrase(_TOO_LONG, {"what": what, "length": len(value), "most": max_chars})
    if found := _SURROGATE.search(value):
        return Phrase(_WHAT_SURROGATE, {"what": what, "code": f"{ord(found.group()):04X}"})
    if found := _CONTROL.search(value) or (None if multiline else _BREAKS.search(value)):
        return Phrase(_WHAT_CONTROL, {"what": what, "code": f"{ord(found.group()):04X}"})
    return None


def checked_text(
    value: Any,
    file: str,
    place: str | Phrase,
    what: str | Phrase,
    max_chars: int,
    problems: list[Problem],
    multiline: bool = False,
) -> str:
    """A value as text, recording a problem when it is too long or not printable.

    ``what`` names the value in the message: a field's name (as it is), or a
    :class:`~geo.errors.Phrase` such as :data:`TEXT`.
    """
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    reason = _text_reason(what, text, max_chars, multiline)
    if reason:
        problems.append(Problem(file, place, reason))
    return text


def nested_texts(
    value: Any, file: str, place: str, limits: PackLimits, problems: list[Problem]
) -> None:
    """Check every text inside a JSON value (lists and objects, any depth)."""
    stack = [(value, place)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            checked_text(item, file, where, TEXT, limits.long_text, problems, multiline=True)
        elif isinstance(item, dict):
            stack.extend((v, f"{where}.{k}") for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{n}]") for n, v in enumerate(item))


def json_text_problems(value: Any, file: str, most: int = 20) -> list[Problem]:
    """Every text in a JSON value (keys too) that cannot be written out: lone surrogates
    and control characters other than tab and line breaks, named by their path.

    JSON may spell any code point (``"\\ud800"``, ``"\\u0000"``); such a text would
    make a page, an SVG or a file name invalid wherever it reached. At most ``most``
    problems are listed.

    Examples
    --------
    >>> [str(p) for p in json_text_problems({"features": [{"id": "a\\x00"}]}, "x.geojson")]
    ['x.geojson:features[0].id: contains a control character (U+0000)']
    """
    found: list[Problem] = []
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack and len(found) < most:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                place = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and (reason := _unwritable(key, key=True)):
                    found.append(Problem(file, where or WHOLE_FILE, reason))
                    continue
                stack.append((child, place))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{n}]") for n, child in enumerate(item))
        elif isinstance(item, str) and (reason := _unwritable(item)):
            found.append(Problem(file, where or WHOLE_FILE, reason))
    return found


def _unwritable(text: str, key: bool = False) -> Phrase | None:
    """Why a text (or a key) cannot be written to a page or a file (surrogates, control
    characters)."""
    if found := _SURROGATE.search(text):
        template = _KEY_SURROGATE if key else _SURROGATE_TEXT
    elif found := _CONTROL.search(text):
        template = _KEY_CONTROL if key else _CONTROL_TEXT
    else:
        return None
    return Phrase(template, {"code": f"{ord(found.group()):04X}"})


def year_in_range(
    date: dt.date,
    file: str,
    place: str | Phrase,
    what: str | Phrase,
    limits: PackLimits,
    problems: list[Problem],
) -> bool:
    """Whether a date falls in the years the explorer supports (else a problem)."""
    if limits.first_year <= date.year <= limits.last_year:
        return True
    problems.append(
        Problem(
            file,
            place,
            N_("{what} {date} is outside the supported years {first}-{last}"),
            {
                "what": what,
                "date": date.isoformat(),
                "first": limits.first_year,
                "last": limits.last_year,
            },
        )
    )
    return False


def checked_date(
    text: str,
    file: str,
    place: str | Phrase,
    what: str,
    limits: PackLimits,
    problems: list[Problem],
) -> dt.date | None:
    """A real ISO date in the supported years, or ``None`` with a problem."""
    try:
        day = parse_iso_date(text)
    except DateError as err:
        problems.append(Problem(file, place, err.of(what)))
        return None
    return day if year_in_range(day, file, place, what, limits, problems) else None


def _whole_text_pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    """JSON Schema's ``pattern``, matched against the whole text.

    Python's ``$`` also matches before a final newline, which ECMA-262's (the
    schema's own dialect) does not: a slug "jp\\n" would pass ``^[a-z]+$``.
    """
    if isinstance(instance, str) and not re.fullmatch(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_WHOLE_TEXT_VALIDATOR = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _whole_text_pattern}
)


def schema_problems(
    value: Any, schema: dict[str, Any], file: str, place: str = ""
) -> list[Problem]:
    """Where a JSON value breaks a JSON Schema, one problem per violation.

    A missing key is named in the object that lacks it; a value that breaks a part of the
    schema which states a reader's message (``"x-message"``) gets that message.

    Examples
    --------
    >>> schema = {"type": "object", "properties": {"zoom": {"type": "integer"}}}
    >>> [str(p) for p in schema_problems({"zoom": "7"}, schema, "pack.json")]
    ["pack.json:zoom: '7' is not of type 'integer'"]
    >>> schema = {"type": "object", "required": ["id"]}
    >>> [str(p) for p in schema_problems({}, schema, "pack.json")]
    ["pack.json:file: needs 'id', a required key"]
    """
    validator = _WHOLE_TEXT_VALIDATOR(schema)
    found = []
    for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.path))):
        where = json_place(place, error.path)
        if "propertyNames" in error.absolute_schema_path:  # a key breaks it: name the key
            where = json_place(where, [_printable(str(error.instance))])
        if error.validator == "required" and isinstance(error.instance, dict):
            for key in error.validator_value:
                if key not in error.instance:
                    found.append(
                        Problem(file, where, N_("needs '{key}', a required key"), {"key": key})
                    )
            continue
        message = error.schema.get(MESSAGE_KEY) if isinstance(error.schema, dict) else None
        if message:
            template = message.replace("{", "{{").replace("}", "}}").replace("{{value}}", "{value}")
            value = _printable(str(error.instance)[:80])
            found.append(Problem(file, where, template, {"value": value}))
        else:  # jsonschema's own words, in English
            message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
            found.append(Problem(file, where, message))
    return found


def _printable(text: str) -> str:
    """A text with its control characters spelled out, to quote it in a message."""
    return _CONTROL_OR_BREAK.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def json_place(place: str, path: Iterable[str | int]) -> str:
    """Where in a JSON file a value is: ``names_layers[0].names.kunashiri`` (or "file")."""
    where = place
    for part in path:
        where += f"[{part}]" if isinstance(part, int) else f".{part}" if where else str(part)
    return where or "file"
