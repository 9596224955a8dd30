"""File I/O: reading a pack's files and writing exports. Nothing else touches disk."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
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
    except (ValueError, RecursionError) as err:  # e.g. a 5,000-digit number, deep nesting
        reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        raise DisputeDataError([Problem(path.name, "file", f"malformed JSON: {reason}")]) from None
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


_PLAIN_FILE_NAME = re.compile(r"^[\w][\w.-]{0,100}\.geojson$")


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
    islands_file = manifest.get("islands_file", paths.DEFAULT_ISLANDS_FILE)
    if not isinstance(islands_file, str) or not _PLAIN_FILE_NAME.match(islands_file):
        problems.append(
            Problem(
                paths.MANIFEST_FILE,
                "islands_file",
                ("must be the name of a .geojson file in the pack folder"),
            )
        )
        raise DisputeDataError(problems)
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


def read_engine_script() -> str:
    """The map's time engine (``geo/js/time_engine.js``), for placing in the page."""
    return (paths.PACKAGE_DIR / "js" / "time_engine.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class ZipLimits:
    """What an uploaded pack may be: sizes in bytes, number of files."""

    max_zip_bytes: int = 20 * 1024 * 1024
    max_files: int = 40
    max_unpacked_bytes: int = 120 * 1024 * 1024
    max_ratio: float = 100.0  # unpacked/packed size of one member (zip bombs)


def extract_pack_zip(
    data: bytes, target: Path, limits: ZipLimits | None = None, name: str = "upload.zip"
) -> Path:
    """Unpack a zipped pack into an empty folder, refusing anything unsafe.

    Parameters
    ----------
    data : bytes
        The zip file.
    target : pathlib.Path
        An empty folder to unpack into (never the shipped data).
    limits : ZipLimits, optional
        Size, file-count and expansion limits.
    name : str
        The upload's file name, used in messages.

    Returns
    -------
    pathlib.Path
        The folder that holds ``pack.json``: the zip's root or its single top folder.

    Raises
    ------
    DisputeDataError
        For a file that is too large or not a zip, too many files, members that
        would land outside the folder (absolute paths, ``..``, links), a zip that
        expands past the limit, or no ``pack.json``.
    """
    limits = limits or ZipLimits()
    if len(data) > limits.max_zip_bytes:
        raise DisputeDataError(
            [
                Problem(
                    name,
                    "file",
                    (
                        f"is {len(data) / 1e6:.1f} MB; packs may be at most "
                        f"{limits.max_zip_bytes / 1e6:.0f} MB"
                    ),
                )
            ]
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise DisputeDataError([Problem(name, "file", "is not a zip file")]) from None
    with archive:
        members = _checked_members(archive, name, limits)
        for info, relative in members:
            destination = target.joinpath(*relative.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            _copy_member(archive, info, destination, name, limits)
    roots = {target / relative.parts[0] for _, relative in members if len(relative.parts) > 1}
    for root in (target, *sorted(roots)):
        if (root / paths.MANIFEST_FILE).is_file():
            return root
    raise DisputeDataError(
        [Problem(name, "file", "holds no pack.json (at its root or in one folder)")]
    )


def _checked_members(
    archive: zipfile.ZipFile, name: str, limits: ZipLimits
) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """The zip's files with safe relative paths, or every reason to refuse it."""
    problems: list[Problem] = []
    files = [info for info in archive.infolist() if not info.is_dir()]
    if len(files) > limits.max_files:
        problems.append(
            Problem(
                name,
                "file",
                (f"holds {len(files)} files; packs may hold at most {limits.max_files}"),
            )
        )
    total = sum(info.file_size for info in files)
    if total > limits.max_unpacked_bytes:
        problems.append(
            Problem(
                name,
                "file",
                (
                    f"expands to {total / 1e6:.0f} MB; "
                    f"the limit is {limits.max_unpacked_bytes / 1e6:.0f} MB"
                ),
            )
        )
    accepted = []
    for info in files:
        relative = PurePosixPath(info.filename.replace("\\", "/"))
        mode = (info.external_attr >> 16) & 0o170000
        if (
            relative.is_absolute()
            or ".." in relative.parts
            or ":" in info.filename
            or "\x00" in info.filename
            or not relative.parts
        ):
            problems.append(Problem(name, info.filename, "path points outside the pack folder"))
        elif mode == stat.S_IFLNK:
            problems.append(Problem(name, info.filename, "links are not allowed in a pack"))
        elif (
            info.compress_size
            and info.file_size / info.compress_size > limits.max_ratio
            and info.file_size > 1_000_000
        ):
            problems.append(Problem(name, info.filename, "expands suspiciously (zip bomb?)"))
        else:
            accepted.append((info, relative))
    if problems:
        raise DisputeDataError(problems)
    return accepted


def _copy_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, destination: Path, name: str, limits: ZipLimits
) -> None:
    """Copy one member, never writing more than it declared (headers can lie)."""
    written = 0
    with archive.open(info) as source, destination.open("wb") as out:
        while chunk := source.read(1 << 16):
            written += len(chunk)
            if written > info.file_size or written > limits.max_unpacked_bytes:
                raise DisputeDataError([Problem(name, info.filename, "is larger than it declares")])
            out.write(chunk)
