"""Bulk reading of registry CSV files, column by column: the fast path of a big import.

Validating a million rows one pydantic model at a time costs more than writing them, so a plain CSV file
is read a chunk and a column at a time instead: each distinct text of a coded column (an enumeration, a
date, a country, a yes/no, a number, a ';'-list) is converted once and then looked up, identifiers are
matched against their pattern, and each row's own cross-field checks are the functions the models
themselves run (:data:`~tipwatch.registry.records.RECORD_CHECKS`). The values a row gets are the values
pydantic's record of the same row holds — equal and of the same types (a property test holds the two
paths to that) — and go into the batch as columns, with no record object per row.

The fast path accepts only what it is sure of. Any cell it does not recognise (a padded value, a
lower-case country code, ``yes`` for a boolean, a value out of range) sends its row to the record's
pydantic model, which accepts it or reports every problem exactly as for one record; a file the fast
reader cannot take whole (quoted line breaks, rows of the wrong width, a header problem) goes to the
careful reader in :mod:`tipwatch.registry.csvfile`, which names each problem's line."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Annotated, Any, cast, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import BeforeValidator
from pydantic.fields import FieldInfo

from tipwatch.registry.countries import COUNTRY_CODES
from tipwatch.registry.csvfile import csv_lines, unguard_formula
from tipwatch.registry.records import (
    EARLIEST,
    RECORD_CHECKS,
    Country,
    Day,
    FieldError,
    Fields,
    Identifier,
    LongText,
    Record,
    Text,
    age_group_of,
    field_type,
    split_list,
    today,
)

INVALID: Any = object()
"""A cell the fast path does not accept as it is: its row goes to pydantic."""
ABSENT: Any = object()
"""An empty cell: the field takes its default (or is reported missing, by pydantic)."""

Convert = Callable[[str], Any]
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


def _identifier(text: str) -> Any:
    return text if _IDENTIFIER.fullmatch(text) else INVALID


def _iso_day(text: str) -> date | None:
    """``YYYY-MM-DD`` only (pydantic also reads other forms; those rows go to it)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _day(text: str) -> Any:
    day = _iso_day(text)
    return day if day is not None and EARLIEST <= day <= today() else INVALID


def _plain_date(text: str) -> Any:
    day = _iso_day(text)
    return INVALID if day is None else day


def _country(text: str) -> Any:
    return text if text in COUNTRY_CODES else INVALID


def _bool(text: str) -> Any:
    return {"true": True, "false": False}.get(text, INVALID)


def _text(limit: int) -> Convert:
    def convert(text: str) -> Any:
        # Python's whitespace includes all of Unicode's, so an unpadded value here is one pydantic keeps.
        ok = len(text) <= limit and not text[0].isspace() and not text[-1].isspace()
        return text if ok else INVALID

    return convert


def _int(low: int | None, high: int | None) -> Convert:
    def convert(text: str) -> Any:
        if not (text.isascii() and text.isdigit()) or len(text) > 9 or (text[0] == "0" and text != "0"):
            return INVALID
        value = int(text)
        if (low is not None and value < low) or (high is not None and value > high):
            return INVALID
        return value

    return convert


def _enum(kind: type[Enum]) -> Convert:
    values = frozenset(str(member.value) for member in kind)
    return lambda text: text if text in values else INVALID


def _list(item: Convert) -> Convert:
    """A ';'-joined list whose every part is valid as it is (no padding, no empty parts)."""

    def convert(text: str) -> Any:
        if "\\" in text:  # an escaped ';' or backslash: the model's split_list reads it
            return INVALID
        parts = text.split(";")
        for part in parts:
            if not part or item(part) is INVALID:
                return INVALID
        return parts

    return convert


def _bounds(metadata: Sequence[Any]) -> tuple[int | None, int | None]:
    low = next((int(cast(int, m.ge)) for m in metadata if isinstance(m, Ge)), None)
    high = next((int(cast(int, m.le)) for m in metadata if isinstance(m, Le)), None)
    for item in metadata:
        if isinstance(item, FieldInfo):
            item_low, item_high = _bounds(item.metadata)
            low, high = (
                item_low if item_low is not None else low,
                item_high if item_high is not None else high,
            )
    return low, high


ALIASES: dict[Any, tuple[Convert, bool]] = {
    # annotation -> (converter, whether to convert each distinct text once and look it up)
    Identifier: (_identifier, False),
    Day: (_day, True),
    Country: (_country, True),
    Text: (_text(200), True),
    LongText: (_text(4000), False),
}


def _converter(name: str, info: FieldInfo) -> tuple[Convert, bool]:
    """The converter of one field, from its annotation; a field of a kind not known here is an error of
    the program (so a new kind of field cannot silently skip validation)."""
    annotation, metadata = field_type(info)
    alias = Annotated[(annotation, *metadata)] if metadata else annotation
    if alias in ALIASES:
        return ALIASES[alias]
    if get_origin(annotation) is list:
        (inner,) = get_args(annotation)
        if metadata != (BeforeValidator(split_list),):
            raise TypeError(f"{name}: unsupported list field {alias!r}")
        if isinstance(inner, type) and issubclass(inner, Enum):
            return _list(_enum(inner)), True
        if inner in ALIASES:
            return _list(ALIASES[inner][0]), False
        raise TypeError(f"{name}: unsupported list item {inner!r}")
    if isinstance(annotation, type) and issubclass(annotation, Enum) and not metadata:
        return _enum(annotation), True
    if annotation is bool and not metadata:
        return _bool, True
    if annotation is date and not metadata:
        return _plain_date, True
    if annotation is int and all(isinstance(m, Ge | Le | FieldInfo) for m in metadata):
        return _int(*_bounds(metadata)), True
    raise TypeError(f"{name}: no bulk converter for {alias!r}")


@dataclass(frozen=True)
class Compiled:
    """A table's fields with their converters, defaults and record check."""

    model: type[Record]
    names: tuple[str, ...]
    converters: tuple[tuple[Convert, bool], ...]
    required: frozenset[str]
    defaults: dict[str, Any]
    mutable_defaults: frozenset[str]
    check: Callable[[Fields], None] | None


@cache
def compiled(model: type[Record]) -> Compiled:
    fields = model.model_fields
    return Compiled(
        model=model,
        names=tuple(fields),
        converters=tuple(_converter(name, info) for name, info in fields.items()),
        required=frozenset(name for name, info in fields.items() if info.is_required()),
        defaults={name: info.default for name, info in fields.items() if not info.is_required()},
        mutable_defaults=frozenset(
            name for name, info in fields.items() if isinstance(info.default, list | dict | set)
        ),
        check=RECORD_CHECKS.get(model.table),
    )


CHUNK_ROWS = 4096
"""Rows parsed and converted at a time: the texts of one chunk are still in the processor's cache when
their columns are converted, and their memory is reused by the next chunk."""


class _Memo(dict[str, Any]):
    """Text -> value for one column, each distinct text converted once; remembers the refused texts."""

    def __init__(self, convert: Convert, empty: Any) -> None:
        super().__init__()
        self.convert, self.empty, self.refused = convert, empty, set[str]()

    def __missing__(self, text: str) -> Any:
        value = self[text] = self.convert(text) if text else self.empty
        if value is INVALID:
            self.refused.add(text)
        return value


class _Row:
    """One row of a chunk's columns, read by field name (what a record check reads)."""

    __slots__ = ("columns", "index")

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self.columns, self.index = columns, 0

    def __getitem__(self, name: str) -> Any:
        return self.columns[name][self.index]


@dataclass
class BulkRows:
    """Rows of a file as the record's fields, column by column, and the rows (by index, with their
    non-empty cells) that pydantic must look at: a cell the fast path does not accept, or a record check
    that fails. Their places in ``columns`` hold placeholders until pydantic has seen them. ``first`` is
    the index in the file of the first row (its line is ``first + 2``)."""

    columns: dict[str, list[Any]]
    refused: dict[int, dict[str, str]]
    first: int = 0

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), []))


class NotPlain(Exception):
    """The file is not plain: the careful reader takes it and names each problem with its line."""


def read_rows(model: type[Record], text: str) -> BulkRows | None:
    """All the rows of a CSV text for ``model`` (see :func:`read_chunks`), or None if it is not plain."""
    try:
        chunks = list(read_chunks(model, text))
    except NotPlain:
        return None
    columns: dict[str, list[Any]] = {name: [] for name in compiled(model).names}
    refused: dict[int, dict[str, str]] = {}
    for chunk in chunks:
        for name, values in chunk.columns.items():
            columns[name].extend(values)
        refused.update({chunk.first + row: cells for row, cells in chunk.refused.items()})
    return BulkRows(columns, refused)


def read_chunks(model: type[Record], text: str) -> Iterator[BulkRows]:
    """The rows of a CSV text for ``model``, a chunk at a time, while the file is plain — a header of
    known, distinct fields with every required one, and every row one line of the header's width — and
    :class:`NotPlain` raised where it is not (perhaps after some chunks)."""
    table = compiled(model)
    lines = csv_lines(text)
    try:
        header = [name.strip() for name in next(csv.reader(lines[:1], strict=True))]
    except (csv.Error, StopIteration):
        raise NotPlain from None
    names = set(header)
    if not (names <= set(table.names) and table.required <= names and len(names) == len(header)):
        raise NotPlain
    position = {name: index for index, name in enumerate(header)}
    memos = {
        name: _Memo(convert, _empty(table, name))
        for name, (convert, memoize) in zip(table.names, table.converters, strict=True)
        if memoize
    }
    width = len(header)
    for offset in range(1, len(lines), CHUNK_ROWS):
        chunk = lines[offset : offset + CHUNK_ROWS]
        try:
            rows = list(csv.reader(chunk, strict=True))
        except csv.Error:
            raise NotPlain from None
        if any("'" in line for line in chunk):  # a text guarded against spreadsheet formulas
            rows = [[unguard_formula(cell) for cell in row] for row in rows]
        if len(rows) != len(chunk) or any(len(row) != width for row in rows):
            raise NotPlain
        texts = list(zip(*rows, strict=True))
        converted: dict[str, list[Any]] = {}
        bad: set[int] = set()
        for index, name in enumerate(table.names):
            at = position.get(name)
            column = texts[at] if at is not None else ("",) * len(rows)
            converted[name] = _convert(table, index, column, memos.get(name), bad)
        if model.table == "persons":  # what the model's before-validator derives
            converted["age_group"] = [
                age_group_of(age) if group is None and type(age) is int else group
                for age, group in zip(converted["age"], converted["age_group"], strict=True)
            ]
        if table.check is not None:
            row_view = _Row(converted)
            for index in range(len(rows)):
                if index in bad:
                    continue
                row_view.index = index
                try:
                    table.check(row_view)
                except FieldError:
                    bad.add(index)
        refused = {
            index: {name: value for name, value in zip(header, rows[index], strict=True) if value != ""}
            for index in sorted(bad)
        }
        yield BulkRows(converted, refused, offset - 1)


def _empty(table: Compiled, name: str) -> Any:
    """An empty cell's value: the field's default; a required field's is :data:`INVALID` (pydantic then
    reports it missing)."""
    if name in table.required:
        return INVALID
    return [] if name in table.mutable_defaults else table.defaults[name]


def _convert(
    table: Compiled, index: int, texts: Sequence[str], memo: _Memo | None, bad: set[int]
) -> list[Any]:
    """One field's values for a column of texts; adds to ``bad`` the rows whose text is refused."""
    if memo is not None:
        # Rows with the same text share one value (for a list field, one list: the batch only reads them)
        values = list(map(memo.__getitem__, texts))
        if memo.refused:
            bad.update(row for row, text in enumerate(texts) if text in memo.refused)
        return values
    convert, _ = table.converters[index]
    name = table.names[index]
    fresh, empty = name in table.mutable_defaults, _empty(table, name)
    values = [convert(text) if text else ([] if fresh else empty) for text in texts]
    if INVALID in values:
        bad.update(row for row, value in enumerate(values) if value is INVALID)
    return values
