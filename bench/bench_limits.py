"""Benchmark the largest pack the explorer accepts: time and peak memory of each step.

Run with ``uv run --group bench python bench/bench_limits.py``. Builds the pack at the limits
(``tests/edge_packs.py``: Etorofu replaced by comb-shaped rings of the longest
ring allowed until the vertex budget is full, and as many events as allowed),
then measures, each step in a fresh process so its peak memory is its own:
loading and validating, the interactive map's HTML, and the PNG, SVG and GIF
exports. Prints a Markdown table and writes ``bench/results-limits.json``.
Nothing here is asserted by the tests.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 3
STEP = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from geo.pack import load_dispute
from geo.view import default_view
step, folder = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
dispute = load_dispute(folder)
if step != "load":
    view = default_view(dispute).replace(year=1950)
    start = time.perf_counter()
    if step == "map":
        from geo.foliummap import build_map
        size = len(build_map(dispute, view).get_root().render())
    else:
        from geo.export import export
        size = len(export(dispute, view, step, 120 if step == "png" else 80))
else:
    size = 0
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak_mb, "bytes": size}}))
"""


def main() -> None:
    from geo.limits import PACK_LIMITS
    from tests.edge_packs import pack_at_the_limits

    with tempfile.TemporaryDirectory() as tmp:
        folder = pack_at_the_limits(Path(tmp) / "pack")
        results = {}
        for step in ("load", "map", "png", "svg", "gif"):
            samples = []
            for _ in range(RUNS):
                out = subprocess.run(
                    [sys.executable, "-c", STEP.format(root=str(ROOT)), step, str(folder)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
            results[step] = {
                "median_s": round(statistics.median(s["seconds"] for s in samples), 2),
                "peak_mb": round(max(s["peak_mb"] for s in samples)),
                "size_kb": round(samples[-1]["bytes"] / 1024),
                "runs": RUNS,
            }
    results["limits"] = {
        "ring_vertices": PACK_LIMITS.ring_vertices,
        "pack_vertices": PACK_LIMITS.pack_vertices,
        "events": PACK_LIMITS.events,
    }
    (ROOT / "bench" / "results-limits.json").write_text(json.dumps(results, indent=1) + "\n")
    print("| step (largest pack) | median | peak memory of the process | output |")
    print("|---|---|---|---|")
    for step, row in results.items():
        if step != "limits":
            print(f"| {step} | {row['median_s']} s | {row['peak_mb']} MB | {row['size_kb']} KB |")


if __name__ == "__main__":
    main()
