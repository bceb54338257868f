"""One case per problem kind: each names the file, the feature and the field."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import collection, event, feature, write_geodata
from kengir_geo.data.validate import (
    check_feature_collection,
    feature_label,
    validate_geodata,
)
from kengir_geo.ingest import check_file

SQUARE = [[67.61, 47.838], [67.62, 47.838], [67.62, 47.842], [67.61, 47.842], [67.61, 47.838]]


def problems_of(doc, layer_type="features", **kwargs):
    return [
        (p.feature, p.field, p.level)
        for p in check_feature_collection(doc, "f.geojson", layer_type, **kwargs)
    ]


def messages(doc, layer_type="features", **kwargs):
    return " | ".join(
        p.message for p in check_feature_collection(doc, "f.geojson", layer_type, **kwargs)
    )


def test_a_good_layer_has_no_problems():
    assert problems_of(collection(feature("a"), feature("b"))) == []


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ([], ("", "", "error")),
        ({"type": "Feature"}, ("", "type", "error")),
        ({"type": "FeatureCollection", "features": {}}, ("", "features", "error")),
    ],
)
def test_wrong_structure(doc, expected):
    assert problems_of(doc) == [expected]


def test_empty_layer_is_a_warning():
    assert problems_of(collection()) == [("", "features", "warning")]


def test_invalid_geometry_gives_shapely_reason():
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    doc = collection(feature("bow", geometry=bowtie))
    assert problems_of(doc) == [("bow", "geometry", "error")]
    assert "Self-intersection" in messages(doc)


def test_unclosed_ring():
    ring = SQUARE[:-1]
    doc = collection(feature("open", geometry={"type": "Polygon", "coordinates": [ring]}))
    assert problems_of(doc) == [("open", "geometry", "error")]
    assert "not closed" in messages(doc)


def test_coordinates_out_of_range_suggest_swapped_axes():
    doc = collection(feature("far", geometry={"type": "Point", "coordinates": [47.84, 267.6]}))
    assert problems_of(doc) == [("far", "geometry", "error")]
    assert "swapped" in messages(doc)


def test_unknown_geometry_type_and_null_geometry():
    doc = collection(feature("c", geometry={"type": "Circle", "coordinates": [0, 0]}))
    assert problems_of(doc) == [("c", "geometry", "error")]
    unlocated = feature("u")
    unlocated["geometry"] = None
    assert problems_of(collection(unlocated)) == [("u", "geometry", "warning")]


def test_missing_and_duplicate_ids():
    nameless = feature("x")
    del nameless["properties"]["id"]
    doc = collection(feature("a"), feature("a"), nameless)
    assert ("a", "id", "error") in problems_of(doc)
    assert ("#2", "id", "error") in problems_of(doc)
    assert "duplicate id 'a'" in messages(doc)


def test_unknown_certainty():
    doc = collection(feature("a", certainty="certain"))
    assert problems_of(doc) == [("a", "certainty", "error")]
    assert "documented" in messages(doc)


def test_unknown_location_needs_an_area_of_doubt():
    assert problems_of(collection(feature("p", certainty="unknown"))) == [
        ("p", "uncertainty_m", "error")
    ]
    assert problems_of(collection(feature("p", certainty="unknown", uncertainty_m=5000))) == []


def test_unknown_source_ids_when_the_bibliography_is_known():
    doc = collection(feature("a", sources=["w-en", "nobody"]))
    assert problems_of(doc, source_ids={"w-en"}) == [("a", "sources", "error")]
    assert "'nobody'" in messages(doc, source_ids={"w-en"})
    assert problems_of(collection(feature("a", sources=[]))) == [("a", "sources", "error")]


def test_unparsable_dates_and_end_before_start():
    doc = collection(
        feature("a", start="16 May 1954"), feature("b", start="1954-06-26", end="1954-05-16")
    )
    assert problems_of(doc) == [("a", "start", "error"), ("b", "end", "error")]
    assert "before start" in messages(doc)


def test_events_need_start_and_category():
    bare = event("e")
    del bare["properties"]["start"], bare["properties"]["category"]
    assert problems_of(collection(bare), "events") == [
        ("e", "category", "error"),
        ("e", "start", "error"),
    ]
    assert problems_of(collection(event("e", category="riot")), "events") == [
        ("e", "category", "error")
    ]


def test_non_wgs84_crs_is_an_error():
    doc = collection(feature("a"))
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32642"}}
    assert problems_of(doc) == [("", "crs", "error")]


def test_layer_files_that_cannot_be_read(tmp_path):
    cut = tmp_path / "cut.geojson"
    cut.write_text(json.dumps(collection(feature("a")))[:40])
    latin1 = tmp_path / "latin1.geojson"
    latin1.write_bytes('{"name": "Kengir é"}'.encode("latin-1"))
    deep = tmp_path / "deep.geojson"
    deep.write_text("[" * 200_000)  # json.loads would raise RecursionError
    for path, words in [
        (cut, "seems cut short"),
        (deep, "nested too deeply"),
        (latin1, "not UTF-8"),
        (tmp_path / "missing.geojson", "No such file"),
    ]:
        found = check_file(path)  # what `kengir-geo validate FILE` reports
        assert len(found) == 1 and words in found[0].message and found[0].file == str(path)


def test_whole_folder_checks_manifest_claims_and_chapters(tmp_path):
    root = write_geodata(tmp_path)
    assert validate_geodata(root) == []
    (root / "layers.toml").write_text(
        (root / "layers.toml").read_text()
        + '\n[[layer]]\nid = "ghost"\ntitle = "Ghost"\nfile = "layers/ghost.geojson"\n'
    )
    (root / "claims.toml").write_text(
        '[[claim]]\nid = "lonely"\nitem = "x"\n[[claim.value]]\nvalue = "1"\nsources = ["w-en"]\n'
    )
    story = (root / "story.toml").read_text().replace('"e-raid"', '"e-nope"')
    (root / "story.toml").write_text(story)
    found = {(p.file, p.feature, p.field) for p in validate_geodata(root)}
    assert ("layers.toml", "ghost", "file") in found
    assert ("claims.toml", "lonely", "value") in found
    assert ("story.toml", "raid", "highlight") in found
    # the events layer cites claim "troops", which no longer exists
    assert ("layers/events.geojson", "e-raid", "claims") in found


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=True) | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "features",
                    "geometry",
                    "properties",
                    "coordinates",
                    "id",
                    "name",
                    "start",
                    "end",
                    "certainty",
                    "sources",
                    "uncertainty_m",
                    "crs",
                    "x",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(json_values)
def test_validator_never_raises_and_always_locates(doc):
    for problem in check_feature_collection(doc, "fuzz.geojson", "events"):
        assert problem.file == "fuzz.geojson"
        assert problem.level in ("error", "warning")
        assert problem.message


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "type": st.just("Feature"),
                "geometry": json_values,
                "properties": st.dictionaries(
                    st.sampled_from(
                        [
                            "id",
                            "name",
                            "start",
                            "end",
                            "certainty",
                            "sources",
                            "uncertainty_m",
                            "category",
                        ]
                    ),
                    json_values,
                ),
            }
        ),
        max_size=5,
    )
)
def test_validator_survives_feature_shaped_garbage(features):
    located = {""} | {feature_label(f, i) for i, f in enumerate(features)}
    for problem in check_feature_collection(collection(*features), "fuzz.geojson", "events"):
        assert problem.file == "fuzz.geojson"
        assert problem.feature in located  # the whole file, or one of the features given
        assert problem.message and problem.level in ("error", "warning")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a mistyped field is one problem, said once
        ('read = "no"', [("s002", "read", "read must be true or false")]),
        ("via = 5", [("s002", "via", "via must be a list of texts")]),
        ('content_note = ["x"]', []),  # not a chapter field: sources.toml ignores it
        # `via` as one text or as a list means the same
        ('read = false\nvia = "w-en"', []),
        ('read = false\nvia = ["w-en"]', []),
        ('read = false\nvia = "nobody"', [("s002", "via", "unknown source id 'nobody'")]),
        (
            "read = false",
            [("s002", "via", "a work we have not read needs `via`: the read works that report it")],
        ),
    ],
)
def test_a_source_field_is_checked_once_and_via_reads_one_way(tmp_path, lines, expected):
    root = write_geodata(tmp_path / "geodata")
    sources = root / "sources.toml"
    sources.write_text(sources.read_text() + lines + "\n")
    found = [(p.feature, p.field, p.message) for p in validate_geodata(root) if p.feature == "s002"]
    assert found == expected


def test_a_chapter_note_of_the_wrong_type_is_one_problem(tmp_path):
    root = write_geodata(tmp_path / "geodata")
    story = root / "story.toml"
    story.write_text(story.read_text().replace("[[chapter]]", "[[chapter]]\ncontent_note = 5", 1))
    found = [(p.field, p.message) for p in validate_geodata(root) if p.file == "story.toml"]
    assert found == [("content_note", "content_note must be text")]
