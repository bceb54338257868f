"""Lessons as data: `geodata/lessons/*.toml`, read into typed steps and checked.

A lesson is ordered steps. Each step points at a chapter (its day, camera and layers) or at a
day with a camera and layers of its own, and holds exactly one activity: observe (observe,
reflect and question prompts), predict (the pupil answers before the map shows what happened),
compare (the sources on one claim side by side) or discuss (questions, a note for the teacher).
geodata/README.md describes the format; this module is the one place that reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kengir_geo.data.citations import CITE, cited_ids
from kengir_geo.data.consistency import Evidence, Report
from kengir_geo.data.consistency import _claim_evidence as claim_evidence
from kengir_geo.data.consistency import _compare as compare_texts
from kengir_geo.data.consistency import _event_evidence as event_evidence
from kengir_geo.data.consistency import _features as story_features
from kengir_geo.data.dates import DateError, parse_date
from kengir_geo.data.folder import RawGeodata, by_id, read_toml
from kengir_geo.data.reader_text import CODES, TOKEN, known_ids
from kengir_geo.data.schema import (
    CENTER_RULE,
    LAYER_ID,
    ZOOM_RULE,
    Problem,
    as_list,
    is_center,
    is_zoom,
    text_trouble,
)
from kengir_geo.data.settings import Settings, parse_settings
from kengir_geo.data.translations import SOURCE_LANGUAGE, Overlay, overlay

LESSONS = "lessons"  # the folder inside geodata/
ANSWER_KINDS = ("number", "date", "choice", "place")
# What a predict step keeps back until the reveal: the days after the step's day (the slider
# and the day's list), and the emphasis on the events that give the answer.
HIDE = ("later-days", "highlight")


@dataclass(frozen=True)
class Observe:
    observe: tuple[str, ...] = ()
    reflect: tuple[str, ...] = ()
    question: tuple[str, ...] = ()

    @property
    def prompts(self) -> tuple[str, ...]:
        return (*self.observe, *self.reflect, *self.question)


@dataclass(frozen=True)
class Predict:
    question: str
    kind: str  # one of ANSWER_KINDS
    answer: str  # a number, a day (YYYY-MM-DD), one of `choices`, or a feature id (place)
    reveal: str  # what the text says once the answer is shown
    choices: tuple[str, ...] = ()
    hide: tuple[str, ...] = HIDE
    reveal_date: str | None = None  # the day the map moves to on the reveal

    @property
    def prompts(self) -> tuple[str, ...]:
        return (self.question,)


@dataclass(frozen=True)
class Compare:
    claim: str
    questions: tuple[str, ...]
    sources: tuple[str, ...] = ()  # empty: every source of the claim

    @property
    def prompts(self) -> tuple[str, ...]:
        return self.questions


@dataclass(frozen=True)
class Discuss:
    questions: tuple[str, ...]

    @property
    def prompts(self) -> tuple[str, ...]:
        return self.questions


Activity = Observe | Predict | Compare | Discuss
ACTIVITIES: dict[str, type] = {
    "observe": Observe,
    "predict": Predict,
    "compare": Compare,
    "discuss": Discuss,
}


@dataclass(frozen=True)
class Step:
    title: str
    activity: Activity
    chapter: str | None = None  # the chapter's day, camera and layers; else the fields below
    date: str | None = None
    center: tuple[float, float] | None = None
    zoom: int | None = None
    frame: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    highlight: tuple[str, ...] = ()
    text: str = ""  # shown to pupils with the map
    teacher_note: str = ""  # never on the projected screen

    @property
    def kind(self) -> str:
        return next(name for name, cls in ACTIVITIES.items() if isinstance(self.activity, cls))


@dataclass(frozen=True)
class Lesson:
    id: str  # the file's stem
    title: str
    ages: tuple[int, int]
    minutes: int
    goals: tuple[str, ...]
    steps: tuple[Step, ...]
    summary: str = ""
    content_note: str = ""
    sources: tuple[str, ...] = field(default=())  # every work the lesson's texts cite
    language: str = "en"  # the language of its texts (English where `english` says so)
    # (id, field) of its texts shown in English because their translation is missing or stale,
    # keyed as in the translation files: ("lesson", "title"), ("step-2", "predict.reveal")
    english: frozenset[tuple[str, str]] = frozenset()

    def step_in_english(self, number: int) -> bool:
        """True when a text of step `number` (from 1) is shown in English in a translation."""
        return any(id_ == f"step-{number}" for id_, _ in self.english)


@dataclass(frozen=True)
class Known:
    """The ids a lesson may name, from the geodata it belongs to."""

    chapters: set[str]
    claims: dict[str, set[str]]  # claim id -> the sources of its values
    layers: set[str]
    features: set[str]
    sources: set[str]

    @classmethod
    def of(cls, raw: RawGeodata) -> Known:
        claims: dict[str, set[str]] = {}
        for claim_id, claim in by_id(raw.claims).items():
            values = claim.get("value") if isinstance(claim.get("value"), list) else []
            claims[claim_id] = {
                s for v in values if isinstance(v, dict) for s in v.get("sources", []) or []
            }
        features: set[str] = set()
        for doc in raw.layers.values():
            for feature in doc.get("features", []) if isinstance(doc, dict) else []:
                props = feature.get("properties") if isinstance(feature, dict) else None
                if isinstance(props, dict) and isinstance(props.get("id"), str):
                    features.add(props["id"])
        return cls(
            chapters=set(by_id(raw.chapters)),
            claims=claims,
            layers=raw.layer_ids,
            features=features,
            sources=raw.source_ids,
        )


class LessonError(Exception):
    """A lesson cannot be read; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems[:20]))


class _Reader:
    """Reads one lesson's tables, adding a located problem for each thing wrong."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        self.where = ""

    def error(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.where, key, message))

    def text(self, table: dict[str, Any], key: str, required: bool = False) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            self.error(key, "must be text")
            return ""
        if required and not value.strip():
            self.error(key, f"needs a {key.replace('_', ' ')}")
        if value and (trouble := text_trouble(key, value)):
            self.error(key, trouble)
        return value.strip()

    def texts(self, table: dict[str, Any], key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(key, "must be a list of texts")
            return ()
        return tuple(v.strip() for v in value)

    def ids(self, table: dict[str, Any], key: str, known: set[str], what: str) -> tuple[str, ...]:
        found = self.texts(table, key)
        for unknown in [i for i in found if i not in known]:
            self.error(key, f"unknown {what} {unknown!r}")
        return found

    def date(self, table: dict[str, Any], key: str) -> str | None:
        if key not in table:
            return None
        try:
            parse_date(str(table[key]))
        except DateError as exc:
            self.error(key, str(exc))
            return None
        return str(table[key])


def _activity(read: _Reader, step: dict[str, Any], known: Known) -> Activity | None:
    named = [name for name in ACTIVITIES if name in step]
    if len(named) != 1:
        read.error(
            "", f"a step needs exactly one activity table: [step.{'], [step.'.join(ACTIVITIES)}]"
        )
        return None
    name = named[0]
    table = step[name]
    if not isinstance(table, dict):
        read.error(name, f"[step.{name}] must be a table")
        return None
    if name == "observe":
        found = Observe(*(read.texts(table, k) for k in ("observe", "reflect", "question")))
        if not found.prompts:
            read.error(
                name, "an observe step needs at least one observe, reflect or question prompt"
            )
        return found
    if name == "predict":
        kind = read.text(table, "kind", required=True)
        if kind and kind not in ANSWER_KINDS:
            read.error("kind", f"{kind!r}: an answer is one of {', '.join(ANSWER_KINDS)}")
        answer = table.get("answer")
        answer = str(answer) if isinstance(answer, (int, float, str)) else ""
        choices = read.texts(table, "choices")
        if not answer:
            read.error("answer", "a predict step needs its answer")
        elif kind == "number" and not _is_number(answer):
            read.error("answer", f"{answer!r} is not a number")
        elif kind == "date":
            read.date(table, "answer")
        elif kind == "choice" and answer not in choices:
            read.error("answer", "the answer must be one of the choices")
        elif kind == "place" and answer not in known.features:
            read.error("answer", f"no feature with id {answer!r}")
        hide = read.texts(table, "hide") if "hide" in table else HIDE
        for unknown in [h for h in hide if h not in HIDE]:
            read.error("hide", f"{unknown!r}: a step can hide {', '.join(HIDE)}")
        return Predict(
            question=read.text(table, "question", required=True),
            kind=kind,
            answer=answer,
            reveal=read.text(table, "reveal", required=True),
            choices=choices,
            hide=hide,
            reveal_date=read.date(table, "reveal_date"),
        )
    if name == "compare":
        claim = read.text(table, "claim", required=True)
        if claim and claim not in known.claims:
            read.error("claim", f"unknown claim {claim!r}")
        sources = read.ids(table, "sources", known.sources, "source")
        outside = [s for s in sources if claim in known.claims and s not in known.claims[claim]]
        if outside:
            read.error("sources", f"{outside[0]!r} gives no value of this claim")
        questions = read.texts(table, "questions")
        if not questions:
            read.error("questions", "a compare step needs sourcing or corroboration questions")
        return Compare(claim=claim, questions=questions, sources=sources)
    questions = read.texts(table, "questions")
    if not questions:
        read.error("questions", "a discuss step needs questions")
    return Discuss(questions=questions)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _step(read: _Reader, step: dict[str, Any], known: Known) -> Step | None:
    activity = _activity(read, step, known)
    chapter = step.get("chapter")
    if chapter is not None and (not isinstance(chapter, str) or chapter not in known.chapters):
        read.error("chapter", f"unknown chapter {chapter!r}")
    if chapter is None:
        if "date" not in step:
            read.error("date", "a step needs a chapter, or a date with a camera")
        if "center" in step and not is_center(step["center"]):
            read.error("center", CENTER_RULE)
        if "zoom" in step and not is_zoom(step["zoom"]):
            read.error("zoom", ZOOM_RULE)
        if "center" not in step and "frame" not in step:
            read.error("frame", "a step needs a camera: frame ids, or center and zoom")
    frame = read.texts(step, "frame")
    ids = known.features | known.layers
    for unknown in [i for i in frame if i not in ids]:
        read.error("frame", f"no feature or layer with id {unknown!r}")
    step_out = Step(
        title=read.text(step, "title", required=True),
        activity=activity,  # type: ignore[arg-type]  # None only with a problem reported
        chapter=chapter if isinstance(chapter, str) else None,
        date=read.date(step, "date"),
        center=tuple(step["center"]) if is_center(step.get("center")) else None,
        zoom=step["zoom"] if is_zoom(step.get("zoom")) else None,
        frame=frame,
        layers=read.ids(step, "layers", known.layers, "layer"),
        highlight=read.ids(step, "highlight", known.features, "feature"),
        text=read.text(step, "text"),
        teacher_note=read.text(step, "teacher_note"),
    )
    if isinstance(activity, Discuss) and not step_out.teacher_note:
        read.error("teacher_note", "a discuss step needs a note for the teacher")
    return step_out if activity is not None else None


def parse_lesson(
    doc: dict[str, Any], lesson_id: str, known: Known, problems: list[Problem]
) -> Lesson | None:
    """One lesson from its parsed TOML; None (with problems added) when it cannot be used."""
    before = len(problems)
    read = _Reader(f"{LESSONS}/{lesson_id}.toml", problems)
    if not LAYER_ID.fullmatch(lesson_id):
        read.error("", "a lesson's file name is 1-63 lower-case letters, digits, - or _")
    ages = doc.get("ages")
    if not (
        isinstance(ages, list)
        and len(ages) == 2
        and all(isinstance(a, int) and 3 <= a <= 99 for a in ages)
        and ages[0] <= ages[1]
    ):
        read.error("ages", "ages is [youngest, oldest], like [14, 16]")
        ages = [0, 0]
    minutes = doc.get("minutes")
    if not isinstance(minutes, int) or not 5 <= minutes <= 240:
        read.error("minutes", "minutes is the lesson's length, a whole number from 5 to 240")
        minutes = 0
    title = read.text(doc, "title", required=True)
    goals = read.texts(doc, "goals")
    if not goals:
        read.error("goals", "a lesson needs learning goals")
    summary = read.text(doc, "summary")
    content_note = read.text(doc, "content_note")
    raw_steps = doc.get("step")
    if not isinstance(raw_steps, list) or not raw_steps:
        read.error("step", "a lesson needs [[step]] tables")
        raw_steps = []
    steps = []
    for number, table in enumerate(raw_steps, start=1):
        read.where = f"step {number}"
        if not isinstance(table, dict):
            read.error("", "must be a [[step]] table")
            continue
        if (step := _step(read, table, known)) is not None:
            steps.append(step)
    lesson = Lesson(
        id=lesson_id,
        title=title,
        ages=(ages[0], ages[1]),
        minutes=minutes,
        goals=goals,
        steps=tuple(steps),
        summary=summary,
        content_note=content_note,
    )
    cited = list(dict.fromkeys(s for _, _, t in lesson_texts(lesson) for s in cited_ids(t)))
    lesson = Lesson(**{**lesson.__dict__, "sources": tuple(cited)})
    return None if any(p.is_error for p in problems[before:]) else lesson


def lesson_texts(lesson: Lesson) -> list[tuple[str, str, str]]:
    """Every text of a lesson a pupil or teacher reads: (where, field, text)."""
    found = [("", "title", lesson.title), ("", "summary", lesson.summary)]
    found += [("", "content_note", lesson.content_note)]
    found += [("", "goals", g) for g in lesson.goals]
    for number, step in enumerate(lesson.steps, start=1):
        where = f"step {number}"
        found += [(where, "title", step.title), (where, "text", step.text)]
        found += [(where, "teacher_note", step.teacher_note)]
        activity = step.activity
        found += [(where, step.kind, prompt) for prompt in activity.prompts]
        if isinstance(activity, Predict):
            found += [(where, "reveal", activity.reveal)]
            found += [(where, "choices", c) for c in activity.choices]
    return [t for t in found if t[2]]


def lesson_paths(root: Path) -> list[Path]:
    return sorted((Path(root) / LESSONS).glob("*.toml"))


def read_lessons(raw: RawGeodata, problems: list[Problem], lang: str = "en") -> list[Lesson]:
    """Every lesson of a geodata folder that can be used; what is wrong goes to `problems`.
    In another language, each text with a current translation (geodata/i18n/<lang>/lessons/)
    replaces the English; the others stay English and are listed in the lesson's `english`."""
    known = Known.of(raw)
    shown = overlay(raw, lang) if lang != SOURCE_LANGUAGE else None
    lessons = []
    for path in lesson_paths(raw.root):
        doc = read_toml(path, problems)
        if not doc:
            continue
        lesson = parse_lesson(doc, path.stem, known, problems)
        if lesson is not None and shown is not None and path.stem in shown.lessons:
            lesson = _in_language(shown, path.stem, known, lesson)
        if lesson is not None:
            lessons.append(lesson)
    return lessons


def _in_language(shown: Overlay, lesson_id: str, known: Known, english: Lesson) -> Lesson:
    """The lesson in the overlay's language; the English one if the translation cannot be read
    (validate reports why)."""
    translated = parse_lesson(shown.lessons[lesson_id], lesson_id, known, [])
    if translated is None:
        return english
    file = f"{LESSONS}/{lesson_id}.toml"
    in_english = frozenset((id_, key) for f, id_, key in shown.fallbacks if f == file)
    return replace(translated, language=shown.lang, english=in_english)


def check_lessons(raw: RawGeodata, settings: Settings | None = None) -> list[Problem]:
    """The validator's hook: every lesson's ids, dates, fields and reader text. `settings`:
    the folder's atlas.toml as the validator parsed it."""
    problems: list[Problem] = []
    known = Known.of(raw)
    hidden = (settings or parse_settings(raw.settings, [])).hidden_codes
    codes = [*CODES, *((pattern, "a source code") for pattern in hidden)]
    ids = known_ids(raw)
    for path in lesson_paths(raw.root):
        file = f"{LESSONS}/{path.name}"
        doc = read_toml(path, problems)
        if not doc:
            continue
        lesson = parse_lesson(doc, path.stem, known, problems)
        if lesson is None:
            continue
        problems += lesson_consistency(raw, lesson, file)  # its numbers and days have evidence
        for where, key, text in lesson_texts(lesson):
            prose = CITE.sub(" ", text)
            for pattern, what in codes:
                if match := pattern.search(prose):
                    problems.append(
                        Problem(file, where, key, f"reader text shows {what}: {match.group(0)!r}")
                    )
            if shown := sorted({t for t in TOKEN.findall(prose) if t in ids}):
                problems.append(
                    Problem(
                        file,
                        where,
                        key,
                        f"reader text shows an id: {shown[0]!r} "
                        "(cite a work as {cite:ID}; name places and events in words)",
                    )
                )
            for cited in cited_ids(text):
                if cited not in known.sources:
                    problems.append(
                        Problem(
                            file, where, key, f"{{cite:{cited}}}: no such source in sources.toml"
                        )
                    )
    return problems


def load_lessons(raw: RawGeodata, lang: str = "en") -> list[Lesson]:
    """The lessons (in `lang` where translated), or LessonError with every problem."""
    problems: list[Problem] = []
    lessons = read_lessons(raw, problems, lang)
    if any(p.is_error for p in problems):
        raise LessonError([p for p in problems if p.is_error])
    return lessons


def find_lesson(lessons: list[Lesson], lesson_id: str) -> Lesson:
    for lesson in lessons:
        if lesson.id == lesson_id:
            return lesson
    names = ", ".join(lesson.id for lesson in lessons) or "none"
    raise LessonError(
        [Problem(LESSONS, lesson_id, "", f"no lesson {lesson_id!r}; lessons are {names}")]
    )


def _step_evidence(
    step: Step, raw: RawGeodata, features: dict[str, tuple[str, dict]], claims: dict[str, dict]
) -> Evidence:
    """The numbers and days a step may write: its chapter (dates, texts, lit and framed
    features), its own day, lit and framed features, its answer and its compared claim."""
    evidence = Evidence()
    chapter = next((c for c in raw.chapters if c.get("id") == step.chapter), None)
    ids = [*step.highlight, *step.frame]
    if chapter is not None:
        for key in ("date", "until"):
            evidence.add_date(chapter.get(key))
        for key in ("title", "narrative", "notes"):
            evidence.add_text(str(chapter.get(key) or ""))
        ids += as_list(chapter.get("highlight")) + as_list(chapter.get("frame"))
    evidence.add_date(step.date)
    for feature_id in ids:
        if feature_id in features:
            event_evidence(features[feature_id][1], claims, evidence)
    activity = step.activity
    if isinstance(activity, Predict):
        evidence.add_date(activity.reveal_date)
        if activity.kind == "date":
            evidence.add_date(activity.answer)
        elif activity.kind == "number":
            evidence.add_text(activity.answer)
    if isinstance(activity, Compare) and activity.claim in claims:
        claim_evidence(claims[activity.claim], evidence)
    return evidence


def lesson_consistency(raw: RawGeodata, lesson: Lesson, file: str) -> list[Problem]:
    """Every number and day a lesson writes is in its evidence (data/consistency.py's rule for
    chapters): a step's in its own; the lesson's title, summary and goals in any step's."""
    features = story_features(raw, events_only=False)
    claims = by_id(raw.claims)
    report = Report()
    everything = Evidence()
    for number, step in enumerate(lesson.steps, start=1):
        evidence = _step_evidence(step, raw, features, claims)
        everything.numbers |= evidence.numbers
        everything.days |= evidence.days
        texts = [
            (key, text) for where, key, text in lesson_texts(lesson) if where == f"step {number}"
        ]
        compare_texts(texts, evidence, (file, f"step {number}"), report)
    whole = [(key, text) for where, key, text in lesson_texts(lesson) if where == ""]
    compare_texts(whole, everything, (file, ""), report)
    return report.problems
