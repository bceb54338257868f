"""Keyboard and clicker control: ← → and PageUp / PageDown press the Previous / Next buttons.

Classroom clickers send PageUp/PageDown. A tiny script of ours (st.html with JavaScript enabled;
nothing in it comes from the data) listens on the app's document and clicks the buttons, so a
key press does exactly what a click does. Keys typed into a text field or a slider are left alone.
"""

from __future__ import annotations

import json

import streamlit as st

_SCRIPT = """
<script>
(function () {
  const host = window;
  const doc = document;
  const buttons = %(buttons)s;
  if (host.__kgKeyHandler) { doc.removeEventListener("keydown", host.__kgKeyHandler, true); }
  host.__kgKeyHandler = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    const target = event.target;
    if (target && (target.isContentEditable ||
        ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
        (target.getAttribute && target.getAttribute("role") === "slider"))) { return; }
    const key = buttons[event.key];
    if (!key) { return; }
    const button = doc.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  };
  doc.addEventListener("keydown", host.__kgKeyHandler, true);
})();
</script>
"""


def bind_keys(previous_key: str, next_key: str) -> None:
    """Make ←, PageUp press the button with key `previous_key`; →, PageDown `next_key`."""
    mapping = {
        "ArrowLeft": previous_key,
        "PageUp": previous_key,
        "ArrowRight": next_key,
        "PageDown": next_key,
    }
    st.html(_SCRIPT % {"buttons": json.dumps(mapping)}, unsafe_allow_javascript=True)
