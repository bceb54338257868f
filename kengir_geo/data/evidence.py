"""Checks of what the atlas claims to know: who read what, where things are, what is disputed.

- A work is either read (its text was read for the project) or known only through the read
  works in its `via`; whoever cites an unread work cites one of those too.
- `location_certainty` says how sure we are of where a feature is drawn, apart from
  `certainty` (that it happened as described, and when).
- A dispute has at least two different values: where the works agree there is no claim.
- A chapter frames ids that exist; layer `fields` give reader labels.
"""

from __future__ import annotations

from typing import Any

from kengir_geo.data.folder import CLAIMS, MANIFEST, SOURCES, STORY, RawGeodata, by_id
from kengir_geo.data.schema import CERTAINTIES, Problem, as_list, is_texts


def _sources(raw: RawGeodata, problems: list[Problem]) -> dict[str, dict[str, Any]]:
    """Every work by id; a work we have not read names, in `via`, read works that report it.
    (The types of `read` and `via` are validate.py's rule: a mistyped one is skipped here.)"""
    works = by_id(raw.sources)
    for sid, source in works.items():
        read, via = source.get("read", True), source.get("via", [])
        if not isinstance(read, bool) or not is_texts(via):
            continue
        if not read and not via:
            problems.append(
                Problem(
                    SOURCES,
                    sid,
                    "via",
                    "a work we have not read needs `via`: the read works that report it",
                )
            )
        for other in as_list(via):
            if other not in works:
                problems.append(Problem(SOURCES, sid, "via", f"unknown source id {other!r}"))
            elif works[other].get("read", True) is not True:
                problems.append(Problem(SOURCES, sid, "via", f"{other!r} is not a read work"))
    return works


def _unread_alone(cited: list[str], sources: dict[str, dict[str, Any]]) -> list[str]:
    """Unread works cited without any of the read works that report them."""
    return [
        sid
        for sid in cited
        if sid in sources
        and sources[sid].get("read", True) is False
        and not set(as_list(sources[sid].get("via"))) & set(cited)
    ]


def _features(raw: RawGeodata, problems: list[Problem], sources: dict[str, dict]) -> set[str]:
    ids: set[str] = set()
    for entry in raw.manifest:
        layer_id = entry.get("id")
        doc = raw.layers.get(layer_id) if isinstance(layer_id, str) else None
        features = doc.get("features") if isinstance(doc, dict) else None
        file = str(entry.get("file", ""))
        for feature in features if isinstance(features, list) else []:
            props = feature.get("properties") if isinstance(feature, dict) else None
            if not isinstance(props, dict):
                continue
            label = str(props.get("id", ""))
            ids.add(label)
            where = props.get("location_certainty")
            if where is not None and where not in CERTAINTIES:
                problems.append(
                    Problem(
                        file,
                        label,
                        "location_certainty",
                        f"unknown location_certainty {where!r}; use one of {', '.join(CERTAINTIES)}",
                    )
                )
            if (
                "label" in props
                and props["label"] is not None
                and not isinstance(props["label"], str)
            ):
                problems.append(Problem(file, label, "label", "label must be text"))
            for sid in _unread_alone(as_list(props.get("sources")), sources):
                problems.append(Problem(file, label, "sources", _alone_message(sid, sources)))
    return ids


def _alone_message(sid: str, sources: dict[str, dict]) -> str:
    via = ", ".join(as_list(sources[sid].get("via")))
    return f"{sid!r} was not read: cite it together with a work that reports it ({via})"


def _claims(raw: RawGeodata, problems: list[Problem], sources: dict[str, dict]) -> None:
    for claim in raw.claims:
        label = str(claim.get("id", ""))
        values = claim.get("value")
        if not isinstance(values, list):
            continue
        written = {
            " ".join(str(v.get("value")).split()).lower()
            for v in values
            if isinstance(v, dict) and v.get("value") not in (None, "")
        }
        if len(values) >= 2 and len(written) < 2:
            problems.append(
                Problem(
                    CLAIMS, label, "value", "all values agree: say so in the text, not as a dispute"
                )
            )
        for n, value in enumerate(values):
            if isinstance(value, dict):
                for sid in _unread_alone(as_list(value.get("sources")), sources):
                    problems.append(
                        Problem(CLAIMS, label, f"value[{n}].sources", _alone_message(sid, sources))
                    )


def _chapters(raw: RawGeodata, problems: list[Problem], feature_ids: set[str]) -> None:
    layer_ids = raw.layer_ids
    for chapter in raw.chapters:
        label = str(chapter.get("id", ""))
        frame = chapter.get("frame", [])
        if not isinstance(frame, list) or not all(isinstance(f, str) for f in frame):
            problems.append(Problem(STORY, label, "frame", "frame must be a list of ids"))
            frame = []
        for fid in frame:
            if fid not in feature_ids and fid not in layer_ids:
                problems.append(Problem(STORY, label, "frame", f"no feature or layer {fid!r}"))


def _fields(raw: RawGeodata, problems: list[Problem]) -> None:
    for entry in raw.manifest:
        fields = entry.get("fields")
        if fields is None:
            continue
        if not isinstance(fields, dict) or not all(
            isinstance(v, str) and v.strip() for v in fields.values()
        ):
            label = str(entry.get("id", ""))
            problems.append(
                Problem(
                    MANIFEST, label, "fields", "fields must map property names to reader labels"
                )
            )


def check_evidence(raw: RawGeodata) -> list[Problem]:
    problems: list[Problem] = []
    sources = _sources(raw, problems)
    feature_ids = _features(raw, problems, sources)
    _claims(raw, problems, sources)
    _chapters(raw, problems, feature_ids)
    _fields(raw, problems)
    return problems
