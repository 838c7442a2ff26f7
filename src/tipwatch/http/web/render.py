"""Rendering templates with autoescaping, the CSRF token and the visitor's permissions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from tipwatch.accounts import permissions_of

_TEMPLATES = Path(__file__).parent / "templates"


def _environment(request: Request) -> Environment:
    env: Environment | None = getattr(request.app.state, "jinja", None)
    if env is None:
        env = Environment(
            loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(default=True), auto_reload=False
        )
        request.app.state.jinja = env
    return env


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    from tipwatch.http.auth import csrf_token_for

    account = getattr(request.state, "account", None)
    if account is None and not hasattr(request.state, "account"):
        try:
            from tipwatch.http.auth import current_account

            account = current_account(request)
        except Exception:
            account = None
    full = {
        "request": request,
        "account": account,
        "permissions": {p.value for p in permissions_of(account.role if account else None)},
        "csrf_token": csrf_token_for(request),
        "title": request.app.state.settings.title,
        **context,
    }
    html = _environment(request).get_template(template).render(full)
    return HTMLResponse(html, status_code=status, headers=headers)


def render_error(
    request: Request,
    status: int,
    error: str,
    errors: list[dict[str, Any]],
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    return render(
        request, "error.html", {"status": status, "error": error, "errors": errors}, status, headers
    )
