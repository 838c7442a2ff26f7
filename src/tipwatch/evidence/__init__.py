"""The shared vocabulary of tipwatch: tiers, movements, reporting periods and evidence models."""

from tipwatch.evidence.vocabulary import TIER_ORDER, Movement, ReportingPeriod, Tier, movement_between

__all__ = ["TIER_ORDER", "Movement", "ReportingPeriod", "Tier", "movement_between"]
