"""The vocabulary of count phrases in the report's language: quantities, verbs and head nouns per field,
words that stop a noun phrase, and the patterns that mark a figure as approximate, comparative, earlier,
limited to one group, or stated by someone other than the government. Used by :mod:`.counts`."""

from __future__ import annotations

import re

from tipwatch.reader.numbers import NUMBER_PATTERN, TENS_WORDS, UNIT_WORDS

QUANTITY = re.compile(
    rf"\b(?P<q>{NUMBER_PATTERN}|no|any|a[\s\u00a0]+single|a|zero)\b(?![,.]\d)",
    re.IGNORECASE,
)
LEADING_CONNECTIVE = re.compile(
    r"(?:(?:and|or|but|including|included|includes|by|while|with|also|then|as|these|efforts)[\s\u00a0,]+)+",
    re.I,
)
IMPLIED = "*"
HEADS = "|".join(
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
ELIDED_AFTER = re.compile(r"[\s\u00a0]*(?:[,;.)]|(?:and|in|during|under|as)\b)")
FIELD_VERB_BEFORE = re.compile(
    r"\b(?:investigat|prosecut|convict|identif)\w*[\s\u00a0]+(?:only[\s\u00a0]+)?$", re.I
)
AND_MORE = re.compile(
    r"(?:[\s\u00a0]+of[\s\u00a0]+(?:sex|labou?r|forced[\s\u00a0]+labou?r)(?:[\s\u00a0]+trafficking)?)?,?[\s\u00a0]+and[\s\u00a0]+"
    rf"(?P<n>{NUMBER_PATTERN})[\s\u00a0]+(?:[\w\-]+[\s\u00a0]+){{0,4}}?(?P<head>{HEADS})\b",
    re.I,
)
PASSIVE = re.compile(
    r"[\s\u00a0]+(?:were|was|had[\s\u00a0]+been|have[\s\u00a0]+been)[\s\u00a0]+(?:\w+[\s\u00a0]+)?"
    r"(?P<verb>investigated|prosecuted|convicted|identified)\b",
    re.I,
)
EARLIER_PERIOD = re.compile(
    r"[\s\u00a0]*(?:(?:In|During)[\s\u00a0]+(?:calendar[\s\u00a0]+year[\s\u00a0]+)?(?P<year>(?:19|20)\d\d)\b"
    r"|(?:In|During)[\s\u00a0]+the[\s\u00a0]+(?:previous|prior|preceding)[\s\u00a0]+(?:reporting[\s\u00a0]+)?(?:period|year))",
)
TRIGGER_STEMS = tuple(
    form
    for stem in ("investigat", "prosecut", "convict", "identif")
    for form in (stem, stem.capitalize(), stem.upper())
)
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
TOKEN = re.compile(r"[A-Za-z0-9][\w’'\-]*|[,;:.()\[\]—–]")
VERB_FIELDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^investigat(?:e|es|ed|ing)$"), "investigations"),
    (re.compile(r"^prosecut(?:e|es|ed|ing)$"), "prosecutions"),
    (re.compile(r"^convict(?:s|ed|ing)?$"), "convictions"),
    (re.compile(r"^identif(?:y|ies|ied|ying)$"), "victims_identified"),
)
NOUN_FIELDS = {
    "investigation": "investigations",
    "investigations": "investigations",
    "prosecution": "prosecutions",
    "prosecutions": "prosecutions",
    "conviction": "convictions",
    "convictions": "convictions",
}
VICTIM_NOUNS = frozenset({"victim", "victims", "survivors"})
OFFENDER_NOUNS = frozenset(
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
STOP_NOUNS = frozenset(
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
STOP_WORDS = frozenset(
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
APPROXIMATE = re.compile(
    r"\b(?:(?:more|fewer|less)\s+than|at\s+least|approximately|nearly|almost|about|around|over|roughly|up\s+to|"
    r"an\s+estimated|some|several|dozens|hundreds)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:(?:did|does|do|has|have|had|could|would)[\s\u00a0]+not|didn’t|didn't|hasn't|haven't|failed[\s\u00a0]+to|never)\b",
    re.IGNORECASE,
)
UNKNOWN = re.compile(r"\b(?:if|whether|how[\s\u00a0]+many|information|data|details|statistics)\b", re.I)
CLAIM_CONTEXT = re.compile(
    r"\bsince[\s\u00a0]+(?:19|20)\d\d\b|\bnever\b|\bfor[\s\u00a0]+the[\s\u00a0]+first[\s\u00a0]+time\b", re.I
)
COMPARISON = re.compile(
    r"\b(?:compared|comparison|from|than|versus|vs|previous|prior|last|earlier|decrease|increase|down|up)\b",
    re.I,
)
PREVIOUS_PERIOD = re.compile(
    r"^[\s,]*(?:in|during)[\s\u00a0]+(?:the[\s\u00a0]+)?(?:previous|prior|preceding)\b", re.I
)
TAIL_YEAR = re.compile(r"^[^.;,]{0,40}?\bin[\s\u00a0]+(?P<year>(?:19|20)\d\d)\b")
LABOR = re.compile(r"\blab(?:or|our)\b|\bforced[\s\u00a0-]+labou?r\b", re.I)
SEX = re.compile(r"\bsex(?:ual)?\b", re.I)
OFFICIALS = re.compile(
    r"\b(?:complicit|complicity|officials?|officers?|employees|civil[\s\u00a0]+servants|police)\b", re.I
)
NON_GOVERNMENT = re.compile(
    r"\b(?:NGOs?|civil[\s\u00a0]+society|international[\s\u00a0]+organi[sz]ations?|foreign|observers|media|UNODC|IOM|UNHCR)\b"
)
GOVERNMENT = re.compile(r"\b(?:government|authorities|officials|police|ministry|prosecutors|courts?)\b", re.I)

# number words that may open a count ("five victims", "twenty-one cases"); not "zero" nor "thousand"
NUMBER_WORDS = frozenset([*UNIT_WORDS[1:], *TENS_WORDS, "hundred"])
