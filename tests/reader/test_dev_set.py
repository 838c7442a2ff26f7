"""The reader against the hand-annotated dev set (tests/data/narratives/dev): the "Done when" bar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipwatch.reader import COUNT_FIELDS, read_narrative
from tipwatch.reader.evaluate import span_supports

DEV = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev"
STEMS = sorted(p.stem for p in DEV.glob("*.txt"))


def _read(stem: str) -> tuple[dict[str, object], object]:
    gold = json.loads((DEV / f"{stem}.json").read_text(encoding="utf-8"))
    text = (DEV / f"{stem}.txt").read_text(encoding="utf-8")
    return gold, read_narrative(text, file=f"{stem}.txt")


def test_dev_set_has_31_items() -> None:
    assert len(STEMS) == 31


@pytest.mark.parametrize("stem", STEMS)
def test_tier_movement_and_judgments_exact(stem: str) -> None:
    gold, narrative = _read(stem)
    for name in ("tier", "movement", "fully_meets_minimum_standards", "making_significant_efforts"):
        assert narrative.value(name) == gold[name], name  # type: ignore[attr-defined]


def test_counts_at_least_95_percent_exact() -> None:
    right = total = 0
    for stem in STEMS:
        gold, narrative = _read(stem)
        for name in COUNT_FIELDS:
            total += 1
            right += narrative.value(name) == gold[name]  # type: ignore[attr-defined]
    assert right / total >= 0.95, f"{right}/{total}"


@pytest.mark.parametrize("stem", STEMS)
def test_every_value_has_a_span_containing_it(stem: str) -> None:
    _, narrative = _read(stem)
    for name, fact in narrative.facts.items():  # type: ignore[attr-defined]
        if fact.value is None:
            continue
        span = fact.span
        if span.source == "text":
            assert narrative.text[span.start : span.end] == span.text  # type: ignore[attr-defined]
            assert span.text in span.sentence or span.sentence in span.text
        assert span_supports(name, fact.value, span.text), (name, fact.value, span.text)
    for claim in narrative.consecutive_year_claims + narrative.since_year_claims:  # type: ignore[attr-defined]
        assert narrative.text[claim.span.start : claim.span.end] == claim.text  # type: ignore[attr-defined]


@pytest.mark.parametrize("stem", STEMS)
def test_claims_match_gold(stem: str) -> None:
    gold, narrative = _read(stem)
    for name, key in (("consecutive_year_claims", "years"), ("since_year_claims", "year")):
        expected = sorted(c[key] for c in gold[name])  # type: ignore[attr-defined]
        assert sorted(c.number for c in getattr(narrative, name)) == expected
