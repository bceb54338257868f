"""What a run sends the time map: one small argument, which names the files the page fetches
once (the payload, and the plugin's words in the reader's language) instead of carrying the
words, so that a day settling in the browser costs the server little."""

from __future__ import annotations

import json

import pytest

from apptest_support import app, write_app_geodata
from kengir_geo.app.timemap import component_folder
from kengir_geo.map.plugin_words import timemap_options


@pytest.fixture(scope="module")
def geodata(tmp_path_factory):
    return write_app_geodata(tmp_path_factory.mktemp("geodata"))


def map_arguments(at) -> dict:
    (instance,) = at.get("component_instance")
    return json.loads(instance.proto.json_args)


def test_the_map_argument_names_the_words_file_and_carries_no_words(monkeypatch, geodata):
    args = map_arguments(app(monkeypatch, geodata, lang="uk").run())
    assert set(args) == {"view", "default", "key"}  # one argument of our own
    view = args["view"]
    assert not {"strings", "locale", "dates"} & set(view)
    assert "Відтворити" not in json.dumps(view, ensure_ascii=False)
    words = json.loads((component_folder() / view["words"]).read_text())
    assert words == json.loads(json.dumps(timemap_options("uk")))
    assert words["strings"]["play"] == "Відтворити"


def test_the_words_file_is_named_by_its_content(monkeypatch, geodata):
    uk = map_arguments(app(monkeypatch, geodata, lang="uk").run())["view"]["words"]
    again = map_arguments(app(monkeypatch, geodata, lang="uk").run())["view"]["words"]
    lt = map_arguments(app(monkeypatch, geodata, lang="lt").run())["view"]["words"]
    assert uk == again
    assert uk != lt
