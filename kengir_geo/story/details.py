"""Everything we can say about one feature, as plain data: what, when, how sure, who says so.

Popups (render.py), the app's side panel and the data export all read this; none of it is HTML.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from kengir_geo.data.atlas import BASE_COLUMNS, INTERVAL_COLUMNS, Atlas, Claim, Source
from kengir_geo.data.dates import DateSpan, format_span, try_parse_date

# What each certainty label means, in words for a reader of the map.
CERTAINTY_EXPLAINED = {
    "documented": "Documented: the sources state this and we found none that contradicts it.",
    "approximate": "Approximate: the place or date is an estimate; the real one is near.",
    "schematic": "Schematic: drawn by us to show the idea, not a measured outline.",
    "disputed": "Disputed: the sources disagree; their versions are shown side by side.",
    "unknown": "Unknown: not established; the map shows the area where it must lie.",
}


@dataclass(frozen=True)
class FeatureDetails:
    layer_id: str
    layer_title: str
    feature_id: str
    name: str
    names: tuple[str, ...]  # other names and spellings
    when: str  # e.g. "about May 1954 (month, approximate)"; "" when undated
    description: str
    certainty: str
    certainty_explained: str
    uncertainty_m: float | None
    category: str
    kind: str
    state: str
    note: str
    sources: tuple[Source, ...]
    unknown_sources: tuple[str, ...]  # cited ids missing from the bibliography
    claims: tuple[Claim, ...]
    extra: dict[str, Any] = field(default_factory=dict)  # other properties, as given


def _span(value: object) -> DateSpan | None:
    return _parsed(value) if isinstance(value, str) and value.strip() else None


@lru_cache(maxsize=8192)
def _parsed(text: str) -> DateSpan | None:
    # EDTF parsing costs milliseconds a date; a layer repeats its dates, and every redraw
    # of the map words them again
    return try_parse_date(text)


def _worded(span: DateSpan) -> str:
    return f"{format_span(span)} ({span.precision})"


def describe_when(start: object, end: object, layer_type: str) -> str:
    """The dates of a feature in words, each with its precision.

    events: "16 May 1954, 03:30 (time of day)" or "from … to …".
    features: "from …", "until …", "from … to …", or "" when undated.
    """
    start_span, end_span = _span(start), _span(end)
    if start_span and end_span:
        if start_span == end_span:
            return _worded(start_span)
        return f"from {_worded(start_span)} to {_worded(end_span)}"
    if start_span:
        return _worded(start_span) if layer_type == "events" else f"from {_worded(start_span)}"
    if end_span:
        return f"until {_worded(end_span)}"
    return ""


def plain_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, list | tuple | dict):
        return len(value) == 0
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def string_list(value: object) -> list[str]:
    """A list property as clean strings; a missing value (None, NaN) is an empty list."""
    if not isinstance(value, list | tuple):
        return []
    return [text for item in value if (text := plain_text(item)) and text.lower() != "nan"]


def extra_properties(row: Mapping[str, Any]) -> dict[str, Any]:
    """Properties beyond the contract's (e.g. `inmates` on a division), in their given order."""
    skip = set(BASE_COLUMNS) | set(INTERVAL_COLUMNS) | {"geometry"}
    return {
        str(key): value
        for key, value in row.items()
        if key not in skip and not str(key).startswith("_") and not _is_missing(value)
    }


def details_of_row(atlas: Atlas, layer_id: str, row: Mapping[str, Any]) -> FeatureDetails:
    """FeatureDetails for one row of a layer frame, as a Series or a record dict (the fast
    path for rendering a whole layer)."""
    layer = atlas.layers[layer_id]
    name = plain_text(row.get("name")) or plain_text(row.get("id"))
    cited = string_list(row.get("sources"))
    claim_ids = string_list(row.get("claims"))
    certainty = plain_text(row.get("certainty")) or "unknown"
    return FeatureDetails(
        layer_id=layer_id,
        layer_title=layer.title,
        feature_id=plain_text(row.get("id")),
        name=name,
        names=tuple(n for n in string_list(row.get("names")) if n != name),
        when=describe_when(row.get("start"), row.get("end"), layer.type),
        description=plain_text(row.get("description")),
        certainty=certainty,
        certainty_explained=CERTAINTY_EXPLAINED.get(certainty, certainty),
        uncertainty_m=_number(row.get("uncertainty_m")),
        category=plain_text(row.get("category")),
        kind=plain_text(row.get("kind")),
        state=plain_text(row.get("state")),
        note=plain_text(row.get("note")),
        sources=tuple(atlas.sources[s] for s in cited if s in atlas.sources),
        unknown_sources=tuple(s for s in cited if s not in atlas.sources),
        claims=tuple(atlas.claims[c] for c in claim_ids if c in atlas.claims),
        extra=extra_properties(row),
    )


def feature_details(atlas: Atlas, layer_id: str, feature_id: str) -> FeatureDetails:
    """Details of one feature; KeyError naming the layer or feature when there is none."""
    if layer_id not in atlas.layers:
        raise KeyError(f"no layer {layer_id!r}; layers are {', '.join(atlas.layers)}")
    frame = atlas.layers[layer_id].frame
    rows = frame[frame["id"] == str(feature_id)]
    if rows.empty:
        raise KeyError(f"layer {layer_id!r} has no feature {feature_id!r}")
    return details_of_row(atlas, layer_id, rows.iloc[0])
