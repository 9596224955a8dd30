"""Fetch the pinned web packages from the npm registry into ``static/``.

The app serves these files itself (Streamlit static serving), so the map needs
no CDN and works offline: Leaflet for the map and axe-core, which the
accessibility tests inject into every page. Re-run to reproduce them::

    python scripts/fetch_web_assets.py

Needs ``npm`` on the PATH (only to download the package tarball).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# package -> (version, files kept; "dist/" is dropped from their paths)
PACKAGES = {
    "leaflet": ("1.9.4", ("dist/leaflet.js", "dist/leaflet.css", "dist/images/", "LICENSE")),
    "axe-core": ("4.11.0", ("axe.min.js", "LICENSE")),
}


def fetch(name: str, version: str, keep_files: tuple[str, ...], target: Path) -> None:
    """Download one npm package and copy the files the map needs."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--silent"],
            cwd=work,
            check=True,
            capture_output=True,
        )
        tarball = next(Path(work).glob("*.tgz"))
        digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
        with tarfile.open(tarball) as archive:
            archive.extractall(work, filter="data")
        package = Path(work) / "package"
        if target.exists():
            shutil.rmtree(target)
        for keep in keep_files:
            source = package / keep
            destination = (
                target / Path(keep).relative_to("dist")
                if keep.startswith("dist")
                else target / keep
            )
            if source.is_dir():
                shutil.copytree(source, destination)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, destination)
        (target / "SOURCE.txt").write_text(
            f"{name}@{version} from the npm registry; tarball sha256 {digest}\n", encoding="utf-8"
        )


def main() -> None:
    for name, (version, keep_files) in PACKAGES.items():
        fetch(name, version, keep_files, REPO_ROOT / "static" / name / version)
        print(f"static/{name}/{version}")


if __name__ == "__main__":
    main()
