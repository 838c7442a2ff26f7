"""Security headers on every response, and the CSRF cookie set where a page needs one."""

from __future__ import annotations

from fastapi import FastAPI, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tipwatch.http.auth import CSRF_COOKIE
from tipwatch.http.settings import Settings

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def cookie_options(settings: Settings) -> dict[str, object]:
    return {"httponly": True, "samesite": "strict", "secure": settings.secure_cookies, "path": "/"}


class SecurityHeaders:
    """A pure ASGI middleware (cheaper than ``@app.middleware``): security headers on every response,
    and the CSRF cookie when a page minted one."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.fixed = [
            (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"same-origin"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if settings.secure_cookies:
            self.fixed.append((b"strict-transport-security", b"max-age=31536000"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.raw.extend(self.fixed)
                if not static:
                    headers["cache-control"] = "no-store"
                new_cookie = (scope.get("state") or {}).get("new_csrf_cookie")
                if new_cookie is not None:
                    carrier = Response()
                    carrier.set_cookie(CSRF_COOKIE, new_cookie, **cookie_options(self.settings))  # type: ignore[arg-type]
                    headers.raw.extend(item for item in carrier.raw_headers if item[0] == b"set-cookie")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_security_headers(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(SecurityHeaders, settings=settings)
