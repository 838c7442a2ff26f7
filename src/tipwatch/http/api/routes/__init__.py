"""The JSON API under ``/api/``, one router module per area; each mirrors that area's CLI."""

from fastapi import APIRouter

from tipwatch.http.api import reply_routes
from tipwatch.http.api.routes import (
    accounts,
    assessments,
    history,
    jurisdictions,
    reader,
    registry,
    review,
    statistics,
)

ROUTERS: list[APIRouter] = [
    accounts.router,
    history.router,
    jurisdictions.router,
    assessments.router,
    reader.router,
    registry.router,
    review.router,
    statistics.router,
    reply_routes.router,
]
