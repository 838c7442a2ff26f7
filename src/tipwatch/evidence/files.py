"""Read and write evidence files (YAML or JSON) and describe their format as JSON Schema.

:func:`load_evidence` reports every problem in a file at once, each with its line and its path inside
the file; :func:`dump_evidence` writes YAML that loads back to an equal model.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tipwatch.datafile import parse_data_text, read_data_file, validation_problems
from tipwatch.evidence.model import Evidence
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem


def _validate(data: Any, source: str, index: Any) -> Evidence:
    if not isinstance(data, dict):
        raise InputError(
            f"{source}: not an evidence file",
            [
                Problem(
                    ProblemCode.NOT_A_MAPPING,
                    f"the document is {type(data).__name__}; an evidence file is a mapping with at least "
                    "'jurisdiction' and 'report_year'",
                    location=Location(source, 1),
                )
            ],
        )
    try:
        return Evidence.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, source, index)
        raise InputError(f"{source}: {len(problems)} problem(s) in the evidence", problems) from exc


def load_evidence(path: Path | str) -> Evidence:
    """Read one evidence file; raise :class:`InputError` listing every problem with its line and path."""
    path = Path(path)
    data, index = read_data_file(path)
    return _validate(data, str(path), index)


def loads_evidence(text: str, source: str = "<evidence>") -> Evidence:
    """Parse evidence from YAML or JSON text; ``source`` names it in problems."""
    data, index = parse_data_text(text, source)
    return _validate(data, source, index)


def evidence_to_data(evidence: Evidence) -> dict[str, Any]:
    """Plain JSON-compatible data; unknown (null) facts are left out, zero is kept."""
    data: dict[str, Any] = evidence.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    pruned: dict[str, Any] = _prune(data)
    return pruned


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {key: _prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in ({}, [])}
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


_YAML_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


def dumps_evidence(evidence: Evidence) -> str:
    """YAML text; plain Unicode unless the data holds characters YAML reads as line breaks."""
    data = evidence_to_data(evidence)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    if any(mark in text for mark in _YAML_LINE_BREAKS):
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=100)
    return text


def dump_evidence(evidence: Evidence, path: Path | str) -> None:
    """Write evidence as YAML, atomically (a temporary file renamed into place)."""
    path = Path(path)
    text = dumps_evidence(evidence)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def evidence_schema() -> dict[str, Any]:
    """The JSON Schema of an evidence file."""
    return Evidence.model_json_schema(mode="validation")
