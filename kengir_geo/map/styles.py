"""How a feature looks: colour by layer and category, line and fill by certainty, weight by phase.

Styles are Leaflet path options (color, weight, opacity, fillColor, fillOpacity, dashArray),
computed here in Python so the app, the export and the legend draw from one table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kengir_geo.data.intervals import MAYBE, PAST, SURE
from kengir_geo.i18n import N_

# Event categories (schema.CATEGORIES), colour-blind-friendly where we could.
CATEGORY_COLORS = {
    "violence": "#c0392b",
    "negotiation": "#2471a3",
    "self-government": "#1e8449",
    "daily-life": "#b9770e",
    "propaganda": "#7d3c98",
    "defence": "#a04000",
    "context": "#5d6d7e",
    "aftermath": "#17202a",
}
DEFAULT_COLOR = "#34495e"
PAST_COLOR = "#8c8c8c"
HIGHLIGHT_COLOR = "#f1c40f"


@dataclass(frozen=True)
class CertaintyMark:
    """How sure we are of where a feature is drawn (its location_certainty), as a line and
    fill, and the legend's words for it. How sure we are that it happened, and when, is said
    in words in its details."""

    dash: str | None  # SVG dash pattern of the outline
    fill_scale: float  # multiplies the fill opacity (pale = small)
    weight_extra: int
    label: str


CERTAINTY_MARKS = {
    "documented": CertaintyMark(None, 1.0, 0, N_("solid line: where the works place it")),
    "approximate": CertaintyMark("8 5", 0.8, 0, N_("dashed: near its real place")),
    "schematic": CertaintyMark("2 5", 0.35, 0, N_("dotted: on our plan, not to scale or position")),
    "disputed": CertaintyMark("12 4 2 4", 1.0, 1, N_("dash-dot: the works place it differently")),
    "unknown": CertaintyMark("4 6", 0.15, 0, N_("pale area: where it could have been")),
}

# The words the legend uses for phases; the styles below are what they describe.
PHASE_LABELS = {
    SURE: N_("bold: on this day"),
    MAYBE: N_("faint: perhaps on this day (its dates are uncertain)"),
    PAST: N_("grey: already over"),
}

BASE_FILL_OPACITY = 0.35
STATE_FILL_OPACITY = 0.55
POINT_RADIUS = 7
MOVEMENT = "movement"  # a line drawn as an arrow
LARGE_POINT_RADIUS = 3


def layer_color(layer_style: dict[str, Any], category: str | None, state: str | None = None) -> str:
    """Events take their category's colour; a feature in a state its layer colours (a zone
    held by prisoners) that state's colour; other features their layer's colour."""
    if category and category in CATEGORY_COLORS:
        return CATEGORY_COLORS[category]
    state_colors = layer_style.get("state_colors") or {}
    if state and state in state_colors:
        return str(state_colors[state])
    return str(layer_style.get("color") or DEFAULT_COLOR)


def feature_style(
    layer_style: dict[str, Any],
    certainty: str,
    category: str | None = None,
    phase: str = SURE,
    highlighted: bool = False,
    is_events: bool = False,
    state: str | None = None,
    kind: str | None = None,
) -> dict[str, Any]:
    """Leaflet path options for one feature; `certainty` is how sure we are of where it is
    drawn. On a schematic plan every place is drawn by us and the plan's frame says so, so its
    lines stay solid unless the place is not known at all. A hatched state gets `pattern`."""
    if layer_style.get("plan") and certainty in ("schematic", "documented", "approximate"):
        certainty = "documented"
    mark = CERTAINTY_MARKS.get(certainty, CERTAINTY_MARKS["unknown"])
    color = layer_color(layer_style, category, state)
    has_own_color = category in CATEGORY_COLORS or state in (layer_style.get("state_colors") or {})
    fill = color if has_own_color else str(layer_style.get("fill_color") or color)
    weight = int(layer_style.get("weight", 2)) + mark.weight_extra
    if kind == MOVEMENT:
        weight += 2  # an arrow must read from the back of a room
    opacity, fill_opacity = 0.9, BASE_FILL_OPACITY * mark.fill_scale
    if state in (layer_style.get("state_colors") or {}):
        fill_opacity = STATE_FILL_OPACITY  # who holds a zone must read at a glance
    if is_events and phase == SURE:
        weight += 2  # what happens today stands out
        fill_opacity = min(1.0, fill_opacity * 1.8)
    if phase == MAYBE:
        opacity, fill_opacity = 0.45, fill_opacity * 0.5
    if phase == PAST:
        color = fill = PAST_COLOR
        opacity, fill_opacity = 0.45, fill_opacity * 0.4
        weight = max(1, weight - 1)
    if highlighted:
        color, weight, opacity = HIGHLIGHT_COLOR, weight + 3, 1.0
    style = {
        "color": color,
        "weight": weight,
        "opacity": opacity,
        "fillColor": fill,
        "fillOpacity": round(fill_opacity, 3),
    }
    if mark.dash:
        style["dashArray"] = mark.dash
    pattern = (layer_style.get("state_patterns") or {}).get(state) if phase != PAST else None
    if pattern == "dashes":
        style["dashArray"] = "10 7"  # a broken wall reads as a broken line
        style["weight"] = weight + 2
    elif pattern:
        style["pattern"] = str(pattern)  # the browser fills with hatching of the fill colour
    return style


def point_radius(phase: str, highlighted: bool, large_layer: bool, is_events: bool) -> int:
    """Radius in pixels of a point drawn as a circle marker."""
    if large_layer:
        return LARGE_POINT_RADIUS
    radius = POINT_RADIUS + (3 if is_events and phase == SURE else 0)
    return radius + (3 if highlighted else 0) - (2 if phase == PAST else 0)
