"""Sentence segmentation with offsets, and number words/ordinals (hypothesis round trips)."""

from __future__ import annotations

import itertools

from bench.synthetic_narratives import words
from hypothesis import given
from hypothesis import strategies as st

from tipwatch.reader.numbers import parse_number, parse_ordinal
from tipwatch.reader.sentences import split_sentences


@given(st.integers(0, 999))
def test_number_words_and_digits_round_trip(n: int) -> None:
    assert parse_number(words(n, " and ")) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(words(n, " and ").upper()) == n


@given(st.integers(1, 99))
def test_ordinals_as_numerals(n: int) -> None:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    assert parse_ordinal(f"{n}{suffix}") == n


def test_ordinal_words() -> None:
    assert [parse_ordinal(w) for w in ("second", "fourth", "nineteenth", "twenty-first", "Tenth")] == [
        2,
        4,
        19,
        21,
        10,
    ]
    assert parse_number("1,034") == 1034 and parse_number("several") is None


def test_sentences_respect_abbreviations_and_glued_items() -> None:
    text = (
        "CHAD (Tier 2 Watch List) Extracted from the U.S. State Dept 2020 TIP Report\n\n"
        "On Jan. 10, 2019, the term ended. Officials investigated no crimes; it did not identify victims. "
        "Train police.Develop procedures.\n  • Increase efforts."
    )
    sentences = split_sentences(text)
    found = [text[s:e] for s, e in sentences.all()]
    assert found == [
        "CHAD (Tier 2 Watch List) Extracted from the U.S. State Dept 2020 TIP Report",
        "On Jan. 10, 2019, the term ended.",
        "Officials investigated no crimes; it did not identify victims.",
        "Train police.",
        "Develop procedures.",
        "Increase efforts.",
    ]
    offset = text.index("identify")
    assert sentences.sentence_at(offset) == "Officials investigated no crimes; it did not identify victims."


@given(
    st.lists(
        st.sampled_from(
            ["The government acted.", "Dr. Smith spoke.", "It rose by 5.5 percent.", "\n", "• Train police."]
        ),
        max_size=30,
    )
)
def test_sentence_spans_are_slices_of_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    sentences = split_sentences(text)
    spans = sentences.all()
    assert all(text[s:e] == text[s:e].strip() and e > s for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for start, end in spans:
        assert sentences.at(start) == (start, end)  # the lazy lookup agrees with a full segmentation
