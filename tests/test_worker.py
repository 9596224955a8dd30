"""Exports in a capped child process: same bytes as in-process, bounded time and memory."""

from __future__ import annotations

import threading

import pytest

from geo.export import export
from geo.view import default_view
from geo.worker import ExportError, WorkLimits, export_in_worker


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_a_worker_export_equals_the_same_export_made_in_process(dispute, fmt):
    view = default_view(dispute).replace(year=1945, worldview="ru")
    assert export_in_worker(dispute, view, fmt, 72) == export(dispute, view, fmt, 72)


@pytest.mark.slow
def test_the_animation_reports_progress_frame_by_frame(dispute):
    seen: list[tuple[int, int]] = []
    data = export_in_worker(
        dispute, default_view(dispute), "gif", 72, progress=lambda d, t: seen.append((d, t))
    )
    assert data[:6] == b"GIF89a"
    total = seen[-1][1]
    assert seen == [(n, total) for n in range(1, total + 1)]


def test_an_export_past_its_memory_cap_fails_with_a_message(dispute):
    tiny = WorkLimits(memory_bytes=200 * 1024**2)
    with pytest.raises(ExportError, match=r"memory|signal"):
        export_in_worker(dispute, default_view(dispute), "png", 300, limits=tiny)


def test_an_export_past_its_time_limit_is_stopped(dispute):
    with pytest.raises(ExportError, match=r"longer than 0.01 s"):
        export_in_worker(dispute, default_view(dispute), "gif", 80, limits=WorkLimits(seconds=0.01))


def test_a_cancelled_export_is_stopped(dispute):
    with pytest.raises(ExportError, match="cancelled"):
        export_in_worker(dispute, default_view(dispute), "gif", 80, cancelled=lambda: True)


@pytest.mark.slow
def test_concurrent_exports_are_byte_identical_to_single_ones(dispute):
    # matplotlib's settings are process-wide: made in one process, concurrent
    # exports could mix them (an SVG with its text turned into paths).
    views = [default_view(dispute).replace(year=y) for y in (1855, 1945, 2016)]
    jobs = [(v, f) for v in views for f in ("svg", "png")]
    alone = {(v.year, f): export(dispute, v, f, 72) for v, f in jobs}
    together: dict[tuple[int, str], bytes] = {}

    def run(view, fmt):
        together[(view.year, fmt)] = export_in_worker(dispute, view, fmt, 72)

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert together == alone
