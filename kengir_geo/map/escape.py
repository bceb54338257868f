"""Text from the data made inert wherever it is shown: HTML, Markdown, script JSON, links.

Nothing from a layer, the bibliography, the claims or a link's query string is trusted as markup.
Every renderer in the project escapes through these four functions and no other.
"""

from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import urlsplit


def esc(value: object) -> str:
    """Text for HTML, attribute values included."""
    return escape(str(value), quote=True)


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (javascript:, data:, relative…)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return None
    return text


# CommonMark lets a backslash escape any ASCII punctuation, which makes Markdown syntax,
# Streamlit's :icon: and :color[] and $math$ read as plain characters. `<`, `>` and `&` become
# entities first (no raw HTML even in a renderer that ignores backslashes), so `&` and `;`,
# which the entities use, are left alone.
_PUNCTUATION = re.compile(r"([!-%'-/:<-@\[-`{-~])")


def md(text: object) -> str:
    """Text for Markdown (st.markdown, a .md file), on one line."""
    return _PUNCTUATION.sub(r"\\\1", escape(re.sub(r"\s+", " ", str(text)), quote=False))


def script_json(value: object) -> str:
    """JSON that can sit inside a <script> element (no '<', '>' or '&' left raw)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
