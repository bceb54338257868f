"""Popup and tooltip HTML for one feature. Every string from the data is escaped here.

Nothing from a layer, the bibliography or the claims is trusted as HTML; a source URL becomes a
link only when it is http(s).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kengir_geo.data.atlas import Atlas, Claim, Layer, Source
from kengir_geo.i18n import translator
from kengir_geo.map.escape import esc, safe_url
from kengir_geo.map.rich_text import reported_by, rich_html
from kengir_geo.story.details import (
    CERTAINTY_EXPLAINED,
    FeatureDetails,
    describe_when,
    details_layout,
    plain_text,
    string_list,
)


def source_html(
    source: Source, sources: Mapping[str, Source] | None = None, lang: str = "en"
) -> str:
    """'Author, Title (year), where published', the title linked when the source has a safe
    URL, and for a work we have not read, who reports it."""
    title = esc(source.title)
    url = safe_url(source.url)
    if url:
        title = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    parts = [esc(source.author)] if source.author else []
    parts.append(title)
    year = f" ({esc(source.year)})" if source.year not in (None, "", "n.d.") else ""
    where = f", {esc(source.published)}" if source.published else ""
    return ", ".join(parts) + year + where + esc(reported_by(source, sources or {}, lang))


def claim_html(claim: Claim, sources: Mapping[str, Source] | None = None, lang: str = "en") -> str:
    """A disputed figure: every value side by side, each with who gives it."""
    _ = translator(lang).gettext
    no_source = esc(_("no source"))
    disagree = esc(_("{item}: the sources disagree").format(item=claim.item))
    sources = sources or {}
    cells = []
    for value in claim.values:
        cited = "; ".join(
            esc(sources[s].name) if s in sources else esc(_("a work not in the bibliography"))
            for s in value.sources
        )
        note = f"<br><small>{rich_html(value.note, sources)}</small>" if value.note else ""
        cells.append(
            f"<td><b>{esc(value.value)}</b><br><small>{cited or no_source}</small>{note}</td>"
        )
    note = f'<div class="kg-note">{rich_html(claim.note, sources)}</div>' if claim.note else ""
    return (
        f'<div class="kg-claim"><div>{disagree}</div>'
        f'<table class="kg-values"><tr>{"".join(cells)}</tr></table>{note}</div>'
    )


def _line(label: str, text: str) -> str:
    """A labelled line; the label comes translated."""
    return f"<div><b>{esc(label)}:</b> {esc(text)}</div>" if text else ""


def popup_body(
    details: FeatureDetails, all_sources: Mapping[str, Source] | None = None, lang: str = "en"
) -> str:
    """Everything about one feature but its name, as escaped HTML, laid out as
    story.details.details_layout says (the panel beside the app's map follows it too)."""
    d = details
    all_sources = all_sources or {}
    html = []
    for part in details_layout(d, lang):
        if part.kind == "names":
            html.append(f'<div class="kg-names">{esc(part.text)}</div>')
        elif part.kind == "what":
            html.append(f'<div class="kg-what">{esc(part.text)}</div>')
        elif part.kind == "fact":
            html.append(_line(part.label, part.text))
        elif part.kind == "text":
            html.append(f'<p class="kg-description">{rich_html(part.text, all_sources)}</p>')
        elif part.kind == "note":
            html.append(f'<div class="kg-note">{rich_html(part.text, all_sources)}</div>')
        elif part.kind == "claim" and part.claim is not None:
            html.append(claim_html(part.claim, all_sources, lang))
        elif part.kind == "sources":
            html.append(sources_html(d.sources, d.unknown_sources, all_sources, lang))
    return "".join(h for h in html if h)


def sources_html(
    cited: Iterable[Source],
    unknown: Iterable[str],
    all_sources: Mapping[str, Source],
    lang: str = "en",
) -> str:
    """The list of works a feature cites (the popup's last part)."""
    _ = translator(lang).gettext
    items = [f"<li>{source_html(s, all_sources, lang)}</li>" for s in cited]
    missing = _("{work}: source not in the bibliography")
    items += [f"<li>{esc(missing.format(work=s))}</li>" for s in unknown]
    if not items:
        label, none = esc(_("Sources:")), esc(_("no source cited"))
        return f"<div><b>{label}</b> {none}</div>"
    heading = esc(_("Sources"))
    return f'<div class="kg-sources"><b>{heading}</b><ol>{"".join(items)}</ol></div>'


def shared_popup_part(atlas: Atlas, layer: Layer, row: Mapping[str, Any], lang: str = "en") -> str:
    """For a layer of thousands: the part of a popup features share (layer, dates, how sure,
    sources), so they refer to a few texts instead of carrying one each."""
    certainty = plain_text(row.get("certainty")) or "unknown"
    cited = string_list(row.get("sources"))
    known = [atlas.sources[s] for s in cited if s in atlas.sources]
    unknown = [s for s in cited if s not in atlas.sources]
    when = describe_when(row.get("start"), row.get("end"), layer.type, lang)
    _ = translator(lang).gettext
    return (
        f'<div class="kg-what">{esc(layer.title)}</div>'
        + _line(_("When"), when or _("no date given"))
        + _line(_("What and when"), _(CERTAINTY_EXPLAINED.get(certainty, certainty)))
        + sources_html(known, unknown, atlas.sources, lang)
    )


FIRST_FIELDS = ("id", "name", "start", "end", "certainty", "sources", "description")


def _value_html(value: Any) -> str:
    if isinstance(value, list):
        return esc("; ".join(str(v) for v in value))
    url = safe_url(value)
    if url:
        return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(url)}</a>'
    return esc(value)


def properties_table(props: Mapping[str, Any]) -> str:
    """A layer of anyone's (an upload, a GeoDataFrame): all its properties as an escaped
    two-column table, the contract's first. A value is a link only when it is an http(s) URL."""
    keys = [k for k in FIRST_FIELDS if k in props] + sorted(
        (k for k in props if k not in FIRST_FIELDS), key=str
    )
    rows = "".join(
        f"<tr><th style='text-align:left;padding-right:8px'>{esc(k)}</th>"
        f"<td>{_value_html(props[k])}</td></tr>"
        for k in keys
    )
    return f"<table class='kg-preview'>{rows}</table>"


POPUP_CSS = """
.kg-popup { font: 13px/1.35 system-ui, sans-serif; max-width: 340px; }
.kg-popup .kg-title { font-weight: 700; font-size: 15px; }
.kg-popup .kg-names, .kg-popup .kg-what { color: #555; font-size: 12px; }
.kg-popup .kg-description { margin: 6px 0; }
.kg-popup ol { margin: 2px 0 0 0; padding-left: 18px; }
.kg-popup .kg-claim { margin: 6px 0; padding: 4px; background: #fdf2e9; border-left: 3px solid #c0392b; }
.kg-popup table.kg-values td { vertical-align: top; padding: 2px 8px 2px 0; }
.kg-popup .kg-note { font-size: 12px; color: #444; margin: 4px 0; }
.kg-popup .kg-cite { color: #444; }
"""
