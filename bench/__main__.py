"""Run every benchmark module (``bench/bench_*.py``), or only those named: ``python -m bench history``."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main(names: list[str]) -> None:
    here = Path(__file__).parent
    modules = sorted(p.stem for p in here.glob("bench_*.py"))
    chosen = [m for m in modules if not names or m.removeprefix("bench_") in names or m in names]
    if not chosen:
        sys.exit(f"no benchmark matches {names}; available: {[m.removeprefix('bench_') for m in modules]}")
    for name in chosen:
        print(f"== {name.removeprefix('bench_')}", flush=True)
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
