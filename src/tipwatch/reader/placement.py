"""The tier, its movement, and the two minimum-standards judgments, read from the report's fixed wording.

- tier: from the tier sentence ("therefore X remained on Tier 3", "was upgraded to Tier 2", "is placed on
  Tier 2 Watch List", "is a Special Case") or, failing that, from the heading ("CHAD (Tier 2 Watch List)",
  "CURAÇAO: Tier 2†", "SPECIAL CASE: SOMALIA"); the sentence wins when both exist.
- movement: only from an explicit "remained on" / "remain(s) on" / "was upgraded to" / "was downgraded to".
- fully_meets_minimum_standards: "fully meets" / "fully complies" (true), "does not fully meet/comply"
  (false).
- making_significant_efforts: "is (not) making significant/any efforts".
"""

from __future__ import annotations

import re

from tipwatch.evidence import Movement, Tier
from tipwatch.reader.model import Fact, Span
from tipwatch.reader.sentences import Sentences

_TIER = (
    r"(?P<tier>Tier[\s\u00a0]*(?:2|II|Two)[\s\u00a0]+Watch[\s\u00a0-]*List|Tier[\s\u00a0]*(?:[123]|I{1,3}|One|Two|Three)\b"
    r"|(?:the[\s\u00a0]+)?Special[\s\u00a0]+Case)"
)
_TIER_SENTENCE = re.compile(
    r"\b(?:(?P<move>remained|remains|remain|(?:was|is|has[\s\u00a0]+been)[\s\u00a0]+(?:(?:therefore|thus|automatically|again)[\s\u00a0,]+)?(?P<dir>up|down)graded)"
    r"[\s\u00a0]+(?:on|to|at|as)[\s\u00a0]+(?:the[\s\u00a0]+)?"
    r"|(?:is|was|has[\s\u00a0]+been)[\s\u00a0]+(?:therefore[\s\u00a0]+)?(?:placed|ranked|moved|kept)[\s\u00a0]+(?:on|in|to)[\s\u00a0]+(?:the[\s\u00a0]+)?"
    r"|(?:is|remains|was)[\s\u00a0]+(?:again[\s\u00a0]+)?(?:a|an)[\s\u00a0]+(?=Special))" + _TIER,
    re.IGNORECASE,
)
_HEADING_TIER = re.compile(_TIER + r"|Watch[\s\u00a0]*List", re.IGNORECASE)
_FULLY = re.compile(
    r"\b(?P<neg>(?:does|do|did)[\s\u00a0]+not[\s\u00a0]+)?fully[\s\u00a0]+(?:meets?|compl(?:y|ies))"
    r"(?:[\s\u00a0]+with)?[\s\u00a0]+the[\s\u00a0]+minimum[\s\u00a0]+standards",
    re.IGNORECASE,
)
_MEETS = re.compile(
    r"\b(?:government|authorities|Government[\s\u00a0]+of[\s\u00a0]+[^.;]{1,90}?)[\s\u00a0]+(?:meets|meet|complies[\s\u00a0]+with)"
    r"[\s\u00a0]+the[\s\u00a0]+minimum[\s\u00a0]+standards",
)
_EFFORTS = re.compile(
    r"\b(?:is|are)[\s\u00a0]+(?:deemed[\s\u00a0]+)?(?P<neg>not[\s\u00a0]+)?(?:to[\s\u00a0]+be[\s\u00a0]+)?making"
    r"[\s\u00a0]+(?:significant|any|sufficient)[\s\u00a0]+efforts",
    re.IGNORECASE,
)


def tier_from_words(words: str) -> Tier:
    key = " ".join(words.lower().split())
    if "special" in key:
        return Tier.SPECIAL
    if "watch" in key:
        return Tier.WATCH_LIST
    return Tier.parse(key.replace("three", "3").replace("two", "2").replace("one", "1"))


def _span(text: str, sentences: Sentences, start: int, end: int) -> Span:
    return Span(start, end, text[start:end], sentences.sentence_at(start))


def read_placement(text: str, sentences: Sentences, heading: tuple[int, int] | None) -> dict[str, Fact]:
    """The tier, movement and both judgments that the text states (absent keys: not stated)."""
    facts: dict[str, Fact] = {}
    match = _TIER_SENTENCE.search(text)
    if match:
        span = _span(text, sentences, match.start(), match.end())
        facts["tier"] = Fact(str(tier_from_words(match.group("tier"))), span)
        move = (match.group("move") or "").lower()
        if move.startswith("remain"):
            facts["movement"] = Fact(str(Movement.REMAINED), span)
        elif match.group("dir"):
            direction = Movement.UPGRADED if match.group("dir").lower() == "up" else Movement.DOWNGRADED
            facts["movement"] = Fact(str(direction), span)
    elif heading is not None:
        found = _HEADING_TIER.search(text, heading[0], heading[1])
        if found:
            span = _span(text, sentences, found.start(), found.end())
            facts["tier"] = Fact(str(tier_from_words(found.group(0))), span)
    fully = _FULLY.search(text)
    if fully:
        facts["fully_meets_minimum_standards"] = Fact(
            not fully.group("neg"), _span(text, sentences, fully.start(), fully.end())
        )
    else:
        meets = _MEETS.search(text)
        if meets:
            facts["fully_meets_minimum_standards"] = Fact(
                True, _span(text, sentences, meets.start(), meets.end())
            )
    tier = facts.get("tier")
    if tier is not None and tier.value == str(Tier.SPECIAL):
        facts.pop("fully_meets_minimum_standards", None)
        return facts
    meets_standards = facts.get("fully_meets_minimum_standards")
    if meets_standards is not None and meets_standards.value is True:
        return facts
    efforts = _EFFORTS.search(text)
    if efforts:
        facts["making_significant_efforts"] = Fact(
            not efforts.group("neg"), _span(text, sentences, efforts.start(), efforts.end())
        )
    return facts
