"""The lesson control (client/lesson.js) over a TimeMap: a lesson's steps, predict then reveal."""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.template import Template

from kengir_geo.map.assets import client_text
from kengir_geo.map.escape import script_json
from kengir_geo.map.timemap import TimeMap, add_assets

# Every sentence the control says; a translation gives its own.
STRINGS = {
    "chapter_of": "Step {n} of {total}",
    "show_chapter": "Press Next to show the step.",
    "intro_help": "Press Next › (or PageDown) to go through the {n} steps. In a step that asks "
    "you to predict, answer first, then press Reveal.",
    "no_guess": "You did not give a guess.",
    "not_number": "That guess is not a number.",
    "not_date": "That guess is not a date.",
    "exact": "Your guess was exactly right.",
    "high": "Your guess was {n} too high.",
    "high_one": "Your guess was {n} too high.",
    "low": "Your guess was {n} too low.",
    "low_one": "Your guess was {n} too low.",
    "late": "Your guess was {n} days late.",
    "late_one": "Your guess was {n} day late.",
    "early": "Your guess was {n} days early.",
    "early_one": "Your guess was {n} day early.",
    "right": "Your answer was right.",
    "wrong": "Your answer was not the one the sources give.",
}


class LessonControl(MacroElement):
    """`config` as export/lesson_html.lesson_config builds it (story_config's shape)."""

    _template = Template(
        "{% macro script(this, kwargs) %}\n"
        "    var {{ this.get_name() }} = L.control.lesson(\n"
        "        {{ this.time_map.get_name() }},\n"
        "        {{ this.config_json }},\n"
        "        {{ this.options_json }}\n"
        "    ).addTo({{ this.time_map._parent.get_name() }}).start();\n"
        "{% endmacro %}\n"
    )

    def __init__(self, time_map: TimeMap, config: dict[str, Any]):
        super().__init__()
        self._name = "LessonControl"
        self.time_map = time_map
        self.config = config

    @property
    def config_json(self) -> str:
        return script_json(self.config)

    @property
    def options_json(self) -> str:
        return script_json({"strings": STRINGS})

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if isinstance(figure, Figure):
            add_assets(figure, offline=self.time_map.offline, story=True)
            css = client_text("lesson.css").replace("</style", "<\\/style")
            js = client_text("lesson.js").replace("</script", "<\\/script")
            figure.header.add_child(Element(f"<style>{css}</style>"), name="kengir_lesson_css")
            figure.header.add_child(Element(f"<script>{js}</script>"), name="kengir_lesson_js")
        super().render(**kwargs)
