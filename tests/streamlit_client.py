"""A client that speaks to a Streamlit server as its frontend does, without a browser.

Used by the tests that play a hostile client (raw uploads) and by the benches
that simulate many readers (``bench/server_load.py``).
"""

from __future__ import annotations

import asyncio
import http.client
import uuid
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from typing import Any, TypeVar
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

TIMEOUT_S = 120.0
XSRF_COOKIE = "_streamlit_xsrf"

T = TypeVar("T")


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end on a thread of its own.

    Playwright's synchronous API keeps an event loop running on the main thread once
    a browser test has run, and ``asyncio.run`` refuses to start inside it.
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


def rerun_message(query: str, widgets: dict[str, str] | None = None) -> bytes:
    """A request to run the page, as Streamlit's frontend sends it."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query
    state.widget_states.SetInParent()
    for widget_id, value in (widgets or {}).items():
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        widget.json_value = value
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    state.context_info.url = "http://127.0.0.1/"
    return message.SerializeToString()


async def one_run(socket: ClientConnection) -> list[ForwardMsg]:
    """The server's messages until the current run has finished."""
    received = []
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(socket.recv(), TIMEOUT_S))
        received.append(message)
        if message.WhichOneof("type") == "script_finished":
            return received


def elements(messages: list[ForwardMsg]) -> list[Any]:
    """The elements the messages add to the page."""
    return [
        m.delta.new_element
        for m in messages
        if m.WhichOneof("type") == "delta" and m.delta.WhichOneof("type") == "new_element"
    ]


def session_id(messages: list[ForwardMsg]) -> str:
    """The session id the server gave in its first messages."""
    for message in messages:
        if message.WhichOneof("type") == "new_session":
            return str(message.new_session.initialize.session_id)
    raise AssertionError("the server sent no new_session message")


def open_socket(url: str, cookie: str = "") -> Any:
    """Streamlit's WebSocket for ``url`` (an async context manager), with the browser's
    cookies (behind nginx, the routing cookie keeps it on the reader's process)."""
    return connect(
        url.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=[Subprotocol("streamlit")],
        origin=Origin(url),
        additional_headers={"Cookie": cookie} if cookie else None,
        max_size=None,
        compression=None,
    )


def xsrf_cookie(url: str) -> str:
    """The XSRF cookie the server hands any client (here from its health check)."""
    connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=TIMEOUT_S)
    try:
        connection.request("GET", "/_stcore/health")
        answer = connection.getresponse()
        answer.read()
        cookie = SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookie.load(header)
    finally:
        connection.close()
    return cookie[XSRF_COOKIE].value


def put_upload(
    url: str, session: str, data: bytes, cookie: str, file_id: str | None = None
) -> tuple[int, str]:
    """PUT one file to Streamlit's upload endpoint as its frontend does; (status, body)."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="pack.zip"\r\n'
            "Content-Type: application/zip\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    connection = http.client.HTTPConnection(urlsplit(url).netloc, timeout=TIMEOUT_S)
    try:
        connection.request(
            "PUT",
            f"/_stcore/upload_file/{session}/{file_id or uuid.uuid4()}",
            body=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-Xsrftoken": cookie,
                "Cookie": f"{XSRF_COOKIE}={cookie}",
            },
        )
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", errors="replace")
    finally:
        connection.close()
