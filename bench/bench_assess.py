"""Assessment speed: evidence files loaded, assessments per second, what-if searches per second.

Runs on the bundled Macau examples and on synthetic evidence built in code (varied counts, flags and
prior placements), on one core."""

from __future__ import annotations

import random
import statistics
import time
from typing import Any

from tipwatch.assess import assess, load_policy, what_if
from tipwatch.assess.examples import example_files
from tipwatch.evidence import Evidence, load_evidence
from tipwatch.law import law_for_report_year


def _synthetic(count: int, seed: int = 7) -> list[Evidence]:
    rng = random.Random(seed)
    tiers = ["1", "2", "2WL", "3"]
    items = []
    for number in range(count):
        year = rng.randint(2005, 2025)
        maybe = lambda: rng.choice([None, 0, rng.randint(1, 50)])  # noqa: E731
        flag = lambda: rng.choice([None, True, False])  # noqa: E731
        data: dict[str, Any] = {
            "jurisdiction": f"Synthetic {number}",
            "report_year": year,
            "prior_placements": [{"report_year": year - k, "tier": rng.choice(tiers)} for k in range(1, 5)],
            "prosecution": {"investigations": maybe(), "prosecutions": maybe(), "convictions": maybe()},
            "protection": {
                "victims_identified": maybe(),
                "victims_served": maybe(),
                "proactive_screening": flag(),
            },
            "prevention": {"awareness_campaigns": flag(), "labour_recruitment_rules": flag()},
            "previous_period": {"investigations": maybe(), "convictions": maybe()},
        }
        items.append(Evidence.model_validate(data))
    return items


def _rate(label: str, count: int, seconds: float, unit: str) -> None:
    print(
        f"{label}: {count} in {seconds:.2f} s = {count / seconds:,.0f} {unit}/s ({seconds / count * 1000:.2f} ms each)"
    )


def main() -> None:
    policy = load_policy()
    law_for_report_year(2024)  # warm the law cache
    files = example_files()
    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        examples = [load_evidence(path) for path in files]
    _rate("load bundled evidence files", rounds * len(files), time.perf_counter() - start, "files")

    synthetic = _synthetic(2000)
    start = time.perf_counter()
    tiers = [assess(item, policy=policy).tier for item in synthetic]
    _rate("assess synthetic evidence", len(synthetic), time.perf_counter() - start, "assessments")
    print("  tiers:", ", ".join(f"{tier}: {tiers.count(tier)}" for tier in sorted(set(tiers))))

    timings = []
    for item in examples:
        start = time.perf_counter()
        what_if(item, policy=policy)
        timings.append(time.perf_counter() - start)
    print(
        f"what-if on the {len(examples)} Macau examples: median {statistics.median(timings):.2f} s, "
        f"max {max(timings):.2f} s"
    )


if __name__ == "__main__":
    main()
