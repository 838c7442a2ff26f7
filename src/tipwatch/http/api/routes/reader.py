"""``/api/read``, ``/api/read/file`` and ``/api/read/assess``: read a TIP Report country narrative (text, HTML or PDF) into
facts, each with the span of text it came from; public, mirrors ``tipwatch read``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from pydantic import BaseModel, Field

from tipwatch.http.data.reader import read_upload
from tipwatch.http.offloop import OffLoopRoute
from tipwatch.reader import read_narrative
from tipwatch.services.assess_narrative import assess_narrative

router = APIRouter(tags=["narratives"], route_class=OffLoopRoute)


class NarrativeText(BaseModel):
    text: str = Field(max_length=2_000_000)
    year: int | None = Field(default=None, ge=2001, le=2100)
    jurisdiction: str | None = Field(default=None, max_length=200)


@router.post("/api/read", response_model=dict[str, Any])
def api_read(body: NarrativeText) -> dict[str, Any]:
    """The facts of one narrative given as text."""
    return read_narrative(body.text, year=body.year, jurisdiction=body.jurisdiction).to_dict()


@router.post("/api/read/assess", response_model=dict[str, object])
def api_read_assess(body: NarrativeText) -> dict[str, object]:
    """One narrative given as text, assessed: its facts, the evidence they give (each citing its span)
    and the assessment of that evidence; mirrors ``tipwatch read --assess``."""
    return assess_narrative(body.text, year=body.year, jurisdiction=body.jurisdiction).to_dict()


@router.post("/api/read/file", response_model=list[dict[str, Any]])
def api_read_file(
    file: Annotated[UploadFile, File(description="A .txt, .html or .pdf narrative")],
) -> list[dict[str, Any]]:
    """The facts of every narrative in an uploaded file (one per country heading in a PDF)."""
    return read_upload(file)
