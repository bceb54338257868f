"""Figure 5: a 50k-point layer — time until Chromium settles, ours against default pins.

Both pages are standalone HTML files with Leaflet inlined, opened from file:// with every
other request blocked. Ours: an export-like page — the payload of a synthetic atlas of 50k
events (kengir_geo.map.payload: for a layer this large, flat coordinate and day arrays, canvas
circles) drawn by the time map (map/client/timemap.js) on the last day of the uprising, so all
of them are drawn, at the camp's zoom. It is the export's page less the story panel, so the view
is set as a chapter would set it. Baseline: `folium.GeoJson` of the same points with folium's
defaults, i.e. one pin marker per point; capped, and reported as ">N s" when it does not settle
in time.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import folium

from benchmarks._settle import SETTLED_JS, open_offline, read_offline
from benchmarks._stats import Summary
from benchmarks._table import Row, seconds, spread, times
from benchmarks.synthetic import CENTER, write_geodata
from kengir_geo import load_atlas
from kengir_geo.map.assets import inline_html, leaflet_css, leaflet_js, plugin_css, plugin_js
from kengir_geo.map.escape import script_json
from kengir_geo.map.payload import Options, map_payload

POINTS = 50_000
TARGET = 2.0
LAST_DAY = date(1954, 6, 26)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>50k points</title>
<style>{leaflet_css}</style><style>{css}</style>
<style>html, body {{ height: 100%; margin: 0; }} #kg-app {{ height: 100vh; }}</style></head>
<body><main id="kg-app"></main>
<script type="application/json" id="kg-payload">{payload}</script>
<script>{leaflet_js}</script>
<script>{timemap_js}</script>
<script>
(function () {{
  var marks = window.__kgMarks = {{start: performance.now()}};
  var payload = JSON.parse(document.getElementById("kg-payload").textContent);
  marks.parsed = performance.now();
  var map = L.map(document.getElementById("kg-app"), {{zoomSnap: 0.25}}).setView({center}, 13);
  window.kgMap = L.timeMap(payload, {{day: {day}, basemap: {{kind: "offline"}}}}).addTo(map);
  L.control.timeSlider(window.kgMap).addTo(map);
  L.control.dayList(window.kgMap).addTo(map);
  marks.built = performance.now();
}})();
</script>
</body></html>
"""

# Ours, in one more run: where the time goes, ms since navigation start.
MARKS_JS = """() => new Promise((resolve) => {
  const done = () => {
    const m = window.__kgMarks, tm = window.kgMap;
    resolve({start: m.start, parsed: m.parsed, built: m.built,
      drawn: tm.groups.reduce((n, g) => n + g.group.getLayers().length, 0)});
  };
  const wait = () => (window.kgMap ? done() : requestAnimationFrame(wait));
  wait();
})"""


def our_page(atlas, out: Path) -> Path:
    payload = map_payload(atlas, Options(popups=True))
    css = plugin_css()
    out.write_text(
        PAGE.format(
            leaflet_css=leaflet_css(),
            css=css,
            payload=script_json(payload),
            leaflet_js=leaflet_js(),
            timemap_js=plugin_js(),
            day=LAST_DAY.toordinal(),
            center=json.dumps([CENTER[1], CENTER[0]]),
        ),
        encoding="utf-8",
    )
    return out


def pin_page(atlas, out: Path) -> Path:
    fmap = folium.Map(location=[CENTER[1], CENTER[0]], zoom_start=13, tiles=None)
    frame = atlas.layers["events"].frame
    folium.GeoJson(frame[["id", "name", "geometry"]].to_json()).add_to(fmap)
    out.write_text(inline_html(fmap.get_root().render()))
    return out


def breakdown(path: Path, cap: float) -> dict | None:
    """The same fresh, offline browser as open_offline, reading the page's marks."""
    return read_offline(path, SETTLED_JS, cap, MARKS_JS)


def run(quick: bool = False) -> list[Row]:
    repeats, pin_repeats, cap = (2, 1, 30.0) if quick else (5, 2, 90.0)
    with tempfile.TemporaryDirectory(prefix="kengir-bench-") as folder:
        root = Path(folder)
        atlas = load_atlas(write_geodata(root / "geodata", POINTS))
        ours_file = our_page(atlas, root / "ours.html")
        pins_file = pin_page(atlas, root / "pins.html")
        sizes = ours_file.stat().st_size / 1e6, pins_file.stat().st_size / 1e6
        ours, pins = [], []
        for index in range(repeats):  # alternated while the pins last
            ours.append(open_offline(ours_file, SETTLED_JS, cap))
            if index < pin_repeats:
                pins.append(open_offline(pins_file, SETTLED_JS, cap))
        marks = breakdown(ours_file, cap)
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
    where = (
        f"in one more run of ours: the page's script started at {marks['start'] / 1000:.2f} s "
        f"(HTML parsed, Leaflet and timemap.js compiled), JSON.parse of the payload took "
        f"{(marks['parsed'] - marks['start']) / 1000:.2f} s, building the time map (50k "
        f"Leaflet circle markers made and added) {(marks['built'] - marks['parsed']) / 1000:.2f}"
        f" s, {marks['drawn']:,} features on the map"
        if marks
        else "no breakdown"
    )
    return [
        Row(
            "5 large layer (50k points) → browser settled",
            mine_text,
            base_text,
            ratio,
            "≤2 s",
            mine is not None and mine.median <= TARGET,
            f"HTML: ours {sizes[0]:.1f} MB, pins {sizes[1]:.1f} MB; timed in the page from "
            f"navigation start to two frames after the first feature appeared; {where}"
            + (f"; pin runs that settled: {seconds(max(settled))} max" if settled else ""),
        )
    ]
