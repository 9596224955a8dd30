"""Operating-system errors on the command line: one ``file:place: problem`` line, never a traceback.

Tests run as root in CI, and root reads files whatever their mode. So the
permission cases run the command line in a child that imports the package
while privileged and then gives up root (becomes ``nobody``) before it touches
the pack: the kernel really refuses the read or the write, as it would for
any user. Run as an ordinary user, the child simply stays that user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from geo import paths
from tests.conftest import REPO_ROOT

NOBODY = 65534

# Import while privileged (the interpreter may live in a folder only root can
# read), then drop to an unprivileged user and run the command line.
_UNPRIVILEGED = f"""
import os, sys
import geo.cli
# every codec of the standard library: the font subsetter looks several up by name
import encodings, importlib, pkgutil
for codec in pkgutil.iter_modules(encodings.__path__):
    if not codec.name.startswith(("mbcs", "oem", "cp65001")):
        importlib.import_module("encodings." + codec.name)
if os.geteuid() == 0:
    os.setgroups([])
    os.setgid({NOBODY})
    os.setuid({NOBODY})
assert os.geteuid() != 0
sys.exit(geo.cli.main(sys.argv[1:]))
"""


def _env() -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT), "LANG": "C.UTF-8"}


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's own tmp folders are root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="geo-os-errors-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


@pytest.fixture
def run_unprivileged() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the command line as a user the file system's permissions apply to."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", _UNPRIVILEGED, *args],
            capture_output=True,
            text=True,
            cwd="/",
            env=_env(),
            timeout=120,
            check=False,
        )

    return run


def _one_clean_line(text: str) -> str:
    """The only line of ``text``, after checking there is exactly one and no traceback."""
    assert "Traceback" not in text and "Exception ignored" not in text, text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def _copy_pack(folder: Path) -> Path:
    target = folder / "pack"
    shutil.copytree(paths.shipped_data_dir(), target)
    target.chmod(0o755)
    return target


# --- reading the pack ---------------------------------------------------------------------------


def test_a_folder_where_a_file_is_expected(run_cli, pack_copy):
    (pack_copy / "events.csv").unlink()
    (pack_copy / "events.csv").mkdir()
    result = run_cli("state", "--date", "1950", "--data", str(pack_copy))
    assert result.returncode == 1
    assert _one_clean_line(result.stderr) == "events.csv:file: is a folder, not a file"


def test_a_file_where_the_pack_folder_is_expected(run_cli, pack_copy):
    manifest = pack_copy / "pack.json"
    result = run_cli("validate", "--data", str(manifest))
    assert result.returncode == 1
    assert _one_clean_line(result.stdout) == f"{manifest}:folder: is a file, not a folder"
    result = run_cli("validate", "--data", str(manifest / "deeper"))
    assert result.returncode == 1
    assert _one_clean_line(result.stdout).startswith(f"{manifest / 'deeper'}:folder: ")


def test_a_named_pipe_in_the_pack_is_refused_not_waited_on(run_cli, pack_copy):
    fifo = pack_copy / "events.csv"
    fifo.unlink()
    os.mkfifo(fifo)

    def feed() -> None:  # a writer, so that code which did read the pipe fails, never hangs
        # the reader below may close its end first: the write then has nobody to go to
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as writer:
            writer.write(b"id\n")

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        result = run_cli("validate", "--data", str(pack_copy))
    finally:
        # Open a reader of our own, so the writer's open returns whether or not it was read.
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        feeder.join()
        os.close(reader)
    assert result.returncode == 1
    assert _one_clean_line(result.stdout) == "events.csv:file: is not a regular file"


@pytest.mark.slow
def test_an_unreadable_file(run_unprivileged, shared_dir):
    pack = _copy_pack(shared_dir)
    (pack / "events.csv").chmod(0o000)
    result = run_unprivileged("validate", "--data", str(pack))
    assert result.returncode == 1, result.stderr
    assert _one_clean_line(result.stdout) == "events.csv:file: cannot be read: Permission denied"
    assert result.stderr == ""


@pytest.mark.slow
def test_an_unreadable_pack_folder(run_unprivileged, shared_dir):
    pack = _copy_pack(shared_dir)
    pack.chmod(0o000)
    result = run_unprivileged("state", "--date", "1950", "--data", str(pack))
    assert result.returncode == 1
    assert _one_clean_line(result.stderr) == f"{pack}:folder: cannot be opened: Permission denied"
    assert result.stdout == ""


# --- writing an export --------------------------------------------------------------------------


def test_an_output_folder_that_does_not_exist(run_cli, tmp_path):
    out = tmp_path / "no-such-folder" / "map.html"
    result = run_cli("export", "--format", "html", "--out", str(out))
    assert result.returncode == 2
    assert _one_clean_line(result.stderr) == f"{out}:--out: the folder {out.parent} does not exist"
    assert not out.parent.exists()


def test_an_output_that_is_a_folder(run_cli, tmp_path):
    result = run_cli("export", "--format", "html", "--out", str(tmp_path))
    assert result.returncode == 2
    assert _one_clean_line(result.stderr) == f"{tmp_path}:--out: is a folder; name a file inside it"
    assert list(tmp_path.iterdir()) == []


def test_an_output_folder_that_is_a_file(run_cli, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me", encoding="utf-8")
    out = blocker / "map.html"
    result = run_cli("export", "--format", "html", "--out", str(out))
    assert result.returncode == 2
    assert _one_clean_line(result.stderr) == f"{out}:--out: {blocker} is a file, not a folder"
    assert blocker.read_text(encoding="utf-8") == "keep me"


@pytest.mark.slow
def test_an_output_folder_without_write_permission(run_unprivileged, shared_dir):
    locked = shared_dir / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    out = locked / "map.html"
    result = run_unprivileged("export", "--format", "html", "--out", str(out))
    assert result.returncode == 2
    assert _one_clean_line(result.stderr) == f"{out}:--out: cannot write: Permission denied"
    assert list(locked.iterdir()) == []


# --- standard output closed by its reader (``validate | head -1``) ------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("args", [("validate",), ("state", "--date", "1950")])
def test_a_closed_pipe(args):
    # The reading end is closed before the child starts, so its first write fails (EPIPE),
    # exactly what ``| head -1`` does once it has its line; no timing involved.
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "geo", *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            cwd="/",
            env=_env(),
            timeout=120,
            check=False,
        )
    finally:
        os.close(writer)
    assert result.returncode == 1
    assert (
        _one_clean_line(result.stderr)
        == "<stdout>:output: closed by the reader before everything was written"
    )
