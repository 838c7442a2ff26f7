"""HTML forms for registry records, described from the records' own pydantic models (so a form never
disagrees with validation), and the submitted form turned back into the record's plain data."""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class FormField:
    name: str
    kind: str  # text, date, number, checkbox, choice, list
    required: bool
    choices: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")


def _inner(annotation: Any) -> Any:
    """Strip Optional/Annotated wrappers down to the value type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def describe(model: type[BaseModel]) -> list[FormField]:
    fields = []
    for name, info in model.model_fields.items():
        value_type = _inner(info.annotation)
        origin = typing.get_origin(value_type)
        choices: tuple[str, ...] = ()
        if origin is list:
            item = _inner(typing.get_args(value_type)[0])
            kind = "list"
            if isinstance(item, type) and issubclass(item, enum.Enum):
                choices = tuple(str(m.value) for m in item)
        elif isinstance(value_type, type) and issubclass(value_type, enum.Enum):
            kind, choices = "choice", tuple(str(m.value) for m in value_type)
        elif value_type is bool and info.default is None:
            kind, choices = "choice", ("true", "false")  # yes, no, or unknown (left out)
        elif value_type is bool:
            kind = "checkbox"
        elif value_type is date:
            kind = "date"
        elif value_type is int:
            kind = "number"
        else:
            kind = "text"
        fields.append(FormField(name, kind, info.is_required(), choices))
    return fields


def record_data(fields: list[FormField], form: typing.Mapping[str, Any]) -> dict[str, Any]:
    """What a submitted form says: empty inputs are left out (unknown, not zero or empty text), a
    checkbox is true when ticked, multi-selects become lists."""
    data: dict[str, Any] = {}
    for field in fields:
        if field.kind == "checkbox":
            data[field.name] = field.name in form
            continue
        if field.kind == "list" and hasattr(form, "getlist"):
            values = [v for v in form.getlist(field.name) if isinstance(v, str) and v.strip()]
            if values:
                data[field.name] = values if field.choices else ";".join(values)
            continue
        value = form.get(field.name)
        if isinstance(value, str) and value.strip():
            data[field.name] = value.strip()
    return data


def edited_data(fields: list[FormField], form: typing.Mapping[str, Any]) -> dict[str, Any]:
    """The changes an edit form makes: every field it shows, an emptied input meaning unknown (None)."""
    given = record_data(fields, form)
    return {f.name: given.get(f.name, [] if f.kind == "list" else None) for f in fields}
