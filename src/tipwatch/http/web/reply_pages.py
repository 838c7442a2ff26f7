"""The right-of-reply page: paste a narrative (text or annotation JSON), choose the report year and the
audience, read the brief. JSON twin: ``POST /api/reply``. Viewers get public briefs only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from tipwatch.accounts import Account, Permission, permissions_of
from tipwatch.disclosure.audience import Audience
from tipwatch.http.auth import csrf_protect, require
from tipwatch.http.data.reply import brief_for
from tipwatch.http.web.render import render
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reply.narrative import pasted_narrative
from tipwatch.reports.reply import render_brief_fragment

router = APIRouter(dependencies=[Depends(csrf_protect)])
LoggedIn = Annotated[Account, Depends(require(Permission.PUBLIC_STATISTICS))]


def form_report_year(value: str) -> int:
    """The report year typed into a form (2001 to 2100), or the problem with the field named."""
    if not value.isdigit() or not 2001 <= int(value) <= 2100:
        raise InputError(
            "give the report year",
            [
                Problem(
                    ProblemCode.INVALID_REPORT_YEAR,
                    f"received {value!r}; expected a year such as 2024",
                    location=Location(field="report_year"),
                )
            ],
        )
    return int(value)


def _audiences(account: Account) -> list[str]:
    allowed = permissions_of(account.role)
    return [a.value for a in Audience if a is Audience.PUBLIC or Permission.ALL_STATISTICS in allowed]


@router.get("/reply", response_class=HTMLResponse)
def reply_page(request: Request, account: LoggedIn) -> HTMLResponse:
    audiences = _audiences(account)
    values = {"report_year": "", "audience": audiences[0], "narrative": ""}
    return render(request, "reply.html", {"audiences": audiences, "values": values, "problems": []})


@router.post("/reply", response_class=HTMLResponse)
async def reply_submit(request: Request, account: LoggedIn) -> HTMLResponse:
    form = await request.form()
    values = {name: str(form.get(name) or "") for name in ("report_year", "audience", "narrative")}
    audiences = _audiences(account)
    context = {"audiences": audiences, "values": values, "problems": []}
    try:
        report_year = form_report_year(values["report_year"])
        if values["audience"] not in audiences:
            raise InputError(
                "choose an audience you may see",
                [
                    Problem(
                        ProblemCode.AUDIENCE_NOT_ALLOWED,
                        f"received {values['audience']!r}; expected one of {', '.join(audiences)}",
                        location=Location(field="audience"),
                    )
                ],
            )
        narrative = pasted_narrative(values["narrative"])
        brief = brief_for(request, account, narrative, report_year, Audience(values["audience"]))
    except InputError as exc:
        return render(
            request, "reply.html", {**context, "problems": exc.problems, "summary": exc.summary}, 400
        )
    return render(request, "reply.html", {**context, "brief_html": render_brief_fragment(brief)})
