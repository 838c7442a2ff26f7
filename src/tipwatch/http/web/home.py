"""The front page: what this server offers the visitor's role."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tipwatch.http.web.render import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home_page(request: Request) -> HTMLResponse:
    return render(request, "home.html", {})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """No icon: an empty answer, so browsers asking for one on JSON pages get no error."""
    return Response(status_code=204)
