"""``/api/statistics/public``, ``/api/review`` and ``/api/submission``: public statistics under
disclosure control (anyone), the monthly review report (public audience for anyone, internal for
analysts and case officers) and the annual submission (analysts and case officers). Mirrors
``tipwatch publish``, ``tipwatch review`` and ``tipwatch submission``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from tipwatch.accounts import Account, Permission, permissions_of
from tipwatch.disclosure.audience import Audience
from tipwatch.disclosure.policy import DisclosurePolicy
from tipwatch.evidence.periods import Period
from tipwatch.http.api.routes.statistics import PeriodQuery
from tipwatch.http.auth import current_account, get_db, require
from tipwatch.registry.jurisdiction import DEFAULT_JURISDICTION
from tipwatch.reports.formats import ReviewFormat
from tipwatch.reports.languages import Language
from tipwatch.reports.review import render_review
from tipwatch.reports.submission import render_markdown
from tipwatch.services.publish import publish
from tipwatch.services.review import review
from tipwatch.services.submission import submission as gather_submission

router = APIRouter(tags=["review"])
MEDIA = {
    ReviewFormat.HTML: "text/html",
    ReviewFormat.PDF: "application/pdf",
    ReviewFormat.MD: "text/markdown",
}


def disclosure_policy(request: Request) -> DisclosurePolicy:
    """The publisher's policy from the server's settings: never from the request."""
    policy: DisclosurePolicy = request.app.state.settings.disclosure
    return policy


def public_statistics(request: Request, period: Period) -> dict[str, Any]:
    return publish(get_db(request), period, disclosure_policy(request)).table()


def _require_all_statistics(request: Request) -> None:
    account = current_account(request)
    if account is None:
        raise HTTPException(
            401, "log in first: the internal review and the submission are for analysts and case officers"
        )
    if Permission.ALL_STATISTICS not in permissions_of(account.role):
        raise HTTPException(403, f"the role {account.role.value!r} may not do this (needs 'all_statistics')")


@router.get("/api/statistics/public", response_model=dict[str, Any])
def api_public_statistics(request: Request, period: PeriodQuery) -> dict[str, Any]:
    """Statistics of a released period for outside readers: small counts suppressed, with complementary
    suppression, under the server's disclosure policy (k and calendar)."""
    return public_statistics(request, Period.parse(period))


@router.get(
    "/api/review",
    response_class=Response,
    responses={200: {"content": {"text/html": {}, "application/pdf": {}, "text/markdown": {}}}},
)
def api_review(
    request: Request,
    period: PeriodQuery,
    audience: Audience = Audience.PUBLIC,
    format: ReviewFormat = ReviewFormat.HTML,
    lang: Language = Language.EN,
) -> Response:
    """The monthly review report as HTML, PDF or Markdown (a download), its own words in ``lang``."""
    if audience is Audience.INTERNAL:
        _require_all_statistics(request)
    parsed = Period.parse(period)
    document = review(get_db(request), parsed, audience, disclosure_policy(request))
    filename = f"review-{parsed}-{audience.value}.{format.value}"
    return Response(
        render_review(document, format, lang),
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/api/submission", response_model=dict[str, Any])
def api_submission(
    request: Request,
    _: Annotated[Account, Depends(require(Permission.ALL_STATISTICS))],
    report_year: Annotated[int, Query(ge=2001, le=2100)],
    jurisdiction: Annotated[str, Query(min_length=1, max_length=100)] = DEFAULT_JURISDICTION,
) -> dict[str, Any]:
    """The reporting period's figures in the structure of the report's data call, the evidence file
    they make and the tier that evidence points to."""
    submission = gather_submission(get_db(request), report_year, jurisdiction)
    return {
        "report_year": submission.report_year,
        "data_call": submission.data_call,
        "evidence": submission.evidence.model_dump(mode="json"),
        "assessment": submission.assessment.model_dump(mode="json"),
        "markdown": render_markdown(submission),
    }
