"""Figure 1b: Play at 10 days a second through the uprising, in the app's map.

The app's Explore page, on its first day; the speed set to 10 days/s in the map's own
`.kg-speed` and `.kg-play` clicked, as a teacher would. Timed inside the map's iframe: every
animation frame notes the day it shows (the day the time map set before that frame was painted),
so "drawn" means on screen for at least one frame; when the last day of the uprising has been
shown, Play is stopped. Days drawn are counted against the days of the period; frames per second
are the animation frames while playing.

Baseline: the same page, fresh as well, idle (not playing) for as long: the frame rate this
machine gives the page at all. Alternated, a fresh browser context each time. Meanwhile the
server's CPU and the WebSocket's bytes are read: Play should not touch the server.
"""

from __future__ import annotations

import time

from playwright.sync_api import sync_playwright

from benchmarks._cpu import cpu_split
from benchmarks._mapwatch import TIMEMAP_WAIT_MAP_JS
from benchmarks._stats import Summary, paired_ratios
from benchmarks._table import Row, ratio_text
from benchmarks._wstap import INIT_JS
from harness.chromium import TIMEMAP_IFRAME, VIEWPORT, launch
from harness.server import StreamlitServer

SPEED = "10"
TARGET_FPS = 30.0
CAP_MS = 60_000

# In the map iframe: resolves once Play (started by a click on .kg-play) has shown `last`.
PLAY_JS = """
([last, capMs]) => {
  const tm = window.kgMap;
  const frames = [], shown = [], days = [];
  let start = null;
  tm.on('daychange', (e) => {
    if (start !== null && e.playing) { days.push(performance.now()); }
  });
  document.querySelector('.kg-play').addEventListener('click', () => {
    if (start === null) { start = performance.now(); }
  }, true);
  window.__kgPlay = new Promise((resolve) => {
    const armed = performance.now();
    const tick = () => {
      const now = performance.now();
      if (start !== null) {
        frames.push(now);
        shown.push(tm.day);
        if (tm.day >= last || now - start > capMs) {
          tm.stop();
          const gaps = frames.slice(1).map((t, i) => t - frames[i]);
          resolve({
            shown: shown, start: start, startAt: performance.timeOrigin + start,
            endAt: performance.timeOrigin + now, ms: now - start,
            fps: 1000 * (frames.length - 1) / (frames[frames.length - 1] - frames[0]),
            longest: Math.max(...gaps),
            daysPerS: days.length > 1 ? 1000 * (days.length - 1) / (days[days.length - 1] - days[0]) : 0,
          });
          return;
        }
      } else if (now - armed > capMs) {
        resolve(null);
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return {first: tm.day, last: last};
}
"""

# In the map iframe: animation frames per second over `ms`, nothing playing.
IDLE_JS = """
(ms) => new Promise((resolve) => {
  const frames = [];
  const tick = () => {
    frames.push(performance.now());
    if (frames[frames.length - 1] - frames[0] >= ms) {
      resolve(1000 * (frames.length - 1) / (frames[frames.length - 1] - frames[0]));
    } else { requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
})
"""

BYTES_BETWEEN_JS = """
([from, to]) => window.__kgFrames.filter((f) => f.at >= from && f.at <= to)
  .reduce((n, f) => n + f.bytes, 0)
"""


def open_map(browser, url: str):
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_JS)
    page = context.new_page()
    page.goto(url)
    handle = page.wait_for_selector(TIMEMAP_IFRAME, state="attached", timeout=120_000)
    frame = handle.content_frame()
    frame.wait_for_function(TIMEMAP_WAIT_MAP_JS, timeout=120_000, polling=100)
    page.wait_for_timeout(1500)  # let the first run's late messages pass
    return context, page, frame


def play_once(browser, server: StreamlitServer) -> dict:
    context, page, frame = open_map(browser, server.url + "/?date=1954-05-16")
    try:
        last = frame.evaluate("() => window.kgMap.payload.focus.last")
        span = frame.evaluate(PLAY_JS, [last, CAP_MS])
        frame.select_option(".kg-speed", SPEED)
        cpu_before = cpu_split(server.process.pid)
        frame.click(".kg-play")
        result = frame.evaluate("() => window.__kgPlay")
        cpu_after = cpu_split(server.process.pid)
        if result is None:
            raise RuntimeError("Play did not start")
        result["expected"] = list(range(span["first"], last + 1))
        result["server_cpu"] = cpu_after[0] - cpu_before[0]
        result["bytes"] = page.evaluate(BYTES_BETWEEN_JS, [result["startAt"], result["endAt"]])
        return result
    finally:
        context.close()


def idle_once(browser, server: StreamlitServer, ms: float) -> float:
    context, _page, frame = open_map(browser, server.url + "/?date=1954-05-16")
    try:
        return frame.evaluate(IDLE_JS, ms)
    finally:
        context.close()


def run(quick: bool = False) -> list[Row]:
    rounds = 1 if quick else 3
    plays, idles = [], []
    with StreamlitServer() as server:
        server.wait_healthy()
        with sync_playwright() as pw:
            browser = launch(pw.chromium)
            try:
                for _ in range(rounds):  # alternated: the same noise for both
                    plays.append(play_once(browser, server))
                    idles.append(idle_once(browser, server, plays[-1]["ms"]))
                    time.sleep(0.5)
            finally:
                browser.close()
    return rows(plays, idles)


def rows(plays: list[dict], idles: list[float]) -> list[Row]:
    skipped = [len(set(p["expected"]) - set(p["shown"])) for p in plays]
    expected = len(plays[0]["expected"])
    fps = Summary.of(p["fps"] for p in plays)
    idle = Summary.of(idles)
    rate = Summary.of(p["daysPerS"] for p in plays)
    longest = max(p["longest"] for p in plays)
    cpu = max(p["server_cpu"] for p in plays)
    sent = max(p["bytes"] for p in plays)

    def fps_text(s: Summary) -> str:
        return f"{s.median:.0f} fps ({s.low:.0f}–{s.high:.0f}, n={s.count})"

    return [
        Row(
            f"1b Play at {SPEED} days/s: days drawn",
            f"{expected - max(skipped)} of {expected} (skipped per run: "
            f"{', '.join(map(str, skipped))})",
            "–",
            "–",
            "every day drawn",
            max(skipped) == 0,
            f"each day of the uprising on screen for at least one animation frame; the map "
            f"advanced {rate.median:.1f} days/s (median; {rate.low:.1f}–{rate.high:.1f}) at the "
            f"{SPEED} days/s setting; while playing the server used at most {cpu * 1000:.0f} ms "
            f"of CPU and at most {sent} bytes went over the WebSocket",
        ),
        Row(
            f"1b Play at {SPEED} days/s: frames per second while playing",
            fps_text(fps),
            f"{fps_text(idle)} idle",
            ratio_text(paired_ratios([p["fps"] for p in plays], idles)),
            f"≥{TARGET_FPS:.0f} fps",
            fps.median >= TARGET_FPS,
            f"animation frames in the map's iframe from the click on Play to the last day "
            f"shown; baseline: the same page idle for as long. Longest frame while playing: "
            f"{longest:.0f} ms",
        ),
    ]
