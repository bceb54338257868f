"""The numbers behind the Steplag charts, read from geodata/figures.toml and checked.

Each value cites its sources and says whether it is documented, derived by us, or disputed
(then with the other values and who gives them). The sizes of the divisions are read from the
divisions layer, so a number lives in one place only.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kengir_geo.atlas import Atlas
from kengir_geo.dates import try_parse_date
from kengir_geo.schema import Problem, as_list

FIGURES = "figures.toml"
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
    return None if math.isnan(value) else float(value)


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
    label = str(raw.get("label", "")).strip()
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
    for other in raw.get("other", []):
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
    if status in ("derived", "disputed") and not str(raw.get("note", "")).strip():
        problems.append(
            Problem(FIGURES, where, "note", f"a {status} value needs a note saying why")
        )
    if not label or number is None:
        return None
    return FigureValue(
        label, number, tuple(sources), status, date, str(raw.get("note", "")), tuple(others)
    )


def parse_figures(
    doc: dict[str, Any], source_ids: Iterable[str] | None = None
) -> tuple[list[Figure], list[Problem]]:
    """Figures from a parsed figures.toml, and every problem found (source ids checked if given)."""
    known = set(source_ids) if source_ids is not None else None
    problems: list[Problem] = []
    figures: list[Figure] = []
    seen: set[str] = set()
    for index, raw in enumerate(doc.get("figure", [])):
        fid = str(raw.get("id", "")).strip() or f"#{index}"
        if fid in seen:
            problems.append(Problem(FIGURES, fid, "id", "duplicate figure id"))
        seen.add(fid)
        if not str(raw.get("title", "")).strip():
            problems.append(Problem(FIGURES, fid, "title", "missing title"))
        sources = as_list(raw.get("sources"))
        _check_sources(sources, known, fid, problems)
        values = [
            v
            for i, rv in enumerate(raw.get("value", []))
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


def read_figures(
    root: Path, source_ids: Iterable[str] | None = None
) -> tuple[list[Figure], list[Problem]]:
    """Read and check `root`/figures.toml; a missing or broken file is a problem, not a crash."""
    path = Path(root) / FIGURES
    try:
        with path.open("rb") as handle:
            doc = tomllib.load(handle)
    except FileNotFoundError:
        return [], [Problem(FIGURES, "", "", "file is missing")]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return [], [Problem(FIGURES, "", "", f"not valid TOML: {exc}")]
    return parse_figures(doc, source_ids)


def load_figures(atlas: Atlas) -> tuple[list[Figure], list[Problem]]:
    """The atlas's figures, with source ids checked against its bibliography."""
    return read_figures(atlas.root, atlas.sources)


def division_sizes(atlas: Atlas, layer_id: str = "divisions") -> pd.DataFrame:
    """The divisions' head counts from the divisions layer (property `inmates`).

    Columns: id, name, inmates (NaN when the layer gives none), certainty, sources, note,
    number (the division's number when the layer gives one). Empty when there is no such layer.
    """
    columns = ["id", "name", "number", "inmates", "certainty", "sources", "note"]
    layer = atlas.layers.get(layer_id)
    if layer is None:
        return pd.DataFrame(columns=columns)
    frame = layer.frame
    kinds = frame["kind"].fillna("division") if "kind" in frame else None
    if kinds is not None:
        frame = frame[kinds == "division"]
    result = pd.DataFrame(
        {
            "id": frame["id"],
            "name": frame["name"],
            "number": pd.to_numeric(frame.get("number"), errors="coerce")
            if "number" in frame
            else pd.NA,
            "inmates": pd.to_numeric(frame["inmates"], errors="coerce")
            if "inmates" in frame
            else float("nan"),
            "certainty": frame["certainty"],
            "sources": [", ".join(s) for s in frame["sources"]],
            "note": frame["note"].fillna(""),
        }
    )
    return result.reset_index(drop=True)
