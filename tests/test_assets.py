import re

import folium
import pytest

from factories import write_geodata
from kengir_geo import load_atlas
from kengir_geo.map.assets import (
    asset_text,
    inline_html,
    leaflet_css,
    leaflet_js,
    localize_links,
    remote_references,
    write_static_assets,
)
from kengir_geo.map.render import LEAFLET_JS, base_map

LEAFLET = LEAFLET_JS[0][1]
LOCAL = re.compile(r"""(?:src|href)="/app/static/vendor/([^"]+)\"""")


@pytest.fixture
def fmap(tmp_path):
    return base_map(load_atlas(write_geodata(tmp_path)))


def test_asset_text_comes_from_folium_offline():
    assert "Leaflet" in leaflet_js()[:500]
    assert ".leaflet-container" in leaflet_css()
    assert "</script>" not in leaflet_js() and "<style>" not in leaflet_css()
    with pytest.raises(KeyError, match="not in the installed folium-offline"):
        asset_text("https://cdn.example.org/nothing.js")


def test_a_localized_map_finds_every_file_in_the_static_folder(tmp_path, fmap):
    folder = tmp_path / "vendor"
    write_static_assets(folder)
    files = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert not any(name.endswith(".part") for name in files)
    localize_links(fmap, "/app/static/vendor/")
    html = fmap.get_root().render()
    linked = LOCAL.findall(html)
    assert "leaflet.js" in linked and "Control.Fullscreen.js" in linked
    assert set(linked) <= set(files)
    assert remote_references(html) == []
    write_static_assets(folder)  # idempotent: files already right are left alone
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == files


def test_localize_links_rewrites_instances_not_classes(fmap):
    before = list(folium.Map.default_js)
    localize_links(fmap, "/app/static/vendor/")
    localize_links(fmap)  # a second pass leaves local links alone
    html = fmap.get_root().render()
    assert folium.Map.default_js == before
    assert "cdn.jsdelivr" not in html and "vendor/app/static" not in html
    assert all(link.count("/") == 0 for link in LOCAL.findall(html))


def test_inline_html_leaves_no_remote_reference(fmap):
    html = fmap.get_root().render()
    assert remote_references(html)  # the CDN links folium writes
    inlined = inline_html(html)
    assert remote_references(inlined) == []
    assert asset_text(LEAFLET)[:200] in inlined
    with pytest.raises(KeyError):
        inline_html('<script src="https://cdn.example.org/x.js"></script>')
