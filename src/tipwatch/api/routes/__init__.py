"""The JSON API under ``/api/``, one router module per area; each mirrors that area's CLI."""

from fastapi import APIRouter

from tipwatch.api import reply_routes
from tipwatch.api.routes import accounts, registry, statistics

ROUTERS: list[APIRouter] = [accounts.router, registry.router, statistics.router, reply_routes.router]
