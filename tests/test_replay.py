"""A replayed day sends st_folium exactly the code a freshly rendered one does, popups or not."""

from datetime import date

import folium
import pytest
from streamlit_folium import _get_feature_group_string

from kengir_geo import load_atlas
from kengir_geo.app.mapview import _plain_ids
from kengir_geo.app.replay import ReplayedGroup, group_code
from kengir_geo.map.render import feature_groups
from kengir_geo.story.timeline import state_at


@pytest.fixture(scope="module")
def bundled():
    return load_atlas()


def _groups(atlas, day, popups=True):
    layers = [lid for lid, layer in atlas.layers.items() if layer.group != "basemap"]
    return _plain_ids(feature_groups(atlas, state_at(atlas, day, layers), popups=popups))


@pytest.mark.parametrize("day", [date(1954, 5, 16), date(1954, 6, 26), date(1956, 1, 1)])
def test_replayed_group_sends_the_same_code_as_a_rendered_one(bundled, day):
    rendered = _groups(bundled, day)
    replayed = [ReplayedGroup(group_code(g, i)) for i, g in enumerate(_groups(bundled, day))]
    assert len(rendered) == len(replayed) >= 3
    for index, (fresh, again) in enumerate(zip(rendered, replayed, strict=True)):
        sent_fresh = _get_feature_group_string(fresh, folium.Map(tiles=None), index)
        sent_again = _get_feature_group_string(again, folium.Map(tiles=None), index)
        assert sent_again == sent_fresh
        assert f"feature_group_feature_group_{index}" in sent_again
        assert "L.geoJson" in sent_fresh or "L.featureGroup" in sent_fresh


def test_without_popups_features_keep_tooltips_and_lose_popups(bundled):
    day = date(1954, 6, 26)
    with_popups = "".join(group_code(g, i) for i, g in enumerate(_groups(bundled, day)))
    without = "".join(group_code(g, i) for i, g in enumerate(_groups(bundled, day, popups=False)))
    assert '"popup"' in with_popups and '"popup"' not in without
    assert without.count('"tooltip"') == with_popups.count('"tooltip"') > 50
    assert len(without) < len(with_popups) / 2
