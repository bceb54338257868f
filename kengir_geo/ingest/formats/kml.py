"""KML and KMZ (Google My Maps, Google Earth): GDAL reads it; the rendering fields go."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from kengir_geo.data.schema import Problem
from kengir_geo.ingest.formats.base import RawLayer, Request
from kengir_geo.ingest.formats.ogr import read_ogr

# KML rendering fields that carry no history; dropped on import.
KML_NOISE = ("altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon", "snippet")


class _PlainText(HTMLParser):
    """The text of an HTML fragment: line breaks kept, a link's address after its words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p", "div", "li"):
            self.parts.append("\n")
        if tag == "a":
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            self.parts.append(f" ({self.href})")
            self.href = None

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    parser = _PlainText()
    parser.feed(fragment)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    return "\n".join(line for line in lines if line)


def _tidy_kml(props: dict[str, Any]) -> bool:
    """Drop rendering fields; an `id` in the author's data wins over the Placemark's id
    attribute (GDAL then calls the author's column id2). Google My Maps writes descriptions
    as HTML; ours are plain text. True when a description was HTML."""
    for key in KML_NOISE:
        props.pop(key, None)
    if props.get("id2") is not None:
        props["id"] = props.pop("id2")
    description = props.get("description")
    if isinstance(description, str) and re.search(r"<[a-zA-Z/][^>]*>", description):
        props["description"] = html_to_text(description)
        return True
    return False


def read_kml(request: Request) -> RawLayer:
    """Every folder of the KML as one layer (Google My Maps keeps one folder per map layer)
    unless one is named; descriptions written as HTML become plain text."""
    raw = read_ogr(request, "KML", all_layers=True)
    html_descriptions = sum(_tidy_kml(item["properties"]) for item in raw.features)
    if html_descriptions:
        request.problems.append(
            Problem(
                request.label,
                "",
                "description",
                f"turned the HTML of {html_descriptions} descriptions into plain text "
                "(links are kept as their address in brackets)",
                "warning",
            )
        )
    return raw
