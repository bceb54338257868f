"""Figure 3: load and validate the bundled geodata, as the app and `kengir-geo validate` do.

Each repetition is a fresh process with the libraries already imported (untimed), so the
atlas cache is empty and what is timed is the first load a user's server does. `load_atlas`
reads every file once, validates it (the same checks as `kengir-geo validate`) and builds
the typed layers. Baseline: `geopandas.read_file` of the same layer files, no checks at all.
"""

from __future__ import annotations

from benchmarks._child import time_in_child
from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text, spread

TARGET = 0.5

OURS_SETUP = "import kengir_geo, geopandas\nfrom kengir_geo.data.folder import bundled_geodata"
OURS = "kengir_geo.load_atlas(bundled_geodata())"
BASELINE_SETUP = (
    "import geopandas, pyogrio, tomllib\nfrom kengir_geo.data.folder import bundled_geodata\n"
    "root = bundled_geodata()\n"
    "files = [root / e['file'] for e in tomllib.loads((root / 'layers.toml').read_text())['layer']]"
)
BASELINE = "[geopandas.read_file(f) for f in files]"


def measure(repeats: int) -> tuple[list[float], list[float]]:
    ours, baseline = [], []
    for _ in range(repeats):  # alternated, so both meet the same moments of noise
        ours.append(time_in_child(OURS_SETUP, OURS))
        baseline.append(time_in_child(BASELINE_SETUP, BASELINE))
    return ours, baseline


def run(quick: bool = False) -> list[Row]:
    ours, baseline = measure(3 if quick else 7)
    mine = Summary.of(ours)
    return [
        Row(
            "3 atlas load + validate (bundled geodata)",
            spread(mine),
            spread(Summary.of(baseline)),
            ratio_text(paired_ratios(ours, baseline)),
            "≤0.5 s",
            mine.median <= TARGET,
            "baseline: geopandas.read_file of the same layer files, no validation",
        )
    ]
