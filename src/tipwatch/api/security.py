"""Security headers on every response, and the CSRF cookie set where a page needs one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from tipwatch.api.auth import CSRF_COOKIE
from tipwatch.api.settings import Settings

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def cookie_options(settings: Settings) -> dict[str, object]:
    return {"httponly": True, "samesite": "strict", "secure": settings.secure_cookies, "path": "/"}


def install_security_headers(app: FastAPI, settings: Settings) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        if settings.secure_cookies:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        new_cookie = getattr(request.state, "new_csrf_cookie", None)
        if new_cookie is not None:
            response.set_cookie(CSRF_COOKIE, new_cookie, **cookie_options(settings))  # type: ignore[arg-type]
        return response
