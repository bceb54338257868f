"""Accessibility in a real Chromium: axe-core (WCAG 2.0–2.2 A/AA) finds no serious or critical
problem on any page, in any frame, or in the export."""

from __future__ import annotations

import pytest

from harness.axe import findings, node_count, report
from kengir_geo.export.html import export_html

pytestmark = pytest.mark.browser

MAP = 'iframe[src*="timemap"]'

# page address → what shows the page has finished drawing
PAGES = {
    "explore": ("/explore?date=1954-06-26", MAP),
    "story": ("/story", MAP),
    "timeline": ("/timeline", '[data-testid="stMain"] h1'),
    "figures": (
        "/steplag",
        '[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]',
    ),
    "sources": ("/sources", '[data-testid="stMain"] h1'),
    "add a layer": ("/add-layer", '[data-testid="stFileUploader"]'),
    "presenter": ("/presenter", '[data-testid="stMain"] h1, [data-testid="stMain"] h2'),
}


def settled(page, ready: str) -> None:
    page.locator(ready).first.wait_for(state="attached", timeout=60_000)
    if ready == MAP:
        frame = page.locator(MAP).element_handle().content_frame()
        frame.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(500)  # the last rerun has painted


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_nothing_serious_on_the_page(app_server, page, name):
    path, ready = PAGES[name]
    page.goto(app_server.url + path)
    settled(page, ready)
    found = findings(page)
    assert not found, f"{node_count(found)} serious or critical nodes on {name}:\n{report(found)}"


def test_axe_finds_nothing_serious_in_the_export(page, atlas, tmp_path):
    out = export_html(atlas, tmp_path / "kengir.html")
    page.goto(out.as_uri())
    page.wait_for_selector(".kg-story")
    page.wait_for_timeout(500)
    found = findings(page)
    assert not found, (
        f"{node_count(found)} serious or critical nodes in the export:\n{report(found)}"
    )
