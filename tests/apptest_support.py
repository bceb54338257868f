"""A richer test atlas for the app pages, and opening a page of the real app in AppTest."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from factories import collection, event, feature, write_geodata

APP = Path(__file__).resolve().parent.parent / "kengir_geo" / "app" / "main.py"
VIEWS = APP.parent / "views"

COMPOUND = {
    "type": "Polygon",
    "coordinates": [
        [[67.61, 47.838], [67.62, 47.838], [67.62, 47.842], [67.61, 47.842], [67.61, 47.838]]
    ],
}

FIGURES = """
[[figure]]
id = "divisions"
title = "Divisions"
unit = "prisoners"
layer = "divisions"
value = "inmates"

[[figure]]
id = "by-year"
title = "Prisoners by year"
unit = "prisoners"
sources = ["w-en"]

[[figure.value]]
label = "1953"
value = 20869
sources = ["w-en"]

[[figure.value]]
label = "1954"
value = 21090
sources = ["w-en"]
status = "disputed"
note = "Another source gives less."

[[figure.value.other]]
value = 21000
sources = ["s002"]

[[figure.value]]
label = "1955"
value = 10481
sources = ["s002"]
status = "derived"
note = "Computed by subtraction."
"""

STORY = """
[[chapter]]
id = "revolt"
title = "16 May: the walls fall"
date = "1954-05-16"
center = [47.84, 67.615]
zoom = 14
layers = ["places", "compound", "events"]
highlight = ["e-revolt"]
narrative = "The men break through the wall."
notes = "Ask: why the service yard?"

[[chapter]]
id = "raid"
title = "26 June: the tanks"
date = "1954-06-26"
center = [47.84, 67.615]
zoom = 15
layers = ["places", "events"]
highlight = ["e-raid"]
narrative = "Tanks enter the camp."
notes = "Point at the gate."

[[chapter]]
id = "after"
title = "Summer 1954: after the assault"
date = "1954-07"
until = "1954"
center = [47.84, 67.615]
zoom = 12
layers = ["places", "events"]
narrative = "Some prisoners are moved to other camps."
"""

EXTRA_LAYERS = """
[[layer]]
id = "compound"
title = "Compound"
file = "layers/compound.geojson"
type = "features"

[[layer]]
id = "divisions"
title = "Divisions"
file = "layers/divisions.geojson"
type = "features"
visible = false
"""


def write_app_geodata(root: Path) -> Path:
    """The factory folder plus a changing wall, divisions, more events, figures, two chapters."""
    write_geodata(root)
    (root / "layers.toml").write_text((root / "layers.toml").read_text() + EXTRA_LAYERS)
    (root / "story.toml").write_text(STORY)
    (root / "figures.toml").write_text(FIGURES)
    events = collection(
        event(
            "e-revolt", start="1954-05-16", name="Walls broken", description="Men break the wall."
        ),
        event("e-raid", start="1954-06-26T03:30", name="The assault", claims=["troops"]),
        event(
            "e-may",
            start="1954-05",
            name="Criminals arrive",
            category="daily-life",
            certainty="approximate",
        ),
        event("e-talks", start="1954-05-27", name="Commission meets", category="negotiation"),
        event("e-1953", start="1953-03-05", name="Stalin dies", category="context"),
    )
    compound = collection(
        feature(
            "wall-intact",
            geometry=COMPOUND,
            name="Wall",
            kind="wall",
            state="intact",
            end="1954-05-15",
            certainty="schematic",
        ),
        feature(
            "wall-breached",
            geometry=COMPOUND,
            name="Wall",
            kind="wall",
            state="breached",
            start="1954-05-16",
            certainty="schematic",
        ),
    )
    divisions = collection(
        feature("d1", name="Rudnik", kind="division", inmates=5114),
        feature("d3", name="Kengir", kind="division", inmates=5597),
    )
    for name, doc in (("events", events), ("compound", compound), ("divisions", divisions)):
        (root / "layers" / f"{name}.geojson").write_text(json.dumps(doc, ensure_ascii=False))
    return root


def open_page(at: AppTest, url_path: str) -> AppTest:
    """Run the app's page at `url_path` with `at`'s query parameters, as a browser opening
    /url_path?… would. Pages are plain Streamlit scripts (views/<name>.py), so AppTest runs the
    page's own file; the map page is the app's default."""
    if url_path in ("", "map", "explore"):
        return at.run()
    page = AppTest.from_file(str(VIEWS / f"{url_path.replace('-', '_')}.py"))
    page.default_timeout = at.default_timeout
    page.query_params.update(at.query_params)
    return page.run()


def app(monkeypatch, geodata: Path, **query: str) -> AppTest:
    monkeypatch.setenv("KENGIR_GEODATA", str(geodata))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(query)
    return at


def details_headings(at: AppTest) -> list[str]:
    """The details panel's heading, as the HTML it is written in (st.html, so that a name in
    another script keeps its lang)."""
    return [h.proto.body for h in at.get("html") if "kg-details-name" in h.proto.body]


def heading_text(markup: str) -> str:
    """A heading's text as read: its tags dropped, its entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))
