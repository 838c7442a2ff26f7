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
from tipwatch.disclosure.policy import DisclosurePolicy
from tipwatch.evidence.periods import Period, PeriodKind
from tipwatch.http.auth import current_account, get_db
from tipwatch.http.web.language import page_language
from tipwatch.http.web.render import render
from tipwatch.reports.formats import ReviewFormat
from tipwatch.reports.languages import Language
from tipwatch.reports.review_text import ReviewWords
from tipwatch.review.public_statistics import calendar_kind
from tipwatch.services.review import review

router = APIRouter()


def _default_period(kind: PeriodKind) -> Period:
    """The last period of this kind that has ended."""
    return Period.containing(date.today(), kind).previous()


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    period: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    account = current_account(request)
    internal = Permission.ALL_STATISTICS in permissions_of(account.role if account else None)
    policy: DisclosurePolicy = request.app.state.settings.disclosure  # the publisher's, not the request's
    kind = PeriodKind.MONTH if internal else calendar_kind(policy)
    chosen = Period.parse(period) if period else _default_period(kind)
    audience = Audience.INTERNAL if internal else Audience.PUBLIC
    document = review(get_db(request), chosen, audience, policy).to_dict()
    released = chosen.kind is calendar_kind(policy)
    audiences = [Audience.PUBLIC, Audience.INTERNAL] if internal else [Audience.PUBLIC]
    audiences = [a for a in audiences if a is Audience.INTERNAL or released]
    words = ReviewWords(page_language(request))
    _ = words.gettext
    lang = "" if words.language is Language.EN else f"&lang={words.language}"
    downloads = [
        (
            _("Review, %(audience)s (%(format)s)")
            % {"audience": words.tr(a.value), "format": f.value.upper()},
            f"/api/review?period={chosen}&audience={a.value}&format={f.value}{lang}",
        )
        for a in audiences
        for f in ReviewFormat
    ]
    if released:
        downloads.append((_("Public statistics (JSON)"), f"/api/statistics/public?period={chosen}"))
    if internal:
        downloads.append((_("All statistics (JSON)"), f"/api/statistics?period={chosen}"))
        report_year = chosen.end.year + (1 if chosen.end.month > 3 else 0)
        downloads.append(
            (
                _("Submission, %(year)s report (JSON)") % {"year": report_year},
                f"/api/submission?report_year={report_year}",
            )
        )
    public_note = _(
        "Public review: counts from 1 to %(last)s are shown as <%(k)s, and figures that would reveal "
        "them as x."
    ) % {"last": policy.k - 1, "k": policy.k}
    context = {
        "doc": document,
        "period": str(chosen),
        "k": policy.k,
        "internal": internal,
        "downloads": downloads,
        "public_note": public_note,
        "page_query": {"period": str(chosen)},
    }
    return render(request, "review.html", context)
