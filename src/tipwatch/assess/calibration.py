"""Calibration: the engine's tier against the published tier for real jurisdiction-years.

The bundled calibration set (``data/calibration/``) holds evidence files built by hand from TIP Report
narratives of jurisdictions other than Macau, with the placement sentences set aside, and
``published.csv``, the tier each report published. :func:`calibrate` assesses every file under the rubric
and reports, row by row, whether the engine's tier is the published one. An evidence file that quotes a
placement sentence (a tier, "fully meets", "significant efforts") is refused: the engine must not read
its answer.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from tipwatch.assess.engine import assess
from tipwatch.assess.policy import Policy, load_policy
from tipwatch.evidence import Tier, load_evidence
from tipwatch.problems import InputError, Location, Problem

CALIBRATION_DIR = Path(__file__).resolve().parents[1] / "data" / "calibration"
INDEX = "published.csv"
_VERDICT = re.compile(
    r"\bTier[\s\u00a0]*[123]\b|Watch[\s\u00a0]*List|fully (?:meets?|compl)|significant[\s\u00a0]+efforts|"
    r"increasing efforts compared|granted a waiver",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CalibrationRow:
    jurisdiction: str
    report_year: int
    published: Tier
    engine: Tier
    file: str

    @property
    def agrees(self) -> bool:
        return self.published == self.engine


@dataclass(frozen=True)
class Calibration:
    rows: list[CalibrationRow]
    policy_version: str

    @property
    def agreed(self) -> int:
        return sum(row.agrees for row in self.rows)

    @property
    def agreement(self) -> float:
        return self.agreed / len(self.rows) if self.rows else 0.0


def _leaks(path: Path) -> list[Problem]:
    """Lines of an evidence file that state the placement it is meant to predict."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith("#") or "tier:" in line:
            continue  # comments, and prior placements (earlier reports' tiers are evidence)
        if match := _VERDICT.search(line):
            found.append(
                Problem(
                    "placement-in-evidence",
                    f"received {match.group(0)!r}, a placement sentence; expected only facts: "
                    "set the tier and the verdict sentences aside",
                    location=Location(file=str(path), line=number),
                )
            )
    return found


def calibrate(directory: Path | None = None, policy: Policy | Path | str | None = None) -> Calibration:
    """Assess every evidence file listed in ``published.csv`` and compare with the published tier."""
    directory = directory or CALIBRATION_DIR
    rubric = policy if isinstance(policy, Policy) else load_policy(policy)
    index = directory / INDEX
    if not index.is_file():
        raise InputError(
            f"{index}: no calibration index; expected {INDEX} with file, jurisdiction, report_year, tier"
        )
    rows: list[CalibrationRow] = []
    problems: list[Problem] = []
    with index.open(encoding="utf-8", newline="") as handle:
        for line, entry in enumerate(csv.DictReader(handle), 2):
            path = directory / entry["file"]
            try:
                published = Tier(entry["tier"])
                evidence = load_evidence(path)
            except ValueError as exc:
                problems.append(
                    Problem("bad-calibration-row", str(exc), location=Location(file=str(index), line=line))
                )
                continue
            except InputError as exc:
                problems += exc.problems or [
                    Problem("unreadable-evidence", exc.summary, location=Location(file=str(path)))
                ]
                continue
            problems += _leaks(path)
            if (evidence.jurisdiction, evidence.report_year) != (
                entry["jurisdiction"],
                int(entry["report_year"]),
            ):
                problems.append(
                    Problem(
                        "calibration-mismatch",
                        f"received {evidence.jurisdiction} {evidence.report_year} in {path.name}; expected "
                        f"{entry['jurisdiction']} {entry['report_year']} as {INDEX} says",
                        location=Location(file=str(index), line=line),
                    )
                )
                continue
            result = assess(evidence, policy=rubric)
            rows.append(
                CalibrationRow(evidence.jurisdiction, evidence.report_year, published, result.tier, path.name)
            )
    if problems:
        raise InputError(f"{directory}: {len(problems)} problem(s) in the calibration set", problems)
    return Calibration(sorted(rows, key=lambda r: (r.jurisdiction, r.report_year)), rubric.label)
