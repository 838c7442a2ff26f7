"""Start-up of the command line (``python -m bench cli``): ``tipwatch --help`` and ``tipwatch history
Macau`` run as a user runs them (the installed ``tipwatch`` script, a fresh process each time), median of
10 runs each, wall time and CPU time (user + system of the process). The history command reads a
database of its own, loaded and at the latest migration before the timed runs (one untimed run first)."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 10
TARGET_S = 0.3


def _script() -> str:
    beside = Path(sys.executable).with_name("tipwatch")
    found = str(beside) if beside.exists() else shutil.which("tipwatch")
    if found is None:
        sys.exit("no tipwatch script: run `make test` (or pip install -e .) first")
    return found


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Median wall and median CPU seconds of ``RUNS`` runs."""
    walls, cpus = [], []
    for _ in range(RUNS):
        cpu, start = _cpu(), time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    script = _script()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "TIPWATCH_DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.db'}"}
        subprocess.run([script, "load"], env=env, stdout=subprocess.DEVNULL, check=True)
        for label, arguments in (
            ("tipwatch --help", ["--help"]),
            ("tipwatch history Macau", ["history", "Macau"]),
        ):
            wall, cpu = _time([script, *arguments], env)
            verdict = "PASS" if wall < TARGET_S else "FAIL"
            print(
                f"{label:<24} median of {RUNS}: {wall:6.3f} s wall, {cpu:6.3f} s CPU  "
                f"(target < {TARGET_S} s wall: {verdict})",
                flush=True,
            )


if __name__ == "__main__":
    main()
