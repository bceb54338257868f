"""The numbers behind the charts, from figures.toml: types and the one parser-and-checker.

Each value cites its sources and says whether it is documented, derived by us, or disputed
(then with the other values and who gives them). A figure may instead name a layer and one of
its properties (the divisions' head counts), so a number lives in one place only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kengir_geo.data.dates import try_parse_date
from kengir_geo.data.folder import FIGURES
from kengir_geo.data.schema import Problem, as_list

STATUSES = ("documented", "derived", "disputed")


@dataclass(frozen=True)
class OtherValue:
    value: float
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FigureValue:
    label: str
    value: float
    sources: tuple[str, ...]
    status: str = "documented"
    date: str = ""
    note: str = ""
    others: tuple[OtherValue, ...] = ()


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    unit: str
    values: tuple[FigureValue, ...]
    sources: tuple[str, ...]
    note: str = ""
    total: float | None = None
    layer: str = ""  # values from this layer's features instead of [[figure.value]]
    value_property: str = ""  # …from this property of each feature

    def frame(self) -> pd.DataFrame:
        """One row per value: label, value, status, sources (joined), note, order."""
        return pd.DataFrame(
            {
                "label": [v.label for v in self.values],
                "value": [v.value for v in self.values],
                "status": [v.status for v in self.values],
                "sources": [", ".join(v.sources) for v in self.values],
                "note": [v.note for v in self.values],
                "order": list(range(len(self.values))),
            }
        )


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _check_sources(
    ids: list[str], known: set[str] | None, where: str, problems: list[Problem]
) -> None:
    if not ids:
        problems.append(Problem(FIGURES, where, "sources", "cites no source"))
    for sid in ids:
        if known is not None and sid not in known:
            problems.append(Problem(FIGURES, where, "sources", f"unknown source id {sid!r}"))


def _read_value(
    raw: dict[str, Any], where: str, known: set[str] | None, problems: list[Problem]
) -> FigureValue | None:
    label = raw.get("label") if isinstance(raw.get("label"), str) else ""
    label = label.strip()
    number = _number(raw.get("value"))
    if not label:
        problems.append(Problem(FIGURES, where, "label", "missing label"))
    if number is None:
        problems.append(Problem(FIGURES, where, "value", f"not a number: {raw.get('value')!r}"))
    status = str(raw.get("status", "documented"))
    if status not in STATUSES:
        problems.append(
            Problem(FIGURES, where, "status", f"{status!r} is not one of {', '.join(STATUSES)}")
        )
    sources = as_list(raw.get("sources"))
    _check_sources(sources, known, where, problems)
    date = str(raw.get("date", ""))
    if date and try_parse_date(date) is None:
        problems.append(Problem(FIGURES, where, "date", f"cannot read {date!r} as a date"))
    others = []
    listed = raw.get("other", [])
    if not isinstance(listed, list) or not all(isinstance(o, dict) for o in listed):
        problems.append(Problem(FIGURES, where, "other", "expected [[figure.value.other]] tables"))
        listed = []
    for other in listed:
        other_number = _number(other.get("value"))
        other_sources = as_list(other.get("sources"))
        _check_sources(other_sources, known, where, problems)
        if other_number is None:
            problems.append(Problem(FIGURES, where, "other", "an other value is not a number"))
        else:
            others.append(OtherValue(other_number, tuple(other_sources)))
    if others and status != "disputed":
        problems.append(
            Problem(FIGURES, where, "status", "has other values, so it must be 'disputed'")
        )
    note = raw.get("note", "")
    if not isinstance(note, str):
        problems.append(Problem(FIGURES, where, "note", "note must be text"))
        note = ""
    if status in ("derived", "disputed") and not note.strip():
        problems.append(
            Problem(FIGURES, where, "note", f"a {status} value needs a note saying why")
        )
    if not label or number is None:
        return None
    return FigureValue(label, number, tuple(sources), status, date, note, tuple(others))


def _layer_figure(raw: dict[str, Any], fid: str, problems: list[Problem]) -> tuple[str, str]:
    layer, prop = raw.get("layer"), raw.get("value")
    if not isinstance(layer, str) or not layer:
        problems.append(Problem(FIGURES, fid, "layer", "layer must be a layer id"))
        return "", ""
    if not isinstance(prop, str) or not prop:
        problems.append(
            Problem(FIGURES, fid, "value", "a figure drawn from a layer names its property")
        )
        return "", ""
    return layer, prop


def parse_figures(
    tables: list[dict[str, Any]], source_ids: Iterable[str] | None = None
) -> tuple[list[Figure], list[Problem]]:
    """Figures from the [[figure]] tables, and every problem found (source ids checked if given)."""
    known = set(source_ids) if source_ids is not None else None
    problems: list[Problem] = []
    figures: list[Figure] = []
    seen: set[str] = set()
    for index, raw in enumerate(tables):
        fid = str(raw.get("id", "")).strip() or f"#{index}"
        if fid in seen:
            problems.append(Problem(FIGURES, fid, "id", "duplicate figure id"))
        seen.add(fid)
        if not isinstance(raw.get("title"), str) or not raw["title"].strip():
            problems.append(Problem(FIGURES, fid, "title", "missing title"))
        for key in ("unit", "note"):
            if not isinstance(raw.get(key, ""), str):
                problems.append(Problem(FIGURES, fid, key, f"{key} must be text"))
        sources = as_list(raw.get("sources"))
        if "layer" in raw:
            layer, prop = _layer_figure(raw, fid, problems)
            figures.append(
                Figure(
                    fid,
                    str(raw.get("title", fid)),
                    str(raw.get("unit", "")),
                    (),
                    (),
                    note=str(raw.get("note", "")),
                    layer=layer,
                    value_property=prop,
                )
            )
            continue
        _check_sources(sources, known, fid, problems)
        entries = raw.get("value", [])
        if not isinstance(entries, list) or not all(isinstance(v, dict) for v in entries):
            problems.append(Problem(FIGURES, fid, "value", "expected [[figure.value]] tables"))
            entries = []
        values = [
            v
            for i, rv in enumerate(entries)
            if (v := _read_value(rv, f"{fid} value {i + 1}", known, problems)) is not None
        ]
        if not values:
            problems.append(Problem(FIGURES, fid, "value", "has no values"))
        total = _number(raw.get("total"))
        if total is not None and values and sum(v.value for v in values) != total:
            problems.append(
                Problem(
                    FIGURES,
                    fid,
                    "total",
                    f"values add up to {sum(v.value for v in values):g}, not {total:g}",
                )
            )
        figures.append(
            Figure(
                id=fid,
                title=str(raw.get("title", fid)),
                unit=str(raw.get("unit", "")),
                values=tuple(values),
                sources=tuple(sources),
                note=str(raw.get("note", "")),
                total=total,
            )
        )
    return figures, problems
