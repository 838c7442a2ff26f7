"""``tipwatch read --assess`` and ``/api/read/assess``: assess a narrative. The reader reads it (text,
HTML or a one-narrative PDF), the reader's one converter turns its facts into evidence that cites the
narrative (file, character span, sentence), and the engine assesses that evidence under the law in force
for the report year. No database: the narrative is the whole input."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tipwatch.assess import Assessment, assess
from tipwatch.evidence import Evidence, evidence_to_data
from tipwatch.reader import Narrative, read_narrative
from tipwatch.reader.evidence import narrative_evidence
from tipwatch.reply.narrative import read_narrative_file


@dataclass(frozen=True, slots=True)
class NarrativeAssessment:
    """A narrative, the evidence read from it and the assessment of that evidence."""

    narrative: Narrative
    evidence: Evidence
    assessment: Assessment

    def to_dict(self) -> dict[str, object]:
        return {
            "narrative": self.narrative.to_dict(),
            "evidence": evidence_to_data(self.evidence),
            "assessment": self.assessment.to_json_data(),
        }


def assess_narrative(
    narrative: Path | str,
    *,
    file: str | None = None,
    year: int | None = None,
    jurisdiction: str | None = None,
    law_version: str | None = None,
) -> NarrativeAssessment:
    """Read a narrative (a file's path, or its text named ``file``), turn its facts into evidence and
    assess it. ``year`` and ``jurisdiction`` override what the text says; without either the narrative
    cannot be assessed (an :class:`~tipwatch.problems.InputError` naming the missing field)."""
    if isinstance(narrative, Path):
        read = read_narrative_file(narrative, year=year, jurisdiction=jurisdiction)
    else:
        read = read_narrative(narrative, file=file, year=year, jurisdiction=jurisdiction)
    evidence = narrative_evidence(read)
    return NarrativeAssessment(read, evidence, assess(evidence, law_version))
