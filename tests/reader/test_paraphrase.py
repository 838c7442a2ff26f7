"""Paraphrase-varied synthetic narratives (hypothesis): the reader must find the planted facts however the
sentence is worded — numbers as digits, with thousands separators or as words; several verbs and
constructions per field; zeros in several forms; jurisdictions it has never seen."""

from __future__ import annotations

import pycountry
from bench.synthetic_narratives import words
from hypothesis import given, settings
from hypothesis import strategies as st

from tipwatch.reader import read_narrative

NAMES = sorted(c.name for c in pycountry.countries if c.name.replace(" ", "").isalpha() and len(c.name) < 20)


@st.composite
def number_text(draw: st.DrawFn) -> tuple[int, str]:
    n = draw(st.integers(1, 4999))
    style = draw(st.sampled_from(["digits", "words", "comma"]))
    if style == "words" and n < 100:
        return n, words(n)
    # the report writes thousands with a separator ("1,034"); bare 19xx/20xx are read as years, not counts
    return n, f"{n:,}" if style == "comma" or n >= 1000 else str(n)


INVESTIGATION = [
    "investigated {n} cases",
    "initiated {n} investigations",
    "reported investigating {n} suspected cases",
    "opened investigations into {n} cases",
]
PROSECUTION = [
    "prosecuted {n} suspects",
    "initiated prosecutions of {n} defendants",
    "prosecuting {n} alleged traffickers",
]
CONVICTION = [
    "convicted {n} traffickers",
    "secured {n} convictions",
    "convicting {n} sex traffickers",
    "obtained {n} convictions",
]
VICTIMS = [
    "identified {n} victims",
    "identified {n} potential trafficking victims",
    "reported identifying {n} victims",
]
ZEROS = {
    "investigations": [
        "did not investigate any trafficking cases",
        "investigated no trafficking crimes",
        "did not report investigating any cases",
    ],
    "prosecutions": [
        "did not prosecute any traffickers",
        "initiated no prosecutions",
        "did not initiate any prosecutions",
    ],
    "convictions": [
        "did not convict any traffickers",
        "convicted no traffickers",
        "did not obtain any convictions",
    ],
    "victims_identified": [
        "did not identify any victims",
        "identified no victims",
        "did not report identifying any victims",
    ],
}
DISTRACTORS = [
    "NGOs identified {n} victims.",
    "In 2015, authorities investigated {n} cases and convicted {n} traffickers.",
    "The government screened more than {n} migrants for trafficking indicators.",
    "Police arrested {n} suspects and rescued {n} victims.",
    "The government trained {n} officials on victim identification.",
    "International organizations assisted {n} victims in shelters.",
]
TIERS = {"1": "Tier 1", "2": "Tier 2", "2WL": "Tier 2 Watch List", "3": "Tier 3"}
TEMPLATES = {
    "investigations": INVESTIGATION,
    "prosecutions": PROSECUTION,
    "convictions": CONVICTION,
    "victims_identified": VICTIMS,
}


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    tier=st.sampled_from(sorted(TIERS)),
    movement=st.sampled_from(["remained on", "was upgraded to", "was downgraded to"]),
    subject=st.sampled_from(["Authorities", "The government", "Officials"]),
    data=st.data(),
)
def test_planted_facts_are_read(
    name: str, tier: str, movement: str, subject: str, data: st.DataObject
) -> None:
    if tier == "1":
        finding = (
            f"The Government of {name} fully meets the minimum standards for the elimination of trafficking."
        )
    else:
        efforts = "is not making significant efforts" if tier == "3" else "is making significant efforts"
        finding = f"The Government of {name} does not fully meet the minimum standards for the elimination of trafficking and {efforts} to do so."
    expected: dict[str, int | None] = {}
    sentences = []
    for field, templates in TEMPLATES.items():
        kind = data.draw(st.sampled_from(["count", "zero", "absent"]), label=field)
        if kind == "count":
            n, shown = data.draw(number_text(), label=f"{field} number")
            template = data.draw(st.sampled_from(templates), label=f"{field} template")
            sentences.append(f"{subject} {template.format(n=shown)} during the reporting period.")
            expected[field] = n
        elif kind == "zero":
            sentences.append(f"{subject} {data.draw(st.sampled_from(ZEROS[field]), label=f'{field} zero')}.")
            expected[field] = 0
        else:
            expected[field] = None
    text = (
        f"{name.upper()}: {TIERS[tier]}\n\n{finding} Therefore {name} {movement} {TIERS[tier]}. "
        + " ".join(sentences)
    )
    narrative = read_narrative(text, year=2024)
    assert narrative.value("tier") == tier
    assert narrative.value("movement") == movement.split()[-2] if movement != "remained on" else "remained"
    assert narrative.value("fully_meets_minimum_standards") is (tier == "1")
    for field, value in expected.items():
        assert narrative.value(field) == value, (field, text)
    assert narrative.value("jurisdiction") == name
