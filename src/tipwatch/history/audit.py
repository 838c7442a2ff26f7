"""The Tier 2 Watch List audit: the record checked against the Watch List limits of 22 U.S.C.
7107(b)(2) as in force for each report year.

The limits come from the law versions (``tipwatch.law``), never from constants here: whether the list
exists, after how many consecutive counted years the automatic downgrade to Tier 3 applies
((b)(2)(D)(i)), from which report year years count, how many waiver years the President may add
((b)(2)(D)(ii)), and how long a country automatically downgraded before may stay on the list again
((b)(2)(F)). Each year is judged by the version in force for that year.

Readings: (F) is read more than one way (``law/readings.yaml``). The audit applies every named reading
with the rules shared with the engine (``tipwatch.law.watch_list``): a finding that holds under all of
them is ``certain``, one that holds under some only is ``disputed`` and names them. A Tier 3 placement
right after enough counted Watch List years is an automatic downgrade unless the report places it on the
merits (``history/tier3_bases.yaml``).

Gaps: a run is cut at an unknown year. The audit is run a second time with every unknown year next to a
Watch List placement taken as a Watch List year; a finding that only appears then is reported as
uncertain, naming the unknown years it depends on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tipwatch.evidence import Tier
from tipwatch.history.audit_results import AuditFinding, AuditReport, Strength, WatchListRun
from tipwatch.history.bases import bundled_merits_placements
from tipwatch.history.record import TierRecord
from tipwatch.law import LawVersion, law_for_report_year
from tipwatch.law.readings import LIMIT_AFTER_DOWNGRADE, Reading, ReadRule, read_rule
from tipwatch.law.watch_list import LawLookup, Tier3Basis, downgrade_before, tier3_basis


@dataclass
class _Sequence:
    """One jurisdiction's tiers by year, as audited (possibly with unknown years filled in)."""

    name: str
    iso3: str
    tiers: dict[int, Tier]
    unknown: set[int]
    latest_year: int
    merits: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Hit:
    """One year that breaks one rule under one reading; ``since`` is the first year it depends on."""

    code: str
    parameter: str
    law: LawVersion
    year: int
    detail: str
    since: int


def _outcome(next_tier: Tier | None, next_unknown: bool, basis: Tier3Basis | None) -> str:
    if next_tier is None:
        return "unknown-next-year" if next_unknown else "ongoing"
    if next_tier is Tier.TIER_3:
        return {
            Tier3Basis.AUTOMATIC: "downgraded-automatically",
            Tier3Basis.MERITS: "downgraded-on-the-merits",
        }.get(basis or Tier3Basis.NOT_AFTER_WATCH_LIST, "downgraded")
    if next_tier is Tier.SPECIAL:
        return "special-case"
    return "upgraded"


def _groups(seq: _Sequence) -> list[list[int]]:
    groups: list[list[int]] = []
    for year in sorted(y for y, t in seq.tiers.items() if t is Tier.WATCH_LIST):
        if groups and year == groups[-1][-1] + 1:
            groups[-1].append(year)
        else:
            groups.append([year])
    return groups


def _audit_sequence(
    seq: _Sequence, law_for: LawLookup, reading: Reading
) -> tuple[list[WatchListRun], list[_Hit]]:
    runs: list[WatchListRun] = []
    hits: list[_Hit] = []
    for group in _groups(seq):
        counted: list[int] = []
        waivers: list[int] = []
        for position, year in enumerate(group, start=1):
            hits += _year_hits(seq, group, position, year, law_for, reading, counted, waivers)
        runs.append(_run(seq, group, law_for, counted, waivers))
    return runs, hits


def _year_hits(
    seq: _Sequence,
    group: list[int],
    position: int,
    year: int,
    law_for: LawLookup,
    reading: Reading,
    counted: list[int],
    waivers: list[int],
) -> list[_Hit]:
    """What the law then in force forbids in the ``position``-th Watch List year of a run; appends the year
    to ``counted`` and ``waivers`` when it counts towards the limit or needs a waiver."""
    law = law_for(year)
    rules = law.parameters
    if not rules.watch_list_exists.value:
        reason = "the law then in force had no special watch list"
        return [_Hit("watch-list-before-law", "watch_list_exists", law, year, reason, year)]
    hits: list[_Hit] = []
    start_counting = rules.watch_list_years_counted_from.value
    if start_counting is not None and year >= start_counting:
        counted.append(year)
    limit = rules.automatic_downgrade_after_years.value
    if limit is not None and len(counted) > limit:
        waivers.append(year)
        allowed = rules.waiver_max_years.value or 0
        if len(counted) - limit > allowed:
            reason = (
                f"more than {limit} consecutive counted years plus at most {allowed} waiver "
                f"year(s); the law requires Tier 3 (run from {group[0]})"
            )
            hits.append(_Hit("watch-list-beyond-waiver", "waiver_max_years", law, year, reason, group[0]))
    after_downgrade = rules.max_watch_list_years_after_downgrade.value
    if after_downgrade is None or position <= after_downgrade:
        return hits
    prior = downgrade_before(seq.tiers, group[0], reading, law, law_for, seq.merits)
    if prior is not None:
        reason = (
            f"on the Watch List again (run from {group[0]}) after the Tier 3 placement of "
            f"{prior.year} ({prior.basis}, after the Watch List years {', '.join(map(str, prior.run))}), "
            f"it may stay for at most {after_downgrade} consecutive year(s) under the "
            f"{reading.name} reading of (F)"
        )
        hits.append(
            _Hit(
                "watch-list-after-downgrade",
                "max_watch_list_years_after_downgrade",
                law,
                year,
                reason,
                prior.run[0],
            )
        )
    return hits


def _run(
    seq: _Sequence, group: list[int], law_for: LawLookup, counted: list[int], waivers: list[int]
) -> WatchListRun:
    """The run of Watch List years ``group`` with what followed it and what cannot be told."""
    next_year = group[-1] + 1
    next_tier = seq.tiers.get(next_year)
    next_unknown = next_tier is None and (next_year in seq.unknown or next_year <= seq.latest_year)
    law_next = law_for(min(next_year, seq.latest_year))
    limit_next = law_next.parameters.automatic_downgrade_after_years.value
    exhausted = limit_next is not None and len(counted) >= limit_next
    basis = tier3_basis(seq.tiers, next_year, law_for, seq.merits) if next_tier is Tier.TIER_3 else None
    outcome = _outcome(next_tier, next_unknown, basis)
    notes: list[str] = []
    if group[0] - 1 in seq.unknown:
        notes.append(f"{group[0] - 1} is unknown: the run may have started earlier")
    if outcome == "unknown-next-year" and exhausted:
        notes.append(f"{next_year} is unknown: whether the automatic downgrade applied cannot be told")
    if outcome == "downgraded-on-the-merits":
        notes.append(
            f"the {next_year} report places it on Tier 3 on the merits; (D)(i) would also have required "
            "Tier 3 unless waived"
        )
    return WatchListRun(
        jurisdiction=seq.name,
        iso3=seq.iso3,
        start=group[0],
        end=group[-1],
        length_is_minimum=group[0] - 1 in seq.unknown,
        counted_years=tuple(counted),
        waiver_years=tuple(waivers),
        automatic_downgrade_year=next_year if outcome == "downgraded-automatically" else None,
        next_tier=next_tier,
        outcome=outcome,
        notes=tuple(notes),
    )


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
    return _Sequence(seq.name, seq.iso3, tiers, seq.unknown - filled, seq.latest_year, seq.merits), filled


_Key = tuple[str, int]  # (code, year)
_Row = tuple[_Key, _Hit, Strength, tuple[str, ...], tuple[int, ...]]


def _message(hit: _Hit, years: tuple[int, ...]) -> str:
    cited = getattr(hit.law.parameters, hit.parameter)
    span = ", ".join(map(str, years))
    return f"on the Tier 2 Watch List in {span}: {hit.detail} ({hit.law.id}, {cited.reference})"


def _combine(
    seq: _Sequence,
    known: dict[str, dict[_Key, _Hit]],
    possible: dict[str, dict[_Key, _Hit]],
    filled: set[int],
    order: list[str],
) -> list[AuditFinding]:
    """One finding per rule, law version, strength, readings and unknown years, over consecutive years."""
    names = list(known)
    rows: list[_Row] = []
    for key in sorted(
        {k for hits in known.values() for k in hits} | {k for hits in possible.values() for k in hits}
    ):
        holding = tuple(n for n in order if key in known[n])
        if holding:
            strength = Strength.CERTAIN if len(holding) == len(names) else Strength.DISPUTED
            hit = known[holding[0]][key]
            rows.append((key, hit, strength, holding, ()))
            continue
        maybe = tuple(n for n in order if key in possible[n])
        hit = possible[maybe[0]][key]
        behind = tuple(sorted(y for y in filled if hit.since <= y <= key[1]))
        rows.append((key, hit, Strength.UNCERTAIN, maybe, behind))
    return [_finding(seq, group) for group in _consecutive(rows)]


def _consecutive(rows: list[_Row]) -> list[list[_Row]]:
    """Rows of one rule, law version, strength and readings over consecutive years, grouped."""
    groups: list[list[_Row]] = []
    for row in rows:
        if groups:
            last_key, last_hit, last_strength, last_readings, _ = groups[-1][-1]
            if (
                row[0][0] == last_key[0]
                and row[0][1] == last_key[1] + 1
                and row[1].law.id == last_hit.law.id
                and row[2] is last_strength
                and row[3] == last_readings
            ):
                groups[-1].append(row)
                continue
        groups.append([row])
    return groups


def _finding(seq: _Sequence, group: list[_Row]) -> AuditFinding:
    """The finding of one group of consecutive years, its message saying why it is not certain."""
    years = tuple(row[0][1] for row in group)
    _, hit, strength, readings, _ = group[0]
    unknown = tuple(sorted({y for row in group for y in row[4]}))
    cited = getattr(hit.law.parameters, hit.parameter)
    message = _message(hit, years)
    if strength is Strength.UNCERTAIN:
        message = (
            f"uncertain: only if the unknown year(s) {', '.join(map(str, unknown))} were on the Watch List; "
            + message
        )
    elif strength is Strength.DISPUTED:
        message = f"disputed: holds under the {', '.join(readings)} reading(s) of (F) only; " + message
    return AuditFinding(
        hit.code,
        seq.name,
        seq.iso3,
        years,
        hit.parameter,
        cited.reference,
        hit.law.id,
        message,
        strength,
        readings,
        unknown,
    )


def audit_jurisdiction(
    seq_tiers: dict[int, Tier],
    unknown: set[int],
    name: str,
    iso3: str,
    latest_year: int,
    law_for: LawLookup,
    rule: ReadRule | None = None,
    reading: str | None = None,
    merits: frozenset[int] = frozenset(),
) -> tuple[list[WatchListRun], list[AuditFinding]]:
    """Audit one jurisdiction's tiers by report year; ``unknown`` are the years the record lacks.

    Every named reading of (F) is applied and each finding's strength told over all of them; the
    findings listed are those that hold under ``reading`` (default: every finding), the runs those told
    under ``reading`` (default: the rule's default reading)."""
    rule = rule or read_rule(LIMIT_AFTER_DOWNGRADE)
    chosen = rule.reading(reading)
    seq = _Sequence(name, iso3, dict(seq_tiers), set(unknown), latest_year, merits)
    alternative, filled = _filled(seq)
    known: dict[str, dict[_Key, _Hit]] = {}
    possible: dict[str, dict[_Key, _Hit]] = {}
    runs: list[WatchListRun] = []
    for each in rule.readings:
        each_runs, hits = _audit_sequence(seq, law_for, each)
        known[each.name] = {(h.code, h.year): h for h in hits}
        if each.name == chosen.name:
            runs = each_runs
        if filled:
            _, maybe = _audit_sequence(alternative, law_for, each)
            possible[each.name] = {
                (h.code, h.year): h for h in maybe if (h.code, h.year) not in known[each.name]
            }
        else:
            possible[each.name] = {}
    order = [chosen.name] + [r.name for r in rule.readings if r.name != chosen.name]
    listed = _combine(seq, known, possible, filled, order)
    findings = [f for f in listed if reading is None or chosen.name in f.readings]
    return runs, sorted(findings, key=lambda f: (f.years, f.strength is not Strength.CERTAIN))


def watchlist_audit(
    record: TierRecord,
    versions: tuple[LawVersion, ...] | None = None,
    reading: str | None = None,
    merits: Mapping[str, frozenset[int]] | None = None,
) -> AuditReport:
    """Every Watch List run in the record and every year that does not fit the law then in force: all
    findings, or those that hold under the named ``reading`` of (F); the runs are told under that reading
    (default: the rule's default). ``merits`` holds the Tier 3 placements the reports make on the merits
    (default: the bundled ``tier3_bases.yaml``)."""
    rule = read_rule(LIMIT_AFTER_DOWNGRADE)
    chosen = rule.reading(reading)
    on_merits = bundled_merits_placements() if merits is None else merits
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
            tiers,
            unknown,
            jurisdiction.name,
            jurisdiction.iso3,
            record.latest_year,
            law_for,
            rule,
            reading and chosen.name,
            on_merits.get(jurisdiction.iso3, frozenset()),
        )
        runs += found_runs
        findings += found
    applied = sorted(
        {law.id: law.first_report_year for law in cache.values()}.items(), key=lambda item: item[1]
    )
    return AuditReport(
        runs,
        findings,
        [law_id for law_id, _ in applied],
        reading and chosen.name,
        [r.name for r in rule.readings],
    )
