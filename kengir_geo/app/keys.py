"""Keyboard and clicker control: keys press the page's buttons, B blanks the screen.

Classroom clickers send PageUp/PageDown (some send arrows, space or B/. for a black screen).
Which key means what is written once, in the time map's timecore.js (STORY_KEYS and
storyAction, shared with the export's story and tested with node). A small script of ours
(st.html with JavaScript enabled; nothing in it comes from the data) listens on the app's
document and clicks the buttons, so a key press does exactly what a click does. Keys typed
into a text field, a list or a slider, and Space or Enter on a button, are left alone.
"""

from __future__ import annotations

import json
import re

import streamlit as st

from kengir_geo.map.assets import client_text

_SCRIPT = """
<script>
(function () {
  const module = {exports: {}};  // timecore.js exports here: no global of its own
  %(core)s
  const core = module.exports;
  const doc = document;
  const buttons = %(buttons)s;
  // a rerun writes this script again: the handler before it stands down
  doc.dispatchEvent(new CustomEvent("kengir-keys"));
  function blank() {
    let cover = doc.getElementById("kg-blank");
    if (!cover) {
      cover = doc.createElement("div");
      cover.id = "kg-blank";
      cover.setAttribute("aria-hidden", "true");
      cover.style.cssText = "position:fixed;inset:0;background:#000;z-index:100000;display:none";
      cover.addEventListener("click", function () { cover.style.display = "none"; });
      doc.body.appendChild(cover);
    }
    cover.style.display = cover.style.display === "none" ? "block" : "none";
  }
  function onKey(event) {
    const action = core.storyAction(event);
    if (!action) { return; }
    if (action === "blank") { event.preventDefault(); blank(); return; }
    const key = buttons[action];
    if (!key) { return; }
    // the one on screen: Streamlit may keep a hidden copy of a button in the page
    const found = [...doc.querySelectorAll(".st-key-" + key + " button")]
      .filter(b => b.offsetParent !== null);
    const button = found[found.length - 1];
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  }
  // Another chapter shown: focus goes to its heading, as in the export, so a screen reader
  // says where the reader is and the next Tab starts from there. A rerun may also redraw the
  // pressed button and drop focus to the body, where the next Tab would start at the top.
  const ours = Object.values(buttons).map(k => ".st-key-" + k).join(",");
  const title = () => doc.querySelector(".st-key-story_title h2");
  function onClick(event) {
    if (!event.target.closest || !event.target.closest(ours)) { return; }
    const before = title() ? title().textContent : null;
    let tries = 0, moved = false;
    const timer = setInterval(function () {
      tries += 1;
      const heading = title();
      const lost = !doc.activeElement || doc.activeElement === doc.body;
      const arrived = !moved && heading && heading.textContent !== before;
      if (heading && (lost || arrived)) {
        moved = true;
        heading.tabIndex = -1;
        heading.focus();
      }
      if (tries > 80) { clearInterval(timer); }
    }, 100);
  }
  function standDown() {
    doc.removeEventListener("keydown", onKey, true);
    doc.removeEventListener("click", onClick, true);
    doc.removeEventListener("kengir-keys", standDown);
  }
  doc.addEventListener("keydown", onKey, true);
  doc.addEventListener("click", onClick, true);
  doc.addEventListener("kengir-keys", standDown);
  doc.documentElement.setAttribute("data-kg-keys", "1");
})();
</script>
"""


def _core() -> str:
    text = client_text("timecore.js")
    # Streamlit's sanitizer drops a script whose text holds "<" before a letter or "/"
    if re.search(r"<[/\w]", text):
        raise ValueError("timecore.js must not hold '<' before a letter or '/' (st.html drops it)")
    return text


def bind_keys(previous_key: str, next_key: str, first_key: str, last_key: str) -> None:
    """Previous, next, first and last (timecore.js STORY_KEYS: ←/PageUp, →/PageDown/space,
    Home, End) press these buttons; B or . blanks the screen (a click brings it back)."""
    actions = {"previous": previous_key, "next": next_key, "first": first_key, "last": last_key}
    st.html(
        _SCRIPT % {"core": _core(), "buttons": json.dumps(actions)},
        unsafe_allow_javascript=True,
    )
