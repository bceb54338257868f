"""Figure 6: the single-file offline export — its size, and its time to the first drawn
feature from file:// with every other request blocked (a school with no internet).

Ours: `kengir-geo export --out F.html` run as a command, as a teacher would. Baseline: the
same layers as a plain folium page (one `folium.GeoJson` per layer, folium's defaults, no
popups, slider or story) with Leaflet inlined the same way — what "just save the folium map"
would give, made able to open offline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import folium

from benchmarks._server import ROOT
from benchmarks._settle import FIRST_DRAWN_JS, open_offline
from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text, spread, times
from kengir_geo import load_atlas
from kengir_geo.map.assets import inline_html
from kengir_geo.map.render import DEFAULT_CENTER

TARGET_BYTES = 3 * 1024 * 1024
CAP_S = 60.0


def export_with_cli(out: Path) -> Path:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    subprocess.run(
        [sys.executable, "-m", "kengir_geo.cli", "export", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": path},
    )
    return out


def plain_folium(out: Path) -> Path:
    atlas = load_atlas()
    fmap = folium.Map(location=list(DEFAULT_CENTER), zoom_start=6, tiles=None)
    for layer in atlas.layers.values():
        frame = layer.frame[["id", "geometry"]]
        folium.GeoJson(frame.to_json(), name=layer.title).add_to(fmap)
    out.write_text(inline_html(fmap.get_root().render()))
    return out


def mebibytes(size: float) -> str:
    return f"{size / 1024 / 1024:.2f} MB"


def run(quick: bool = False) -> list[Row]:
    repeats = 2 if quick else 5
    with tempfile.TemporaryDirectory(prefix="kengir-bench-") as folder:
        ours_file = export_with_cli(Path(folder) / "kengir.html")
        base_file = plain_folium(Path(folder) / "plain.html")
        ours, base = [], []
        for _ in range(repeats):  # alternated
            ours.append(open_offline(ours_file, FIRST_DRAWN_JS, CAP_S))
            base.append(open_offline(base_file, FIRST_DRAWN_JS, CAP_S))
        size, base_size = ours_file.stat().st_size, base_file.stat().st_size
    if None in ours or None in base:
        raise RuntimeError(f"an export did not draw within {CAP_S:.0f} s offline")
    return [
        Row(
            "6 export: size of the single HTML file",
            mebibytes(size),
            mebibytes(base_size),
            times(size / base_size),
            "≤3 MB",
            size <= TARGET_BYTES,
        ),
        Row(
            "6 export: file:// offline → first drawn feature",
            spread(Summary.of(ours)),
            spread(Summary.of(base)),
            ratio_text(paired_ratios(ours, base)),
            "–",
            None,
            "all requests other than the file itself blocked",
        ),
    ]
