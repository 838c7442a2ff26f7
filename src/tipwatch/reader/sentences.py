"""Sentence segmentation with character offsets, tuned to the TIP Report's prose.

Boundaries are line breaks, bullets, and a full stop (or ? !) followed by space or a capital letter —
except after abbreviations such as "Jan.", "U.S." or "No.". Offsets index the original text, so a
sentence is always ``text[start:end]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "dept",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.n",
        "approx",
        "art",
        "arts",
        "para",
        "gov",
        "govt",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
    ]
)
# a candidate boundary: [.?!] and closing quotes/brackets, then spaces and the next sentence's first char;
# or a full stop glued to a capitalised word ("…Law 006/PR/18.Develop formal…"); or a line break; or a bullet
_BOUNDARY = re.compile(
    r"(?P<stop>[.?!][”\"’')\]]*)(?:[ \t\u00a0]+(?=[\"“‘(\[A-Z0-9•*])|(?=[A-Z][a-z]))"
    r"|(?P<newline>[ \t\u00a0]*\n\s*)"
    r"|(?P<bullet>[ \t\u00a0]*[•▪●]\s*|(?<=[.;:])[ \t\u00a0]+\*[ \t\u00a0]+)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


@dataclass(frozen=True, slots=True)
class Sentences:
    """The sentences of one text: ``spans[i] = (start, end)``; ``at(offset)`` finds the one around it."""

    text: str
    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return (0, 0) if not self.spans else self.spans[0]
        return self.spans[index]

    def sentence_at(self, offset: int) -> str:
        start, end = self.at(offset)
        return self.text[start:end]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)


def _is_abbreviation(text: str, stop_at: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, stop_at - 12), stop_at)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> Sentences:
    """Split ``text`` into sentences; leading/trailing whitespace and bullets are not part of one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group("stop") is not None:
            if _is_abbreviation(text, match.start()):
                continue
            end = match.end("stop")
        else:
            end = match.start()
        _add(text, spans, start, end)
        start = match.end()
    _add(text, spans, start, len(text))
    return Sentences(text, tuple(spans), tuple(s for s, _ in spans))


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start] in " \t\u00a0\n\r•*▪●":
        start += 1
    while end > start and text[end - 1] in " \t\u00a0\n\r":
        end -= 1
    if end > start:
        spans.append((start, end))
