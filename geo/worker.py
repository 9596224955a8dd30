"""Exports and map documents made in a separate process with a memory cap and a time limit.

An export can take seconds and hundreds of megabytes (an animation renders a
frame per state). Made inside the server, it would hold the interpreter and
its memory for every other user, and one pathological pack could take the
process down. Here each export runs in a child process forked from a
``forkserver`` that has already imported the renderers: the child is capped
(``RLIMIT_AS``), killed when it runs past its time or when the caller cancels,
and reports progress through a pipe. matplotlib's process-wide settings then
also never mix between concurrent exports.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from geo.compareview import CompareView
from geo.model import Dispute
from geo.view import View

# Modules the fork server imports once, so each export starts in milliseconds.
PRELOAD = [
    "geo.export",
    "geo.sheet",
    "geo.maplayers",
    "geo.furniture",
    "geo.staticmap",
    "geo.comparemap",
    "geo.tourexport",
    "geo.foliummap",
    "geo.scene",
]
POLL_SECONDS = 0.05


@dataclass(frozen=True)
class WorkLimits:
    """What one export may use.

    Attributes
    ----------
    memory_bytes : int
        Address space of the export's process.
    seconds : float
        Wall-clock time before the export is stopped.
    """

    memory_bytes: int = 4 * 1024**3
    seconds: float = 180.0


class ExportError(RuntimeError):
    """An export ran out of time or memory, was cancelled, or failed; the message says which."""


def _context() -> Any:
    """The fork-server context, with the renderers preloaded."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_worker_server() -> None:
    """Start the fork server now (imports the renderers), not on the first export."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def _child(
    conn: Connection, task: Callable[..., Any], args: tuple[Any, ...], memory_bytes: int
) -> None:
    """Run one task in the child process and send its result through ``conn``.

    The task is called with its arguments and a ``progress(done, total)``
    callable that reports to the waiting process.
    """
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    def report(done: int, total: int) -> None:
        conn.send(("progress", done, total))

    try:
        conn.send(("done", task(*args, progress=report)))
    except MemoryError:
        conn.send(("error", f"needed more than {memory_bytes // 1024**2:,} MB of memory"))
    except (ValueError, OSError) as err:
        conn.send(("error", str(err)))
    except Exception as err:  # reported to the waiting session by name, never lost
        conn.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        conn.close()


def _export_task(
    dispute: Dispute,
    view: View | CompareView,
    fmt: str,
    dpi: int,
    save_dpi: int | None,
    tour: str,
    progress: Callable[[int, int], None],
) -> bytes:
    """An export (or a tour's), as the child makes it (:func:`geo.export.render`)."""
    from geo.export import render

    return render(dispute, view, fmt, dpi, progress=progress, save_dpi=save_dpi, tour=tour)


def _document_task(dispute: Dispute, view: View, progress: Callable[[int, int], None]) -> str:
    """A map document with every state of the view's scene, as the child makes it."""
    del progress  # one step
    from geo.foliummap import map_html
    from geo.scene import build_scene

    return map_html(dispute, view, build_scene(dispute, view))


def export_in_worker(
    dispute: Dispute,
    view: View | CompareView,
    fmt: str,
    dpi: int,
    limits: WorkLimits | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    save_dpi: int | None = None,
    tour: str = "",
) -> bytes:
    """Export a view (see :func:`geo.export.export`) in a capped child process.

    Parameters
    ----------
    dispute, view, fmt, dpi
        As for :func:`geo.export.export`.
    limits : WorkLimits, optional
        Memory and time allowed; the defaults suit the largest pack accepted.
    progress : callable, optional
        Called in this process with (steps done, steps in all) as the child reports them.
    cancelled : callable, optional
        Polled while waiting; when it returns True the child is killed.
    save_dpi : int, optional
        As for :func:`geo.export.export` (a smaller copy of a PNG's layout).
    tour : str, optional
        Id of a tour: export it instead (:func:`geo.tourexport.export_tour`;
        ``dpi`` and ``save_dpi`` are not used).

    Returns
    -------
    bytes
        The same bytes :func:`geo.export.export` gives.

    Raises
    ------
    ExportError
        With a readable reason: out of time, out of memory, cancelled, or the
        process ended without a result.
    """
    args = (_bare(dispute), view, fmt, dpi, save_dpi, tour)
    return bytes(_run(_export_task, args, limits or WorkLimits(), progress, cancelled, "export"))


def document_in_worker(dispute: Dispute, view: View, limits: WorkLimits | None = None) -> str:
    """The map document of a view (:func:`geo.foliummap.map_html` with every state of its
    scene), made in a capped child process.

    Building a scene takes a tenth of a second of CPU or more; made in the
    server's own interpreter, many at once would hold it, and the server could
    answer nothing else (not even its health check) until they were done.

    Raises
    ------
    ExportError
        As :func:`export_in_worker`.
    """
    args = (_bare(dispute), view)
    return str(_run(_document_task, args, limits or WorkLimits(), None, None, "map"))


def _bare(dispute: Dispute) -> Dispute:
    """The pack with a copy of its memo as it is now (other threads may add to the memo
    while it is pickled; the child then needs not compute what the server already has)."""
    return dataclasses.replace(dispute, memo=dict(dispute.memo))


def _run(
    task: Callable[..., Any],
    args: tuple[Any, ...],
    limits: WorkLimits,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
    what: str,
) -> Any:
    """Run a task in a capped child process; its result, or an ExportError saying why not
    (``what`` names the work in the message: "export", "map")."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, task, args, limits.memory_bytes), daemon=True
    )
    try:
        _start_without_main(process)
    except OSError as err:  # e.g. the fork server died and its pipe is closed
        receiver.close()
        raise ExportError(f"the {what} process could not start ({err})") from None
    finally:
        sender.close()
    deadline = time.monotonic() + limits.seconds
    try:
        while True:
            if receiver.poll(POLL_SECONDS):
                try:
                    message = receiver.recv()
                except EOFError:
                    raise ExportError(_ended(process, what)) from None
                if message[0] == "progress":
                    if progress:
                        progress(message[1], message[2])
                    continue
                if message[0] == "done":
                    return message[1]
                raise ExportError(f"the {what} failed: {message[1]}")
            if not process.is_alive() and not receiver.poll(0):
                raise ExportError(_ended(process, what))
            if time.monotonic() > deadline:
                raise ExportError(
                    f"the {what} took longer than {limits.seconds:g} s and was stopped"
                )
            if cancelled and cancelled():
                raise ExportError(f"the {what} was cancelled")
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()


def _start_without_main(process: Any) -> None:
    """Start a child that does not re-run the script that happens to be ``__main__``.

    multiprocessing makes each child import the parent's ``__main__`` again; in
    the app that is the page script Streamlit is running, which would run the
    whole app in the child. For the moment of ``start`` this module stands in
    for ``__main__`` (a child imports it cheaply); the real one is put back
    unless someone else replaced it meanwhile.
    """
    stand_in = sys.modules[__name__]
    real = sys.modules["__main__"]
    sys.modules["__main__"] = stand_in
    try:
        process.start()
    finally:
        if sys.modules["__main__"] is stand_in and real is not stand_in:
            sys.modules["__main__"] = real


def _ended(process: Any, what: str) -> str:
    """Why a child ended without sending a result."""
    process.join(1)
    code = process.exitcode
    if code is not None and code < 0:
        return f"the {what} process was stopped by signal {-code} (out of memory?)"
    return f"the {what} process ended without a result (exit status {code})"
