"""The overview of a report year and the jurisdiction pages. JSON twins: ``/api/overview?year=`` and
``/api/jurisdictions/{name}`` (same data, same builders)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from tipwatch.evidence import Tier
from tipwatch.history import TierRecord
from tipwatch.http.data.tier_record import jurisdiction_data, overview_data
from tipwatch.http.record_cache import tier_record
from tipwatch.http.web.render import render

router = APIRouter()
Record = Annotated[TierRecord, Depends(tier_record)]


@router.get("/overview", response_class=HTMLResponse)
def overview_page(
    request: Request, record: Record, year: Annotated[int | None, Query(ge=2001, le=2100)] = None
) -> HTMLResponse:
    data = overview_data(record, year)
    context = {
        "data": data,
        "years": sorted(record.years(), reverse=True),
        "tiers": [t.value for t in Tier],
        "labels": {t.value: t.label for t in Tier},
    }
    return render(request, "overview.html", context)


@router.get("/jurisdictions/{name}", response_class=HTMLResponse)
def jurisdiction_page(request: Request, name: str, record: Record) -> HTMLResponse:
    data = jurisdiction_data(record, name)
    return render(
        request,
        "jurisdiction.html",
        {"data": data, "chart": tier_chart(data["history"]), "labels": {t.value: t.label for t in Tier}},
    )


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
