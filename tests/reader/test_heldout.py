"""Held-out check: sentences composed in the report's style for jurisdictions and years outside the dev
set (tests/data/narratives/heldout/cases.yaml). The reader was not tuned on them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tipwatch.reader import read_narrative
from tipwatch.reader.evaluate import span_supports

CASES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data" / "narratives" / "heldout" / "cases.yaml").read_text()
)


@pytest.mark.parametrize("case", CASES, ids=[c["text"].split("\n")[0][:40] for c in CASES])
def test_heldout_case(case: dict[str, Any]) -> None:
    narrative = read_narrative(case["text"], year=case.get("year"))
    for name, expected in case["expect"].items():
        if name in ("consecutive_year_claims", "since_year_claims"):
            assert [c.number for c in getattr(narrative, name)] == expected, name
        else:
            assert narrative.value(name) == expected, name
    for name, fact in narrative.facts.items():
        if fact.value is not None and fact.span.source == "text":
            assert narrative.text[fact.span.start : fact.span.end] == fact.span.text
            assert span_supports(name, fact.value, fact.span.text), (name, fact.value, fact.span.text)
