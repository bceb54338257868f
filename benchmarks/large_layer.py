"""Figure 5: a 50k-point layer — time until Chromium settles, ours against default pins.

Both pages are standalone HTML files with Leaflet inlined, opened from file:// with every
other request blocked. Ours: the app's rendering (`feature_groups` on a synthetic atlas of
50k events, on the last day so all of them are drawn: kengir_geo/large_layers.py's canvas
circles with shared popup parts). Baseline: `folium.GeoJson` of the same points with folium's
defaults, i.e. one pin marker per point; capped, and reported as ">N s" when it does not
settle in time.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import folium

from benchmarks._settle import SETTLED_JS, open_offline, parsed_offline
from benchmarks._stats import Summary
from benchmarks._table import Row, seconds, spread, times
from benchmarks.synthetic import CENTER, write_geodata
from kengir_geo import load_atlas
from kengir_geo.map.assets import inline_html
from kengir_geo.map.render import base_map, feature_groups
from kengir_geo.story.timeline import state_at

POINTS = 50_000
TARGET = 2.0


def our_page(atlas, out: Path) -> Path:
    fmap = base_map(atlas, center=(CENTER[1], CENTER[0]), zoom=13)
    for group in feature_groups(atlas, state_at(atlas, date(1954, 6, 26), ["events"])):
        group.add_to(fmap)
    out.write_text(inline_html(fmap.get_root().render()))
    return out


def pin_page(atlas, out: Path) -> Path:
    fmap = folium.Map(location=[CENTER[1], CENTER[0]], zoom_start=13, tiles=None)
    frame = atlas.layers["events"].frame
    folium.GeoJson(frame[["id", "name", "geometry"]].to_json()).add_to(fmap)
    out.write_text(inline_html(fmap.get_root().render()))
    return out


def run(quick: bool = False) -> list[Row]:
    repeats, pin_repeats, cap = (2, 1, 30.0) if quick else (5, 2, 90.0)
    with tempfile.TemporaryDirectory(prefix="kengir-bench-") as folder:
        root = Path(folder)
        atlas = load_atlas(write_geodata(root / "geodata", POINTS))
        ours_file = our_page(atlas, root / "ours.html")
        pins_file = pin_page(atlas, root / "pins.html")
        sizes = ours_file.stat().st_size / 1e6, pins_file.stat().st_size / 1e6
        ours = [open_offline(ours_file, SETTLED_JS, cap) for _ in range(repeats)]
        pins = [open_offline(pins_file, SETTLED_JS, cap) for _ in range(pin_repeats)]
        parsed = parsed_offline(ours_file, SETTLED_JS, cap)  # where our time goes
    if any(x is None for x in ours):
        mine_text, mine = f">{cap:.0f} s", None
    else:
        mine = Summary.of(ours)
        mine_text = spread(mine)
    settled = [x for x in pins if x is not None]
    if len(settled) == len(pins):
        base = Summary.of(settled)
        base_text, ratio = spread(base), times(mine.median / base.median) if mine else "–"
    else:
        base_text = f">{cap:.0f} s ({len(pins) - len(settled)} of {len(pins)} runs capped)"
        ratio = f"<{mine.median / cap:.3f}×" if mine else "–"
    return [
        Row(
            "5 large layer (50k points) → browser settled",
            mine_text,
            base_text,
            ratio,
            "≤2 s",
            mine is not None and mine.median <= TARGET,
            f"HTML: ours {sizes[0]:.1f} MB, pins {sizes[1]:.1f} MB; timed in the page from "
            f"navigation start to two frames after the first feature appeared; in one more "
            f"run of ours, DOMContentLoaded (HTML parsed, its scripts run: the 50k layers "
            f"made) came at {seconds(parsed) if parsed else '?'}"
            + (f"; pin runs that settled: {seconds(max(settled))} max" if settled else ""),
        )
    ]
