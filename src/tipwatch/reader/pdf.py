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

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

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
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise _unreadable(path, "is encrypted")
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise _unreadable(path, f"is not a readable PDF ({exc})") from None
    label: str | None = None
    header_pending = False
    name: str | None = None
    lines: list[str] = []
    found = 0
    for number in range(pages):
        try:
            page_text = reader.pages[number].extract_text() or ""
        except (PdfReadError, ValueError, KeyError) as exc:
            raise _unreadable(path, f"page {number + 1} cannot be read ({exc})") from None
        for raw in page_text.splitlines():
            line = " ".join(raw.split()) if "\u00a0" not in raw else raw.strip()
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
            if heading:
                if name is not None:
                    found += 1
                    yield name, _join(lines), label
                name = " ".join((heading.group("name") or heading.group("special")).split())
                lines = [line]
                continue
            if name is not None and line.upper() != name.upper():  # a running header with the country's name
                lines.append(line)
        if on_page is not None:
            on_page(number + 1, pages)
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
