"""One error shape for every JSON error: ``{"ok": false, "error": str, "errors": [...], "status": int}``.
HTML pages get the same information as a page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from tipwatch.accounts.users import NotAllowed, UsernameTaken
from tipwatch.problems import InputError, NotFoundError, TipwatchError


class ErrorBody(BaseModel):
    ok: bool
    error: str
    errors: list[dict[str, Any]]
    status: int


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in [
        (400, "Bad input"),
        (401, "Not logged in"),
        (403, "Not allowed for this role or this actor, or missing CSRF token"),
        (404, "Not found"),
        (409, "Conflicts with an existing record"),
        (413, "Request body too large"),
        (422, "Invalid request"),
        (429, "Too many login attempts, or too many uncached anonymous requests"),
    ]
}


def error_body(status: int, error: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"ok": False, "error": error, "errors": errors or [], "status": status}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


HtmlError = Callable[[Request, int, str, list[dict[str, Any]], dict[str, str] | None], Response]
"""How a page shows an error: (request, status, error, errors, headers) -> the error page."""


def install_error_handlers(app: FastAPI, html_error: HtmlError) -> None:
    """Answer every error in the one JSON shape under ``/api/``, and elsewhere as ``html_error``'s page
    (a request that needs a login is sent to the login page)."""

    def _respond(
        request: Request,
        status: int,
        error: str,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        if wants_json(request):
            return JSONResponse(error_body(status, error, errors), status_code=status, headers=headers)
        if status == 401:
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return html_error(request, status, error, errors or [], headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return _respond(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {
                "code": "invalid-request",
                "message": str(e.get("msg", "")),
                "location": {
                    "path": ".".join(str(p) for p in e.get("loc", ())),
                    "field": str(e.get("loc", ("",))[-1]),
                },
            }
            for e in exc.errors()
        ]
        return _respond(request, 422, "the request is not valid", errors)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return _respond(request, 400, exc.summary, [p.to_dict() for p in exc.problems])

    @app.exception_handler(NotAllowed)
    async def not_allowed(request: Request, exc: NotAllowed) -> Response:
        return _respond(request, 403, exc.summary, [p.to_dict() for p in exc.problems])

    @app.exception_handler(UsernameTaken)
    async def conflict(request: Request, exc: UsernameTaken) -> Response:
        return _respond(request, 409, exc.summary, [p.to_dict() for p in exc.problems])

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _respond(request, 404, str(exc), [{"code": "not-found", "suggestions": list(exc.suggestions)}])

    @app.exception_handler(TipwatchError)
    async def tipwatch_error(request: Request, exc: TipwatchError) -> Response:
        return _respond(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        return _respond(request, 500, "internal server error; the server log has the details")


__all__ = ["ERROR_RESPONSES", "ErrorBody", "HTTPException", "error_body", "install_error_handlers"]
