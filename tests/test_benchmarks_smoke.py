"""The cheap benchmark figures run and produce numbers of the right shape.

No timing thresholds here: timings belong in benchmarks/RESULTS.md, never in pass/fail tests.
"""

from __future__ import annotations

from benchmarks import atlas_load, step_work
from benchmarks._stats import Summary, paired_ratios, percentile
from benchmarks._table import Row, markdown


def test_percentile_and_summary_of_known_samples():
    samples = Summary.of(range(1, 101))
    assert samples.median == 50.5
    assert samples.p95 == 95
    assert (samples.low, samples.high, samples.count) == (1, 100, 100)
    assert percentile([3.0], 0.95) == 3.0
    assert paired_ratios([2.0, 6.0], [1.0, 3.0]).samples == (2.0, 2.0)


def test_atlas_load_measures_ours_and_the_baseline_in_fresh_processes():
    ours, baseline = atlas_load.measure(repeats=1)
    assert len(ours) == len(baseline) == 1
    assert all(value > 0 for value in ours + baseline)


def test_step_work_measures_the_payload_and_every_sampled_folium_day_for_1k_events():
    got = step_work.measure(1_000, rounds=1)
    assert len(got["ours"]) == len(got["baseline"]) == len(got["bytes"]) == 1
    assert len(got["day_bytes"]) == len(step_work.DAYS)
    assert all(value > 0 for value in got["ours"] + got["baseline"] + got["bytes"])
    assert got["bytes"][0] > max(got["day_bytes"])  # every day's features, with day bounds
    assert got["load"] > 0


def test_quick_rows_fill_every_column_of_the_table():
    rows = atlas_load.run(quick=True) + step_work.run(quick=True, sizes=(1_000,))
    assert len(rows) == 2
    for row in rows:
        assert isinstance(row, Row)
        assert row.figure and row.ours and row.baseline and row.ratio and row.target
    table = markdown(rows)
    assert table.count("\n|") >= 3  # header rule and two rows
    assert "1,000 events" in table
