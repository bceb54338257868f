"""A lesson's steps over the atlas: what each step's map shows, what it cites, and how far a
pupil's guess was from the answer. The app, the handout and the frozen export all ask here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.dates import try_parse_date
from kengir_geo.data.lessons import Compare, Lesson, Predict, Step
from kengir_geo.i18n import translator
from kengir_geo.i18n.dates import format_span
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


def step_view(atlas: Atlas, step: Step) -> StepView:
    """The step's own day, camera and layers, else its chapter's."""
    chapter = next((c for c in atlas.chapters if c.id == step.chapter), None)
    focus = atlas.settings.focus
    if chapter is not None:
        day = _day(step.date) or chapter_day(chapter)
        return StepView(
            day=day,
            day_label="" if step.date else day_label(chapter),
            when=clock_label(focus, day) if step.date else chapter_when(chapter, focus),
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
        day_label="" if span.is_exact_day else format_span(span),
        when=clock_label(focus, span.earliest) if span.is_exact_day else format_span(span),
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


def step_when(atlas: Atlas, step: Step, revealed: bool = False) -> str:
    """The step's day in words; once a predict step is revealed, the day the map moved to."""
    activity = step.activity
    moved = _day(activity.reveal_date) if revealed and isinstance(activity, Predict) else None
    return clock_label(atlas.settings.focus, moved) if moved else step_view(atlas, step).when


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
# The one place they are worded; the frozen lesson's browser gets them (far_off_words). They go
# through gettext; they join the catalogues with the rest of the lesson pages' words.
FAR_OFF_WORDS = {
    "no_guess": "You did not give a guess.",
    "not_number": "That guess is not a number.",
    "not_date": "That guess is not a date written YYYY-MM-DD.",
    "exact": "Your guess was exactly right.",
    "very_day": "Your guess was the very day.",
    "high": "Your guess was {n} too high.",
    "low": "Your guess was {n} too low.",
    "late": "Your guess was {n} days late.",
    "late_one": "Your guess was {n} day late.",
    "early": "Your guess was {n} days early.",
    "early_one": "Your guess was {n} day early.",
    "right": "Your answer was right.",
    "wrong": "Your answer was not the one the sources give.",
}
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")
_DAY = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,2})")


def number_of(text: str) -> float | None:
    """A typed number ("1,046", " 46 "), or None: thousands commas are dropped."""
    cleaned = str(text).replace(",", "").strip()
    return float(cleaned) if _NUMBER.fullmatch(cleaned) else None


def _typed_day(text: str) -> date | None:
    """A day written YYYY-MM-DD that the calendar has, or None (a guess, not a source date)."""
    match = _DAY.fullmatch(str(text).strip())
    try:
        return date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def far_off(predict: Predict, guess: str) -> tuple[str, float]:
    """(key of FAR_OFF_WORDS, its number): how far a guess was from the answer.
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
            wanted_day, given_day = _typed_day(predict.answer), _typed_day(guess)
            off = None if wanted_day is None or given_day is None else (given_day - wanted_day).days
        if off is None:
            return ("not_number" if predict.kind == "number" else "not_date"), 0
        if off == 0:
            return ("exact" if predict.kind == "number" else "very_day"), 0
        if predict.kind == "number":
            return ("high" if off > 0 else "low"), abs(off)
        return ("late" if off > 0 else "early") + ("_one" if abs(off) == 1 else ""), abs(off)
    return ("right" if guess == predict.answer.strip() else "wrong"), 0


def far_off_words(lang: str = "en") -> dict[str, str]:
    """FAR_OFF_WORDS in the reader's language (for the frozen lesson's browser)."""
    gettext = translator(lang).gettext
    return {key: gettext(text) for key, text in FAR_OFF_WORDS.items()}


def how_far_off(predict: Predict, guess: str, lang: str = "en") -> str:
    """In words, how far a pupil's guess was from the answer."""
    key, n = far_off(predict, guess)
    return far_off_words(lang)[key].format(n=translator(lang).number(n))


def place_options(atlas: Atlas, predict: Predict) -> list[tuple[str, str]]:
    """For a place answer: (id, name) of every feature in the answer's layer, by name, so a
    pupil can pick a place by keyboard as well as by clicking the map."""
    for layer in atlas.layers.values():
        frame = layer.frame
        if (frame["id"] == predict.answer).any():
            pairs = {str(i): str(n) for i, n in zip(frame["id"], frame["name"], strict=True)}
            return sorted(pairs.items(), key=lambda pair: pair[1])
    return []
