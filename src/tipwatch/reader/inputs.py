"""Input formats: plain text, HTML (report pages and reprints, with navigation and boilerplate stripped)
and PDF (a whole report, split into country narratives by their headings).

Every loader yields :class:`Document` values one at a time, so a batch or a 400-page report is read in
constant memory, and raises :class:`InputError` with a stable code for input it cannot use:
``unreadable-file``, ``empty-input``, ``not-utf-8``, ``unreadable-pdf``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reader.pdf import iter_pdf_narratives

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
READABLE_SUFFIXES = HTML_SUFFIXES | PDF_SUFFIXES | TEXT_SUFFIXES

_BLOCK_END = re.compile(
    r"(?i)(</(?:p|h[1-6]|li|div|tr|section|article|ul|ol|dd|dt|blockquote|title)\s*>|<br\s*/?>)"
)
_LIST_ITEM = re.compile(r"(?i)<li\b[^>]*>")
_BOILERPLATE_TAGS = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button, template"
_BOILERPLATE_ATTR = re.compile(
    r"(?i)\b(?:nav|menu|breadcrumb|footer|header|sidebar|share|social|cookie|banner|skip|related|subscribe)"
)
_BOILERPLATE_LINE = re.compile(
    r"(?i)^(?:skip to (?:main )?content|back to top|share|print|email|home|menu|search|related (?:articles|stories)|"
    r"tags?:.*|official website of .*|an official website of .*|here’s how you know|here's how you know)$"
)
_TITLE_TAG = re.compile(r"(?is)<title[^>]*>(.*?)</title>")


@dataclass(frozen=True, slots=True)
class Document:
    """One narrative's text as loaded: ``file`` names it (``report.pdf#BELARUS`` for a PDF part), and
    ``title`` is a page title or report label that may give the report year."""

    file: str
    text: str
    title: str | None = None


def _problem(code: str, file: str, message: str, line: int | None = None) -> InputError:
    return InputError(f"{file}: {message}", [Problem(code, message, location=Location(file=file, line=line))])


def _read_bytes(path: Path) -> bytes:
    with _opened(path):
        return path.read_bytes()


@contextmanager
def _opened(path: Path) -> Iterator[None]:
    """Check that ``path`` is a readable, non-empty file (same errors as for text)."""
    try:
        with path.open("rb") as handle:
            first = handle.read(1024)
    except IsADirectoryError:
        raise _problem(
            ProblemCode.UNREADABLE_FILE, str(path), "is a directory; expected a .txt, .html or .pdf file"
        ) from None
    except FileNotFoundError:
        raise _problem(ProblemCode.UNREADABLE_FILE, str(path), "no such file; check the path") from None
    except OSError as exc:
        raise _problem(
            ProblemCode.UNREADABLE_FILE, str(path), f"cannot be read ({exc.strerror}); check its permissions"
        ) from None
    if not first.strip():
        raise _problem(ProblemCode.EMPTY_INPUT, str(path), "is empty; expected a country narrative")
    yield


def decode_utf8(data: bytes, file: str) -> str:
    """The text of ``data`` as UTF-8 (a BOM is dropped); a clear error naming line and byte otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _problem(
            ProblemCode.NOT_UTF_8,
            file,
            f"is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded; "
            "re-save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)",
            line=line,
        ) from None


def html_to_text(html: str) -> tuple[str, str | None]:
    """The readable text of an HTML page (navigation, scripts and site chrome removed) and its title."""
    from selectolax.lexbor import LexborHTMLParser

    title_match = _TITLE_TAG.search(html)
    title = " ".join(title_match.group(1).split()) if title_match else None
    marked = _LIST_ITEM.sub(lambda m: m.group(0) + "• ", _BLOCK_END.sub(lambda m: "\n" + m.group(0), html))
    tree = LexborHTMLParser(marked)
    for node in tree.css(_BOILERPLATE_TAGS):
        node.decompose()
    root = tree.css_first("main") or tree.css_first("article") or tree.body
    total = len(root.text()) if root is not None else 0
    for node in tree.css("[class], [id], [role]"):
        marker = " ".join(
            filter(
                None, (node.attributes.get("class"), node.attributes.get("id"), node.attributes.get("role"))
            )
        )
        chrome = _BOILERPLATE_ATTR.search(marker) and node.tag not in ("body", "html", "main", "article")
        if (
            chrome and len(node.text()) < total / 2
        ):  # never a wrapper holding the narrative ("page-with-sidebar")
            node.decompose()
    root = tree.css_first("main") or tree.css_first("article") or tree.body
    raw = root.text(separator="") if root is not None else ""
    lines: list[str] = []
    for line in raw.split("\n"):
        cleaned = re.sub(r"[ \t\r]+", " ", line).strip()
        if _BOILERPLATE_LINE.match(cleaned.strip()):
            continue
        lines.append(cleaned)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, title


def load_documents(path: Path, *, on_page: Callable[[int, int], None] | None = None) -> Iterator[Document]:
    """The narratives in one file: one for text and HTML, one per country heading for a PDF."""
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        with _opened(path):
            pass
        yield from (
            Document(f"{path}#{name}", text, title)
            for name, text, title in iter_pdf_narratives(path, on_page=on_page)
        )
        return
    data = _read_bytes(path)
    text = decode_utf8(data, str(path))
    if suffix in HTML_SUFFIXES or re.match(r"\s*(?:<!doctype html|<html)", text[:200], re.IGNORECASE):
        body, title = html_to_text(text)
        if not body.strip():
            raise _problem(ProblemCode.EMPTY_INPUT, str(path), "has no readable text once markup is removed")
        yield Document(str(path), body, title)
        return
    yield Document(str(path), text)
