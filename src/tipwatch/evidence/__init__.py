"""The shared vocabulary of tipwatch: tiers, movements, reporting periods and evidence models."""

from tipwatch.evidence.facts import Amount, Count, Flag, Item, Source
from tipwatch.evidence.files import (
    dump_evidence,
    dumps_evidence,
    evidence_schema,
    evidence_to_data,
    load_evidence,
    loads_evidence,
)
from tipwatch.evidence.model import (
    ByType,
    Evidence,
    LegalFramework,
    PatternKind,
    PolicyOrPattern,
    PolicyOrPatternItem,
    Prevention,
    PreviousPeriod,
    PriorPlacement,
    Prosecution,
    Protection,
)
from tipwatch.evidence.vocabulary import TIER_ORDER, Movement, ReportingPeriod, Tier, movement_between

__all__ = [
    "TIER_ORDER",
    "Amount",
    "ByType",
    "Count",
    "Evidence",
    "Flag",
    "Item",
    "LegalFramework",
    "Movement",
    "PatternKind",
    "PolicyOrPattern",
    "PolicyOrPatternItem",
    "Prevention",
    "PreviousPeriod",
    "PriorPlacement",
    "Prosecution",
    "Protection",
    "ReportingPeriod",
    "Source",
    "Tier",
    "dump_evidence",
    "dumps_evidence",
    "evidence_schema",
    "evidence_to_data",
    "load_evidence",
    "loads_evidence",
    "movement_between",
]
