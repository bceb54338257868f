"""The upload page in a real `streamlit run` and a real Chromium: drop, preview, save, and
hostile text that must never run."""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path

import pytest
from PIL import Image

from conftest import StreamlitServer
from factories import collection, feature, write_geodata
from ingest_files import CAMPS, camps_frame, zip_shapefile
from kengir_geo.data.validate import validate_geodata

pytestmark = pytest.mark.browser

MAP = 'iframe[data-testid="stIFrame"]'
# The time map announces itself with a DOM event; the test keeps what it hears.
CAPTURE = """window.addEventListener("timemapadd", e => { window.__tm = e.detail.timeMap; });"""
SCRIPT = "<script>alert('name')</script>"
IMG = "<img src=x onerror=alert('description')>"
JS_URL = "javascript:alert('url')"


COUNTRIES = """
[[layer]]
id = "countries"
title = "Outlines"
file = "layers/countries.geojson"
group = "basemap"
type = "features"
"""


@pytest.fixture(scope="module")
def geodata(tmp_path_factory):
    """The small test folder plus an opaque country outline, as the offline basemap draws."""
    root = write_geodata(tmp_path_factory.mktemp("upload") / "geodata")
    land = [[60, 40], [80, 40], [80, 55], [60, 55], [60, 40]]
    outline = collection(feature("kz", geometry={"type": "Polygon", "coordinates": [land]}))
    (root / "layers" / "countries.geojson").write_text(json.dumps(outline))
    (root / "layers.toml").write_text(COUNTRIES + (root / "layers.toml").read_text())
    assert validate_geodata(root) == []
    return root


@pytest.fixture(scope="module")
def upload_server(geodata):
    server = StreamlitServer(env={"KENGIR_GEODATA": str(geodata)}, options=("--allow-save",))
    try:
        server.wait_healthy()
        yield server
    finally:
        server.stop()


class Watch:
    """Dialogs and page errors: a payload that ran would show up here."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def upload(page, server, name: str, data: bytes) -> None:
    page.goto(server.url + "/add-layer")
    page.wait_for_selector("input[type=file]", state="attached", timeout=60_000)
    page.set_input_files(
        "input[type=file]",
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}],
    )


def markers(page):
    frame = page.frame_locator(MAP)
    drawn = frame.locator("path.leaflet-interactive:not(.kg-hit)")  # not the 24 px hit discs
    drawn.first.wait_for(timeout=60_000)
    return drawn


def test_students_utm_shapefile_previews_and_saves(page, upload_server, geodata, tmp_path):
    watch = Watch(page)
    archive = zip_shapefile(camps_frame(), tmp_path, epsg=32642)
    upload(page, upload_server, "camps.zip", archive.read_bytes())
    page.get_by_text("The layer can be added").wait_for(timeout=60_000)
    assert page.get_by_text("UTM zone 42N").count() == 1
    assert markers(page).count() == len(CAMPS)  # on the day the most camps stand
    assert page.frame_locator(MAP).locator("input.kg-slider").count() == 1  # and its days
    hits = page.frame_locator(MAP).locator("path.kg-hit")  # each point: a 24 px target
    assert hits.count() == len(CAMPS)
    assert all(hits.nth(n).bounding_box()["width"] >= 24 for n in range(len(CAMPS)))
    assert page.locator(MAP).get_attribute("title") == "Your layer"  # the frame's name
    page.get_by_role("button", name="Save into the atlas").click()
    page.get_by_text("Saved as layers/camps.geojson").wait_for(timeout=60_000)
    page.screenshot(path=str(Path(__file__).parent.parent / ".pytest_cache" / "upload.png"))
    written = json.loads((geodata / "layers" / "camps.geojson").read_text())
    for item in written["features"]:
        assert item["geometry"]["coordinates"] == pytest.approx(
            list(CAMPS[item["properties"]["id"]]), abs=1e-6
        )
    layers = tomllib.loads((geodata / "layers.toml").read_text())["layer"]
    assert layers[-1]["id"] == "camps" and layers[-1]["group"] == "user"
    assert validate_geodata(geodata) == []
    assert watch.dialogs == [] and watch.errors == []


def test_hostile_text_is_shown_as_text_and_never_runs(page, upload_server):
    watch = Watch(page)
    page.add_init_script(CAPTURE)
    hostile = collection(
        feature(
            "a",
            name=SCRIPT,
            description=IMG,
            url=JS_URL,
            web="https://example.org/kengir",
            note="<b onclick=alert('note')>bold?</b>",
            geometry={"type": "Point", "coordinates": [67.6, 47.84]},
        ),
        feature(
            "b",
            name=IMG,
            sources=[SCRIPT],  # an unknown source id: a warning in the problems table
            geometry={"type": "Point", "coordinates": [67.62, 47.85]},
        ),
    )
    upload(page, upload_server, f"{IMG}.geojson", json.dumps(hostile).encode())
    page.get_by_text("Please read the").wait_for(timeout=60_000)
    found = markers(page)
    assert found.count() == 2
    frame = page.frame_locator(MAP)
    # Each feature's tooltip and popup, opened through Leaflet itself: a pointer click can land
    # on the map instead when the first popup's pan moves the second point (flaky in CI).
    texts, links = (
        page.frame_locator(MAP)
        .locator("body")
        .evaluate(
            """() => {
            const tm = window.__tm, texts = [], links = [];
            tm.shownFeatures().forEach(f => {
                const tip = document.createElement("div");  // what hovering shows
                tip.innerHTML = tm.tooltipFor(f.layer, f.id);
                texts.push(tip.textContent);
                tm.select(f.layer, f.id, true);  // its details, as a click or Enter opens them
                const popup = document.querySelector(".leaflet-popup");
                texts.push(popup.innerText);
                popup.querySelectorAll("a").forEach(a => links.push(a.getAttribute("href")));
            });
            return [texts, links]; }"""
        )
    )
    assert sum(SCRIPT in text or IMG in text for text in texts) >= 4  # shown as plain text
    assert "https://example.org/kengir" in links  # a safe link stays a link
    assert all(href in ("#close", "https://example.org/kengir") for href in links), links
    for where in (page, frame):
        assert where.locator("img[src='x']").count() == 0
        assert where.locator("a[href^='javascript']").count() == 0
        assert where.locator("[onclick], [onerror]").count() == 0
    assert page.get_by_text("Traceback").count() == 0
    assert watch.dialogs == [] and watch.errors == []


def test_a_cp1251_spreadsheet_is_read_in_the_encoding_it_looks_like(page, upload_server):
    """The page proposes cp1251 itself (not cp1250, which the bytes also decode as)."""
    rows = "id;name;lat;lon;sources\nk;Кенгир;47,84;67,615;w-en\n".encode("cp1251")
    upload(page, upload_server, "kengir.csv", rows)
    page.get_by_text("The layer can be added").wait_for(timeout=60_000)
    page.get_by_text("If the file needs help").click()
    chosen = page.get_by_role("combobox", name="Text encoding")
    assert chosen.input_value() == "cp1251 (Cyrillic, Windows)"  # chosen for the author
    assert markers(page).count() == 1
    markers(page).first.wait_for()
    page.frame_locator(MAP).locator("path.kg-hit").first.click()  # the point's 24 px target
    assert "Кенгир" in page.frame_locator(MAP).locator(".leaflet-popup-content").inner_text()


def test_save_is_offered_only_when_the_server_allows_it(page, upload_server, geodata, tmp_path):
    """Saving from the page is `kengir-geo serve --allow-save`; without it, no Save button."""
    good = json.dumps(collection(feature("k", name="Kengir"))).encode()
    readonly = StreamlitServer(env={"KENGIR_GEODATA": str(geodata)})
    try:
        readonly.wait_healthy()
        upload(page, readonly, "good.geojson", good)
        page.get_by_text("Saving into the atlas is switched off").wait_for(timeout=60_000)
        assert page.get_by_role("button", name="Save into the atlas").count() == 0
    finally:
        readonly.stop()
    upload(page, upload_server, "good.geojson", good)
    page.get_by_role("button", name="Save into the atlas").wait_for(timeout=60_000)
    assert page.get_by_text("Saving into the atlas is switched off").count() == 0


def test_a_large_layer_is_drawn_on_a_canvas(page, upload_server):
    rows = ["id,name,lat,lon,sources"] + [
        f"p{n},Point {n},{47.80 + (n % 40) / 400},{67.55 + (n // 40) / 400},w-en"
        for n in range(1500)
    ]
    upload(page, upload_server, "many.csv", "\n".join(rows).encode())
    page.get_by_text("The layer can be added").wait_for(timeout=60_000)
    page.frame_locator(MAP).locator("canvas").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)  # let the canvas paint
    shot = Image.open(io.BytesIO(page.locator(MAP).screenshot())).convert("RGB")
    # the preview's purples, as seen on screen (above any opaque outline of the basemap)
    red, green, blue = (channel.tobytes() for channel in shot.split())
    painted = sum(1 for r, g, b in zip(red, green, blue, strict=True) if r > g + 40 and b > g + 40)
    assert painted > 1000  # visible pixels of circles, not an empty or hidden canvas


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        (
            "cut.geojson",
            b'{"type": "FeatureCollection", "features": [{"type": "Fea',
            "must be fixed",
        ),
        ("garbage.zip", b"PK\x03\x04\x00\x00garbage", "must be fixed"),
        ("notes.csv", b"place;when\nKengir;1954\n", "must be fixed"),
    ],
)
def test_broken_files_show_problems_never_a_traceback(page, upload_server, name, data, words):
    watch = Watch(page)
    upload(page, upload_server, name, data)
    page.get_by_text(words).wait_for(timeout=60_000)
    assert page.get_by_text("Traceback").count() == 0
    assert page.locator(MAP).count() == 0
    assert watch.dialogs == []


def test_one_bad_row_can_be_left_out_with_the_checkbox(page, upload_server):
    """A spreadsheet of camps where one closes before it opens: refused, with the option
    named; ticking 'leave out' adds the others and names the row left out."""
    rows = ["name,lat,lon,opened,closed"] + [
        f"Camp {n},{47 + n / 100},{67 + n / 100},1940,1950" for n in range(1, 21)
    ]
    rows[8] = "Ozerlag,47.5,67.5,1951,1943"
    upload(page, upload_server, "camps.csv", "\n".join(rows).encode())
    page.get_by_text("1 problem(s) must be fixed").wait_for(timeout=60_000)
    page.get_by_text("1 of 20 rows have errors").wait_for(timeout=60_000)
    leave_out = page.get_by_text("Add the valid rows and leave out the ones with errors")
    leave_out.wait_for(timeout=60_000)  # the options opened by themselves
    leave_out.click()
    page.get_by_text("left out 1 of 20 rows with errors").wait_for(timeout=60_000)
    page.get_by_text("The layer can be added").wait_for(timeout=60_000)
    assert markers(page).count() == 19
