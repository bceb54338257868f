"""Every page of the app in AppTest: widgets change what the page shows, links open states."""

from __future__ import annotations

from datetime import date

import pytest

from apptest_support import app, open_page, write_app_geodata


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


def test_explore_opens_on_day_one_and_the_slider_moves_the_clock(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    no_errors(at)
    assert clock(at) == "### Day 1 since 16 May · 16 May 1954"
    at.slider(key="x_day").set_value(date(1954, 5, 24)).run()
    assert clock(at) == "### Day 9 since 16 May · 24 May 1954"
    assert at.query_params["date"] == ["1954-05-24"] or at.query_params["date"] == "1954-05-24"


def test_explore_deep_link_opens_at_the_date(monkeypatch, geodata):
    at = app(monkeypatch, geodata, date="1954-06-26").run()
    no_errors(at)
    assert clock(at) == "### Day 42 since 16 May · 26 June 1954"
    assert at.slider(key="x_day").value == date(1954, 6, 26)


def test_a_date_outside_the_uprising_picks_its_year(monkeypatch, geodata):
    at = app(monkeypatch, geodata, date="1953-03-05").run()
    assert at.selectbox(key="x_period").value == "1953"
    assert clock(at).startswith("### 5 March 1953")


def test_a_bad_link_warns_and_still_opens(monkeypatch, geodata):
    at = app(monkeypatch, geodata, date="soon", layers="events,nowhere").run()
    no_errors(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "soon" in warnings and "nowhere" in warnings
    assert at.multiselect(key="x_layers").value == ["events"]


def test_the_period_picker_reaches_other_years(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    at.selectbox(key="x_period").set_value("1953").run()
    assert at.slider(key="x_day").value == date(1953, 1, 1)
    at.slider(key="x_day").set_value(date(1953, 12, 31)).run()
    assert clock(at) == "### 31 December 1953 (before the uprising)"


def test_search_in_cyrillic_centres_and_shows_details(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    at.text_input(key="x_query").input("кенгир").run()
    no_errors(at)
    assert [s.value for s in at.subheader] == ["Kengir"]
    assert at.session_state["x_camera"].center == pytest.approx((47.84, 67.615))
    assert at.query_params["place"] in ("kengir", ["kengir"])


def test_search_for_nothing_says_so(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    at.text_input(key="x_query").input("Atlantis").run()
    assert any("Atlantis" in t for t in texts(at))


def test_place_link_opens_the_details(monkeypatch, geodata):
    at = app(monkeypatch, geodata, place="Кеңгір").run()
    assert [s.value for s in at.subheader] == ["Kengir"]


def test_chapter_link_sets_date_layers_and_camera(monkeypatch, geodata):
    at = app(monkeypatch, geodata, chapter="raid").run()
    assert clock(at) == "### Day 42 since 16 May · 26 June 1954"
    assert at.multiselect(key="x_layers").value == ["places", "events"]
    assert at.session_state["x_camera"].zoom == 15


def test_layer_toggles_follow_into_the_url(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    assert "divisions" not in at.multiselect(key="x_layers").value
    at.multiselect(key="x_layers").select("divisions").run()
    assert "divisions" in str(at.query_params["layers"])


def test_play_steps_the_date_and_pause_stops(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    at.button(key="x_play").click().run()
    assert at.session_state["x_playing"] is True
    assert at.button(key="x_play").label == "⏸ Pause"
    first = at.slider(key="x_day").value
    at.run()
    assert at.slider(key="x_day").value > first
    at.button(key="x_play").click().run()
    stopped = at.slider(key="x_day").value
    at.run()
    assert at.slider(key="x_day").value == stopped


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
    assert at.button(key="story_next").disabled
    at.button(key="story_prev").click().run()
    assert title(at) == "16 May: the walls fall"


def test_story_link_opens_the_chapter(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata, chapter="raid"), "story")
    assert title(at) == "26 June: the tanks"
    assert any("Day 42 since 16 May" in t for t in texts(at))


def test_presenter_notes_and_presentation_mode(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata), "story")
    assert not any("why the service yard" in t for t in texts(at))
    at.toggle(key="s_notes").set_value(True).run()
    assert any("why the service yard" in t for t in texts(at))
    at.toggle(key="present").set_value(True).run()
    no_errors(at)
    assert any("display: none" in h.value for h in at.get("html"))


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
    at = open_page(app(monkeypatch, geodata), "steplag")
    no_errors(at)
    assert len(at.get("vega_lite_chart")) == 2  # the divisions and the one figure
    words = " ".join(texts(at)).replace("\\", "")
    assert "1954: 21,090** is disputed" in words
    assert "21,000 according to A popular history article" in words
    assert "1955: 10,481** is derived" in words
    assert "Source:" in words and "Kengir uprising" in words


def test_sources_lists_the_bibliography_and_every_claim_value(monkeypatch, geodata):
    at = open_page(app(monkeypatch, geodata), "sources")
    no_errors(at)
    bibliography = at.dataframe[0].value
    assert list(bibliography["cited as"]) == ["Kengir uprising", "A popular history article"]
    assert bibliography["link"].iloc[0].startswith("https://")
    claim = at.table[0].value
    assert list(claim.loc["value"]) == ["1,700", "1,600"]
    assert any("The assault" in t for t in texts(at))
