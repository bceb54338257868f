"""axe-core (shipped by axe-playwright-python) run in a page and in each of its frames: the
serious and critical WCAG 2.0–2.2 A/AA findings, as a list a person can read."""

from __future__ import annotations

from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = ("serious", "critical")
_AXE = Axe()


@dataclass(frozen=True)
class Finding:
    frame: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"[{self.impact}] {self.rule} in {self.frame}: {self.help} ({len(self.targets)}: {shown})"


def findings(page) -> list[Finding]:
    """Serious and critical findings in the page and in every frame, each frame on its own
    (axe reaches into a frame only when it is injected there as well)."""
    found: list[Finding] = []
    for frame in page.frames:
        if frame.is_detached() or frame.url in ("", "about:blank"):
            continue
        frame.evaluate(_AXE.axe_script)
        result = frame.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations'], iframes: false})",
            TAGS,
        )
        name = "the page" if frame == page.main_frame else f"frame {frame.url.split('?')[0]}"
        found += [
            Finding(
                name,
                v["id"],
                v["impact"],
                v["help"],
                tuple(" ".join(n["target"]) for n in v["nodes"]),
            )
            for v in result["violations"]
            if v["impact"] in SERIOUS
        ]
    return found


def node_count(found: list[Finding]) -> int:
    return sum(len(f.targets) for f in found)


def report(found: list[Finding]) -> str:
    return "\n".join(str(f) for f in found) or "none"
