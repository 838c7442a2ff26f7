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

from tipwatch.reader import count_lexicon as lex
from tipwatch.reader.model import COUNT_FIELDS, Fact, Span
from tipwatch.reader.numbers import parse_number
from tipwatch.reader.sentences import Sentences

_Object = tuple[list[str], list[str], int, list[int]]  # modifiers, heads, end, added counts


@dataclass(frozen=True, slots=True)
class Candidate:
    field: str
    value: int
    start: int
    end: int
    kind: str  # "all", "sex", "labor"


def _tokens_before(text: str, end: int, limit: int = 220) -> list[re.Match[str]]:
    return list(lex.TOKEN.finditer(text, max(0, end - limit), end))


def _governing_fields(text: str, q_start: int, negated: bool) -> tuple[set[str], int]:
    """Fields of the verbs (or field nouns) that govern the quantity at ``q_start``, and where the
    governing segment begins."""
    tokens = _tokens_before(text, q_start)
    fields: set[str] = set()
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
            if not negated and not any(p.match(following) for p, _ in lex.VERB_FIELDS):
                break
            continue
        seg_start = tokens[index].start()
        words += 1
        for pattern, name in lex.VERB_FIELDS:
            if pattern.match(lower):
                fields.add(name)
        if lower in lex.NOUN_FIELDS and words <= 3:  # "initiated prosecutions of 25 defendants"
            fields.add(lex.NOUN_FIELDS[lower])
        if negated and lex.NEGATION.match(text, tokens[index].start()):
            break
        if not negated and words >= 7:
            break
    return fields, seg_start


def _read_object(text: str, start: int) -> _Object | None:
    """After a quantity: (modifier words, head nouns, end offset, extra numbers in a coordinated list)."""
    mods: list[str] = []
    heads: list[str] = []
    extra: list[int] = []
    end = start
    for match in lex.TOKEN.finditer(text, start, min(len(text), start + 160)):
        token = match.group(0)
        lower = token.lower()
        if lower in lex.NOUN_FIELDS or lower in lex.VICTIM_NOUNS or lower in lex.OFFENDER_NOUNS:
            heads.append(lower)
            end = match.end()
            nxt = re.match(
                r",?[\s\u00a0]+(?:and[\s\u00a0]+|or[\s\u00a0]+)?(?P<noun>[A-Za-z]+)", text[end : end + 30]
            )
            if nxt and lower in lex.NOUN_FIELDS and nxt.group("noun").lower() in lex.NOUN_FIELDS:
                continue
            return mods, heads, end, extra
        if heads:
            if lower in ("or", "and", ","):
                continue
            return mods, heads, end, extra
        if token in ",;:.()[]—–" or lower in lex.STOP_NOUNS or lower in lex.STOP_WORDS or len(mods) >= 6:
            return None
        number = parse_number(token) if (token[0].isdigit() or lower in lex.NUMBER_WORDS) else None
        if mods and mods[-1].lower() == "and":
            if number is None:
                return None
            extra.append(number)
        mods.append(token)
    return None


def _kind(mods: list[str], tail: str) -> str | None:
    """ "all", "sex" or "labor" for the scope of a count; None when it is limited to officials."""
    words = " ".join(mods)
    scope = words + " " + tail
    if lex.OFFICIALS.search(scope):
        return None
    labor = bool(lex.LABOR.search(scope))
    sex = bool(lex.SEX.search(scope))
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
    if heads == [lex.IMPLIED]:
        return set(verb_fields)
    chosen: set[str] = set()
    if any(h in lex.VICTIM_NOUNS for h in heads) and "victims_identified" in verb_fields:
        chosen.add("victims_identified")
    if any(h in lex.OFFENDER_NOUNS for h in heads):
        chosen |= verb_fields - {"victims_identified"}
    chosen |= {lex.NOUN_FIELDS[h] for h in heads if h in lex.NOUN_FIELDS}
    return chosen


def _last_negation(before: str) -> re.Match[str] | None:
    last = None
    for last in lex.NEGATION.finditer(before):  # noqa: B007 - the last one is wanted
        pass
    return last


def _trigger_positions(text: str) -> list[int]:
    """Where a field word starts ("investigat…", "Prosecut…", …): plain substring search, which is far
    faster than a regular expression over a long text."""
    positions: list[int] = []
    for stem in lex.TRIGGER_STEMS:
        at = text.find(stem)
        while at != -1:
            positions.append(at)
            at = text.find(stem, at + len(stem))
    return sorted(positions)


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text near a field word; counts are looked for only there (fast on long texts)."""
    windows: list[tuple[int, int]] = []
    for position in _trigger_positions(text):
        lo, hi = max(0, position - 110), min(len(text), position + 120)
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
        yield from lex.QUANTITY.finditer(text, lo, hi)


def _object_at(text: str, q_start: int, q_end: int) -> _Object | None:
    """The counted object after a quantity, or the elided one of a list of field verbs."""
    obj = _read_object(text, q_end)
    if (
        obj is None
        and lex.ELIDED_AFTER.match(text, q_end)
        and lex.FIELD_VERB_BEFORE.search(text, max(0, q_start - 40), q_start)
    ):
        # "investigated 15 cases, prosecuted eight, and convicted three"
        obj = ([], [lex.IMPLIED], q_end, [])
    return obj


def _value(
    text: str, determiner: str, negation: re.Match[str] | None, heads: list[str], extra: list[int], end: int
) -> tuple[int, int] | None:
    """The stated value and where its phrase ends, or None when the quantity states no count."""
    is_never = negation is not None and negation.group(0).lower() == "never"
    if determiner in ("any", "a single", "a"):
        # "did not … any X" is a zero; "never … a/any X" only a zero of one form of trafficking
        if negation is None or (determiner == "a" and not is_never):
            return None
        return 0, end
    if determiner in ("no", "zero"):
        return None if negation is not None else (0, end)
    parsed = parse_number(determiner)
    if parsed is None or negation is not None or lex.YEAR_LIKE.fullmatch(determiner):
        return None
    value = parsed + sum(extra)
    more = lex.AND_MORE.match(text, end)
    if (
        more
        and more.group("head").lower() == heads[-1]
        and (added := parse_number(more.group("n"))) is not None
    ):
        return value + added, more.end()  # "12 sex trafficking cases and 5 labor trafficking cases"
    return value, end


def _segment(
    text: str, q_start: int, end: int, clause_start: int, negation: re.Match[str] | None
) -> tuple[set[str], int] | None:
    """The fields the governing verbs name and where the claim's segment starts; None when the data are
    missing ("did not report whether …")."""
    verb_fields, seg_start = _governing_fields(text, q_start, negation is not None)
    passive = lex.PASSIVE.match(text, end)
    if passive:  # "34 traffickers were convicted"
        verb_fields |= {
            name for pattern, name in lex.VERB_FIELDS if pattern.match(passive.group("verb").lower())
        }
    if negation is not None:
        seg_start = min(seg_start, clause_start + negation.start())
        if lex.UNKNOWN.search(text, clause_start + negation.end(), q_start):
            return None  # "did not report if/whether/how many …": the data are missing
    lead = lex.LEADING_CONNECTIVE.match(text, seg_start, q_start)
    return verb_fields, (lead.end() if lead else seg_start)


def _out_of_scope(
    text: str, value: int, is_never: bool, spans: tuple[int, int, int, int], report_year: int | None
) -> bool:
    """Whether the count is not the government's own for the reporting period: a claim's context, an
    approximation or comparison, an earlier period, or a non-government subject."""
    clause_start, seg_start, q_start, end = spans
    tail_text = text[end : end + 80]
    predicate = text[seg_start:end] + re.split(r"[.;,]", tail_text, maxsplit=1)[0]
    if value == 0 and not is_never and lex.CLAIM_CONTEXT.search(predicate):
        return True
    before = text[max(clause_start, q_start - 30) : q_start]
    if value and (
        lex.APPROXIMATE.search(before)
        or lex.COMPARISON.search(before)
        or lex.PREVIOUS_PERIOD.match(tail_text)
    ):
        return True
    year = lex.TAIL_YEAR.match(tail_text)
    if year and report_year is not None and int(year.group("year")) < report_year - 1:
        return True
    subject = text[clause_start:q_start]
    earlier = lex.EARLIER_PERIOD.match(subject)
    if (
        value
        and earlier
        and (
            earlier.group("year") is None
            or (report_year is not None and int(earlier.group("year")) < report_year - 1)
        )
    ):
        return True  # "In 2019, authorities investigated 45 cases" / "In the previous reporting period, …"
    return bool(value and lex.NON_GOVERNMENT.search(subject) and not lex.GOVERNMENT.search(subject))


def _candidates(text: str, report_year: int | None) -> list[Candidate]:
    found: list[Candidate] = []
    for match in _quantities(text):
        q_start, q_end = match.start(), match.end()
        obj = _object_at(text, q_start, q_end)
        if obj is None:
            continue
        mods, heads, end, extra = obj
        clause_start = (
            max(text.rfind(".", 0, q_start), text.rfind(";", 0, q_start), text.rfind("\n", 0, q_start)) + 1
        )
        negation = _last_negation(text[clause_start:q_start])
        is_never = negation is not None and negation.group(0).lower() == "never"
        determiner = " ".join(match.group("q").lower().split())
        stated = _value(text, determiner, negation, heads, extra, end)
        if stated is None:
            continue
        value, end = stated
        segment = _segment(text, q_start, end, clause_start, negation)
        if segment is None:
            continue
        verb_fields, seg_start = segment
        if _out_of_scope(text, value, is_never, (clause_start, seg_start, q_start, end), report_year):
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
