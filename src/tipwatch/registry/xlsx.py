"""Read the ``Case Sheet`` of a filled copy of the HTCDS toolkit's Excel workbook as it is: row 1 holds the
HTCDS field names, row 2 their labels, data from row 3. Standard library only (an .xlsx file is a zip of
XML); dates stored as Excel serial numbers become ISO dates in the date columns."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.registry.csvfile import CsvRow

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EXCEL_EPOCH = date(1899, 12, 30)
SHEET = "Case Sheet"


def _text(node: ElementTree.Element) -> str:
    return "".join(t.text or "" for t in node.iter(f"{MAIN}t"))


def _sheet_path(archive: zipfile.ZipFile, source: str) -> str:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        if sheet.get("name") == SHEET:
            target = targets.get(sheet.get(f"{RELS}id"), "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise InputError(
        f"{source}: no sheet named {SHEET!r}",
        [
            Problem(
                ProblemCode.WRONG_FORMAT,
                f"expected the HTCDS toolkit workbook with a {SHEET!r} sheet",
                location=Location(source),
            )
        ],
    )


def read_case_sheet(path: Path, date_columns: set[str]) -> Iterator[CsvRow]:
    """Rows from row 3 on, as HTCDS field name -> text (empty cells left out)."""
    source = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, FileNotFoundError) as exc:
        raise InputError(
            f"{source}: not an .xlsx workbook",
            [
                Problem(
                    ProblemCode.WRONG_FORMAT,
                    f"{exc}; save the workbook as .xlsx or export the Case Sheet as CSV",
                    location=Location(source),
                )
            ],
        ) from exc
    with archive:
        shared = []
        if "xl/sharedStrings.xml" in archive.namelist():
            shared = [
                _text(item)
                for item in ElementTree.fromstring(archive.read("xl/sharedStrings.xml")).iter(f"{MAIN}si")
            ]
        sheet = ElementTree.fromstring(archive.read(_sheet_path(archive, source)))
    names: dict[str, str] = {}
    for row in sheet.iter(f"{MAIN}row"):
        number = int(row.get("r", "0"))
        cells: dict[str, str] = {}
        for cell in row.iter(f"{MAIN}c"):
            column = re.sub(r"\d", "", cell.get("r", ""))
            kind = cell.get("t")
            value = cell.find(f"{MAIN}v")
            if kind == "inlineStr":
                text = _text(cell)
            elif value is None or value.text is None:
                continue
            elif kind == "s":
                text = shared[int(value.text)]
            else:
                text = value.text
            if text.strip():
                cells[column] = text.strip()
        if number == 1:
            names = cells
            continue
        if number < 3 or not any(column in names for column in cells):
            continue
        values = {names[column]: text for column, text in cells.items() if column in names}
        for column in date_columns & values.keys():
            if re.fullmatch(r"\d+(\.0+)?", values[column]):
                values[column] = (EXCEL_EPOCH + timedelta(days=int(float(values[column])))).isoformat()
        yield CsvRow(number, values)
