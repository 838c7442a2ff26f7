"""The narrative a reply answers, from a file: annotation-schema JSON (the reader's ``--json`` output, a
gold annotation, or an analyst's corrected copy) or the narrative itself, read by :mod:`tipwatch.reader`.

A JSON file may sit beside the narrative's text (same stem, ``.txt``): then the claims get their spans and
the "never" statements are found in it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reader import read_narrative
from tipwatch.reader.inputs import READABLE_SUFFIXES, load_documents


@dataclass(frozen=True, slots=True)
class NarrativeInput:
    """The narrative's fields (annotation schema), its text when known, and the sentence each count
    field was read from."""

    fields: Mapping[str, Any]
    source: str
    text: str | None = None
    quotes: Mapping[str, str] = field(default_factory=dict)


def load_narrative(path: Path) -> NarrativeInput:
    """Read a narrative file; raise :class:`InputError` naming the file, line and field when it cannot."""
    if not path.is_file():
        raise InputError(
            f"{path}: no such narrative file",
            [
                Problem(
                    ProblemCode.MISSING_FILE,
                    f"received {str(path)!r}; expected an existing file",
                    location=Location(file=str(path)),
                )
            ],
        )
    if path.suffix.lower() == ".json":
        return _from_json(path)
    return _from_text(path)


def _from_json(path: Path) -> NarrativeInput:
    text_path = path.with_suffix(".txt")
    beside = text_path.read_text(encoding="utf-8") if text_path.is_file() else None
    return narrative_from_json(path.read_text(encoding="utf-8"), str(path), beside)


def narrative_from_json(raw: str, source: str, text: str | None = None) -> NarrativeInput:
    """A narrative from annotation-schema JSON; JSON that does not parse is an InputError with its line."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{source}: not valid JSON",
            [
                Problem(
                    ProblemCode.INVALID_SYNTAX,
                    f"{exc.msg}; expected an annotation-schema object",
                    location=Location(file=source, line=exc.lineno),
                )
            ],
        ) from None
    return narrative_from_data(data, source, text)


def narrative_from_data(data: Any, source: str, text: str | None = None) -> NarrativeInput:
    """Annotation-schema fields (a parsed JSON object); its ``text`` (or the ``text`` given) is the
    narrative, and its ``spans`` (the reader's output) give each count's sentence."""
    if not isinstance(data, dict):
        raise InputError(
            f"{source}: not a narrative annotation",
            [
                Problem(
                    ProblemCode.INVALID_NARRATIVE,
                    f"received a JSON {type(data).__name__}; expected an object with the annotation schema's fields",
                    location=Location(file=source, path="$"),
                )
            ],
        )
    if isinstance(data.get("text"), str):
        text = data["text"]
    spans = data.get("spans")
    if not isinstance(spans, dict):
        spans = {}
    quotes = {
        name: str(span.get("sentence") or span.get("text") or "")
        for name, span in spans.items()
        if isinstance(span, dict)
    }
    return NarrativeInput(data, source, text, quotes)


def narrative_from_text(text: str, source: str) -> NarrativeInput:
    """Narrative text, read by the narrative reader."""
    narrative = read_narrative(text, file=source)
    quotes = {
        name: fact.span.sentence or fact.span.text
        for name, fact in narrative.facts.items()
        if fact.span.source == "text"
    }
    return NarrativeInput(narrative.to_dict(), source, narrative.text, quotes)


def _from_text(path: Path) -> NarrativeInput:
    """Text, HTML or PDF, read by the narrative reader; a PDF must hold exactly one narrative."""
    if path.suffix.lower() not in READABLE_SUFFIXES:
        raise InputError(
            f"{path}: cannot read this kind of file",
            [
                Problem(
                    ProblemCode.UNSUPPORTED_NARRATIVE,
                    f"received a {path.suffix or 'suffix-less'} file; expected .json (annotation schema) or a "
                    f"narrative in one of {', '.join(sorted(READABLE_SUFFIXES))}",
                    location=Location(file=str(path)),
                )
            ],
        )
    documents = list(load_documents(path))
    if len(documents) != 1:
        raise InputError(
            f"{path}: holds {len(documents)} narratives, expected one",
            [
                Problem(
                    ProblemCode.NOT_ONE_NARRATIVE,
                    f"found {', '.join(d.file for d in documents) or 'none'}; give the file of one narrative",
                    location=Location(file=str(path)),
                )
            ],
        )
    return narrative_from_text(documents[0].text, documents[0].file)
