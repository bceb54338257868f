"""The legend: what the colours and the certainty marks mean. One map control, no icon fonts."""

from __future__ import annotations

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.settings import Settings
from kengir_geo.i18n import translator
from kengir_geo.map.assets import client_text
from kengir_geo.map.escape import esc
from kengir_geo.map.styles import (
    CATEGORY_COLORS,
    CERTAINTY_MARKS,
    HIGHLIGHT_COLOR,
    PAST_COLOR,
    PHASE_LABELS,
    layer_color,
)


def line_swatch(color: str, dash: str | None = None, opacity: float = 0.9, width: int = 3) -> str:
    """A short line drawn as inline SVG, so the legend shows the very dash the map uses."""
    dash_attr = f' stroke-dasharray="{esc(dash)}"' if dash else ""
    return (
        f'<svg width="34" height="10" aria-hidden="true"><line x1="1" y1="5" x2="33" y2="5" '
        f'stroke="{esc(color)}" stroke-width="{width}" stroke-opacity="{opacity}"{dash_attr}/></svg>'
    )


def area_swatch(color: str, pattern: str | None = None) -> str:
    """A small filled square, hatched as the map hatches it, so the legend needs no colour
    vision to be read."""
    lines = ""
    if pattern in ("hatch", "cross"):
        lines = '<line x1="0" y1="14" x2="14" y2="0" stroke="#000" stroke-opacity=".55" stroke-width="2.5"/>'
        if pattern == "cross":
            lines += '<line x1="0" y1="0" x2="14" y2="14" stroke="#000" stroke-opacity=".55" stroke-width="2.5"/>'
    return (
        f'<svg width="34" height="14" aria-hidden="true"><g transform="translate(10 0)">'
        f'<rect width="14" height="14" fill="{esc(color)}" fill-opacity=".8" stroke="#333"/>'
        f"{lines}</g></svg>"
    )


def _row(swatch: str, text: str) -> str:
    return f'<div class="kg-legend-row">{swatch}<span>{esc(text)}</span></div>'


def legend_html(atlas: Atlas | None = None, open_: bool = True, lang: str = "en") -> str:
    """The legend's HTML: layer colours (when an atlas is given), event categories, certainty
    marks, and how a feature looks on, before and around the chosen day."""
    _ = translator(lang).gettext
    opened = " open" if open_ else ""

    def head(text: str) -> str:
        return f'<div class="kg-legend-head">{esc(text)}</div>'

    legend = esc(_("Legend"))
    rows = [f'<details class="kg-legend"{opened}><summary>{legend}</summary>']
    if atlas is not None:
        rows.append(head(_("Layers")))
        for layer in atlas.layers.values():
            if layer.group != "basemap" and layer.type != "events":
                rows.append(_row(line_swatch(layer_color(layer.style, None)), layer.title))
        for layer in atlas.layers.values():
            states = layer.style.get("state_colors") or {}
            patterns = layer.style.get("state_patterns") or {}
            if states:  # under the layer's own heading, so each row stays one short line
                rows.append(f'<div class="kg-legend-head">{esc(layer.title)}</div>')
            for state, color in states.items():
                pattern = patterns.get(state)
                swatch = (
                    line_swatch(color, "10 7", width=5)
                    if pattern == "dashes"
                    else area_swatch(color, pattern)
                )
                rows.append(_row(swatch, atlas.settings.label("state", state)))
    rows.append(head(_("Events")))
    labels = atlas.settings if atlas else Settings()
    for category, color in CATEGORY_COLORS.items():
        rows.append(_row(line_swatch(color, width=6), labels.label("category", category)))
    rows.append(head(_("Where it is drawn")))
    for mark in CERTAINTY_MARKS.values():
        rows.append(_row(line_swatch("#333", mark.dash), _(mark.label)))
    rows.append(head(_("On the chosen day")))
    rows.append(_row(line_swatch("#333", width=6), _(PHASE_LABELS["sure"])))
    rows.append(_row(line_swatch("#333", opacity=0.45), _(PHASE_LABELS["maybe"])))
    rows.append(_row(line_swatch(PAST_COLOR, opacity=0.45), _(PHASE_LABELS["past"])))
    rows.append(_row(line_swatch(HIGHLIGHT_COLOR, width=6), _("gold: named in this chapter")))
    rows.append(_row(line_swatch("#ffd000", width=8), _("gold outline: changed on this day")))
    rows.append("</details>")
    return "".join(rows)


LEGEND_CSS = client_text("legend.css")
