"""Problems found in input data are values, not exceptions (frictionless style).

A :class:`Problem` has a stable kebab-case ``code``, a ``message`` that says what was received, what was
expected and how to fix it, a ``severity`` and a ``location`` (file and line, JSON path, or text span).
Only what the program cannot continue from raises; :class:`InputError` carries every problem found so
that a caller can report all of them at once, not only the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

_CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem was found. Every part is optional; ``str()`` gives ``file:line: path``."""

    file: str | None = None
    line: int | None = None
    path: str | None = None
    field: str | None = None
    span: tuple[int, int] | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.path:
            parts.append(self.path)
        if self.field:
            parts.append(f"field {self.field!r}")
        if self.span:
            parts.append(f"characters {self.span[0]}-{self.span[1]}")
        return ": ".join(parts) if parts else "(no location)"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "path": self.path,
            "field": self.field,
            "span": list(self.span) if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    severity: Severity = Severity.ERROR
    location: Location = field(default_factory=Location)

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ValueError(f"problem code {self.code!r} is not kebab-case")

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "severity": str(self.severity),
            "location": self.location.to_dict(),
        }


class TipwatchError(Exception):
    """Base of every error tipwatch raises on purpose; the CLI turns it into a one-line message."""

    exit_code = 2


class InputError(TipwatchError):
    """Input that cannot be used; holds every problem found, not only the first."""

    def __init__(self, summary: str, problems: Sequence[Problem] = ()) -> None:
        self.summary = summary
        self.problems = tuple(problems)
        detail = "".join(f"\n  {p}" for p in self.problems)
        super().__init__(f"{summary}{detail}")


class NotFoundError(TipwatchError):
    """A name, identifier or record that does not exist; may carry suggestions."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        self.suggestions = tuple(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"{message}{hint}")
