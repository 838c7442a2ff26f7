"""The bundled worked examples as data (``/api/examples``, ``/assess``)."""

from __future__ import annotations

from typing import Any

from tipwatch.assess import assess, what_if
from tipwatch.assess.examples import example_files, example_path
from tipwatch.evidence import load_evidence


def example_names() -> list[str]:
    return [path.stem for path in example_files()]


def example_data(name: str) -> dict[str, Any]:
    """A worked example: its evidence, assessment and what-if."""
    evidence = load_evidence(example_path(name))
    return {
        "name": name,
        "evidence": evidence.model_dump(mode="json"),
        "assessment": assess(evidence).model_dump(mode="json"),
        "what_if": what_if(evidence).model_dump(mode="json"),
    }
