"""Benchmarks: `make bench` (or `python -m bench [NAME...]`) runs every `bench/bench_*.py` module's
`main()`, each printing its own figures."""
