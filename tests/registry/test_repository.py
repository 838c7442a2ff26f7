"""Changes through the repository: validated like new records, logged with before and after, refused
whole when anything is wrong."""

from __future__ import annotations

import json

import pytest

from tipwatch.evidence.periods import Period
from tipwatch.problems import InputError, NotFoundError
from tipwatch.registry import repository
from tipwatch.registry.reading import to_record_dict
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.stats import compute_statistics
from tipwatch.store import Database

from .conftest import row_counts


def test_update_an_action_item_is_audited_with_before_and_after(small_registry: Database) -> None:
    stored = repository.update(
        small_registry, "action_items", "A2", {"status": "done", "completed_on": "2024-05-25"}, "dana"
    )
    assert (stored["status"], str(stored["completed_on"])) == ("done", "2024-05-25")
    entry = repository.audit_log(small_registry, limit=1)[0]
    assert (entry["actor"], entry["action"], entry["entity"], entry["entity_id"]) == (
        "dana",
        "update",
        "action_items",
        "A2",
    )
    assert json.loads(entry["detail"])["changed"] == {
        "status": ["open", "done"],
        "completed_on": [None, "2024-05-25"],
    }
    assert compute_statistics(small_registry, Period.parse("2024-05")).recommendations.done.current == 2


def test_an_update_that_changes_nothing_writes_no_audit_entry(small_registry: Database) -> None:
    """Issue 16, item 12."""
    before = repository.audit_log(small_registry, limit=1)[0]
    current = repository.show(small_registry, "action_items", "A2")
    stored = repository.update(small_registry, "action_items", "A2", {"status": current["status"]}, "dana")
    assert stored == current
    assert repository.audit_log(small_registry, limit=1)[0] == before


def test_an_update_that_breaks_the_order_of_proceedings_is_refused(small_registry: Database) -> None:
    before = row_counts(small_registry)
    with pytest.raises(InputError) as caught:  # the prosecution moved after its conviction (2024-05-28)
        repository.update(small_registry, "proceedings", "E3", {"occurred_on": "2024-06-01"}, "dana")
    problem = caught.value.problems[0]
    assert problem.code == "date-out-of-order" and problem.location.path == "proceedings/E5"
    assert repository.show(small_registry, "proceedings", "E3")["occurred_on"].isoformat() == "2024-05-15"
    assert row_counts(small_registry) == before


def test_updates_are_validated_and_identifiers_are_fixed(small_registry: Database) -> None:
    with pytest.raises(InputError) as caught:
        repository.update(small_registry, "persons", "V1", {"age": "17", "age_group": "adult"}, "dana")
    assert (caught.value.problems[0].code, caught.value.problems[0].location.field) == (
        "invalid-value",
        "age_group",
    )
    with pytest.raises(InputError) as caught:
        repository.update(small_registry, "persons", "V1", {"case_id": "C2"}, "dana")
    assert caught.value.problems[0].code == "immutable-field"
    with pytest.raises(NotFoundError):
        repository.update(small_registry, "persons", "NOBODY", {"age": "3"}, "dana")


def test_deleted_records_cannot_be_changed_or_deleted_again(small_registry: Database) -> None:
    assert (
        repository.delete(small_registry, "persons", "V1", "dana", "duplicate") == 3
    )  # V1 and its two services
    with pytest.raises(InputError, match="deleted"):
        repository.update(small_registry, "persons", "V1", {"age": "17"}, "dana")
    with pytest.raises(InputError, match="already deleted"):
        repository.delete(small_registry, "persons", "V1", "dana", "again")
    shown = repository.show(small_registry, "persons", "V1")
    assert shown["deleted_by"] == "dana" and shown["deleted_at"] is not None


def test_the_audit_entry_of_each_created_record_holds_what_was_stored(small_registry: Database) -> None:
    """Small writes audit every field of each record: read back through the inverse of the stored form,
    each entry is the record as stored (lists, forms of exploitation, dates and codes included)."""
    created = [e for e in repository.audit_log(small_registry, limit=1000) if e["action"] == "create"]
    tables = {entry["entity"] for entry in created}
    assert {"persons", "screenings", "meetings", "proceedings", "action_items"} <= tables
    for entry in created:
        stored = repository.show(small_registry, entry["entity"], entry["entity_id"])
        fields = {name: stored[name] for name in RECORD_TYPES[entry["entity"]].model_fields}
        detail = to_record_dict(entry["entity"], json.loads(entry["detail"]))
        assert detail == json.loads(json.dumps(fields, default=str)), entry["entity_id"]
