"""The app's map pieces (base map + layer groups) in a real Chromium, offline."""

from datetime import date

import pytest
from hostile import PAYLOAD, SCRIPT
from test_export_browser import Offline
from test_render import add_big_layer

from factories import write_geodata
from kengir_geo import load_atlas
from kengir_geo.map.assets import inline_html
from kengir_geo.map.render import LARGE_LAYER, base_map, feature_groups
from kengir_geo.story.timeline import state_at

pytestmark = pytest.mark.browser


def test_large_layer_draws_on_canvas_with_popups(page, tmp_path):
    atlas = load_atlas(write_geodata(tmp_path / "geodata"))
    add_big_layer(atlas, 3 * LARGE_LAYER, name=SCRIPT)
    fmap = base_map(atlas, zoom=4, center=(47.5, 67.5))
    for group in feature_groups(atlas, state_at(atlas, date(1954, 6, 26))):
        group.add_to(fmap)
    out = tmp_path / "big.html"
    out.write_text(inline_html(fmap.get_root().render()))
    offline = Offline(page)
    page.goto(out.as_uri())
    page.wait_for_selector("canvas.leaflet-zoom-animated")
    assert page.locator(".leaflet-marker-icon").count() == 0  # no pins
    assert page.locator("path.leaflet-interactive").count() == 5  # the small layers stay SVG
    text = page.evaluate(
        """() => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            let first = null;
            map.eachLayer(l => { if (!first && l.feature && l.feature.properties.id === "p0") first = l; });
            first.fire("click", {latlng: first.getLatLng()}, true);
            return document.querySelector(".leaflet-popup-content").innerText;
        }"""
    )
    assert SCRIPT in text and PAYLOAD in text and "only roughly" in text
    assert offline.dialogs == [] and offline.errors == [] and offline.tried == []
