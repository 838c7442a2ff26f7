"""Registry pages for case officers: list and search a table, show a record, add a record, mark one
deleted. JSON twins: ``/api/registry/{table}``, ``/api/registry/{table}/{id}``, ``/api/registry/audit``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tipwatch.accounts import Account, Permission
from tipwatch.http.auth import csrf_protect, get_db, require
from tipwatch.http.web.forms import describe, edited_data, record_data
from tipwatch.http.web.language import page_language
from tipwatch.http.web.render import render as render_page
from tipwatch.http.web.vocabulary import FIELDS, TABLES, named
from tipwatch.problems import InputError
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.repository import (
    IMMUTABLE,
    add,
    audit_log,
    delete,
    list_records,
    parse_record,
    show,
    update,
)
from tipwatch.reports.languages import Language
from tipwatch.reports.review_text import ReviewWords

router = APIRouter(dependencies=[Depends(csrf_protect)])
Officer = Annotated[Account, Depends(require(Permission.RECORDS))]
LIST_LIMIT = 500


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A registry page, with the names of the tables and fields in the page's language (in English, a
    sentence names a table, and a table head a field, as it is spelt)."""
    words = ReviewWords(page_language(request))
    names = named(words, TABLES)
    english = words.language is Language.EN
    fields = named(words, FIELDS)
    translated = {
        "table_names": names,
        "table_words": {} if english else names,
        "field_labels": fields,
        "column_names": {} if english else fields,
    }
    return render_page(request, template, {**context, **translated}, status)


def _table(table: str) -> str:
    if table not in RECORD_TYPES:
        raise HTTPException(404, f"no registry table {table!r}; expected one of {', '.join(RECORD_TYPES)}")
    return table


@router.get("/registry", response_class=HTMLResponse)
def registry_page(request: Request, _: Officer) -> HTMLResponse:
    return render(
        request,
        "registry.html",
        {"tables": list(RECORD_TYPES), "audit": audit_log(get_db(request), limit=20)},
    )


@router.get("/registry/{table}", response_class=HTMLResponse)
def table_page(request: Request, table: str, _: Officer) -> HTMLResponse:
    rows = list_records(get_db(request), _table(table), limit=LIST_LIMIT)
    columns = list(rows[0]) if rows else [f.name for f in describe(RECORD_TYPES[table])]
    return render(request, "registry_table.html", {"table": table, "rows": rows, "columns": columns})


@router.get("/registry/{table}/new", response_class=HTMLResponse)
def new_record_page(request: Request, table: str, _: Officer) -> HTMLResponse:
    fields = describe(RECORD_TYPES[_table(table)])
    values = {k: v for k, v in request.query_params.items() if k in {f.name for f in fields}}
    return render(
        request, "registry_form.html", {"table": table, "fields": fields, "values": values, "problems": []}
    )


@router.post("/registry/{table}/new")
async def new_record_submit(request: Request, table: str, officer: Officer) -> Response:
    fields = describe(RECORD_TYPES[_table(table)])
    form = await request.form()
    data = record_data(fields, form)
    try:
        record = parse_record(table, data)
        add(get_db(request), [record], actor=officer.username)
    except InputError as exc:
        context = {
            "table": table,
            "fields": fields,
            "values": data,
            "problems": exc.problems,
            "summary": exc.summary,
        }
        return render(request, "registry_form.html", context, 400)
    return RedirectResponse(f"/registry/{table}/{record.identifier}", status_code=303)


@router.get("/registry/{table}/{identifier}", response_class=HTMLResponse)
def record_page(request: Request, table: str, identifier: str, _: Officer) -> HTMLResponse:
    record = show(get_db(request), _table(table), identifier)
    return render(
        request, "registry_record.html", {"table": table, "identifier": identifier, "record": record}
    )


@router.get("/registry/{table}/{identifier}/edit", response_class=HTMLResponse)
def edit_record_page(request: Request, table: str, identifier: str, _: Officer) -> HTMLResponse:
    record = show(get_db(request), _table(table), identifier)
    fields = describe(RECORD_TYPES[table])
    values = {name: _form_value(value) for name, value in record.items()}
    context = {
        "table": table,
        "identifier": identifier,
        "fields": fields,
        "values": values,
        "problems": [],
        "fixed": IMMUTABLE,
    }
    return render(request, "registry_form.html", context)


def _form_value(value: object) -> object:
    if isinstance(value, list):
        return [str(v) for v in value]
    return "" if value is None else str(value) if not isinstance(value, bool) else value


@router.post("/registry/{table}/{identifier}/edit")
async def edit_record_submit(request: Request, table: str, identifier: str, officer: Officer) -> Response:
    fields = [f for f in describe(RECORD_TYPES[_table(table)]) if f.name not in IMMUTABLE]
    changes = edited_data(fields, await request.form())
    try:
        update(get_db(request), table, identifier, changes, actor=officer.username)
    except InputError as exc:
        context = {
            "table": table,
            "identifier": identifier,
            "fields": describe(RECORD_TYPES[table]),
            "values": changes,
            "problems": exc.problems,
            "summary": exc.summary,
            "fixed": IMMUTABLE,
        }
        return render(request, "registry_form.html", context, 400)
    return RedirectResponse(f"/registry/{table}/{identifier}", status_code=303)


@router.post("/registry/{table}/{identifier}/delete")
async def delete_record_submit(request: Request, table: str, identifier: str, officer: Officer) -> Response:
    form = await request.form()
    reason = str(form.get("reason") or "").strip()
    if not reason:
        raise HTTPException(400, "say why the record is deleted (field 'reason')")
    delete(get_db(request), _table(table), identifier, actor=officer.username, reason=reason[:500])
    return RedirectResponse(f"/registry/{table}/{identifier}", status_code=303)
