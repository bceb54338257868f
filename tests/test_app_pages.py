"""Every page of the app in AppTest: widgets change what the page shows, links open states."""

from __future__ import annotations

from datetime import date

import pytest

from apptest_support import app, details_headings, heading_text, open_page, write_app_geodata


@pytest.fixture(scope="module")
def geodata(tmp_path_factory):
    return write_app_geodata(tmp_path_factory.mktemp("geodata"))


def plain(text: str) -> str:
    """Markdown text as read: our escaping of data text removed."""
    return text.replace("\\", "")


def texts(at) -> list[str]:
    return [plain(m.value) for m in at.markdown] + [plain(c.value) for c in at.caption]


def title(at) -> str:
    return plain(at.header[0].value)


def clock(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("### "))


def no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


# Explore -------------------------------------------------------------------------------------


def state(at):
    """The page's one state value (what the map is asked to show)."""
    return at.session_state["explore"]


def test_explore_opens_on_day_one_of_the_focus(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    no_errors(at)
    assert state(at).day == date(1954, 5, 16) and state(at).period == "focus"
    assert state(at).frame == () and state(at).zoom == 12  # the atlas's start view


def test_explore_deep_link_opens_at_the_date(monkeypatch, geodata):
    at = app(monkeypatch, geodata, date="1954-06-26").run()
    no_errors(at)
    assert state(at).day == date(1954, 6, 26) and state(at).command == 1
    assert at.query_params["date"] in ("1954-06-26", ["1954-06-26"])


def test_a_date_outside_the_uprising_picks_its_year(monkeypatch, geodata):
    at = app(monkeypatch, geodata, date="1953-03-05").run()
    assert at.selectbox(key="x_period").value == "1953"
    assert state(at).day == date(1953, 3, 5)


def test_a_bad_link_warns_and_still_opens(monkeypatch, geodata):
    at = app(monkeypatch, geodata, date="soon", layers="events,nowhere").run()
    no_errors(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "soon" in warnings and "nowhere" in warnings
    assert at.multiselect(key="x_layers").value == ["events"]


def test_the_period_picker_reaches_other_years(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    before = state(at).command
    at.selectbox(key="x_period").set_value("1953").run()
    assert state(at).day == date(1953, 1, 1) and state(at).command == before + 1


def test_search_in_cyrillic_centres_and_shows_details(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    at.text_input(key="x_query").input("кенгир").run()
    no_errors(at)
    assert [heading_text(h) for h in details_headings(at)] == ["Kengir"]
    assert state(at).center == pytest.approx((47.84, 67.615))
    assert at.query_params["place"] in ("kengir", ["kengir"])


def test_search_for_nothing_says_so(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    at.text_input(key="x_query").input("Atlantis").run()
    assert any("Atlantis" in t for t in texts(at))


def test_place_link_opens_the_details(monkeypatch, geodata):
    at = app(monkeypatch, geodata, place="Кеңгір").run()
    assert [heading_text(h) for h in details_headings(at)] == ["Kengir"]


def test_chapter_link_sets_date_layers_and_view(monkeypatch, geodata):
    at = app(monkeypatch, geodata, chapter="raid").run()
    assert state(at).day == date(1954, 6, 26)
    assert at.multiselect(key="x_layers").value == ["places", "events"]
    assert state(at).zoom == 15 and state(at).highlight == ("e-raid",)


def test_a_partial_date_chapter_link_opens(monkeypatch, geodata):
    at = app(monkeypatch, geodata, chapter="after").run()
    no_errors(at)
    assert state(at).day == date(1954, 7, 1)
    assert state(at).day_label == "July 1954"  # the clock says the month, not 1 July


def test_layer_toggles_follow_into_the_url(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    assert "divisions" not in at.multiselect(key="x_layers").value
    at.multiselect(key="x_layers").select("divisions").run()
    assert "divisions" in str(at.query_params["layers"])
    assert "divisions" in state(at).layers


def test_the_day_count_explains_its_disputed_start_and_length(monkeypatch, tmp_path):
    root = write_app_geodata(tmp_path / "geodata")
    settings = (root / "atlas.toml").read_text()
    (root / "atlas.toml").write_text(settings.replace("[focus]", '[focus]\nclaims = ["troops"]'))
    at = app(monkeypatch, root).run()
    no_errors(at)
    assert any("counts the days of the uprising from 16 May 1954" in t for t in texts(at))


def test_broken_geodata_shows_a_table_not_a_traceback(monkeypatch, tmp_path):
    root = write_app_geodata(tmp_path / "broken")
    (root / "layers" / "events.geojson").write_text('{"type": "FeatureCollection", "features": [')
    at = app(monkeypatch, root).run()
    assert not at.exception
    assert "error" in at.error[0].value
    table = at.dataframe[0].value
    assert "layers/events.geojson" in set(table["file"])
    assert "not valid JSON" in " ".join(table["problem"])


# Story ---------------------------------------------------------------------------------------


def test_story_next_and_previous_change_the_chapter(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata), "story")
    no_errors(at)
    assert title(at) == "16 May: the walls fall"
    assert at.button(key="story_prev").disabled
    at.button(key="story_next").click().run()
    assert title(at) == "26 June: the tanks"
    assert at.query_params["chapter"] in ("raid", ["raid"])
    at.button(key="story_next").click().run()
    assert title(at) == "Summer 1954: after the assault"  # a chapter dated by month
    assert at.button(key="story_next").disabled
    at.button(key="story_prev").click().run()
    at.button(key="story_prev").click().run()
    assert title(at) == "16 May: the walls fall"


def test_story_link_opens_the_chapter(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata, chapter="raid"), "story")
    assert title(at) == "26 June: the tanks"
    assert any("Day 42 since 16 May" in t for t in texts(at))


def test_presenter_notes_never_reach_the_projected_page(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata), "story")
    assert not any("why the service yard" in t for t in texts(at))
    at.toggle(key="present").set_value(True).run()
    no_errors(at)
    assert any("display: none" in h.value for h in at.get("html"))
    assert not any("why the service yard" in t for t in texts(at))
    room = at.session_state["story_room"]
    presenter = open_page(app(monkeypatch, geodata, room=room), "presenter")
    no_errors(presenter)
    assert any("why the service yard" in t for t in texts(presenter))  # the teacher's screen


def test_a_content_note_comes_before_its_chapter(monkeypatch, tmp_path):
    root = write_app_geodata(tmp_path / "geodata")
    story = (root / "story.toml").read_text()
    note = 'content_note = "This chapter describes shooting."\n'
    (root / "story.toml").write_text(story.replace('id = "raid"\n', 'id = "raid"\n' + note))
    at = open_page(app(monkeypatch, root, chapter="raid"), "story")
    assert any("describes shooting" in t for t in texts(at))
    assert not any("Tanks enter the camp" in t for t in texts(at))
    at.button(key="story_next").click().run()
    assert any("Tanks enter the camp" in t for t in texts(at))


# Timeline ------------------------------------------------------------------------------------


def shown_count(at) -> int:
    line = next(m.value for m in at.markdown if m.value.startswith("Showing"))
    return int(line.split("**")[1])


def test_timeline_lists_every_event_and_filters_shrink_it(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata), "timeline")
    no_errors(at)
    assert shown_count(at) == 5
    at.multiselect(key="t_cat").unselect("violence").run()
    assert shown_count(at) == 3
    at.multiselect(key="t_cert").set_value(["approximate"]).run()
    assert shown_count(at) == 1
    assert any("Criminals arrive" in t for t in texts(at))


def test_timeline_says_what_changed_and_links_to_the_map(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata), "timeline")
    assert any("Wall: breached" in t.replace("\\", "") for t in texts(at))
    order = [m.value for m in at.markdown if m.value.startswith("##### ")]
    assert order[0] == "##### Stalin dies" and order[-1] == "##### The assault"
    links = at.get("page_link")
    assert len(links) == 5
    assert "date=1953-03-05" in str(links[0].proto)


# Steplag and Sources -------------------------------------------------------------------------


def test_steplag_charts_cite_and_flag(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata), "figures")
    no_errors(at)
    assert len(at.get("vega_lite_chart")) == 2  # the divisions and the one figure
    words = " ".join(texts(at)).replace("\\", "")
    assert "1954: 21,090** is disputed" in words
    assert "21,000 according to A popular history article" in words
    assert "1955: 10,481** is derived" in words
    assert "Sources: [Kengir uprising](<https://en.wikipedia.org/wiki/Kengir_uprising>)" in words


def test_sources_lists_the_bibliography_and_every_claim_value(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata), "sources")
    no_errors(at)
    bibliography = at.dataframe[0].value
    assert list(bibliography["cited as"]) == ["Kengir uprising", "A popular history article"]
    assert bibliography["link"].iloc[0].startswith("https://")
    claim = at.table[0].value
    assert list(claim.loc["value"]) == ["1,700", "1,600"]
    assert any("The assault" in t for t in texts(at))
