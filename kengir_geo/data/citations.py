"""Citations inside reader text: `{cite:ID}` marks where a sentence rests on a work.

Text never names a source by its id; it carries the markup, and each renderer (popup HTML,
Markdown, plain text) turns it into "Dunn (2021)" from the bibliography. This module only
finds the marks and says how a source is called in short.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

CITE = re.compile(r"\{cite:([^{}\s]*)\}")


@dataclass(frozen=True)
class Cite:
    """A `{cite:ID}` mark in a text."""

    source_id: str


def split_citations(text: str) -> Iterator[str | Cite]:
    """The text as plain pieces and Cite marks, in order (empty pieces left out)."""
    position = 0
    for match in CITE.finditer(text):
        if match.start() > position:
            yield text[position : match.start()]
        yield Cite(match.group(1))
        position = match.end()
    if position < len(text):
        yield text[position:]


def cited_ids(text: str) -> list[str]:
    return [m.group(1) for m in CITE.finditer(text)]


@dataclass(frozen=True)
class CiteGroup:
    """Marks that stand together ("{cite:a} {cite:b}."): one citation, in brackets when it
    closes a sentence or clause, bare when the sentence names the work ("as {cite:a} says")."""

    source_ids: tuple[str, ...]
    bracketed: bool


_CLOSING = ".,;:!?)"


def citation_parts(text: str) -> list[str | CiteGroup]:
    """The text as plain pieces and CiteGroups, ready for any renderer."""
    pieces = list(split_citations(text))
    parts: list[str | CiteGroup] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if isinstance(piece, str):
            parts.append(piece)
            index += 1
            continue
        ids = [piece.source_id]
        index += 1
        while index < len(pieces):
            nxt = pieces[index]
            if isinstance(nxt, Cite):
                ids.append(nxt.source_id)
                index += 1
            elif (
                not nxt.strip() and index + 1 < len(pieces) and isinstance(pieces[index + 1], Cite)
            ):
                index += 1  # the space between two marks
            else:
                break
        after = pieces[index] if index < len(pieces) else ""
        bracketed = not isinstance(after, str) or after == "" or after[0] in _CLOSING
        parts.append(CiteGroup(tuple(ids), bracketed))
    return parts
