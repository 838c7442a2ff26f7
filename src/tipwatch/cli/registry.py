"""CLI commands for the registry area: ``tipwatch registry init|add|import|export|show|list|delete|audit|
synth|stats``. Each wraps the method of the same name of :class:`tipwatch.registry.facade.Registry`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tipwatch.cli.cells import cell
from tipwatch.cli.common import (
    ActorOption,
    DbOption,
    actor_of,
    console,
    guarded,
    opened_database,
    output_options,
    print_audit,
    print_json,
)
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.registry.format import Format

if TYPE_CHECKING:
    from rich.progress import Progress

    from tipwatch.review.statistics import Figure, PeriodStatistics

TABLES = (
    "cases",
    "screenings",
    "persons",
    "proceedings",
    "services",
    "recommendations",
    "action_items",
    "meetings",
)
"""The registry's tables (``RECORD_TYPES``, named here so that ``--help`` needs no record model)."""

registry_app = typer.Typer(
    help="The case registry: cases, victims, proceedings, services, statistics.", no_args_is_help=True
)

FormatOption = Annotated[
    Format, typer.Option("--format", help="registry (own), htcds (IOM HTCDS v2.0) or ctdc (IOM CTDC).")
]


def _progress() -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


@registry_app.command("init")
@guarded
def init(db: DbOption = None) -> None:
    """Create the registry's tables (or bring them up to date)."""
    from tipwatch.registry.facade import Registry

    with opened_database(db) as database:
        tables = Registry(database).init()
        console.print(f"registry ready at {database.url} ({tables} tables and the audit log)")


@registry_app.command("add")
@guarded
def add(
    table: Annotated[str, typer.Argument(help=f"One of: {', '.join(TABLES)}.")],
    fields: Annotated[
        list[str],
        typer.Argument(help="FIELD=VALUE pairs; lists ';'-joined, e.g. exploitation='sexual;forced_labour'."),
    ],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Add one record, validated against the registry."""
    from tipwatch.registry.facade import Registry

    given = {k: v for k, v in _pairs(fields).items() if v is not None}
    with opened_database(db) as database:
        record = Registry(database).add(table, given, actor_of(actor))
    console.print(f"added {table} {record.identifier}")


def _pairs(fields: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for pair in fields:
        name, sep, value = pair.partition("=")
        if not sep:
            raise InputError(
                "fields are FIELD=VALUE",
                [
                    Problem(
                        ProblemCode.INVALID_ARGUMENT,
                        f"received {pair!r}; expected FIELD=VALUE",
                        location=Location(field=pair),
                    )
                ],
            )
        data[name.strip()] = value if value != "" else None
    return data


@registry_app.command("update")
@guarded
def update(
    table: Annotated[str, typer.Argument(help=f"One of: {', '.join(TABLES)}.")],
    identifier: str,
    fields: Annotated[list[str], typer.Argument(help="FIELD=VALUE pairs to change (FIELD= clears a field).")],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Change fields of a record; validated like a new one, logged with the values before and after."""
    from tipwatch.registry.facade import Registry

    with opened_database(db) as database:
        Registry(database).update(table, identifier, _pairs(fields), actor_of(actor))
    console.print(f"updated {table} {identifier}")


@registry_app.command("import")
@guarded
@output_options()
def import_(
    files: Annotated[
        list[Path], typer.Argument(help="CSV or JSON files; registry CSV files are named after their table.")
    ],
    format: FormatOption = Format.REGISTRY,
    table: Annotated[
        str | None, typer.Option("--table", help="The table of registry CSV files not named after one.")
    ] = None,
    drop_personal: Annotated[
        bool,
        typer.Option(
            "--drop-personal", help="HTCDS: discard names and contact details instead of refusing them."
        ),
    ] = False,
    actor: ActorOption = None,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """Import files all or nothing: every bad row and field is reported and nothing is written."""
    from tipwatch.registry.facade import Registry

    with opened_database(db) as database, _progress() as progress:
        registry = Registry(database)
        task = progress.add_task("importing", total=None)
        report = registry.import_files(
            files,
            actor_of(actor),
            format,
            table=table,
            drop_personal=drop_personal,
            progress=lambda _t, n: progress.advance(task, n),
        )
    if json_output:
        warnings = [problem.to_dict() for problem in report.warnings]
        print_json(
            {"rows": report.rows, "written": report.written, "notes": report.notes, "warnings": warnings}
        )
        return
    console.print(
        f"imported {report.rows:,} records: " + ", ".join(f"{n:,} {t}" for t, n in report.written.items())
    )
    for note in report.notes:
        console.print(f"  {note}" if note.startswith("warning:") else f"  note: {note}", soft_wrap=True)


@registry_app.command("export")
@guarded
def export_(
    target: Annotated[
        Path,
        typer.Argument(
            help="registry: a .json file or a folder for CSV files; htcds: .csv or .json; ctdc: .csv."
        ),
    ],
    format: FormatOption = Format.REGISTRY,
    db: DbOption = None,
) -> None:
    """Export the registry (records not deleted)."""
    from tipwatch.registry.facade import Registry

    with opened_database(db) as database:
        counts = Registry(database).export(target, format)
    console.print(f"exported to {target}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))


@registry_app.command("show")
@guarded
@output_options()
def show(table: str, identifier: str, db: DbOption = None, json_output: bool = False) -> None:
    """Show one record, with who created (and deleted) it."""
    from tipwatch.registry.facade import Registry

    with opened_database(db) as database:
        record = Registry(database).show(table, identifier)
    if json_output:
        print_json(record)
        return
    grid = Table(show_header=False, box=None)
    for name, value in record.items():
        grid.add_row(cell(name), cell(value))
    console.print(grid)


@registry_app.command("list")
@guarded
@output_options()
def list_(
    table: str,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    deleted: Annotated[bool, typer.Option("--deleted", help="Include deleted records.")] = False,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """List records of a table, oldest first."""
    from tipwatch.registry.facade import Registry
    from tipwatch.registry.records import RECORD_TYPES

    with opened_database(db) as database:
        records = Registry(database).list(table, limit=limit, include_deleted=deleted)
    if json_output:
        print_json(records)
        return
    columns = list(RECORD_TYPES[table].model_fields)[:7]
    grid = Table()
    for column in columns:
        if column == columns[0] or column.endswith("_id"):  # identifiers, the record's and those it refers
            # to: shown whole at any width; the other columns give way
            width = max([len(column), *(len(str(r[column] or "")) for r in records)])
            grid.add_column(column, no_wrap=True, min_width=width)
        else:
            grid.add_column(column, no_wrap=True, overflow="ellipsis", max_width=28)
    for record in records:
        grid.add_row(*(cell(record[c]) for c in columns))
    console.print(grid)


@registry_app.command("delete")
@guarded
def delete(
    table: str,
    identifier: str,
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the audit log).")],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Mark a record deleted (a case with its persons, proceedings and services); nothing is erased."""
    from tipwatch.registry.facade import Registry

    with opened_database(db) as database:
        marked = Registry(database).delete(table, identifier, actor_of(actor), reason)
    console.print(f"marked {marked} record(s) deleted")


@registry_app.command("audit")
@guarded
@output_options()
def audit(
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20, db: DbOption = None, json_output: bool = False
) -> None:
    """The audit log, newest first: who changed what and when."""
    from tipwatch.registry.facade import Registry

    with opened_database(db) as database:
        print_audit(Registry(database).audit(limit=limit), json_output=json_output)


@registry_app.command("synth")
@guarded
def synth(
    victims: Annotated[int, typer.Option("--victims", min=1, help="How many victims to generate.")],
    seed: Annotated[int, typer.Option("--seed")] = 1,
    prefix: Annotated[
        str, typer.Option("--prefix", help="Identifier prefix of the synthetic records.")
    ] = "SYN",
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Generate a realistic synthetic registry (no real person), reproducible from --seed."""
    from tipwatch.registry.facade import Registry

    with opened_database(db) as database, _progress() as progress:
        registry = Registry(database)
        task = progress.add_task("generating", total=victims)
        totals = registry.synth(
            victims, actor_of(actor), seed=seed, prefix=prefix, progress=lambda n: progress.advance(task, n)
        )
    console.print("generated " + ", ".join(f"{n:,} {t}" for t, n in totals.items()))


def _figure(figure: Figure) -> tuple[str, str, str]:
    def text(value: int | None) -> str:
        return "unknown" if value is None else f"{value:,}"

    change = (
        ""
        if figure.change is None
        else f"{figure.change:+,}"
        + (f" ({figure.change_percent:+.1f}%)" if figure.change_percent is not None else "")
    )
    return text(figure.current), text(figure.previous), change


def render_statistics(statistics: PeriodStatistics) -> Table:
    grid = Table(
        "figure",
        statistics.period,
        statistics.previous_period,
        "change",
        title=f"Registry statistics {statistics.period} ({statistics.start} .. {statistics.end})",
    )
    for section, value in statistics.model_dump().items():
        if not isinstance(value, dict):
            continue
        _rows(grid, section, getattr(statistics, section))
    victims = statistics.not_placeable.get("victims")
    unplaced = victims.current if victims else None
    if unplaced:
        grid.caption = (
            f"{unplaced:,} victims are dated only to the year (or month), which {statistics.period} covers "
            "in part: they are not counted in it (not_placeable); a calendar-year period counts them."
        )
        grid.caption_justify = "left"
    return grid


def _rows(grid: Table, label: str, value: Any) -> None:
    from tipwatch.review.statistics import Figure

    if isinstance(value, Figure):
        grid.add_row(label, *_figure(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, Figure) and item.current == 0 and item.previous == 0:
                continue
            _rows(grid, f"{label}.{key}", item)
    else:
        for key in type(value).model_fields:
            _rows(grid, f"{label}.{key}", getattr(value, key))


@registry_app.command("stats")
@guarded
@output_options()
def stats(
    period: Annotated[
        str,
        typer.Option(
            "--period", help="2024-05 (month), 2024-Q2, 2024, or RP2024 (2023-04-01 .. 2024-03-31)."
        ),
    ],
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """Statistics for a period beside the previous one (UNODC/ICS-TIP and TIP Report figures)."""
    from tipwatch.evidence.periods import Period
    from tipwatch.registry.facade import Registry

    with opened_database(db) as database:
        statistics = Registry(database).stats(Period.parse(period))
    if json_output:
        print_json(statistics.model_dump(mode="json"))
        return
    console.print(render_statistics(statistics))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the tipwatch app."""
    app.add_typer(registry_app, name="registry")
