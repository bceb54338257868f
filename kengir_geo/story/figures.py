"""Chart rows for a figure drawn from a layer: one bar per feature carrying the property."""

from __future__ import annotations

import pandas as pd

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.figures import Figure

COLUMNS = ["id", "name", "value", "certainty", "sources", "note"]


def layer_figure_rows(atlas: Atlas, figure: Figure) -> pd.DataFrame:
    """The features of `figure.layer` with their `figure.value_property` as `value` (NaN where
    a feature of the same kind as those counted gives none), their certainty, sources and note,
    in the layer's order."""
    layer = atlas.layers.get(figure.layer)
    if layer is None or figure.value_property not in layer.frame:
        return pd.DataFrame(columns=COLUMNS)
    frame = layer.frame
    values = pd.to_numeric(frame[figure.value_property], errors="coerce")
    counted_kinds = set(frame.loc[values.notna(), "kind"].dropna())
    if counted_kinds:  # the same kind of thing as those counted (divisions, not the HQ)
        frame = frame[frame["kind"].isin(counted_kinds)]
    return pd.DataFrame(
        {
            "id": frame["id"],
            "name": frame["name"],
            "value": pd.to_numeric(frame[figure.value_property], errors="coerce"),
            "certainty": frame["certainty"],
            "sources": list(frame["sources"]),
            "note": frame["note"].fillna(""),
        }
    ).reset_index(drop=True)
