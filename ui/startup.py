"""What the server does once at start, before it accepts the first visitor."""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import os
import socket
import stat
from pathlib import Path

from geo.errors import DisputeDataError
from ui import cache, controls

# What the pages import beyond this module's own imports (altair: the Timeline and
# Islands charts; annotation and export: the Export page; tables: tables and downloads).
PAGE_MODULES = (
    "altair",
    "geo.annotation",
    "geo.export",
    "geo.tables",
    "geo.tours",
    "geo.tourexport",
    "ui.display",
    "ui.packs",
    "ui.time_map",
)


def warm_up() -> None:
    """Do at server start what the first visitor would otherwise wait for.

    Turns off the send delay on the server's socket, imports what the pages
    import, starts the export workers, loads the configured pack and puts the
    map document, events and text twin of its default view into the shared
    caches. A pack that fails validation is left for the first page to report.
    """
    send_without_delay()
    return_large_blocks()
    for module in PAGE_MODULES:
        importlib.import_module(module)
    cache.server_start()
    folder = cache.shipped_or_configured_folder()
    try:
        dispute = cache.dispute_at(folder)
    except DisputeDataError:
        return
    view = controls.effective_basemap(controls.default_for(dispute))
    pack_key = str(folder.resolve())
    cache.map_document(dispute, pack_key, view)
    cache.year_events(dispute, pack_key, view)
    cache.text_twin(dispute, pack_key, view)


def send_without_delay() -> int:
    """Turn off Nagle's algorithm on this process's listening TCP sockets.

    Streamlit binds its server's socket itself, with protocol number 0, and
    asyncio sets ``TCP_NODELAY`` only on connections whose protocol is TCP's
    own number. Without it a response's body, written after its headers, waits
    for the browser's delayed acknowledgement of the headers: measured in
    Chromium, 40–48 ms from the first to the last byte of a file of a few
    hundred bytes, for each of the files Streamlit's page fetches over a
    kept-alive connection. Connections accepted later inherit the option from
    the listening socket (Linux and the BSDs).

    Returns
    -------
    int
        How many listening sockets were changed.
    """
    folder = next((f for f in (Path("/proc/self/fd"), Path("/dev/fd")) if f.is_dir()), None)
    if folder is None:  # no list of open descriptors (Windows): leave the sockets as they are
        return 0
    changed = 0
    for entry in folder.iterdir():
        try:
            descriptor = int(entry.name)
            if not stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                continue
            with socket.socket(fileno=os.dup(descriptor)) as probe:  # the same socket, own fd
                if (
                    probe.family in (socket.AF_INET, socket.AF_INET6)
                    and probe.type == socket.SOCK_STREAM
                    and probe.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
                ):
                    probe.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    changed += 1
        except (OSError, ValueError):
            continue  # closed meanwhile, or not a socket this can use
    return changed


# glibc's mallopt parameter for the size from which blocks are mapped on their own.
_M_MMAP_THRESHOLD = -3
LARGE_BLOCK_BYTES = 1024 * 1024


def return_large_blocks() -> bool:
    """Give memory blocks of 1 MiB or more back to the system as soon as they are freed.

    An upload is held in one block of up to 20 MB. glibc maps such blocks on
    their own and unmaps them when freed, but after the first such free it
    raises its threshold and keeps later ones in its heap, which it does not
    give back: the server kept a freed upload's 19 MB after its reader left.
    Fixing the threshold (``mallopt``) keeps large blocks mapped on their own,
    so a session's uploads leave with it. Elsewhere than glibc this does nothing.

    Returns
    -------
    bool
        Whether the threshold was set.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES))
    except (OSError, AttributeError):  # not glibc: no mallopt
        return False
