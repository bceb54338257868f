"""In-page timing of "slider step → map drawn changed", shared by the slider, classroom and cold
start figures. Two watchers, one rule: everything is timed inside Chromium (performance.now()
and animation frames), so no Python ↔ browser round trip is counted; a capture listener notes
when the key goes down; every animation frame the watcher reads what the map draws; the step
is done when the changed map has stayed the same for SETTLE_MS, and its latency is the frame
where that final state first appeared, minus the key-down time.

TIMEMAP_INSTALL_JS runs inside the app's map iframe (the time map component, whose own
`input.kg-slider` takes the key): what the map draws is, per layer, the Leaflet layers on the
map and the phase (sure, maybe, past: the look) of each feature. A day that draws exactly what
the day before drew ends, untimed, once the day has moved and nothing changed for SETTLE_MS.

FOLIUM_INSTALL_JS runs in the top page of a streamlit-folium page (the rebuild baseline, the
one-marker page): a *different* Leaflet map (st_folium reloads the iframe's document) or a
different set of layers on it is a change. There a day that draws what the day before drew
makes st_folium send nothing: such a step ends, untimed, once Streamlit's script state (an
attribute of the app's root element) has gone to running and back for SETTLE_MS, or, should
that never be seen, when no WebSocket message has come for QUIET_MS (_wstap.INIT_JS).

Both give {ms, keyDownAt: the key-down as performance.timeOrigin + its time, comparable across
frames, unchanged}.
"""

from __future__ import annotations

from harness.chromium import FOLIUM_IFRAME

SETTLE_MS = 300
QUIET_MS = 5000

FOLIUM_INSTALL_JS = """
() => {
  if (window.__kgBench) { return; }
  const bench = window.__kgBench = {keyDown: null};
  document.addEventListener('keydown', () => {
    bench.keyDown = performance.now();
    bench.keyDownAt = performance.timeOrigin + bench.keyDown;
  }, true);
  bench.state = () => {
    const iframe = document.querySelector('%s');
    const win = iframe && iframe.contentWindow;
    const map = win && win.map;
    if (!map || !map._layers) { return {map: null, layers: '', drawn: 0}; }
    const doc = iframe.contentDocument;
    const drawn = doc.querySelectorAll(
      '.leaflet-overlay-pane path.leaflet-interactive, .leaflet-marker-pane > *, ' +
      '.leaflet-overlay-pane canvas').length;
    return {map: map, layers: Object.keys(map._layers).join(','), drawn: drawn};
  };
  const quietSince = (from) => {
    const got = (window.__kgFrames || []).filter((f) => f.dir === 'in' && f.t >= from);
    return got.length ? performance.now() - got[got.length - 1].t : 0;
  };
  // expect: true when this step is known to change the map (then only a change ends it),
  // false or undefined when it may not; capMs: give up after so long (a failed step).
  bench.arm = (expect, capMs) => {
    const before = bench.state();
    bench.keyDown = null;
    bench.result = new Promise((resolve) => {
      let last = before, lastChange = null, sawRun = false, idleSince = null;
      const started = performance.now();
      const tick = () => {
        const now = performance.now(), seen = bench.state();
        if (seen.map !== last.map || seen.layers !== last.layers) {
          last = seen; lastChange = now;
        }
        const changed = last.map !== before.map || last.layers !== before.layers;
        const app = document.querySelector('[data-testid="stApp"]');
        const script = app ? app.getAttribute('data-test-script-state') : null;
        if (bench.keyDown !== null && (script === 'running' || script === 'rerunRequested')) {
          sawRun = true; idleSince = null;
        } else if (sawRun && idleSince === null) {
          idleSince = now;
        }
        const ranAndIdle = sawRun && idleSince !== null && now - idleSince >= %d;
        if (changed && last.drawn > 0 && bench.keyDown !== null && now - lastChange >= %d) {
          resolve({ms: lastChange - bench.keyDown, rebuilt: last.map !== before.map,
                   keyDownAt: bench.keyDownAt});
        } else if (!changed && expect !== true && bench.keyDown !== null &&
                   (ranAndIdle || quietSince(bench.keyDown) >= %d)) {
          resolve({ms: null, rebuilt: false, unchanged: true, keyDownAt: bench.keyDownAt});
        } else if (now - started > (capMs || 30000)) {
          resolve({ms: null, rebuilt: false, unchanged: false, keyDownAt: bench.keyDownAt});
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
  };
}
""" % (FOLIUM_IFRAME, SETTLE_MS, SETTLE_MS, QUIET_MS)  # noqa: UP031 (the JS holds braces)

FOLIUM_WAIT_MAP_JS = (
    "() => { const s = window.__kgBench.state(); return s.map !== null && s.drawn > 0; }"
)

TIMEMAP_INSTALL_JS = """
() => {
  if (window.__kgBench) { return; }
  const bench = window.__kgBench = {keyDown: null, keyDownAt: null};
  document.addEventListener('keydown', () => {
    bench.keyDown = performance.now();
    bench.keyDownAt = performance.timeOrigin + bench.keyDown;
  }, true);
  // what the map draws: per layer, the Leaflet layers on the map and each feature's phase
  bench.state = () => {
    const tm = window.kgMap;
    if (!tm) { return {sig: '', drawn: 0, day: null}; }
    let drawn = 0;
    const sig = tm.groups.map((g) => {
      const n = g.shown ? g.group.getLayers().length : 0;
      drawn += n;
      return n + ':' + g.phase.join('');
    }).join('|');
    return {sig: sig, drawn: drawn, day: tm.day};
  };
  bench.arm = (capMs) => {
    const before = bench.state();
    bench.keyDown = null;
    bench.result = new Promise((resolve) => {
      let last = before, lastChange = null;
      const started = performance.now();
      const tick = () => {
        const now = performance.now(), seen = bench.state();
        if (seen.sig !== last.sig) { last = seen; lastChange = now; }
        const changed = last.sig !== before.sig, down = bench.keyDown;
        const out = {keyDownAt: bench.keyDownAt, day: seen.day, drawn: seen.drawn};
        if (down !== null && changed && now - lastChange >= %d) {
          resolve(Object.assign(out, {ms: lastChange - down, unchanged: false}));
        } else if (down !== null && !changed && seen.day !== before.day && now - down >= %d) {
          resolve(Object.assign(out, {ms: null, unchanged: true}));
        } else if (now - started > (capMs || 30000)) {
          resolve(Object.assign(out, {ms: null, unchanged: false}));
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
  };
}
""" % (SETTLE_MS, SETTLE_MS)  # noqa: UP031 (the JS holds braces)

# In the map iframe: the time map has drawn features.
TIMEMAP_WAIT_MAP_JS = """() => document.body.getAttribute('data-ready') === '1' && !!window.kgMap &&
  window.kgMap.groups.some((g) => g.shown && g.group.getLayers().length > 0)"""
