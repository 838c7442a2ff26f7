"""The app factory the API bench uses to start several uvicorn worker processes (``BENCH_API_WORKERS``)."""

from __future__ import annotations

import os

from fastapi import FastAPI

from tipwatch.http import Settings, create_app


def app() -> FastAPI:
    # One secret for all workers, so that a CSRF token minted by one worker is accepted by another.
    return create_app(
        Settings(database_url=os.environ["BENCH_API_DATABASE_URL"], secret_key=os.environ["BENCH_API_SECRET"])
    )
