"""Benchmarks: the load benchmark and its settings (see bench/README.md)."""
