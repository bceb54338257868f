"""The lesson control (client/lesson.js) over a TimeMap: a lesson's steps, predict then reveal."""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.template import Template

from kengir_geo.i18n import N_, translator
from kengir_geo.i18n.dates import browser_locale
from kengir_geo.map.assets import client_text
from kengir_geo.map.escape import script_json
from kengir_geo.map.plugin_words import story_strings
from kengir_geo.map.timemap import TimeMap, add_assets
from kengir_geo.story.lessons import far_off_words

# Every sentence the control says, besides how far off a guess was (story/lessons.py
# far_off_words, the same sentences the app says).
STRINGS = {
    "chapter_of": N_("Step {n} of {total}"),
    "show_chapter": N_("Press Next to show the step."),
    "intro_help": N_(
        "Press Next › (or PageDown) to go through the {n} steps. In a step that asks "
        "you to predict, answer first, then press Reveal."
    ),
}


def lesson_strings(lang: str = "en") -> dict[str, str]:
    """The control's sentences in `lang`. A count of days has the language's plural forms,
    one per CLDR category ("late_one", "late_few", "late_many", "late_other"): lesson.js picks
    one with Intl.PluralRules, so "2 дні" and "5 днів" both read right."""
    t = translator(lang)
    out = story_strings(lang)  # the story panel's own words (Previous, Next, Content note)
    out.update({key: t.gettext(text) for key, text in STRINGS.items()})
    out.update(far_off_words(lang))
    return out


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

    def __init__(self, time_map: TimeMap, config: dict[str, Any], lang: str = "en"):
        super().__init__()
        self._name = "LessonControl"
        self.time_map = time_map
        self.config = config
        self.lang = lang

    @property
    def config_json(self) -> str:
        return script_json(self.config)

    @property
    def options_json(self) -> str:
        return script_json(
            {"strings": lesson_strings(self.lang), "locale": browser_locale(self.lang)}
        )

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if isinstance(figure, Figure):
            add_assets(figure, offline=self.time_map.offline, story=True)
            css = client_text("lesson.css").replace("</style", "<\\/style")
            js = "\n".join(client_text(f) for f in ("lessoncore.js", "lesson.js"))
            js = js.replace("</script", "<\\/script")
            figure.header.add_child(Element(f"<style>{css}</style>"), name="kengir_lesson_css")
            figure.header.add_child(Element(f"<script>{js}</script>"), name="kengir_lesson_js")
        super().render(**kwargs)
