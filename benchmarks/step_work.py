"""Figure 4: the server's work for one slider step, as the event layer grows (1k, 10k, 100k).

One step is what the map part of a rerun does: `state_at` (the day's sure/maybe/past rows),
`feature_groups` (folium elements with styles, tooltips, popups) and the JavaScript string
st_folium sends to the browser for them (streamlit-folium's own per-group renderer).
Baseline: the plain-folium way for the same day — the rows shown filtered with pandas and
handed to one `folium.GeoJson` with a name tooltip, rendered to its string the same way.
Measured in this process on five days spread over the uprising (few to nearly all features).
This is a day's first visit: the app keeps each day's code once made (kengir_geo/ui/replay.py),
so a day seen before costs the server only the lookup.
"""

from __future__ import annotations

import tempfile
import time
from datetime import timedelta
from pathlib import Path

import folium
from streamlit_folium import _get_feature_group_string  # what st_folium sends per group

from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text, seconds, spread
from benchmarks.synthetic import FIRST, write_geodata
from kengir_geo import load_atlas
from kengir_geo.map.render import base_map, feature_groups
from kengir_geo.story.timeline import state_at

SIZES = (1_000, 10_000, 100_000)
FIRST_DAY = FIRST  # the synthetic atlas's events fall from this day on
DAYS = [FIRST_DAY + timedelta(days=n) for n in (0, 10, 20, 30, 41)]


def js_for(groups, fmap) -> str:
    return "".join(_get_feature_group_string(g, fmap, i) for i, g in enumerate(groups))


def ours(atlas, day, fmap) -> str:
    # popups=False as on the Explore page, where a click opens the details beside the map
    states = state_at(atlas, day, ["events"])
    return js_for(feature_groups(atlas, states, popups=False), fmap)


def baseline(atlas, day, fmap) -> str:
    frame = atlas.layers["events"].frame
    ordinal = day.toordinal()
    shown = frame[(frame["first_day"] <= ordinal) & (frame["last_day"] >= ordinal)]
    group = folium.FeatureGroup(name="events")
    if len(shown):
        folium.GeoJson(
            shown[["id", "name", "geometry"]].to_json(),
            tooltip=folium.GeoJsonTooltip(["name"]),
        ).add_to(group)
    return js_for([group], fmap)


def timed(work, *args) -> tuple[float, int]:
    start = time.perf_counter()
    text = work(*args)
    return time.perf_counter() - start, len(text)


def measure(count: int, rounds: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="kengir-bench-") as folder:
        root = write_geodata(Path(folder), count)
        start = time.perf_counter()
        atlas = load_atlas(root)
        load = time.perf_counter() - start
        fmap = base_map(atlas)
        ours_s, base_s, sizes = [], [], []
        for _ in range(rounds):
            for day in DAYS:  # alternated per day, so both meet the same noise
                took, size = timed(ours, atlas, day, fmap)
                ours_s.append(took)
                sizes.append(size)
                base_s.append(timed(baseline, atlas, day, fmap)[0])
    return {"ours": ours_s, "baseline": base_s, "bytes": sizes, "load": load}


def run(quick: bool = False, sizes: tuple[int, ...] | None = None) -> list[Row]:
    sizes = sizes or (SIZES[:2] if quick else SIZES)
    rounds = 1 if quick else 3
    rows, medians = [], {}
    for count in sizes:
        got = measure(count, rounds if count < 100_000 else 1)
        mine = Summary.of(got["ours"])
        medians[count] = mine.median
        growth = ""
        smaller = [c for c in medians if c < count]
        if smaller:
            prev = max(smaller)
            growth = f"; {medians[count] / medians[prev]:.1f}× the {prev:,}-feature time"
        rows.append(
            Row(
                f"4 per-step server work, {count:,} events",
                spread(mine),
                spread(Summary.of(got["baseline"])),
                ratio_text(paired_ratios(got["ours"], got["baseline"])),
                "– (growth)",
                None,
                f"{count:,} events: sends {Summary.of(got['bytes']).median / 1e6:.2f} MB per "
                f"step (median of 5 days){growth}; loading the atlas took {seconds(got['load'])}",
            )
        )
    return rows
