"""Cite evidence items by their path in the evidence file, with their value and sources."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from tipwatch.assess.result import EvidenceCitation
from tipwatch.evidence.facts import Amount, Count, Flag, Item, Source
from tipwatch.evidence.model import ByType, Evidence


def lookup(evidence: Evidence, path: str) -> Any:
    """The object at a dotted path (``prosecution.convictions``), or None where a part is missing."""
    node: Any = evidence
    for part in path.split("."):
        if node is None:
            return None
        node = getattr(node, part)
    return node


def _value_and_sources(node: Any) -> tuple[Any, list[Source]]:
    if isinstance(node, Count):
        shown: Any = (
            node.value
            if node.value is not None
            else (f"at least {node.at_least}" if node.at_least is not None else None)
        )
        return shown, [node.source] if node.source else []
    if isinstance(node, Flag | Amount):
        return node.value, [node.source] if node.source else []
    if isinstance(node, ByType):
        sources: list[Source] = []
        parts: dict[str, Any] = {}
        for name in ("sex", "labour", "unspecified", "total"):
            part = getattr(node, name)
            if part is not None:
                value, found = _value_and_sources(part)
                parts[name] = value
                sources += found
        return (node.lower_bound if set(parts) == {"total"} else parts), sources
    if isinstance(node, Item):
        return node.description, [node.source] if node.source else []
    if isinstance(node, list):
        values: list[Any] = []
        sources = []
        for item in node:
            value, found = _value_and_sources(item)
            values.append(value)
            sources += found
        return values, sources
    if isinstance(node, BaseModel):
        return node.model_dump(mode="json", exclude_none=True, exclude={"source"}), _nested_sources(node)
    return node, []


def _nested_sources(node: object) -> list[Source]:
    if isinstance(node, Source):
        return [node]
    if isinstance(node, BaseModel):
        return [found for name in type(node).model_fields for found in _nested_sources(getattr(node, name))]
    if isinstance(node, list):
        return [found for item in node for found in _nested_sources(item)]
    return []


def cite(evidence: Evidence, *paths: str) -> list[EvidenceCitation]:
    """Citations for the given paths that hold a known value (unknown items are not cited)."""
    citations = []
    for path in paths:
        value, sources = _value_and_sources(lookup(evidence, path))
        if value is None or value == [] or value == {}:
            continue
        unique = list(dict.fromkeys(sources))
        citations.append(EvidenceCitation(path=path, value=value, sources=unique))
    return citations
