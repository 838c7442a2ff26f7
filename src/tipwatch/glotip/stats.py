"""A jurisdiction's official statistics by year, beside the tier of the report that covered that year.

GLOTIP years are calendar years. The TIP Report published in year Y+1 covers April Y to March Y+1
(22 U.S.C. 7107(b)(1)), most of calendar year Y, so calendar year Y is shown with the tier of report Y+1.
Only totals (all sexes, all ages) are used; the "Other forms of exploitation" rows, which UNODC lists
once per sub-form, are added up (a sum that includes a suppressed cell is a range and says so).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tipwatch.evidence import Tier
from tipwatch.glotip.parser import GlotipFigure
from tipwatch.glotip.values import Count

INDICATORS = {
    "Persons brought into formal contact": "formal_contact",
    "Persons prosecuted": "prosecuted",
    "Persons convicted": "convicted",
    "Detected trafficking victims": "victims",
}
FORMS_DIMENSION = "by form of exploitation"


@dataclass(frozen=True, slots=True)
class YearStats:
    year: int
    covering_report_year: int
    tier: Tier | None
    totals: dict[str, Count | None]
    victims_by_form: dict[str, Count] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "covering_report_year": self.covering_report_year,
            "tier": self.tier.value if self.tier else None,
            **{name: (count.to_dict() if count else None) for name, count in self.totals.items()},
            "victims_by_form": {form: count.to_dict() for form, count in self.victims_by_form.items()},
        }


def country_stats(
    figures: Iterable[GlotipFigure], iso3: str, tier_of: dict[int, Tier] | None = None
) -> list[YearStats]:
    """Per calendar year, the totals of each indicator and detected victims by form of exploitation.
    ``tier_of`` maps report years to the jurisdiction's tier; an unknown indicator-year is None."""
    totals: dict[int, dict[str, Count | None]] = {}
    forms: dict[int, dict[str, Count]] = {}
    for figure in figures:
        name = INDICATORS.get(figure.indicator)
        if figure.iso3 != iso3 or name is None or not figure.is_total:
            continue
        if figure.dimension == "Total" and figure.category == "Total":
            totals.setdefault(figure.year, dict.fromkeys(INDICATORS.values()))[name] = figure.value
        elif figure.dimension == FORMS_DIMENSION and name == "victims":
            totals.setdefault(figure.year, dict.fromkeys(INDICATORS.values()))
            by_form = forms.setdefault(figure.year, {})
            by_form[figure.category] = (
                by_form[figure.category] + figure.value if figure.category in by_form else figure.value
            )
    tiers = tier_of or {}
    return [
        YearStats(
            year, year + 1, tiers.get(year + 1), totals[year], dict(sorted(forms.get(year, {}).items()))
        )
        for year in sorted(totals)
    ]
