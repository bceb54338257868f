import re

import pytest

from factories import write_geodata
from kengir_geo import load_atlas
from kengir_geo.map.assets import (
    asset_text,
    inline_html,
    leaflet_css,
    leaflet_js,
    local_name,
    offline_files,
    remote_references,
    write_static_assets,
)
from kengir_geo.map.render import LEAFLET_JS, base_map

LEAFLET = LEAFLET_JS[0][1]
LINKED = re.compile(r"""(?:src|href)="(https?://[^"]+)\"""")


@pytest.fixture
def fmap(tmp_path):
    return base_map(load_atlas(write_geodata(tmp_path)))


def test_asset_text_comes_from_folium_offline():
    assert "Leaflet" in leaflet_js()[:500]
    assert ".leaflet-container" in leaflet_css()
    assert "</script>" not in leaflet_js() and "<style>" not in leaflet_css()
    with pytest.raises(KeyError, match="not in the installed folium-offline"):
        asset_text("https://cdn.example.org/nothing.js")


def test_the_static_folder_holds_every_file_a_map_of_ours_links(tmp_path, fmap):
    folder = tmp_path / "vendor"
    write_static_assets(folder)
    files = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert not any(name.endswith(".part") for name in files)
    linked = set(LINKED.findall(fmap.get_root().render()))
    carried = dict(offline_files())
    assert LEAFLET in linked and linked <= set(carried.values())
    names = {local_name(name, url) for name, url in carried.items() if url in linked}
    assert "leaflet.js" in names and "Control.Fullscreen.js" in names
    assert names <= set(files)
    write_static_assets(folder)  # idempotent: files already right are left alone
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == files


def test_inline_html_leaves_no_remote_reference(fmap):
    html = fmap.get_root().render()
    assert remote_references(html)  # the CDN links folium writes
    inlined = inline_html(html)
    assert remote_references(inlined) == []
    assert asset_text(LEAFLET)[:200] in inlined
    with pytest.raises(KeyError):
        inline_html('<script src="https://cdn.example.org/x.js"></script>')
