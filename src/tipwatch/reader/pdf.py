"""A whole TIP Report as PDF, split into country narratives by their headings ("BELARUS: TIER 3",
"CHAD (TIER 2 WATCH LIST)", "SPECIAL CASE: SOMALIA"), one page at a time.

Running headers ("TRAFFICKING IN PERSONS REPORT | JUNE 2023"), page numbers and "COUNTRY NARRATIVES"
banners are dropped; lines wrapped by the layout are joined back into paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

if TYPE_CHECKING:
    from pypdf import PdfReader

_NAME = r"[A-Z][A-Z’'.,()\-& ÇÉÈÔÃÍÁÓÚÑÜ]{1,60}?"
_TIER = r"(?i:TIER[\s\u00a0]+(?:1|2|3)(?:[\s\u00a0]+WATCH[\s\u00a0]+LIST)?|SPECIAL[\s\u00a0]+CASE)"
HEADING = re.compile(
    rf"^(?P<name>{_NAME})(?::[\s\u00a0]*|[\s\u00a0]+\()(?P<tier>{_TIER})\)?[\s\u00a0]*[†‡*]?$"
    rf"|^SPECIAL[\s\u00a0]+CASE:[\s\u00a0]*(?P<special>{_NAME})$"
)
_RUNNING_HEADER = re.compile(
    r"^TRAFFICKING[\s\u00a0]+IN[\s\u00a0]+PERSONS[\s\u00a0]+REPORT\b.*?(?P<year>(?:19|20)\d\d)?\s*$", re.I
)
_DROP = re.compile(r"^(?:\d{1,4}|COUNTRY[\s\u00a0]+NARRATIVES|[ivxlc]+)$", re.IGNORECASE)
_SECTION = re.compile(r"^[A-Z][A-Z’'\- ]{3,60}:?$")
_BULLET = re.compile(r"^(?:[•▪●]|\*[\s\u00a0])")
_YEAR_LINE = re.compile(r"^(?:19|20)\d\d$")
_SENTENCE_END = re.compile(r"[.:!?”\"’)]$")


def _unreadable(path: Path, message: str) -> InputError:
    return InputError(
        f"{path}: {message}",
        [
            Problem(
                ProblemCode.UNREADABLE_PDF,
                f"{message}; expected a text PDF of a TIP Report",
                location=Location(file=str(path)),
            )
        ],
    )


_REPORT_LABEL = re.compile(
    r"\b(?P<a>(?:19|20)\d\d)[\s\u00a0]+(?:TIP|Trafficking[\s\u00a0]+in[\s\u00a0]+Persons)[\s\u00a0]+Report"
    r"|\b(?:TIP|Trafficking[\s\u00a0]+in[\s\u00a0]+Persons)[\s\u00a0]+Report[\s\u00a0,:\-–|]+(?:June[\s\u00a0]+)?"
    r"(?P<b>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def _label_in(text: str | None) -> str | None:
    """A report label ("2023 Trafficking in Persons Report") made from a line or title that names one."""
    found = _REPORT_LABEL.search(text) if text else None
    if found is None:
        return None
    return f"{found.group('a') or found.group('b')} Trafficking in Persons Report"


def _metadata_title(reader: object) -> str | None:
    try:
        metadata = getattr(reader, "metadata", None)
        title = getattr(metadata, "title", None) if metadata is not None else None
    except Exception:
        return None
    return str(title) if title else None


def _join(lines: list[str]) -> str:
    """The heading, a blank line, then the body's layout lines joined into paragraphs (breaks kept around
    section headings, bullets and paragraph ends)."""
    heading, lines = lines[0], lines[1:]
    if not lines:
        return heading
    width = max(len(line) for line in lines)
    out: list[str] = [lines[0]]
    for previous, line in pairwise(lines):
        hard = (
            _SECTION.match(line)
            or _BULLET.match(line)
            or _SECTION.match(previous)
            or (_SENTENCE_END.search(previous) and len(previous) < 0.85 * width)
        )
        if hard:
            out.append("\n" + line)
        elif previous.endswith("-") and not previous.endswith(" -"):
            out.append(line)
        else:
            out.append(" " + line)
    return heading + "\n\n" + "".join(out)


def iter_pdf_narratives(
    path: Path, *, on_page: Callable[[int, int], None] | None = None
) -> Iterator[tuple[str, str, str | None]]:
    """``(heading name, narrative text, report label)`` for each country narrative, in page order."""
    reader = _open_pdf(path)
    label = _label_in(_metadata_title(reader))
    header_pending = False
    name: str | None = None
    lines: list[str] = []
    found = 0
    for line in _pdf_lines(reader, path, on_page):
        if header_pending and label is None and _YEAR_LINE.match(line):
            label = f"{line} Trafficking in Persons Report"
        header_pending = False
        if not line or _DROP.match(line):
            continue
        header = _RUNNING_HEADER.match(line)
        if header:
            if header.group("year") and label is None:
                label = f"{header.group('year')} Trafficking in Persons Report"
            header_pending = not header.group("year")
            continue
        heading = HEADING.match(line)
        if name is None and not heading and label is None:
            label = _label_in(line)  # a cover or title page: "2023 Trafficking in Persons Report"
        if heading:
            if name is not None:
                found += 1
                yield name, _join(lines), label
            name = " ".join((heading.group("name") or heading.group("special")).split())
            lines = [line]
        elif name is not None and line.upper() != name.upper():  # a running header with the country's name
            lines.append(line)
    if name is not None:
        found += 1
        yield name, _join(lines), label
    if not found:
        raise InputError(
            f"{path}: no country narratives found",
            [
                Problem(
                    ProblemCode.NOT_A_NARRATIVE,
                    "found no country heading such as 'BELARUS: TIER 3' or 'CHAD (TIER 2 WATCH LIST)'; "
                    "expected a TIP Report PDF",
                    location=Location(file=str(path)),
                )
            ],
        )


def _open_pdf(path: Path) -> PdfReader:
    """The PDF's reader; an :class:`InputError` naming the file when it is encrypted or unreadable."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise _unreadable(path, "is encrypted")
        len(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise _unreadable(path, f"is not a readable PDF ({exc})") from None
    return reader


def _pdf_lines(reader: PdfReader, path: Path, on_page: Callable[[int, int], None] | None) -> Iterator[str]:
    """Every text line of every page, whitespace-normalised (non-breaking spaces kept), in page order."""
    from pypdf.errors import PdfReadError

    pages = len(reader.pages)
    for number in range(pages):
        try:
            page_text = reader.pages[number].extract_text() or ""
        except (PdfReadError, ValueError, KeyError) as exc:
            raise _unreadable(path, f"page {number + 1} cannot be read ({exc})") from None
        for raw in page_text.splitlines():
            yield " ".join(raw.split()) if "\u00a0" not in raw else raw.strip()
        if on_page is not None:
            on_page(number + 1, pages)
