"""The prioritized recommendations, as a list of items.

They follow a "PRIORITIZED RECOMMENDATIONS" / "RECOMMENDATIONS FOR X" heading, or — where a copy dropped
the heading — make up the paragraph after the summary that opens with an imperative ("Increase …",
"Vigorously investigate …"). Items are separated by bullets, line breaks, semicolons (older reports) or a
full stop glued to the next item.
"""

from __future__ import annotations

import re

_HEADING = re.compile(
    r"^[ \t\u00a0]*(?:PRIORITIZED[ \t\u00a0]+)?RECOMMENDATIONS(?:[ \t\u00a0]+FOR[ \t\u00a0]+[^\n:]{1,60})?[ \t\u00a0]*:?[ \t\u00a0]*$"
    r"|\bRecommendations[ \t\u00a0]+for[ \t\u00a0]+[A-Z][^\n:]{0,60}:",
    re.MULTILINE | re.IGNORECASE,
)
_BULLETS = "•▪●*-"
_IMPERATIVE = re.compile(
    r"(?:[•▪●*\-][ \t\u00a0]*)?(?:(?:Significantly|Vigorously|Proactively|Systematically|Consistently|Formally|Further|Continue[ \t\u00a0]+to|"
    r"While[ \t\u00a0]+respecting[ \t\u00a0]+due[ \t\u00a0]+process,)[ \t\u00a0]+)*"
    r"(?:Increase|Strengthen|Investigate|Prosecute|Train|Provide|Develop|Adopt|Implement|Enact|Amend|Draft|Ensure|"
    r"Establish|Allocate|Reform|Cease|Take|Grant|Improve|Expand|Institute|Conduct|Sentence|Fund|Screen|Identify|"
    r"Seek|Criminalize|End|Incorporate|Include|Hold|Make|Create|Collect|Raise|Finalize|Accede|Undertake|Revise|"
    r"Eliminate|Pass|Approve|Dedicate|Continue|Cooperate|Issue|Publish|Protect|Refer|Remove|Reduce|Require|"
    r"Pursue|Apply|Allow|Encourage|Partner|Support|Promote|Monitor|Harmonize|Clarify|Update|Designate|Extend|"
    r"Enforce|Operationalize|Adequately|Effectively|Use|Resume|Prohibit|Consider|Disseminate|Empower|Engage)\b",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(
    r"[ \t\u00a0]*(?:\n|[•▪●]|(?<=[.;:])[ \t\u00a0]+\*[ \t\u00a0]+|^[ \t\u00a0]*\*[ \t\u00a0]+)[ \t\u00a0]*",
    re.MULTILINE,
)
_GLUED = re.compile(r"(?<=[a-z0-9)])\.(?=[A-Z][a-z])")
_SEMICOLON = re.compile(r";[ \t\u00a0]+(?:and[ \t\u00a0]+)?")


def _starts_item(line: str) -> bool:
    stripped = line.lstrip(" \t\u00a0")
    return stripped[:1] in _BULLETS or bool(_IMPERATIVE.match(stripped))


def _section(text: str, summary_end: int) -> str:
    heading = _HEADING.search(text)
    if heading:
        start = heading.end()
    else:
        paragraph = re.compile(r"\n").search(text, summary_end)
        if not paragraph:
            return ""
        start = paragraph.end()
    lines: list[str] = []
    for line in text[start:].split("\n"):
        if not line.strip():
            continue
        if (heading and not lines) or _starts_item(line):
            lines.append(line)
            continue
        break
    return "\n".join(lines)


def read_recommendations(text: str, summary_end: int) -> list[str]:
    """The recommendation items, in order; empty when the text has none."""
    items: list[str] = []
    for chunk in _ITEM_SPLIT.split(_section(text, summary_end)):
        for piece in _GLUED.split(chunk):
            parts = _SEMICOLON.split(piece) if piece.count(";") >= 1 and len(piece) > 200 else [piece]
            for part in parts:
                item = " ".join(part.replace("\u00a0", " ").split()).strip(" *•")
                item = re.sub(r"^and\s+", "", item).rstrip(".; ")
                if len(item) > 3:
                    items.append(item[0].upper() + item[1:])
    return items
