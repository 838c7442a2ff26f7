"""The narrative a reply answers, from a file: annotation-schema JSON (the reader's ``--json`` output, a
gold annotation, or an analyst's corrected copy) or the narrative itself, read by :mod:`tipwatch.reader`.

A JSON file may sit beside the narrative's text (same stem, ``.txt``): then the claims get their spans and
the "never" statements are found in it.

Either way the result is typed (:class:`~tipwatch.reply.claims.NarrativeFacts`): the reader's
:class:`~tipwatch.reader.Narrative` is taken as it is (:func:`facts_of`), JSON is checked once, here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipwatch.evidence import Movement, Tier
from tipwatch.inputfile import check_field_sizes, json_error_text, read_input_text
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reader import Narrative, read_narrative
from tipwatch.reader.inputs import READABLE_SUFFIXES, Document, load_documents
from tipwatch.reply.claims import COUNT_FIELDS, NarrativeFacts, Stated, facts_from_fields


@dataclass(frozen=True, slots=True)
class NarrativeInput:
    """The narrative's facts, its text when known, and the sentence each count field was read from."""

    facts: NarrativeFacts
    source: str
    text: str | None = None
    quotes: Mapping[str, str] = field(default_factory=dict)

    @property
    def fields(self) -> Mapping[str, object]:
        """The facts as annotation-schema fields (for callers that take the schema's mapping)."""
        return self.facts.schema_fields()


def load_narrative(path: Path) -> NarrativeInput:
    """Read a narrative file; raise :class:`InputError` naming the file, line and field when it cannot."""
    if path.suffix.lower() == ".json":
        return _from_json(path)
    return _from_text(path)


def _from_json(path: Path) -> NarrativeInput:
    raw = read_input_text(path, expected="a narrative annotation (.json)")
    text_path = path.with_suffix(".txt")
    beside = read_input_text(text_path, line_limit=True) if text_path.is_file() else None
    return narrative_from_json(raw, str(path), beside)


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
                    f"{json_error_text(exc)}; expected an annotation-schema object",
                    location=Location(file=source, line=exc.lineno),
                )
            ],
        ) from None
    check_field_sizes(data, source)
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
    return NarrativeInput(facts_from_fields(data, source), source, text, quotes)


def pasted_narrative(text: str, source: str = "(pasted narrative)") -> NarrativeInput:
    """A narrative pasted into a form: annotation JSON when it opens with ``{``, else narrative text."""
    if text.lstrip().startswith("{"):
        return narrative_from_json(text, source)
    return narrative_from_text(text, source)


def narrative_from_text(text: str, source: str) -> NarrativeInput:
    """Narrative text, read by the narrative reader."""
    narrative = read_narrative(text, file=source)
    quotes = {
        name: fact.span.sentence or fact.span.text
        for name, fact in narrative.facts.items()
        if fact.span.source == "text"
    }
    return NarrativeInput(facts_of(narrative), source, narrative.text, quotes)


def facts_of(narrative: Narrative) -> NarrativeFacts:
    """The reply's facts from the reader's narrative: typed values, taken as they are."""
    tier, movement, year = (narrative.value(name) for name in ("tier", "movement", "report_year"))
    jurisdiction = narrative.value("jurisdiction")
    counts = {m: narrative.value(str(m)) for m in COUNT_FIELDS}
    return NarrativeFacts(
        jurisdiction=str(jurisdiction) if jurisdiction else None,
        report_year=year,
        tier=Tier(tier) if tier else None,
        movement=Movement(movement) if movement else None,
        counts={measure: value for measure, value in counts.items() if value is not None},
        consecutive_year_claims=tuple(Stated(c.text, c.number) for c in narrative.consecutive_year_claims),
        since_year_claims=tuple(Stated(c.text, c.number) for c in narrative.since_year_claims),
    )


def _from_text(path: Path) -> NarrativeInput:
    document = _one_document(path)
    return narrative_from_text(document.text, document.file)


def read_narrative_file(path: Path, *, year: int | None = None, jurisdiction: str | None = None) -> Narrative:
    """One narrative's text, HTML or PDF file, read by the narrative reader. ``year`` and
    ``jurisdiction`` override what the text says."""
    document = _one_document(path)
    return read_narrative(
        document.text, file=document.file, title=document.title, year=year, jurisdiction=jurisdiction
    )


def _one_document(path: Path) -> Document:
    """The one narrative of a text, HTML or PDF file; a PDF must hold exactly one."""
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
    return documents[0]
