"""The FastAPI application: JSON API under ``/api/`` and the dashboard (``tipwatch.http.web``)."""

from tipwatch.http.api.app import create_app
from tipwatch.http.api.settings import Settings

__all__ = ["Settings", "create_app"]
