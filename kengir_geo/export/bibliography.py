"""The bibliography (sources.toml) as CSL-JSON for reference managers and Markdown for people."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from kengir_geo.data.atlas import Atlas, Source
from kengir_geo.i18n import translator
from kengir_geo.map.escape import md, safe_url
from kengir_geo.map.rich_text import reported_by, rich_md, rich_plain

# Our source kinds -> CSL item types.
CSL_TYPES = {
    "encyclopedia": "entry-encyclopedia",
    "magazine": "article-magazine",
    "article": "article-journal",
    "book": "book",
    "archive": "manuscript",
    "dataset": "dataset",
    "exhibition": "webpage",
    "survey": "report",
}


def csl_item(source: Source, sources: Mapping[str, Source]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": source.id,
        "type": CSL_TYPES.get(source.kind, "document"),
        "title": source.title,
    }
    if source.author:
        item["author"] = [{"literal": source.author}]
    year = str(source.year or "")
    if year.isdigit():
        item["issued"] = {"date-parts": [[int(year)]]}
    elif year:
        item["issued"] = {"literal": year}
    if source.url:
        item["URL"] = source.url
    if source.published:
        item["container-title"] = source.published
    if source.language:
        item["language"] = source.language
    if source.note:
        item["note"] = rich_plain(source.note, sources)
    return item


def csl_json(atlas: Atlas) -> list[dict[str, Any]]:
    return [csl_item(s, atlas.sources) for s in atlas.sources.values()]


def citation_counts(atlas: Atlas) -> Counter:
    """How many features cite each source."""
    counts: Counter = Counter()
    for layer in atlas.layers.values():
        for cited in layer.frame["sources"]:
            counts.update(set(cited or []))
    return counts


def markdown(atlas: Atlas, lang: str = "en") -> str:
    """The bibliography to read, in `lang`: each work as it is cited, its full entry, whether
    we read it (or who reports it), and how many map features cite it. Titles of works stay
    in their own language."""
    t = translator(lang)
    counts = citation_counts(atlas)
    title = md(atlas.settings.title)
    lines = [
        "# " + t.gettext("Sources"),
        "",
        t.gettext(
            "Every work the atlas {title} cites, with how many map features cite it. Works we "
            "did not read ourselves are cited only as another work reports them."
        ).format(title=title),
        "",
    ]
    ordered = sorted(atlas.sources.values(), key=lambda s: (str(s.author).lower(), s.title.lower()))
    for source in ordered:
        parts = [md(source.author)] if source.author else []
        parts.append(f"*{md(source.title)}*")
        year = f" ({md(source.year)})" if source.year not in (None, "", "n.d.") else ""
        where = f", {md(source.published)}" if source.published else ""
        link = safe_url(source.url)
        url = f" <{link}>" if link and not re.search(r"[<>]", link) else ""
        lines.append(f"- **{md(source.name)}**: {', '.join(parts)}{year}{where}.{url}")
        read = (
            t.gettext("Read for this atlas.")
            if source.read
            else md(
                t.gettext("Not read by us{reported_by}.").format(
                    reported_by=reported_by(source, atlas.sources, lang)
                )
            )
        )
        lines.append(f"  {read}")
        if source.note:
            lines.append(f"  {rich_md(source.note, atlas.sources, lang)}")
        count = counts.get(source.id, 0)
        cited = t.ngettext("Cited by {count} feature.", "Cited by {count} features.", count)
        lines.append("  " + cited.format(count=t.number(count)))
    return "\n".join(lines) + "\n"
