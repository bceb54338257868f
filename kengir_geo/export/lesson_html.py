"""A lesson frozen into one offline HTML file: only its steps, stamped with the atlas version and
the day it was taught, so that it still runs as taught after the data has changed.

The page is the offline export's (export/html.py): a folium.Map with the time map and the whole
atlas's payload, and the lesson control (map/lesson_control.py) fed with the lesson's steps.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.atomic import atomic_write
from kengir_geo.data.lessons import Compare, Discuss, Lesson, Observe, Predict, Step
from kengir_geo.export.html import ExportError, sources_line, time_map_page
from kengir_geo.i18n import N_, translator
from kengir_geo.i18n.dates import format_day
from kengir_geo.i18n.review import translation_notice
from kengir_geo.map.assets import remote_references
from kengir_geo.map.escape import esc
from kengir_geo.map.lesson_control import LessonControl
from kengir_geo.map.render import stable_html
from kengir_geo.map.rich_text import rich_html, sources_html
from kengir_geo.story.lessons import (
    answer_words,
    place_options,
    reveal_day,
    step_view,
    step_when,
)
from kengir_geo.story.periods import period_for, periods

# Words put inside the page's markup (marked here for the catalogues)
GUESS_NUMBER = N_("Your guess (a number)")
GUESS_DATE = N_("Your guess (a date, written YYYY-MM-DD)")
IN_ENGLISH = N_("Not translated yet: shown in English.")
PREDICT = N_("Predict:")
REVEAL = N_("Reveal")
WHAT_HAPPENED = N_("What happened")
THE_ANSWER = N_("The answer:")
COMPARE_SOURCES = N_("Compare the sources:")
WORK_SAYS = N_("What the work says")
WHO_SAYS = N_("Who says it")
CONTENT_NOTE = N_("Content note.")


def atlas_version(root: Path) -> str:
    """A short fingerprint of the geodata's content (paths and bytes, not times): the same
    files give the same version on any machine."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _paragraphs(text: str, atlas: Atlas) -> str:
    return "".join(f"<p>{rich_html(p, atlas.sources)}</p>" for p in text.split("\n\n") if p.strip())


def _prompts(label: str, prompts: tuple[str, ...], atlas: Atlas) -> str:
    if not prompts:
        return ""
    items = "".join(f"<li>{rich_html(p, atlas.sources)}</li>" for p in prompts)
    return f'<p><b>{esc(label)}</b></p><ul class="kg-prompts">{items}</ul>'


def _guess_field(atlas: Atlas, predict: Predict, number: int, lang: str = "en") -> str:
    """The input for the answer's kind, labelled, keyboard operable."""
    if predict.kind in ("choice", "place"):
        options = predict.choices
        if predict.kind == "place":
            options = tuple(name for _, name in place_options(atlas, predict))
        return "".join(
            f'<label><input type="radio" name="guess" value="{esc(c)}"> {esc(c)}</label>'
            for c in options
        )
    # a day is typed as text: a date field shows the browser's format, not the reader's
    # (lesson.js reads the reader's digits or ISO, as the go-to-date field does)
    number_kind = predict.kind == "number"
    field = f"kg-guess-{number}"
    label = translator(lang).gettext(GUESS_NUMBER if number_kind else GUESS_DATE)
    return (
        f'<label for="{field}">{esc(label)}</label>'
        f'<input id="{field}" name="guess" type="{"number" if number_kind else "text"}"'
        f"{' step=any' if number_kind else ' autocomplete=off'}>"
    )


def step_html(
    atlas: Atlas, step: Step, number: int, lang: str = "en", in_english: bool = False
) -> str:
    """A step's panel: its text, the chapter's narrative, the activity (escaped here), in
    `lang`; `in_english`: a text of it is not translated yet, and the panel says so."""
    t = translator(lang)
    view = step_view(atlas, step, lang)
    if in_english:
        return _step_body(atlas, step, number, lang, view) + (
            f'<p class="kg-untranslated">{esc(t.gettext(IN_ENGLISH))}</p>'
        )
    return _step_body(atlas, step, number, lang, view)


def _step_body(atlas: Atlas, step: Step, number: int, lang: str, view) -> str:
    t = translator(lang)
    html = _paragraphs(step.text, atlas)
    activity = step.activity
    if isinstance(activity, Predict):
        html += (
            f'<form class="kg-predict"><fieldset><legend><b>{esc(t.gettext(PREDICT))}</b> '
            f"{rich_html(activity.question, atlas.sources)}</legend>"
            f"{_guess_field(atlas, activity, number, lang)}</fieldset>"
            f'<button type="submit">{esc(t.gettext(REVEAL))}</button>'
            f'<div class="kg-reveal" hidden><h3 tabindex="-1">{esc(t.gettext(WHAT_HAPPENED))}'
            '</h3><p class="kg-off" role="status" aria-live="polite"></p>'
            f"<p><b>{esc(t.gettext(THE_ANSWER))}</b> {esc(answer_words(atlas, activity, lang))}</p>"
            f"{_paragraphs(activity.reveal, atlas)}{_paragraphs(view.narrative, atlas)}</div>"
            "</form>"
        )
        return html
    html += _paragraphs(view.narrative, atlas)
    if isinstance(activity, Observe):
        html += _prompts(t.gettext("Observe"), activity.observe, atlas)
        html += _prompts(t.gettext("Reflect"), activity.reflect, atlas)
        html += _prompts(t.gettext("Question"), activity.question, atlas)
    elif isinstance(activity, Compare):
        claim = atlas.claims.get(activity.claim)
        if claim is not None:
            rows = "".join(
                f"<tr><td>{esc(v.value)}</td>"
                f"<td>{sources_html(v.sources, atlas.sources, lang)}</td></tr>"
                for v in claim.values
                if not activity.sources or set(v.sources) & set(activity.sources)
            )
            html += (
                f"<p><b>{esc(t.gettext(COMPARE_SOURCES))}</b> {esc(claim.item)}</p>"
                '<table class="kg-compare"><tr>'
                f'<th scope="col">{esc(t.gettext(WORK_SAYS))}</th>'
                f'<th scope="col">{esc(t.gettext(WHO_SAYS))}</th></tr>{rows}</table>'
            )
        html += _prompts(t.gettext("Questions"), activity.questions, atlas)
    elif isinstance(activity, Discuss):
        html += _prompts(t.gettext("Discuss"), activity.questions, atlas)
    return html


def step_entries(atlas: Atlas, lesson: Lesson, lang: str = "en") -> list[dict[str, Any]]:
    """The steps as the lesson control needs them (the story panel's chapter shape)."""
    entries = []
    total = len(lesson.steps)
    warned: set[str] = set()  # a content note is shown once, before its first step
    for number, step in enumerate(lesson.steps, start=1):
        view = step_view(atlas, step, lang)
        predict = step.activity if isinstance(step.activity, Predict) else None
        in_english = lang != "en" and lesson.step_in_english(number)
        entry: dict[str, Any] = {
            "id": f"step-{number}",
            "number": number,
            "total": total,
            "title": esc(step.title),
            "when": esc(view.when),
            "html": step_html(atlas, step, number, lang, in_english),
            "warning": "" if view.content_note in warned else esc(view.content_note),
            "day": view.day.toordinal(),
            "day_label": esc(view.day_label),
            "frame": list(view.frame),
            "center": list(view.center) if view.center else None,
            "zoom": view.zoom,
            "layers": list(view.layers),
            "highlight": list(view.highlight),
            "sources": sources_line(atlas, view.highlight, lang),
        }
        warned.add(view.content_note)
        if predict is not None:
            entry["predict"] = {
                "kind": predict.kind,
                # what lesson.js compares a guess with: a place by its name, a day as ISO
                "answer": (
                    answer_words(atlas, predict, lang)
                    if predict.kind == "place"
                    else predict.answer
                ),
                "hide": list(predict.hide),
                "highlight": list(view.highlight),
                "reveal_day": reveal_day(atlas, step).toordinal(),
                "reveal_when": esc(step_when(atlas, step, revealed=True, lang=lang)),
            }
        entries.append(entry)
    return entries


def lesson_config(
    atlas: Atlas, lesson: Lesson, taught_on: date, lang: str = "en"
) -> dict[str, Any]:
    t = translator(lang)
    entries = step_entries(atlas, lesson, lang)
    first = date.fromordinal(entries[0]["day"]) if entries else None
    period = period_for(first, periods(atlas, lang)) if first else periods(atlas, lang)[0]
    view = atlas.settings.start_view
    stamp = t.gettext("As taught on {day}, with {atlas} version {version}.").format(
        day=format_day(taught_on, lang),
        atlas=atlas.settings.title,
        version=atlas_version(atlas.root),
    )
    intro = esc(lesson.summary)
    if lesson.content_note:
        intro += f"</p><p><b>{esc(t.gettext(CONTENT_NOTE))}</b> {esc(lesson.content_note)}"
    if lang != "en" and lesson.english:
        partly = t.gettext("Parts of this lesson are not translated yet and are shown in English.")
        intro += f"</p><p>{esc(partly)}"
    if notice := translation_notice(lang):  # a draft translation says so in every export
        intro += f'</p><p class="kg-translation-notice" role="note">{esc(notice)}'
    intro += f'</p><p class="kg-stamp">{esc(stamp)}'
    return {
        "chapters": entries,
        "start": -1,
        "day": None,
        "range": [period.first.toordinal(), period.last.toordinal()],
        "first_day": entries[0]["day"] if entries else period.first.toordinal(),
        "frame": list(view.frame),
        "center": list(view.center) if view.center else None,
        "zoom": view.zoom,
        "intro": intro,
        "title": esc(lesson.title),
        "slide": False,
        "stamp": esc(stamp),
        "lang": lang,
    }


def lesson_page(atlas: Atlas, lesson: Lesson, taught_on: date, lang: str = "en") -> str:
    """The frozen lesson's page; `atlas` and `lesson` already in `lang` (atlas_in,
    load_lessons), the words of the page and its dates in `lang` too."""
    config = lesson_config(atlas, lesson, taught_on, lang)
    page, fmap, time_map = time_map_page(
        atlas, config, f"{lesson.title} · {atlas.settings.title}", config["first_day"], lang
    )
    LessonControl(time_map, config, lang).add_to(fmap)
    return stable_html(page, "kg-lesson")


def export_lesson(
    atlas: Atlas, lesson: Lesson, out: Path, taught_on: date, lang: str = "en"
) -> Path:
    """Write the frozen lesson (atomically); ExportError when it would reach the network."""
    html = lesson_page(atlas, lesson, taught_on, lang)
    if remote := remote_references(html):
        raise ExportError(f"the lesson would load from the network: {remote[0]!r}")
    return atomic_write(Path(out), html)
