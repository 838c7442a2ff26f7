"""What the app keeps between requests for the services, shared by the JSON routes and their HTML twins:
their caches, kept in ``app.state`` (one per app; no import-time globals)."""

from __future__ import annotations

import threading

from fastapi import Request

from tipwatch.http.auth import get_db
from tipwatch.services.statistics import StatisticsAnswers

_lock = threading.Lock()


def statistics_answers(request: Request) -> StatisticsAnswers:
    """The app's statistics answers (one cache per app), made on first use."""
    state = request.app.state
    answers: StatisticsAnswers | None = getattr(state, "statistics_answers", None)
    if answers is None:
        with _lock:
            answers = getattr(state, "statistics_answers", None)
            if answers is None:
                answers = StatisticsAnswers(get_db(request))
                state.statistics_answers = answers
    return answers
