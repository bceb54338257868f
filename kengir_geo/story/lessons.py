"""A lesson's steps over the atlas: what each step's map shows, what it cites, and how far a
pupil's guess was from the answer. The app, the handout and the frozen export all ask here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.dates import try_parse_date
from kengir_geo.data.lessons import Compare, Lesson, Predict, Step
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


def how_far_off(predict: Predict, guess: str) -> str:
    """In words, how far a pupil's guess was from the answer."""
    guess = str(guess).strip()
    if not guess:
        return "You did not give a guess."
    if predict.kind == "number":
        wanted, given = number_of(predict.answer), number_of(guess)
        if given is None or wanted is None:
            return "That guess is not a number."
        off = given - wanted
        if off == 0:
            return "Your guess was exactly right."
        word = "too high" if off > 0 else "too low"
        return f"Your guess was {abs(off):g} {word}."
    if predict.kind == "date":
        wanted_day, given_day = _day(predict.answer), _day(guess)
        if given_day is None or wanted_day is None:
            return "That guess is not a date written YYYY-MM-DD."
        days = (given_day - wanted_day).days
        if days == 0:
            return "Your guess was the very day."
        unit = "day" if abs(days) == 1 else "days"
        return f"Your guess was {abs(days)} {unit} {'late' if days > 0 else 'early'}."
    if guess == predict.answer:
        return "Your answer was right."
    return "Your answer was not the one the sources give."


def place_options(atlas: Atlas, predict: Predict) -> list[tuple[str, str]]:
    """For a place answer: (id, name) of every feature in the answer's layer, by name, so a
    pupil can pick a place by keyboard as well as by clicking the map."""
    for layer in atlas.layers.values():
        frame = layer.frame
        if (frame["id"] == predict.answer).any():
            pairs = {str(i): str(n) for i, n in zip(frame["id"], frame["name"], strict=True)}
            return sorted(pairs.items(), key=lambda pair: pair[1])
    return []
