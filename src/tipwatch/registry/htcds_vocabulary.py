"""The HTCDS v2.0 vocabulary (IOM, CC BY 4.0): the ``Case Sheet`` columns that map onto the registry, those
that do not, tipwatch's ``tw_*`` extension columns, and the labels of the toolkit's ``validation`` sheet
with the registry value each stands for."""

from __future__ import annotations

import re

from tipwatch.registry.countries import CODES_BY_NAME, COUNTRY_CODES

PERSONAL = (
    "prs_Salutation",
    "prs_FirstName",
    "prs_SecondName",
    "prs_Title",
    "prs_Email",
    "prs_HomePhone",
    "prs_MobilePhone",
    "prs_MailingCity",
    "prs_MailingCountry",
    "prs_MailingState",
    "prs_MailingStreet",
    "prs_MailingPostalCode",
)
NOT_STORED = (
    "con_Consent",
    "vic_ForcedLabourIndustry",
    "vic_TypeOfSexExploitation",
    "cas_ReferringPrimaryCaseWorker",
    "cas_ReasonForIncomingReferral",
    "cas_IncomingReferralDetails",
    "cas_ReferredOrganisation",
    "cas_ReferredPrimaryCaseWorker",
    "cas_ReasonForOutgoingReferral",
    "cas_OutgoingReferralDate",
    "cas_OutgoingReferralDetails",
    "cas_ReasonForCaseClosure",
)
MAPPED = (
    "cas_CaseOwner",
    "prs_Birthdate",
    "prs_Gender",
    "prs_Citizenship",
    "vic_TraffickingStatus",
    "vic_TraffickinStatusDecisionMakingOrg",
    "vic_MethodOfRecruitment",
    "vic_LocationOfRecruitment",
    "vic_MethodsOfControl",
    "vic_TypeOfExploitation",
    "vic_LocationOfExploitation",
    "cas_Status",
    "cas_ReferringOrganisation",
    "cas_IncomingReferralDate",
)
EXTENSION = (
    "tw_CaseId",
    "tw_PersonId",
    "tw_CaseOpenedOn",
    "tw_IdentifiedOn",
    "tw_IdentifiedOnPrecision",
    "tw_Age",
    "tw_AgeGroup",
    "tw_OfficialComplicity",
)
COLUMNS = ("cas_CaseOwner", *PERSONAL[:4], "con_Consent", *MAPPED[1:], *NOT_STORED[1:], *EXTENSION)
ALL_COLUMNS = set(COLUMNS) | set(PERSONAL) | set(NOT_STORED)
DATE_COLUMNS = {
    "prs_Birthdate",
    "cas_IncomingReferralDate",
    "cas_OutgoingReferralDate",
    "tw_CaseOpenedOn",
    "tw_IdentifiedOn",
}

# HTCDS labels (validation sheet) -> registry values. Registry values themselves are accepted too.
LABELS: dict[str, dict[str, str]] = {
    "gender": {
        "Feminine": "feminine",
        "Masculine": "masculine",
        "TransgenderFeminine": "transgender_feminine",
        "TransgenderMasculine": "transgender_masculine",
        "NonConforming": "non_conforming",
        "NonSpecifiedUnknown": "non_specified_unknown",
    },
    "status": {
        "Active": "active",
        "Follow up": "follow_up",
        "Closed": "closed",
        "Closed Referred": "closed_referred",
    },
    "trafficking_status": {
        "Possible victim of trafficking": "possible",
        "Actual victim of trafficking": "actual",
        "Not a victim of trafficking": "not_a_victim",
    },
    "decision_making_organisation": {
        "Police": "police",
        "NGO": "ngo",
        "Court or prosecution": "court_or_prosecution",
        "Non-police governmental organization": "non_police_governmental",
        "Other": "other",
    },
    "method_of_recruitment": {
        "At a place of business": "at_a_place_of_business",
        "At an educational institution": "at_an_educational_institution",
        "At work": "at_work",
        "Through online social networks": "online_social_networks",
        "Through an online advertisement": "online_advertisement",
        "Through a television advert": "television_advert",
        "Through a newspaper advert": "newspaper_advert",
        "Through family or family events": "family_or_family_events",
        "Through friends or social events": "friends_or_social_events",
        "Other": "other",
    },
    "methods_of_control": {
        "Physical threats": "threats",
        "Threats of law enforcement": "threat_of_law_enforcement",
        "Threatens children/family": "uses_children",
        "Debt bondage": "debt_bondage",
        "False promises": "false_promises",
        "Physical abuse": "physical_abuse",
        "Sexual abuse": "sexual_abuse",
        "Takes earnings": "takes_earnings",
        "Restricts financial access": "restricts_financial_access",
        "Restricts medical care": "restricts_medical_care",
        "Restricts movement": "restricts_movement",
        "Withholds necessities": "withholds_necessities",
        "Psychological abuse": "psychological_abuse",
        "Psychoactive substance": "psychoactive_substances",
        "Excessive working hours": "excessive_working_hours",
        "Withholds documents": "withholds_documents",
        "Other": "other",
    },
    "exploitation": {
        "Sexual exploitation": "sexual",
        "Forced labour": "forced_labour",
        "Child labour": "forced_labour",
        "Servitude": "domestic_servitude",
        "Forced marriage": "forced_marriage",
        "Forced military (by non-state actors)": "child_soldiering",
        "Organ removal": "organ_removal",
        "Forced begging": "other",
        "Forced adoption": "other",
        "Surrogacy": "other",
        "Other": "other",
    },
}
# Registry values -> the HTCDS label written on export (first label that maps to the value).
EXPORT_LABELS = {
    name: {value: label for label, value in reversed(list(mapping.items()))}
    for name, mapping in LABELS.items()
}
EXPORT_LABELS["exploitation"].update(
    {"forced_labour": "Forced labour", "forced_criminality": "Other", "other": "Other"}
)
EXPORT_LABELS["methods_of_control"]["threats"] = "Physical threats"
LOSSY = {
    "Child labour",
    "Forced military (by non-state actors)",
    "Forced begging",
    "Forced adoption",
    "Surrogacy",
}


def label_key(text: str) -> str:
    """A label reduced to lower-case letters and digits, for matching loosely."""
    return re.sub(r"[^a-z0-9]", "", text.casefold())


_LOOKUP = {
    name: {label_key(label): value for label, value in mapping.items()}
    | {label_key(v): v for v in mapping.values()}
    for name, mapping in LABELS.items()
}


def coded(name: str, text: str) -> str:
    """The registry value for an HTCDS label; unknown labels pass through for the record to reject."""
    return _LOOKUP[name].get(label_key(text), text)


def country_code(text: str) -> str:
    """The registry's country code for an HTCDS country name or code; unknown ones pass through."""
    stripped = text.strip()
    if stripped.upper() in COUNTRY_CODES:
        return stripped.upper()
    return CODES_BY_NAME.get(stripped.casefold(), stripped)
