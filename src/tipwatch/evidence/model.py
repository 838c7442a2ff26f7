"""The evidence model: the facts about one jurisdiction and one reporting period (April 1 - March 31).

Sections follow the TIP Report and the criteria of 22 U.S.C. 7106(b): legal framework, prosecution,
protection, prevention, partnership, a government policy or pattern of trafficking (7107(b)(3)(B)),
the estimated number of victims, and commitments for the coming year, kept apart from concrete actions
(7107(b)(1)(B)). Only ``jurisdiction`` and ``report_year`` are required: readers and registries write
partial files, and every missing fact is unknown, never zero.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, model_validator

from tipwatch.evidence.facts import Amount, Count, Flag, Item, Source, count_of, exact
from tipwatch.evidence.vocabulary import ReportingPeriod, Tier

EVIDENCE_FORMAT: Literal[1] = 1


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ByType(_Section):
    """A count split by form of trafficking; ``total`` when the source gives no split.
    A bare number is read as the total."""

    sex: Count | None = None
    labour: Count | None = None
    unspecified: Count | None = None
    total: Count | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_total(cls, data: Any) -> Any:
        if isinstance(data, int) and not isinstance(data, bool):
            return {"total": data}
        if isinstance(data, dict) and ("value" in data or "at_least" in data):
            return {"total": data}
        return data

    @property
    def lower_bound(self) -> int | None:
        """The stated total, else the sum of the known parts (a lower bound), else None."""
        total = count_of(self.total)
        parts = [count_of(part) for part in (self.sex, self.labour, self.unspecified)]
        known = [p for p in parts if p is not None]
        summed = sum(known) if known else None
        if total is None:
            return summed
        return max(total, summed) if summed is not None else total

    @property
    def exact_total(self) -> int | None:
        """The exact total: stated, or the sum of all three parts when all three are exact."""
        if exact(self.total) is not None:
            return exact(self.total)
        parts = [exact(part) for part in (self.sex, self.labour, self.unspecified)]
        return sum(p for p in parts if p is not None) if all(p is not None for p in parts) else None


class PriorPlacement(_Section):
    report_year: int = Field(ge=2001, le=2100)
    tier: Tier
    waiver: bool | None = Field(default=None, description="A waiver of the automatic downgrade was granted.")
    tier_3_on_merits: bool = Field(
        default=False,
        description="A Tier 3 placement the report made on the merits, not by automatic downgrade (7107(b)(2)(D)(i)).",
    )
    source: Source | None = None


class LegalFramework(_Section):
    law: str | None = Field(default=None, description="The anti-trafficking law, e.g. 'Law 6/2008'.")
    sex_trafficking_criminalized: Flag | None = None
    labour_trafficking_criminalized: Flag | None = None
    child_sex_trafficking_without_force: Flag | None = Field(
        default=None, description="Force, fraud or coercion is not required when the victim is a child."
    )
    penalty_min_years: Amount | None = None
    penalty_max_years: Amount | None = None
    fines_alone_allowed: Flag | None = Field(default=None, description="A fine may replace imprisonment.")
    commensurate_with_grave_crimes: Flag | None = Field(
        default=None, description="Penalties for sex trafficking match those for rape (7106(a)(2))."
    )


class Sentences(_Section):
    prison: Count | None = Field(default=None, description="Convicted traffickers sentenced to prison.")
    significant_prison_terms: Flag | None = None
    suspended_or_fined_only: Count | None = None


class ComplicityOutcome(StrEnum):
    """How far a case of official complicity went."""

    ALLEGED = "alleged"
    INVESTIGATED = "investigated"
    PROSECUTED = "prosecuted"
    CONVICTED = "convicted"
    ACQUITTED = "acquitted"
    DISMISSED = "dismissed"


class ComplicityCase(Item):
    outcome: ComplicityOutcome | None = None


class Prosecution(_Section):
    investigations: ByType | None = None
    prosecutions: ByType | None = None
    convictions: ByType | None = None
    sentences: Sentences | None = None
    trafficking_law_used: Flag | None = Field(
        default=None, description="Cases were prosecuted under the anti-trafficking law itself."
    )
    data_provided: Flag | None = Field(
        default=None,
        description="The government provided enforcement data when asked (7106(b)(1)).",
    )
    complicity_cases: list[ComplicityCase] = Field(default_factory=list)
    complicity_unaddressed: Flag | None = Field(
        default=None, description="Public allegations of official complicity went unaddressed (7106(b)(7))."
    )


class Protection(_Section):
    victims_identified: ByType | None = None
    victims_referred: Count | None = None
    victims_served: Count | None = None
    proactive_screening: Flag | None = None
    screened_groups: list[str] = Field(default_factory=list)
    shelters: Count | None = None
    victim_services_funded: Flag | None = None
    funding: Amount | None = None
    victims_penalized: Flag | None = Field(
        default=None, description="Victims were penalized for crimes traffickers compelled (7106(b)(2))."
    )
    legal_alternatives_to_removal: Flag | None = None
    identification_training: Flag | None = Field(
        default=None, description="Officials were trained to identify and treat victims (7106(b)(2))."
    )


class Prevention(_Section):
    coordinating_body: Flag | None = None
    coordinating_body_meetings_per_year: Count | None = None
    national_action_plan: Flag | None = None
    awareness_campaigns: Flag | None = None
    labour_recruitment_rules: Flag | None = None
    demand_reduction: Flag | None = None
    public_self_assessment: Flag | None = Field(
        default=None,
        description="The government publishes a periodic assessment of its efforts (7106(b)(10)).",
    )
    migration_monitoring: Flag | None = None
    funding_increased: Flag | None = None


class Partnership(_Section):
    international_cooperation: Flag | None = None
    extradition: Flag | None = Field(
        default=None, description="Extradites trafficking suspects as for other serious crimes (7106(b)(5))."
    )
    civil_society_partnerships: Flag | None = None
    us_partnership: Flag | None = None


class PatternKind(StrEnum):
    """The kinds of government policy or pattern of 22 U.S.C. 7107(b)(3)(B)(i)-(v)."""

    TRAFFICKING = "trafficking"
    GOVERNMENT_FUNDED_PROGRAMS = "government-funded-programs"
    FORCED_LABOUR_GOVERNMENT_SECTORS = "forced-labour-government-sectors"
    SEXUAL_SLAVERY_GOVERNMENT_CAMPS = "sexual-slavery-government-camps"
    CHILD_SOLDIERS = "child-soldiers"


class PolicyOrPatternItem(Item):
    kind: PatternKind


class PolicyOrPattern(_Section):
    present: Flag | None = Field(default=None, description="Whether there is such a policy or pattern.")
    items: list[PolicyOrPatternItem] = Field(default_factory=list)

    @property
    def found(self) -> bool | None:
        if self.items:
            return True
        return self.present.value if self.present is not None else None


class Trend(StrEnum):
    INCREASING = "increasing"
    STABLE = "stable"
    DECREASING = "decreasing"


class VictimEstimate(_Section):
    number: Count | None = None
    very_significant: Flag | None = None
    trend: Trend | None = None
    source: Source | None = None


class WatchListWaiver(_Section):
    """What a Presidential waiver of the automatic downgrade needs (22 U.S.C. 7107(b)(2)(D)(ii)(I)-(III))."""

    written_plan: Flag | None = Field(
        default=None, description="A written plan to begin making significant efforts."
    )
    plan_would_be_significant: Flag | None = None
    sufficient_resources: Flag | None = Field(
        default=None, description="Resources devoted to carry out the plan."
    )

    @property
    def conditions_met(self) -> bool:
        parts = (self.written_plan, self.plan_would_be_significant, self.sufficient_resources)
        return all(part is not None and part.value is True for part in parts)


class Comparison(_Section):
    """A measure stated to have risen, fallen or stayed the same against the previous period, where the
    source gives the direction but not both figures ("convicting more traffickers")."""

    measure: Literal["investigations", "prosecutions", "convictions", "victims_identified", "victims_served"]
    direction: Literal["rose", "fell", "same"]
    source: Source | None = None
    note: str | None = None


class PreviousPeriod(_Section):
    """Figures of the previous reporting period, for the comparison of 7107(b)(2)(A)(iii)(II)."""

    compared: list[Comparison] = Field(
        default_factory=list,
        description="Directions stated without both figures; used only where the figures do not decide.",
    )

    investigations: Count | None = None
    prosecutions: Count | None = None
    convictions: Count | None = None
    victims_identified: Count | None = None
    victims_served: Count | None = None


class Evidence(BaseModel):
    """Everything known about one jurisdiction's efforts in one reporting period."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="tipwatch evidence")

    format: Literal[1] = Field(default=EVIDENCE_FORMAT, description="Evidence file format version.")
    jurisdiction: str = Field(min_length=1)
    report_year: int = Field(ge=2001, le=2100, description="The TIP Report year the period leads to.")
    sources: list[Source] = Field(default_factory=list, description="Documents the evidence is drawn from.")
    prior_placements: list[PriorPlacement] = Field(default_factory=list)
    legal_framework: LegalFramework = Field(default_factory=LegalFramework)
    prosecution: Prosecution = Field(default_factory=Prosecution)
    protection: Protection = Field(default_factory=Protection)
    prevention: Prevention = Field(default_factory=Prevention)
    partnership: Partnership = Field(default_factory=Partnership)
    policy_or_pattern: PolicyOrPattern = Field(default_factory=PolicyOrPattern)
    victim_estimate: VictimEstimate = Field(default_factory=VictimEstimate)
    previous_period: PreviousPeriod = Field(default_factory=PreviousPeriod)
    watch_list_waiver: WatchListWaiver = Field(default_factory=WatchListWaiver)
    concrete_actions: list[Item] = Field(
        default_factory=list, description="Other concrete actions recorded in the period (22 U.S.C. 7102(5))."
    )
    commitments: list[Item] = Field(
        default_factory=list, description="Commitments to future steps: never counted as concrete actions."
    )
    non_citizen_victim_share: NonNegativeFloat | None = Field(default=None, le=1.0)
    notes: str | None = None

    @property
    def reporting_period(self) -> ReportingPeriod:
        return ReportingPeriod(self.report_year)

    @model_validator(mode="after")
    def _placements_are_prior(self) -> Evidence:
        late = [p.report_year for p in self.prior_placements if p.report_year >= self.report_year]
        if late:
            raise ValueError(
                f"prior_placements holds report year {late[0]}, not before {self.report_year}; "
                "list only earlier placements"
            )
        years = [p.report_year for p in self.prior_placements]
        if len(set(years)) != len(years):
            raise ValueError("prior_placements lists a report year twice; keep one placement per year")
        return self

    def placement_in(self, report_year: int) -> PriorPlacement | None:
        return next((p for p in self.prior_placements if p.report_year == report_year), None)
