"""The built wheel is a real package: installed alone in a fresh environment, the CLI works.

The wheel is built from this checkout with ``uv build`` (the sdist first, then the
wheel from the sdist, as an index would), installed into a new virtual environment
with the locked dependency versions, and the commands are run from a folder that
is neither the checkout nor the environment, with no ``PYTHONPATH``.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow

HANS = REPO_ROOT / "data" / "packs" / "hans-island"


def _uv() -> str:
    """The uv that runs this suite (``uv run`` names itself in ``UV``), else uv on PATH."""
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        pytest.fail("uv is needed to build and install the wheel (run the suite with `uv run`)")
    return found


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, capture_output=True, text=True, cwd=cwd, env=env, timeout=600, check=False
    )


def _uv_env() -> dict[str, str]:
    """This environment (registry settings, cache) without anything naming a Python or venv."""
    dropped = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "UV_PROJECT_ENVIRONMENT", "UV_PYTHON")
    return {k: v for k, v in os.environ.items() if k not in dropped}


def _clean_env(home: Path) -> dict[str, str]:
    """An environment for the installed commands with nothing pointing back at the checkout."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "MPLCONFIGDIR": str(home / "mpl"),
        "LANG": "C.UTF-8",
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build sdist and wheel from the checkout."""
    out = tmp_path_factory.mktemp("dist")
    home = tmp_path_factory.mktemp("home")
    result = _run([_uv(), "build", "--out-dir", str(out), str(REPO_ROOT)], out, _uv_env())
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = sorted(out.glob("*.whl"))
    sdists = sorted(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in out.iterdir())
    return {"wheel": wheels[0], "sdist": sdists[0], "home": home}


@pytest.fixture(scope="module")
def installed(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding only the wheel and its locked dependencies."""
    root = tmp_path_factory.mktemp("venv")
    venv = root / "env"
    env = _uv_env()
    uv = _uv()
    result = _run([uv, "venv", "--python", sys.executable, str(venv)], root, env)
    assert result.returncode == 0, result.stderr
    constraints = root / "constraints.txt"
    result = _run(
        [
            uv,
            "export",
            "--frozen",
            "--no-hashes",
            "--no-default-groups",
            "--no-emit-project",
            "--project",
            str(REPO_ROOT),
            "--output-file",
            str(constraints),
        ],
        root,
        env,
    )
    assert result.returncode == 0, result.stderr
    python = venv / "bin" / "python"
    result = _run(
        [
            uv,
            "pip",
            "install",
            "--python",
            str(python),
            "-c",
            str(constraints),
            str(built["wheel"]),
        ],
        root,
        env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return python


@pytest.fixture
def run_installed(
    installed: Path, built: dict[str, Path], tmp_path: Path
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m geo`` of the installed wheel from an unrelated empty folder."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def run(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
        env = {**_clean_env(built["home"]), **extra_env}
        return _run([str(installed), "-m", "geo", *args], elsewhere, env)

    return run


def test_wheel_carries_the_shipped_pack_and_the_web_assets(built):
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = set(wheel.namelist())
        for path in (REPO_ROOT / "data").rglob("*"):  # the shipped packs of data/packs too
            if path.is_file():
                name = f"geo/data/{path.relative_to(REPO_ROOT / 'data').as_posix()}"
                assert name in names
                assert wheel.read(name) == path.read_bytes()
        for path in (REPO_ROOT / "static").rglob("*"):
            if path.is_file():
                assert f"geo/static/{path.relative_to(REPO_ROOT / 'static').as_posix()}" in names
        assert not any(n.startswith(("tests/", "ui/", "pages/", "data/", "static/")) for n in names)


def test_installed_package_is_the_wheel_not_the_checkout(installed, run_installed, tmp_path):
    script = "import geo, geo.paths as p; print(geo.__file__); print(p.shipped_data_dir()); print(p.static_dir())"
    result = subprocess.run(
        [str(installed), "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    package, data, static = (Path(line) for line in result.stdout.splitlines())
    site = installed.parent.parent
    for path in (package, data, static):
        assert path.is_relative_to(site), path
        assert not path.is_relative_to(REPO_ROOT), path
    assert data == package.parent / "data"
    assert static == package.parent / "static"


def test_installed_validate(run_installed):
    result = run_installed("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok: The Kuril Islands dispute: ")
    assert "Traceback" not in result.stderr


def test_installed_state_1950(run_installed):
    result = run_installed("state", "--date", "1950")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["group"] for r in rows} == {"etorofu", "kunashiri", "shikotan", "habomai"}
    assert all(r["administered_by"] == "SU" and r["contested"] == "true" for r in rows)


def test_installed_export_html_inlines_leaflet(run_installed, tmp_path):
    out = tmp_path / "map.html"
    result = run_installed("export", "--format", "html", "--year", "1950", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    leaflet = (REPO_ROOT / "static" / "leaflet" / "1.9.4" / "leaflet.js").read_text(
        encoding="utf-8"
    )
    assert leaflet[-2000:] in page  # the served copy, inlined
    assert "unpkg.com" not in page and "cdn.jsdelivr" not in page


def test_installed_pack_override_still_works(run_installed):
    result = run_installed("validate", DISPUTE_PACK=str(HANS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok: The Hans Island / Tartupaluk dispute: ")
