"""Read stored rows back as record dictionaries (the inverse of :func:`writer.record_row`), with
references as identifiers, for ``show``, ``list`` and export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Select, select

from tipwatch.registry.models import EXPLOITATION_COLUMNS
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.tables import TABLES
from tipwatch.registry.writer import REFERENCES

TRACKING = ("created_at", "created_by", "deleted_at", "deleted_by")


def _query(table_name: str, *, include_deleted: bool) -> Select[Any]:
    table = TABLES[table_name]
    own = [column for column in table.c if column.name != "id" and not column.name.endswith("_pk")]
    joined: Any = table
    columns: list[Any] = list(own)
    for field_name, (target, key, pk_column) in REFERENCES.get(table_name, {}).items():
        other = TABLES[target].alias(f"ref_{field_name}")
        joined = joined.outerjoin(other, table.c[pk_column] == other.c.id)
        columns.append(other.c[key].label(field_name))
    query = select(*columns).select_from(joined).order_by(table.c.id)
    if not include_deleted:
        query = query.where(table.c.deleted_at.is_(None))
    return query


def to_record_dict(table_name: str, row: dict[str, Any], *, tracking: bool = False) -> dict[str, Any]:
    """A stored row as the record's fields (in the record's order), optionally with tracking columns."""
    data = dict(row)
    if table_name == "persons":
        data["exploitation"] = [form for form, column in EXPLOITATION_COLUMNS.items() if data.pop(column)]
        controls = data.pop("methods_of_control")
        data["methods_of_control"] = controls.split(";") if controls else []
    elif table_name == "screenings":
        indicators = data["indicators_observed"]
        data["indicators_observed"] = indicators.split(";") if indicators else []
    elif table_name == "meetings":
        data["attendees"] = json.loads(data["attendees"])
        data["decisions"] = json.loads(data["decisions"])
    fields = list(RECORD_TYPES[table_name].model_fields)
    ordered = {name: data.get(name) for name in fields}
    if tracking:
        ordered.update({name: data.get(name) for name in TRACKING})
    return ordered


def iter_records(
    connection: Connection,
    table_name: str,
    *,
    include_deleted: bool = False,
    tracking: bool = False,
    limit: int | None = None,
    where: Any = None,
) -> Iterator[dict[str, Any]]:
    query = _query(table_name, include_deleted=include_deleted)
    if where is not None:
        query = query.where(where)
    if limit is not None:
        query = query.limit(limit)
    result = connection.execution_options(yield_per=10_000).execute(query)
    for row in result.mappings():
        yield to_record_dict(table_name, dict(row), tracking=tracking)
