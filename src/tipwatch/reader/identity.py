"""Which narrative this is: its heading, the jurisdiction's name as the narrative uses it, and the report
year (from a report label such as "2020 TIP Report" near the top, else from the file name)."""

from __future__ import annotations

import re
from pathlib import PurePath

import pycountry

from tipwatch.reader.model import Fact, Span
from tipwatch.reader.sentences import Sentences

_LINE = re.compile(r"[ \t\u00a0]*(?P<line>[^\n]{0,200})(?:\n|$)")
_LABEL = re.compile(r"\s*(?:[-–—|]\s*)?(?:Extracted|Excerpted|Taken|Reproduced|Source)\b.*$", re.IGNORECASE)
_HEADING_NOISE = re.compile(
    r"\(?\s*(?:Tier[\s\u00a0]*(?:2|II)[\s\u00a0]+Watch[\s\u00a0-]*List|Tier[\s\u00a0]*(?:[123]|I{1,3})|Special[\s\u00a0]+Case)\s*\)?"
    r"|[†‡*:]",
    re.IGNORECASE,
)
_REPORT_LABEL = re.compile(
    r"\b(?P<a>(?:19|20)\d\d)[\s\u00a0]+(?:TIP|Trafficking[\s\u00a0]+in[\s\u00a0]+Persons)[\s\u00a0]+Report"
    r"|\bTrafficking[\s\u00a0]+in[\s\u00a0]+Persons[\s\u00a0]+Report[\s\u00a0,:\-–]+(?P<b>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_FILE_YEAR = re.compile(r"(?<!\d)((?:19[89]|20[0-4])\d)(?!\d)")
_SUBJECT_VERB = re.compile(
    r"(?:^|[;:]|\b[Tt]herefore,?|\b[Tt]hus,?|\bso)[\s\u00a0]+(?:the[\s\u00a0]+)?"
    r"(?P<name>[A-Z][\w’'.\-]*(?:[\s\u00a0]+(?:[A-Z][\w’'.\-]*|of|and|the|da|de|del|d’Ivoire)){0,6}?)"
    r"[\s\u00a0]+(?:remained|remains|remain|was[\s\u00a0]+(?:up|down)graded|is[\s\u00a0]+(?:therefore[\s\u00a0]+)?placed"
    r"|is[\s\u00a0]+a[\s\u00a0]+Special|does[\s\u00a0]+not[\s\u00a0]+fully|fully[\s\u00a0]+meets)",
    re.MULTILINE,
)
_GOVERNMENT_OF = re.compile(
    r"\bThe[\s\u00a0]+Government[\s\u00a0]+of[\s\u00a0]+(?:the[\s\u00a0]+)?(?P<name>[A-Z][^\s,;()]*(?:[\s\u00a0]+(?:[A-Z][^\s,;()]*|of|and|the)){0,6}?)"
    r"(?:[\s\u00a0]+\([A-Z]+\))?[\s\u00a0]+(?:does|do|fully|is|has|meets)\b"
)
_PROFILE = re.compile(
    r"^(?:The[\s\u00a0]+)?(?P<name>[A-Z][\w’'\-]*(?:[\s\u00a0]+(?:[A-Z][\w’'\-]*|of|and|the)){0,5}?)[\s\u00a0]+is[\s\u00a0]+"
    r"(?:primarily[\s\u00a0]+|principally[\s\u00a0]+|mainly[\s\u00a0]+)?an?[\s\u00a0]+(?:source|destination|transit)",
    re.MULTILINE,
)
_GOVERNMENT_PREFIX = re.compile(r"^(?:The\s+)?Government\s+of\s+(?:the\s+)?|^The\s+", re.IGNORECASE)
_NOT_NAMES = frozenset({"government", "it", "authorities", "the government", "this", "there"})
_SMALL_WORDS = frozenset({"and", "of", "the", "da", "de", "del", "du", "la", "le"})


def _heading_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 22:
        return False
    looks_like_sentence = line.endswith(".") and len(words) > 6
    return not (
        looks_like_sentence or (re.search(r"\b(?:is|are|does|was|were)\b", line) and "Tier" not in line)
    )


def _looks_like_name(name: str) -> bool:
    """A country or territory name: a few words of letters, no digits or site punctuation."""
    words = name.split()
    return 0 < len(words) <= 6 and not re.search(r"[\d#@/|()–—]", name)


def find_heading(text: str) -> tuple[int, int] | None:
    """The offsets of the heading line: the first line when it is short and not a sentence; a line that
    is only a report label ("2023 Trafficking in Persons Report: Macau") is passed over for the next."""
    position = 0
    for _ in range(3):
        match = _LINE.match(text, position)
        if not match:
            return None
        line = match.group("line").strip()
        if not line:
            position = match.end()
            continue
        if not _heading_line(line):
            return None
        label_only = _REPORT_LABEL.search(line) and not _HEADING_NOISE.search(line.replace(":", ""))
        site_line = not _HEADING_NOISE.search(line.replace(":", "")) and not _looks_like_name(
            _clean_heading_name(line)
        )
        if (label_only or site_line) and match.end() < len(text):
            position = match.end()  # "Dokument #2111585 USDOS – US Department of State (Autor)"
            continue
        return match.start("line"), match.start("line") + len(match.group("line").rstrip())
    return None


def _span(text: str, sentences: Sentences, start: int, end: int) -> Span:
    return Span(start, end, text[start:end], sentences.sentence_at(start))


def _clean_heading_name(raw: str) -> str:
    name = _LABEL.sub("", raw)
    name = _REPORT_LABEL.sub(" ", name)
    name = re.sub(r"(?i)\bcountry[\s\u00a0]+narratives?\b|[|]", " ", name)
    name = _HEADING_NOISE.sub(" ", name)
    return " ".join(name.replace("\u00a0", " ").split()).strip(" -–—,")


def _case_from_body(name: str, text: str, after: int) -> str:
    if not name.isupper():
        return name
    pattern = re.compile(
        r"\b" + r"[\s\u00a0]+".join(re.escape(w) for w in name.split()) + r"\b", re.IGNORECASE
    )
    for found in pattern.finditer(text, after):
        if not found.group(0).isupper():
            return " ".join(found.group(0).split())
    words = [
        w.lower() if w.lower() in _SMALL_WORDS and i else w.capitalize() for i, w in enumerate(name.split())
    ]
    return " ".join(words)


def _expand_abbreviation(name: str, text: str) -> tuple[str, int, int] | None:
    """ "RMI" → ("Republic of the Marshall Islands", start, end) where the text defines "(RMI)"."""
    if not (name.isupper() and 2 <= len(name) <= 6 and name.isalpha()):
        return None
    found = re.search(
        r"(?P<long>(?:[A-Z][\w’'\-]*[\s\u00a0]+(?:(?:of|and|the)[\s\u00a0]+)*){1,7})\("
        + re.escape(name)
        + r"\)",
        text,
    )
    if not found:
        return None
    long = found.group("long").rstrip()
    prefix = re.match(r"(?:The\s+)?(?:Government\s+of\s+)?(?:the\s+)?", long)
    skip = prefix.end() if prefix else 0
    start = found.start("long") + skip
    return " ".join(long[skip:].split()), start, found.start("long") + len(long)


def _common_name(name: str) -> str:
    """A formal name that pycountry knows ("Republic of the Marshall Islands") → its short name, when the
    short name ends the formal one."""
    bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    for country in pycountry.countries:
        official = getattr(country, "official_name", None)
        if official and official.lower() == bare.lower():
            short = str(getattr(country, "common_name", None) or country.name)
            # only a formal prefix is dropped ("Republic of the Marshall Islands"), never a name the report
            # itself uses in its own form ("Kyrgyz Republic")
            return short if bare.lower().endswith(short.lower()) else bare
    return bare


def read_jurisdiction(text: str, sentences: Sentences, heading: tuple[int, int] | None) -> Fact | None:
    """The jurisdiction's name: from the heading, else the tier sentence, the "Government of X"
    sentence, or the trafficking profile ("X is a source … country")."""
    if heading is not None:
        raw = text[heading[0] : heading[1]]
        name = _clean_heading_name(raw)
        if name and not re.fullmatch(r"[\W\d_]*", name):
            words = r"[\s\u00a0,]+".join(re.escape(w) for w in name.split())
            found = re.search(words, raw, re.IGNORECASE)
            start, end = (found.start(), found.end()) if found else (0, len(raw))
            return Fact(
                _case_from_body(name, text, heading[1]),
                _span(text, sentences, heading[0] + start, heading[0] + end),
            )
    for pattern in (_SUBJECT_VERB, _GOVERNMENT_OF, _PROFILE):
        for match in pattern.finditer(text):
            name = " ".join(match.group("name").split())
            start, end = match.start("name"), match.end("name")
            prefix = _GOVERNMENT_PREFIX.match(name)
            if prefix:
                name, start = name[prefix.end() :], start + prefix.end()
            if not name or name.lower() in _NOT_NAMES or name.lower().startswith("government"):
                continue
            expanded = _expand_abbreviation(name, text)
            if expanded is not None:
                name, start, end = expanded
            return Fact(_common_name(name), _span(text, sentences, start, end))
    return None


def read_report_year(
    text: str,
    sentences: Sentences,
    heading: tuple[int, int] | None,
    file: str | None,
    title: str | None = None,
) -> Fact | None:
    """The report year from a label like "2020 TIP Report" near the top, else the page title, else the
    file name."""
    limit = max(heading[1] if heading else 0, min(len(text), 400))
    label = _REPORT_LABEL.search(text, 0, limit)
    if label:
        group = "a" if label.group("a") else "b"
        return Fact(int(label.group(group)), _span(text, sentences, label.start(group), label.end(group)))
    titled = _REPORT_LABEL.search(title) if title else None
    if title and titled:
        year = titled.group("a") or titled.group("b")
        return Fact(int(year), Span(None, None, title, "", source="title"))
    if file:
        stem = PurePath(file).name
        years = _FILE_YEAR.findall(stem)
        if years:
            return Fact(int(years[-1]), Span(None, None, stem, "", source="file name"))
    return None
