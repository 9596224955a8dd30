"""Damaged and unusual uploaded zips: one named problem each, and nothing left behind.

Each zip is a real pack (the Hans Island fixture) with one bad member added
after the good ones, so a failure part-way through unpacking has already
written files that must be removed again. The damage is made by patching the
bytes ``zipfile`` wrote: the data (checksum, deflate stream) or the header
fields (encryption flag, compression method), at their offsets in the zip
format's local and central headers.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from pathlib import Path

import pytest

from geo import paths
from geo.errors import DisputeDataError
from geo.io import extract_pack_zip
from tests.conftest import REPO_ROOT

HANS = REPO_ROOT / "data" / "packs" / "hans-island"
NAME = "upload.zip"

# Offsets inside the zip headers (APPNOTE 4.3.7 and 4.3.12).
LOCAL_FLAGS, LOCAL_METHOD, LOCAL_NAME_LENGTH = 6, 8, 26
CENTRAL_FLAGS, CENTRAL_METHOD = 8, 10
CENTRAL_SIGNATURE = b"PK\x01\x02"


def _pack_zip(
    extra: list[tuple[str | zipfile.ZipInfo, bytes]],
    prefix: str = "",
    skip: frozenset[str] = frozenset(),
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """The Hans pack (less ``skip``), then the ``extra`` members, in that order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(HANS.iterdir()):
            if path.is_file() and path.name not in skip:
                archive.write(path, prefix + path.name)
        for member, data in extra:
            archive.writestr(member, data, compress_type=method)
    return buffer.getvalue()


def _data_offset(data: bytes, member: str) -> tuple[int, int]:
    """Where a member's stored bytes start in the zip, and how many there are."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    start = info.header_offset
    name_length, extra_length = struct.unpack_from("<HH", data, start + LOCAL_NAME_LENGTH)
    return start + 30 + name_length + extra_length, info.compress_size


def _central_offset(data: bytes, member: str) -> int:
    """Where a member's central directory record starts."""
    encoded = member.encode()
    position = data.find(CENTRAL_SIGNATURE)
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == encoded:
            return position
        position = data.find(CENTRAL_SIGNATURE, position + 1)
    raise AssertionError(f"{member} has no central record")


def _set_field(data: bytes, member: str, local: int, central: int, value: int) -> bytes:
    """Set a 2-byte header field of one member in both its local and central headers."""
    patched = bytearray(data)
    start = zipfile.ZipFile(io.BytesIO(data)).getinfo(member).header_offset
    struct.pack_into("<H", patched, start + local, value)
    struct.pack_into("<H", patched, _central_offset(data, member) + central, value)
    return bytes(patched)


def _replace_data(data: bytes, member: str, new: bytes) -> bytes:
    """Overwrite the first bytes of a member's stored data."""
    start, size = _data_offset(data, member)
    assert len(new) <= size
    return data[:start] + new + data[start + len(new) :]


BIG_CSV = b"id,note\n" + b"".join(b"%d,some words to compress\n" % i for i in range(3000))


def _bad_crc() -> bytes:
    data = _pack_zip([("notes.csv", BIG_CSV)], method=zipfile.ZIP_STORED)
    start, _ = _data_offset(data, "notes.csv")
    flipped = bytes([data[start + 10] ^ 0x01])
    return data[: start + 10] + flipped + data[start + 11 :]


def _corrupt_deflate() -> bytes:
    # 0xFF opens a final block of the reserved type 3, which every inflater rejects.
    data = _pack_zip([("notes.csv", BIG_CSV)])
    return _replace_data(data, "notes.csv", b"\xff" * 16)


def _corrupt_bzip2() -> bytes:
    data = _pack_zip([("notes.csv", BIG_CSV)], method=zipfile.ZIP_BZIP2)
    start, _ = _data_offset(data, "notes.csv")
    return _replace_data(data, "notes.csv", data[start : start + 4] + b"\x00" * 32)


def _encrypted() -> bytes:
    data = _pack_zip([("notes.csv", BIG_CSV)])
    return _set_field(data, "notes.csv", LOCAL_FLAGS, CENTRAL_FLAGS, 0x1)


def _unknown_method() -> bytes:
    data = _pack_zip([("notes.csv", BIG_CSV)])
    return _set_field(data, "notes.csv", LOCAL_METHOD, CENTRAL_METHOD, 99)  # 99: AES (WinZip)


def _bad_local_header() -> bytes:
    data = _pack_zip([("notes.csv", BIG_CSV)])
    start = zipfile.ZipFile(io.BytesIO(data)).getinfo("notes.csv").header_offset
    return data[:start] + b"XX" + data[start + 2 :]


LONG_NAME = "n" * 300 + ".txt"  # Linux file systems allow 255 bytes per name
LONG_PATH = "/".join(["d" * 200] * 25) + "/f.txt"  # 5,000 characters; paths stop at 4,096


CASES = {
    "bad checksum": (
        _bad_crc,
        ["upload.zip:notes.csv: is damaged: its checksum does not match its contents"],
    ),
    "corrupt deflate stream": (
        _corrupt_deflate,
        ["upload.zip:notes.csv: is damaged: its compressed data cannot be unpacked"],
    ),
    "corrupt bzip2 stream": (
        _corrupt_bzip2,
        ["upload.zip:notes.csv: is damaged: its compressed data cannot be unpacked"],
    ),
    "encrypted member": (
        _encrypted,
        ["upload.zip:notes.csv: is encrypted; zip the pack without a password"],
    ),
    "unknown compression method": (
        _unknown_method,
        [
            "upload.zip:notes.csv: uses compression method 99, which cannot be read; "
            "zip it with the standard 'deflate' method"
        ],
    ),
    "damaged local header": (
        _bad_local_header,
        ["upload.zip:notes.csv: is damaged: the zip's records of it do not agree"],
    ),
    "name too long": (
        lambda: _pack_zip([(LONG_NAME, b"x")]),
        [f"upload.zip:{LONG_NAME}: its name or path is too long for the file system"],
    ),
    "path too long": (
        lambda: _pack_zip([(LONG_PATH, b"x")]),
        [f"upload.zip:{LONG_PATH}: its name or path is too long for the file system"],
    ),
    "file, then a folder of the same name": (
        lambda: _pack_zip([("notes", b"x"), ("notes/a.txt", b"y")]),
        ["upload.zip:notes: is both a file and a folder in the zip"],
    ),
    "folder, then a file of the same name": (
        lambda: _pack_zip([("notes/a.txt", b"y"), ("notes", b"x")]),
        ["upload.zip:notes: is both a file and a folder in the zip"],
    ),
    "folder entry and a file of the same name": (
        lambda: _pack_zip([(zipfile.ZipInfo("notes/"), b""), ("notes", b"x")]),
        ["upload.zip:notes: is both a file and a folder in the zip"],
    ),
    "the same member twice": (
        lambda: _pack_zip([("events.csv", b"id\n")]),
        ["upload.zip:events.csv: appears more than once in the zip"],
    ),
    "pack.json as a folder": (
        lambda: _pack_zip([("pack.json/readme.txt", b"x")], skip=frozenset({"pack.json"})),
        ["upload.zip:pack.json: is a folder; it must be a file"],
    ),
    "pack.json as a folder inside the top folder": (
        lambda: _pack_zip(
            [("hans/pack.json/readme.txt", b"x")], prefix="hans/", skip=frozenset({"pack.json"})
        ),
        ["upload.zip:hans/pack.json: is a folder; it must be a file"],
    ),
}


def _tree(folder: Path) -> dict[str, str]:
    """Every path under a folder with a digest of its contents."""
    return {
        path.relative_to(folder).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        )
        for path in sorted(folder.rglob("*"))
    }


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
@pytest.mark.parametrize("target_exists", [True, False], ids=["empty folder", "new folder"])
@pytest.mark.parametrize("case", list(CASES))
def test_damaged_zip_is_one_named_problem_and_leaves_nothing(tmp_path, case, target_exists):
    build, expected = CASES[case]
    data = build()
    zipfile.ZipFile(io.BytesIO(data)).close()  # still opens as a zip: the damage is inside
    beside = tmp_path / "beside.txt"
    beside.write_text("untouched", encoding="utf-8")
    target = tmp_path / "work"
    if target_exists:
        target.mkdir()
    shipped_before = _tree(paths.shipped_data_dir())
    around_before = _tree(tmp_path)

    with pytest.raises(DisputeDataError) as raised:
        extract_pack_zip(data, target, name=NAME)

    assert [str(p) for p in raised.value.problems] == expected
    assert _tree(tmp_path) == around_before  # the work folder as given, nothing else touched
    assert target.exists() == target_exists
    assert _tree(paths.shipped_data_dir()) == shipped_before


def test_the_same_pack_without_the_damage_unpacks(tmp_path):
    # The helpers build a good pack around the bad member: without it, it opens.
    data = _pack_zip([("notes.csv", BIG_CSV)])
    folder = extract_pack_zip(data, tmp_path / "work", name=NAME)
    assert (folder / "notes.csv").read_bytes() == BIG_CSV
    assert (folder / "pack.json").read_bytes() == (HANS / "pack.json").read_bytes()
