"""Popup and tooltip HTML for one feature. Every string from the data is escaped here.

Nothing from a layer, the bibliography or the claims is trusted as HTML; a source URL becomes a
link only when it is http(s).
"""

from __future__ import annotations

from kengir_geo.data.atlas import Claim, Source
from kengir_geo.map.escape import esc, safe_url
from kengir_geo.story.details import FeatureDetails


def source_html(source: Source) -> str:
    """'Author, Title (year)' with the title linked when the source has a safe URL."""
    title = esc(source.title)
    url = safe_url(source.url)
    if url:
        title = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    parts = [esc(source.author)] if source.author else []
    parts.append(title)
    year = f" ({esc(source.year)})" if source.year not in (None, "") else ""
    return ", ".join(parts) + year


def claim_html(claim: Claim, sources: dict[str, Source] | None = None) -> str:
    """A disputed figure: every value side by side, each with who gives it."""
    sources = sources or {}
    cells = []
    for value in claim.values:
        cited = ", ".join(esc(sources[s].title if s in sources else s) for s in value.sources)
        note = f"<br><small>{esc(value.note)}</small>" if value.note else ""
        cells.append(
            f"<td><b>{esc(value.value)}</b><br><small>{cited or 'no source'}</small>{note}</td>"
        )
    note = f'<div class="kg-note">{esc(claim.note)}</div>' if claim.note else ""
    return (
        f'<div class="kg-claim"><div>{esc(claim.item)}: the sources disagree</div>'
        f'<table class="kg-values"><tr>{"".join(cells)}</tr></table>{note}</div>'
    )


def _line(label: str, text: str) -> str:
    return f"<div><b>{esc(label)}:</b> {esc(text)}</div>" if text else ""


def _doubt(metres: float | None) -> str:
    if not metres:
        return ""
    if metres >= 1000:
        return f"within about {metres / 1000:g} km of the point drawn"
    return f"within about {metres:g} m of the point drawn"


def popup_html(details: FeatureDetails, all_sources: dict[str, Source] | None = None) -> str:
    """The whole story of one feature as escaped HTML: names, dates, description, certainty,
    disputed values side by side, and the citations."""
    d = details
    what = " · ".join(esc(x) for x in (d.layer_title, d.kind, d.state, d.category) if x)
    parts = [f'<div class="kg-popup"><div class="kg-title">{esc(d.name)}</div>']
    if d.names:
        parts.append(f'<div class="kg-names">{esc(" · ".join(d.names))}</div>')
    parts.append(f'<div class="kg-what">{what}</div>')
    parts.append(_line("When", d.when or "no date given"))
    if d.description:
        parts.append(f'<p class="kg-description">{esc(d.description)}</p>')
    parts.append(_line("How sure", d.certainty_explained))
    parts.append(_line("Location", _doubt(d.uncertainty_m)))
    parts.append(_line("Note", d.note))
    parts += [claim_html(c, all_sources) for c in d.claims]
    for key, value in d.extra.items():
        parts.append(_line(key, str(value)))
    cited = [f"<li>{source_html(s)}</li>" for s in d.sources]
    cited += [f"<li>{esc(s)} (source not in the bibliography)</li>" for s in d.unknown_sources]
    if cited:
        parts.append(f'<div class="kg-sources"><b>Sources</b><ol>{"".join(cited)}</ol></div>')
    else:
        parts.append("<div><b>Sources:</b> no source cited</div>")
    parts.append("</div>")
    return "".join(p for p in parts if p)


def tooltip_html(name: object, phase_note: str = "") -> str:
    """The name on hover, escaped, with a short note such as '(perhaps on this day)'."""
    note = f" <i>{esc(phase_note)}</i>" if phase_note else ""
    return f"{esc(name)}{note}"


POPUP_CSS = """
.kg-popup { font: 13px/1.35 system-ui, sans-serif; max-width: 340px; }
.kg-popup .kg-title { font-weight: 700; font-size: 15px; }
.kg-popup .kg-names, .kg-popup .kg-what { color: #555; font-size: 12px; }
.kg-popup .kg-description { margin: 6px 0; }
.kg-popup ol { margin: 2px 0 0 0; padding-left: 18px; }
.kg-popup .kg-claim { margin: 6px 0; padding: 4px; background: #fdf2e9; border-left: 3px solid #c0392b; }
.kg-popup table.kg-values td { vertical-align: top; padding: 2px 8px 2px 0; }
.kg-popup .kg-note { font-size: 12px; color: #555; }
"""
