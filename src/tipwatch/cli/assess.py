"""``tipwatch assess`` and ``tipwatch evidence``: assess evidence files under the law and the rubric."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tipwatch.cli.cells import cell, line
from tipwatch.cli.common import console, error_console, fail, guarded, output_options, print_json
from tipwatch.problem_codes import ProblemCode

if TYPE_CHECKING:
    from tipwatch.assess import Assessment, WhatIf
    from tipwatch.evidence import Evidence

evidence_app = typer.Typer(
    help="Evidence files: their schema, a template, the bundled examples.", no_args_is_help=True
)


def _load_all(files: list[str]) -> list[Evidence]:
    """Load every file; report the problems of all files together."""
    from tipwatch.assess.examples import example_path
    from tipwatch.evidence import load_evidence
    from tipwatch.problems import InputError, Location, Problem

    loaded: list[Evidence] = []
    problems: list[Problem] = []
    for name in files:
        path = example_path(name.removeprefix("example:")) if name.startswith("example:") else Path(name)
        try:
            loaded.append(load_evidence(path))
        except InputError as exc:
            problems += exc.problems or [
                Problem(ProblemCode.UNREADABLE_EVIDENCE, exc.summary, location=Location(file=name))
            ]
    if problems:
        raise InputError(f"{len(problems)} problem(s) in the evidence", problems)
    return loaded


WHAT_IF_SHOWN = 5
"""How many options each way ``--what-if`` prints (smallest first); ``--all`` prints every one."""


def _table(result: Assessment, options: WhatIf | None, show_all: bool = False) -> None:
    from rich.table import Table

    console.print(
        line(
            (f"{result.jurisdiction} {result.report_year}: {result.tier.label}", "bold"),
            f"  fully meets: {'yes' if result.fully_meets_minimum_standards else 'no'}; "
            f"significant efforts: {'yes' if result.making_significant_efforts else 'no'}; "
            f"law {result.law_version}; rubric {result.policy_version}",
        )
    )
    table = Table("rule", "finding", "status", "reason")
    for finding in result.findings:
        table.add_row(cell(finding.rule), cell(finding.code), cell(finding.status), cell(finding.reason))
    console.print(table)
    if options is not None:
        limit = None if show_all else WHAT_IF_SHOWN
        for option in options.up[:limit]:
            console.print(
                f"up to {option.tier.label} ({option.search}): "
                + "; ".join(c.description for c in option.changes)
            )
        if not options.up and result.tier.rank not in (None, 0):
            console.print(f"no set of changes recorded as evidence moves {result.jurisdiction} up")
        for option in options.down[:limit]:
            console.print(f"down to {option.tier.label}: " + "; ".join(c.description for c in option.changes))
        hidden = 0 if limit is None else max(0, len(options.up) - limit) + max(0, len(options.down) - limit)
        if hidden:
            console.print(f"… and {hidden} larger option(s); --all shows every one (--json lists them all)")


@guarded
@output_options(format_help="Narrative output: md or html.")
def assess_command(
    files: Annotated[list[str], typer.Argument(help="Evidence files (YAML or JSON), or example:NAME.")],
    json_output: bool = False,
    law_version: Annotated[
        str | None, typer.Option("--law-version", help="Law version id; default: the one in force.")
    ] = None,
    policy: Annotated[
        Path | None, typer.Option("--policy", help="Rubric policy file; default: the bundled one.")
    ] = None,
    show_what_if: Annotated[
        bool, typer.Option("--what-if", help="List the smallest changes that move the tier.")
    ] = False,
    output_format: str | None = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", help=f"With --what-if: every option, not the {WHAT_IF_SHOWN} smallest each way."
        ),
    ] = False,
) -> None:
    """Assess evidence files: tier, judgments, findings with rule and evidence citations, and the trace."""
    from rich.progress import Progress

    from tipwatch.assess import assess, load_policy, what_if
    from tipwatch.reports.assessment import FORMATS, render_assessment

    if output_format is not None and output_format not in FORMATS:
        raise fail(f"--format {output_format!r} is not one of {', '.join(FORMATS)}")
    rubric = load_policy(policy)
    evidence = _load_all(files)
    outputs: list[dict[str, Any]] = []
    with Progress(
        console=error_console, transient=True, disable=len(evidence) < 5 or not sys.stderr.isatty()
    ) as bar:
        task = bar.add_task("assessing", total=len(evidence))
        for item in evidence:
            result = assess(item, law_version, rubric)
            options = what_if(item, law_version, rubric) if show_what_if else None
            bar.advance(task)
            if json_output:
                data = result.to_json_data()
                if options is not None:
                    data["what_if"] = options.model_dump(mode="json")
                outputs.append(data)
            elif output_format is not None:
                sys.stdout.write(render_assessment(result, output_format))
            else:
                _table(result, options, show_all)
    if json_output:
        print_json(outputs[0] if len(outputs) == 1 else outputs)


@guarded
@output_options()
def calibrate_command(
    json_output: bool = False,
    policy: Annotated[
        Path | None, typer.Option("--policy", help="Rubric policy file; default: the bundled one.")
    ] = None,
    directory: Annotated[
        Path | None,
        typer.Option(
            "--set", help="A calibration set: published.csv and evidence files; default: the bundled one."
        ),
    ] = None,
) -> None:
    """Assess the calibration set (real narratives, placement sentences set aside) and print the engine's
    tier beside the published one, with the exact-tier agreement."""
    from rich.table import Table

    from tipwatch.assess import load_policy
    from tipwatch.assess.calibration import calibrate

    result = calibrate(directory, load_policy(policy))
    if json_output:
        print_json(
            {
                "policy_version": result.policy_version,
                "agreed": result.agreed,
                "total": len(result.rows),
                "agreement": round(result.agreement, 4),
                "rows": [
                    {
                        "jurisdiction": r.jurisdiction,
                        "report_year": r.report_year,
                        "published": str(r.published),
                        "engine": str(r.engine),
                        "agrees": r.agrees,
                        "file": r.file,
                    }
                    for r in result.rows
                ],
            }
        )
        return
    table = Table("jurisdiction", "year", "published", "engine", "", title=f"rubric {result.policy_version}")
    for r in result.rows:
        table.add_row(
            cell(r.jurisdiction),
            cell(r.report_year),
            cell(r.published.label),
            cell(r.engine.label),
            "agree" if r.agrees else "MISS",
        )
    console.print(table)
    console.print(f"exact-tier agreement: {result.agreed}/{len(result.rows)} ({result.agreement:.1%})")


@evidence_app.command("schema")
@guarded
def schema() -> None:
    """Print the JSON Schema of an evidence file."""
    from tipwatch.evidence.files import evidence_schema

    print_json(evidence_schema())


@evidence_app.command("new")
@guarded
@output_options(output_help="Write here instead of stdout.")
def new(
    jurisdiction: Annotated[str, typer.Argument(help="Jurisdiction, as the report names it.")],
    year: Annotated[int, typer.Option("--year", help="Report year (the period ends March 31 of it).")],
    output: Path | None = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented evidence template for one jurisdiction and report year."""
    from tipwatch.evidence.template import evidence_template

    if not 2001 <= year <= 2100:
        raise fail(f"--year {year} is outside 2001-2100; the first TIP Report is 2001")
    text = evidence_template(jurisdiction, year)
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists() and not force:
        raise fail(f"{output} exists; pass --force to overwrite it")
    output.write_text(text, encoding="utf-8")
    console.print(f"wrote {output}")


@evidence_app.command("examples")
@guarded
@output_options()
def examples(json_output: bool = False) -> None:
    """List the bundled worked examples (use them as example:NAME)."""
    from tipwatch.assess.examples import example_files

    paths = example_files()
    if json_output:
        print_json([{"name": p.stem, "path": str(p)} for p in paths])
        return
    for path in paths:
        console.print(f"{path.stem}\t{path}", soft_wrap=True)  # a path is never broken across lines


def register(app: typer.Typer) -> None:
    """Add this area's commands to the tipwatch app."""
    app.command("assess")(assess_command)
    app.command("calibrate")(calibrate_command)
    app.add_typer(evidence_app, name="evidence")
