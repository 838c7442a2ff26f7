"""One narrative per document: a text that holds a second country's narrative is split, never read as one.

Every TIP country narrative opens with the same sentence, "The Government of X (does not) fully meet(s)
the minimum standards for the elimination of trafficking", once (older ones put the country profile first
and the opening later). A second line shaped like a country heading ("CHAD: TIER 2 WATCH LIST", "CHAD
(Tier 2 Watch List)", a bare "Tier 3"), or a second opening, starts another narrative: the text is cut
there, at the heading that precedes the opening when there is one. Each part keeps the document's title
(the report label, a source of the report year).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from tipwatch.reader.pdf import HEADING

_S = r"[\s\u00a0]+"
OPENING = re.compile(
    rf"\bThe{_S}Government{_S}of{_S}(?:the{_S})?(?P<name>[A-Z][^.;:\n]{{0,160}}?)"
    rf"{_S}(?:does{_S}not{_S}fully{_S}meet|fully{_S}meets){_S}the{_S}minimum{_S}standards"
)
_TIER = (
    r"(?::[\s\u00a0]*|[\s\u00a0]+\()(?i:TIER[\s\u00a0]+(?:1|2|3)(?:[\s\u00a0]+WATCH[\s\u00a0]+LIST)?"
    r"|SPECIAL[\s\u00a0]+CASE)\)?[\s\u00a0]*[†‡*]?(?=[\s\u00a0]|$)"
)
_TITLE_HEADING = re.compile(  # at a line's start, in any case: "Bahrain (Tier 1)", "CUBA: Tier 2 Watch List"
    r"^[ \t\u00a0]*(?P<name>[A-Z][\w’'.,\-& ]{1,60}?)" + _TIER, re.MULTILINE
)
_UPPER_HEADING = re.compile(  # anywhere, in capitals: "… training. CHAD (Tier 2 Watch List) Extracted …"
    r"(?<![\w’'])(?P<name>[A-Z][A-Z’'.\-& ÇÉÈÔÃÍÁÓÚÑÜ]{1,60}?)" + _TIER
)
_HEADING_REACH = 300
"""How far before an opening a heading of the same narrative may start (a heading line with a label)."""


def _part_start(text: str, opening: int) -> int:
    """Where the narrative whose opening is at ``opening`` starts: at its heading when one comes just
    before it (on the line before, or earlier on the same line), else at the opening."""
    window_start = max(0, opening - _HEADING_REACH)
    for pattern in (_TITLE_HEADING, _UPPER_HEADING):
        headings = list(pattern.finditer(text, window_start, opening))
        if headings:
            return headings[-1].start("name")
    return opening


_LINE = re.compile(r"^[ \t\u00a0]*(?P<line>\S[^\n]{0,200})$", re.MULTILINE)


def _is_heading_line(line: str) -> bool:
    """A line that is a country heading: "CHAD: TIER 2", "SPECIAL CASE: SOMALIA", or in any case a whole
    line such as "Bahrain (Tier 1)" (a label after it, "Extracted from …", is allowed)."""
    if HEADING.match(line):
        return True
    heading = _TITLE_HEADING.match(line) or _UPPER_HEADING.match(line)
    if heading is None:
        return False
    rest = line[heading.end() :].strip()
    return not rest or bool(
        re.match(r"(?i)[-–—|]?\s*(?:Extracted|Excerpted|Taken|Reproduced|Source)\b", rest)
    )


_BARE_TIER = re.compile(
    r"(?i)^\(?TIER[\s\u00a0]+(?:1|2|3)(?:[\s\u00a0]+WATCH[\s\u00a0]+LIST)?\)?$|^\(?SPECIAL[\s\u00a0]+CASE\)?$"
)


def narrative_starts(text: str) -> list[int]:
    """Offsets where a narrative starts after the first one (empty for a text of one narrative).

    Candidates are the heading lines and the openings (each moved back to a heading just before it). A
    candidate close after the one before it belongs to it (a heading, then its opening); the first one
    always belongs to the first narrative (whatever precedes it is that narrative's preamble); an opening
    that follows a heading of the same country with no opening yet is that narrative's own (older
    narratives put the country profile first).
    """
    candidates: list[tuple[int, bool, str | None]] = []  # (offset, is an opening, country named)
    for match in OPENING.finditer(text):
        candidates.append((_part_start(text, match.start()), True, match.group("name")))
    for match in _LINE.finditer(text):
        line = match.group("line").rstrip()
        if _is_heading_line(line) or _BARE_TIER.match(line):
            candidates.append((match.start("line"), False, _heading_name(line)))
    kept: list[int] = []
    name: str | None = None
    opened = False
    for offset, is_opening, named in sorted(candidates, key=lambda item: item[0]):
        if kept and offset - kept[-1] <= _HEADING_REACH:  # the same narrative's heading and opening
            name, opened = name or named, opened or is_opening
            continue
        if kept and is_opening and not opened and _same_country(name, named):
            opened = True
            continue
        kept.append(offset)
        name, opened = named, is_opening
    return kept[1:]


_NOT_NAME_WORDS = frozenset(
    {"the", "of", "and", "government", "republic", "special", "administrative", "region"}
)


def _name_words(name: str | None) -> set[str]:
    words = re.findall(r"[^\W\d_]+", re.sub(r"\([A-Z]+\)", " ", name or "").lower())
    return {word for word in words if word not in _NOT_NAME_WORDS}


def _same_country(first: str | None, second: str | None) -> bool:
    """True when the two names share a word that is a name ("NETHERLANDS", "the Netherlands"); a
    heading without a name (a bare "Tier 3") matches any."""
    a, b = _name_words(first), _name_words(second)
    return not a or not b or bool(a & b)


def _heading_name(line: str) -> str | None:
    heading = HEADING.match(line)
    if heading:
        return heading.group("name") or heading.group("special")
    found = _TITLE_HEADING.match(line) or _UPPER_HEADING.match(line)
    return found.group("name") if found else None


def split_narratives(text: str) -> Iterator[tuple[str | None, str]]:
    """``(name, text)`` of each narrative in ``text``: the first with ``name`` None, each further one with
    the country its opening or heading names. A heading on the opening's line is put on its own line."""
    starts = narrative_starts(text)
    if not starts:
        yield None, text
        return
    bounds = [0, *starts, len(text)]
    for number, (start, end) in enumerate(pairwise(bounds)):
        part = text[start:end].strip()
        if number == 0:
            yield None, part
            continue
        yield _name_of(part), _heading_on_its_own_line(part)


def _name_of(part: str) -> str:
    heading = _TITLE_HEADING.match(part) or _UPPER_HEADING.match(part)
    if heading:
        return " ".join(heading.group("name").split()).upper()
    opening = OPENING.search(part)
    name = opening.group("name") if opening else part[:40]
    return " ".join(re.sub(r"\([A-Z]+\)", "", name).split()).upper()


def _heading_on_its_own_line(part: str) -> str:
    opening = OPENING.search(part)
    if opening is None or opening.start() == 0:
        return part
    before = part[: opening.start()]
    if "\n" in before.strip():
        return part
    return before.rstrip() + "\n\n" + part[opening.start() :]
