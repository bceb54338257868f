"""Benchmarks: what users feel, each figure against a baseline measured in the same run.

Run with `python -m benchmarks [FIGURE...] [--quick]`; see benchmarks/README.md.
"""
