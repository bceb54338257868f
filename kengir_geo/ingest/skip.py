"""Naming each feature in a report as its author knows it, and leaving out the ones in error.

A CSV row is named by its number as the spreadsheet shows it and by its name ("row 368
(Ozerlag)"), never by an id the pipeline made up. With `--skip-invalid` (ogr2ogr's
-skipfailures) the features with errors are left out and each one is named with its reason;
errors about the whole file still stop it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from kengir_geo.data.schema import Problem
from kengir_geo.data.validate import feature_label
from kengir_geo.ingest.formats.csv import row_label


def feature_names(features: list[Any], rows: list[int] | None) -> list[tuple[set[str], str]]:
    """For each feature: the labels problems may give it (its id, its CSV row) and the name a
    report shows: the id, or for a CSV row its number and name."""
    names = []
    for index, feature in enumerate(features):
        label = feature_label(feature, index)
        if rows is None:
            names.append(({label}, label))
            continue
        props = feature.get("properties") or {} if isinstance(feature, dict) else {}
        name = props.get("name")
        row = row_label(rows[index])
        shown = f"{row} ({name})" if isinstance(name, str) and name and name != label else row
        names.append(({label, row}, shown))
    return names


def renamed(problems: list[Problem], names: list[tuple[set[str], str]]) -> list[Problem]:
    """The problems with each feature named as `feature_names` shows it."""
    shown = {label: name for labels, name in names for label in labels}
    return [
        dataclasses.replace(p, feature=shown[p.feature]) if p.feature in shown else p
        for p in problems
    ]


def leave_out_invalid(
    features: list[Any],
    problems: list[Problem],
    names: list[tuple[set[str], str]],
    file: str,
) -> tuple[list[Any], list[Problem], int]:
    """The features without errors, the problems with every error of a left-out feature
    turned into one warning that names it and gives the reasons, and how many were left out."""
    reasons: dict[str, list[str]] = {}
    for p in problems:
        if p.is_error and p.feature:
            reasons.setdefault(p.feature, []).append(
                f"{p.field}: {p.message}" if p.field else p.message
            )
    kept = [f for f, (_, name) in zip(features, names, strict=True) if name not in reasons]
    left_out = [name for _, name in names if name in reasons]
    out = [p for p in problems if p.feature not in reasons]
    out += [
        Problem(file, name, "", f"left out (--skip-invalid): {'; '.join(reasons[name])}", "warning")
        for name in left_out
    ]
    if left_out and not kept:
        out.append(Problem(file, "", "", "every feature has errors: nothing is left to add"))
    return kept, out, len(left_out)
