"""Small, valid inputs built in code, so each test can break exactly one thing."""

from __future__ import annotations

import json
from pathlib import Path

# The feature builders are shared with the benchmarks' synthetic atlases (one copy).
from harness.features import KENGIR, collection, event, feature, feature_name  # noqa: F401

SOURCES = """
[[source]]
id = "w-en"
title = "Kengir uprising"
author = "Wikipedia contributors"
url = "https://en.wikipedia.org/wiki/Kengir_uprising"

[[source]]
id = "s002"
title = "A popular history article"
"""

CLAIMS = """
[[claim]]
id = "troops"
item = "Troops in the assault"
[[claim.value]]
value = "1,700"
sources = ["w-en"]
[[claim.value]]
value = "1,600"
sources = ["s002"]
"""

MANIFEST = """
[[layer]]
id = "places"
title = "Places"
file = "layers/places.geojson"
group = "story"
type = "features"

[[layer]]
id = "events"
title = "Events"
file = "layers/events.geojson"
group = "story"
type = "events"
"""

STORY = """
[[chapter]]
id = "raid"
title = "The raid"
date = "1954-06-26"
center = [47.84, 67.615]
zoom = 15
layers = ["places", "events"]
highlight = ["e-raid"]
narrative = "Tanks enter the camp."
"""


SETTINGS = r"""
title = "Test atlas"
hidden_codes = ['\bS00\d\b', '(?i)\bW-(?:en|ru|uk)\b', '\bATI\b']
[focus]
name = "the uprising"
first = "1954-05-16"
last = "1954-06-26"
lead_up_days = 15
aftermath_days = 20
[views.start]
center = [47.84, 67.615]
zoom = 12
"""


def write_geodata(root: Path) -> Path:
    """A minimal valid geodata folder: two layers, two sources, a claim, a chapter and the
    focus span (the uprising)."""
    (root / "layers").mkdir(parents=True, exist_ok=True)
    (root / "atlas.toml").write_text(SETTINGS)
    (root / "sources.toml").write_text(SOURCES)
    (root / "claims.toml").write_text(CLAIMS)
    (root / "layers.toml").write_text(MANIFEST)
    (root / "story.toml").write_text(STORY)
    places = collection(
        feature(
            "kengir",
            name="Kengir",
            names=["Кенгир", "Кеңгір"],
            certainty="approximate",
            uncertainty_m=2000,
        ),
        feature("perevalka", certainty="unknown", uncertainty_m=20000),
    )
    events = collection(
        event("e-raid", start="1954-06-26T03:30", claims=["troops"]),
        event("e-may", start="1954-05", category="daily-life"),
        event("e-span", start="1954-05-24", end="1954-06-26", category="self-government"),
    )
    (root / "layers" / "places.geojson").write_text(json.dumps(places, ensure_ascii=False))
    (root / "layers" / "events.geojson").write_text(json.dumps(events, ensure_ascii=False))
    return root
