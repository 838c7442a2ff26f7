"""The server-rendered dashboard: Jinja2 templates and static files served from the package (nothing
from a CDN). Every page has a JSON twin under ``/api/`` built from the same data."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent / "static"


def mount_web(app: FastAPI) -> None:
    from tipwatch.http.web.pages import ROUTERS

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)
