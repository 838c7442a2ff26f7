"""``tipwatch law``: the law versions as data."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tipwatch.cli.common import console, guarded, output_options, print_json

law_app = typer.Typer(help="The tier rules of 22 U.S.C. 7107 as dated, versioned data.", no_args_is_help=True)


@law_app.command("list")
@guarded
@output_options()
def list_versions(json_output: bool = False) -> None:
    """Every law version and the report years it governs."""
    from tipwatch.law import load_law_versions

    versions = load_law_versions()
    if json_output:
        print_json(
            [
                {
                    "id": v.id,
                    "title": v.title,
                    "first_report_year": v.first_report_year,
                    "last_report_year": v.last_report_year,
                    "acts": [a.model_dump(mode="json") for a in v.acts],
                }
                for v in versions
            ]
        )
        return
    table = Table("version", "report years", "acts", "title")
    for v in versions:
        years = f"{v.first_report_year}–{v.last_report_year or ''}"
        table.add_row(v.id, years, ", ".join(f"{a.law} ({a.enacted})" for a in v.acts), v.title)
    console.print(table)


@law_app.command("show")
@guarded
@output_options()
def show(
    version: Annotated[
        str | None, typer.Argument(help="Version id; default: the one in force for --year.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Report year.")] = None,
    json_output: bool = False,
) -> None:
    """Every parameter of one law version with its statute reference and enacting act."""
    from tipwatch.law import law_for_report_year, law_version

    chosen = law_version(version) if version else law_for_report_year(year or 2025)
    if json_output:
        print_json(chosen.model_dump(mode="json"))
        return
    console.print(f"[bold]{chosen.id}[/] — {chosen.title}\n{chosen.note}\n")
    table = Table("parameter", "value", "reference", "act", "confirmed")
    for name, cited in chosen.parameters:
        table.add_row(name, str(cited.value), cited.reference, cited.act, "yes" if cited.confirmed else "no")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(law_app, name="law")
