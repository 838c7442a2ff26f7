"""The monthly review page (figures under disclosure control for the public, in full for analysts and
case officers; findings; action items) with downloads of every report. JSON twins:
``/api/statistics/public``, ``/api/review``, ``/api/submission``."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from tipwatch.accounts import Permission, permissions_of
from tipwatch.disclosure.audience import Audience
from tipwatch.evidence.periods import Period
from tipwatch.http.auth import current_account, get_db
from tipwatch.http.web.render import render
from tipwatch.reports.formats import ReviewFormat
from tipwatch.services.review import review

router = APIRouter()


def _default_period() -> Period:
    today = date.today()
    return Period.month(today.year, today.month).previous()


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    period: Annotated[str | None, Query(max_length=20)] = None,
    k: Annotated[int, Query(ge=2, le=100)] = 5,
) -> HTMLResponse:
    account = current_account(request)
    internal = Permission.ALL_STATISTICS in permissions_of(account.role if account else None)
    chosen = Period.parse(period) if period else _default_period()
    audience = Audience.INTERNAL if internal else Audience.PUBLIC
    document = review(get_db(request), chosen, audience, k).to_dict()
    audiences = [Audience.PUBLIC, Audience.INTERNAL] if internal else [Audience.PUBLIC]
    downloads = [
        (
            f"Review, {a.value} ({f.value.upper()})",
            f"/api/review?period={chosen}&audience={a.value}&format={f.value}&k={k}",
        )
        for a in audiences
        for f in ReviewFormat
    ]
    downloads.append(("Public statistics (JSON)", f"/api/statistics/public?period={chosen}&k={k}"))
    if internal:
        downloads.append(("All statistics (JSON)", f"/api/statistics?period={chosen}"))
        report_year = chosen.end.year + (1 if chosen.end.month > 3 else 0)
        downloads.append(
            (f"Submission, {report_year} report (JSON)", f"/api/submission?report_year={report_year}")
        )
    context = {"doc": document, "period": str(chosen), "k": k, "internal": internal, "downloads": downloads}
    return render(request, "review.html", context)
