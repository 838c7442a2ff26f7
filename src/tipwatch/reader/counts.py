"""Counts of investigations, prosecutions, convictions and identified victims, each with its span.

A count is a quantity — a number ("five", "21", "1,034"), "no"/"zero", or "any"/"a single" under a
negation ("did not … any") — followed by a few modifiers and a head noun ("traffickers", "cases",
"victims", "investigations", …), and governed by a verb before it ("investigated", "prosecuting",
"convicting", "identified", "did not report investigating, prosecuting, or convicting any …"). The field
comes from the governing verbs, or from the head noun ("initiated one prosecution").

Not counts (the field stays null unless another mention gives one): approximations ("more than 7,000"),
comparisons ("a decrease from 18 in 2018", "compared with 15 …"), figures for earlier years, statements
tied to "since YEAR" or "never" (those are claims), "did not report any information on …", and figures
limited to complicit officials. A zero limited to one form of trafficking ("any cases of labor
trafficking") counts only when the text also gives a zero for the other form ("did not obtain any sex
trafficking convictions … and never obtained a labor trafficking conviction"); positive counts of one
form ("convicting three sex traffickers") are counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tipwatch.reader.model import COUNT_FIELDS, Fact, Span
from tipwatch.reader.numbers import NUMBER_PATTERN, parse_number
from tipwatch.reader.sentences import Sentences

_QUANTITY = re.compile(
    rf"\b(?P<q>{NUMBER_PATTERN}|no|any|a[\s\u00a0]+single|a|zero)\b(?![,.]\d)",
    re.IGNORECASE,
)
_LEADING_CONNECTIVE = re.compile(
    r"(?:(?:and|or|but|including|included|includes|by|while|with|also|then|as|these|efforts)[\s\u00a0,]+)+",
    re.I,
)
_IMPLIED = "*"
_HEADS = "|".join(
    sorted(
        {
            "investigations",
            "prosecutions",
            "convictions",
            "victims",
            "traffickers",
            "cases",
            "suspects",
            "crimes",
            "defendants",
            "individuals",
        }
    )
)
_ELIDED_AFTER = re.compile(r"[\s\u00a0]*(?:[,;.)]|(?:and|in|during|under)\b)")
_FIELD_VERB_BEFORE = re.compile(
    r"\b(?:investigat|prosecut|convict|identif)\w*[\s\u00a0]+(?:only[\s\u00a0]+)?$", re.I
)
_AND_MORE = re.compile(
    r"(?:[\s\u00a0]+of[\s\u00a0]+(?:sex|labou?r|forced[\s\u00a0]+labou?r)(?:[\s\u00a0]+trafficking)?)?,?[\s\u00a0]+and[\s\u00a0]+"
    rf"(?P<n>{NUMBER_PATTERN})[\s\u00a0]+(?:[\w\-]+[\s\u00a0]+){{0,4}}?(?P<head>{_HEADS})\b",
    re.I,
)
_PASSIVE = re.compile(
    r"[\s\u00a0]+(?:were|was|had[\s\u00a0]+been|have[\s\u00a0]+been)[\s\u00a0]+(?:\w+[\s\u00a0]+)?"
    r"(?P<verb>investigated|prosecuted|convicted|identified)\b",
    re.I,
)
_EARLIER_PERIOD = re.compile(
    r"[\s\u00a0]*(?:(?:In|During)[\s\u00a0]+(?:calendar[\s\u00a0]+year[\s\u00a0]+)?(?P<year>(?:19|20)\d\d)\b"
    r"|(?:In|During)[\s\u00a0]+the[\s\u00a0]+(?:previous|prior|preceding)[\s\u00a0]+(?:reporting[\s\u00a0]+)?(?:period|year))",
)
_TRIGGER = re.compile(r"[Ii]nvestigat|[Pp]rosecut|[Cc]onvict|[Ii]dentif")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_TOKEN = re.compile(r"[A-Za-z0-9][\w’'\-]*|[,;:.()\[\]—–]")
_VERB_FIELDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^investigat(?:e|es|ed|ing)$"), "investigations"),
    (re.compile(r"^prosecut(?:e|es|ed|ing)$"), "prosecutions"),
    (re.compile(r"^convict(?:s|ed|ing)?$"), "convictions"),
    (re.compile(r"^identif(?:y|ies|ied|ying)$"), "victims_identified"),
)
_GENERIC_VERBS = re.compile(
    r"^(?:initiat|open|obtain|secur|report|record|conduct|achiev|launch|register|fil|pursu|complet|ha)"
    r"(?:e|es|ed|ing|s|d|ve)?$"
)
_NOUN_FIELDS = {
    "investigation": "investigations",
    "investigations": "investigations",
    "prosecution": "prosecutions",
    "prosecutions": "prosecutions",
    "conviction": "convictions",
    "convictions": "convictions",
}
_VICTIM_NOUNS = frozenset({"victim", "victims", "survivors"})
_OFFENDER_NOUNS = frozenset(
    [
        "trafficker",
        "traffickers",
        "suspect",
        "suspects",
        "case",
        "cases",
        "crime",
        "crimes",
        "individual",
        "individuals",
        "person",
        "persons",
        "people",
        "offense",
        "offenses",
        "offence",
        "offences",
        "defendant",
        "defendants",
        "perpetrator",
        "perpetrators",
        "offender",
        "offenders",
    ]
)
_STOP_NOUNS = frozenset(
    [
        "information",
        "efforts",
        "effort",
        "data",
        "action",
        "actions",
        "statistics",
        "details",
        "steps",
        "measures",
        "funding",
        "reports",
        "report",
        "progress",
        "law",
        "laws",
        "training",
        "shelter",
        "shelters",
        "services",
        "assistance",
        "time",
        "year",
        "years",
        "members",
        "officials",
        "official",
        "officers",
        "employees",
        "workers",
        "indicators",
        "number",
        "numbers",
    ]
)
_STOP_WORDS = frozenset(
    [
        "of",
        "in",
        "from",
        "than",
        "to",
        "for",
        "by",
        "with",
        "were",
        "was",
        "who",
        "which",
        "that",
        "on",
        "at",
        "as",
        "under",
        "over",
        "into",
        "since",
        "compared",
        "during",
        "between",
        "while",
        "whom",
        "whose",
        "their",
        "its",
        "the",
    ]
)
_APPROXIMATE = re.compile(
    r"\b(?:(?:more|fewer|less)\s+than|at\s+least|approximately|nearly|almost|about|around|over|roughly|up\s+to|"
    r"an\s+estimated|some|several|dozens|hundreds)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:(?:did|does|do|has|have|had|could|would)[\s\u00a0]+not|didn’t|didn't|hasn't|haven't|failed[\s\u00a0]+to|never)\b",
    re.IGNORECASE,
)
_UNKNOWN = re.compile(r"\b(?:if|whether|how[\s\u00a0]+many|information|data|details|statistics)\b", re.I)
_CLAIM_CONTEXT = re.compile(
    r"\bsince[\s\u00a0]+(?:19|20)\d\d\b|\bnever\b|\bfor[\s\u00a0]+the[\s\u00a0]+first[\s\u00a0]+time\b", re.I
)
_COMPARISON = re.compile(
    r"\b(?:compared|comparison|from|than|versus|vs|previous|prior|last|earlier|decrease|increase|down|up)\b",
    re.I,
)
_PREVIOUS_PERIOD = re.compile(
    r"^[\s,]*(?:in|during)[\s\u00a0]+(?:the[\s\u00a0]+)?(?:previous|prior|preceding)\b", re.I
)
_TAIL_YEAR = re.compile(r"^[^.;,]{0,40}?\bin[\s\u00a0]+(?P<year>(?:19|20)\d\d)\b")
_LABOR = re.compile(r"\blab(?:or|our)\b|\bforced[\s\u00a0-]+labou?r\b", re.I)
_SEX = re.compile(r"\bsex(?:ual)?\b", re.I)
_OFFICIALS = re.compile(
    r"\b(?:complicit|complicity|officials?|officers?|employees|civil[\s\u00a0]+servants|police)\b", re.I
)
_NON_GOVERNMENT = re.compile(
    r"\b(?:NGOs?|civil[\s\u00a0]+society|international[\s\u00a0]+organi[sz]ations?|foreign|observers|media|UNODC|IOM|UNHCR)\b"
)
_GOVERNMENT = re.compile(
    r"\b(?:government|authorities|officials|police|ministry|prosecutors|courts?)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Candidate:
    field: str
    value: int
    start: int
    end: int
    kind: str  # "all", "sex", "labor"


def _tokens_before(text: str, end: int, limit: int = 220) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text, max(0, end - limit), end))


def _governing_fields(text: str, q_start: int, negated: bool) -> tuple[set[str], bool, int]:
    """Fields of the verbs that govern the quantity at ``q_start``, whether a generic verb ("initiated",
    "reported") governs it, and where the governing segment begins."""
    tokens = _tokens_before(text, q_start)
    fields: set[str] = set()
    generic = False
    seg_start = q_start
    words = 0
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index].group(0)
        lower = token.lower()
        if token in ";:.()[]—–":
            break
        if token == ",":
            following = tokens[index + 1].group(0).lower() if index + 1 < len(tokens) else ""
            if following in ("and", "or"):
                following = tokens[index + 2].group(0).lower() if index + 2 < len(tokens) else ""
            if not negated and not any(p.match(following) for p, _ in _VERB_FIELDS):
                break
            continue
        seg_start = tokens[index].start()
        words += 1
        matched = False
        for pattern, name in _VERB_FIELDS:
            if pattern.match(lower):
                fields.add(name)
                matched = True
        if lower in _NOUN_FIELDS and words <= 3:  # "initiated prosecutions of 25 defendants"
            fields.add(_NOUN_FIELDS[lower])
            matched = True
        if not matched and _GENERIC_VERBS.match(lower):
            generic = True
        if negated and _NEGATION.match(text, tokens[index].start()):
            break
        if not negated and words >= 7:
            break
    return fields, generic, seg_start


def _read_object(text: str, start: int) -> tuple[list[str], list[str], int, list[int]] | None:
    """After a quantity: (modifier words, head nouns, end offset, extra numbers in a coordinated list)."""
    mods: list[str] = []
    heads: list[str] = []
    extra: list[int] = []
    end = start
    for match in _TOKEN.finditer(text, start, min(len(text), start + 160)):
        token = match.group(0)
        lower = token.lower()
        if lower in _NOUN_FIELDS or lower in _VICTIM_NOUNS or lower in _OFFENDER_NOUNS:
            heads.append(lower)
            end = match.end()
            nxt = re.match(
                r",?[\s\u00a0]+(?:and[\s\u00a0]+|or[\s\u00a0]+)?(?P<noun>[A-Za-z]+)", text[end : end + 30]
            )
            if nxt and lower in _NOUN_FIELDS and nxt.group("noun").lower() in _NOUN_FIELDS:
                continue
            return mods, heads, end, extra
        if heads:
            if lower in ("or", "and", ","):
                continue
            return mods, heads, end, extra
        if token in ",;:.()[]—–" or lower in _STOP_NOUNS or lower in _STOP_WORDS or len(mods) >= 6:
            return None
        number = parse_number(token) if (token[0].isdigit() or lower in _NUMBER_WORDS) else None
        if mods and mods[-1].lower() == "and":
            if number is None:
                return None
            extra.append(number)
        mods.append(token)
    return None


_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
    ]
)


def _kind(mods: list[str], tail: str) -> str | None:
    """ "all", "sex" or "labor" for the scope of a count; None when it is limited to officials."""
    words = " ".join(mods)
    scope = words + " " + tail
    if _OFFICIALS.search(scope):
        return None
    labor = bool(_LABOR.search(scope))
    sex = bool(_SEX.search(scope))
    if labor and not sex:
        return "labor"
    if sex and not labor:
        return "sex"
    return "all"


def _tail(text: str, end: int) -> str:
    match = re.match(r"[^.;]{0,80}", text[end:])
    tail = match.group(0) if match else ""
    of = re.match(
        r"[\s\u00a0]+(?:of|involving|against|related[\s\u00a0]+to|for)[\s\u00a0]+([^,;.]{0,60})", tail
    )
    return of.group(1) if of else ""


def _fields_for(heads: list[str], verb_fields: set[str]) -> set[str]:
    if heads == [_IMPLIED]:
        return set(verb_fields)
    chosen: set[str] = set()
    if any(h in _VICTIM_NOUNS for h in heads) and "victims_identified" in verb_fields:
        chosen.add("victims_identified")
    if any(h in _OFFENDER_NOUNS for h in heads):
        chosen |= verb_fields - {"victims_identified"}
    chosen |= {_NOUN_FIELDS[h] for h in heads if h in _NOUN_FIELDS}
    return chosen


def _last_negation(before: str) -> re.Match[str] | None:
    last = None
    for last in _NEGATION.finditer(before):  # noqa: B007 - the last one is wanted
        pass
    return last


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text near a field word; counts are looked for only there (fast on long texts)."""
    windows: list[tuple[int, int]] = []
    for trigger in _TRIGGER.finditer(text):
        lo, hi = max(0, trigger.start() - 110), min(len(text), trigger.end() + 110)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _quantities(text: str) -> Iterator[re.Match[str]]:
    for lo, hi in _windows(text):
        yield from _QUANTITY.finditer(text, lo, hi)


def _candidates(text: str, report_year: int | None) -> list[Candidate]:
    found: list[Candidate] = []
    for match in _quantities(text):
        q_start, q_end = match.start(), match.end()
        determiner = " ".join(match.group("q").lower().split())
        obj = _read_object(text, q_end)
        if (
            obj is None
            and _ELIDED_AFTER.match(text, q_end)
            and _FIELD_VERB_BEFORE.search(text, max(0, q_start - 40), q_start)
        ):
            obj = (
                [],
                [_IMPLIED],
                q_end,
                [],
            )  # "investigated 15 cases, prosecuted eight, and convicted three"
        if obj is None:
            continue
        mods, heads, end, extra = obj
        clause_start = (
            max(text.rfind(".", 0, q_start), text.rfind(";", 0, q_start), text.rfind("\n", 0, q_start)) + 1
        )
        negation = _last_negation(text[clause_start:q_start])
        is_never = negation is not None and negation.group(0).lower() == "never"
        if determiner in ("any", "a single", "a"):
            # "did not … any X" is a zero; "never … a/any X" only a zero of one form of trafficking
            if negation is None or (determiner == "a" and not is_never):
                continue
            value = 0
        elif determiner in ("no", "zero"):
            if negation is not None:
                continue
            value = 0
        else:
            parsed = parse_number(determiner)
            if parsed is None or negation is not None or _YEAR_LIKE.fullmatch(determiner):
                continue
            value = parsed + sum(extra)
            more = _AND_MORE.match(text, end)
            if (
                more
                and more.group("head").lower() == heads[-1]
                and (added := parse_number(more.group("n"))) is not None
            ):
                value, end = (
                    value + added,
                    more.end(),
                )  # "12 sex trafficking cases and 5 labor trafficking cases"
        verb_fields, _generic, seg_start = _governing_fields(text, q_start, negation is not None)
        passive = _PASSIVE.match(text, end)
        if passive:  # "34 traffickers were convicted"
            verb_fields |= {
                name for pattern, name in _VERB_FIELDS if pattern.match(passive.group("verb").lower())
            }
        if negation is not None:
            seg_start = min(seg_start, clause_start + negation.start())
            if _UNKNOWN.search(text, clause_start + negation.end(), q_start):
                continue  # "did not report if/whether/how many …": the data are missing
        lead = _LEADING_CONNECTIVE.match(text, seg_start, q_start)
        if lead:
            seg_start = lead.end()
        tail_text = text[end : end + 80]
        predicate = text[seg_start:end] + re.split(r"[.;,]", tail_text, maxsplit=1)[0]
        if value == 0 and not is_never and _CLAIM_CONTEXT.search(predicate):
            continue
        before = text[max(clause_start, q_start - 30) : q_start]
        if value and (
            _APPROXIMATE.search(before) or _COMPARISON.search(before) or _PREVIOUS_PERIOD.match(tail_text)
        ):
            continue
        year = _TAIL_YEAR.match(tail_text)
        if year and report_year is not None and int(year.group("year")) < report_year - 1:
            continue
        subject = text[clause_start:q_start]
        earlier = _EARLIER_PERIOD.match(subject)
        if (
            value
            and earlier
            and (
                earlier.group("year") is None
                or (report_year is not None and int(earlier.group("year")) < report_year - 1)
            )
        ):
            continue  # "In 2019, authorities investigated 45 cases" / "In the previous reporting period, …"
        if value and _NON_GOVERNMENT.search(subject) and not _GOVERNMENT.search(subject):
            continue
        kind = _kind(mods, _tail(text, end))
        if kind is None or (is_never and kind == "all"):
            continue
        for name in _fields_for(heads, verb_fields):
            found.append(Candidate(name, value, seg_start, end, kind))
    return found


def read_counts(text: str, sentences: Sentences, report_year: int | None = None) -> dict[str, Fact]:
    """The count of each field that the text states for the reporting period (absent: not stated)."""
    facts: dict[str, Fact] = {}
    candidates = sorted(_candidates(text, report_year), key=lambda c: c.start)
    for name in COUNT_FIELDS:
        mine = [c for c in candidates if c.field == name]
        general = next((c for c in mine if c.kind == "all"), None)
        if general is None:
            zero_sex = next((c for c in mine if c.kind == "sex" and c.value == 0), None)
            zero_labor = next((c for c in mine if c.kind == "labor" and c.value == 0), None)
            positive = next((c for c in mine if c.kind in ("sex", "labor") and c.value > 0), None)
            if zero_sex and zero_labor:
                general = min(zero_sex, zero_labor, key=lambda c: c.start)
            elif positive is not None:
                general = positive
        if general is not None:
            span = Span(
                general.start,
                general.end,
                text[general.start : general.end],
                sentences.sentence_at(general.start),
            )
            facts[name] = Fact(general.value, span)
    return facts
