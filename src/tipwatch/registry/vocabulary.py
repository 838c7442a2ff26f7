"""The registry's coded values. Names follow IOM's Human Trafficking Case Data Standard (HTCDS v2.0)
where it has them (snake_case of the HTCDS value names); the forms of exploitation follow the issue's
list, which the UN's ICS-TIP and UNODC's questionnaire also use. Pure Python: no storage imports."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    VICTIM = "victim"
    SUSPECT = "suspect"
    WITNESS = "witness"


class Gender(StrEnum):
    """HTCDS ``prs_Gender``."""

    FEMININE = "feminine"
    MASCULINE = "masculine"
    TRANSGENDER_FEMININE = "transgender_feminine"
    TRANSGENDER_MASCULINE = "transgender_masculine"
    NON_CONFORMING = "non_conforming"
    NON_SPECIFIED_UNKNOWN = "non_specified_unknown"


class AgeGroup(StrEnum):
    """Child under 18 at identification, as the TIP Report and UNODC count them."""

    CHILD = "child"
    ADULT = "adult"


class TraffickingStatus(StrEnum):
    """HTCDS ``vic_TraffickingStatus``."""

    POSSIBLE = "possible"
    ACTUAL = "actual"
    NOT_A_VICTIM = "not_a_victim"


class DecisionMakingOrganisation(StrEnum):
    """HTCDS ``vic_TraffickinStatusDecisionMakingOrg``."""

    POLICE = "police"
    NGO = "ngo"
    COURT_OR_PROSECUTION = "court_or_prosecution"
    NON_POLICE_GOVERNMENTAL = "non_police_governmental"
    OTHER = "other"


class CaseStatus(StrEnum):
    """HTCDS ``cas_Status``."""

    ACTIVE = "active"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"
    CLOSED_REFERRED = "closed_referred"


class Exploitation(StrEnum):
    """Forms of exploitation; a victim may have several. Stored as one boolean column each."""

    SEXUAL = "sexual"
    FORCED_LABOUR = "forced_labour"
    FORCED_CRIMINALITY = "forced_criminality"
    DOMESTIC_SERVITUDE = "domestic_servitude"
    FORCED_MARRIAGE = "forced_marriage"
    CHILD_SOLDIERING = "child_soldiering"
    ORGAN_REMOVAL = "organ_removal"
    OTHER = "other"


class MethodOfControl(StrEnum):
    """HTCDS ``MethodsOfControl*`` (one boolean each in HTCDS; a ';'-joined list in exchange files)."""

    DEBT_BONDAGE = "debt_bondage"
    TAKES_EARNINGS = "takes_earnings"
    RESTRICTS_FINANCIAL_ACCESS = "restricts_financial_access"
    THREATS = "threats"
    PSYCHOLOGICAL_ABUSE = "psychological_abuse"
    PHYSICAL_ABUSE = "physical_abuse"
    SEXUAL_ABUSE = "sexual_abuse"
    FALSE_PROMISES = "false_promises"
    PSYCHOACTIVE_SUBSTANCES = "psychoactive_substances"
    RESTRICTS_MOVEMENT = "restricts_movement"
    RESTRICTS_MEDICAL_CARE = "restricts_medical_care"
    EXCESSIVE_WORKING_HOURS = "excessive_working_hours"
    USES_CHILDREN = "uses_children"
    THREAT_OF_LAW_ENFORCEMENT = "threat_of_law_enforcement"
    WITHHOLDS_NECESSITIES = "withholds_necessities"
    WITHHOLDS_DOCUMENTS = "withholds_documents"
    OTHER = "other"


class MethodOfRecruitment(StrEnum):
    """HTCDS ``vic_MethodOfRecruitment``."""

    AT_A_PLACE_OF_BUSINESS = "at_a_place_of_business"
    AT_AN_EDUCATIONAL_INSTITUTION = "at_an_educational_institution"
    AT_WORK = "at_work"
    ONLINE_SOCIAL_NETWORKS = "online_social_networks"
    ONLINE_ADVERTISEMENT = "online_advertisement"
    TELEVISION_ADVERT = "television_advert"
    NEWSPAPER_ADVERT = "newspaper_advert"
    FAMILY_OR_FAMILY_EVENTS = "family_or_family_events"
    FRIENDS_OR_SOCIAL_EVENTS = "friends_or_social_events"
    OTHER = "other"


class ProceedingEvent(StrEnum):
    """A dated step of criminal proceedings, in the order they can happen."""

    REPORT_RECEIVED = "report_received"
    INVESTIGATION_OPENED = "investigation_opened"
    INVESTIGATION_CLOSED = "investigation_closed"
    PROSECUTION_INITIATED = "prosecution_initiated"
    CONVICTION = "conviction"
    ACQUITTAL = "acquittal"
    SENTENCE = "sentence"
    APPEAL = "appeal"


# An event that needs an earlier one in the same case (and for the same person when it is personal).
EVENT_REQUIRES: dict[ProceedingEvent, tuple[ProceedingEvent, ...]] = {
    ProceedingEvent.INVESTIGATION_CLOSED: (ProceedingEvent.INVESTIGATION_OPENED,),
    ProceedingEvent.CONVICTION: (ProceedingEvent.PROSECUTION_INITIATED,),
    ProceedingEvent.ACQUITTAL: (ProceedingEvent.PROSECUTION_INITIATED,),
    ProceedingEvent.SENTENCE: (ProceedingEvent.CONVICTION,),
    ProceedingEvent.APPEAL: (ProceedingEvent.CONVICTION, ProceedingEvent.ACQUITTAL),
}
# Events about one accused person (a suspect), not the case as a whole.
PERSONAL_EVENTS = frozenset(
    {
        ProceedingEvent.PROSECUTION_INITIATED,
        ProceedingEvent.CONVICTION,
        ProceedingEvent.ACQUITTAL,
        ProceedingEvent.SENTENCE,
        ProceedingEvent.APPEAL,
    }
)


class Service(StrEnum):
    SHELTER = "shelter"
    MEDICAL = "medical"
    PSYCHOLOGICAL = "psychological"
    LEGAL_AID = "legal_aid"
    INTERPRETATION = "interpretation"
    REPATRIATION = "repatriation"
    RESIDENCE_PERMIT = "residence_permit"
    COMPENSATION = "compensation"
    OTHER = "other"


class ScreeningSetting(StrEnum):
    BORDER = "border"
    LABOUR_INSPECTION = "labour_inspection"
    POLICE_OPERATION = "police_operation"
    ENTERTAINMENT_VENUE = "entertainment_venue"
    SHELTER_OR_NGO = "shelter_or_ngo"
    HEALTH_FACILITY = "health_facility"
    ONLINE = "online"
    OTHER = "other"


class Indicator(StrEnum):
    """The ILO's eleven indicators of forced labour, then a list of sex-trafficking indicators."""

    ABUSE_OF_VULNERABILITY = "abuse_of_vulnerability"
    DECEPTION = "deception"
    RESTRICTION_OF_MOVEMENT = "restriction_of_movement"
    ISOLATION = "isolation"
    PHYSICAL_AND_SEXUAL_VIOLENCE = "physical_and_sexual_violence"
    INTIMIDATION_AND_THREATS = "intimidation_and_threats"
    RETENTION_OF_IDENTITY_DOCUMENTS = "retention_of_identity_documents"
    WITHHOLDING_OF_WAGES = "withholding_of_wages"
    DEBT_BONDAGE = "debt_bondage"
    ABUSIVE_WORKING_AND_LIVING_CONDITIONS = "abusive_working_and_living_conditions"
    EXCESSIVE_OVERTIME = "excessive_overtime"
    MINOR_IN_COMMERCIAL_SEX = "minor_in_commercial_sex"
    COMMERCIAL_SEX_UNDER_THIRD_PARTY_CONTROL = "commercial_sex_under_third_party_control"
    EARNINGS_TAKEN_BY_THIRD_PARTY = "earnings_taken_by_third_party"
    QUOTA_OF_CLIENTS = "quota_of_clients"
    BRANDING_OR_TATTOOS = "branding_or_tattoos"
    LIVES_AT_PLACE_OF_COMMERCIAL_SEX = "lives_at_place_of_commercial_sex"
    RECRUITED_FOR_OTHER_WORK = "recruited_for_other_work"


ILO_FORCED_LABOUR_INDICATORS = tuple(list(Indicator)[:11])
SEX_TRAFFICKING_INDICATORS = tuple(list(Indicator)[11:])


class ScreeningOutcome(StrEnum):
    NO_INDICATORS = "no_indicators"
    INDICATORS_REFERRED = "indicators_referred"
    VICTIMS_IDENTIFIED = "victims_identified"


class RecommendationSource(StrEnum):
    TIP_REPORT = "tip_report"
    INTERNAL = "internal"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


OPEN_ACTION_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
