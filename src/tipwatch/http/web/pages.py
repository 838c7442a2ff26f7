"""Which page modules make up the dashboard."""

from __future__ import annotations

from fastapi import APIRouter

from tipwatch.http.web import (
    account_pages,
    assessment_pages,
    home,
    reader_pages,
    record_pages,
    registry_pages,
    reply_figures_pages,
    reply_pages,
    review_pages,
    statistics_pages,
)

ROUTERS: list[APIRouter] = [
    home.router,
    account_pages.router,
    record_pages.router,
    assessment_pages.router,
    reader_pages.router,
    statistics_pages.router,
    review_pages.router,
    registry_pages.router,
    reply_pages.router,
    reply_figures_pages.router,
]
