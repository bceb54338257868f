"""What a teacher needs to trust the bundled story: reader text without codes, citations that
resolve, two certainties, disputes that are real, places no more precise than their sources."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pyproj import Geod
from shapely.geometry import Point

from factories import collection, feature, write_geodata
from kengir_geo.data.citations import citation_parts
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.reader_text import check_reader_text, reader_texts
from kengir_geo.data.validate import validate_geodata
from kengir_geo.map.rich_text import rich_html, rich_md, rich_plain

GEOD = Geod(ellps="WGS84")


def test_every_reader_string_of_the_bundled_data_is_checked_and_clean(atlas):
    raw = read_geodata(atlas.root)
    texts = list(reader_texts(raw))
    files = {file for file, *_ in texts}
    assert {"layers.toml", "sources.toml", "claims.toml", "story.toml", "figures.toml"} <= files
    assert len(texts) > 500
    # the validator's reader-text check (test_geodata runs the whole validator once)
    assert check_reader_text(raw, set(atlas.sources), atlas.settings.hidden_codes) == []


@pytest.mark.parametrize(
    "text",
    [
        "As S002 says, the walls fell.",
        "The W-en article disagrees.",
        "Figures from ATI.",
        "See the dispute (claim raid-time).",
        "The inmates_estimate is higher.",
        "According to the research notes, it rained.",
        "Recorded in e-raid.",
    ],
)
def test_internal_codes_in_reader_text_are_errors(tmp_path, text):
    root = write_geodata(tmp_path)
    layer = collection(feature("e-raid", description=text, start="1954-06-26", category="violence"))
    (root / "layers" / "events.geojson").write_text(json.dumps(layer))
    problems = [p for p in validate_geodata(root) if p.field == "description"]
    assert problems and all(p.is_error and "reader text" in p.message for p in problems)


def test_a_citation_of_an_unknown_work_is_an_error_and_a_known_one_renders(tmp_path, atlas):
    root = write_geodata(tmp_path)
    layer = collection(feature("p", description="Walls fell {cite:nobody}."))
    (root / "layers" / "places.geojson").write_text(json.dumps(layer))
    (problem,) = [p for p in validate_geodata(root) if p.field == "description"]
    assert "{cite:nobody}" in problem.message
    text = "The walls fell {cite:w-en} {cite:ati}. As {cite:ati} says, it was night."
    plain = rich_plain(text, atlas.sources)
    assert "{cite" not in plain and "w-en" not in plain
    assert plain.startswith("The walls fell (English Wikipedia")
    assert "Dunn (2021)). As Dunn (2021) says" in plain
    html = rich_html(text + " <b>x</b>", atlas.sources)
    assert 'href="https://allthatsinteresting.com/kengir-uprising"' in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "[Dunn \\(2021\\)](<https://" in rich_md(text, atlas.sources)


def test_citation_groups_are_bracketed_only_where_they_close_a_clause():
    parts = citation_parts("Night {cite:a} {cite:b}, then {cite:c} wrote it.")
    groups = [p for p in parts if not isinstance(p, str)]
    assert [(g.source_ids, g.bracketed) for g in groups] == [(("a", "b"), True), (("c",), False)]


def test_unread_works_are_cited_only_with_a_work_that_reports_them(tmp_path):
    root = write_geodata(tmp_path)
    with (root / "sources.toml").open("a") as handle:
        handle.write(
            '\n[[source]]\nid = "unread"\ntitle = "A book"\nread = false\nvia = ["w-en"]\n'
        )
        handle.write('\n[[source]]\nid = "orphan"\ntitle = "Another"\nread = false\n')
    layer = collection(feature("p1", sources=["unread"]), feature("p2", sources=["unread", "w-en"]))
    (root / "layers" / "places.geojson").write_text(json.dumps(layer))
    found = {(p.feature, p.field) for p in validate_geodata(root) if p.is_error}
    assert ("p1", "sources") in found and ("p2", "sources") not in found
    assert ("orphan", "via") in found


def test_a_dispute_needs_values_that_differ(tmp_path):
    root = write_geodata(tmp_path)
    (root / "claims.toml").write_text(
        '[[claim]]\nid = "troops"\nitem = "Troops"\n'
        '[[claim.value]]\nvalue = "1,700"\nsources = ["w-en"]\n'
        '[[claim.value]]\nvalue = "1,700 "\nsources = ["s002"]\n'
    )
    (problem,) = [p for p in validate_geodata(root) if p.file == "claims.toml"]
    assert "agree" in problem.message


def test_where_and_when_are_two_certainties(tmp_path, atlas):
    root = write_geodata(tmp_path)
    layer = collection(feature("p", location_certainty="somewhere"))
    (root / "layers" / "places.geojson").write_text(json.dumps(layer))
    assert any(p.field == "location_certainty" for p in validate_geodata(root))
    events = atlas.layers["events"].frame
    plan_events = events[events["location_certainty"] == "schematic"]
    assert len(plan_events) > 0
    assert set(plan_events["certainty"]) <= {"documented", "approximate", "disputed"}


def test_every_compound_state_change_is_explained_by_an_event_that_day(atlas):
    compound = atlas.layers["compound"].frame
    events = atlas.layers["events"].frame
    event_days = set()
    for first, last in zip(events["first_day"], events["last_day"], strict=True):
        event_days.update(range(int(first), int(min(last, first + 60)) + 1))
    starts = set(events["first_day"]) | set(events["sure_from"])
    changing = compound[compound["state"].notna()]
    for kind_name, group in changing.groupby(["kind", "label"]):
        for first in sorted(set(group["first_day"]))[1:]:  # its first state is no change
            day = date.fromordinal(int(first))
            assert int(first) in starts, f"{kind_name} changes on {day} with no event that day"


def _farthest_m(point: Point, area) -> float:
    lon, lat = point.x, point.y
    distances = [GEOD.inv(lon, lat, x, y)[2] for x, y in area.exterior.coords]
    return max(distances)


def test_nothing_at_the_camp_claims_a_tighter_radius_than_its_site_allows(atlas):
    places = atlas.layers["places"].frame
    areas = places[places["kind"] == "area of doubt"]
    assert len(areas) >= 1
    for _, area in areas.iterrows():
        claims = set(area["claims"])
        for layer in atlas.layers.values():
            frame = layer.frame
            for _, row in frame.iterrows():
                if row["id"] == area["id"] or not claims & set(row["claims"]):
                    continue
                if row["location_certainty"] == "schematic" or row.geometry.geom_type != "Point":
                    continue  # the plan, or drawn as an area
                radius = row["uncertainty_m"]
                assert radius >= _farthest_m(row.geometry, area.geometry), row["id"]


def test_chapters_about_violence_warn_before_they_are_shown(atlas):
    events = atlas.layers["events"].frame.set_index("id")
    for chapter in atlas.chapters:
        lit = [i for i in chapter.highlight if i in events.index]
        if any(events.loc[i, "category"] == "violence" for i in lit):
            assert chapter.content_note, chapter.id
