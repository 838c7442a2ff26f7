"""Claims over time: "for the Nth consecutive year" (also "… reporting period", "Nth year in a row") and
"since YEAR" statements tied to government action or inaction, each as the clause that carries it."""

from __future__ import annotations

import re

from tipwatch.reader.model import Claim, Span
from tipwatch.reader.numbers import ORDINAL_PATTERN, parse_ordinal
from tipwatch.reader.sentences import Sentences

_CONSECUTIVE = re.compile(
    rf"[Ff]or[\s\u00a0]+(?:the|a)[\s\u00a0]+(?P<n>{ORDINAL_PATTERN})[\s\u00a0]+"
    r"(?:consecutive[\s\u00a0]+(?:year|reporting[\s\u00a0]+period)|(?:straight[\s\u00a0]+)?year[\s\u00a0]+in[\s\u00a0]+a[\s\u00a0]+row)\b",
)
_SINCE = re.compile(
    r"\bsince[\s\u00a0]+(?P<year>(?:19|20)\d\d)\b(?![\s\u00a0]*(?:[-–/]|law|Law|Act|act|Plan|plan|Constitution))"
)
_CONNECTIVE = re.compile(r"^(?:and|but|or|as|while|although|because|whereas)[\s\u00a0,]+", re.IGNORECASE)
_LEAD_IN = re.compile(r"\b(?:included|including|includes|by)[\s\u00a0]+(?=\w+ing\b)")
_ACTOR = re.compile(
    r"govern|authorit|official|court|police|ministr|regime|prosecutor|judg|law[\s\u00a0]+enforcement|"
    r"convict|prosecut|investigat|identif|victims",
    re.IGNORECASE,
)
_FIRST = re.compile(r"^the[\s\u00a0]+first\b", re.IGNORECASE)


def _boundaries(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if text[i] in ",;:"]


def _strip_start(text: str, start: int, end: int) -> int:
    while start < end:
        chunk = text[start:end]
        stripped = len(chunk) - len(chunk.lstrip(" \t\u00a0\n,;:"))
        if stripped:
            start += stripped
            continue
        connective = _CONNECTIVE.match(chunk)
        if not connective:
            break
        start += connective.end()
    return start


def _claim(text: str, sentences: Sentences, start: int, end: int, number: int) -> Claim:
    return Claim(text[start:end], number, Span(start, end, text[start:end], sentences.sentence_at(start)))


def read_consecutive_claims(text: str, sentences: Sentences) -> list[Claim]:
    claims: list[Claim] = []
    if "consecutive" not in text and "in a row" not in text:
        return claims
    for match in _CONSECUTIVE.finditer(text):
        if match.start() and text[match.start() - 1].isalnum():
            continue
        number = parse_ordinal(match.group("n"))
        if number is None:
            continue
        s_start, s_end = sentences.at(match.start())
        s_end = s_end - 1 if text[s_end - 1] in ".!?" else s_end
        before = [b for b in _boundaries(text, s_start, match.start()) if text[b] == ";"]
        clause_start = _strip_start(text, (before[-1] + 1) if before else s_start, match.start())
        if clause_start >= match.start():  # leading phrase: "For the sixth consecutive year, X did not …"
            after = list(_boundaries(text, match.end() + 1, s_end))
            end = after[0] if after else s_end
            claims.append(_claim(text, sentences, match.start(), end, number))
        else:  # trailing phrase: "… remained on Tier 2 Watch List for the second consecutive year"
            commas = _boundaries(text, s_start, match.start())
            start = _strip_start(text, (commas[-1] + 1) if commas else s_start, match.start())
            claims.append(_claim(text, sentences, start, match.end(), number))
    return claims


def _since_matches(text: str) -> list[re.Match[str]]:
    """ "since YEAR" matches, found by substring search first (fast on long texts)."""
    found: list[re.Match[str]] = []
    for word in ("since", "Since"):
        at = text.find(word)
        while at != -1:
            match = _SINCE.match(text, at)
            if match:
                found.append(match)
            at = text.find(word, at + 5)
    return sorted(found, key=lambda m: m.start())


def read_since_claims(text: str, sentences: Sentences) -> list[Claim]:
    claims: list[Claim] = []
    for match in _since_matches(text):
        if match.start() and text[match.start() - 1].isalnum():
            continue
        s_start, _ = sentences.at(match.start())
        cuts = _boundaries(text, s_start, match.start())
        start = _strip_start(text, (cuts[-1] + 1) if cuts else s_start, match.start())
        if _FIRST.match(text[start:]) and cuts:
            earlier = cuts[:-1]
            start = _strip_start(text, (earlier[-1] + 1) if earlier else s_start, match.start())
        lead_in = None
        for lead_in in _LEAD_IN.finditer(text, start, match.start()):  # noqa: B007 - the last one
            pass
        if lead_in is not None:
            start = lead_in.end()
        if not _ACTOR.search(sentences.sentence_at(match.start())):
            continue  # "Since 2011, the conflict has displaced …": not about what the government did
        claims.append(_claim(text, sentences, start, match.end(), int(match.group("year"))))
    return claims
