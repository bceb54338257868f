"""In-page timing of "slider step → map updated", shared by the slider and classroom figures.

All of it runs inside Chromium so Python ↔ browser round trips are not counted. A capture
listener notes when the key goes down; then, every animation frame, the watcher looks at the
map iframe: a *different* Leaflet map (the baseline rebuilds the iframe's document) or a
different set of layers on it (our app swaps the day's feature groups in place) is a change.
The step is done when the changed map has features and has stayed the same for SETTLE_MS;
its latency is the frame where that final state first appeared, minus the key-down time.

Some days draw exactly what the day before drew; st_folium then sends nothing to the map and
nothing changes. Unless the caller says the step will change the map, such a step ends,
untimed, once Streamlit's script state (an attribute of the
app's root element) has gone to running and back for SETTLE_MS, or, should that never be seen,
when no WebSocket message has come for QUIET_MS (frames recorded by _wstap.INIT_JS).
"""

from __future__ import annotations

SETTLE_MS = 300
QUIET_MS = 5000

INSTALL_JS = """
() => {
  if (window.__kgBench) { return; }
  const bench = window.__kgBench = {keyDown: null};
  document.addEventListener('keydown', () => { bench.keyDown = performance.now(); }, true);
  bench.state = () => {
    const iframe = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
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
          resolve({ms: lastChange - bench.keyDown, rebuilt: last.map !== before.map});
        } else if (!changed && expect !== true && bench.keyDown !== null &&
                   (ranAndIdle || quietSince(bench.keyDown) >= %d)) {
          resolve({ms: null, rebuilt: false, unchanged: true});
        } else if (now - started > (capMs || 30000)) {
          resolve({ms: null, rebuilt: false, unchanged: false});
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
  };
}
""" % (SETTLE_MS, SETTLE_MS, QUIET_MS)  # noqa: UP031 (the JS holds braces)

WAIT_MAP_JS = "() => { const s = window.__kgBench.state(); return s.map !== null && s.drawn > 0; }"
