"""A layer's per-feature columns packed small for the browser (client/timecore.js unpackLayer
reads them back; tests/js checks the two agree).

One format for every layer, so the browser has one decoder. A layer of 100,000 points packs
into about 2 MB of JSON instead of 7.5: numbers travel as base64 of the fewest bytes that hold
them, and texts that begin like the one before (ids "e1", "e2", ...) travel as what is new.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import shapely

PREFIX_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"  # a shared prefix's length, base 36
LONGEST_PREFIX = len(PREFIX_DIGITS) - 1
MAX_DECIMALS = 6  # coordinates to about 10 cm at most
DAY_COLUMNS = ("first_day", "sure_from", "sure_until", "last_day")


def packed_ints(values: Any) -> list[Any]:
    """Integers as [smallest, bytes each (1, 2 or 4), base64 of each minus the smallest,
    little-endian]: a day within a few years takes 2 bytes, a style number 1."""
    numbers = np.asarray(values, dtype=np.int64)
    if not len(numbers):
        return [0, 1, ""]
    low = int(numbers.min())
    span = int(numbers.max()) - low
    width = 1 if span < 2**8 else 2 if span < 2**16 else 4
    raw = (numbers - low).astype(f"<u{width}").tobytes()
    return [low, width, base64.b64encode(raw).decode("ascii")]


def packed_days(frame: Any) -> list[list[Any]]:
    """The four day bounds of each feature (first, sure from, sure until, last) as four packed
    columns: the first day, then each bound as days after the one before, which are small."""
    if not len(frame):
        return [packed_ints([]) for _ in DAY_COLUMNS]
    days = np.column_stack([frame[c].to_numpy(dtype=np.int64) for c in DAY_COLUMNS])
    steps = np.diff(days, axis=1, prepend=0)
    return [packed_ints(steps[:, k]) for k in range(len(DAY_COLUMNS))]


def _decimals(values: np.ndarray) -> int:
    """How many decimals the coordinates hold (at most MAX_DECIMALS)."""
    for decimals in range(MAX_DECIMALS):
        scaled = values * 10**decimals
        if np.all(np.abs(scaled - np.round(scaled)) < 0.5e-6 * 10**decimals):
            return decimals
    return MAX_DECIMALS


def packed_points(geometries: Any) -> dict[str, Any]:
    """Points as {"decimals": d, "x": ints, "y": ints, "gone": [indexes of missing points]},
    each coordinate an integer count of 10^-d degrees, d the decimals the data holds."""
    gone = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    present = np.where(gone, None, geometries)  # an empty point has no x to ask for
    xy = np.column_stack([shapely.get_x(present), shapely.get_y(present)])
    # a missing point takes the first point's place, so it widens no column
    xy = np.zeros_like(xy) if gone.all() else np.where(gone[:, None], xy[np.argmin(gone)], xy)
    decimals = _decimals(xy.ravel())
    scaled = np.round(xy * 10**decimals).astype(np.int64)
    return {
        "decimals": decimals,
        "x": packed_ints(scaled[:, 0]),
        "y": packed_ints(scaled[:, 1]),
        "gone": np.flatnonzero(gone).tolist(),
    }


def packed_texts(texts: list[str]) -> list[Any]:
    """Texts as [one base-36 digit per text: how many characters it shares with the text before
    (at most 35), the rest of each text]."""
    if not texts:
        return ["", []]
    head = np.array(texts, dtype=f"<U{LONGEST_PREFIX}")  # each text's first 35 characters
    codes = head.view(np.uint32).reshape(len(texts), LONGEST_PREFIX)
    differ = codes[1:] != codes[:-1]
    alike = np.where(differ.any(axis=1), differ.argmax(axis=1), LONGEST_PREFIX)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    shared = np.minimum(alike, np.minimum(lengths[1:], lengths[:-1]))
    # JavaScript counts a character beyond U+FFFF as two: such a text is sent whole
    shared[(codes[1:] > 0xFFFF).any(axis=1)] = 0
    shared = np.concatenate([[0], shared])
    digits = np.frombuffer(PREFIX_DIGITS.encode("ascii"), dtype=np.uint8)[shared].tobytes()
    shared = shared.tolist()
    digits = digits.decode("ascii")
    return [digits, [text[k:] for text, k in zip(texts, shared, strict=True)]]
