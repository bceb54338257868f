"""The app with a layer of camps from 1923 to 1960 (test_other_years.py's spreadsheet, added
with `kengir-geo add`): the map's axis zooms out to decades and steps to 1923, where a camp
that closed long before 1954 appears; back in 1954 it is gone again."""

from __future__ import annotations

import pytest
from test_other_years import geodata_with_camps
from test_ui_browser import CAPTURE, map_frame

from harness.server import StreamlitServer

pytestmark = pytest.mark.browser

FIRST_CAMP = "Camp 1"  # open from 1923 to 1924 (write_camps)
SHOWN = """(name) => {
  const tm = window.__tm;
  return !!tm && tm.shownFeatures().some(f => {
    const g = tm.groups.find(x => x.layer.id === f.layer);
    return g.layer.names[g.layer.ids.indexOf(f.id)] === name;
  });
}"""


@pytest.fixture(scope="module")
def camps_server(tmp_path_factory):
    root = geodata_with_camps(tmp_path_factory.mktemp("years-app"))
    server = StreamlitServer(env={"KENGIR_GEODATA": str(root)})
    try:
        server.wait_healthy()
        yield server
    finally:
        server.stop()


def wait_shown(frame, name: str, shown: bool) -> None:
    frame.wait_for_function(f"(name) => ({SHOWN})(name) === {str(shown).lower()}", arg=name)


def test_the_app_steps_a_layer_of_1923_to_1960_by_decades(camps_server, page):
    page.add_init_script(CAPTURE)
    page.goto(f"{camps_server.url}/explore?date=1954-05-16&layers=camps")
    frame = map_frame(page)
    wait_shown(frame, FIRST_CAMP, False)  # closed thirty years before
    frame.locator("select.kg-unit").select_option("decade")
    slider = frame.locator("input.kg-slider")
    assert slider.get_attribute("max") == "3"  # 1923, 1933, 1943, 1953: the layer's decades
    slider.focus()
    slider.press("Home")
    frame.locator(".kg-clock", has_text="1923").wait_for()
    wait_shown(frame, FIRST_CAMP, True)
    slider.press("End")
    frame.locator(".kg-clock", has_text="1953").wait_for()
    wait_shown(frame, FIRST_CAMP, False)
