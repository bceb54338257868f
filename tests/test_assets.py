import folium
import pytest

from factories import write_geodata
from kengir_geo import load_atlas
from kengir_geo.map.assets import (
    asset_text,
    inline_html,
    links_of,
    local_name,
    localize_links,
    remote_references,
    write_static_assets,
)
from kengir_geo.map.render import LEAFLET_JS, base_map

LEAFLET = LEAFLET_JS[0][1]


@pytest.fixture
def fmap(tmp_path):
    return base_map(load_atlas(write_geodata(tmp_path)))


def test_asset_text_comes_from_folium_offline():
    assert "Leaflet" in asset_text(LEAFLET)[:500]
    with pytest.raises(KeyError, match="not in the installed folium-offline"):
        asset_text("https://cdn.example.org/nothing.js")


def test_write_static_assets_is_idempotent(tmp_path, fmap):
    folder = tmp_path / "vendor"
    write_static_assets(folder)
    files = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    for url in links_of(fmap):
        assert local_name(url) in files
    assert not any(name.endswith(".part") for name in files)
    write_static_assets(folder)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == files


def test_localize_links_rewrites_instances_not_classes(fmap):
    before = list(folium.Map.default_js)
    localize_links(fmap, "/app/static/vendor/")
    assert links_of(fmap) and all(u.startswith("/app/static/vendor/") for u in links_of(fmap))
    assert folium.Map.default_js == before
    localize_links(fmap)  # a second pass leaves local links alone
    assert all(u.count("/app/static/vendor/") == 1 for u in links_of(fmap))
    html = fmap.get_root().render()
    assert "cdn.jsdelivr" not in html


def test_inline_html_leaves_no_remote_reference(fmap):
    html = fmap.get_root().render()
    assert remote_references(html)  # the CDN links folium writes
    inlined = inline_html(html)
    assert remote_references(inlined) == []
    assert asset_text(LEAFLET)[:200] in inlined
    with pytest.raises(KeyError):
        inline_html('<script src="https://cdn.example.org/x.js"></script>')
