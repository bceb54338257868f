"""Time stamps of every WebSocket frame the page sends and receives, taken inside the page.

Installed before the page's own scripts run, it wraps WebSocket so a slider step can be cut
into: browser until the rerun request leaves, server until its last message arrives, and the
map iframe applying what came (see slider_step.breakdown).
"""

INIT_JS = """
(() => {
  const frames = window.__kgFrames = [];
  const Native = window.WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    frames.push({dir: 'out', t: performance.now()});
    return send.call(this, data);
  };
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener('message', () => frames.push({dir: 'in', t: performance.now()}));
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""

# Frames between the key press and the map update of the step just measured.
STEP_FRAMES_JS = """
(update) => {
  const down = window.__kgBench.keyDown, end = down + update;
  const frames = window.__kgFrames.filter((f) => f.t >= down && f.t <= end);
  const out = frames.filter((f) => f.dir === 'out'), got = frames.filter((f) => f.dir === 'in');
  if (!out.length || !got.length) { return null; }
  return {sent: out[0].t - down, lastIn: got[got.length - 1].t - down, total: update};
}
"""
