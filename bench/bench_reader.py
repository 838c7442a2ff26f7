"""Reader speed: 200 realistic synthetic narratives of about 4,000 words each (generated here, seeded),
read one after another on one core; then a many-country report PDF (built with WeasyPrint, as the tests
do) read through the same streaming path as ``tipwatch read report.pdf``.

Prints wall time and CPU time (the process's own, unaffected by other work on a shared machine), and
checks that the planted facts were read back."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench.synthetic_narratives import build_report_pdf, synthetic_narrative
from tipwatch.reader import read_narrative
from tipwatch.reader.batch import Failure, read_paths

NARRATIVES = 200
WORDS = 4000
PDF_COUNTRIES = 24


def _timed(function):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    rng = random.Random(2024)
    items = [synthetic_narrative(rng, words_target=WORDS) for _ in range(NARRATIVES)]
    words = sum(len(item.text.split()) for item in items)

    def read_all() -> int:
        wrong = 0
        for item in items:
            narrative = read_narrative(item.text)
            wrong += sum(narrative.value(name) != value for name, value in item.facts.items())
        return wrong

    wrong, wall, cpu = _timed(read_all)
    print(f"text: {NARRATIVES} narratives, {words / NARRATIVES:,.0f} words each on average ({words:,} words)")
    print(
        f"text: read in {wall:.2f} s wall, {cpu:.2f} s CPU ({NARRATIVES / cpu:,.0f} narratives/s CPU); planted facts misread: {wrong}"
    )

    pdf_items = [
        synthetic_narrative(rng, words_target=1500, name=name) for name in rng.sample(_names(), PDF_COUNTRIES)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path, build_wall, _ = _timed(lambda: build_report_pdf(Path(folder) / "report.pdf", pdf_items))
        results, wall, cpu = _timed(lambda: list(read_paths([path])))
        narratives = [r for r in results if not isinstance(r, Failure)]
        found = {n.value("jurisdiction") for n in narratives}
        tiers_right = sum(
            n.value("tier") == i.facts["tier"] for n, i in zip(narratives, pdf_items, strict=False)
        )
        size = path.stat().st_size
    print(f"pdf: {PDF_COUNTRIES} countries, {size / 1e6:.1f} MB, built in {build_wall:.1f} s (WeasyPrint)")
    print(
        f"pdf: read and split in {wall:.2f} s wall, {cpu:.2f} s CPU; narratives found: {len(narratives)}, "
        f"jurisdictions right: {len(found & {i.name for i in pdf_items})}, tiers right: {tiers_right}"
    )


def _names() -> list[str]:
    from bench.synthetic_narratives import COUNTRIES

    return list(COUNTRIES)


if __name__ == "__main__":
    main()
