"""The data contract in one place: allowed values and the shape of a reported problem.

geodata/README.md is the prose version of this module.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

CERTAINTIES = ("documented", "approximate", "schematic", "disputed", "unknown")
CATEGORIES = (
    "violence",
    "negotiation",
    "self-government",
    "daily-life",
    "propaganda",
    "defence",
    "context",
    "aftermath",
)
LAYER_TYPES = ("events", "features")
LAYER_GROUPS = ("story", "context", "basemap", "user")

# A layer's id: also its file's name and a word in links. Use fullmatch (`$` allows a newline).
LAYER_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")

# Properties that hold lists; flat formats (Shapefile, CSV) carry them as "a; b; c".
LIST_PROPERTIES = ("names", "sources", "claims")

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    `feature` is the feature's id, or `#N` (its index) when it has no usable id, or "" when the
    problem concerns the whole file.
    """

    file: str
    feature: str
    field: str
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.feature}:{self.field}: {self.level}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


# A map camera (a chapter's, a view's): where the map is centred and how close it is.
CENTER_RULE = "center must be [latitude, longitude]"
ZOOM_RULE = "zoom must be a whole number from 1 to 19"


def is_center(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and -90 <= value[0] <= 90
        and -180 <= value[1] <= 180
    )


def is_zoom(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 19


def is_texts(value: object) -> bool:
    """A list property as written: one text ("a; b") or a list of texts."""
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    )


def as_list(value: object) -> list[str]:
    """Normalise a list property: JSON array, "a; b" string, or missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []  # pandas fills a property missing on some features with NaN
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]
