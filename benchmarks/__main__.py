"""`python -m benchmarks [FIGURE...] [--quick|--smoke] [--write|--no-write]`: run, print, record.

With no figure named, all run in order. `--smoke` runs the figures that need no browser once, at
their smallest, writes nothing and fails when one of them cannot be measured: the tests' check
that the harness still runs (timings there mean nothing). The table goes to stdout; a full run (every figure,
not --quick) also rewrites the generated part of benchmarks/RESULTS.md, between its markers,
and keeps the hand-written analysis around it. A partial run with --write goes into a part of
its own, below the full run's table, which it leaves as it was.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from pathlib import Path

from benchmarks._machine import info_markdown, load_average, machine_info
from benchmarks._table import Row, markdown

FIGURES = (
    "slider_step",
    "play",
    "cold_start",
    "atlas_load",
    "step_work",
    "large_layer",
    "export_size",
    "classroom",
    "follow",
)
# --smoke: the figures that need no browser, with the options that make them smallest
SMOKE = {"atlas_load": {}, "step_work": {"sizes": (1_000,)}}
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
PARTIAL_START, PARTIAL_END = "<!-- partial:start -->", "<!-- partial:end -->"
SKELETON = f"""# Benchmark results

How to run and what each figure means: [README.md](README.md).

{START}
{END}

## Why targets are missed and what would close it

(Written by hand after a full run.)
"""


def run_figure(name: str, quick: bool, **options) -> list[Row]:
    """A figure that breaks becomes a row saying so; the others still run."""
    started = time.monotonic()
    print(f"… {name}", file=sys.stderr, flush=True)
    try:
        rows = importlib.import_module(f"benchmarks.{name}").run(quick=quick, **options)
    except Exception as error:
        traceback.print_exc()
        reason = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        rows = [Row(name, "–", "–", "–", "–", False, failed=reason[:200])]
    print(f"  {name} took {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    return rows


def generated_section(
    info: dict[str, str],
    rows: list[Row],
    quick: bool,
    took: float,
    partial: list[str] | None = None,
) -> str:
    start, end = (PARTIAL_START, PARTIAL_END) if partial else (START, END)
    which = f" of {', '.join(partial)} alone" if partial else ""
    return "\n".join(
        [
            start,
            f"## Run{which} of {info['date']}{' (--quick)' if quick else ''}",
            "",
            info_markdown(info),
            f"- load average at end: {load_average()}",
            f"- whole run: {took / 60:.0f} min",
            "",
            markdown(rows),
            end,
        ]
    )


def write_results(section: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else SKELETON
    if START not in text or END not in text:
        text = SKELETON + "\n" + text
    start, end = (PARTIAL_START, PARTIAL_END) if section.startswith(PARTIAL_START) else (START, END)
    if start not in text:  # a partial run's first: just below the full run's table
        text = text.replace(END, f"{END}\n\n{PARTIAL_START}\n{PARTIAL_END}", 1)
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    RESULTS.write_text(before + section + after)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "figures",
        nargs="*",
        metavar="FIGURE",
        help=f"any of: {', '.join(FIGURES)} (default: all)",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller sizes")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"only {', '.join(SMOKE)}, at their smallest; write nothing; fail if one fails",
    )
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write RESULTS.md (default: only for a full run of every figure)",
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.figures if name not in FIGURES]
    if unknown:
        parser.error(f"no figure {', '.join(unknown)}; choose from {', '.join(FIGURES)}")
    chosen = args.figures or list(SMOKE if args.smoke else FIGURES)
    quick = args.quick or args.smoke
    full = not quick and chosen == list(FIGURES)
    write = args.write if args.write is not None else full
    info = machine_info()
    started = time.monotonic()
    smallest = SMOKE if args.smoke else {}
    rows = [row for name in chosen for row in run_figure(name, quick, **smallest.get(name, {}))]
    partial = [] if chosen == list(FIGURES) else chosen
    section = generated_section(info, rows, quick, time.monotonic() - started, partial)
    print(section)
    if write:
        write_results(section)
        print(f"written to {RESULTS}", file=sys.stderr)
    if args.smoke and any(r.failed for r in rows):
        return 1
    return 0 if all("error:" not in r.ours for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
