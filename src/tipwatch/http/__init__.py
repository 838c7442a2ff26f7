"""The one HTTP adapter: ``create_app(settings)`` (:mod:`tipwatch.http.app`) serves the JSON API
(:mod:`tipwatch.http.api`) and its HTML twins (:mod:`tipwatch.http.web`). What both use — settings,
authentication, sessions, security headers, error answers, the app's state and caches — lives at this
level; api and web never import each other."""

from tipwatch.http.app import create_app
from tipwatch.http.settings import Settings

__all__ = ["Settings", "create_app"]
