"""Leaflet and plugin files without a CDN: taken from the installed `folium-offline` package.

folium-offline's elements render each file they need inline instead of linking a CDN; we ask
them for a file through that public path (asset_text), never through the package's own tables.
The app serves the files from its own static folder (write_static_assets); the time map
serves them from its component folder and the export inlines them (leaflet_js, leaflet_css). Files are looked up by folium-offline's own names and URLs, so a newer folium
whose CDN links differ still finds Leaflet.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from kengir_geo.data.atomic import atomic_write

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
    from kengir_geo.map.popups import POPUP_CSS

    story_css = client_text("story.css") if story else ""
    return client_text("timemap.css") + client_text("legend.css") + POPUP_CSS + story_css


def _map_pairs() -> list[tuple[str, str]]:
    """(name, URL) of the files folium-offline's Map carries, Leaflet's among them."""
    import offlinefolium  # imported late: it is large

    return [*offlinefolium.Map.default_js, *offlinefolium.Map.default_css]


def offline_files() -> list[tuple[str, str]]:
    """(name, URL) of every file folium-offline's Map and Fullscreen carry: what a map of ours
    can need (render.base_map adds Fullscreen)."""
    import offlinefolium.plugins  # all its plugins' templates: not for Leaflet alone

    fullscreen = offlinefolium.plugins.Fullscreen
    return [*_map_pairs(), *fullscreen.default_js, *fullscreen.default_css]


def _offline_url(name: str) -> str:
    return dict(_map_pairs())[name]


def leaflet_js() -> str:
    return asset_text(_offline_url("leaflet"))


def leaflet_css() -> str:
    return asset_text(_offline_url("leaflet_css"))


@cache
def asset_text(url: str) -> str:
    """The text of the file at `url`, as the installed folium-offline carries it: an element
    of folium-offline's that links the URL, rendered, writes the file inline."""
    from branca.element import Figure
    from offlinefolium.elements import JSCSSMixin  # imported late: it is large

    css = PurePosixPath(urlsplit(url).path).suffix == ".css"
    probe = JSCSSMixin()
    probe.default_js = [] if css else [("asset", url)]
    probe.default_css = [("asset", url)] if css else []
    tag = "style" if css else "script"
    figure = Figure()
    figure.add_child(probe)
    try:
        figure.render()
    except KeyError:
        head = ""
    else:
        head = figure.header.render()
    opening, closing = f"<{tag}>", f"</{tag}>"
    text = head[head.find(opening) + len(opening) : head.rfind(closing)] if opening in head else ""
    if not text.strip():
        raise KeyError(
            f"{url} is not in the installed folium-offline package; "
            "use an element whose assets it carries, or upgrade folium-offline"
        )
    return text


def local_name(name: str, url: str) -> str:
    """The file name of an asset in our static folder: its name in folium's lists, with the
    URL's extension."""
    suffix = PurePosixPath(urlsplit(url).path).suffix
    if suffix not in (".js", ".css"):
        suffix = ".js"
    return name if name.endswith(suffix) else name + suffix


def write_static_assets(folder: Path) -> None:
    """Write every file folium-offline carries for a map of ours into `folder`, named by
    local_name(). Idempotent: a file already holding the right text is left alone."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, url in offline_files():
        # all or nothing: a half-written file is never served
        atomic_write(folder / local_name(name, url), asset_text(url), unchanged_ok=True)


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
