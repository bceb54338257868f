"""The benchmarks still run: `python -m benchmarks --smoke` measures the figures that need no
browser, at their smallest, and prints a full table.

No timing thresholds here: timings belong in benchmarks/RESULTS.md, never in pass/fail tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_smoke_run_fills_every_column_of_its_table():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")][1:]
    assert len(table) == 2, done.stdout  # the header, then atlas_load and 1,000 events
    for line in table:
        cells = [cell.strip() for cell in line.strip("| ").split(" | ")]
        assert len(cells) == 6 and all(cells[:5]), line
        assert "–" not in cells[1:4], line  # ours, baseline and ratio were measured
    assert "1,000 events" in table[1]
    assert "Not measured in this run" not in done.stdout
