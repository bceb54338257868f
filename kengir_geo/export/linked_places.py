"""The atlas as Linked Places Format (LPF, the World Historical Gazetteer's GeoJSON-LD):
each feature with its names, its timespans (earliest/latest bounds), certainty and citations.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shapely.geometry import mapping

from kengir_geo.data.atlas import Atlas, Source
from kengir_geo.data.dates import DateSpan, try_parse_date
from kengir_geo.data.translations import translation_file
from kengir_geo.map.rich_text import rich_plain
from kengir_geo.story.details import FeatureDetails, details_of_row

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"

# LPF's certainty vocabulary is three words; ours is five.
LPF_CERTAINTY = {
    "documented": "certain",
    "approximate": "less-certain",
    "schematic": "less-certain",
    "disputed": "uncertain",
    "unknown": "uncertain",
}
# A place on our schematic plan is drawn where we chose, not where it was.
LPF_LOCATION_CERTAINTY = {**LPF_CERTAINTY, "schematic": "uncertain"}


def citation(source: Source) -> dict[str, Any]:
    label = ", ".join(str(x) for x in (source.author, source.title, source.year) if x)
    entry: dict[str, Any] = {"label": label, "id": source.id}
    if source.url:
        entry["@id"] = source.url
    return entry


def bounds(span: DateSpan) -> dict[str, str]:
    return {"earliest": span.earliest.isoformat(), "latest": span.latest.isoformat()}


def timespan(start: object, end: object, layer_type: str) -> dict[str, Any] | None:
    """One LPF timespan; an event without `end` ends within the span of its `start`."""
    start_span = try_parse_date(start) if start else None
    end_span = try_parse_date(end) if end else None
    if layer_type == "events" and end_span is None:
        end_span = start_span
    if start_span is None and end_span is None:
        return None
    span: dict[str, Any] = {}
    if start_span:
        span["start"] = bounds(start_span)
    if end_span:
        span["end"] = bounds(end_span)
    return span


def lpf_feature(
    details: FeatureDetails,
    row: Any,
    layer_type: str,
    sources: Mapping[str, Source],
    langs: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """One LPF feature. LPF keeps two certainties apart, as we do: the geometry's (where it is
    drawn: location_certainty) and the timespans' (that it happened then: certainty)."""
    certainty = LPF_CERTAINTY.get(details.certainty, "uncertain")
    citations = [citation(s) for s in details.sources]
    geometry = dict(mapping(row.geometry)) if row.geometry is not None else None
    if geometry is not None:
        geometry["certainty"] = LPF_LOCATION_CERTAINTY.get(details.location_certainty, "uncertain")
    feature: dict[str, Any] = {
        "@id": f"urn:kengir-geo:{details.layer_id}:{details.feature_id}",
        "type": "Feature",
        "properties": {
            "title": details.name,
            "layer": details.layer_id,
            "kind": details.kind or None,
            "category": details.category or None,
            "state": details.state or None,
            "certainty": details.certainty,
            "location_certainty": details.location_certainty,
            "uncertainty_m": details.uncertainty_m,
            "claims": [c.id for c in details.claims],
        },
        "geometry": geometry,
        "names": [_tagged({"toponym": details.name}, (langs or {}).get("name", ""))]
        + [{"toponym": name} for name in details.names],
        "types": [{"label": details.kind}] if details.kind else [],
        "descriptions": (
            [
                _tagged(
                    {"value": rich_plain(details.description, sources)},
                    (langs or {}).get("description", ""),
                )
            ]
            if details.description
            else []
        ),
        "citations": citations,
    }
    span = timespan(row.get("start"), row.get("end"), layer_type)
    if span:
        feature["when"] = {"timespans": [span], "certainty": certainty}
        if details.when:
            feature["when"]["label"] = details.when
    return feature


def _tagged(item: dict[str, Any], lang: str) -> dict[str, Any]:
    """LPF names and descriptions may say their language; ours do once translated."""
    return {**item, "lang": lang} if lang else item


def linked_places(atlas: Atlas, lang: str = "en") -> dict[str, Any]:
    """An LPF FeatureCollection of every layer but the basemap's, its words in `lang` (the
    atlas passed is already in it where translated)."""
    wanted = [lid for lid, layer in atlas.layers.items() if layer.group != "basemap"]
    features = []
    for layer_id in wanted:
        layer = atlas.layers[layer_id]
        for _, row in layer.frame.iterrows():
            details = details_of_row(atlas, layer_id, row, lang)
            langs = {  # the language of a text that was translated; English is untagged
                field: atlas.language
                for field in ("name", "description")
                if atlas.language != "en"
                and (translation_file(layer.file), details.feature_id, field)
                not in atlas.untranslated
            }
            features.append(lpf_feature(details, row, layer.type, atlas.sources, langs))
    return {"type": "FeatureCollection", "@context": LPF_CONTEXT, "features": features}
