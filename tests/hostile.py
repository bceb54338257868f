"""Geodata whose every string tries to run script, for escaping tests (unit and browser)."""

from __future__ import annotations

import json
from pathlib import Path

from factories import collection, event, feature, write_geodata

PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert('xss')</script>"

HOSTILE_SOURCES = f"""
[[source]]
id = "w-en"
title = "{SCRIPT}"
author = "{PAYLOAD}"
url = "https://example.org/\\" onmouseover=\\"alert(1)"

[[source]]
id = "s002"
title = "<svg onload=alert(2)>"
"""


def write_hostile_geodata(root: Path) -> Path:
    write_geodata(root)
    (root / "sources.toml").write_text(HOSTILE_SOURCES)
    places = collection(
        feature(
            "kengir",
            name=PAYLOAD,
            names=[SCRIPT],
            description=f"{SCRIPT} and {PAYLOAD}",
            note="<b onclick=alert(3)>note</b>",
            certainty="disputed",
            claims=["troops"],
            **{"<i>extra</i>": "<iframe src=javascript:alert(4)>"},
        ),
    )
    events = collection(
        event("e-raid", start="1954-06-26", name=SCRIPT, description=PAYLOAD),
        event("e-day1", start="1954-05-16", name=PAYLOAD, category="violence"),
    )
    (root / "layers" / "places.geojson").write_text(json.dumps(places))
    (root / "layers" / "events.geojson").write_text(json.dumps(events))
    manifest = (
        (root / "layers.toml").read_text().replace('title = "Places"', f'title = "{PAYLOAD}"')
    )
    (root / "layers.toml").write_text(manifest)
    return root
