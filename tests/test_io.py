"""Reading a pack's files: never through a link, never a FIFO, never past the size limits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geo import paths
from geo.errors import DisputeDataError
from geo.io import read_pack, read_pack_file
from geo.pack import load_dispute

SECRET = "DISPUTE_TEST_SECRET=do-not-publish"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """A file outside the pack that a link in the pack points at."""
    path = tmp_path / "outside" / "secrets.txt"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name",
    ["SOURCES.md", "events.csv", "pack.json", "kuril_islands.geojson", "depictions.csv"],
)
def test_a_pack_file_that_is_a_link_is_refused_naming_the_file(pack_copy, secret_file, name):
    (pack_copy / name).unlink()
    (pack_copy / name).symlink_to(secret_file)
    with pytest.raises(DisputeDataError, match=rf"{name}:file: is a link"):
        load_dispute(pack_copy)


def test_a_link_to_the_process_environment_is_never_read(pack_copy, monkeypatch):
    monkeypatch.setenv("DISPUTE_TEST_SECRET", "do-not-publish")
    (pack_copy / "SOURCES.md").unlink()
    (pack_copy / "SOURCES.md").symlink_to("/proc/self/environ")
    with pytest.raises(DisputeDataError) as caught:
        read_pack(pack_copy)
    assert "do-not-publish" not in str(caught.value)
    assert [str(p) for p in caught.value.problems] == [
        "SOURCES.md:file: is a link; a pack's files must be files in its folder"
    ]


def test_a_link_to_a_folder_or_a_dangling_link_is_refused(pack_copy, tmp_path):
    (pack_copy / "tours.json").unlink()
    (pack_copy / "tours.json").symlink_to(tmp_path)
    (pack_copy / "context.geojson").unlink()
    (pack_copy / "context.geojson").symlink_to(tmp_path / "gone.geojson")
    with pytest.raises(DisputeDataError) as caught:
        read_pack(pack_copy)
    assert sorted(str(p) for p in caught.value.problems) == [
        "context.geojson:file: is a link; a pack's files must be files in its folder",
        "tours.json:file: is a link; a pack's files must be files in its folder",
    ]


def test_a_fifo_is_refused_without_blocking(pack_copy):
    (pack_copy / "SOURCES.md").unlink()
    os.mkfifo(pack_copy / "SOURCES.md")
    with pytest.raises(DisputeDataError, match=r"SOURCES\.md:file: is not a regular file"):
        read_pack(pack_copy)


def test_a_sources_note_over_its_limit_is_refused(pack_copy):
    (pack_copy / "SOURCES.md").write_bytes(b"#" * 1_000_001)
    with pytest.raises(DisputeDataError, match=r"SOURCES.md:file: is 1,000,001 bytes; at most"):
        read_pack(pack_copy)


@pytest.mark.parametrize("name", ["../pack.json", "sub/pack.json", "", ".."])
def test_only_plain_names_inside_the_folder_are_read(name):
    with pytest.raises(DisputeDataError, match="is not a plain file name"):
        read_pack_file(paths.shipped_data_dir(), name)


def test_the_loaded_pack_keeps_the_bytes_of_every_file_it_read(pack_copy):
    dispute = load_dispute(pack_copy)
    on_disk = {path.name: path.read_bytes() for path in pack_copy.iterdir()}
    assert dispute.files == on_disk  # every file of the shipped pack, SOURCES.md included
    assert "depictions.csv" in dispute.files


def test_a_pack_without_a_sources_note_loads(pack_copy):
    (pack_copy / "SOURCES.md").unlink()
    assert "SOURCES.md" not in load_dispute(pack_copy).files
