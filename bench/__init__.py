"""Relais benchmarks: `python -m bench` (or `--quick`) prints one table and writes RESULTS.md."""
