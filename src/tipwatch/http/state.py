"""What the app keeps between requests, shared by the JSON routes and their HTML twins: the database and
the services' caches, read from ``app.state`` (set up by ``create_app``; no import-time globals)."""

from __future__ import annotations

import threading

from fastapi import Request

from tipwatch.services.statistics import StatisticsAnswers
from tipwatch.store import Database

_lock = threading.Lock()


def database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


def statistics_answers(request: Request) -> StatisticsAnswers:
    """The app's statistics answers (one cache per app), made on first use."""
    state = request.app.state
    answers: StatisticsAnswers | None = getattr(state, "statistics_answers", None)
    if answers is None:
        with _lock:
            answers = getattr(state, "statistics_answers", None)
            if answers is None:
                answers = StatisticsAnswers(database(request))
                state.statistics_answers = answers
    return answers
