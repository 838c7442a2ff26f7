"""The FastAPI application: JSON API under ``/api/`` and the dashboard (``tipwatch.web``)."""

from tipwatch.api.app import create_app
from tipwatch.api.settings import Settings

__all__ = ["Settings", "create_app"]
