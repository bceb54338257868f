"""Synthetic geodata of any size that passes the validator: for the step-work and slider figures.

Events are points scattered around the camp on days of the uprising; a third of them last a few
days, some carry a whole month as their date, so the interval filter meets every case it handles.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from harness.features import event

FIRST = date(1954, 5, 16)
DAYS = 42
CENTER = (67.615, 47.84)  # lon, lat
CATEGORIES = ("violence", "negotiation", "self-government", "daily-life", "defence")

SOURCES = """
[[source]]
id = "synthetic"
title = "Synthetic benchmark data"
kind = "dataset"
"""
CLAIMS = """
[[claim]]
id = "size"
item = "How many synthetic events"
[[claim.value]]
value = "many"
sources = ["synthetic"]
[[claim.value]]
value = "more"
sources = ["synthetic"]
"""
STORY = """
[[chapter]]
id = "all"
title = "Everything"
date = "1954-05-16"
center = [47.84, 67.615]
zoom = 13
layers = ["events"]
highlight = []
narrative = "Synthetic events for benchmarks."
"""
MANIFEST = """
[[layer]]
id = "events"
title = "Synthetic events"
file = "layers/events.geojson"
group = "story"
type = "events"
visible = true
"""


def events(count: int, seed: int = 1954) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for index in range(count):
        day = FIRST + timedelta(days=rng.randrange(DAYS))
        dates: dict[str, Any] = {"start": day.isoformat()}
        kind = index % 10
        if kind < 3:  # lasts a few days
            dates["end"] = (day + timedelta(days=rng.randrange(1, 6))).isoformat()
        elif kind == 3:  # some day in that month
            dates["start"] = day.strftime("%Y-%m")
        lon = CENTER[0] + rng.uniform(-0.03, 0.03)
        lat = CENTER[1] + rng.uniform(-0.02, 0.02)
        out.append(
            event(
                f"e{index}",
                geometry={"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                certainty=rng.choice(("documented", "approximate")),
                sources=["synthetic"],
                category=rng.choice(CATEGORIES),
                **dates,
            )
        )
    return out


def write_geodata(root: Path, count: int, seed: int = 1954) -> Path:
    """A valid geodata folder whose one layer holds `count` synthetic events."""
    (root / "layers").mkdir(parents=True, exist_ok=True)
    (root / "sources.toml").write_text(SOURCES)
    (root / "claims.toml").write_text(CLAIMS)
    (root / "story.toml").write_text(STORY)
    (root / "layers.toml").write_text(MANIFEST)
    collection = {"type": "FeatureCollection", "features": events(count, seed)}
    (root / "layers" / "events.geojson").write_text(json.dumps(collection))
    return root
