"""Send a day's layers to st_folium without rendering folium elements on every step.

Rendering folium elements is most of a slider step's server time: each rendered script is
compiled again by Jinja, in proportion to the GeoJSON it holds. A day's layers give the same
Leaflet code on every visit, so the map widget makes that code once per day (`group_code`) and
afterwards hands st_folium a `ReplayedGroup` that carries the finished code.

The code is made the way st_folium makes it for `feature_group_to_add` (its public
`generate_leaflet_string`, the map's variable renamed to `map_div`), so a replayed group and a
freshly rendered one send the browser the same text; tests/test_replay.py checks that.
"""

from __future__ import annotations

from textwrap import dedent

import folium
from branca.element import MacroElement
from folium.template import Template
from streamlit_folium import generate_leaflet_string, get_full_id


def group_code(group: folium.FeatureGroup, index: int) -> str:
    """The Leaflet code st_folium would send for `group` as its `index`-th feature group."""
    holder = folium.Map(tiles=None)  # only its variable name is used, and renamed away
    base_id = f"feature_group_{index}"
    group._id = base_id
    group.add_to(holder)
    group.render()
    code = generate_leaflet_string(group, base_id=base_id)
    return dedent(code.replace(get_full_id(holder), "map_div"))


class ReplayedGroup(MacroElement):
    """A feature group whose Leaflet code was made earlier; st_folium sends it unchanged."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str):
        super().__init__()
        self._name = "FeatureGroup"
        self.code = code

    def render(self, **kwargs) -> None:
        """Nothing to add to the page: st_folium reads the script macro directly."""
