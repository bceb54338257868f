"""Pupils follow the teacher without rerunning their page: a room's step as a tiny file that a
watcher in each pupil's page reads a few times a second.

Why a file and a watcher: a Streamlit fragment that reruns on a timer costs the server several
ms of CPU a tick per pupil (benchmarks/follow.py measures it), and a whole-page rerun far
more; a small file served by Streamlit from this component's folder costs a read. The watcher
(a components.v1 component, a plain HTML page, zero pixels high) tells Python only when the
teacher's step is not the one its page shows; that reruns the fragment the watcher sits in
(the pupil's step), not the page. The files live in a temporary folder of this machine and
say only "lesson/step" under the class code, as the room itself does (app/presenting.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from kengir_geo.app.presenting import FORGET_AFTER_S
from kengir_geo.data.atomic import atomic_write

NAME = "follow"
LOOK_EVERY_MS = 200  # how often a pupil's page reads its room's file
ROOM = re.compile(r"[A-Za-z0-9_-]{1,64}")  # a class code as presenting.new_room makes them

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Following the teacher</title></head>
<body><script>
(function () {
  "use strict";
  var room = null, shown = null, told = null, timer = null;
  function post(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    for (var key in data) { message[key] = data[key]; }
    window.parent.postMessage(message, "*");
  }
  function look() {
    var asked = room;
    fetch("rooms/" + encodeURIComponent(asked) + ".txt?at=" + Date.now(), {cache: "no-store"})
      .then(function (reply) { return reply.ok ? reply.text() : null; })
      .catch(function () { return null; })
      .then(function (step) {
        if (asked !== room) { return; }
        if (step !== null && step !== shown && step !== told) {
          told = step;  // said once: Python reruns the step and renders us with it shown
          post("streamlit:setComponentValue", {value: step, dataType: "json"});
        }
        timer = setTimeout(look, %(every)d);
      });
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "streamlit:render") { return; }
    if (data.args.shown !== shown) { told = null; }
    shown = data.args.shown;
    if (data.args.room !== room) {
      room = data.args.room;
      clearTimeout(timer);
      look();
    }
  });
  post("streamlit:componentReady", {apiVersion: 1});
  post("streamlit:setFrameHeight", {height: 0});
})();
</script></body></html>
"""


@st.cache_resource(show_spinner=False)
def _folder() -> Path:
    """The watcher's page and the rooms' files, in a folder named by the page's content."""
    page = PAGE % {"every": LOOK_EVERY_MS}
    digest = hashlib.sha256(page.encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"kengir-geo-{os.getuid()}" / f"follow-{digest}"
    (folder / "rooms").mkdir(parents=True, exist_ok=True)
    atomic_write(folder / "index.html", page, unchanged_ok=True)
    return folder


@st.cache_resource(show_spinner=False)
def _written() -> dict[str, str]:
    """room -> the step last written to its file (so a teacher's rerun writes only a move)."""
    return {}


def announce(room: str, step: str) -> None:
    """The teacher's page shows `step` ("lesson/index"): every watcher of `room` will see it."""
    if not ROOM.fullmatch(room) or _written().get(room) == step:
        return
    rooms = _folder() / "rooms"
    if room not in _written():  # a new class: forget those of yesterday, as presenting does
        _forget(rooms, time.time() - FORGET_AFTER_S)
    atomic_write(rooms / f"{room}.txt", step)
    _written()[room] = step


def _forget(rooms: Path, before: float) -> None:
    for path in rooms.glob("*.txt"):
        with contextlib.suppress(OSError):  # another server may forget it at the same time
            if path.stat().st_mtime < before:
                path.unlink()
                _written().pop(path.stem, None)


def watch(room: str, shown: str, key: str) -> str | None:
    """The watcher, in a pupil's page that shows `shown`: it returns the teacher's step once
    the teacher has moved elsewhere (and its change reruns the fragment it sits in)."""
    if not ROOM.fullmatch(room):
        return None
    component = components.declare_component(NAME, path=str(_folder()))
    return component(room=room, shown=shown, key=key, default=None, tab_index=-1)
