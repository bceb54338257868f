"""Limits that tell the truth: which limit was hit, by what step, on which feature, and what
to do; a file under the size limit fits the memory and time that limit allows. The files are
generated here: a 60,000-position polygon that crosses itself everywhere, and polygons."""

from __future__ import annotations

import json
import math
import random

from factories import collection, feature
from ingest_files import write_geojson
from kengir_geo.ingest import Limits, ingest_bounded, ingest_file


def knot(positions: int = 60_000) -> dict:
    """A ring through random points: it crosses itself tens of millions of times, and
    repairing it (make_valid) needs gigabytes."""
    rnd = random.Random(1)  # noqa: S311 - a fixed test shape, not a secret
    ring = [[67.6 + rnd.random() * 0.1, 47.8 + rnd.random() * 0.1] for _ in range(positions)]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def test_fix_out_of_memory_names_the_feature_and_how_to_simplify_in_process(tmp_path):
    path = write_geojson(collection(feature("knot", geometry=knot())), tmp_path / "knot.geojson")
    result = ingest_file(path, "k", "K", fix=True, limits=Limits(memory_limit=150))
    assert not result.readable
    [problem] = result.problems
    assert (problem.feature, problem.field) == ("knot", "geometry")
    assert "repairing the geometry of feature knot (60,001 positions)" in problem.message
    assert "needed more memory than the limit of 150 MB" in problem.message
    assert "simplify" in problem.message
    assert "could not be read" not in problem.message


def test_out_of_time_on_a_geojson_does_not_blame_a_geopackage(tmp_path):
    features = [feature(f"p{n}") for n in range(2000)]
    path = write_geojson(collection(*features), tmp_path / "points.geojson")
    result = ingest_bounded(path, "p", "P", limits=Limits(time_limit=0.001))
    [problem] = result.problems
    assert "took longer than the limit of 0.001 seconds" in problem.message
    assert "GeoPackage" not in problem.message and "view" not in problem.message


def polygons_of(megabytes: float) -> dict:
    features, size, n = [], 0, 0
    while size < megabytes * 1024 * 1024:
        cx, cy = 67 + (n % 40) * 0.02, 47 + (n // 40) * 0.02
        ring = [
            [round(cx + 0.009 * math.cos(k / 318.3), 7), round(cy + 0.009 * math.sin(k / 318.3), 7)]
            for k in range(2000)
        ]
        item = feature(f"z{n}", geometry={"type": "Polygon", "coordinates": [[*ring, ring[0]]]})
        features.append(item)
        size += len(json.dumps(item))
        n += 1
    return collection(*features)


def test_a_file_under_the_size_limit_fits_the_memory_that_limit_allows(tmp_path):
    limits = Limits(max_mb=4)
    path = write_geojson(polygons_of(3.8), tmp_path / "zones.geojson")
    assert path.stat().st_size < limits.max_bytes
    result = ingest_bounded(path, "z", "Z", limits=limits)
    assert result.ok, [str(p) for p in result.problems if p.is_error]
    assert limits.memory_mb < Limits(max_mb=50).memory_mb  # the budgets grow with the limit
