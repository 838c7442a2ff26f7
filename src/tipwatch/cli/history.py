"""CLI commands for the history area: load, overview, history, tiers, streaks, transitions, coverage,
watchlist-audit, chart, stats. Each parses, calls one core function and renders (Rich or ``--json``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tipwatch.cli.common import DbOption, console, guarded, opened_database, output_options, print_json

if TYPE_CHECKING:
    from tipwatch.evidence import Tier
    from tipwatch.glotip import YearStats
    from tipwatch.history import TierRecord

TierOption = Annotated[str | None, typer.Option("--tier", help="Only this tier: 1, 2, 2WL, 3 or special.")]


def _record(db: str | None) -> TierRecord:
    from tipwatch.store.tier_repository import load_record

    with opened_database(db) as database:
        return load_record(database)


def _tier(text: str | None) -> Tier | None:
    from tipwatch.evidence import Tier

    return Tier.parse(text) if text is not None else None


@guarded
@output_options()
def load_command(
    tiers_file: Annotated[
        Path | None, typer.Option("--tiers", help="A tier record CSV to load instead of the bundled one.")
    ] = None,
    glotip_file: Annotated[
        Path | None,
        typer.Option("--glotip", help="A GLOTIP CSV (or .csv.gz) to load instead of the bundled one."),
    ] = None,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """Load the tier record and GLOTIP figures into the database (idempotent). Every file is validated
    first; a file with any bad row loads nothing and leaves the database as it was."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tipwatch.glotip import load_bundled_glotip, load_glotip_file
    from tipwatch.history import load_bundled_record, load_record_file
    from tipwatch.store.tier_repository import save_glotip, save_record, stored_figures

    record = load_record_file(tiers_file) if tiers_file else load_bundled_record()
    figures = stored_figures(load_glotip_file(glotip_file) if glotip_file else load_bundled_glotip())
    with opened_database(db) as database:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, disable=json_output, transient=False) as progress:
            tiers_task = progress.add_task("tier placements", total=len(record))
            results = [save_record(database, record, lambda n: progress.advance(tiers_task, n))]
            glotip_task = progress.add_task("GLOTIP figures", total=len(figures))
            results.append(save_glotip(database, figures, lambda n: progress.advance(glotip_task, n)))
    if json_output:
        print_json([{"what": r.what, "rows": r.rows, "changed": r.changed} for r in results])
        return
    for result in results:
        state = "loaded" if result.changed else "already up to date"
        console.print(f"{result.what}: {result.rows} rows {state}")


@guarded
@output_options()
def overview_command(
    year: Annotated[int | None, typer.Option("--year", help="Report year (default: the latest).")] = None,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """The tier overview of a report year, with the changes from the year before."""
    from tipwatch.cli import history_tables as tables
    from tipwatch.evidence import Tier
    from tipwatch.history.overview import overview

    result = overview(_record(db), year)
    if json_output:
        print_json(result.to_dict())
        return
    console.print(f"[bold]TIP Report {result.report_year}[/bold]")
    console.print(result.completeness)
    counts = ", ".join(f"{Tier(tier).label}: {count}" for tier, count in result.tier_counts.items())
    console.print(f"Placements held: {counts}")
    console.print(
        "Movements: "
        + ", ".join(f"{name.replace('_', ' ')}: {n}" for name, n in result.movement_counts.items())
    )
    console.print(tables.year_table(result.changes, f"Changes from {result.report_year - 1}"))


@guarded
@output_options()
def history_command(
    jurisdiction: Annotated[str, typer.Argument(help="Name, alias or ISO code, e.g. Macau, Macao, MAC.")],
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """Every report year and tier of one jurisdiction, with movement."""
    from tipwatch.cli import history_tables as tables
    from tipwatch.history.queries import gaps, history

    record = _record(db)
    found = record.resolve(jurisdiction)
    entries = history(record, found)
    if json_output:
        print_json([entry.to_dict() for entry in entries])
        return
    console.print(tables.history_table(entries, f"{found.name} ({found.iso3})", gaps(record, found)))


@guarded
@output_options()
def tiers_command(
    year: Annotated[int, typer.Option("--year", help="Report year.")],
    tier: TierOption = None,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """One report year's placements and movements."""
    from tipwatch.cli import history_tables as tables
    from tipwatch.history.queries import tiers_in_year

    result = tiers_in_year(_record(db), year, _tier(tier))
    if json_output:
        print_json(result.to_dict())
        return
    if result.incomplete:
        console.print(
            f"[bold red]Incomplete year:[/] {result.note} (held {result.held}, published {result.published_total or '?'})"
        )
    console.print(tables.year_table(result.entries, f"TIP Report {year}: {len(result.entries)} placements"))


@guarded
@output_options()
def streaks_command(
    tier: TierOption = None,
    min_length: Annotated[int, typer.Option("--min", help="Shortest streak to show, in years.", min=1)] = 1,
    current: Annotated[
        bool, typer.Option("--current", help="Only streaks that are (or may be) ongoing.")
    ] = False,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """Consecutive runs on a tier, longest first; a run after a gap is "at least" that long."""
    from tipwatch.cli import history_tables as tables
    from tipwatch.history.streaks import streaks

    found = streaks(_record(db), _tier(tier), min_length, current)
    if json_output:
        print_json([streak.to_dict() for streak in found])
        return
    console.print(tables.streak_table(found, f"{len(found)} streaks"))


@guarded
@output_options()
def transitions_command(
    from_year: Annotated[int | None, typer.Option("--from", help="First report year.")] = None,
    to_year: Annotated[int | None, typer.Option("--to", help="Last report year.")] = None,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """The tier transition matrix between consecutive report years."""
    from tipwatch.cli import history_tables as tables
    from tipwatch.history.transitions import transitions

    matrix = transitions(_record(db), from_year, to_year)
    if json_output:
        print_json(matrix.to_dict())
        return
    console.print(tables.transition_table(matrix))
    if matrix.incomplete_years:
        console.print(
            f"Incomplete report years in range: {', '.join(map(str, matrix.incomplete_years))}; pairs with an unknown side are not counted."
        )


@guarded
@output_options()
def coverage_command(db: DbOption = None, json_output: bool = False) -> None:
    """Per report year, placements held against the number the report published."""
    from tipwatch.cli import history_tables as tables
    from tipwatch.history.coverage import coverage

    rows = coverage(_record(db))
    if json_output:
        print_json([row.to_dict() for row in rows])
        return
    console.print(tables.coverage_table(rows))
    for row in rows:
        if row.complete in ("no", "near"):
            console.print(f"{row.report_year}: {row.note}")


@guarded
@output_options()
def watchlist_audit_command(
    jurisdiction: Annotated[
        str | None, typer.Option("--jurisdiction", help="Only this jurisdiction.")
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 1 when a certain finding is made (with --reading: or one that rests on that reading).",
        ),
    ] = False,
    reading: Annotated[
        str | None,
        typer.Option(
            "--reading",
            help="Reading of 7107(b)(2)(F) to list findings under (default: department-practice).",
        ),
    ] = None,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """Check every Watch List run against the limits of 22 U.S.C. 7107(b)(2) in force each year."""
    from tipwatch.cli import history_tables as tables
    from tipwatch.history.audit import watchlist_audit
    from tipwatch.history.audit_results import Strength

    record = _record(db)
    report = watchlist_audit(record, reading=reading)
    if jurisdiction is not None:
        report = report.only(record.resolve(jurisdiction).iso3)
    if json_output:
        print_json(report.to_dict())
    else:
        console.print(tables.audit_table(report))
        console.print(
            f"{len(report.runs)} Watch List runs; {report.count(Strength.CERTAIN)} certain, "
            f"{report.count(Strength.DISPUTED)} disputed and {report.count(Strength.UNCERTAIN)} uncertain "
            f"findings{f' under the {report.reading} reading of 7107(b)(2)(F)' if report.reading else ''}."
        )
    if strict and any(f.certain or (reading and f.strength is Strength.DISPUTED) for f in report.findings):
        raise typer.Exit(1)


@guarded
@output_options(output_help="Chart file: .svg or .png.")
def chart_command(
    jurisdictions: Annotated[list[str], typer.Argument(help="One or more names, aliases or ISO codes.")],
    output: Path,
    with_stats: Annotated[
        bool, typer.Option("--stats", help="Overlay GLOTIP prosecutions, convictions, victims.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Tier trajectories over time for one or more jurisdictions."""
    from tipwatch.history.queries import history
    from tipwatch.reports.tier_chart import Trajectory, render_tier_chart

    record = _record(db)
    found = [record.resolve(name) for name in jurisdictions]
    trajectories = []
    for jurisdiction in found:
        entries = history(record, jurisdiction)
        figures = _stats(db, record, jurisdiction.iso3) if with_stats else []
        trajectories.append(Trajectory(jurisdiction.name, entries, figures))
    path = render_tier_chart(trajectories, output, record.first_year, record.latest_year)
    console.print(f"wrote {path}")


def _stats(db: str | None, record: TierRecord, iso3: str) -> list[YearStats]:
    from tipwatch.glotip import country_stats
    from tipwatch.store.tier_repository import glotip_figures

    with opened_database(db) as database:
        figures = glotip_figures(database, iso3)
    return country_stats(figures, iso3, {p.report_year: p.tier for p in record.of(iso3)})


@guarded
@output_options()
def stats_command(
    jurisdiction: Annotated[str, typer.Argument(help="Name, alias or ISO code.")],
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """UNODC GLOTIP figures by year beside the tier of the report that covered each year."""
    from tipwatch.cli import history_tables as tables

    record = _record(db)
    found = record.resolve(jurisdiction)
    rows = _stats(db, record, found.iso3)
    if json_output:
        print_json(
            {
                "jurisdiction": found.name,
                "iso3": found.iso3,
                "source": "UNODC GLOTIP, export of 14 April 2025",
                "years": [row.to_dict() for row in rows],
            }
        )
        return
    if not rows:
        console.print(f"UNODC GLOTIP has no all-sexes, all-ages figures for {found.name} ({found.iso3}).")
        return
    console.print(tables.stats_table(rows, f"{found.name} ({found.iso3}): UNODC GLOTIP figures"))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the tipwatch app."""
    app.command("load")(load_command)
    app.command("overview")(overview_command)
    app.command("history")(history_command)
    app.command("tiers")(tiers_command)
    app.command("streaks")(streaks_command)
    app.command("transitions")(transitions_command)
    app.command("coverage")(coverage_command)
    app.command("watchlist-audit")(watchlist_audit_command)
    app.command("chart")(chart_command)
    app.command("stats")(stats_command)
