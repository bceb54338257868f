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
    problem concerns the whole file. `code` names the kinds a program acts on (INVALID_GEOMETRY...),
    so that no caller reads the words of a message.
    """

    file: str
    feature: str
    field: str
    message: str
    level: Level = "error"
    code: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.feature}:{self.field}: {self.level}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.level == "error"


# The kinds of problem that code acts on: `--fix` mends the first three; a user's layer that
# cites nothing is summed up in one line.
INVALID_GEOMETRY, OPEN_RING, ACROSS_180, NO_SOURCE = (
    "invalid-geometry",
    "open-ring",
    "antimeridian",
    "no-source",
)


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


# Characters no text of ours may hold: C0 and C1 controls (NUL, BEL, ESC…), DEL, the line and
# paragraph separators U+2028/9, and the bidi controls that reorder what a reader sees. Tab and
# newline are allowed in text of several lines (descriptions, notes, narratives).
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_CONTROLS}]")
_CONTROL_IN_LINE = re.compile(f"[\t\n\r{_CONTROLS}]")
MULTILINE_KEYS = ("description", "note", "notes", "narrative", "intro", "content_note")
# A name or a title is read in a list or a tooltip: a name longer than this is not a name.
MAX_NAME_CHARS = 500
NAME_KEYS = ("id", "name", "names", "title")


def control_characters(text: str, multiline: bool = False) -> list[str]:
    """The control characters in `text`, named for a message: ['U+0007', 'U+001B']."""
    pattern = _CONTROL if multiline else _CONTROL_IN_LINE
    return sorted({f"U+{ord(c):04X}" for c in pattern.findall(text)})


def without_controls(text: str, multiline: bool = False) -> str:
    """`text` with its control characters removed (a line break in one-line text: a space)."""
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")  # separators: line breaks
    if multiline:
        return _CONTROL.sub("", text)
    return " ".join(_CONTROL.sub("", text).split("\n")).replace("\t", " ").replace("\r", "")


def text_trouble(key: str, value: object) -> str | None:
    """What is wrong with the text of field `key`, for a message; None when it is fine."""
    texts = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    for text in texts:
        if not isinstance(text, str):
            continue
        if key in NAME_KEYS and len(text) > MAX_NAME_CHARS:
            return (
                f"the {key} is {len(text):,} characters long; a {key} may have at most "
                f"{MAX_NAME_CHARS} (put longer text into the description)"
            )
        found = control_characters(text, multiline=key in MULTILINE_KEYS)
        if found:
            return (
                f"the {key} holds control characters ({', '.join(found[:5])}), which no reader "
                "can see and some terminals obey: remove them"
            )
    return None
