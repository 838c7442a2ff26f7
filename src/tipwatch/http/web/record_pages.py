"""The overview of a report year and the jurisdiction pages. JSON twins: ``/api/overview?year=`` and
``/api/jurisdictions/{name}`` (same data, same builders)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from tipwatch.evidence import Tier
from tipwatch.history import TierRecord
from tipwatch.history.overview import overview
from tipwatch.http.data.tier_record import jurisdiction_data, overview_data
from tipwatch.http.record_cache import tier_record
from tipwatch.http.web.language import page_language
from tipwatch.http.web.render import render
from tipwatch.http.web.vocabulary import MOVEMENTS, STATUSES, named
from tipwatch.reports.languages import Language
from tipwatch.reports.review_text import ReviewWords

router = APIRouter()
Record = Annotated[TierRecord, Depends(tier_record)]


@router.get("/overview", response_class=HTMLResponse)
def overview_page(
    request: Request, record: Record, year: Annotated[int | None, Query(ge=2001, le=2100)] = None
) -> HTMLResponse:
    data = overview_data(record, year)
    words = ReviewWords(page_language(request))
    context = {
        "data": data,
        "completeness": completeness(words, data, record),
        "movement_names": named(words, MOVEMENTS),
        "page_query": {"year": str(data["report_year"])} if year else {},
        "years": sorted(record.years(), reverse=True),
        "tiers": [t.value for t in Tier],
        "labels": {t.value: t.label for t in Tier},
    }
    return render(request, "overview.html", context)


@router.get("/jurisdictions/{name}", response_class=HTMLResponse)
def jurisdiction_page(request: Request, name: str, record: Record) -> HTMLResponse:
    data = jurisdiction_data(record, name)
    words = ReviewWords(page_language(request))
    context = {
        "data": data,
        "chart": tier_chart(data["history"]),
        "labels": {t.value: t.label for t in Tier},
        "movement_names": named(words, MOVEMENTS),
        "status_names": named(words, STATUSES),
    }
    return render(request, "jurisdiction.html", context)


def completeness(words: ReviewWords, data: dict[str, Any], record: TierRecord) -> str:
    """The overview's sentence on how complete the year's record is, in the page's language (the
    completeness note itself is data and stays as recorded)."""
    if words.language is Language.EN:
        return str(data["completeness"])
    _ = words.gettext
    values = {
        "year": data["report_year"],
        "held": words.number(data["held"]),
        "published": words.number(data["published_total"] or 0),
        "note": overview(record, data["report_year"]).note.removeprefix("INCOMPLETE: "),
    }
    published = bool(data["published_total"])
    if data["incomplete"]:
        sentence = (
            _(
                "The record for %(year)s is INCOMPLETE: it holds %(held)s placements of the %(published)s the "
                "report published. %(note)s. Counts below are of the placements held, not of the report."
            )
            if published
            else _(
                "The record for %(year)s is INCOMPLETE: it holds %(held)s placements. %(note)s. Counts below "
                "are of the placements held, not of the report."
            )
        )
    elif published:
        sentence = _(
            "The record for %(year)s holds %(held)s placements of the %(published)s the report published "
            "(%(note)s)."
        )
    else:
        sentence = _("The record for %(year)s holds %(held)s placements (%(note)s).")
    return sentence % values


CHART_ROWS = ["1", "2", "2WL", "3"]


def tier_chart(entries: list[dict[str, object]]) -> dict[str, object]:
    """Coordinates for the inline SVG trajectory (presentation only: x by year, y by tier row)."""
    years = [int(str(e["report_year"])) for e in entries]
    if not years:
        return {"points": [], "width": 0, "height": 0, "rows": []}
    first, last = min(years), max(years)
    step, left, top, row_height = 34, 130, 20, 40
    points = [
        {
            "x": left + (int(str(e["report_year"])) - first) * step,
            "y": top + CHART_ROWS.index(str(e["tier"])) * row_height,
            "year": e["report_year"],
            "tier": e["tier"],
        }
        for e in entries
        if str(e["tier"]) in CHART_ROWS
    ]
    rows = [{"tier": t, "y": top + i * row_height} for i, t in enumerate(CHART_ROWS)]
    ticks = [{"x": left + (y - first) * step, "year": y} for y in range(first, last + 1)]
    return {
        "points": points,
        "rows": rows,
        "ticks": ticks,
        "width": left + (last - first) * step + 40,
        "height": top + 3 * row_height + 50,
    }
