"""Re-render the golden images after an intended change (look at them before committing).

Run: ``uv run python tests/golden/regenerate.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from geo.export import export  # noqa: E402
from geo.pack import load_dispute  # noqa: E402
from geo.view import default_view  # noqa: E402
from tests.test_staticmap import GOLDEN_DPI, GOLDEN_LAYOUT_DPI, GOLDEN_VIEWS  # noqa: E402

dispute = load_dispute()
for name, (year, worldview) in GOLDEN_VIEWS.items():
    view = default_view(dispute).replace(year=year, worldview=worldview)
    (ROOT / "tests" / "golden" / f"{name}.png").write_bytes(
        export(dispute, view, "png", GOLDEN_LAYOUT_DPI, save_dpi=GOLDEN_DPI)
    )
    print(name)
