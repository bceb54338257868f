"""The formats GDAL reads for us (through pyogrio): the reading they share."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyogrio

from kengir_geo.data.schema import Problem
from kengir_geo.ingest.formats.base import (
    RawLayer,
    ReadError,
    Refused,
    Request,
    too_many,
)


def _spatial_layers(path: Path) -> list[str]:
    return [str(name) for name, kind in pyogrio.list_layers(path) if kind is not None]


def read_ogr(
    request: Request,
    fmt: str,
    *,
    all_layers: bool = False,
    rows_held: Callable[[Path, str], int | None] | None = None,
    damage: Callable[[Path, int, int], str | None] | None = None,
) -> RawLayer:
    """Read one layer (the one named, else the first), or every layer with `all_layers`.
    `rows_held(path, layer)` counts what a layer really holds when GDAL's count may be stale;
    `damage(path, features, fields)` says what is wrong with the file GDAL would not report."""
    try:
        names = _spatial_layers(request.path)
    except Exception as exc:  # pyogrio.errors.DataSourceError and friends
        raise Refused(f"cannot open it as {fmt}: {exc}") from exc
    if not names:
        raise Refused(f"the {fmt} holds no layer with geometries")
    if request.layer is not None and request.layer not in names:
        raise Refused(f"no layer {request.layer!r}; the file has: {', '.join(names)}", "layer")
    chosen = [request.layer] if request.layer else (names if all_layers else names[:1])
    if len(names) > 1 and not request.layer and not all_layers:
        request.problems.append(
            Problem(
                request.label,
                "",
                "layer",
                f"the file has {len(names)} layers; reading the first, {names[0]!r} "
                f"(others: {', '.join(names[1:])}; choose one with --layer)",
                "warning",
            )
        )
    features: list[Any] = []
    crs = None
    for name in chosen:
        held = rows_held(request.path, name) if rows_held else None
        try:
            info = pyogrio.read_info(request.path, layer=name, encoding=request.encoding)
            count = held if held is not None else info["features"]
            if count > request.limits.max_features:
                raise Refused(too_many(count, request.limits))
            if damage and (damaged := damage(request.path, count, len(info["fields"]))):
                raise Refused(damaged)
            frame = _read_frame(request.path, name, request.encoding)
            if held is not None and len(frame) != held:
                # a stale cached count: GDAL read only that many rows; a query reads them all
                stale = len(frame)
                frame = _read_frame(request.path, name, request.encoding, sql=True)
                request.problems.append(
                    Problem(
                        request.label,
                        "",
                        "",
                        f"the file's cached feature count of layer {name!r} was out of date "
                        f"({stale}); read all {len(frame)} rows",
                        "warning",
                    )
                )
            if held is not None and len(frame) != held:
                raise Refused(
                    f"read {len(frame)} features of layer {name!r}, but it holds {held}: "
                    "refusing to add part of a layer"
                )
            doc = json.loads(frame.to_json(na="null", drop_id=True, to_wgs84=False))
        except ReadError:
            raise
        except Exception as exc:  # GDAL errors come in several types
            raise Refused(f"cannot read the {fmt}: {exc}") from exc
        crs = frame.crs
        features += doc["features"]
    return RawLayer(features, crs, fmt)


def _read_frame(path: Path, name: str, encoding: str | None, sql: bool = False) -> Any:
    quoted = '"' + name.replace('"', '""') + '"'
    return pyogrio.read_dataframe(
        path,
        layer=None if sql else name,
        sql=f"SELECT * FROM {quoted}" if sql else None,  # noqa: S608 - a quoted identifier
        encoding=encoding,
        datetime_as_string=True,  # dates stay text: no timestamps, no false precision
        on_invalid="ignore",
    )
