"""The named readings of the statute (law/readings.yaml), the Tier 3 placements on the merits
(history/tier3_bases.yaml), and the one implementation of (F) the engine and the audit share."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipwatch.assess import assess
from tipwatch.evidence import Evidence, Tier
from tipwatch.history import Placement, TierRecord, YearCoverage, watchlist_audit
from tipwatch.history.bases import BASES_FILE, load_merits_placements
from tipwatch.law.readings import LIMIT_AFTER_DOWNGRADE, READINGS_FILE, load_readings, read_rule
from tipwatch.problems import InputError, NotFoundError


@pytest.fixture
def readings_file(tmp_path: Path) -> Path:
    target = tmp_path / "readings.yaml"
    shutil.copy(READINGS_FILE, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_bundled_readings_of_f() -> None:
    rule = read_rule(LIMIT_AFTER_DOWNGRADE)
    assert rule.reference == "22 U.S.C. 7107(b)(2)(F)" and rule.act.startswith("Pub. L. 115-425")
    assert [r.name for r in rule.readings] == ["department-practice", "literal"]
    assert rule.reading().name == "department-practice"
    with pytest.raises(NotFoundError) as info:
        rule.reading("generous")
    assert "literal" in info.value.suggestions


def test_bad_readings_file_unknown_key(readings_file: Path) -> None:
    _edit(
        readings_file, "    default: department-practice", "    default: department-practice\n    colour: red"
    )
    with pytest.raises(InputError) as info:
        load_readings(readings_file)
    [problem] = info.value.problems
    assert problem.code == "unknown-field" and problem.location.path == "rules[0].colour"
    assert problem.location.file == str(readings_file) and problem.location.line


def test_bad_readings_file_default_that_is_no_reading(readings_file: Path) -> None:
    _edit(readings_file, "    default: department-practice", "    default: generous")
    with pytest.raises(InputError) as info:
        load_readings(readings_file)
    assert "generous" in info.value.problems[0].message


def test_bad_readings_file_missing_parameter(readings_file: Path) -> None:
    _edit(readings_file, "        reinstated_directly: false\n", "")
    with pytest.raises(InputError) as info:
        load_readings(readings_file)
    assert info.value.problems[0].code == "missing-field"


def test_merits_placements_and_a_bad_entry(tmp_path: Path) -> None:
    assert load_merits_placements()["GMB"] == frozenset({2019})
    bad = tmp_path / "bases.yaml"
    bad.write_text(BASES_FILE.read_text(encoding="utf-8").replace("report_year: 2019", "report_year: 1990"))
    with pytest.raises(InputError) as info:
        load_merits_placements(bad)
    assert info.value.problems[0].location.file == str(bad)


TIERS = st.sampled_from([Tier.TIER_2, Tier.WATCH_LIST, Tier.WATCH_LIST, Tier.TIER_3])
FLAT = {
    "prosecution": {"investigations": 3, "prosecutions": 0, "convictions": 1},
    "protection": {"victims_identified": 0, "identification_training": True},
    "prevention": {"awareness_campaigns": True},
    "previous_period": {"investigations": 3, "prosecutions": 0, "convictions": 1, "victims_identified": 0},
}


@settings(max_examples=60, deadline=None)
@given(
    history=st.lists(TIERS, min_size=12, max_size=12),
    reading=st.sampled_from(["department-practice", "literal"]),
)
def test_engine_and_audit_read_f_the_same_way(history: list[Tier], reading: str) -> None:
    """Same placements, same reading: the engine applies (F) to a Watch List year exactly when the audit
    finds that year beyond (F)."""
    year = 2024
    prior = {2012 + i: tier for i, tier in enumerate(history)}
    evidence = Evidence.model_validate(
        {
            "jurisdiction": "Alpha",
            "report_year": year,
            "prior_placements": [{"report_year": y, "tier": t.value} for y, t in prior.items()],
            **FLAT,
        }
    )
    engine = assess(evidence, reading=reading).finding("watch-list-limit-after-downgrade") is not None
    placements = [
        Placement("Alpha", "ALP", y, t, "test") for y, t in {**prior, year: Tier.WATCH_LIST}.items()
    ]
    coverage = tuple(YearCoverage(y, "yes", None, "") for y in range(2012, year + 1))
    report = watchlist_audit(TierRecord(tuple(placements), coverage), reading=reading, merits={})
    audit = any(f.code == "watch-list-after-downgrade" and year in f.years for f in report.findings)
    assert engine == audit, (prior, reading)
