"""A lesson's steps over the atlas: what each step's map shows, what it cites, and how far a
pupil's guess was from the answer. The app, the handout and the frozen export all ask here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.dates import try_parse_date
from kengir_geo.data.lessons import Compare, Lesson, Predict, Step
from kengir_geo.i18n import N_, Translator, translator
from kengir_geo.i18n.dates import format_day, format_span, parse_typed_day
from kengir_geo.story.chapters import chapter_day, chapter_layers, chapter_when, day_label
from kengir_geo.story.links import default_layers
from kengir_geo.story.timeline import clock_label


@dataclass(frozen=True)
class StepView:
    """The map of one step: its day and camera, its layers and lit events, and the chapter
    text it borrows (hidden until the reveal in a predict step)."""

    day: date
    day_label: str  # for a partial date: what the clock says instead of the day
    when: str
    center: tuple[float, float] | None
    zoom: int | None
    frame: tuple[str, ...]
    layers: tuple[str, ...]
    highlight: tuple[str, ...]
    narrative: str = ""
    content_note: str = ""
    chapter: str | None = None


def _day(text: str | None) -> date | None:
    span = try_parse_date(text) if text else None
    return span.earliest if span else None


def step_view(atlas: Atlas, step: Step, lang: str = "en") -> StepView:
    """The step's own day, camera and layers, else its chapter's; its dates in `lang`."""
    chapter = next((c for c in atlas.chapters if c.id == step.chapter), None)
    focus = atlas.settings.focus
    if chapter is not None:
        day = _day(step.date) or chapter_day(chapter)
        return StepView(
            day=day,
            day_label="" if step.date else day_label(chapter, lang),
            when=clock_label(focus, day, lang) if step.date else chapter_when(chapter, focus, lang),
            center=step.center or chapter.center,
            zoom=step.zoom or chapter.zoom,
            frame=step.frame or chapter.frame,
            layers=step.layers or chapter_layers(atlas, chapter),
            highlight=step.highlight or chapter.highlight,
            narrative=chapter.narrative,
            content_note=chapter.content_note,
            chapter=chapter.id,
        )
    span = try_parse_date(step.date)
    if span is None:
        raise ValueError(f"step {step.title!r} has no chapter and no readable date")
    view = atlas.settings.start_view
    return StepView(
        day=span.earliest,
        day_label="" if span.is_exact_day else format_span(span, lang),
        when=clock_label(focus, span.earliest, lang)
        if span.is_exact_day
        else format_span(span, lang),
        center=step.center or view.center,
        zoom=step.zoom or view.zoom,
        frame=step.frame,
        layers=tuple(i for i in step.layers if i in atlas.layers) or default_layers(atlas),
        highlight=step.highlight,
    )


def reveal_day(atlas: Atlas, step: Step) -> date:
    """The day the map shows after a predict step's reveal."""
    activity = step.activity
    moved = _day(activity.reveal_date) if isinstance(activity, Predict) else None
    return moved or step_view(atlas, step).day


def step_when(atlas: Atlas, step: Step, revealed: bool = False, lang: str = "en") -> str:
    """The step's day in words (in `lang`); once a predict step is revealed, the day the map
    moved to."""
    activity = step.activity
    moved = _day(activity.reveal_date) if revealed and isinstance(activity, Predict) else None
    if moved:
        return clock_label(atlas.settings.focus, moved, lang)
    return step_view(atlas, step, lang).when


def lesson_sources(atlas: Atlas, lesson: Lesson) -> list[str]:
    """Every work a lesson rests on, in order: those its texts cite, then the sources of the
    claims it compares, then those of the events its steps light up."""
    cited = list(lesson.sources)
    for step in lesson.steps:
        if isinstance(step.activity, Compare):
            claim = atlas.claims.get(step.activity.claim)
            for value in claim.values if claim else ():
                chosen = step.activity.sources
                cited += [s for s in value.sources if not chosen or s in chosen]
        highlight = step_view(atlas, step).highlight
        for layer in atlas.layers.values():
            rows = layer.frame[layer.frame["id"].isin(highlight)]
            for sources in rows["sources"]:
                cited += list(sources)
    return [s for s in dict.fromkeys(cited) if s in atlas.sources]


# How far off a guess was: the sentence for each answer (`far_off` picks one, `{n}` its number).
# The one place they are worded; the frozen lesson's browser gets them (far_off_words). A count
# of days takes the language's plural forms (days_off_sentence).
FAR_OFF_WORDS = {
    "no_guess": N_("You did not give a guess."),
    "not_number": N_("That guess is not a number."),
    "not_date": N_("That guess is not a date written YYYY-MM-DD."),
    "exact": N_("Your guess was exactly right."),
    "very_day": N_("Your guess was the very day."),
    "high": N_("Your guess was {n} too high."),
    "low": N_("Your guess was {n} too low."),
    "right": N_("Your answer was right."),
    "wrong": N_("Your answer was not the one the sources give."),
}
DAYS_OFF = ("late", "early")  # the keys whose sentence counts days
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")


def number_of(text: str) -> float | None:
    """A typed number ("1,046", " 46 "), or None: thousands commas are dropped."""
    cleaned = str(text).replace(",", "").strip()
    return float(cleaned) if _NUMBER.fullmatch(cleaned) else None


def far_off(predict: Predict, guess: str, lang: str = "en") -> tuple[str, float]:
    """(key of FAR_OFF_WORDS or DAYS_OFF, its number): how far a guess was from the answer. A
    day is typed in the reader's digits or as ISO (i18n.dates.parse_typed_day).
    map/client/lessoncore.js farOff is the same rule for the frozen lesson; both are held to
    tests/far_off_cases.json."""
    guess = str(guess).strip()
    if not guess:
        return "no_guess", 0
    if predict.kind in ("number", "date"):
        if predict.kind == "number":
            wanted, given = number_of(predict.answer), number_of(guess)
            off = None if wanted is None or given is None else given - wanted
        else:
            wanted_day, given_day = _day(predict.answer), parse_typed_day(guess, lang)
            off = None if wanted_day is None or given_day is None else (given_day - wanted_day).days
        if off is None:
            return ("not_number" if predict.kind == "number" else "not_date"), 0
        if off == 0:
            return ("exact" if predict.kind == "number" else "very_day"), 0
        if predict.kind == "number":
            return ("high" if off > 0 else "low"), abs(off)
        return ("late" if off > 0 else "early"), abs(off)
    return ("right" if guess == predict.answer.strip() else "wrong"), 0


def days_off_sentence(t: Translator, days: int) -> str:
    """'Your guess was {n} days late.' (days > 0) or '… early.' in the plural form the
    language takes for abs(days); {n} is left for the caller."""
    n = abs(days)
    if days > 0:
        return t.ngettext("Your guess was {n} day late.", "Your guess was {n} days late.", n)
    return t.ngettext("Your guess was {n} day early.", "Your guess was {n} days early.", n)


def far_off_words(lang: str = "en") -> dict[str, str]:
    """Every sentence of FAR_OFF_WORDS in `lang`, and the days-off ones once per CLDR plural
    category ("late_one", "late_few", "late_many", "late_other"): the frozen lesson's browser
    picks one with Intl.PluralRules, so "2 дні" and "5 днів" both read right."""
    t = translator(lang)
    words = {key: t.gettext(text) for key, text in FAR_OFF_WORDS.items()}
    for key, sign in (("late", 1), ("early", -1)):
        for n in range(1, 200):  # the first number of each category picks its form
            words.setdefault(f"{key}_{t.locale.plural_form(n)}", days_off_sentence(t, sign * n))
        words[key] = days_off_sentence(t, sign * 100)  # when the browser knows no plural rules
    return words


def how_far_off(predict: Predict, guess: str, lang: str = "en") -> str:
    """In words (in `lang`), how far a pupil's guess was from the answer."""
    t = translator(lang)
    key, n = far_off(predict, guess, lang)
    if key in DAYS_OFF:
        sentence = days_off_sentence(t, int(n) if key == "late" else -int(n))
    else:
        sentence = t.gettext(FAR_OFF_WORDS[key])
    return sentence.format(n=t.number(n))


def place_options(atlas: Atlas, predict: Predict) -> list[tuple[str, str]]:
    """For a place answer: (id, name) of every feature in the answer's layer, by name, so a
    pupil can pick a place by keyboard as well as by clicking the map."""
    for layer in atlas.layers.values():
        frame = layer.frame
        if (frame["id"] == predict.answer).any():
            pairs = {str(i): str(n) for i, n in zip(frame["id"], frame["name"], strict=True)}
            return sorted(pairs.items(), key=lambda pair: pair[1])
    return []


def answer_words(atlas: Atlas, predict: Predict, lang: str = "en") -> str:
    """The answer as a reader reads it: a place's name, a day in words ("26 червня 1954 р."),
    else as written."""
    if predict.kind == "place":
        return dict(place_options(atlas, predict)).get(predict.answer, predict.answer)
    if predict.kind == "date" and (day := _day(predict.answer)) is not None:
        return format_day(day, lang)
    return predict.answer
