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
from tipwatch.problem_codes import ProblemCode
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
                    ProblemCode.PLACEMENT_IN_EVIDENCE,
                    f"received {match.group(0)!r}, a placement sentence; expected only facts: "
                    "set the tier and the verdict sentences aside",
                    location=Location(file=str(path), line=number),
                )
            )
    return found


_COLUMNS = ("file", "jurisdiction", "report_year", "tier")


def _index_rows(index: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of ``published.csv`` with their line numbers; the columns are checked first."""
    if not index.is_file():
        raise InputError(
            f"{index}: no calibration index; expected {INDEX} with columns {', '.join(_COLUMNS)}",
            [
                Problem(
                    ProblemCode.MISSING_CALIBRATION_INDEX,
                    f"no file {index}",
                    location=Location(file=str(index)),
                )
            ],
        )
    with index.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(
                f"{index}: missing column(s) {', '.join(missing)}",
                [
                    Problem(
                        ProblemCode.BAD_CALIBRATION_INDEX,
                        f"received columns {', '.join(reader.fieldnames or []) or 'none'}; expected "
                        f"{', '.join(_COLUMNS)}",
                        location=Location(file=str(index), line=1, field=column),
                    )
                    for column in missing
                ],
            )
        return list(enumerate(reader, 2))


def _row(
    directory: Path, index: Path, line: int, entry: dict[str, str], rubric: Policy
) -> CalibrationRow | list[Problem]:
    """One calibration row, or the problems that keep it from being assessed."""
    where = Location(file=str(index), line=line)
    try:
        published, year = Tier(entry["tier"]), int(entry["report_year"])
    except ValueError as exc:
        return [
            Problem(
                ProblemCode.BAD_CALIBRATION_ROW,
                f"{exc}; expected a tier (1, 2, 2WL, 3) and a year",
                location=where,
            )
        ]
    path = directory / entry["file"]
    try:
        evidence = load_evidence(path)
    except InputError as exc:
        return list(exc.problems) or [
            Problem(ProblemCode.UNREADABLE_EVIDENCE, exc.summary, location=Location(file=str(path)))
        ]
    if leaks := _leaks(path):
        return leaks
    if (evidence.jurisdiction, evidence.report_year) != (entry["jurisdiction"], year):
        return [
            Problem(
                ProblemCode.CALIBRATION_MISMATCH,
                f"received {evidence.jurisdiction} {evidence.report_year} in {path.name}; expected "
                f"{entry['jurisdiction']} {year} as {INDEX} says",
                location=where,
            )
        ]
    engine = assess(evidence, policy=rubric).tier
    return CalibrationRow(evidence.jurisdiction, evidence.report_year, published, engine, path.name)


def calibrate(directory: Path | None = None, policy: Policy | Path | str | None = None) -> Calibration:
    """Assess every evidence file listed in ``published.csv`` and compare with the published tier;
    raise :class:`InputError` with every problem of the set (file and line) if any."""
    directory = directory or CALIBRATION_DIR
    rubric = policy if isinstance(policy, Policy) else load_policy(policy)
    index = directory / INDEX
    rows: list[CalibrationRow] = []
    problems: list[Problem] = []
    for line, entry in _index_rows(index):
        found = _row(directory, index, line, entry, rubric)
        if isinstance(found, CalibrationRow):
            rows.append(found)
        else:
            problems += found
    if problems:
        raise InputError(f"{directory}: {len(problems)} problem(s) in the calibration set", problems)
    return Calibration(sorted(rows, key=lambda r: (r.jurisdiction, r.report_year)), rubric.label)
