"""``/api/assess``, ``/api/what-if`` and ``/api/examples/…``: assess evidence under the law in force,
list the smallest changes that would move the tier; public, mirrors ``tipwatch assess`` and
``tipwatch what-if``. Every result carries its law and policy versions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from tipwatch.assess import Assessment, WhatIf, assess, what_if
from tipwatch.assess.examples import example_path
from tipwatch.evidence import Evidence, load_evidence
from tipwatch.http.data.assessments import example_data, example_names
from tipwatch.http.offloop import OffLoopRoute
from tipwatch.reports.assessment import render_assessment

router = APIRouter(tags=["assessments"], route_class=OffLoopRoute)


@router.post("/api/assess", response_model=Assessment)
def api_assess(evidence: Evidence) -> Assessment:
    """Assess posted evidence: tier, every finding with its rule and evidence, the trace."""
    return assess(evidence)


@router.post("/api/what-if", response_model=WhatIf)
def api_what_if(evidence: Evidence, max_changes: Annotated[int, Query(ge=1, le=2)] = 2) -> WhatIf:
    """The smallest sets of changes that would lift the tier, and single findings that would lower it."""
    return what_if(evidence, max_changes=max_changes)


@router.get("/api/examples", response_model=list[str])
def api_examples() -> list[str]:
    """The bundled worked examples (evidence built from public report text)."""
    return example_names()


@router.get("/api/examples/{name}", response_model=dict[str, Any])
def api_example(name: str) -> dict[str, Any]:
    """A worked example: its evidence, assessment and what-if."""
    return example_data(name)


@router.get(
    "/api/examples/{name}/report",
    response_class=Response,
    responses={200: {"content": {"text/markdown": {}, "text/html": {}}}},
)
def api_example_report(name: str, format: Literal["md", "html"] = "md") -> Response:
    """A worked example's assessment as a Markdown or HTML narrative (a download)."""
    text = render_assessment(assess(load_evidence(example_path(name))), format)
    media = "text/markdown" if format == "md" else "text/html"
    return Response(
        text,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="assessment-{name}.{format}"'},
    )
