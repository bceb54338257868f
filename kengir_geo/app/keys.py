"""Keyboard and clicker control: keys press the page's buttons, B blanks the screen.

Classroom clickers send PageUp/PageDown (some send arrows, space or B/. for a black screen).
A small script of ours (st.html with JavaScript enabled; nothing in it comes from the data)
listens on the app's document and clicks the buttons, so a key press does exactly what a
click does. Keys typed into a text field, a list or a slider are left alone.
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
  const blankKeys = %(blank)s;
  if (host.__kgKeyHandler) { doc.removeEventListener("keydown", host.__kgKeyHandler, true); }
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
  host.__kgKeyHandler = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    const target = event.target;
    if (target && (target.isContentEditable ||
        ["INPUT", "TEXTAREA", "SELECT", "BUTTON"].includes(target.tagName) && event.key === " " ||
        ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
        (target.getAttribute && ["slider", "listbox", "combobox"].includes(target.getAttribute("role"))))) {
      return;
    }
    if (blankKeys.includes(event.key)) { event.preventDefault(); blank(); return; }
    const key = buttons[event.key];
    if (!key) { return; }
    // the one on screen: Streamlit may keep a hidden copy of a button in the page
    const found = [...doc.querySelectorAll(".st-key-" + key + " button")]
      .filter(b => b.offsetParent !== null);
    const button = found[found.length - 1];
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  };
  doc.addEventListener("keydown", host.__kgKeyHandler, true);
})();
</script>
"""


def bind_keys(previous_key: str, next_key: str, first_key: str, last_key: str) -> None:
    """←, PageUp press `previous_key`; →, PageDown, space `next_key`; Home, End the first and
    last; B or . blanks the screen (any key or a click brings it back)."""
    mapping = {
        "ArrowLeft": previous_key,
        "PageUp": previous_key,
        "ArrowRight": next_key,
        "PageDown": next_key,
        " ": next_key,
        "Home": first_key,
        "End": last_key,
    }
    st.html(
        _SCRIPT % {"buttons": json.dumps(mapping), "blank": json.dumps(["b", "B", "."])},
        unsafe_allow_javascript=True,
    )
