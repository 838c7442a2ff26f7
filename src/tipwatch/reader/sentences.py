"""Sentence segmentation with character offsets, tuned to the TIP Report's prose.

Boundaries are line breaks, bullets, and a full stop (or ? !) followed by space or a capital letter —
except after abbreviations such as "Jan.", "U.S." or "No.". Offsets index the original text, so a
sentence is always ``text[start:end]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

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


class Sentences:
    """The sentences of one text, found lazily: ``at(offset)`` segments only a window around the offset,
    so a long narrative costs nothing beyond the few sentences that facts point into."""

    WINDOW = 2000

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []

    def _segment(self, lo: int, hi: int) -> None:
        # start at a line break (always a boundary) so the window's first sentence is whole
        newline = self.text.rfind("\n", 0, lo)
        lo = newline + 1 if newline != -1 else 0
        for span in _segment(self.text, lo, hi):
            index = bisect_right(self._starts, span[0])
            if index and self._spans[index - 1] == span:
                continue
            self._spans.insert(index, span)
            self._starts.insert(index, span[0])

    def _lookup(self, offset: int) -> tuple[int, int] | None:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and self._spans[index][0] <= offset <= self._spans[index][1]:
            return self._spans[index]
        return None

    def at(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence around ``offset`` (the one before, between sentences)."""
        span = self._lookup(offset)
        window = self.WINDOW
        while span is None:
            lo, hi = max(0, offset - window), min(len(self.text), offset + window)
            self._segment(lo, hi)
            span = self._lookup(offset)
            if lo == 0 and hi == len(self.text):
                break
            window *= 4
        if span is None:
            index = bisect_right(self._starts, offset) - 1
            return self._spans[index] if index >= 0 else (offset, offset)
        return span

    def sentence_at(self, offset: int) -> str:
        start, end = self.at(offset)
        return self.text[start:end]

    def all(self) -> list[tuple[int, int]]:
        """Every sentence of the text, in order."""
        return _segment(self.text, 0, len(self.text))


def _is_abbreviation(text: str, stop_at: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, stop_at - 12), stop_at)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> Sentences:
    """The sentences of ``text`` (segmented on demand); leading/trailing whitespace and bullets are not
    part of a sentence."""
    return Sentences(text)


def _segment(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = lo
    for match in _BOUNDARY.finditer(text, lo, hi):
        if match.group("stop") is not None:
            if _is_abbreviation(text, match.start()):
                continue
            end = match.end("stop")
        else:
            end = match.start()
        _add(text, spans, start, end)
        start = match.end()
    if hi == len(text):
        _add(text, spans, start, hi)
    return spans


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start] in " \t\u00a0\n\r•*▪●":
        start += 1
    while end > start and text[end - 1] in " \t\u00a0\n\r":
        end -= 1
    if end > start:
        spans.append((start, end))
