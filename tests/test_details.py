import json

import pytest

from factories import feature, write_geodata
from kengir_geo import load_atlas
from kengir_geo.story.details import describe_when, feature_details


@pytest.fixture
def atlas(tmp_path):
    root = write_geodata(tmp_path)
    places = json.loads((root / "layers" / "places.geojson").read_text())
    places["features"].append(
        feature(
            "div3",
            name="3rd division",
            names=["3rd division", "3-е лаготделение"],
            description="Men's zone.",
            sources=["w-en", "s002"],
            claims=["troops"],
            inmates=5200,
            start="1949",
        )
    )
    (root / "layers" / "places.geojson").write_text(json.dumps(places))
    return load_atlas(root)


def test_details_gather_names_dates_sources_claims_and_extras(atlas):
    d = feature_details(atlas, "places", "div3")
    assert d.name == "3rd division"
    assert d.names == ("3-е лаготделение",)  # the display name is not repeated
    assert d.when == "from 1949 (year)"
    assert d.certainty == "documented" and d.certainty_explained.startswith("The works we read")
    assert d.location_certainty == "documented" and d.location_explained.startswith("Drawn where")
    assert [s.id for s in d.sources] == ["w-en", "s002"]
    assert d.unknown_sources == ()
    assert [c.id for c in d.claims] == ["troops"]
    assert d.extra == {"Inmates": 5200}  # a user layer: its own column, named in words
    assert d.layer_title == "Places"


def test_event_dates_are_worded_with_their_precision(atlas):
    assert feature_details(atlas, "events", "e-raid").when == "26 June 1954, 03:30 (time of day)"
    assert feature_details(atlas, "events", "e-may").when == "May 1954 (month)"
    assert (
        feature_details(atlas, "events", "e-span").when
        == "from 24 May 1954 (day) to 26 June 1954 (day)"
    )


def test_describe_when_for_features():
    assert describe_when(None, None, "features") == ""
    assert (
        describe_when(None, "1954-06~", "features") == "until about June 1954 (month, approximate)"
    )
    assert describe_when("1954-05-16", None, "events") == "16 May 1954 (day)"


def test_unknown_feature_or_layer_says_which(atlas):
    with pytest.raises(KeyError, match="no feature 'nope'"):
        feature_details(atlas, "places", "nope")
    with pytest.raises(KeyError, match="no layer 'roads'"):
        feature_details(atlas, "roads", "x")


def test_the_popup_lays_out_the_details_in_the_one_order(atlas):
    """The popup and the panel beside the app's map both follow details_layout."""
    import re

    from kengir_geo.map.popups import popup_body
    from kengir_geo.story.details import details_layout

    d = feature_details(atlas, "places", "div3")
    kinds = [part.kind for part in details_layout(d)]
    assert kinds == ["names", "what", "fact", "text", "fact", "fact", "fact", "claim", "sources"]
    labels = [part.label for part in details_layout(d) if part.kind == "fact"]
    assert labels == ["When", "What and when", "Where", "Inmates"]
    html = popup_body(d, atlas.sources)
    assert re.findall(r"<b>([^<]+):</b>", html) == labels
    assert html.index("kg-names") < html.index("kg-what") < html.index("kg-claim")
    assert html.index("kg-claim") < html.index("kg-sources")
