"""Any text, however mangled, is either read or refused with an InputError — never a crash — and every
span the reader returns is a true slice of the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tipwatch.problems import InputError
from tipwatch.reader import read_narrative

PIECES = [
    "The Government of Peru", " does not fully meet the minimum standards", " is making significant efforts", ";", ".",
    " therefore Peru remained on Tier 2 Watch List", " for the third consecutive year", " since 2019", " did not",
    " investigate", " any", " no", " 1,034", " twenty-one", " victims", " traffickers", " identified", " convicted",
    "\n", "\u00a0", "•", " PRIORITIZED RECOMMENDATIONS:", "\nIncrease efforts", " (Tier 3)", "PERU: Tier 1", " never",
    " a", " cases of labor trafficking", " compared with", " In 2010,", "’", "†", " Special Case",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40))
def test_reader_never_crashes(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        narrative = read_narrative(text)
    except InputError as exc:
        assert exc.problems and exc.problems[0].code in ("empty-input", "not-a-narrative")
        return
    for fact in narrative.facts.values():
        span = fact.span
        if span.source == "text":
            assert span.start is not None and span.end is not None
            assert text[span.start : span.end] == span.text
    for claim in narrative.consecutive_year_claims + narrative.since_year_claims:
        assert text[claim.span.start : claim.span.end] == claim.text  # type: ignore[misc]
