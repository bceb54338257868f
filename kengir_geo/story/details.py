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
from kengir_geo.data.dates import DateSpan, try_parse_date
from kengir_geo.i18n import N_, translator
from kengir_geo.i18n.dates import format_span_with_precision

# What each certainty label means, in words for a reader of the map: how sure we are that it
# happened (or stood) as described and when…
CERTAINTY_EXPLAINED = {
    "documented": N_("The works we read state this, and none of them contradicts it."),
    "approximate": N_("The works give it only roughly: its date or details are estimates."),
    "schematic": N_("Shown by us to make an idea visible; no work states it in this form."),
    "disputed": N_("The works disagree; their versions are shown side by side."),
    "unknown": N_("Not established: the works do not say enough."),
}
# …and how sure we are of where it is drawn.
LOCATION_EXPLAINED = {
    "documented": N_("Drawn where the works place it."),
    "approximate": N_("Drawn near its real place; the exact spot is not known."),
    "schematic": N_(
        "Drawn on our plan of the camp, which shows how its parts lay side by side. "
        "The real position, size and shape are not known."
    ),
    "disputed": N_("The works place it differently; the note says how."),
    "unknown": N_("Where it was is not known: the shaded area shows where it could have been."),
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
    certainty: str  # what and when
    certainty_explained: str
    location_certainty: str  # where it is drawn
    location_explained: str
    uncertainty_m: float | None
    category: str
    kind: str
    state: str
    note: str
    sources: tuple[Source, ...]
    unknown_sources: tuple[str, ...]  # cited ids missing from the bibliography
    claims: tuple[Claim, ...]
    extra: dict[str, Any] = field(default_factory=dict)  # reader label -> value


@dataclass(frozen=True)
class Part:
    """One piece of a feature's details, in reading order; `kind` says how a host shows it:
    "names" (other names), "what" (layer, kind, state, category), "fact" (label: text),
    "text" (reader text with citations), "note" (a smaller aside with citations), "claim"
    (disputed values side by side), "sources" (the works cited, or that none is)."""

    kind: str
    label: str = ""
    text: str = ""
    claim: Claim | None = None


def doubt_text(metres: float | None, lang: str = "en") -> str:
    """'It lay within about 12 km of the point drawn.'"""
    if not metres:
        return ""
    t = translator(lang)
    distance = (
        t.gettext("{number} km").format(number=t.number(round(metres / 1000, 3)))
        if metres >= 1000
        else t.gettext("{number} m").format(number=t.number(round(metres, 3)))
    )
    return t.gettext("It lay within about {distance} of the point drawn.").format(distance=distance)


def details_layout(d: FeatureDetails, lang: str = "en") -> list[Part]:
    """What the popup and the panel beside the map say about a feature, and in what order
    (everything but its name, which each host shows as its title), in the reader's language.
    Kinds, categories and states come already worded by the atlas (Settings.label)."""
    _ = translator(lang).gettext
    parts = []
    if d.names:
        parts.append(Part("names", text=" · ".join(d.names)))
    what = (d.layer_title, d.kind, d.state, d.category)
    parts.append(Part("what", text=" · ".join(x for x in what if x)))
    parts.append(Part("fact", _("When"), d.when or _("no date given")))
    if d.description:
        parts.append(Part("text", text=d.description))
    parts.append(Part("fact", _("What and when"), d.certainty_explained))
    doubt = doubt_text(d.uncertainty_m, lang) if d.location_certainty != "schematic" else ""
    parts.append(Part("fact", _("Where"), " ".join(filter(None, [d.location_explained, doubt]))))
    if d.note:
        parts.append(Part("note", text=d.note))
    parts += [Part("fact", str(label), str(value)) for label, value in d.extra.items()]
    parts += [Part("claim", claim=claim) for claim in d.claims]
    parts.append(Part("sources"))
    return parts


def _span(value: object) -> DateSpan | None:
    return _parsed(value) if isinstance(value, str) and value.strip() else None


@lru_cache(maxsize=8192)
def _parsed(text: str) -> DateSpan | None:
    # EDTF parsing costs milliseconds a date; a layer repeats its dates, and every redraw
    # of the map words them again
    return try_parse_date(text)


def describe_when(start: object, end: object, layer_type: str, lang: str = "en") -> str:
    """The dates of a feature in words, each with its precision.

    events: "16 May 1954, 03:30 (time of day)" or "from … to …".
    features: "from …", "until …", "from … to …", or "" when undated.
    """
    t = translator(lang)
    start_span, end_span = _span(start), _span(end)
    first = format_span_with_precision(start_span, lang) if start_span else ""
    last = format_span_with_precision(end_span, lang) if end_span else ""
    if start_span and end_span:
        if start_span == end_span:
            return first
        return t.gettext("from {start} to {end}").format(start=first, end=last)
    if start_span:
        return first if layer_type == "events" else t.gettext("from {start}").format(start=first)
    if end_span:
        return t.gettext("until {end}").format(end=last)
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


def _humane(key: str) -> str:
    """'town_status' -> 'Town status': a user's own column named in words."""
    words = " ".join(key.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def extra_properties(row: Mapping[str, Any], labels: Mapping[str, str]) -> dict[str, Any]:
    """Properties beyond the contract's (e.g. `inmates` on a division) under reader labels.

    A layer that labels its properties (`fields` in layers.toml) shows only those, in its
    order; a layer that does not (a user's) shows its other properties with their names in
    words. Empty values are left out."""
    if labels:
        return {
            label: _shown(row[key])
            for key, label in labels.items()
            if key in row and not _is_missing(row[key])
        }
    skip = set(BASE_COLUMNS) | set(INTERVAL_COLUMNS) | {"geometry"}
    return {
        _humane(str(key)): _shown(value)
        for key, value in row.items()
        if key not in skip and not str(key).startswith("_") and not _is_missing(value)
    }


def _shown(value: Any) -> Any:
    """A whole number read as a float (pandas fills gaps with NaN) shown as 5200, not 5200.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def details_of_row(
    atlas: Atlas, layer_id: str, row: Mapping[str, Any], lang: str = "en"
) -> FeatureDetails:
    """FeatureDetails for one row of a layer frame, as a Series or a record dict (the fast
    path for rendering a whole layer)."""
    layer = atlas.layers[layer_id]
    name = plain_text(row.get("name")) or plain_text(row.get("id"))
    cited = string_list(row.get("sources"))
    claim_ids = string_list(row.get("claims"))
    certainty = plain_text(row.get("certainty")) or "unknown"
    where = plain_text(row.get("location_certainty")) or certainty
    t = translator(lang)
    return FeatureDetails(
        layer_id=layer_id,
        layer_title=layer.title,
        feature_id=plain_text(row.get("id")),
        name=name,
        names=tuple(n for n in string_list(row.get("names")) if n != name),
        when=describe_when(row.get("start"), row.get("end"), layer.type, lang),
        description=plain_text(row.get("description")),
        certainty=certainty,
        certainty_explained=t.gettext(CERTAINTY_EXPLAINED.get(certainty, certainty)),
        location_certainty=where,
        location_explained=t.gettext(LOCATION_EXPLAINED.get(where, where)),
        uncertainty_m=_number(row.get("uncertainty_m")),
        category=atlas.settings.label("category", plain_text(row.get("category"))),
        kind=atlas.settings.label("kind", plain_text(row.get("kind"))),
        state=atlas.settings.label("state", plain_text(row.get("state"))),
        note=plain_text(row.get("note")),
        sources=tuple(atlas.sources[s] for s in cited if s in atlas.sources),
        unknown_sources=tuple(s for s in cited if s not in atlas.sources),
        claims=tuple(atlas.claims[c] for c in claim_ids if c in atlas.claims),
        extra=extra_properties(row, layer.fields),
    )


def feature_details(
    atlas: Atlas, layer_id: str, feature_id: str, lang: str = "en"
) -> FeatureDetails:
    """Details of one feature; KeyError naming the layer or feature when there is none."""
    if layer_id not in atlas.layers:
        raise KeyError(f"no layer {layer_id!r}; layers are {', '.join(atlas.layers)}")
    frame = atlas.layers[layer_id].frame
    rows = frame[frame["id"] == str(feature_id)]
    if rows.empty:
        raise KeyError(f"layer {layer_id!r} has no feature {feature_id!r}")
    return details_of_row(atlas, layer_id, rows.iloc[0], lang)
