"""``tipwatch reply``: a TIP narrative's claims beside the registry's records for the same period."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tipwatch.cli.common import DbOption, console, fail, guarded, opened_database, output_options
from tipwatch.cli.review import CalendarOption, KOption
from tipwatch.disclosure.audience import Audience
from tipwatch.disclosure.policy import Calendar
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reports.formats import BriefFormat
from tipwatch.reports.languages import Language, ReplyFormat

if TYPE_CHECKING:
    from tipwatch.reply.narrative import NarrativeInput

LangOption = Annotated[
    Language, typer.Option("--lang", help="The brief's own words in en, zh-Hant or pt (--figures only).")
]
ChartOption = Annotated[
    Path | None,
    typer.Option("--chart", help="Write the timeline chart (.png or .svg) here (--figures only)."),
]


@output_options(
    format_help="md, html, json, or pdf (--figures only; needs -o).",
    output_help="Write the brief to this file.",
)
def reply(
    narrative: Annotated[
        Path,
        typer.Option(
            "--narrative", help="The narrative: annotation-schema .json (with its .txt beside it), or text."
        ),
    ],
    report_year: Annotated[
        int, typer.Option("--report-year", help="The report year the narrative belongs to.")
    ],
    db: DbOption = None,
    figures: Annotated[
        Path | None,
        typer.Option(
            "--figures",
            help="A government's published figures (CSV, docs/reply.md) to answer from, instead of the registry.",
        ),
    ] = None,
    audience: Annotated[
        Audience,
        typer.Option(help="internal: records by pseudonymous id; public: suppressed aggregates only."),
    ] = Audience.INTERNAL,
    output_format: ReplyFormat = ReplyFormat.MD,
    output: Path | None = None,
    registry_since: Annotated[
        str | None,
        typer.Option(
            help="The day (YYYY-MM-DD) from which the registry's records are complete. Default: its first record's month."
        ),
    ] = None,
    k: KOption = 5,
    calendar: CalendarOption = Calendar.REPORTING_PERIOD,
    lang: LangOption = Language.EN,
    chart: ChartOption = None,
) -> None:
    """List each claim of the narrative with the registry's figure and a verdict, then reassess the
    placement with the registry's figures; with --figures, set each claim against a government's
    published figures instead (no registry, no database)."""
    covers_from = _day(registry_since) if registry_since else None
    if output is not None and not output.resolve().parent.is_dir():
        raise fail(
            f"cannot write the brief to {output}: its folder does not exist; choose a writable path with -o"
        )
    from tipwatch.reply.narrative import load_narrative

    source = load_narrative(narrative)
    if figures is not None:
        from tipwatch.cli.reply_figures import write_figures_brief

        write_figures_brief(source, figures, report_year, output_format, lang, output, chart)
        return
    if output_format is ReplyFormat.PDF or lang is not Language.EN or chart is not None:
        raise fail(
            "--format pdf, --lang and --chart are for a brief from published figures: add --figures FILE"
        )
    text, summary = _registry_brief(
        source, report_year, db, audience, k, calendar, covers_from, BriefFormat(output_format.value)
    )
    write_text(text, output, summary)


def _registry_brief(
    source: NarrativeInput,
    report_year: int,
    db: str | None,
    audience: Audience,
    k: int,
    calendar: Calendar,
    covers_from: date | None,
    output_format: BriefFormat,
) -> tuple[str, str]:
    """The brief from the registry's records, and its one-line summary."""
    from tipwatch.disclosure.policy import DisclosurePolicy
    from tipwatch.disclosure.published import Disclosure
    from tipwatch.reports.reply import render_brief
    from tipwatch.services.reply import reply_brief

    with opened_database(db) as database:
        brief = reply_brief(
            database,
            source,
            report_year,
            Disclosure(audience, DisclosurePolicy(k, calendar)),
            covers_from=covers_from,
        )
    summary = brief.summary()
    return render_brief(brief, output_format), (
        f"{len(brief.checks)} claims, {summary['agrees']} agree, {summary['contradicts']} contradict, "
        f"{summary['not-verifiable']} not verifiable"
    )


def write_text(text: str, output: Path | None, summary: str = "") -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(
            f"cannot write the brief to {output}: {exc.strerror}; choose a writable path with -o"
        ) from None
    console.print(f"wrote {output}" + (f": {summary}" if summary else ""))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"--registry-since {text!r} is not a date",
            [
                Problem(
                    ProblemCode.INVALID_DATE,
                    f"received {text!r}; expected YYYY-MM-DD",
                    location=Location(field="registry_since"),
                )
            ],
        ) from None


def register(app: typer.Typer) -> None:
    """Add this area's commands to the tipwatch app."""
    app.command("reply")(guarded(reply))
