"""``/api/reply``: the right of reply (mirrors ``tipwatch reply``). The narrative is the request body:
annotation-schema JSON (``application/json``, optionally with its ``text``) or the narrative itself
(``text/plain``). An internal brief names records by pseudonymous id and needs ``all_statistics``
(analysts, case officers) and shows the ids only to a role that may read records (case officers); a
public brief, only what the released periods say under the server's disclosure policy, needs
``public_statistics``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from tipwatch.accounts import Account
from tipwatch.disclosure.audience import Audience
from tipwatch.http.auth import require
from tipwatch.http.data.reply import brief_for, check_audience
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reply.narrative import NarrativeInput, narrative_from_json, narrative_from_text
from tipwatch.reports.formats import BriefFormat
from tipwatch.reports.reply import render_brief

router = APIRouter(tags=["reply"])
AudienceQuery = Annotated[
    Audience, Query(description="internal: records by pseudonymous id; public: suppressed aggregates only.")
]
MAX_NARRATIVE_BYTES = 2_000_000


async def permitted(request: Request, audience: AudienceQuery = Audience.INTERNAL) -> Account:
    """A dependency: the logged-in account, allowed the requested audience (checked before the body)."""
    account = await require()(request)
    check_audience(account, audience)
    return account


def narrative_from_body(raw: bytes, content_type: str) -> NarrativeInput:
    if len(raw) > MAX_NARRATIVE_BYTES:
        raise HTTPException(413, f"the narrative is larger than {MAX_NARRATIVE_BYTES} bytes")
    source = "(request body)"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(
            "the narrative is not UTF-8",
            [
                Problem(
                    ProblemCode.NOT_UTF_8,
                    "received bytes that are not UTF-8; send UTF-8 text",
                    location=Location(file=source),
                )
            ],
        ) from None
    if content_type.startswith("application/json"):
        return narrative_from_json(text, source)
    return narrative_from_text(text, source)


@router.post(
    "/api/reply",
    response_model=dict[str, Any],
    responses={200: {"content": {"text/markdown": {}, "text/html": {}}}},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"type": "object", "description": "Annotation-schema fields."}
                },
                "text/plain": {"schema": {"type": "string", "description": "The narrative's text."}},
            },
        }
    },
)
async def api_reply(
    request: Request,
    account: Annotated[Account, Depends(permitted)],
    report_year: Annotated[int, Query(ge=2001, le=2100, description="The report year of the narrative.")],
    audience: AudienceQuery = Audience.INTERNAL,
    output_format: Annotated[
        BriefFormat, Query(alias="format", description="json, md or html.")
    ] = BriefFormat.JSON,
) -> Response:
    """Each claim of the narrative with the registry's figure and a verdict, and the reassessment."""
    narrative = narrative_from_body(await request.body(), request.headers.get("content-type", ""))
    brief = brief_for(request, account, narrative, report_year, audience)
    text = render_brief(brief, output_format)
    if output_format is BriefFormat.HTML:
        return HTMLResponse(text)
    if output_format is BriefFormat.MD:
        return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")
    return Response(text, media_type="application/json")
