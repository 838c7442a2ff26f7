"""CLI commands for the reader area: ``tipwatch read`` and ``tipwatch read-eval``."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tipwatch.cli.cells import cell, line
from tipwatch.cli.common import console, error_console, fail, guarded, output_options, print_json

if TYPE_CHECKING:
    from rich.progress import Progress

    from tipwatch.reader import Narrative
    from tipwatch.reader.batch import Failure
    from tipwatch.reader.evaluate import Evaluation

COUNT_LABELS = ("investigations", "prosecutions", "convictions", "victims")
RECORD_NAME = "the bundled tier record (src/tipwatch/data/tiers/tip_tiers.csv)"


def _progress() -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=error_console,
        transient=True,
        disable=not error_console.is_terminal,
    )


def _results(
    files: list[str], year: int | None, jurisdiction: str | None, check: bool
) -> Iterator[Narrative | Failure]:
    from tipwatch.reader.batch import expand_inputs, read_paths

    lookup = None
    if check:
        from tipwatch.history import load_bundled_record

        lookup = load_bundled_record().placement
    paths = list(expand_inputs(files))
    with _progress() as progress:
        task = progress.add_task("reading", total=len(paths))
        pages = progress.add_task("pages", total=None, visible=False)

        def on_page(done: int, total: int) -> None:
            progress.update(pages, completed=done, total=total, visible=done < total)

        yield from read_paths(
            paths,
            year=year,
            jurisdiction=jurisdiction,
            on_file=lambda _: progress.advance(task),
            on_page=on_page,
            check=lookup,
            record_name=RECORD_NAME,
        )


def _show_one(narrative: Narrative) -> None:
    table = Table("field", "value", "source", title=narrative.file)
    for name, fact in narrative.facts.items():
        where = fact.span.text if fact.span.source == "text" else f"({fact.span.source}) {fact.span.text}"
        table.add_row(cell(name), cell(json.dumps(fact.value, ensure_ascii=False)), cell(where[:140]))
    for claim in narrative.consecutive_year_claims + narrative.since_year_claims:
        kind = "since_year_claims" if claim in narrative.since_year_claims else "consecutive_year_claims"
        table.add_row(kind, cell(claim.number), cell(claim.text[:140]))
    console.print(table)
    for number, item in enumerate(narrative.recommendations, 1):
        console.print(f"  {number}. {item}", soft_wrap=True, highlight=False)


def _summary_line(narrative: Narrative) -> str:
    from tipwatch.reader import COUNT_FIELDS

    def shown(name: str) -> str:
        value = narrative.value(name)
        return "-" if value is None else str(value)

    counts = " ".join(
        f"{label}={shown(name)}" for label, name in zip(COUNT_LABELS, COUNT_FIELDS, strict=True)
    )
    return (
        f"{narrative.file}: {shown('jurisdiction')} {shown('report_year')} tier={shown('tier')} "
        f"movement={shown('movement')} {counts}"
    )


def _evidence_path(output: Path | None, narrative: Narrative, several: bool) -> Path | None:
    if not several:
        return output
    slug = re.sub(
        r"[^a-z0-9]+", "-", f"{narrative.value('jurisdiction')}-{narrative.value('report_year')}".lower()
    )
    return (output or Path()) / f"{slug.strip('-')}.evidence.yaml"


def _report(result: Narrative | Failure) -> bool:
    """Print a failure's or narrative's problems to stderr; True for a failure."""
    from tipwatch.reader.batch import Failure

    problems = result.error.problems if isinstance(result, Failure) else result.warnings
    if isinstance(result, Failure):
        error_console.print(line(("error:", "bold red"), f" {result.error.summary}"), soft_wrap=True)
    for problem in problems:
        error_console.print(f"  {problem}", soft_wrap=True, highlight=False, markup=False)
    return isinstance(result, Failure)


def _write_evidence(narrative: Narrative, path: Path | None) -> bool:
    """Write (or print) a narrative's evidence; True when it cannot be written (reported, batch goes on)."""
    from tipwatch.evidence import dump_evidence, dumps_evidence
    from tipwatch.problems import InputError
    from tipwatch.reader.batch import Failure
    from tipwatch.reader.evidence import narrative_evidence

    try:
        evidence = narrative_evidence(narrative)
    except InputError as exc:
        return _report(Failure(narrative.file or "", exc))
    if path is None:
        sys.stdout.write(dumps_evidence(evidence))
    else:
        dump_evidence(evidence, path)
        error_console.print(f"wrote {path}", highlight=False)
    return False


@guarded
@output_options(output_help="Evidence file (a folder for several).")
def read_command(
    files: Annotated[
        list[str], typer.Argument(help="Narratives: .txt, .html or .pdf files, folders or globs.")
    ],
    json_output: bool = False,
    year: Annotated[int | None, typer.Option(help="Report year, overriding what the text says.")] = None,
    jurisdiction: Annotated[str | None, typer.Option(help="Jurisdiction, overriding the text.")] = None,
    check: Annotated[
        bool, typer.Option(help="Cross-check statements against the bundled tier record.")
    ] = True,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Write a partial evidence file per narrative.")
    ] = False,
    assess: Annotated[
        bool,
        typer.Option(
            "--assess", help="Assess one narrative: its facts as evidence citing the text, under the law."
        ),
    ] = False,
    output: Path | None = None,
) -> None:
    """Read TIP country narratives into structured facts, each with its source span."""
    from tipwatch.reader.batch import Failure

    if assess:
        _assess_one(files, year, jurisdiction, json_output)
        return

    single = len(files) == 1 and Path(files[0]).is_file() and not files[0].lower().endswith(".pdf")
    if evidence and not single and not (output and output.is_dir()):
        raise fail("--evidence with several narratives needs -o FOLDER (an existing folder)")
    failed = 0
    for result in _results(files, year, jurisdiction, check):
        failed += _report(result)
        if isinstance(result, Failure):
            continue
        if evidence:
            failed += _write_evidence(result, _evidence_path(output, result, not single))
        elif json_output and single:
            print_json(result.to_dict())
        elif json_output:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        elif single:
            _show_one(result)
        else:  # one line per narrative, printed as it is read (constant memory)
            console.print(_summary_line(result), highlight=False, markup=False, soft_wrap=True)
    if failed:
        error_console.print(f"{failed} file(s) failed", highlight=False)
        raise typer.Exit(2)


def _assess_one(files: list[str], year: int | None, jurisdiction: str | None, json_output: bool) -> None:
    """``--assess``: the assess-from-narrative use case on one file, shown as ``tipwatch assess`` shows
    an assessment."""
    from tipwatch.cli.assess import _table
    from tipwatch.services.assess_narrative import assess_narrative

    if len(files) != 1 or not Path(files[0]).is_file():
        raise fail("--assess reads one narrative file (.txt, .html or a one-narrative .pdf)")
    result = assess_narrative(Path(files[0]), year=year, jurisdiction=jurisdiction)
    for problem in result.narrative.warnings:
        error_console.print(f"  {problem}", soft_wrap=True, highlight=False, markup=False)
    if json_output:
        print_json(result.to_dict())
    else:
        _table(result.assessment, None)


@guarded
@output_options()
def read_eval_command(
    directory: Annotated[Path, typer.Argument(help="Folder of <stem>.txt narratives with gold <stem>.json.")],
    json_output: bool = False,
) -> None:
    """Score the reader against gold annotations: accuracy per field, null precision/recall, mismatches."""
    from tipwatch.reader.evaluate import evaluate

    total = (
        sum(1 for p in directory.glob("*.txt") if p.with_suffix(".json").exists())
        if directory.is_dir()
        else 0
    )
    with _progress() as progress:
        task = progress.add_task("evaluating", total=total)
        result = evaluate(directory, on_item=lambda _: progress.advance(task))
    if json_output:
        print_json(result.to_dict())
    else:
        _show_evaluation(result)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _show_evaluation(result: Evaluation) -> None:
    table = Table(
        "field",
        "accuracy",
        "right/total",
        "value precision",
        "value recall",
        title=f"{result.items} narratives",
    )
    for name, score in result.scores.items():
        table.add_row(
            name,
            _percent(score.accuracy),
            f"{score.right}/{score.total}",
            _percent(score.precision),
            _percent(score.recall),
        )
    console.print(table)
    console.print(
        f"spans that state their value: {result.spans_supported}/{result.spans_checked}", highlight=False
    )
    console.print(
        f"claim texts exact: {result.claim_texts_exact}/{result.claim_texts_total}", highlight=False
    )
    for failure in result.failures:
        console.print(line(("not read:", "bold red"), f" {failure}"))
    for m in result.mismatches:
        console.print(line((m.stem, "bold"), f" {m.field}: expected {m.expected!r}, got {m.got!r}"))
        console.print(f"    {m.context}", soft_wrap=True, highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the tipwatch app."""
    app.command("read")(read_command)
    app.command("read-eval")(read_eval_command)
