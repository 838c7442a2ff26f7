"""Rich tables for the history commands (rendering only: the data comes from the core)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from tipwatch.evidence import Tier
from tipwatch.glotip import YearStats
from tipwatch.history.audit_results import AuditFinding, AuditReport, Strength
from tipwatch.history.coverage import YearCount
from tipwatch.history.queries import HistoryEntry
from tipwatch.history.streaks import Streak
from tipwatch.history.transitions import TIERS, TransitionMatrix

TIER_STYLE = {"1": "green", "2": "cyan", "2WL": "yellow", "3": "red", "special": "dim"}


def tier_cell(tier: Tier | None) -> str:
    if tier is None:
        return "[dim]unknown[/dim]"
    return f"[{TIER_STYLE[tier.value]}]{tier.label}[/]"


def movement_cell(entry: HistoryEntry) -> str:
    if entry.movement is not None:
        return entry.movement.value
    if entry.previous_unknown:
        return "[dim]? (previous year unknown)[/dim]"
    return "[dim]-[/dim]"


def history_table(entries: Sequence[HistoryEntry], title: str, gap_years: Sequence[int] = ()) -> Table:
    """A jurisdiction's years; ``gap_years`` are shown as unknown rows, in order."""
    table = Table(title=title)
    for column in ("Report year", "Tier", "Movement", "Source"):
        table.add_column(column)
    rows = [(entry.report_year, entry) for entry in entries] + [(year, None) for year in gap_years]
    for year, entry in sorted(rows, key=lambda item: item[0]):
        if entry is None:
            table.add_row(str(year), "[dim]unknown (gap in the record)[/dim]", "", "")
        else:
            table.add_row(str(year), tier_cell(entry.tier), movement_cell(entry), entry.source)
    return table


def year_table(entries: Sequence[HistoryEntry], title: str) -> Table:
    table = Table(title=title)
    for column in ("Jurisdiction", "ISO", "Tier", "Previous", "Movement"):
        table.add_column(column)
    for entry in entries:
        table.add_row(
            entry.jurisdiction,
            entry.iso3,
            tier_cell(entry.tier),
            tier_cell(entry.previous_tier),
            movement_cell(entry),
        )
    return table


def streak_table(streaks: Sequence[Streak], title: str) -> Table:
    table = Table(title=title)
    for column in ("Jurisdiction", "Tier", "From", "To", "Years", "Ongoing"):
        table.add_column(column)
    for streak in streaks:
        ongoing = {True: "yes", False: "no", None: "[dim]unknown (gap)[/dim]"}[streak.ongoing]
        table.add_row(
            streak.jurisdiction,
            tier_cell(streak.tier),
            str(streak.start),
            str(streak.end),
            streak.length_text,
            ongoing,
        )
    return table


def transition_table(matrix: TransitionMatrix) -> Table:
    table = Table(title=f"Tier transitions {matrix.first_year}-{matrix.last_year} (count, row rate)")
    table.add_column("From \\ to")
    for target in TIERS:
        table.add_column(target.label, justify="right")
    table.add_column("Total", justify="right")
    table.add_column("Next year unknown", justify="right")
    for source in TIERS:
        cells = []
        for target in TIERS:
            rate = matrix.rate(source, target)
            cells.append(f"{matrix.counts[source][target]} ({rate:.0%})" if rate is not None else "0")
        table.add_row(
            tier_cell(source), *cells, str(matrix.row_total(source)), str(matrix.unknown_next[source])
        )
    return table


def coverage_table(rows: Sequence[YearCount]) -> Table:
    table = Table(title="Tier record coverage per report year")
    for column in ("Year", "Held", "Published", "Missing", "Complete", "T1", "T2", "2WL", "T3", "Spec."):
        table.add_column(column, justify="left" if column == "Complete" else "right")
    for row in rows:
        complete = f"[bold red]{row.complete}[/]" if row.complete == "no" else row.complete
        table.add_row(
            str(row.report_year),
            str(row.held),
            "?" if row.published_total is None else str(row.published_total),
            "?" if row.missing is None else str(row.missing),
            complete,
            *(str(row.tier_counts[tier.value]) for tier in Tier),
        )
    return table


def audit_table(report: AuditReport) -> Table:
    table = Table(title="Watch List audit: years the record does not fit the law then in force")
    for column in ("Jurisdiction", "Years", "Rule", "Subsection", "Law version", "Strength"):
        table.add_column(column)
    for finding in report.findings:
        table.add_row(
            finding.jurisdiction,
            ", ".join(map(str, finding.years)),
            finding.code,
            finding.subsection,
            finding.law_version,
            _strength(finding),
        )
    return table


def _strength(finding: AuditFinding) -> str:
    if finding.certain:
        return "certain"
    if finding.strength is Strength.DISPUTED:
        return f"disputed ({finding.reading})"
    return f"[dim]uncertain (unknown {', '.join(map(str, finding.unknown_years))})[/dim]"


def stats_table(rows: Sequence[YearStats], title: str) -> Table:
    caption = "Source: UNODC GLOTIP (export of 14 April 2025). <5 = suppressed cell, a value in 1..4."
    table = Table(title=title, caption=caption)
    table.add_column("Year")
    table.add_column("Tier (report)")
    forms = sorted({form for row in rows for form in row.victims_by_form})
    short = {"Sexual exploitation": "Victims: sexual", "Forced labour": "Victims: forced labour"}
    for column in (
        "Formal contact",
        "Prosecuted",
        "Convicted",
        "Victims",
        *(short.get(f, "Victims: other") for f in forms),
    ):
        table.add_column(column, justify="right")
    for row in rows:
        names = ("formal_contact", "prosecuted", "convicted", "victims")
        values = [str(row.totals[name]) if row.totals[name] else "-" for name in names]
        by_form = [str(row.victims_by_form[form]) if form in row.victims_by_form else "-" for form in forms]
        tier = f"[{TIER_STYLE[row.tier.value]}]{row.tier.value}[/]" if row.tier else "[dim]?[/dim]"
        table.add_row(str(row.year), f"{tier} ({row.covering_report_year})", *values, *by_form)
    return table
