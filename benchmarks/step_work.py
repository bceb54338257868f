"""Figure 4: the server's map work as the event layer grows (1k, 10k, 100k events).

With the day changed in the browser, the server's map work is the payload: every feature once,
with its day bounds (kengir_geo.map.payload.map_payload, serialised as the app writes it), made
once per atlas and fetched once per visit; a day step then costs the server nothing for the map.
Baseline: what a server that draws each day pays on *every* step — the plain-folium way for one
day, the rows shown filtered with pandas and handed to one `folium.GeoJson` with a name tooltip,
rendered to the JavaScript string st_folium sends (streamlit-folium's own per-group renderer),
on five days spread over the uprising. The ratio says how many such days the whole payload
costs. Measured in this process, alternated round by round. Then the payload as the app keeps
it (map/payload_file.py): written once, and asked for again from the same files, which costs
a hash of the files instead of a build. Target at 100,000 events: ≤1 s and ≤4 MB.
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import folium
from streamlit_folium import generate_leaflet_string  # what st_folium sends per group

from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text, seconds, spread
from benchmarks.synthetic import FIRST, write_geodata
from kengir_geo import load_atlas
from kengir_geo.map.payload import Options, map_payload
from kengir_geo.map.payload_file import payload_file

SIZES = (1_000, 10_000, 100_000)
TARGET_EVENTS, TARGET_SECONDS, TARGET_MB = 100_000, 1.0, 4.0
FIRST_DAY = FIRST  # the synthetic atlas's events fall from this day on
DAYS = [FIRST_DAY + timedelta(days=n) for n in (0, 10, 20, 30, 41)]


def ours(atlas) -> str:
    """The app's payload file (app/timemap.py: popups left to the details panel)."""
    return json.dumps(map_payload(atlas, Options(popups=False)), separators=(",", ":"))


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
    group.add_to(fmap)
    return generate_leaflet_string(group, base_id="feature_group_0")


def timed(work, *args) -> tuple[float, int]:
    start = time.perf_counter()
    text = work(*args)
    return time.perf_counter() - start, len(text.encode())


def measure(count: int, rounds: int) -> dict:
    """ours: seconds per payload build (one per round); baseline: seconds per day, median of
    the five days in each round; bytes: the payload's; day_bytes: the baseline's per day."""
    with tempfile.TemporaryDirectory(prefix="kengir-bench-") as folder:
        root = write_geodata(Path(folder), count)
        start = time.perf_counter()
        atlas = load_atlas(root)
        load = time.perf_counter() - start
        fmap = folium.Map(tiles=None)
        ours_s, base_s, sizes, day_sizes = [], [], [], []
        for _ in range(rounds):  # alternated, so both meet the same noise
            took, size = timed(ours, atlas)
            ours_s.append(took)
            sizes.append(size)
            days = [timed(baseline, atlas, day, fmap) for day in DAYS]
            base_s.append(Summary.of(t for t, _ in days).median)
            day_sizes.extend(s for _, s in days)
        written = Path(folder) / "payloads"
        payload_file(atlas, Options(popups=False), written)  # the first ask writes it
        again = []
        for _ in range(rounds):
            start = time.perf_counter()
            payload_file(atlas, Options(popups=False), written)
            again.append(time.perf_counter() - start)
    return {
        "again": again,
        "ours": ours_s,
        "baseline": base_s,
        "bytes": sizes,
        "day_bytes": day_sizes,
        "load": load,
    }


def run(quick: bool = False, sizes: tuple[int, ...] | None = None) -> list[Row]:
    sizes = sizes or (SIZES[:2] if quick else SIZES)
    rounds = 1 if quick else 3
    rows, medians = [], {}
    for count in sizes:
        got = measure(count, rounds if count < 100_000 else 2)
        mine = Summary.of(got["ours"])
        megabytes = Summary.of(got["bytes"]).median / 1e6
        met = None
        if count == TARGET_EVENTS:
            met = mine.median <= TARGET_SECONDS and megabytes <= TARGET_MB
        medians[count] = mine.median
        growth = ""
        smaller = [c for c in medians if c < count]
        if smaller:
            prev = max(smaller)
            growth = f"; {medians[count] / medians[prev]:.1f}× the {prev:,}-event payload's time"
        rows.append(
            Row(
                f"4 server map work, {count:,} events: payload once vs one folium day",
                spread(mine),
                spread(Summary.of(got["baseline"])),
                ratio_text(paired_ratios(got["ours"], got["baseline"])),
                f"≤{TARGET_SECONDS:.0f} s and ≤{TARGET_MB:.0f} MB"
                if met is not None
                else "– (growth)",
                met,
                f"{count:,} events: the payload is {megabytes:.2f} MB, "
                f"sent once per visit, then 0 per step; the folium day sends "
                f"{Summary.of(got['day_bytes']).median / 1e6:.2f} MB per step (median of 5 "
                f"days){growth}; asked for again from the same files (the app's file, cached "
                f"per content hash): {spread(Summary.of(got['again']))}; loading the atlas took "
                f"{seconds(got['load'])}",
            )
        )
    return rows
