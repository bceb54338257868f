"""The upload page's pieces without a browser: the preview's escaping and the page's first run."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from apptest_support import APP, open_page
from factories import collection, feature
from kengir_geo.app.common import problems_table
from kengir_geo.app.upload import slug
from kengir_geo.data.schema import Problem
from kengir_geo.ingest.preview import popup_table, preview_features, preview_map
from kengir_geo.map.render import stable_html

SCRIPT = "<script>alert(1)</script>"


def test_popup_escapes_everything_and_links_only_http():
    html = popup_table(
        {
            "name": SCRIPT,
            "<b>key</b>": "x",
            "url": "javascript:alert(1)",
            "web": "https://example.org/a?b=1&c=2",
            "names": ["<i>a</i>", "b"],
        }
    )
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;key&lt;/b&gt;" in html
    assert 'href="javascript' not in html
    assert '<a href="https://example.org/a?b=1&amp;c=2"' in html


def test_preview_draws_located_features_only_and_fits_them():
    lost = feature("lost", name=SCRIPT)
    lost["geometry"] = None
    doc = collection(feature("a", name=SCRIPT), lost)
    shown = preview_features(doc)
    assert (
        len(shown) == 1
        and shown[0]["properties"]["tooltip"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    )
    html = stable_html(preview_map(doc))
    assert html == stable_html(preview_map(doc))  # a rerun of the page keeps its iframe
    assert SCRIPT not in html and '.frame(["upload"], false)' in html  # fitted to the layer


def test_problems_table_puts_errors_first_and_ids_are_slugs():
    frame = problems_table(
        [Problem("f", "", "x", "a warning", "warning"), Problem("f", "a", "name", "an error")]
    )
    assert list(frame["level"]) == ["error", "warning"]
    assert slug("Camps near Zhezkazgan (2).ZIP") == "camps-near-zhezkazgan-2"
    assert slug("<script>.kml") == "script"


def test_the_page_runs_without_a_file():
    app = open_page(AppTest.from_file(str(APP), default_timeout=60), "add-layer")
    assert not app.exception
    assert app.title[0].value == "Add a layer"
    assert [t.label for t in app.text_input][:2] == ["Layer id", "Title"]
