"""Figure 6: the single-file offline export — its size, and its time to the first drawn
feature from file:// with every other request blocked (a school with no internet).

Ours: `kengir-geo export --out F.html` run as a command, as a teacher would: the time map
(timemap.js) and the story panel over the whole atlas's payload. Baseline: the same layers as a
plain folium page (one `folium.GeoJson` per layer, folium's defaults, no popups, slider or
story, at the atlas's start view) with Leaflet inlined the same way — what "just save the
folium map" would give, made able to open offline. "First drawn feature": the first animation
frame with an interactive SVG shape or a marker on the map (ours draws the country outlines
underneath on a canvas, which does not count).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import folium

from benchmarks._settle import FIRST_DRAWN_JS, open_offline, read_offline
from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text, spread, times
from harness.server import ROOT
from kengir_geo import load_atlas
from kengir_geo.map.assets import inline_html

TARGET_BYTES = int(1.5 * 1024 * 1024)
TARGET_FIRST = 0.5
CAP_S = 60.0
FEATURE_DRAWN_JS = FIRST_DRAWN_JS.replace(
    "'.leaflet-overlay-pane path, .leaflet-overlay-pane canvas, .leaflet-marker-pane > *'",
    "'.leaflet-overlay-pane path.leaflet-interactive, .leaflet-marker-pane > *'",
)
assert FEATURE_DRAWN_JS != FIRST_DRAWN_JS
# Where the time to the first feature goes (ms since navigation start): the file read, the
# HTML parsed up to the first script, every inline script run (Leaflet, timemap.js, the
# payload and story parsed, the time map built: all synchronous), and the first drawn frame.
TIMING_JS = """() => {
  const n = performance.getEntriesByType('navigation')[0];
  return {response: n.responseEnd, interactive: n.domInteractive,
          scripts: n.domContentLoadedEventStart};
}"""


def timing_note(timing: dict | None, first: float) -> str:
    if not timing:
        return ""
    return (
        f"; in one more run of ours: file read by {timing['response']:.0f} ms, scripts done "
        f"(Leaflet, timemap.js, payload parsed, the time map built) at "
        f"{timing['scripts']:.0f} ms; first feature at {first * 1000:.0f} ms median"
    )


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
    view = atlas.settings.start_view
    fmap = folium.Map(
        location=list(view.center or (47.84, 67.615)), zoom_start=view.zoom or 6, tiles=None
    )
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
            ours.append(open_offline(ours_file, FEATURE_DRAWN_JS, CAP_S))
            base.append(open_offline(base_file, FEATURE_DRAWN_JS, CAP_S))
        timing = read_offline(ours_file, FEATURE_DRAWN_JS, CAP_S, TIMING_JS)
        size, base_size = ours_file.stat().st_size, base_file.stat().st_size
    if None in ours or None in base:
        raise RuntimeError(f"an export did not draw within {CAP_S:.0f} s offline")
    first = Summary.of(ours)
    return [
        Row(
            "6 export: size of the single HTML file",
            mebibytes(size),
            mebibytes(base_size),
            times(size / base_size),
            "≤1.5 MB",
            size <= TARGET_BYTES,
        ),
        Row(
            "6 export: file:// offline → first drawn feature",
            spread(first),
            spread(Summary.of(base)),
            ratio_text(paired_ratios(ours, base)),
            f"≤{TARGET_FIRST} s",
            first.median <= TARGET_FIRST,
            "milliseconds since navigation start, in the page; all requests other than the "
            "file itself blocked; a fresh Chromium each time, ours and the baseline alternated"
            + timing_note(timing, first.median),
        ),
    ]
