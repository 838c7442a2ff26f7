"""Which page modules make up the dashboard."""

from __future__ import annotations

from fastapi import APIRouter

from tipwatch.web import account_pages, home, registry_pages, reply_pages

ROUTERS: list[APIRouter] = [home.router, account_pages.router, registry_pages.router, reply_pages.router]
