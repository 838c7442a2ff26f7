"""Worked assessments: the tier, every finding with its rule and evidence citations, the trace and the
what-if. Assess posted evidence (YAML or JSON) from a form. JSON twins: ``/api/examples/{name}``,
``/api/assess``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from tipwatch.assess import assess, what_if
from tipwatch.evidence.files import loads_evidence
from tipwatch.http.auth import csrf_protect
from tipwatch.http.data.assessments import example_data, example_names
from tipwatch.http.web.language import page_language
from tipwatch.http.web.render import render
from tipwatch.http.web.vocabulary import ENGINE_NOTE, MOVEMENTS, STATUSES, named
from tipwatch.problems import InputError
from tipwatch.reports.review_text import ReviewWords

router = APIRouter(dependencies=[Depends(csrf_protect)])


@router.get("/assessments", response_class=HTMLResponse)
def assessments_page(request: Request) -> HTMLResponse:
    return render(request, "assessments.html", {"examples": example_names(), "problems": [], "text": ""})


@router.get("/assessments/{name}", response_class=HTMLResponse)
def assessment_page(request: Request, name: str) -> HTMLResponse:
    return _assessment(request, example_data(name))


@router.post("/assessments", response_class=HTMLResponse)
def assess_submit(request: Request, evidence: Annotated[str, Form(max_length=1_000_000)]) -> HTMLResponse:
    try:
        parsed = loads_evidence(evidence, source="posted evidence")
    except InputError as exc:
        context: dict[str, Any] = {
            "examples": example_names(),
            "problems": exc.problems,
            "summary": exc.summary,
            "text": evidence,
        }
        return render(request, "assessments.html", context, 400)
    data = {
        "name": None,
        "evidence": parsed.model_dump(mode="json"),
        "assessment": assess(parsed).model_dump(mode="json"),
        "what_if": what_if(parsed).model_dump(mode="json"),
    }
    return _assessment(request, data)


def _assessment(request: Request, data: dict[str, Any]) -> HTMLResponse:
    words = ReviewWords(page_language(request))
    context = {
        "data": data,
        "status_names": named(words, STATUSES),
        "movement_names": named(words, MOVEMENTS),
        "engine_note": words.gettext(ENGINE_NOTE),
    }
    return render(request, "assessment.html", context)
