"""The Tier 2 Watch List audit: the record checked against the Watch List limits of 22 U.S.C.
7107(b)(2) as in force for each report year.

The limits come from the law versions (``tipwatch.law``), never from constants here: whether the list
exists, after how many consecutive counted years the automatic downgrade to Tier 3 applies
((b)(2)(D)(i)), from which report year years count, how many waiver years the President may add
((b)(2)(D)(ii)), and how long a country automatically downgraded before may stay on the list again
((b)(2)(F)). Each year is judged by the version in force for that year.

Gaps: a run is cut at an unknown year. The audit is run a second time with every unknown year next to a
Watch List placement taken as a Watch List year; a finding that only appears then is reported as
uncertain, naming the unknown years it depends on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tipwatch.evidence import Tier
from tipwatch.history.record import TierRecord
from tipwatch.law import LawVersion, law_for_report_year


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """A year in which the record does not fit the Watch List rules then in force."""

    code: str
    jurisdiction: str
    iso3: str
    years: tuple[int, ...]
    rule: str
    subsection: str
    law_version: str
    message: str
    certain: bool = True
    unknown_years: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "jurisdiction": self.jurisdiction,
            "iso3": self.iso3,
            "years": list(self.years),
            "rule": self.rule,
            "subsection": self.subsection,
            "law_version": self.law_version,
            "message": self.message,
            "certain": self.certain,
            "unknown_years": list(self.unknown_years),
        }


@dataclass(frozen=True, slots=True)
class WatchListRun:
    """Consecutive report years on the Tier 2 Watch List."""

    jurisdiction: str
    iso3: str
    start: int
    end: int
    length_is_minimum: bool
    counted_years: tuple[int, ...]
    waiver_years: tuple[int, ...]
    automatic_downgrade_year: int | None
    next_tier: Tier | None
    outcome: str
    notes: tuple[str, ...] = field(default=())

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def to_dict(self) -> dict[str, object]:
        return {
            "jurisdiction": self.jurisdiction,
            "iso3": self.iso3,
            "start": self.start,
            "end": self.end,
            "length": self.length,
            "length_is_minimum": self.length_is_minimum,
            "counted_years": list(self.counted_years),
            "waiver_years": list(self.waiver_years),
            "automatic_downgrade_year": self.automatic_downgrade_year,
            "next_tier": self.next_tier.value if self.next_tier else None,
            "outcome": self.outcome,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class AuditReport:
    runs: list[WatchListRun]
    findings: list[AuditFinding]
    law_versions: list[str]  # the versions applied, oldest first

    def to_dict(self) -> dict[str, object]:
        return {
            "law_versions": self.law_versions,
            "runs": [run.to_dict() for run in self.runs],
            "findings": [finding.to_dict() for finding in self.findings],
        }


LawLookup = Callable[[int], LawVersion]


@dataclass
class _Sequence:
    """One jurisdiction's tiers by year, as audited (possibly with unknown years filled in)."""

    name: str
    iso3: str
    tiers: dict[int, Tier]
    unknown: set[int]
    latest_year: int


def _outcome(next_tier: Tier | None, next_unknown: bool, exhausted: bool) -> str:
    if next_tier is None:
        return "unknown-next-year" if next_unknown else "ongoing"
    if next_tier is Tier.TIER_3:
        return "downgraded-automatically" if exhausted else "downgraded"
    if next_tier is Tier.SPECIAL:
        return "special-case"
    return "upgraded"


@dataclass
class _Breach:
    code: str
    parameter: str
    law: LawVersion
    years: list[int]
    detail: str


def _findings_of(seq: _Sequence, breaches: list[_Breach]) -> list[AuditFinding]:
    found = []
    for breach in breaches:
        cited = getattr(breach.law.parameters, breach.parameter)
        span = ", ".join(map(str, breach.years))
        found.append(
            AuditFinding(
                breach.code,
                seq.name,
                seq.iso3,
                tuple(breach.years),
                breach.parameter,
                cited.reference,
                breach.law.id,
                f"on the Tier 2 Watch List in {span}: {breach.detail} ({breach.law.id}, {cited.reference})",
            )
        )
    return found


def _add_breach(
    breaches: dict[tuple[str, str], _Breach],
    code: str,
    parameter: str,
    law: LawVersion,
    year: int,
    detail: str,
) -> None:
    """Record a breach; breaches of one rule under one law version in one run become one finding."""
    key = (code, law.id)
    if key in breaches:
        breaches[key].years.append(year)
    else:
        breaches[key] = _Breach(code, parameter, law, [year], detail)


def _all_tier_3(seq: _Sequence, first: int, last: int) -> bool:
    return all(seq.tiers.get(year) is Tier.TIER_3 for year in range(first, last + 1))


def _audit_sequence(seq: _Sequence, law_for: LawLookup) -> tuple[list[WatchListRun], list[AuditFinding]]:
    runs: list[WatchListRun] = []
    findings: list[AuditFinding] = []
    years = sorted(y for y, t in seq.tiers.items() if t is Tier.WATCH_LIST)
    groups: list[list[int]] = []
    for year in years:
        if groups and year == groups[-1][-1] + 1:
            groups[-1].append(year)
        else:
            groups.append([year])
    downgrade_year: int | None = None

    for group in groups:
        counted: list[int] = []
        waivers: list[int] = []
        notes: list[str] = []
        breaches: dict[tuple[str, str], _Breach] = {}
        reinstated = downgrade_year is not None and _all_tier_3(seq, downgrade_year, group[0] - 1)

        for position, year in enumerate(group, start=1):
            law = law_for(year)
            rules = law.parameters
            if not rules.watch_list_exists.value:
                _add_breach(
                    breaches,
                    "watch-list-before-law",
                    "watch_list_exists",
                    law,
                    year,
                    "the law then in force had no special watch list",
                )
                continue
            start_counting = rules.watch_list_years_counted_from.value
            if start_counting is not None and year >= start_counting:
                counted.append(year)
            limit = rules.automatic_downgrade_after_years.value
            if limit is not None and len(counted) > limit:
                waivers.append(year)
                allowed = rules.waiver_max_years.value or 0
                if len(counted) - limit > allowed:
                    _add_breach(
                        breaches,
                        "watch-list-beyond-waiver",
                        "waiver_max_years",
                        law,
                        year,
                        f"more than {limit} consecutive counted years plus at most {allowed} waiver year(s); "
                        f"the law requires Tier 3 (run from {group[0]})",
                    )
            after_downgrade = rules.max_watch_list_years_after_downgrade.value
            if reinstated and after_downgrade is not None and position > after_downgrade:
                _add_breach(
                    breaches,
                    "watch-list-after-downgrade",
                    "max_watch_list_years_after_downgrade",
                    law,
                    year,
                    f"reinstated on the Watch List (run from {group[0]}) after the automatic downgrade of "
                    f"{downgrade_year}, it may stay for at most {after_downgrade} consecutive year(s)",
                )
        findings += _findings_of(seq, list(breaches.values()))
        next_year = group[-1] + 1
        next_tier = seq.tiers.get(next_year)
        next_unknown = next_tier is None and (next_year in seq.unknown or next_year <= seq.latest_year)
        law_next = law_for(min(next_year, seq.latest_year))
        limit_next = law_next.parameters.automatic_downgrade_after_years.value
        exhausted = limit_next is not None and len(counted) >= limit_next
        outcome = _outcome(next_tier, next_unknown, exhausted)
        downgrade_year = next_year if outcome == "downgraded-automatically" else None
        if group[0] - 1 in seq.unknown:
            notes.append(f"{group[0] - 1} is unknown: the run may have started earlier")
        if outcome == "unknown-next-year" and exhausted:
            notes.append(f"{next_year} is unknown: whether the automatic downgrade applied cannot be told")
        runs.append(
            WatchListRun(
                jurisdiction=seq.name,
                iso3=seq.iso3,
                start=group[0],
                end=group[-1],
                length_is_minimum=group[0] - 1 in seq.unknown,
                counted_years=tuple(counted),
                waiver_years=tuple(waivers),
                automatic_downgrade_year=downgrade_year,
                next_tier=next_tier,
                outcome=outcome,
                notes=tuple(notes),
            )
        )
    return runs, findings


def _filled(seq: _Sequence) -> tuple[_Sequence, set[int]]:
    """The sequence with every unknown year that touches a Watch List placement (directly or through
    other unknown years) taken as a Watch List year."""
    tiers = dict(seq.tiers)
    filled: set[int] = set()
    changed = True
    while changed:
        changed = False
        for year in sorted(seq.unknown - filled):
            if Tier.WATCH_LIST in (tiers.get(year - 1), tiers.get(year + 1)):
                tiers[year] = Tier.WATCH_LIST
                filled.add(year)
                changed = True
    return _Sequence(seq.name, seq.iso3, tiers, seq.unknown - filled, seq.latest_year), filled


def _unknown_years_behind(
    finding: AuditFinding, runs: list[WatchListRun], filled: set[int]
) -> tuple[int, ...]:
    """The filled-in years a finding of the alternative pass rests on: those of its own run, or (for a
    finding about a reinstatement) those of the runs before it."""
    run = next(r for r in runs if r.start <= finding.years[0] <= r.end)
    own = tuple(sorted(y for y in filled if run.start <= y <= finding.years[-1]))
    return own or tuple(sorted(y for y in filled if y < run.start))


def audit_jurisdiction(
    seq_tiers: dict[int, Tier], unknown: set[int], name: str, iso3: str, latest_year: int, law_for: LawLookup
) -> tuple[list[WatchListRun], list[AuditFinding]]:
    """Audit one jurisdiction's tiers by report year; ``unknown`` are the years the record lacks."""
    seq = _Sequence(name, iso3, dict(seq_tiers), set(unknown), latest_year)
    runs, findings = _audit_sequence(seq, law_for)
    alternative, filled = _filled(seq)
    if filled:
        certain: dict[str, set[int]] = {}
        for known in findings:
            certain.setdefault(known.code, set()).update(known.years)
        alternative_runs, possible = _audit_sequence(alternative, law_for)
        for candidate in possible:
            extra = tuple(y for y in candidate.years if y not in certain.get(candidate.code, set()))
            if not extra:
                continue
            near = _unknown_years_behind(candidate, alternative_runs, filled)
            findings.append(
                AuditFinding(
                    candidate.code,
                    candidate.jurisdiction,
                    candidate.iso3,
                    extra,
                    candidate.rule,
                    candidate.subsection,
                    candidate.law_version,
                    f"uncertain: only if the unknown year(s) {', '.join(map(str, near))} were on the Watch List; "
                    + candidate.message,
                    certain=False,
                    unknown_years=near,
                )
            )
    return runs, sorted(findings, key=lambda f: (f.years, not f.certain))


def watchlist_audit(record: TierRecord, versions: tuple[LawVersion, ...] | None = None) -> AuditReport:
    """Every Watch List run in the record and every year that does not fit the law then in force."""
    cache: dict[int, LawVersion] = {}

    def law_for(year: int) -> LawVersion:
        if year not in cache:
            cache[year] = law_for_report_year(year, versions)
        return cache[year]

    runs: list[WatchListRun] = []
    findings: list[AuditFinding] = []
    for jurisdiction in record.jurisdictions():
        own = record.of(jurisdiction.iso3)
        tiers = {p.report_year: p.tier for p in own}
        unknown = {
            y for y in range(record.first_year, record.latest_year + 1) if record.is_gap(jurisdiction.iso3, y)
        }
        found_runs, found = audit_jurisdiction(
            tiers, unknown, jurisdiction.name, jurisdiction.iso3, record.latest_year, law_for
        )
        runs += found_runs
        findings += found
    applied = sorted(
        {law.id: law.first_report_year for law in cache.values()}.items(), key=lambda item: item[1]
    )
    return AuditReport(runs, findings, [law_id for law_id, _ in applied])
