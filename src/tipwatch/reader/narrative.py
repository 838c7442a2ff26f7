"""Read one country narrative: every field of the annotation schema with its source span."""

from __future__ import annotations

import re

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reader.claims import read_consecutive_claims, read_since_claims
from tipwatch.reader.counts import read_counts
from tipwatch.reader.identity import find_heading, read_jurisdiction, read_report_year
from tipwatch.reader.model import Fact, Narrative, Span
from tipwatch.reader.placement import read_placement
from tipwatch.reader.recommendations import read_recommendations
from tipwatch.reader.sentences import split_sentences

_NARRATIVE_MARK = re.compile(
    r"[Tt]raffick|[Mm]inimum[\s\u00a0]+[Ss]tandards|T(?:ier|IER)[\s\u00a0]*[123]|S(?:pecial|PECIAL)[\s\u00a0]+C(?:ase|ASE)"
)


_PROFILE = re.compile(
    r"\bis[\s\u00a0]+(?:primarily[\s\u00a0]+|principally[\s\u00a0]+|mainly[\s\u00a0]+)?an?[\s\u00a0]+(?:source|transit|destination)\b"
    r"|traffickers[\s\u00a0]+(?:exploit|have[\s\u00a0]+exploited|subject)[\s\u00a0]+(?:domestic|foreign)"
    r"|\btrafficking[\s\u00a0]+profile\b",
    re.IGNORECASE,
)


def not_a_narrative(file: str | None, reason: str) -> InputError:
    return InputError(
        f"{file or '<text>'}: not a TIP country narrative",
        [
            Problem(
                ProblemCode.NOT_A_NARRATIVE,
                f"{reason}; expected a TIP Report country narrative (a tier or minimum-standards finding, or a "
                "trafficking profile). Check that this is the right file.",
                location=Location(file=file),
            )
        ],
    )


def read_narrative(
    text: str,
    *,
    file: str | None = None,
    title: str | None = None,
    year: int | None = None,
    jurisdiction: str | None = None,
) -> Narrative:
    """Read the facts of one narrative. ``title`` is a page title or report label (a source of the year);
    ``year`` and ``jurisdiction`` override what the text says.

    Raises :class:`InputError` (code ``not-a-narrative`` or ``empty-input``) for text that is not one."""
    if not text.strip():
        raise InputError(
            f"{file or '<text>'}: empty input",
            [
                Problem(
                    ProblemCode.EMPTY_INPUT,
                    "received no text; expected a country narrative",
                    location=Location(file=file),
                )
            ],
        )
    if sum(1 for _, _ in zip(_NARRATIVE_MARK.finditer(text, 0, 20000), range(2), strict=False)) < 2:
        raise not_a_narrative(file, "found no tier, minimum-standards or trafficking wording")
    sentences = split_sentences(text)
    heading = find_heading(text)
    narrative = Narrative(text=text, file=file)
    facts = narrative.facts
    found_jurisdiction = read_jurisdiction(text, sentences, heading)
    if jurisdiction is not None:
        facts["jurisdiction"] = Fact(jurisdiction, Span(None, None, jurisdiction, "", source="option"))
    elif found_jurisdiction is not None:
        facts["jurisdiction"] = found_jurisdiction
    found_year = read_report_year(text, sentences, heading, file, title)
    if year is not None:
        facts["report_year"] = Fact(year, Span(None, None, str(year), "", source="option"))
    elif found_year is not None:
        facts["report_year"] = found_year
    placement = read_placement(text, sentences, heading)
    if not placement and not _PROFILE.search(text):
        raise not_a_narrative(
            file,
            'found no tier, no minimum-standards finding and no trafficking profile ("X is a source … country")',
        )
    facts.update(placement)
    facts.update(read_counts(text, sentences, narrative.value("report_year")))
    narrative.consecutive_year_claims = read_consecutive_claims(text, sentences)
    narrative.since_year_claims = read_since_claims(text, sentences)
    summary_end = max((f.span.end or 0) for f in placement.values()) if placement else 0
    narrative.recommendations = read_recommendations(text, summary_end)
    return narrative
