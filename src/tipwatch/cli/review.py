"""CLI commands for the review area: ``tipwatch review``, ``tipwatch publish``, ``tipwatch submission``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tipwatch.cli.cells import cell, styled
from tipwatch.cli.common import DbOption, console, guarded, opened_database, output_options, print_json
from tipwatch.disclosure.audience import Audience
from tipwatch.disclosure.policy import Calendar
from tipwatch.registry.jurisdiction import DEFAULT_JURISDICTION
from tipwatch.reports.formats import ReviewFormat
from tipwatch.reports.languages import Language

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


@output_options(format_help="html, pdf or md.")
def review(
    period: PeriodOption,
    output: Path | None = None,
    output_format: ReviewFormat = ReviewFormat.HTML,
    audience: Annotated[
        Audience, typer.Option("--audience", help="internal (full detail) or public (disclosure control).")
    ] = Audience.INTERNAL,
    k: KOption = 5,
    calendar: CalendarOption = Calendar.REPORTING_PERIOD,
    lang: Annotated[
        Language,
        typer.Option("--lang", help="The review's own words in en, zh-Hant or pt (findings stay English)."),
    ] = Language.EN,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """Write the plenary review of a period (-o FILE): statistics beside the previous period, findings,
    charts and action items. --json prints the review's content as JSON (with -o, also writes the file)."""
    from tipwatch.disclosure.policy import DisclosurePolicy
    from tipwatch.evidence.periods import Period
    from tipwatch.reports.review import write_review
    from tipwatch.services.review import review as gather_review

    if output is None and not json_output:
        raise typer.BadParameter(
            "give -o FILE to write the review, or --json to print its content", param_hint="'-o' / '--output'"
        )
    parsed = Period.parse(period)
    with opened_database(db) as database:
        document = gather_review(database, parsed, audience, DisclosurePolicy(k, calendar))
    if output is not None:
        write_review(document, output_format, output, lang)
    if json_output:
        written = {"output": str(output), "format": str(output_format)} if output is not None else {}
        print_json({**written, **document.to_dict()})
        return
    console.print(f"wrote {output} ({output_format}, {audience}, {len(document.findings)} findings)")
    for finding in document.findings:
        console.print(f"  [{finding.kind}] {finding.text} ({finding.code})")


@output_options()
def publish(
    period: PeriodOption,
    k: KOption = 5,
    calendar: CalendarOption = Calendar.REPORTING_PERIOD,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """Public statistics of a period under disclosure control (small-cell and complementary suppression)."""
    from rich.table import Table

    from tipwatch.disclosure.policy import DisclosurePolicy
    from tipwatch.evidence.periods import Period
    from tipwatch.services.publish import publish as gather_public

    parsed = Period.parse(period)
    with opened_database(db) as database:
        public = gather_public(database, parsed, DisclosurePolicy(k, calendar))
    if json_output:
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
            table.add_row(styled(section, "bold"), "", "", "")
        change = "" if row.change is None else f"{row.change:+d}"
        table.add_row(cell(f"  {row.label}"), _show(row.current), _show(row.previous), change)
    console.print(table)


@output_options(output_help="Folder for the data call and evidence files.")
def submission(
    report_year: Annotated[
        int, typer.Option("--report-year", help="The TIP Report year: RP2024 = 2023-04-01 .. 2024-03-31.")
    ],
    jurisdiction: Annotated[
        str, typer.Option("--jurisdiction", help="Name of the jurisdiction in the evidence.")
    ] = DEFAULT_JURISDICTION,
    output: Path = Path(),
    base: Annotated[
        Path | None,
        typer.Option(
            "--base", help="Evidence file with facts the registry does not hold (law, prior tiers)."
        ),
    ] = None,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """Export the reporting period's figures in the structure of the TIP Report's data call, write the
    evidence file for the assessment engine, and show the tier the record points to."""
    from tipwatch.reports.submission import write_submission
    from tipwatch.services.submission import submission as gather_submission

    with opened_database(db) as database:
        result = gather_submission(database, report_year, jurisdiction, base)
    paths = write_submission(result, output)
    if json_output:
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
