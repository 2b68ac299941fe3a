"""Casebook's benchmark suite: `.venv/bin/python benchmarks/run.py` (or `make benchmark`)."""
