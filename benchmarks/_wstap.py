"""Every WebSocket frame the page sends and receives, with its time and size, taken inside the
page; and when the time map component told Streamlit its settled day.

Installed before the page's own scripts run (context.add_init_script: it runs in every frame,
and only the top page has Streamlit's WebSocket). Each frame is {dir: 'in'|'out', t:
performance.now(), at: the same instant as performance.timeOrigin + t, so it compares with
times taken in the map's iframe, bytes}. `window.__kgSettles` holds the `at` of every
streamlit:setComponentValue the page received from a component (the day reaching Python).
"""

INIT_JS = """
(() => {
  if (window.__kgFrames) { return; }
  // the time map keeps no global: it announces itself, and the benchmark keeps it as kgMap
  window.addEventListener('timemapadd', (e) => { window.kgMap = e.detail.timeMap; });
  const frames = window.__kgFrames = [];
  const settles = window.__kgSettles = [];
  const size = (data) => {
    if (data === null || data === undefined) { return 0; }
    if (typeof data === 'string') { return new Blob([data]).size; }
    if (data.byteLength !== undefined) { return data.byteLength; }
    return data.size || 0;
  };
  const note = (dir, data) => {
    const t = performance.now();
    frames.push({dir, t, at: performance.timeOrigin + t, bytes: size(data)});
  };
  const Native = window.WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    note('out', data);
    return send.call(this, data);
  };
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener('message', (event) => note('in', event.data));
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data && data.type === 'streamlit:setComponentValue') {
      settles.push(performance.timeOrigin + performance.now());
    }
  });
})();
"""

# Frames between the key press and the map update of the step just measured (same page).
STEP_FRAMES_JS = """
(update) => {
  const down = window.__kgBench.keyDown, end = down + update;
  const frames = window.__kgFrames.filter((f) => f.t >= down && f.t <= end);
  const out = frames.filter((f) => f.dir === 'out'), got = frames.filter((f) => f.dir === 'in');
  if (!out.length || !got.length) { return null; }
  return {sent: out[0].t - down, lastIn: got[got.length - 1].t - down, total: update};
}
"""

# In the top page, for a step whose key went down at `from` (timeOrigin-based): true once the
# settled day has been sent to Python and the rerun it started is over (no frame for quietMs,
# the script idle).
SETTLED_RERUN_JS = """
([from, quietMs]) => {
  const settle = window.__kgSettles.find((at) => at >= from);
  if (settle === undefined) { return false; }
  const frames = window.__kgFrames.filter((f) => f.at >= settle);
  if (!frames.some((f) => f.dir === 'in')) { return false; }
  const now = performance.timeOrigin + performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app ? app.getAttribute('data-test-script-state') : null;
  return now - frames[frames.length - 1].at >= quietMs && state !== 'running';
}
"""

# In the top page: what went over the WebSocket for a step whose key went down at `from`,
# split at the moment the settled day was sent to Python: bytes while stepping (before it),
# bytes of the settle rerun (from it on), and how long that rerun took (until its last frame).
STEP_BYTES_JS = """
(from) => {
  const settle = window.__kgSettles.find((at) => at >= from);
  const frames = window.__kgFrames.filter((f) => f.at >= from);
  const sum = (fs) => fs.reduce((n, f) => n + f.bytes, 0);
  const before = settle === undefined ? frames : frames.filter((f) => f.at < settle);
  const after = settle === undefined ? [] : frames.filter((f) => f.at >= settle);
  return {
    steppingBytes: sum(before), steppingFrames: before.length,
    settleBytes: sum(after), settleFrames: after.length,
    settleMs: after.length ? after[after.length - 1].at - settle : null,
    settleAfterKeyMs: settle === undefined ? null : settle - from,
  };
}
"""

# In the top page: the bytes of every frame from `from` on (the baseline's step: its rerun).
BYTES_SINCE_JS = """
(from) => window.__kgFrames.filter((f) => f.at >= from).reduce((n, f) => n + f.bytes, 0)
"""

# In the top page: true once a frame has come since `from` (timeOrigin-based), none for
# quietMs, and the script is idle (the baseline's step: no settle, its rerun follows the key).
QUIET_SINCE_JS = """
([from, quietMs]) => {
  const frames = window.__kgFrames.filter((f) => f.at >= from);
  if (!frames.some((f) => f.dir === 'in')) { return false; }
  const now = performance.timeOrigin + performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app ? app.getAttribute('data-test-script-state') : null;
  return now - frames[frames.length - 1].at >= quietMs && state !== 'running';
}
"""
