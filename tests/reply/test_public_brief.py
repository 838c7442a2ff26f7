"""A public reply brief says nothing the released periods do not: its figures and its verdicts are
decided by the published figures alone (issue 15, item 2: a verdict is itself a disclosure)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipwatch.disclosure.policy import Audience, DisclosurePolicy
from tipwatch.disclosure.published import Disclosure, PublishedFigures, ReleasedPeriod
from tipwatch.reply.brief import RecordEvent, RegistryRecords, Verdict, Window, build_reply
from tipwatch.reply.claims import Measure
from tipwatch.reply.engine import engine_assessor

K = 5
FIRST, LAST = 2017, 2024
RP2023 = Window.period(2023)


def released(records: RegistryRecords, k: int = K) -> PublishedFigures:
    periods = []
    for year in range(FIRST, LAST + 1):
        window = Window.period(year)
        values: dict[str, int | str | None] = {}
        for measure in Measure:
            count = records.count(measure, window.start, window.end)
            values[measure.statistic_path] = f"<{k}" if 0 < count < k else count
        periods.append(ReleasedPeriod(window.label, window.start, window.end, values))
    return PublishedFigures(k, tuple(periods))


def public(records: RegistryRecords) -> Disclosure:
    return Disclosure(Audience.PUBLIC, DisclosurePolicy(K), released(records))


def registry(counts: dict[tuple[Measure, int], int]) -> RegistryRecords:
    """``counts[(measure, report year)]`` events of each measure, spread over that reporting period."""
    events = []
    for (measure, year), count in counts.items():
        start = Window.period(year).start
        events += [
            RecordEvent(measure, f"{measure}-{year}-{n}", start + timedelta(days=17 * n))
            for n in range(count)
        ]
    return RegistryRecords.of(events, covers_from=date(FIRST - 1, 4, 1))


def test_a_suppressed_count_that_the_report_states_is_not_verifiable_in_public() -> None:
    fields: dict[str, Any] = {"report_year": 2023, "prosecutions": 1}
    one = registry({(Measure.PROSECUTIONS, 2023): 1})
    internal = build_reply(fields, one, 2023, Disclosure(Audience.INTERNAL))
    assert internal.checks[0].verdict is Verdict.AGREES
    brief = build_reply(fields, one, 2023, public(one))
    (check,) = brief.checks
    assert check.figures[0].count.display == "fewer than 5"
    assert check.verdict is Verdict.NOT_VERIFIABLE  # "agrees" would say the count is exactly 1
    assert check.reason.startswith("not verifiable in public output")


def test_the_interval_alone_decides_a_verdict_in_public() -> None:
    two = registry({(Measure.PROSECUTIONS, 2023): 2})
    seven = build_reply({"report_year": 2023, "prosecutions": 7}, two, 2023, public(two))
    assert seven.checks[0].verdict is Verdict.CONTRADICTS  # 7 is not in 1 .. 4
    none = build_reply({"report_year": 2023, "prosecutions": 0}, two, 2023, public(two))
    assert none.checks[0].verdict is Verdict.CONTRADICTS
    exact = registry({(Measure.PROSECUTIONS, 2023): 6})
    six = build_reply({"report_year": 2023, "prosecutions": 6}, exact, 2023, public(exact))
    assert six.checks[0].verdict is Verdict.AGREES


NARRATIVE: dict[str, Any] = {
    "jurisdiction": "Macau",
    "report_year": 2023,
    "tier": "3",
    "investigations": 5,
    "prosecutions": 1,
    "convictions": 2,
    "victims_identified": 0,
    "consecutive_year_claims": [
        {"text": "for the fourth consecutive year, the government did not identify any victims", "years": 4}
    ],
    "since_year_claims": [{"text": "The government has not convicted a trafficker since 2019", "year": 2019}],
}
CELLS = [(measure, year) for measure in Measure for year in range(FIRST, LAST + 1)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=st.lists(st.integers(0, 7), min_size=len(CELLS), max_size=len(CELLS)),
    alternative=st.integers(1, K - 1),
)
def test_no_public_brief_narrows_a_suppressed_count_verdicts_included(
    counts: list[int], alternative: int
) -> None:
    """Witness by construction: for every suppressed cell and every other value in its interval 1..k-1
    there is a registry that releases the same figures and gets the very same public brief (figures,
    verdicts, reasons and reassessment), so the brief cannot tell the two values apart."""
    true = dict(zip(CELLS, counts, strict=True))
    assessor = engine_assessor(2023)
    records = registry(true)
    brief = build_reply(NARRATIVE, records, 2023, public(records), assessor=assessor)
    shown = json.dumps(brief.to_dict(), sort_keys=True)
    for cell, count in true.items():
        if 0 < count < K and alternative != count:
            other = registry({**true, cell: alternative})
            twin = build_reply(NARRATIVE, other, 2023, public(other), assessor=assessor)
            assert json.dumps(twin.to_dict(), sort_keys=True) == shown, f"{cell}: {count} vs {alternative}"
