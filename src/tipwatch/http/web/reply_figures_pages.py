"""The right of reply from published figures on the dashboard: upload a figures file (CSV, the format of
docs/reply.md), paste the narrative, choose the report year and the brief's language; read the brief
and its timeline. Any logged-in account, as ``/reply``: a figures file is public data and no registry is
read. The upload is capped by the server's body limit (``max_body_bytes``); every value shown is
escaped, and the chart is an image (a data URI), so nothing of the upload runs as markup."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from tipwatch.accounts import Account, Permission
from tipwatch.http.auth import csrf_protect, require
from tipwatch.http.web.language import page_language
from tipwatch.http.web.render import render
from tipwatch.http.web.reply_pages import form_report_year
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reply.narrative import pasted_narrative
from tipwatch.reports.languages import Language

router = APIRouter(dependencies=[Depends(csrf_protect)])
LoggedIn = Annotated[Account, Depends(require(Permission.PUBLIC_STATISTICS))]
FIELDS = ("report_year", "lang", "narrative")


def _context(values: dict[str, str]) -> dict[str, object]:
    return {"values": values, "languages": [str(language) for language in Language], "problems": []}


@router.get("/reply/figures", response_class=HTMLResponse)
def reply_figures_page(request: Request, account: LoggedIn) -> HTMLResponse:
    values = {"report_year": "", "lang": str(page_language(request)), "narrative": ""}
    return render(request, "reply_figures.html", _context(values))


def _problem(code: ProblemCode, field: str, message: str, summary: str) -> InputError:
    return InputError(summary, [Problem(code, message, location=Location(field=field))])


@router.post("/reply/figures", response_class=HTMLResponse)
async def reply_figures_submit(request: Request, account: LoggedIn) -> HTMLResponse:
    from tipwatch.reports.figures_reply import render_figures_html
    from tipwatch.services.reply_figures import figures_from_bytes, figures_reply

    form = await request.form()
    values = {name: str(form.get(name) or "") for name in FIELDS}
    context = _context(values)
    upload = form.get("figures")
    try:
        year = form_report_year(values["report_year"])
        if values["lang"] not in context["languages"]:  # type: ignore[operator]
            raise _problem(
                ProblemCode.UNKNOWN_VALUE,
                "lang",
                f"received {values['lang']!r}; expected one of {', '.join(Language)}",
                "choose a language",
            )
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise _problem(
                ProblemCode.MISSING_VALUE, "figures", "no figures file; upload a CSV", "upload a figures file"
            )
        figures = figures_from_bytes(await upload.read(), upload.filename)
        brief = figures_reply(pasted_narrative(values["narrative"]), figures, year)
    except InputError as exc:
        return render(
            request,
            "reply_figures.html",
            {**context, "problems": exc.problems, "summary": exc.summary},
            400,
        )
    html = render_figures_html(brief, Language(values["lang"]), fragment=True)
    return render(request, "reply_figures.html", {**context, "brief_html": html})
