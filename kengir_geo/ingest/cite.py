"""A bibliography entry from one line a layer author types: "Author, Title, Year, URL".

Only the title is required; a last part that is an http(s) address is the URL, one before it
that is a year (or "n.d.") the year, the first of several parts the author.
"""

from __future__ import annotations

import re
from typing import Any

from kengir_geo.map.escape import safe_url

_YEAR = re.compile(r"\d{3,4}|n\.d\.")


class CiteError(ValueError):
    """The citation cannot become a bibliography entry; the message says why."""


def parse_citation(text: str, taken: set[str]) -> dict[str, Any]:
    """A [[source]] table for sources.toml with an id not in `taken`."""
    parts = [p.strip() for p in str(text).split(",")]
    parts = [p for p in parts if p]
    if any(not p.isprintable() for p in parts):
        raise CiteError("write the citation on one line of plain text")
    url = None
    if parts and parts[-1].lower().startswith(("http://", "https://", "www.")):
        url = parts.pop()
        if url.lower().startswith("www."):
            url = f"https://{url}"
        if safe_url(url) is None:
            raise CiteError(f"{url!r} is not a web address")
    year = parts.pop() if len(parts) > 1 and _YEAR.fullmatch(parts[-1]) else None
    author = parts.pop(0) if len(parts) > 1 else ""
    title = ", ".join(parts)
    if not title:
        raise CiteError('give at least a title: "Author, Title, Year, URL"')
    if len(title) > 300 or len(author) > 200:
        raise CiteError("the citation is too long: give the author, a title, a year and a URL")
    words = re.sub(r"[^a-z0-9]+", "-", f"{author or title}".lower()).strip("-")[:24].strip("-")
    base = f"user-{words or 'source'}" + (f"-{year}" if year and year != "n.d." else "")
    source_id, n = base, 2
    while source_id in taken:
        source_id, n = f"{base}-{n}", n + 1
    source: dict[str, Any] = {"id": source_id, "title": title}
    if author:
        source["author"] = author
    source["year"] = int(year) if year and year.isdigit() else "n.d."
    if url:
        source["url"] = url
    source["note"] = "Added with a layer by its author."
    return source
