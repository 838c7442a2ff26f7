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
