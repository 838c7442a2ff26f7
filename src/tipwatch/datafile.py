"""Read YAML and JSON data files so that every problem can name its file, line and path.

:func:`read_data_file` returns the parsed data and a :class:`LineIndex` that maps a path inside the
document (``("parameters", "waiver_max_years", "value")``) to its 1-based line. Pydantic validation
errors become :class:`~tipwatch.problems.Problem` values via :func:`validation_problems`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

PathKey = tuple[str | int, ...]


@dataclass
class LineIndex:
    """1-based line numbers of every key and item in a YAML/JSON document."""

    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), None)


def _index(node: yaml.Node, path: PathKey, index: LineIndex) -> None:
    index.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            index.lines[(*path, key)] = key_node.start_mark.line + 1
            _index(value_node, (*path, key), index)
            index.lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*path, position), index)


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader that leaves dates and times as text, so that pydantic validates them with a location."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_data_text(text: str, source: str) -> tuple[Any, LineIndex]:
    """Parse YAML (JSON is YAML) from ``text``; ``source`` names it in errors."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise InputError(
            f"{source}: not valid YAML or JSON",
            [
                Problem(
                    ProblemCode.INVALID_SYNTAX,
                    f"{exc.problem or exc}; fix the syntax",
                    location=Location(source, line),
                )
            ],
        ) from exc
    index = LineIndex()
    if node is not None:
        _index(node, (), index)
    return data, index


def read_text_file(path: Path) -> str:
    """A file's UTF-8 text; a missing or non-UTF-8 file is an InputError naming the file (and byte)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text",
            [
                Problem(
                    ProblemCode.NOT_UTF_8,
                    f"byte {exc.start} is not UTF-8; save the file as UTF-8",
                    location=Location(str(path)),
                )
            ],
        ) from exc


def read_data_file(path: Path) -> tuple[Any, LineIndex]:
    """Read a ``.yaml``, ``.yml`` or ``.json`` file."""
    text = read_text_file(path)
    if path.suffix.lower() == ".json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}: not valid JSON",
                [Problem(ProblemCode.INVALID_SYNTAX, exc.msg, location=Location(str(path), exc.lineno))],
            ) from exc
    return parse_data_text(text, str(path))


def dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def validation_problems(error: ValidationError, source: str, index: LineIndex) -> list[Problem]:
    """Every pydantic error as a Problem naming file, line, path and field."""
    problems = []
    for item in error.errors(include_url=False):
        path = [p for p in item["loc"] if isinstance(p, str | int)]
        received = item.get("input")
        shown = repr(received) if not isinstance(received, dict | list) else type(received).__name__
        code = (
            ProblemCode.UNKNOWN_FIELD
            if item["type"] == "extra_forbidden"
            else (ProblemCode.MISSING_FIELD if item["type"] == "missing" else ProblemCode.INVALID_VALUE)
        )
        message = (
            f"{dotted(path)}: field not allowed here; remove it or check its spelling"
            if code == ProblemCode.UNKNOWN_FIELD
            else f"{dotted(path)}: required field is missing"
            if code == ProblemCode.MISSING_FIELD
            else f"{dotted(path)}: {item['msg']} (received {shown})"
        )
        field_name = next((str(p) for p in reversed(path) if isinstance(p, str)), None)
        problems.append(
            Problem(code, message, location=Location(source, index.line_of(path), dotted(path), field_name))
        )
    return problems
