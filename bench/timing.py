"""Timing shared by the benchmark scripts: the median of several runs after a warm-up."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(work: Callable[[], object], runs: int) -> float:
    """Median wall time of ``work`` in milliseconds (one warm-up run first)."""
    work()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return round(statistics.median(samples) * 1000, 1)
