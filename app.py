"""The explorer's server: ``streamlit run app.py`` (see the README).

The pages run from ``explorer.py``; this entry point only adds what Streamlit's
script-per-session model cannot: work done once when the server starts (the
geodata stack imported, the pack loaded and its default map built), so the
first visitor is served as fast as every later one. ``DISPUTE_PACK=/path/to/pack``
opens another dispute pack.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import streamlit as st
from starlette.middleware import Middleware
from streamlit.runtime import Runtime

from ui.uploads import UploadGuard


@asynccontextmanager
async def _lifespan(_app: Any) -> AsyncIterator[None]:
    """Prepare the shared caches before the server accepts connections; clean up after."""
    from ui.cache import remove_own_uploads
    from ui.startup import warm_up

    try:
        warm_up()
    except Exception:  # the first page then meets the problem and reports it
        logging.getLogger(__name__).exception("Start-up work failed; continuing without it")
    yield
    # The server ends by re-raising the stop signal, so exit handlers may not run.
    remove_own_uploads()


# Streamlit bounds one upload's size, not how many a session sends: the guard bounds
# the bytes uploads hold, per session and in total (see ui/uploads.py).
app = st.App(
    "explorer.py",
    lifespan=_lifespan,
    middleware=[Middleware(UploadGuard, runtime=Runtime.instance)],
)
