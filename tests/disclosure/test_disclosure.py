"""Small-cell suppression: no withheld cell can be recovered from everything a release publishes.

Every protected release is checked twice: by the LP audit the product itself runs, and by an
independent brute-force search (``witness.py``) that must find, for each withheld cell, another integer
value consistent with all published numbers, markers and relations.
"""

from __future__ import annotations

import importlib.util
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipwatch.disclosure.audit import exposed_cells, reader_intervals
from tipwatch.disclosure.rules import (
    CellStatus,
    DisclosureError,
    Relation,
    RelationKind,
    Release,
    cell_key,
    one_way,
    one_way_cover,
    protect,
    two_way,
)

_spec = importlib.util.spec_from_file_location("witness", Path(__file__).with_name("witness.py"))
assert _spec and _spec.loader
witness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(witness)

SEXES = ["female", "male", "unknown"]
AGES = ["adult", "child"]


def check_protected(release: Release, k: int) -> None:
    protected = protect(release, k)
    cap = max(release.cells.values()) + k
    for key, value in protected.values.items():
        truth = release.cells[key]
        if isinstance(value, int):
            assert value == truth
            assert value == 0 or value >= k, f"{key}: small count {value} published"
        elif value == "..":
            assert protected.status[key] is CellStatus.WITHHELD
        elif 0 < truth < k:
            assert value == f"<{k}"
            assert protected.status[key] is CellStatus.PRIMARY
        else:
            assert value == "x"
            assert truth >= k, f"{key}: complement chosen among zero or small cells ({truth})"
    assert exposed_cells(protected.relations, protected.values, k) == []
    intervals = reader_intervals(protected.relations, protected.values, k)
    for key in protected.withheld():
        interval = intervals[key]
        assert interval.lower <= release.cells[key]
        assert interval.upper is None or release.cells[key] <= interval.upper
        found = witness.find_witness(protected.relations, protected.values, k, key, release.cells[key], cap)
        assert found is not None, f"{key} (true value {release.cells[key]}) can be recovered"


def linked_release(people: list[tuple[str, str]], cross: bool) -> Release:
    tables = [
        one_way("victims", "sex", {s: sum(1 for p in people if p[0] == s) for s in SEXES}),
        one_way("victims", "age_group", {a: sum(1 for p in people if p[1] == a) for a in AGES}),
    ]
    if cross:
        counts = Counter(people)
        tables.append(
            two_way("victims", "sex", "age_group", {(s, a): counts[(s, a)] for s in SEXES for a in AGES})
        )
    return Release.combine(tables)


def test_two_small_cells_hide_each_other_and_the_zero_stays() -> None:
    protected = protect(one_way("victims", "sex", {"female": 4, "male": 4, "unknown": 0}))
    assert protected.values[cell_key("victims", sex="female")] == "<5"
    assert protected.values[cell_key("victims", sex="male")] == "<5"
    assert protected.values[cell_key("victims", sex="unknown")] == 0
    # 4 + 4 = 8 with both at most 4 would pin both cells: the total must go as well.
    assert protected.values[cell_key("victims")] == "x"


def test_one_small_cell_takes_the_smallest_large_cell_with_it() -> None:
    protected = protect(one_way("convictions", "form", {"sexual": 12, "labour": 2, "criminality": 7}))
    assert protected.values[cell_key("convictions", form="labour")] == "<5"
    assert protected.values[cell_key("convictions", form="criminality")] == "x"
    assert protected.values[cell_key("convictions", form="sexual")] == 12
    assert protected.values[cell_key("convictions")] == 21


def test_a_cell_hidden_in_one_table_is_not_recovered_from_another() -> None:
    # By sex: 5 + 1; by age: 3 + 3 of the same six victims. The shared total links the tables.
    release = Release.combine(
        [
            one_way("victims", "sex", {"female": 5, "male": 1}),
            one_way("victims", "age_group", {"adult": 3, "child": 3}),
        ]
    )
    check_protected(release, 5)
    protected = protect(release)
    assert protected.values[cell_key("victims")] == "x"


def test_a_table_that_cannot_be_protected_is_withheld_whole() -> None:
    # k = 3: two victims, one adult and one child. Hidden cells lie in 1..2, and 1 + 1 forces the
    # total (also hidden) to 2, so the adult and child cells are 1: nothing but zeros is left to hide.
    release = Release.combine(
        [
            one_way("victims", "sex", {"female": 2, "male": 0}),
            one_way("victims", "age_group", {"adult": 1, "child": 1}),
        ]
    )
    protected = protect(release, k=3)
    assert set(protected.values.values()) == {".."}
    check_protected(release, 3)


def test_primary_suppression_alone_is_caught_by_the_audit() -> None:
    relations = (Relation("t", ("a", "b")),)
    assert [i.key for i in exposed_cells(relations, {"t": 10, "a": 7, "b": "<5"}, 5)] == ["b"]
    # An 'x' is known to be at least 5, so 6 = x + <5 pins both.
    assert {i.key for i in exposed_cells(relations, {"t": 6, "a": "x", "b": "<5"}, 5)} == {"a", "b"}
    assert exposed_cells(relations, {"t": "x", "a": "x", "b": "<5"}, 5) == []


def test_threshold_is_a_parameter() -> None:
    protected = protect(one_way("victims", "sex", {"female": 3, "male": 9}), k=3)
    assert protected.values[cell_key("victims", sex="female")] == 3
    assert (
        protect(one_way("victims", "sex", {"female": 3, "male": 9}), k=10).values[
            cell_key("victims", sex="female")
        ]
        == "<10"
    )


def test_bad_releases_are_refused() -> None:
    with pytest.raises(DisclosureError, match="at least 2"):
        protect(one_way("victims", "sex", {"female": 3}), k=1)
    with pytest.raises(DisclosureError, match="do not satisfy a sum relation"):
        Release({"t": 8, "a": 3, "b": 4}, (Relation("t", ("a", "b")),))
    with pytest.raises(DisclosureError, match="one table and"):
        Release.combine([one_way("v", "sex", {"f": 3}), one_way("v", "age", {"a": 4})])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(st.tuples(st.sampled_from(SEXES), st.sampled_from(AGES)), max_size=30),
    cross=st.booleans(),
    k=st.sampled_from([3, 5]),
)
def test_linked_tables_of_the_same_victims_are_protected(
    people: list[tuple[str, str]], cross: bool, k: int
) -> None:
    check_protected(linked_release(people, cross), k)


@settings(max_examples=60, deadline=None)
@given(counts=st.lists(st.integers(0, 14), min_size=1, max_size=6), k=st.sampled_from([2, 5]))
def test_any_one_way_table_is_protected(counts: list[int], k: int) -> None:
    check_protected(one_way("cases", "form", {f"f{i}": c for i, c in enumerate(counts)}), k)


@settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.lists(st.integers(0, 12), min_size=2, max_size=3), min_size=2, max_size=3),
    seed=st.integers(0, 2**16),
)
def test_the_audit_agrees_with_brute_force(counts: list[list[int]], seed: int) -> None:
    """For any publication pattern (not only ours) the LP audit flags exactly the recoverable cells."""
    width = min(len(row) for row in counts)
    table = {(f"r{i}", f"c{j}"): row[j] for i, row in enumerate(counts) for j in range(width)}
    release = two_way("m", "row", "col", table)
    chooser = random.Random(seed)
    published: dict[str, int | str] = {}
    for key, value in release.cells.items():
        if 0 < value < 5:
            published[key] = "<5"
        elif value >= 5 and chooser.random() < 0.4:
            published[key] = "x"
        else:
            published[key] = value
    flagged = {i.key for i in exposed_cells(release.relations, published, 5)}
    cap = max(release.cells.values()) + 5
    recoverable = {
        key
        for key, value in published.items()
        if isinstance(value, str)
        and witness.find_witness(release.relations, published, 5, key, release.cells[key], cap) is None
    }
    assert flagged == recoverable


def test_inequalities_of_a_multi_form_breakdown_are_respected() -> None:
    # Eight victims, four sexually exploited and four in forced labour: the forms add up to at least 8,
    # each at most 4, so publishing the total would pin both hidden forms to 4.
    release = one_way_cover("victims", "form", 8, {"sexual": 4, "forced_labour": 4, "organ_removal": 0})
    relations = release.relations
    naive = {
        "victims": 8,
        "victims|form=sexual": "<5",
        "victims|form=forced_labour": "<5",
        "victims|form=organ_removal": 0,
    }
    assert {i.key for i in exposed_cells(relations, naive, 5)} == {
        "victims|form=sexual",
        "victims|form=forced_labour",
    }
    check_protected(release, 5)
    assert protect(release).values["victims"] == "x"


FORMS = ["sexual", "forced_labour", "forced_criminality"]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    victims=st.lists(
        st.tuples(st.sampled_from(SEXES[:2]), st.sets(st.sampled_from(FORMS), min_size=1)), max_size=20
    ),
    k=st.sampled_from([3, 5]),
)
def test_victims_counted_once_per_form_are_protected(victims: list[tuple[str, set[str]]], k: int) -> None:
    release = Release.combine(
        [
            one_way("victims", "sex", {s: sum(1 for v in victims if v[0] == s) for s in SEXES[:2]}),
            one_way_cover(
                "victims", "form", len(victims), {f: sum(1 for v in victims if f in v[1]) for f in FORMS}
            ),
        ]
    )
    check_protected(release, k)


@pytest.mark.parametrize(
    ("kind", "published", "exposed"),
    [
        # Referrals: a victim may be referred twice to a shelter, so only "parts >= total" holds.
        (RelationKind.AT_LEAST, {"t": 8, "a": "<5", "b": "<5"}, {"a", "b"}),
        (RelationKind.AT_LEAST, {"t": 7, "a": "<5", "b": "<5"}, set()),
        # Suspended sentences among all sentences: a part never exceeds the total.
        (RelationKind.SUBSET, {"t": 9, "a": "<5"}, set()),
        (RelationKind.SUBSET, {"t": "x", "a": "x"}, set()),
        (RelationKind.COVER, {"t": "<5", "a": "<5"}, set()),
        # Women and girls among female victims: the parts add up to at most the total.
        (RelationKind.WITHIN, {"t": 5, "a": "<5", "b": "<5"}, set()),
        (RelationKind.WITHIN, {"t": 2, "a": "<5", "b": "<5"}, {"a", "b"}),
    ],
)
def test_each_kind_of_inequality_is_audited(kind: RelationKind, published: dict, exposed: set) -> None:
    relations = (Relation("t", tuple(k for k in published if k != "t"), kind),)
    assert {i.key for i in exposed_cells(relations, published, 5)} == exposed
    # The brute-force search agrees: an exposed cell has no other possible value, the others do.
    intervals = reader_intervals(relations, published, 5)
    for key, interval in intervals.items():
        other = witness.find_witness(relations, published, 5, key, interval.lower, 20)
        assert (other is None) == (key in exposed)
