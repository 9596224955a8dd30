"""File I/O: reading a pack's files and writing exports. Nothing else touches disk."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from geo import paths
from geo.errors import DisputeDataError, Problem


@dataclass(frozen=True)
class RawPack:
    """A pack's files as read from disk, before validation."""

    folder: Path
    manifest: dict[str, Any]
    islands: dict[str, Any]
    events: pd.DataFrame
    sovereignty: pd.DataFrame
    context: dict[str, Any] | None
    boundaries: dict[str, Any] | None
    overview: dict[str, Any] | None
    islands_file: str


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, naming the file and byte offset if it is not UTF-8."""
    if not path.is_file():
        raise DisputeDataError([Problem(path.name, "file", "file is missing")])
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DisputeDataError(
            [
                Problem(
                    path.name,
                    f"line {line}",
                    f"not valid UTF-8 text (byte {err.start}); save it as UTF-8",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def read_json(path: Path) -> dict[str, Any]:
    """Parse a JSON object, naming the line and column of a syntax error."""
    text = read_text(path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise DisputeDataError(
            [
                Problem(
                    path.name,
                    f"line {err.lineno} column {err.colno}",
                    f"malformed JSON: {err.msg}",
                )
            ]
        ) from None
    if not isinstance(value, dict):
        raise DisputeDataError([Problem(path.name, "file", "expected a JSON object at the top")])
    return value


def read_csv(path: Path) -> pd.DataFrame:
    """Read a CSV as text columns; row numbers in messages count the header as row 1."""
    text = read_text(path)
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as err:
        raise DisputeDataError([Problem(path.name, "file", f"malformed CSV: {err}")]) from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise DisputeDataError([Problem(path.name, "file", "file is empty (no header row)")])
    header = [name.strip() for name in rows[0]]
    problems = [
        Problem(path.name, f"row {number}", f"has {len(row)} fields, the header has {len(header)}")
        for number, row in enumerate(rows[1:], start=2)
        if len(row) != len(header)
    ]
    if len(set(header)) != len(header):
        problems.append(Problem(path.name, "row 1", "the header repeats a column name"))
    if problems:
        raise DisputeDataError(problems)
    frame = pd.DataFrame(
        [[cell.strip() for cell in row] for row in rows[1:]], columns=header, dtype=object
    )
    frame.index = pd.RangeIndex(2, 2 + len(frame))  # index = row number in the file
    return frame


def read_pack(folder: Path) -> RawPack:
    """Read every file of a pack folder; raises on missing or unreadable files.

    Parameters
    ----------
    folder : pathlib.Path
        A folder holding ``pack.json`` and the files it names.

    Returns
    -------
    RawPack
        The parsed but unvalidated contents.
    """
    if not folder.is_dir():
        raise DisputeDataError([Problem(str(folder), "folder", "pack folder does not exist")])
    problems: list[Problem] = []
    results: dict[str, Any] = {}

    def attempt(key: str, reader: Any, path: Path, optional: bool = False) -> None:
        if optional and not path.exists():
            results[key] = None
            return
        try:
            results[key] = reader(path)
        except DisputeDataError as err:
            problems.extend(err.problems)

    attempt("manifest", read_json, folder / paths.MANIFEST_FILE)
    manifest = results.get("manifest") or {}
    islands_file = str(manifest.get("islands_file", paths.DEFAULT_ISLANDS_FILE))
    attempt("islands", read_json, folder / islands_file)
    attempt("events", read_csv, folder / paths.EVENTS_FILE)
    attempt("sovereignty", read_csv, folder / paths.SOVEREIGNTY_FILE)
    attempt("context", read_json, folder / paths.CONTEXT_FILE, optional=True)
    attempt("boundaries", read_json, folder / paths.BOUNDARIES_FILE, optional=True)
    attempt("overview", read_json, folder / paths.OVERVIEW_FILE, optional=True)
    if problems:
        raise DisputeDataError(problems)
    return RawPack(folder=folder, islands_file=islands_file, **results)


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write a file in one step so a failed export never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).chmod(0o644)  # mkstemp creates 0600; an export is for sharing
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def read_leaflet_assets() -> tuple[str, str]:
    """The served Leaflet JavaScript and CSS, for inlining into a standalone HTML file."""
    folder = paths.static_dir() / "leaflet" / paths.LEAFLET_VERSION
    return (
        (folder / "leaflet.js").read_text(encoding="utf-8"),
        (folder / "leaflet.css").read_text(encoding="utf-8"),
    )
