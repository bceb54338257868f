"""Text from the data made inert wherever it is shown: HTML, Markdown, script JSON, links.

Nothing from a layer, the bibliography, the claims or a link's query string is trusted as markup.
Every renderer in the project escapes through these functions and no other.
"""

from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import urlsplit


def esc(value: object) -> str:
    """Text for HTML, attribute values included."""
    return escape(str(value), quote=True)


# A run of Cyrillic words inside a name ("Kengir · Кеңгір"). Letters only Kazakh has (and
# і, which Russian lacks) mark Kazakh; other Cyrillic is read as Russian.
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff](?:[\u0400-\u04ff\s'’.\-–0-9]*[\u0400-\u04ff])?")
_KAZAKH = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def _mark_languages(html: str) -> str:
    def marked(run: re.Match[str]) -> str:
        lang = "kk" if _KAZAKH & set(run.group()) else "ru"
        return f'<span lang="{lang}">{run.group()}</span>'

    return _CYRILLIC_RUN.sub(marked, html)


def esc_name(value: object) -> str:
    """A name for HTML, its Cyrillic words marked with their language (lang="kk" or "ru"), so
    a screen reader says them in that language."""
    return _mark_languages(esc(value))


def esc_names(values: list[str]) -> list[str]:
    """esc_name of each, done on the whole column at once: a layer of 100,000 names is escaped
    as one text (a Cyrillic run never crosses the NUL between two names)."""
    joined = "\0".join(map(str, values))
    if not values or joined.count("\0") != len(values) - 1:  # a NUL inside a name
        return [esc_name(v) for v in values]
    return _mark_languages(esc(joined)).split("\0")


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
