"""The dashboard's fixed words shown by value (movements, assessment statuses, registry tables), marked
for the catalogues here so that the untranslated-message test covers them; each page looks them up in its
language with :func:`named`. Values not listed are shown as they are."""

from __future__ import annotations

from tipwatch.reports.i18n import N_
from tipwatch.reports.review_text import ReviewWords

MOVEMENTS = {
    "upgraded": N_("upgraded"),
    "downgraded": N_("downgraded"),
    "remained": N_("remained"),
    "previous_year_unknown": N_("previous year unknown"),
    "first_placement": N_("first placement"),
    "special_case_involved": N_("special case involved"),
}
"""The overview's movements (:class:`tipwatch.evidence.Movement` and the overview's other kinds)."""
ENGINE_NOTE = N_(
    "The rules' titles, the reasons, the trace and the what-if changes are stated in English, the language "
    "of the assessment engine and of the law it cites; evidence and quotations stay as recorded."
)
"""Shown above an assessment outside English."""
STATUSES = {
    "met": N_("met"),
    "partly-met": N_("partly met"),
    "not-met": N_("not met"),
    "unknown": N_("unknown"),
    "applied": N_("applied"),
    "not-applied": N_("not applied"),
}
"""How a standard, criterion or rule came out (:class:`tipwatch.assess.result.Status`)."""


def named(words: ReviewWords, names: dict[str, str]) -> dict[str, str]:
    """Each value's name in the words' language."""
    return {value: words.gettext(name) for value, name in names.items()}


FACTS = {
    "jurisdiction": N_("jurisdiction"),
    "report_year": N_("report year"),
    "tier": N_("tier"),
    "movement": N_("movement"),
    "fully_meets_minimum_standards": N_("fully meets minimum standards"),
    "making_significant_efforts": N_("making significant efforts"),
    "investigations": N_("investigations"),
    "prosecutions": N_("prosecutions"),
    "convictions": N_("convictions"),
    "victims_identified": N_("victims identified"),
}
"""The facts the reader finds in a narrative (:data:`tipwatch.reader.SCALAR_FIELDS`)."""
TABLES = {
    "cases": N_("Cases"),
    "screenings": N_("Screenings"),
    "persons": N_("Persons"),
    "proceedings": N_("Proceedings"),
    "services": N_("Services"),
    "recommendations": N_("Recommendations"),
    "action_items": N_("Action items"),
    "meetings": N_("Meetings"),
}
"""The registry's tables (:data:`tipwatch.registry.records.RECORD_TYPES`), as headings."""
FIELDS = {
    "case_id": N_("case id"),
    "opened_on": N_("opened on"),
    "status": N_("status"),
    "official_complicity": N_("official complicity"),
    "case_owner": N_("case owner"),
    "referring_organisation": N_("referring organisation"),
    "incoming_referral_date": N_("incoming referral date"),
    "screening_id": N_("screening id"),
    "screened_on": N_("screened on"),
    "setting": N_("setting"),
    "population": N_("population"),
    "persons_screened": N_("persons screened"),
    "indicators_observed": N_("indicators observed"),
    "outcome": N_("outcome"),
    "person_id": N_("person id"),
    "role": N_("role"),
    "gender": N_("gender"),
    "citizenship": N_("citizenship"),
    "age": N_("age"),
    "age_group": N_("age group"),
    "is_official": N_("is official"),
    "trafficking_status": N_("trafficking status"),
    "decision_making_organisation": N_("decision making organisation"),
    "identified_on": N_("identified on"),
    "identified_on_precision": N_("identified on precision"),
    "method_of_recruitment": N_("method of recruitment"),
    "location_of_recruitment": N_("location of recruitment"),
    "location_of_exploitation": N_("location of exploitation"),
    "methods_of_control": N_("methods of control"),
    "exploitation": N_("exploitation"),
    "proceeding_id": N_("proceeding id"),
    "event": N_("event"),
    "occurred_on": N_("occurred on"),
    "statute_article": N_("statute article"),
    "sentence_months": N_("sentence months"),
    "sentence_suspended": N_("sentence suspended"),
    "service_id": N_("service id"),
    "service": N_("service"),
    "provider": N_("provider"),
    "referred_on": N_("referred on"),
    "started_on": N_("started on"),
    "ended_on": N_("ended on"),
    "recommendation_id": N_("recommendation id"),
    "source": N_("source"),
    "report_year": N_("report year"),
    "issued_on": N_("issued on"),
    "text": N_("text"),
    "action_id": N_("action id"),
    "description": N_("description"),
    "owner": N_("owner"),
    "due_on": N_("due on"),
    "completed_on": N_("completed on"),
    "meeting_id": N_("meeting id"),
    "held_on": N_("held on"),
    "attendees": N_("attendees"),
    "decisions": N_("decisions"),
    "created_at": N_("created at"),
    "created_by": N_("created by"),
    "deleted_at": N_("deleted at"),
    "deleted_by": N_("deleted by"),
}
"""The registry's fields (those of :data:`tipwatch.registry.records.RECORD_TYPES` and the stored
record's own), as form labels and, outside English, as table heads."""
STATISTICS = {
    "10_years_or_more": N_("10 years or more"),
    "1_to_5_years": N_("1 to 5 years"),
    "5_to_10_years": N_("5 to 10 years"),
    "acquittals": N_("acquittals"),
    "action_items": N_("action items"),
    "adult": N_("adult"),
    "boys": N_("boys"),
    "by_age_group": N_("by age group"),
    "by_exploitation": N_("by exploitation"),
    "by_length": N_("by length"),
    "by_sex": N_("by sex"),
    "by_sex_and_age": N_("by sex and age"),
    "cases": N_("cases"),
    "child": N_("child"),
    "child_soldiering": N_("child soldiering"),
    "compensation": N_("compensation"),
    "completed_in_period": N_("completed in period"),
    "convictions": N_("convictions"),
    "delivered_by_service": N_("delivered by service"),
    "domestic_servitude": N_("domestic servitude"),
    "done": N_("done"),
    "female": N_("female"),
    "forced_criminality": N_("forced criminality"),
    "forced_labour": N_("forced labour"),
    "forced_marriage": N_("forced marriage"),
    "girls": N_("girls"),
    "identified": N_("identified"),
    "interpretation": N_("interpretation"),
    "investigations": N_("investigations"),
    "legal_aid": N_("legal aid"),
    "length_unknown": N_("length unknown"),
    "male": N_("male"),
    "medical": N_("medical"),
    "men": N_("men"),
    "not_placeable": N_("not placeable"),
    "official_complicity": N_("official complicity"),
    "officials_convicted": N_("officials convicted"),
    "officials_prosecuted": N_("officials prosecuted"),
    "open": N_("open"),
    "organ_removal": N_("organ removal"),
    "other": N_("other"),
    "overdue": N_("overdue"),
    "persons": N_("persons"),
    "persons_screened": N_("persons screened"),
    "prosecutions": N_("prosecutions"),
    "psychological": N_("psychological"),
    "recommendations": N_("recommendations"),
    "referrals_by_service": N_("referrals by service"),
    "repatriation": N_("repatriation"),
    "residence_permit": N_("residence permit"),
    "screenings": N_("screenings"),
    "sentences": N_("sentences"),
    "services": N_("services"),
    "sexual": N_("sexual"),
    "shelter": N_("shelter"),
    "suspended": N_("suspended"),
    "total": N_("total"),
    "under_1_year": N_("under 1 year"),
    "unknown": N_("unknown"),
    "victims": N_("victims"),
    "victims_found": N_("victims found"),
    "victims_referred": N_("victims referred"),
    "victims_served": N_("victims served"),
    "women": N_("women"),
}
"""The words of the registry statistics' figure names (``investigations · by_exploitation · sexual``),
each translated on its own outside English."""
