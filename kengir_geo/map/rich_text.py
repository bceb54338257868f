"""Reader text with its citations rendered: `{cite:ID}` becomes "Dunn (2021)", linked to the
work where it has a safe URL. One function per output: HTML, Markdown, plain text.

Every plain piece goes through the one escaper of its output; a citation names a work only by
the `short` name the bibliography gives it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kengir_geo.data.atlas import Source
from kengir_geo.data.citations import CiteGroup, citation_parts
from kengir_geo.i18n import N_, translator
from kengir_geo.map.escape import esc, md, safe_url

NOT_IN_BIBLIOGRAPHY = N_("a work not in the bibliography")


def _name(
    source_id: str, sources: Mapping[str, Source], lang: str = "en"
) -> tuple[str, str | None]:
    source = sources.get(source_id)
    if source is None:
        return translator(lang).gettext(NOT_IN_BIBLIOGRAPHY), None
    return source.name, safe_url(source.url)


def _group_html(group: CiteGroup, sources: Mapping[str, Source], lang: str = "en") -> str:
    names = []
    for source_id in group.source_ids:
        name, url = _name(source_id, sources, lang)
        names.append(
            f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(name)}</a>'
            if url
            else esc(name)
        )
    text = "; ".join(names)
    return f'<span class="kg-cite">({text})</span>' if group.bracketed else text


def _group_md(group: CiteGroup, sources: Mapping[str, Source], lang: str = "en") -> str:
    names = []
    for source_id in group.source_ids:
        name, url = _name(source_id, sources, lang)
        names.append(f"[{md(name)}](<{url.replace('>', '%3E')}>)" if url else md(name))
    text = "; ".join(names)
    return f"\\({text}\\)" if group.bracketed else text


def cite_md(source_ids: list[str], sources: Mapping[str, Source], lang: str = "en") -> str:
    """'Dunn (2021); English Wikipedia, …' as Markdown, each name linked where it can be."""
    return _group_md(CiteGroup(tuple(source_ids), bracketed=False), sources, lang)


def sources_md(
    source_ids: list[str] | tuple[str, ...], sources: Mapping[str, Source], lang: str = "en"
) -> str:
    """The citation line under a text: 'Sources: Dunn (2021); English Wikipedia' as Markdown,
    in the reader's language, each name linked where it can be; '' when nothing is cited."""
    if not source_ids:
        return ""
    return _sources_line(lang).format(works=cite_md(list(source_ids), sources, lang))


def sources_html(
    source_ids: list[str] | tuple[str, ...], sources: Mapping[str, Source], lang: str = "en"
) -> str:
    """The same citation line as HTML."""
    if not source_ids:
        return ""
    works = _group_html(CiteGroup(tuple(source_ids), bracketed=False), sources, lang)
    return esc(_sources_line(lang)).format(works=works)


def _sources_line(lang: str) -> str:
    return translator(lang).gettext("Sources: {works}")


def rich_html(text: object, sources: Mapping[str, Source], lang: str = "en") -> str:
    """One paragraph of reader text as HTML."""
    return "".join(
        esc(part) if isinstance(part, str) else _group_html(part, sources, lang)
        for part in citation_parts(str(text))
    )


def rich_md(text: object, sources: Mapping[str, Source], lang: str = "en") -> str:
    """Reader text as inert Markdown, blank-line paragraphs kept."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text)) if p.strip()]
    rendered = []
    for paragraph in paragraphs:
        flat = " ".join(paragraph.split())
        rendered.append(
            "".join(
                md(part) if isinstance(part, str) else _group_md(part, sources, lang)
                for part in citation_parts(flat)
            )
        )
    return "\n\n".join(rendered)


def rich_plain(text: object, sources: Mapping[str, Source], lang: str = "en") -> str:
    """Reader text as plain characters (tooltips, screen-reader summaries, exports)."""
    out = []
    for part in citation_parts(str(text)):
        if isinstance(part, str):
            out.append(part)
        else:
            names = "; ".join(_name(s, sources, lang)[0] for s in part.source_ids)
            out.append(f"({names})" if part.bracketed else names)
    return "".join(out)


def reporters(source: Source, sources: Mapping[str, Source], lang: str = "en") -> str:
    """'Dunn (2021) and Barnes (2011)': the works through which we know an unread one; ''
    for a work we read."""
    if source.read or not source.via:
        return ""
    names = [_name(v, sources, lang)[0] for v in source.via]
    if len(names) == 1:
        return names[0]
    both = translator(lang).gettext("{works} and {last}")
    return both.format(works=", ".join(names[:-1]), last=names[-1])


def reported_by(source: Source, sources: Mapping[str, Source], lang: str = "en") -> str:
    """', as reported by Dunn (2021)' for a work we know only second-hand, else ''."""
    works = reporters(source, sources, lang)
    if not works:
        return ""
    return translator(lang).gettext(", as reported by {works}").format(works=works)
