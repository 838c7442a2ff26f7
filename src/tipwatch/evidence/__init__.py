"""The shared vocabulary of tipwatch: tiers, movements, reporting periods and evidence models.

The vocabulary (:mod:`tipwatch.evidence.vocabulary`) is imported with the package. The evidence models
and their files (pydantic models, YAML) are imported from their modules the first time one of their
names is asked for: ``from tipwatch.evidence import Evidence`` works as ever, and what needs only a
:class:`Tier` (the tier record, ``tipwatch history X``) does not build forty pydantic models first. An
error in those modules is raised as it is, at the import that asks for them."""

from importlib import import_module
from typing import TYPE_CHECKING

from tipwatch.evidence.vocabulary import TIER_ORDER, Movement, ReportingPeriod, Tier, movement_between

if TYPE_CHECKING:
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

_MODULE_OF = {
    **dict.fromkeys(("Amount", "Count", "Flag", "Item", "Source"), "facts"),
    **dict.fromkeys(
        (
            "dump_evidence",
            "dumps_evidence",
            "evidence_schema",
            "evidence_to_data",
            "load_evidence",
            "loads_evidence",
        ),
        "files",
    ),
    **dict.fromkeys(
        (
            "ByType",
            "Evidence",
            "LegalFramework",
            "PatternKind",
            "PolicyOrPattern",
            "PolicyOrPatternItem",
            "Prevention",
            "PreviousPeriod",
            "PriorPlacement",
            "Prosecution",
            "Protection",
        ),
        "model",
    ),
}
"""The names this package offers from its pydantic modules, and the module of each."""


def __getattr__(name: str) -> object:
    """A name of the evidence models or files, from its module (imported now if it was not yet)."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
    globals()[name] = value
    return value


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
