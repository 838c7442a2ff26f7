"""Read a narrative pasted or uploaded: the facts with the sentence each came from. JSON twins:
``/api/read`` and ``/api/read/file``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from tipwatch.http.auth import csrf_protect
from tipwatch.http.data.reader import read_upload
from tipwatch.http.web.language import page_language
from tipwatch.http.web.render import render
from tipwatch.http.web.vocabulary import FACTS, named
from tipwatch.problems import InputError
from tipwatch.reader import read_narrative
from tipwatch.reports.review_text import ReviewWords

router = APIRouter(dependencies=[Depends(csrf_protect)])


@router.get("/read", response_class=HTMLResponse)
def read_page(request: Request) -> HTMLResponse:
    return render(request, "read.html", {"results": None, "text": "", "problems": []})


@router.post("/read", response_class=HTMLResponse)
def read_submit(
    request: Request,
    text: Annotated[str, Form(max_length=2_000_000)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    try:
        if file is not None and file.filename:
            results: list[dict[str, Any]] = read_upload(file)
        else:
            narrative = read_narrative(text)
            results = [
                {
                    **narrative.to_dict(),
                    "quotes": {
                        k: narrative.text[s.start : s.end]
                        for k, s in ((n, f.span) for n, f in narrative.facts.items() if f.value is not None)
                    },
                }
            ]
    except InputError as exc:
        return render(
            request,
            "read.html",
            {"results": None, "text": text, "problems": exc.problems, "summary": exc.summary},
            400,
        )
    facts = named(ReviewWords(page_language(request)), FACTS)
    return render(
        request, "read.html", {"results": results, "text": text, "problems": [], "fact_names": facts}
    )
