"""The story's chapters as a prev/next panel on the exported map.

Each chapter moves the map to its place, the time slider to its date and lights up the
features it names. The panel's HTML is built (and escaped) in Python; the template only
swaps it in.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from folium.template import Template

from kengir_geo.data.atlas import Atlas, Chapter
from kengir_geo.map.escape import esc
from kengir_geo.map.rich_text import rich_html
from kengir_geo.story.chapters import chapter_day, chapter_when


def chapter_html(chapter: Chapter, number: int, total: int, atlas: Atlas) -> str:
    when = chapter_when(chapter, atlas.settings.focus)
    paragraphs = "".join(
        f"<p>{rich_html(p, atlas.sources)}</p>"
        for p in chapter.narrative.split("\n\n")
        if p.strip()
    )
    return (
        f'<div class="kg-chapter-count">Chapter {number} of {total}</div>'
        f'<div class="kg-chapter-title">{esc(chapter.title)}</div>'
        f'<div class="kg-chapter-when">{esc(when)}</div>'
        f'<div class="kg-chapter-text">{paragraphs}</div>'
    )


INTRO_HTML = (
    '<div class="kg-chapter-title">The story, chapter by chapter</div>'
    '<div class="kg-chapter-text"><p>Drag the slider or press ▶ to play the days of '
    "{focus}. Press <b>Next ›</b> to walk through the {total} chapters; each one moves the "
    "map to its place and date. Click anything on the map to read what it is, when, how sure "
    "we are and who says so.</p></div>"
)


def chapter_entries(atlas: Atlas) -> list[dict[str, Any]]:
    total = len(atlas.chapters)
    entries = []
    for number, chapter in enumerate(atlas.chapters, start=1):
        day = chapter_day(chapter)
        entries.append(
            {
                "id": chapter.id,
                "html": chapter_html(chapter, number, total, atlas),
                "center": list(chapter.center),
                "zoom": chapter.zoom,
                "day": day.toordinal(),
                "highlight": list(chapter.highlight),
                "layers": list(chapter.layers) or None,  # None: every layer
            }
        )
    return entries


STORY_CSS = """
.kg-story { background: rgba(255,255,255,.95); padding: 8px 10px; border-radius: 4px;
  width: 340px; font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.kg-story-body { max-height: 42vh; overflow-y: auto; }
.kg-chapter-count { color: #666; font-size: 12px; }
.kg-chapter-title { font-weight: 700; font-size: 16px; }
.kg-chapter-when { color: #8e2a1e; font-size: 13px; margin-bottom: 4px; }
.kg-chapter-text p { margin: 4px 0; }
.kg-story-buttons { display: flex; justify-content: space-between; margin-top: 6px; }
.kg-story-buttons button { font-size: 14px; padding: 3px 10px; cursor: pointer; }
"""


class StoryPanel(MacroElement):
    """A control showing one chapter at a time with ‹ Previous / Next › buttons, after an
    opening card that says how to use the page.

    `slider` is the TimelineSlider to move; `timelines` (one per layer, ids in `layer_ids`) are
    shown or hidden as each chapter names them and restyled when its highlight changes.
    Needs window.kgSetDay(ordinal) defined before it (export.py's DayControl).
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var chapters = {{ this.chapters|tojson }};
            var map = {{ this._parent.get_name() }};
            var slider = {{ this.slider.get_name() }};
            var timelines = [{% for t in this.timelines %}{{ t.get_name() }},{% endfor %}];
            var layerIds = {{ this.layer_ids|tojson }};
            function showLayers(wanted) {  // a chapter shows the layers it names
                timelines.forEach(function (t, i) {
                    var on = !wanted || wanted.indexOf(layerIds[i]) >= 0;
                    if (on && !map.hasLayer(t)) { map.addLayer(t); }
                    if (!on && map.hasLayer(t)) { map.removeLayer(t); }
                });
            }
            var control = L.control({position: "topright"});
            var index = {{ this.start|tojson }};
            var intro = {{ this.intro|tojson }};
            control.onAdd = function () {
                var div = L.DomUtil.create("div", "kg-story");
                div.innerHTML = '<div class="kg-story-body"></div>' +
                    '<div class="kg-story-buttons"><button type="button" class="kg-prev">‹ Previous</button>' +
                    '<button type="button" class="kg-next">Next ›</button></div>';
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                div.querySelector(".kg-prev").addEventListener("click", function () { show(index - 1); });
                div.querySelector(".kg-next").addEventListener("click", function () { show(index + 1); });
                return div;
            };
            control.addTo(map);
            function show(i, moveView, moveDay) {
                var box = control.getContainer();
                index = Math.max(-1, Math.min(chapters.length - 1, i));
                box.querySelector(".kg-prev").disabled = index === -1;
                box.querySelector(".kg-next").disabled = index === chapters.length - 1;
                if (index === -1) {  // the opening card: how to use the page
                    box.querySelector(".kg-story-body").innerHTML = intro;
                    if (moveView !== false) { showLayers(null); }
                    window.kgHighlight = [];
                    timelines.forEach(function (t) { t.setStyle(t.options.style); });
                    return;
                }
                var chapter = chapters[index];
                box.querySelector(".kg-story-body").innerHTML = chapter.html;
                showLayers(chapter.layers);
                window.kgHighlight = chapter.highlight;
                timelines.forEach(function (t) { t.setStyle(t.options.style); });
                if (moveView !== false) { map.setView(chapter.center, chapter.zoom); }
                if (moveDay !== false && chapter.day !== null) { window.kgSetDay(chapter.day); }
            }
            window.kgShowChapter = show;
            window.kgTimelines = timelines;
            window.kgShowLayers = showLayers;
            show(index, {{ this.move_view|tojson }}, {{ this.move_day|tojson }});
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        atlas: Atlas,
        slider: Any,
        timelines: list[Any],
        layer_ids: list[str],
        start: int = -1,
        move_view: bool = True,
        move_day: bool = True,
    ):
        super().__init__()
        self._name = "StoryPanel"
        self.chapters = chapter_entries(atlas)
        self.slider = slider
        self.timelines = timelines
        self.layer_ids = layer_ids  # the layer id of each timeline
        self.start = start  # -1: the opening card
        focus = atlas.settings.focus
        self.intro = INTRO_HTML.format(
            total=len(self.chapters), focus=esc(focus.name if focus else "the story")
        )
        self.move_view = move_view  # on opening: go to the first chapter's place…
        self.move_day = move_day  # …and to its date
        self.css = STORY_CSS
