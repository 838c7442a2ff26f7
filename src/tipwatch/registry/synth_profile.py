"""The profile of the synthetic registry (:mod:`tipwatch.registry.synth`): a Macao-like caseload's
citizenships, screening settings and populations, service providers and statute, as weights and names."""

from __future__ import annotations

from tipwatch.registry.vocabulary import ScreeningSetting

CITIZENSHIPS = {
    "CN": 30,
    "VN": 18,
    "PH": 14,
    "ID": 8,
    "TH": 6,
    "MM": 5,
    "MO": 4,
    "NP": 3,
    "KH": 3,
    "LA": 2,
    "UA": 2,
    "RU": 2,
    "CO": 1,
    "NG": 1,
    "IN": 1,
}
PROVIDERS = {
    "shelter": "Social Welfare Bureau shelter",
    "medical": "Conde S. Januário Hospital",
    "psychological": "Social Welfare Bureau counselling",
    "legal_aid": "Legal Aid Commission",
    "interpretation": "Court interpreters office",
    "repatriation": "IOM assisted voluntary return",
    "residence_permit": "Public Security Police Force",
    "compensation": "Victims' compensation fund",
    "other": "NGO partner",
}
STATUTE = "Law 6/2008, article 153-A"
SETTINGS_WEIGHTS = {
    ScreeningSetting.BORDER: 30,
    ScreeningSetting.LABOUR_INSPECTION: 20,
    ScreeningSetting.POLICE_OPERATION: 20,
    ScreeningSetting.ENTERTAINMENT_VENUE: 15,
    ScreeningSetting.SHELTER_OR_NGO: 5,
    ScreeningSetting.HEALTH_FACILITY: 5,
    ScreeningSetting.ONLINE: 5,
}
POPULATIONS = (
    "migrant workers",
    "visitors at the border",
    "persons in entertainment venues",
    "domestic workers",
    "casino workers",
)
