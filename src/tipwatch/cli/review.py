"""CLI commands for the review area: ``tipwatch review``, ``tipwatch publish``, ``tipwatch submission``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tipwatch.cli.common import DbOption, JsonOption, console, guarded, print_json
from tipwatch.disclosure.policy import Audience, Calendar, DisclosurePolicy
from tipwatch.reports.review import ReviewFormat, build_review, write_review
from tipwatch.review.periods import Period
from tipwatch.store import open_database

PeriodOption = Annotated[
    str,
    typer.Option(
        "--period", help="2024-05 (month), 2024-Q2, 2024 (calendar year) or RP2024 (reporting period)."
    ),
]
KOption = Annotated[
    int,
    typer.Option(
        "--k",
        min=3,
        max=100,
        help="The publisher's threshold: public outputs suppress counts from 1 to k-1 (and what reveals "
        "them). Use the same k for every public output.",
    ),
]
CalendarOption = Annotated[
    Calendar,
    typer.Option(
        "--calendar",
        help="The publisher's calendar: the only kind of period public outputs are made for "
        "(month, quarter, year or reporting_period). Use the same calendar for every public output.",
    ),
]


def review(
    period: PeriodOption,
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    output_format: Annotated[
        ReviewFormat, typer.Option("--format", help="html, pdf or md.")
    ] = ReviewFormat.HTML,
    audience: Annotated[
        Audience, typer.Option("--audience", help="internal (full detail) or public (disclosure control).")
    ] = Audience.INTERNAL,
    k: KOption = 5,
    calendar: CalendarOption = Calendar.REPORTING_PERIOD,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Write the plenary review of a period: statistics beside the previous period, findings, charts and
    action items."""
    parsed = Period.parse(period)
    database = open_database(db)
    try:
        document = build_review(database, parsed, audience, DisclosurePolicy(k, calendar))
    finally:
        database.dispose()
    write_review(document, output_format, output)
    if as_json:
        print_json({"output": str(output), "format": str(output_format), **document.to_dict()})
        return
    console.print(f"wrote {output} ({output_format}, {audience}, {len(document.findings)} findings)")
    for finding in document.findings:
        console.print(f"  [{finding.kind}] {finding.text} ({finding.code})")


def publish(
    period: PeriodOption,
    k: KOption = 5,
    calendar: CalendarOption = Calendar.REPORTING_PERIOD,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Public statistics of a period under disclosure control (small-cell and complementary suppression)."""
    from tipwatch.reports.review import gather_public_statistics

    parsed = Period.parse(period)
    database = open_database(db)
    try:
        public = gather_public_statistics(database, parsed, DisclosurePolicy(k, calendar), trend_periods=0)
    finally:
        database.dispose()
    if as_json:
        print_json(public.table())
        return
    table = Table(title=f"Public statistics {public.period} (k = {k})")
    table.add_column("figure")
    for column in (public.period, public.previous_period, "change"):
        table.add_column(column, justify="right")
    section = None
    for row in public.rows:
        if row.section != section:
            section = row.section
            table.add_row(f"[bold]{section}[/bold]", "", "", "")
        change = "" if row.change is None else f"{row.change:+d}"
        table.add_row(f"  {row.label}", _show(row.current), _show(row.previous), change)
    console.print(table)


def submission(
    report_year: Annotated[
        int, typer.Option("--report-year", help="The TIP Report year: RP2024 = 2023-04-01 .. 2024-03-31.")
    ],
    jurisdiction: Annotated[
        str, typer.Option("--jurisdiction", help="Name of the jurisdiction in the evidence.")
    ] = "Registry jurisdiction",
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder for the data call and evidence files.")
    ] = Path(),
    base: Annotated[
        Path | None,
        typer.Option(
            "--base", help="Evidence file with facts the registry does not hold (law, prior tiers)."
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export the reporting period's figures in the structure of the TIP Report's data call, write the
    evidence file for the assessment engine, and show the tier the record points to."""
    from tipwatch.reports.submission import build_submission, write_submission

    database = open_database(db)
    try:
        result = build_submission(database, report_year, jurisdiction, base)
    finally:
        database.dispose()
    paths = write_submission(result, output)
    if as_json:
        print_json(
            {"files": [str(p) for p in paths], "tier": str(result.assessment.tier), **result.data_call}
        )
        return
    for path in paths:
        console.print(f"wrote {path}")
    console.print(f"RP{report_year}: the record points to {result.assessment.tier.label}")
    for finding in result.data_call["findings"]:
        console.print(f"  [{finding['kind']}] {finding['text']} ({finding['code']})")


def _show(value: int | str | None) -> str:
    return "unknown" if value is None else str(value)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the tipwatch app."""
    app.command("review")(guarded(review))
    app.command("publish")(guarded(publish))
    app.command("submission")(guarded(submission))
