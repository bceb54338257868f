"""The presenter view follows the projected Story page: a room each projecting session owns.

The projected page publishes the chapter it shows; the presenter view (views/presenter.py),
opened in a second window with the room's code, reads it once a second. The rooms live in
this server process only: nothing is stored, and a room is forgotten after a day.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

import streamlit as st

from kengir_geo.app.language import _

FORGET_AFTER_S = 24 * 3600


@dataclass(frozen=True)
class Shown:
    chapter: str
    warning: bool  # the content note is on the screen, not yet the chapter
    at: float


@st.cache_resource
def _rooms() -> dict[str, Shown]:
    return {}


def new_room() -> str:
    return secrets.token_urlsafe(6)


def publish(room: str, chapter: str, warning: bool) -> None:
    rooms = _rooms()
    now = time.time()
    rooms[room] = Shown(chapter, warning, now)
    for code in [c for c, shown in rooms.items() if now - shown.at > FORGET_AFTER_S]:
        rooms.pop(code, None)


def shown_in(room: str) -> Shown | None:
    return _rooms().get(room)


def keys_hint() -> str:
    """The clicker's keys in words: under the Story page's buttons, and in the presenter view
    (a projected page in presentation mode has no room for it)."""
    return _("Keys: ← or PageUp goes back; →, PageDown or space goes on; B blanks the screen.")
