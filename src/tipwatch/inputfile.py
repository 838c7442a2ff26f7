"""The one reader of input files: every file tipwatch is given (CSV, JSON, YAML, narratives, policy and
evidence files) is read here, so every entry point refuses the same bad input with the same message.

- a missing path, a folder or an unreadable file is an :class:`InputError` naming the file;
- an empty file (nothing but white space) is ``empty-file``;
- text is UTF-8 (a BOM is dropped); UTF-16 and other bytes that are not UTF-8 are ``not-utf-8`` with
  the line and column of the first bad byte;
- no field (a CSV cell, a JSON or YAML string, a line of plain text) may hold more than
  :data:`FIELD_LIMIT` characters: ``field-too-large`` with its line.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

FIELD_LIMIT = 1_000_000
"""The most characters one field may hold (a CSV cell, a JSON/YAML string, a line of text)."""

csv.field_size_limit(FIELD_LIMIT)

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def _refuse(
    file: Path | str, code: ProblemCode, message: str, line: int | None = None, path: str | None = None
) -> InputError:
    source = str(file)
    where = f" (line {line})" if line is not None else ""
    return InputError(
        f"{source}: {message}{where}", [Problem(code, message, location=Location(source, line, path))]
    )


def read_input_bytes(path: Path, *, expected: str = "a file") -> bytes:
    """The bytes of ``path``; a missing path, a folder, an unreadable or an empty file is refused."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _refuse(
            path, ProblemCode.UNREADABLE_FILE, f"no such file; expected {expected}; check the path"
        ) from None
    except IsADirectoryError:
        raise _refuse(path, ProblemCode.UNREADABLE_FILE, f"is a folder; expected {expected}") from None
    except OSError as exc:
        if path.is_dir():  # Windows and some file systems say "permission denied" for a folder
            raise _refuse(path, ProblemCode.UNREADABLE_FILE, f"is a folder; expected {expected}") from None
        raise _refuse(
            path,
            ProblemCode.UNREADABLE_FILE,
            f"cannot be read ({exc.strerror}); check that it exists and is readable",
        ) from None
    if not data.strip():
        raise _refuse(path, ProblemCode.EMPTY_FILE, f"is empty; expected {expected}", 1)
    return data


def decode_text(data: bytes, source: str) -> str:
    """``data`` as UTF-8 text (a BOM dropped); anything else is refused with the line and column of the
    first byte that is not UTF-8."""
    if data.startswith(_UTF16_BOMS):
        raise _refuse(
            source,
            ProblemCode.NOT_UTF_8,
            "is UTF-16 (or UTF-32) text, not UTF-8; save it as UTF-8 (e.g. iconv -f utf-16 -t utf-8)",
            1,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, exc.start, source) from None


def _not_utf8(data: bytes, offset: int, source: str) -> InputError:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return InputError(
        f"{source}: not UTF-8 text (line {line}, column {column})",
        [
            Problem(
                ProblemCode.NOT_UTF_8,
                f"byte 0x{data[offset]:02x} at line {line}, column {column} is not UTF-8; "
                "save the file as UTF-8 text (e.g. iconv -f latin1 -t utf-8)",
                location=Location(source, line),
            )
        ],
    )


def read_input_text(path: Path, *, expected: str = "a file", line_limit: bool = False) -> str:
    """The UTF-8 text of ``path``, refused as :func:`read_input_bytes` and :func:`decode_text` say.
    With ``line_limit`` (plain text, where a line is a field), a line longer than :data:`FIELD_LIMIT`
    is refused too."""
    text = decode_text(read_input_bytes(path, expected=expected), str(path))
    if line_limit and len(text) > FIELD_LIMIT:
        check_line_lengths(text, str(path))
    return text


def check_line_lengths(text: str, source: str) -> None:
    """Refuse a text with a line of more than :data:`FIELD_LIMIT` characters."""
    start = 0
    for line, end in enumerate(_line_ends(text), 1):
        if end - start > FIELD_LIMIT:
            raise too_large(source, line, end - start)
        start = end + 1


def _line_ends(text: str) -> Iterator[int]:
    position = text.find("\n")
    while position != -1:
        yield position
        position = text.find("\n", position + 1)
    yield len(text)


def too_large(source: str, line: int | None, size: int | None = None, path: str | None = None) -> InputError:
    """The error for a field of more than :data:`FIELD_LIMIT` characters."""
    held = f"holds {size:,} characters" if size is not None else "is too large"
    message = (
        f"a field {held}; expected at most {FIELD_LIMIT:,}; check that the file is what you meant to load"
    )
    return _refuse(source, ProblemCode.FIELD_TOO_LARGE, message, line, path=path)


def is_field_limit_error(exc: csv.Error) -> bool:
    """True when the csv module refused a field for its size."""
    return "field larger than field limit" in str(exc)


def check_field_sizes(data: Any, source: str, line_of: Any = None) -> None:
    """Refuse parsed JSON or YAML that holds a string of more than :data:`FIELD_LIMIT` characters.
    ``line_of`` (a path -> line function, optional) gives the line."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if len(value) > FIELD_LIMIT:
                line = line_of(path) if line_of is not None else None
                shown = ".".join(str(part) for part in path) or "(document)"
                raise too_large(source, line, len(value), shown)
        elif isinstance(value, dict):
            stack.extend(((*path, str(key)), item) for key, item in value.items())
            for key in value:
                if isinstance(key, str) and len(key) > FIELD_LIMIT:
                    raise too_large(source, None, len(key))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))


def csv_error(exc: csv.Error, source: str, line: int | None) -> InputError:
    """A :class:`csv.Error` as an InputError naming file and line: ``field-too-large`` for a cell over
    :data:`FIELD_LIMIT`, else ``malformed-csv``."""
    if is_field_limit_error(exc):
        return too_large(source, line)
    message = f"{exc}; check the quoting of this row"
    return _refuse(source, ProblemCode.MALFORMED_CSV, message, line)


def json_error_text(exc: json.JSONDecodeError) -> str:
    """A JSON syntax error whole: ``exc.msg`` alone can end mid-sentence ("Unterminated string starting
    at"), so the line and column are said too."""
    return f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
