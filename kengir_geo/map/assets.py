"""Leaflet and plugin files without a CDN: taken from the installed `folium-offline` package.

folium-offline maps each CDN URL folium uses to the file's text. The app serves them from its
own static folder (write_static_assets + localize_links) for the upload preview; the time map
serves them from its component folder and the export inlines them (leaflet_js, leaflet_css).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import folium

from kengir_geo.data.atomic import atomic_write

# Only Leaflet itself: folium's defaults also pull jQuery, Bootstrap and Font Awesome, whose
# icon fonts would be fetched from the network and which no element of ours uses.
LEAFLET_JS = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]
CLIENT = Path(__file__).resolve().parent / "client"


def client_text(name: str) -> str:
    """A file of our browser code (map/client/)."""
    return (CLIENT / name).read_text(encoding="utf-8")


# The browser plugin, in load order: the pure rules, the layer, its controls (then the story).
PLUGIN_JS = ("timecore.js", "timemap.js", "timecontrols.js")


def plugin_js(story: bool = False) -> str:
    """L.TimeMap and its controls (and L.Control.Story), as one script."""
    names = PLUGIN_JS + (("story.js",) if story else ())
    return "\n".join(client_text(name) for name in names)


def plugin_css(story: bool = False) -> str:
    """The time map's look, its legend and popups (and the story panel)."""
    from kengir_geo.map.legend import LEGEND_CSS
    from kengir_geo.map.popups import POPUP_CSS

    story_css = client_text("story.css") if story else ""
    return client_text("timemap.css") + LEGEND_CSS + POPUP_CSS + story_css


def leaflet_js() -> str:
    return asset_text(LEAFLET_JS[0][1])


def leaflet_css() -> str:
    return asset_text(LEAFLET_CSS[0][1])


def _bundle() -> dict[str, str]:
    from offlinefolium.elements import _res  # imported late: it is large

    return _res


def asset_text(url: str) -> str:
    """The text of the file folium would fetch from `url`."""
    bundle = _bundle()
    if url not in bundle or not bundle[url]:
        raise KeyError(
            f"{url} is not in the installed folium-offline package; "
            "use an element whose assets it carries, or upgrade folium-offline"
        )
    return bundle[url]


def local_name(url: str) -> str:
    """A stable file name for an asset: the SHA-1 of its URL plus its extension."""
    suffix = PurePosixPath(urlsplit(url).path).suffix
    if suffix not in (".js", ".css"):
        suffix = ".js"
    return hashlib.sha1(url.encode()).hexdigest() + suffix  # noqa: S324 (a name, not security)


def walk(element: Any) -> Iterator[Any]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from walk(child)


def links_of(fmap: folium.Map) -> list[str]:
    """Every JS and CSS URL the elements of a map ask for, in order, without repeats."""
    urls: list[str] = []
    for element in walk(fmap):
        for _, url in list(getattr(element, "default_js", [])) + list(
            getattr(element, "default_css", [])
        ):
            if url not in urls:
                urls.append(url)
    return urls


def _elements_our_maps_use() -> list[str]:
    """The URLs of every asset a map of ours can need (render.py, export.py)."""
    from folium.plugins import Fullscreen

    urls = [url for _, url in LEAFLET_JS + LEAFLET_CSS]
    for cls in (Fullscreen, folium.Map):
        for _, url in list(getattr(cls, "default_js", [])) + list(getattr(cls, "default_css", [])):
            if url not in urls:
                urls.append(url)
    return urls


def write_static_assets(folder: Path) -> None:
    """Write every asset a map of ours needs into `folder`, named by local_name(). Idempotent:
    a file already holding the right text is left alone."""
    folder.mkdir(parents=True, exist_ok=True)
    for url in _elements_our_maps_use():
        # all or nothing: a half-written file is never served
        atomic_write(folder / local_name(url), asset_text(url), unchanged_ok=True)


def localize_links(fmap: folium.Map, base_url: str = "/app/static/vendor") -> None:
    """Point every element's JS/CSS at our static folder. The lists are replaced on each
    instance, never edited in place: folium's class-level lists are shared by all maps."""
    base = base_url.rstrip("/")
    for element in walk(fmap):
        for attribute in ("default_js", "default_css"):
            pairs = getattr(element, attribute, None)
            if pairs:
                local = [
                    (name, url if url.startswith(base) else f"{base}/{local_name(url)}")
                    for name, url in pairs
                ]
                setattr(element, attribute, local)


_SCRIPT_SRC = re.compile(
    r"""<script\b[^>]*\bsrc\s*=\s*["'](?P<url>https?://[^"']+)["'][^>]*>\s*</script>""", re.I
)
_LINK_HREF = re.compile(
    r"""<link\b[^>]*\bhref\s*=\s*["'](?P<url>https?://[^"']+)["'][^>]*/?>""", re.I
)


def _inline_script(text: str) -> str:
    # "</script" inside the code would end the element early
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", text, flags=re.I) + "</script>"


def _inline_style(text: str) -> str:
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", text, flags=re.I) + "</style>"


def inline_html(html: str) -> str:
    """Replace <script src=CDN> and <link href=CDN> with the files' text inline.

    Raises KeyError when a referenced file is not in folium-offline: an export that would
    silently need the network is worse than none.
    """
    html = _SCRIPT_SRC.sub(lambda m: _inline_script(asset_text(m.group("url"))), html)
    return _LINK_HREF.sub(lambda m: _inline_style(asset_text(m.group("url"))), html)


REMOTE_REFERENCE = re.compile(
    r"""(?:<(?:script|img|iframe|source|link)\b[^>]*\b(?:src|href)\s*=\s*["']?https?:)"""
    r"""|(?:url\(\s*["']?(?:https?:)?//)"""
    r"""|(?:@import\s+["']?(?:url\()?\s*["']?https?:)""",
    re.I,
)


def remote_references(html: str) -> list[str]:
    """Places where a page would load something from the network (for checks and tests)."""
    return [html[max(0, m.start() - 40) : m.end() + 60] for m in REMOTE_REFERENCE.finditer(html)]
