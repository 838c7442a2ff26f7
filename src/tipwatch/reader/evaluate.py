"""Score the reader against gold annotations: ``<stem>.json`` beside ``<stem>.txt`` (the layout of the dev
set). Accuracy per field, precision and recall of "has a value" vs null, claim texts, and every mismatch
with the text around it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reader.inputs import decode_utf8
from tipwatch.reader.model import CLAIM_FIELDS, SCALAR_FIELDS, Narrative
from tipwatch.reader.narrative import read_narrative
from tipwatch.reader.numbers import NUMBER, parse_number

_TIER_WORDS = {
    "1": r"Tier\s*(?:1|I|One)\b",
    "2": r"Tier\s*(?:2|II|Two)\b",
    "2WL": r"Watch[\s-]*List",
    "3": r"Tier\s*(?:3|III|Three)\b",
    "special": r"Special\s+Case",
}
_ZERO_WORDS = re.compile(r"\b(?:no|any|zero|a\s+single|never)\b", re.IGNORECASE)
_FIELD_WORDS = {
    "investigations": r"investigat",
    "prosecutions": r"prosecut",
    "convictions": r"convict",
    "victims_identified": r"identif",
    "tier": r"\bTier\b|Special Case",
    "movement": r"remain|upgrad|downgrad",
    "fully_meets_minimum_standards": r"minimum standards",
    "making_significant_efforts": r"efforts",
}


def span_supports(name: str, value: Any, text: str) -> bool:
    """Whether a span's text states ``value`` for field ``name`` (the check behind "every value has a
    span whose text contains it")."""
    folded = " ".join(text.split())
    if name == "tier":
        return bool(re.search(_TIER_WORDS[str(value)], folded, re.IGNORECASE))
    if name == "movement":
        return {"remained": "remain", "upgraded": "upgraded", "downgraded": "downgraded"}[
            value
        ] in folded.lower()
    if name in ("fully_meets_minimum_standards", "making_significant_efforts"):
        negated = bool(re.search(r"\bnot\b", folded, re.IGNORECASE))
        return negated is (value is False)
    if name in ("investigations", "prosecutions", "convictions", "victims_identified"):
        if value == 0:
            return bool(_ZERO_WORDS.search(folded))
        numbers = [n for n in (parse_number(m.group(0)) for m in NUMBER.finditer(folded)) if n is not None]
        return value in numbers or sum(numbers) == value
    if name == "report_year":
        return str(value) in folded
    if name == "jurisdiction":
        return str(value).lower() in folded.lower() or folded.lower() in str(value).lower()
    return str(value) in folded


@dataclass
class FieldScore:
    right: int = 0
    total: int = 0
    predicted_values: int = 0
    gold_values: int = 0
    both_values: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def precision(self) -> float | None:
        return self.both_values / self.predicted_values if self.predicted_values else None

    @property
    def recall(self) -> float | None:
        return self.both_values / self.gold_values if self.gold_values else None


@dataclass(frozen=True)
class Mismatch:
    stem: str
    field: str
    expected: Any
    got: Any
    context: str


@dataclass
class Evaluation:
    items: int = 0
    scores: dict[str, FieldScore] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)
    spans_checked: int = 0
    spans_supported: int = 0
    claim_texts_exact: int = 0
    claim_texts_total: int = 0
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "fields": {
                name: {
                    "accuracy": round(score.accuracy, 4),
                    "right": score.right,
                    "total": score.total,
                    "value_precision": None if score.precision is None else round(score.precision, 4),
                    "value_recall": None if score.recall is None else round(score.recall, 4),
                }
                for name, score in self.scores.items()
            },
            "spans_supported": [self.spans_supported, self.spans_checked],
            "claim_texts_exact": [self.claim_texts_exact, self.claim_texts_total],
            "failures": list(self.failures),
            "mismatches": [m.__dict__ for m in self.mismatches],
        }


def _context(narrative: Narrative, name: str) -> str:
    fact = narrative.facts.get(name)
    if fact is not None and fact.span.sentence:
        return fact.span.sentence
    pattern = _FIELD_WORDS.get(name)
    if pattern:
        found = re.search(pattern, narrative.text, re.IGNORECASE)
        if found:
            start = max(0, found.start() - 120)
            return " ".join(narrative.text[start : found.end() + 160].split())
    return " ".join(narrative.text[:200].split())


def _claim_key(name: str) -> str:
    return "years" if name == "consecutive_year_claims" else "year"


def _gold(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            f"{path}: gold annotation is not readable JSON",
            [
                Problem(
                    ProblemCode.BAD_GOLD_FILE,
                    f"{exc}; expected a JSON object in the annotation schema",
                    location=Location(file=str(path)),
                )
            ],
        ) from exc
    missing = [name for name in (*SCALAR_FIELDS, *CLAIM_FIELDS) if name not in data]
    if missing:
        raise InputError(
            f"{path}: gold annotation lacks fields",
            [
                Problem(
                    ProblemCode.BAD_GOLD_FILE,
                    f"missing field {m!r}",
                    location=Location(file=str(path), field=m),
                )
                for m in missing
            ],
        )
    return dict(data)


def gold_pairs(directory: Path) -> Iterator[tuple[Path, Path]]:
    for text_path in sorted(directory.glob("*.txt")):
        gold_path = text_path.with_suffix(".json")
        if gold_path.exists():
            yield text_path, gold_path


def evaluate(directory: Path, *, on_item: Callable[[str], None] | None = None) -> Evaluation:
    """Read every ``.txt`` in ``directory`` that has a ``.json`` beside it and score the result."""
    if not directory.is_dir():
        raise InputError(
            f"{directory}: not a directory",
            [
                Problem(
                    ProblemCode.NOT_A_DIRECTORY,
                    "expected a folder of <stem>.txt and <stem>.json files",
                    location=Location(file=str(directory)),
                )
            ],
        )
    result = Evaluation()
    for text_path, gold_path in gold_pairs(directory):
        gold = _gold(gold_path)
        try:
            narrative = read_narrative(
                decode_utf8(text_path.read_bytes(), text_path.name), file=text_path.name
            )
        except InputError as exc:  # scored as "read nothing": every value null
            result.failures.append(f"{text_path.name}: {exc.summary}")
            narrative = Narrative(text="", file=text_path.name)
        result.items += 1
        for name in (*SCALAR_FIELDS, *CLAIM_FIELDS):
            _score_field(result, text_path.stem, name, narrative, gold)
        if on_item is not None:
            on_item(text_path.name)
    if not result.items:
        raise InputError(
            f"{directory}: no annotated narratives",
            [
                Problem(
                    ProblemCode.NO_GOLD_FILES,
                    "found no <stem>.txt with a <stem>.json beside it",
                    location=Location(file=str(directory)),
                )
            ],
        )
    return result


def _score_field(
    result: Evaluation, stem: str, name: str, narrative: Narrative, gold: dict[str, Any]
) -> None:
    """Score one field of one narrative against its gold annotation, into ``result``."""
    score = result.scores.setdefault(name, FieldScore())
    if name in CLAIM_FIELDS:
        key = _claim_key(name)
        got: Any = sorted(c.number for c in getattr(narrative, name))
        expected: Any = sorted(int(c[key]) for c in gold[name])
        texts = {c.text for c in getattr(narrative, name)}
        for claim in gold[name]:
            result.claim_texts_total += 1
            result.claim_texts_exact += claim["text"] in texts
    else:
        got, expected = narrative.value(name), gold[name]
        fact = narrative.facts.get(name)
        if fact is not None and fact.value is not None:
            result.spans_checked += 1
            result.spans_supported += span_supports(name, fact.value, fact.span.text)
    score.total += 1
    score.right += got == expected
    has_got = got not in (None, [])
    has_expected = expected not in (None, [])
    score.predicted_values += has_got
    score.gold_values += has_expected
    score.both_values += has_got and has_expected
    if got != expected:
        result.mismatches.append(Mismatch(stem, name, expected, got, _context(narrative, name)))
