"""CLI commands for the reader area: ``tipwatch read`` and ``tipwatch read-eval``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tipwatch.cli.common import JsonOption, console, error_console, guarded, print_json
from tipwatch.reader import Narrative
from tipwatch.reader.batch import Failure, expand_inputs, read_paths
from tipwatch.reader.evaluate import Evaluation, evaluate

SUMMARY_COLUMNS = (
    "jurisdiction",
    "report_year",
    "tier",
    "movement",
    "investigations",
    "prosecutions",
    "convictions",
    "victims_identified",
)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=error_console,
        transient=True,
        disable=not error_console.is_terminal,
    )


def _show_one(narrative: Narrative) -> None:
    table = Table(title=narrative.file, show_lines=False)
    for column in ("field", "value", "source"):
        table.add_column(column, overflow="fold")
    for name, fact in narrative.facts.items():
        where = fact.span.text if fact.span.source == "text" else f"({fact.span.source}) {fact.span.text}"
        table.add_row(name, json.dumps(fact.value, ensure_ascii=False), where[:140])
    for claim in narrative.consecutive_year_claims:
        table.add_row("consecutive_year_claims", str(claim.number), claim.text[:140])
    for claim in narrative.since_year_claims:
        table.add_row("since_year_claims", str(claim.number), claim.text[:140])
    console.print(table)
    for number, item in enumerate(narrative.recommendations, 1):
        console.print(f"  {number}. {item}", soft_wrap=True)


def _results(files: list[str], year: int | None, jurisdiction: str | None) -> Iterator[Narrative | Failure]:
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
        )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the tipwatch app."""

    @app.command("read")
    @guarded
    def read(
        files: Annotated[
            list[str], typer.Argument(help="Narratives: .txt, .html or .pdf files, folders or globs.")
        ],
        json_output: JsonOption = False,
        year: Annotated[int | None, typer.Option(help="Report year, overriding what the text says.")] = None,
        jurisdiction: Annotated[str | None, typer.Option(help="Jurisdiction, overriding the text.")] = None,
    ) -> None:
        """Read TIP country narratives into structured facts, each with its source span."""
        failed = 0
        first: Narrative | None = None
        lines = False
        rows: list[dict[str, Any]] = []
        for result in _results(files, year, jurisdiction):
            if isinstance(result, Failure):
                failed += 1
                error_console.print(
                    f"[bold red]error:[/] {result.error.summary}", soft_wrap=True, highlight=False
                )
                for problem in result.error.problems:
                    error_console.print(f"  {problem}", soft_wrap=True, highlight=False, markup=False)
                continue
            if json_output:
                if first is None and not lines:
                    first = result
                    continue
                if first is not None:
                    sys.stdout.write(json.dumps(first.to_dict(), ensure_ascii=False) + "\n")
                    first, lines = None, True
                sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            else:
                rows.append({"file": result.file, **{c: result.value(c) for c in SUMMARY_COLUMNS}})
                if first is None and len(rows) == 1:
                    first = result
        if json_output and first is not None:
            if len(files) == 1 and not Path(files[0]).is_dir():
                print_json(first.to_dict())
            else:
                sys.stdout.write(json.dumps(first.to_dict(), ensure_ascii=False) + "\n")
        elif not json_output and len(rows) == 1 and first is not None:
            _show_one(first)
        elif not json_output and rows:
            table = Table(*("file", *SUMMARY_COLUMNS))
            for row in rows:
                table.add_row(*("" if v is None else str(v) for v in row.values()))
            console.print(table)
        if failed:
            error_console.print(f"{failed} file(s) failed", highlight=False)
            raise typer.Exit(2)

    @app.command("read-eval")
    @guarded
    def read_eval(
        directory: Annotated[
            Path, typer.Argument(help="Folder of <stem>.txt narratives with gold <stem>.json.")
        ],
        json_output: JsonOption = False,
    ) -> None:
        """Score the reader against gold annotations: accuracy per field, null precision/recall, mismatches."""
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
            return
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
    for m in result.mismatches:
        console.print(f"[bold]{m.stem}[/] {m.field}: expected {m.expected!r}, got {m.got!r}", highlight=False)
        console.print(f"    {m.context}", soft_wrap=True, highlight=False, markup=False)
