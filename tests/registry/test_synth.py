"""The synthetic registry is reproducible from its seed, valid by the registry's own checks, and
realistic in shape."""

from __future__ import annotations

from collections import Counter

import pytest

from tipwatch.problems import InputError
from tipwatch.registry.synth import SynthOptions, generate, load, rows_to_batch
from tipwatch.registry.trends import registry_facts
from tipwatch.store import Database


def test_same_seed_same_registry_other_seed_other_registry() -> None:
    first = list(generate(SynthOptions(victims=300, seed=4, chunk=100)))
    assert first == list(generate(SynthOptions(victims=300, seed=4, chunk=100)))
    assert first != list(generate(SynthOptions(victims=300, seed=5, chunk=100)))
    victims = [p for rows in first for p in rows["persons"] if p["role"] == "victim"]
    assert len(victims) == 300


def test_generated_records_pass_every_check_and_look_like_a_registry(database: Database) -> None:
    rows = next(generate(SynthOptions(victims=2000, seed=2, chunk=2000)))
    batch, problems = rows_to_batch(rows, "synth")
    assert problems == [] and len(batch) == sum(len(items) for items in rows.values())
    victims = [p for p in rows["persons"] if p["role"] == "victim"]
    genders = Counter(p["gender"] for p in victims)
    assert genders["feminine"] > genders["masculine"] > 0
    forms = Counter(form for p in victims for form in p["exploitation"])
    assert forms["sexual"] > forms["forced_labour"] > forms["domestic_servitude"] > 0
    events = Counter(e["event"] for e in rows["proceedings"])
    assert (
        events["report_received"]
        > events["investigation_opened"]
        > events["prosecution_initiated"]
        > events["conviction"]
        > 0
    )
    totals = load(database, SynthOptions(victims=500, seed=3), "synth")
    assert totals["persons"] > 500 and totals["meetings"] > 100
    assert registry_facts(database, __import__("datetime").date.today()).victims_ever == 500
    with pytest.raises(InputError, match="already holds synthetic records"):
        load(database, SynthOptions(victims=10, seed=3), "synth")
