"""``create_app(settings)``: the FastAPI application serving the JSON API under ``/api/`` and the
server-rendered dashboard. No import-time globals: every app has its own database and settings."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from tipwatch import __version__
from tipwatch.http.anonymous_cache import AnonymousCache
from tipwatch.http.api.routes import ROUTERS
from tipwatch.http.auth import csrf_protect
from tipwatch.http.body_limit import BodyLimit
from tipwatch.http.errors import ERROR_RESPONSES, install_error_handlers
from tipwatch.http.security import install_security_headers
from tipwatch.http.settings import Settings
from tipwatch.http.web import mount_web
from tipwatch.http.web.render import render_error
from tipwatch.store import open_database


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="tipwatch API",
        version=__version__,
        description="Tier record, assessments, narrative reading, case registry and review statistics. "
        "Authenticate with 'Authorization: Bearer <token>' (see `tipwatch users token`).",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.database = open_database(settings.database_url)
    install_error_handlers(app, render_error)
    app.add_middleware(AnonymousCache, settings=settings)
    install_security_headers(app, settings)
    app.add_middleware(BodyLimit, settings=settings)  # outermost: a body too big is refused first
    for router in ROUTERS:
        app.include_router(router, dependencies=[Depends(csrf_protect)], responses=ERROR_RESPONSES)
    mount_web(app)
    return app
