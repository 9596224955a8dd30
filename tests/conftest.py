"""Shared fixtures: the shipped pack, writable copies of it, and a CLI runner."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from geo import paths
from geo.model import Dispute
from geo.pack import load_dispute

REPO_ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "pages/map.py",
    "pages/timeline.py",
    "pages/islands.py",
    "pages/export.py",
    "pages/data_sources.py",
)


@pytest.fixture(scope="session")
def dispute() -> Dispute:
    """The shipped pack, loaded once."""
    return load_dispute(paths.shipped_data_dir())


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped pack."""
    target = tmp_path / "pack"
    shutil.copytree(paths.shipped_data_dir(), target)
    return target


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows as dicts."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames: list[str] | None = None) -> None:
    """Write dict rows back to a CSV file."""
    names = fieldnames or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m geo`` as a subprocess from a folder outside the repository."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "geo", *args],
            capture_output=True,
            text=True,
            cwd=cwd or Path("/"),
            timeout=120,
            check=False,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT)},
        )

    return run


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
