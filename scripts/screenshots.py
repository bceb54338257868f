"""Screenshots for docs/ and for looking at what we built: Explore and three Story chapters at
1280×800, 1920×1080 and 1024×768, the offline export, and colour-blind simulations of the
compound's states. Starts the app itself (`kengir-geo serve`); every request that does not go
to 127.0.0.1 or a file is blocked, as in an offline classroom.

    python scripts/screenshots.py [OUT_DIR]        # default: docs/screenshots
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.chromium import ARGS, CHROMIUM  # noqa: E402
from harness.server import StreamlitServer  # noqa: E402
from kengir_geo import load_atlas  # noqa: E402
from kengir_geo.export.html import export_html  # noqa: E402

SIZES = ((1280, 800), (1920, 1080), (1024, 768))
CHAPTERS = ("camp-is-ours", "raid", "steplag")  # the compound held, the assault, the region
MAP = 'iframe[title*="timemap"]'
CVD = Path("/work/shared/tools/cvd.py")  # the simulator, where this machine has it


def offline(context) -> None:
    def route(r):
        if urlsplit(r.request.url).hostname in ("127.0.0.1", None):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)


def shoot(browser, url: str, out: Path, size: tuple[int, int], story: bool) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    offline(context)
    page = context.new_page()
    page.goto(url)
    frame = page.wait_for_selector(MAP, timeout=90_000).content_frame()
    frame.wait_for_selector("body[data-ready='1']", state="attached", timeout=90_000)
    if story and page.locator(".st-key-story_warning").count():
        page.locator(".st-key-story_next button:visible").first.click()  # past the note
        page.locator(".st-key-story_text").wait_for(timeout=30_000)
        page.mouse.move(size[0] // 2, 5)  # no button tooltip in the picture
    page.wait_for_timeout(1500)
    page.screenshot(path=str(out))
    print("wrote", out)
    context.close()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    atlas = load_atlas()
    with tempfile.TemporaryDirectory() as tmp, StreamlitServer() as server:
        server.wait_healthy()
        exported = export_html(atlas, Path(tmp) / "kengir.html")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            for width, height in SIZES:
                size = f"{width}x{height}"
                shoot(
                    browser,
                    f"{server.url}/explore?date=1954-05-26",
                    out / f"explore-{size}.png",
                    (width, height),
                    story=False,
                )
                for chapter in CHAPTERS:
                    shoot(
                        browser,
                        f"{server.url}/story?chapter={chapter}&present=true",
                        out / f"story-{chapter}-{size}.png",
                        (width, height),
                        story=True,
                    )
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            page = context.new_page()
            page.goto(exported.as_uri())
            page.wait_for_selector(".kg-story .kg-chapter-title")
            page.keyboard.press("End")
            page.keyboard.press("End")
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / "export-1920x1080.png"))
            print("wrote", out / "export-1920x1080.png")
            browser.close()
    if CVD.is_file():  # how the compound's states look with the common colour deficiencies
        for day in ("explore-1280x800.png", "story-raid-1280x800.png"):
            subprocess.run([sys.executable, str(CVD), str(out / day)], check=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
