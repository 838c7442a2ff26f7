"""Time loading the tier record and every history query (``python -m bench history``).

Figures are the median of several runs on this machine, in milliseconds. "per jurisdiction" figures
run the query for each of the record's jurisdictions and report the slowest and the median.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from tipwatch.glotip import country_stats, load_bundled_glotip
from tipwatch.history import TierRecord
from tipwatch.history.audit import watchlist_audit
from tipwatch.history.coverage import coverage
from tipwatch.history.loader import bundled_coverage, parse_tier_csv
from tipwatch.history.overview import overview
from tipwatch.history.queries import history, tiers_in_year
from tipwatch.history.streaks import streaks
from tipwatch.history.transitions import transitions
from tipwatch.jurisdictions import resolve
from tipwatch.store import open_database
from tipwatch.store.tier_repository import (
    glotip_figures,
    load_record,
    save_glotip,
    save_record,
    stored_figures,
)


def _median_ms(action: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _line(label: str, ms: float) -> None:
    print(f"{label:<58} {ms:9.2f} ms", flush=True)


def _fresh_record() -> TierRecord:
    text = (resources.files("tipwatch") / "data" / "tiers" / "tip_tiers.csv").read_text(encoding="utf-8")
    return TierRecord(parse_tier_csv(text, "tip_tiers.csv"), bundled_coverage())


def main() -> None:
    record = _fresh_record()
    _line(f"parse and validate tip_tiers.csv ({len(record)} rows)", _median_ms(_fresh_record))
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        _line(
            "first load into an empty SQLite database",
            _median_ms(lambda: save_record(database, record), repeat=1),
        )
        _line("load again (idempotent: nothing changes)", _median_ms(lambda: save_record(database, record)))
        _line("read the record back from the database", _median_ms(lambda: load_record(database)))
        figures = stored_figures(load_bundled_glotip())
        _line(
            f"load GLOTIP figures ({len(figures)} rows) into SQLite",
            _median_ms(lambda: save_glotip(database, figures), repeat=1),
        )
        _line("read one jurisdiction's GLOTIP figures", _median_ms(lambda: glotip_figures(database, "PHL")))
        database.dispose()
    names = [j.name for j in record.jurisdictions()]
    per_jurisdiction = []
    for name in names:
        start = time.perf_counter()
        history(record, name)
        per_jurisdiction.append((time.perf_counter() - start) * 1000)
    _line(f"history JURISDICTION, slowest of {len(names)}", max(per_jurisdiction))
    _line(f"history JURISDICTION, median of {len(names)}", statistics.median(per_jurisdiction))
    _line(
        f"history for all {len(names)} jurisdictions", _median_ms(lambda: [history(record, n) for n in names])
    )
    _line("resolve a name (Macao)", _median_ms(lambda: resolve("Macao")))
    _line("tiers --year 2022", _median_ms(lambda: tiers_in_year(record, 2022)))
    _line("overview (latest year)", _median_ms(lambda: overview(record)))
    _line("streaks (all tiers)", _median_ms(lambda: streaks(record)))
    _line("streaks --tier 3 --min 10 --current", _median_ms(lambda: streaks(record, None, 10, True)))
    _line("transitions 2001-2025", _median_ms(lambda: transitions(record)))
    _line("coverage", _median_ms(lambda: coverage(record)))
    _line("watchlist-audit (every jurisdiction, both passes)", _median_ms(lambda: watchlist_audit(record)))
    with tempfile.TemporaryDirectory() as folder:
        from tipwatch.reports.tier_chart import Trajectory, render_tier_chart

        trajectories = [Trajectory(n, history(record, n)) for n in ("Macau", "Hong Kong", "Taiwan")]
        svg = Path(folder) / "chart.svg"
        _line(
            "chart of 3 jurisdictions to SVG",
            _median_ms(lambda: render_tier_chart(trajectories, svg, 2001, 2025), repeat=3),
        )
    all_figures = load_bundled_glotip()
    tiers = {p.report_year: p.tier for p in record.of("PHL")}
    _line(
        "stats Philippines (over the whole GLOTIP export)",
        _median_ms(lambda: country_stats(all_figures, "PHL", tiers)),
    )


if __name__ == "__main__":
    main()
