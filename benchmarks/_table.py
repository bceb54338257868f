"""One row per figure and the table `python -m benchmarks` prints and RESULTS.md holds."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks._stats import Summary


@dataclass
class Row:
    """One measured quantity, ours against the baseline measured in the same run.

    `met` is None when the figure has no target (a growth curve, a memory reading).
    """

    figure: str
    ours: str
    baseline: str
    ratio: str
    target: str
    met: bool | None
    note: str = ""
    failed: str = ""  # why the figure could not be measured; such a row stays out of the table


def seconds(value: float) -> str:
    if value >= 10:
        return f"{value:.1f} s"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.0f} ms"


def spread(summary: Summary, unit=seconds) -> str:
    """'120 ms (95–180 ms, n=30)': median, then the range of all samples."""
    if summary.count == 1:
        return unit(summary.median)
    return f"{unit(summary.median)} ({unit(summary.low)}–{unit(summary.high)}, n={summary.count})"


def times(value: float) -> str:
    return f"{value:.2f}×"


def ratio_text(ratios: Summary) -> str:
    if ratios.count == 1:
        return times(ratios.median)
    return f"{times(ratios.median)} ({times(ratios.low)}–{times(ratios.high)})"


def verdict(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "–"}[met]


HEADER = ("figure", "ours", "baseline", "ratio ours/baseline", "target", "met?")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")  # one line: a newline would end the row


def markdown(rows: list[Row]) -> str:
    """The table of measured figures, their notes, then the figures that failed (with why)."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        if row.failed:
            continue
        cells = (row.figure, row.ours, row.baseline, row.ratio, row.target, verdict(row.met))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    notes = [f"- **{row.figure}**: {row.note}" for row in rows if row.note and not row.failed]
    failed = [f"- **{row.figure}** failed: {_cell(row.failed)}" for row in rows if row.failed]
    return "\n".join(
        lines
        + ([""] + notes if notes else [])
        + (["", "Not measured in this run:", ""] + failed if failed else [])
    )
