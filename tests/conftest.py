"""Shared fixtures: the shipped pack, writable copies of it, and a CLI runner."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from geo import paths
from geo.cli import main
from geo.model import Dispute
from geo.pack import load_dispute

REPO_ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "pages/map.py",
    "pages/compare.py",
    "pages/story.py",
    "pages/timeline.py",
    "pages/islands.py",
    "pages/export.py",
    "pages/data_sources.py",
    "pages/disputes.py",
    "pages/make_pack.py",
)


@pytest.fixture(scope="session")
def dispute() -> Dispute:
    """The shipped pack, loaded once."""
    return load_dispute(paths.shipped_data_dir())


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped pack."""
    target = tmp_path / "pack"
    # the Kuril pack alone: the other shipped packs sit in its packs/ folder
    shutil.copytree(
        paths.shipped_data_dir(), target, ignore=shutil.ignore_patterns(paths.PACKS_FOLDER)
    )
    return target


def as_shown(markdown: str) -> str:
    """What a reader sees of Markdown escaped by ``ui.text.md``: escapes and joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows as dicts."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def zip_folder(folder: Path) -> bytes:
    """The files of a folder as a zip (an uploaded pack)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                archive.write(path, path.name)
    return buffer.getvalue()


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames: list[str] | None = None) -> None:
    """Write dict rows back to a CSV file."""
    names = fieldnames or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m geo`` in a new interpreter, from a folder outside the repository."""
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        capture_output=True,
        text=True,
        cwd=cwd or Path("/"),
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT)},
    )


def _run_in_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``geo.cli.main`` in this interpreter, as the process would run it (no ``DISPUTE_PACK``).

    Starting an interpreter costs seconds of imports per call; the command-line
    code is the same, so most tests call it here. An exception that escapes
    ``main`` fails the test, as a traceback on stderr would.
    """
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.pop(paths.PACK_ENV_VAR, None)
    try:
        with (
            contextlib.chdir(cwd or Path("/")),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                status = main(list(args))
            except SystemExit as exit_:  # argparse's usage errors
                status = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        if saved is not None:
            os.environ[paths.PACK_ENV_VAR] = saved
    return subprocess.CompletedProcess(
        ["python -m geo", *args], status, out.getvalue(), err.getvalue()
    )


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the command line (in this process) from a folder outside the repository."""
    return _run_in_process


@pytest.fixture
def run_cli_process() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m geo`` as a subprocess from a folder outside the repository."""
    return _run_process


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Keep each phase's report on the test item, so fixtures can see a failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    """The system Chromium driven by Playwright (fails in CI, skips elsewhere, if missing)."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
