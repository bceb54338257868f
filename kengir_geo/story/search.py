"""Finding a place by any of its names: Kengir, Кенгир, Кеңгір, Dzhezkazgan, Жезказган …

Names are compared folded: case, accents and script are ignored, so a reader who types the
Latin spelling finds a place the data names in Cyrillic and the other way round. The script
folding is the `anyascii` transliteration; it is approximate, so exact matches on the written
names rank above matches that only agree after transliteration.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.schema import MAX_NAME_CHARS

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, no accents, one script (Latin), single spaces: for comparing names only."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub(" ", anyascii(no_marks).lower()).strip()


def _written(text: str) -> str:
    """Case- and accent-insensitive but script-preserving, to rank true matches first."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


@dataclass(frozen=True)
class PlaceMatch:
    layer_id: str
    feature_id: str
    name: str  # the feature's display name
    matched: str  # the name or spelling that matched the query
    lat: float
    lon: float
    zoom: int  # a zoom that shows the whole feature
    score: int  # higher is better


def _zoom_for(width_deg: float) -> int:
    """A Leaflet zoom that fits an extent of `width_deg` degrees in a map ~700 px wide."""
    zoom = 16
    while zoom > 3 and width_deg * (2**zoom) / 360 * 256 > 500:
        zoom -= 1
    return zoom


def _score(query: tuple[str, str], name: str) -> int:
    """0 for no match; exact beats prefix beats word-start beats substring; script-true first.
    `query` is (written, folded), made once per search."""
    best = 0
    written, folded = query
    if len(written) > len(name) * 4 + 16:
        return 0  # longer than any spelling of the name can be: no need to fold the name
    for rank, (q, n) in enumerate(((written, _written(name)), (folded, fold(name)))):
        bonus = 1 if rank == 0 else 0  # the same script as the data outranks transliteration
        if not q or not n:
            continue
        if q == n:
            best = max(best, 8 + bonus)
        elif n.startswith(q):
            best = max(best, 6 + bonus)
        elif f" {q}" in f" {n}":
            best = max(best, 4 + bonus)
        elif len(q) >= 3 and q in n:
            best = max(best, 2 + bonus)
    return best


def find_places(atlas: Atlas, query: str, limit: int = 8) -> list[PlaceMatch]:
    """Features of the atlas's `features` layers whose id, name or other names match `query`.

    Best first; events are not places and are not searched. A query longer than any name
    may be (MAX_NAME_CHARS) finds nothing: the work stays linear in the query's length.
    """
    if len(query) > MAX_NAME_CHARS:
        return []
    prepared = (_written(query), fold(query))
    if not any(prepared):
        return []
    matches: list[PlaceMatch] = []
    for layer in atlas.layers.values():
        if layer.type != "features":
            continue
        for row in layer.frame.itertuples():
            if row.geometry is None or row.geometry.is_empty:
                continue
            candidates = [str(row.name or ""), *list(row.names or []), str(row.id)]
            score, matched = 0, ""
            for candidate in candidates:  # the first best: display name, then others, then id
                if candidate and (this := _score(prepared, candidate)) > score:
                    score, matched = this, candidate
            if str(row.id) == query.strip():
                score = 10  # a link's ?place=<id> names exactly this feature
            if score == 0:
                continue
            point = row.geometry.representative_point()
            minx, miny, maxx, maxy = row.geometry.bounds
            matches.append(
                PlaceMatch(
                    layer_id=layer.id,
                    feature_id=str(row.id),
                    name=str(row.name or row.id),
                    matched=matched,
                    lat=float(point.y),
                    lon=float(point.x),
                    zoom=_zoom_for(max(maxx - minx, maxy - miny)),
                    score=score,
                )
            )
    matches.sort(key=lambda m: (-m.score, m.name))
    return matches[:limit]


def find_place(atlas: Atlas, query: str) -> PlaceMatch | None:
    """The best match for `query` (as used by ?place=), or None."""
    found = find_places(atlas, query, limit=1)
    return found[0] if found else None
