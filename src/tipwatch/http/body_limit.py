"""Request bodies have a size cap (issue 16, item 2): one anonymous request must not stall the server.

A body whose ``Content-Length`` is over the cap is refused with 413 before a byte of it is read, and
the connection is closed; a body without a length (chunked) is counted as it streams in and cut off at
the cap. Uploads (``UPLOAD_PATHS``) have ``Settings.max_upload_bytes``; everything else
``Settings.max_body_bytes``. Below the cap, multipart uploads are spooled to a temporary file by the
form parser, so a big upload never sits in memory whole."""

from __future__ import annotations

import json

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tipwatch.http.settings import Settings

UPLOAD_PATHS = frozenset({"/api/read/file", "/read"})


class BodyTooLarge(HTTPException):
    """Raised into the app when a streamed body passes its cap: the app's error handlers answer 413."""

    def __init__(self, message: str) -> None:
        super().__init__(413, message, headers={"Connection": "close"})


def _body_of(status: int, error: str) -> bytes:
    return json.dumps({"ok": False, "error": error, "errors": [], "status": status}).encode("utf-8")


class BodyLimit:
    """A pure ASGI middleware enforcing the caps."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def cap_for(self, scope: Scope) -> int:
        if scope.get("path") in UPLOAD_PATHS:
            return max(self.settings.max_upload_bytes, self.settings.max_body_bytes)
        return self.settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.cap_for(scope)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await self._refuse(send, 400, "the Content-Length header is not a number")
                return
            if declared > cap:
                await self._refuse(send, 413, self._message(declared, cap))
                return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(self._message(received, cap))
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge as error:
            if started:
                raise
            await self._refuse(send, 413, str(error.detail))

    @staticmethod
    def _message(size: int, cap: int) -> str:
        return (
            f"received a request body of {size:,} bytes or more; expected at most {cap:,}. Send a smaller "
            "body (the server's limits are max_body_bytes and max_upload_bytes)"
        )

    @staticmethod
    async def _refuse(send: Send, status: int, error: str) -> None:
        body = _body_of(status, error)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
