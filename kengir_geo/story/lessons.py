"""A lesson's steps over the atlas: what each step's map shows, what it cites, and how far a
pupil's guess was from the answer. The app, the handout and the frozen export all ask here."""

from __future__ import annotations

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


def number_of(text: str) -> float | None:
    """A typed number ("1,046", " 46 "), or None."""
    try:
        return float(str(text).replace(",", "").strip())
    except ValueError:
        return None


# What a pupil hears after Reveal (the frozen lesson's lesson.js says the same, from
# map/lesson_control.py); the plural ones are (singular, plural) for ngettext.
FAR_OFF = {
    "no_guess": N_("You did not give a guess."),
    "not_number": N_("That guess is not a number."),
    "not_date": N_("That guess is not a date written YYYY-MM-DD."),
    "exact": N_("Your guess was exactly right."),
    "high": N_("Your guess was {n} too high."),
    "low": N_("Your guess was {n} too low."),
    "same_day": N_("Your guess was the very day."),
    "right": N_("Your answer was right."),
    "wrong": N_("Your answer was not the one the sources give."),
}


def days_off_sentence(t: Translator, days: int) -> str:
    """'Your guess was {n} days late.' (days > 0) or '… early.' in the plural form the
    language takes for abs(days); {n} is left for the caller."""
    n = abs(days)
    if days > 0:
        return t.ngettext("Your guess was {n} day late.", "Your guess was {n} days late.", n)
    return t.ngettext("Your guess was {n} day early.", "Your guess was {n} days early.", n)


def how_far_off(predict: Predict, guess: str, lang: str = "en") -> str:
    """In words (in `lang`), how far a pupil's guess was from the answer."""
    t = translator(lang)
    guess = str(guess).strip()
    if not guess:
        return t.gettext(FAR_OFF["no_guess"])
    if predict.kind == "number":
        wanted, given = number_of(predict.answer), number_of(guess)
        if given is None or wanted is None:
            return t.gettext(FAR_OFF["not_number"])
        off = given - wanted
        if off == 0:
            return t.gettext(FAR_OFF["exact"])
        said = FAR_OFF["high" if off > 0 else "low"]
        return t.gettext(said).format(n=t.number(abs(off)))
    if predict.kind == "date":
        wanted_day, given_day = _day(predict.answer), parse_typed_day(guess, lang)
        if given_day is None or wanted_day is None:
            return t.gettext(FAR_OFF["not_date"])
        days = (given_day - wanted_day).days
        if days == 0:
            return t.gettext(FAR_OFF["same_day"])
        return days_off_sentence(t, days).format(n=t.number(abs(days)))
    if guess == predict.answer:
        return t.gettext(FAR_OFF["right"])
    return t.gettext(FAR_OFF["wrong"])


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
