"""``/api/read`` and ``/api/read/file``: read a TIP Report country narrative (text, HTML or PDF) into
facts, each with the span of text it came from; public, mirrors ``tipwatch read``."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, UploadFile
from pydantic import BaseModel, Field

from tipwatch.http.api.offloop import OffLoopRoute
from tipwatch.problems import InputError, TipwatchError
from tipwatch.reader import read_narrative
from tipwatch.reader.inputs import load_documents

router = APIRouter(tags=["narratives"], route_class=OffLoopRoute)
MAX_UPLOAD = 20 * 1024 * 1024
SUFFIXES = (".txt", ".html", ".htm", ".pdf")


class NarrativeText(BaseModel):
    text: str = Field(max_length=2_000_000)
    year: int | None = Field(default=None, ge=2001, le=2100)
    jurisdiction: str | None = Field(default=None, max_length=200)


@router.post("/api/read", response_model=dict[str, Any])
def api_read(body: NarrativeText) -> dict[str, Any]:
    """The facts of one narrative given as text."""
    return read_narrative(body.text, year=body.year, jurisdiction=body.jurisdiction).to_dict()


@router.post("/api/read/file", response_model=list[dict[str, Any]])
def api_read_file(
    file: Annotated[UploadFile, File(description="A .txt, .html or .pdf narrative")],
) -> list[dict[str, Any]]:
    """The facts of every narrative in an uploaded file (one per country heading in a PDF)."""
    return read_upload(file)


def read_upload(file: UploadFile) -> list[dict[str, Any]]:
    name = Path(file.filename or "upload.txt").name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise HTTPException(
            400, f"received a {suffix or 'nameless'} file; expected one of {', '.join(SUFFIXES)}"
        )
    data = file.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise HTTPException(400, f"the file is over {MAX_UPLOAD // (1024 * 1024)} MiB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return [
                read_narrative(
                    doc.text,
                    file=name if doc.file == str(path) else doc.file.replace(str(path), name),
                    title=doc.title,
                ).to_dict()
                for doc in load_documents(path)
            ]
        except TipwatchError as error:  # its messages name the server's temporary folder: not shown
            raise without_path(error, folder) from None


def without_path(error: TipwatchError, folder: str) -> TipwatchError:
    """The same error with the temporary ``folder`` (and its real path) cut from every message."""
    folders = sorted({folder, str(Path(folder).resolve())}, key=len, reverse=True)

    def clean(text: str | None) -> str | None:
        for prefix in folders:
            text = text.replace(prefix + "/", "").replace(prefix, "") if text else text
        return text

    if isinstance(error, InputError):
        problems = [
            replace(
                p, message=clean(p.message) or "", location=replace(p.location, file=clean(p.location.file))
            )
            for p in error.problems
        ]
        return InputError(clean(error.summary) or "", problems)
    return TipwatchError(clean(str(error)) or "")
