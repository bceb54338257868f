"""Time a snippet in a fresh Python process, so no cache of an earlier repetition helps it.

The setup (imports) runs untimed; the child prints the seconds the timed part took.
"""

from __future__ import annotations

import os
import subprocess
import sys

from harness.server import ROOT

TEMPLATE = """
import time
{setup}
start = time.perf_counter()
{timed}
print(time.perf_counter() - start)
"""


def time_in_child(setup: str, timed: str, env: dict[str, str] | None = None) -> float:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", TEMPLATE.format(setup=setup, timed=timed)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": path, **(env or {})},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{done.stderr[-3000:]}")
    return float(done.stdout.strip().splitlines()[-1])
