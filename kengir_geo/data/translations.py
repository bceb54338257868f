"""Geodata in other languages: translation files beside the originals, checked and overlaid.

`geodata/i18n/<lang>/story.toml` translates `geodata/story.toml`, `…/layers/places.toml` the
layer file `layers/places.geojson`, `…/lessons/why-here.toml` a lesson (keyed "lesson" and
"step-1", "step-2"…; a list's items as "goals.1", "observe.question.2"), and so on. Each entry
is keyed by id and field:

    [steplag.narrative]
    text = "Після війни…"
    english = "After the war…"      # the English it was made from, for the translator's eyes
    source_hash = "3f2a…"          # hash of that English: when the English changes, it is stale
    status = "draft"               # or "reviewed"
    reviewer = ""                  # who reviewed it (a native speaker)

A missing or stale entry falls back to English and the reader's page marks it. A translation
keeps the English text's `{cite:…}` ids, numbers and months; a place's name comes from the
gazetteer's `names`, never from a free translation.
"""

from __future__ import annotations

import copy
import hashlib
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache
from pathlib import Path
from typing import Any

import tomlkit
from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

from kengir_geo.data.folder import RawGeodata
from kengir_geo.data.remembered import remembered
from kengir_geo.data.schema import Problem

FOLDER = "i18n"
STATUSES = ("draft", "reviewed")
SOURCE_LANGUAGE = "en"
_CITE = re.compile(r"\{cite:([^}]*)\}")
# 5,000 / 5 000 / 5000 are one number; a year or a day is a number too
_NUMBER = re.compile(r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?!\d)|\d+")
_KAZAKH = set("әғқңөұүһі")  # letters of Kazakh that Russian lacks: a Kazakh spelling
_SUFFIXING = {"kk", "et", "lv"}  # languages that add case endings to a month's name


@dataclass(frozen=True)
class Unit:
    """One English text a translation can replace, and where it lives."""

    file: str  # the translation file, relative to i18n/<lang>/: "story.toml", "layers/places.toml"
    id: str
    field: str
    text: str
    path: tuple[Any, ...]  # into RawGeodata: attribute, then keys and indexes
    names: tuple[str, ...] = ()  # a place's gazetteer names, when `field` is its name

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.file, self.id, self.field)


@dataclass(frozen=True)
class Entry:
    text: str
    source_hash: str
    status: str
    reviewer: str


def text_hash(text: str) -> str:
    """A short fingerprint of an English text; whitespace at the ends does not count."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def _add(out: list[Unit], file: str, id_: Any, field: str, path: tuple, value: Any, names=()):
    if isinstance(id_, str) and id_ and isinstance(value, str) and value.strip():
        out.append(Unit(file, id_, field, value, path, tuple(names)))


def translation_file(english_file: str) -> str:
    """'layers/places.geojson' -> 'layers/places.toml'; TOML files keep their name."""
    return str(Path(english_file).with_suffix(".toml"))


def units(raw: RawGeodata) -> list[Unit]:
    """Every reader-visible English text of a geodata folder, keyed by file, id and field.
    Titles of works stay in their own language, so sources give only their notes."""
    out: list[Unit] = []
    settings = raw.settings if isinstance(raw.settings, dict) else {}
    for key in ("title", "intro", "search_hint", "figures_title"):
        _add(out, "atlas.toml", "atlas", key, ("settings", key), settings.get(key))
    focus = settings.get("focus")
    if isinstance(focus, dict):
        _add(out, "atlas.toml", "focus", "name", ("settings", "focus", "name"), focus.get("name"))
    # the reader labels of kinds, categories and states ([labels.state] "held by prisoners" =
    # "Held by the prisoners"): the data keeps its codes, so colours and filters stay the same
    labels = settings.get("labels")
    for group, table in labels.items() if isinstance(labels, dict) else ():
        for code, label in table.items() if isinstance(table, dict) else ():
            path = ("settings", "labels", group, code)
            _add(out, "atlas.toml", f"labels.{group}", code, path, label)
    for i, chapter in enumerate(raw.chapters):
        for key in ("title", "narrative", "notes", "content_note"):
            _add(out, "story.toml", chapter.get("id"), key, ("chapters", i, key), chapter.get(key))
    for i, entry in enumerate(raw.manifest):
        for key in ("title", "description"):
            _add(out, "layers.toml", entry.get("id"), key, ("manifest", i, key), entry.get(key))
        fields = entry.get("fields")
        for name, label in fields.items() if isinstance(fields, dict) else ():
            path = ("manifest", i, "fields", name)
            _add(out, "layers.toml", entry.get("id"), f"fields.{name}", path, label)
    for i, claim in enumerate(raw.claims):
        for key in ("item", "note"):
            _add(out, "claims.toml", claim.get("id"), key, ("claims", i, key), claim.get(key))
        for j, value in enumerate(_list(claim.get("value"))):
            for key, field in (("value", f"value.{j + 1}"), ("note", f"value.{j + 1}.note")):
                path = ("claims", i, "value", j, key)
                _add(out, "claims.toml", claim.get("id"), field, path, _get(value, key))
    for i, figure in enumerate(raw.figures):
        for key in ("title", "unit", "note"):
            _add(out, "figures.toml", figure.get("id"), key, ("figures", i, key), figure.get(key))
        for j, value in enumerate(_list(figure.get("value"))):
            for key in ("label", "note"):
                path = ("figures", i, "value", j, key)
                field = f"value.{j + 1}.{key}"
                _add(out, "figures.toml", figure.get("id"), field, path, _get(value, key))
    for i, source in enumerate(raw.sources):
        _add(
            out,
            "sources.toml",
            source.get("id"),
            "note",
            ("sources", i, "note"),
            source.get("note"),
        )
    files = {e.get("id"): e.get("file") for e in raw.manifest if isinstance(e.get("file"), str)}
    for layer_id, doc in raw.layers.items():
        if layer_id not in files or not isinstance(doc, dict):
            continue
        file = translation_file(files[layer_id])
        for i, feature in enumerate(_list(doc.get("features"))):
            props = _get(feature, "properties")
            if not isinstance(props, dict):
                continue
            names = [n for n in _list(props.get("names")) if isinstance(n, str)]
            for key in ("name", "label", "description", "note"):
                path = ("layers", layer_id, "features", i, "properties", key)
                gazetteer = names if key == "name" and props.get("name") in names else ()
                _add(out, file, props.get("id"), key, path, props.get(key), gazetteer)
    return out + lesson_units(raw.root)


LESSON_FOLDER = "lessons"  # geodata/lessons/*.toml (data/lessons.py reads and checks them)
_LESSON_TEXTS = ("title", "summary", "content_note")
_STEP_TEXTS = ("title", "text", "teacher_note")
# a step's activity table -> its texts (a list's items are numbered from 1)
_ACTIVITY_TEXTS = {
    "observe": ("observe", "reflect", "question"),
    "predict": ("question", "reveal", "choices"),
    "compare": ("questions",),
    "discuss": ("questions",),
}


def lesson_docs(root: Path) -> dict[str, dict[str, Any]]:
    """Every lesson file's TOML, by lesson id; a broken file is left out (check_lessons says
    why)."""
    docs = {}
    for path in sorted((Path(root) / LESSON_FOLDER).glob("*.toml")):
        try:
            docs[path.stem] = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
    return docs


def _texts(out: list[Unit], file: str, id_: str, field: str, path: tuple, value: Any) -> None:
    """A text, or each text of a list (field.1, field.2…)."""
    if isinstance(value, list):
        for j, item in enumerate(value):
            _add(out, file, id_, f"{field}.{j + 1}", (*path, j), item)
    else:
        _add(out, file, id_, field, path, value)


def lesson_units(root: Path) -> list[Unit]:
    """Every reader-visible text of the lessons: the lesson's title, summary, content note and
    goals (id "lesson"), and each step's (id "step-N", N from 1)."""
    out: list[Unit] = []
    for lesson_id, doc in lesson_docs(root).items():
        file = f"{LESSON_FOLDER}/{lesson_id}.toml"
        for key in (*_LESSON_TEXTS, "goals"):
            _texts(out, file, "lesson", key, ("lessons", lesson_id, key), doc.get(key))
        for i, step in enumerate(_list(doc.get("step"))):
            if not isinstance(step, dict):
                continue
            step_id, base = f"step-{i + 1}", ("lessons", lesson_id, "step", i)
            for key in _STEP_TEXTS:
                _texts(out, file, step_id, key, (*base, key), step.get(key))
            for table, keys in _ACTIVITY_TEXTS.items():
                activity = step.get(table)
                for key in keys if isinstance(activity, dict) else ():
                    path = (*base, table, key)
                    _texts(out, file, step_id, f"{table}.{key}", path, activity.get(key))
    return out


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


# Reading translation files -------------------------------------------------------------------


def languages(root: Path) -> list[str]:
    """The languages with a folder under geodata/i18n/."""
    folder = Path(root) / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _label(lang: str, file: str) -> str:
    return f"{FOLDER}/{lang}/{file}"


def read_entries(
    root: Path, lang: str, problems: list[Problem]
) -> dict[tuple[str, str, str], Entry]:
    """Every entry of a language's files, keyed like Unit.key; broken ones become problems."""
    folder = Path(root) / FOLDER / lang
    entries: dict[tuple[str, str, str], Entry] = {}
    for path in sorted(folder.rglob("*.toml")):
        file = path.relative_to(folder).as_posix()
        label = _label(lang, file)
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(Problem(label, "", "", f"cannot read this translation file: {exc}"))
            continue
        for id_, fields in doc.items():
            if not isinstance(fields, dict):
                problems.append(Problem(label, id_, "", "expected a table of fields"))
                continue
            for field, raw in fields.items():
                entry = _entry(raw, label, id_, field, problems)
                if entry is not None:
                    entries[(file, id_, field)] = entry
    return entries


def _entry(raw: Any, label: str, id_: str, field: str, problems: list[Problem]) -> Entry | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("text", ""), str):
        problems.append(Problem(label, id_, field, "expected text, source_hash, status, reviewer"))
        return None
    status = raw.get("status", "draft")
    reviewer = raw.get("reviewer", "")
    if status not in STATUSES:
        problems.append(
            Problem(label, id_, field, f"status {status!r}: use {' or '.join(STATUSES)}")
        )
    elif status == "reviewed" and not (isinstance(reviewer, str) and reviewer.strip()):
        problems.append(Problem(label, id_, field, "a reviewed entry names its reviewer"))
    return Entry(
        text=raw.get("text", ""),
        source_hash=str(raw.get("source_hash", "")),
        status=str(status),
        reviewer=str(reviewer or ""),
    )


# Checking --------------------------------------------------------------------------------------


@cache  # the same few languages, asked for every text the validator checks
def _month_words(lang: str) -> dict[str, int]:
    """Every spelling of a month in the language (its 'of May' and standalone forms)."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    words: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in get_month_names("wide", context, locale).items():
            words[name.lower()] = number
    return words


@cache  # the English of a text is compared with each language's translation
def _months(text: str, lang: str) -> Counter:
    found = Counter()
    for token in re.findall(r"\w+", text):
        if lang == SOURCE_LANGUAGE and token.islower():
            continue  # English writes its months capitalised: "may" is a verb
        if number := _month_of(token.lower(), lang):
            found[number] += 1
    return found


@cache  # words repeat across the thousands of texts the validator checks
def _month_of(token: str, lang: str) -> int | None:
    """The month a (lower-case) word names in the language, or None."""
    words = _month_words(lang)
    if token in words:
        return words[token]
    if lang in _SLAVIC:  # в мае, у травні
        return _slavic_month(token, words)
    if lang in _SUFFIXING:  # мамырдан, маусымға: the month with a case ending
        stem = next((w for w in words if token.startswith(w)), None)
        return words[stem] if stem else None
    return None


_SLAVIC = {"ru", "uk"}  # languages whose months take case endings the dictionary forms lack


def _slavic_month(token: str, words: dict[str, int]) -> int | None:
    """мае, июне (ru), травні, червні (uk): a month in a case the dictionary forms lack."""
    for word, number in words.items():
        stem = word[:-1] if word[-1] in "ьйя" else word
        if token.startswith(stem) and token[len(stem) :] in {"е", "ем", "ом", "у", "ю", "і"}:
            return number
    return None


def _numbers(text: str) -> Counter:
    return Counter(re.sub(r"\D", "", n) for n in _NUMBER.findall(_CITE.sub("", text)))


def mismatches(english: str, translated: str, lang: str) -> list[str]:
    """What a translation changed that it must keep: citations, numbers, months."""
    found = []
    if Counter(_CITE.findall(english)) != Counter(_CITE.findall(translated)):
        found.append(
            f"cites {sorted(set(_CITE.findall(translated)))} where the English cites "
            f"{sorted(set(_CITE.findall(english)))}"
        )
    if _numbers(english) != _numbers(translated):
        lost = sorted((_numbers(english) - _numbers(translated)).elements())
        added = sorted((_numbers(translated) - _numbers(english)).elements())
        found.append(f"numbers differ from the English (missing {lost}, added {added})")
    if _months(english, SOURCE_LANGUAGE) != _months(translated, lang):
        found.append("the months differ from the English text's dates")
    return found


def check_language(raw: RawGeodata, lang: str) -> list[Problem]:
    """Missing, stale and mismatched entries of one language, each with file, id and field."""
    problems: list[Problem] = []
    entries = read_entries(raw.root, lang, problems)
    english = {unit.key: unit for unit in units(raw)}
    for key, unit in english.items():
        file, id_, field = key
        label = _label(lang, file)
        entry = entries.get(key)
        if entry is None or not entry.text.strip():
            problems.append(
                Problem(label, id_, field, "not translated yet: English is shown", "warning")
            )
            continue
        if entry.source_hash != text_hash(unit.text):
            problems.append(
                Problem(
                    label,
                    id_,
                    field,
                    "stale: the English text changed since this was translated (its hash is "
                    f"now {text_hash(unit.text)}); English is shown until the translation is "
                    "checked and its source_hash updated",
                    "warning",
                )
            )
        for message in mismatches(unit.text, entry.text, lang):
            problems.append(Problem(label, id_, field, message))
        if unit.names and entry.text.strip() not in unit.names:
            problems.append(
                Problem(
                    label,
                    id_,
                    field,
                    "a place's name comes from the gazetteer: use one of its names "
                    f"({', '.join(unit.names)}) or add the spelling to its `names`",
                )
            )
    for key in sorted(set(entries) - set(english)):
        file, id_, field = key
        problems.append(
            Problem(
                _label(lang, file),
                id_,
                field,
                "no English text has this id and field (renamed or removed?)",
                "warning",
            )
        )
    return problems


def check_translations(raw: RawGeodata) -> list[Problem]:
    """Every language folder under geodata/i18n/ (the validate hook), remembered per content
    of the folder (data/remembered.py): it is most of the cost of loading the atlas."""
    return remembered("translations", raw.root, lambda: _check_all_languages(raw))


def _check_all_languages(raw: RawGeodata) -> list[Problem]:
    problems: list[Problem] = []
    for lang in languages(raw.root):
        try:
            Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            problems.append(Problem(f"{FOLDER}/{lang}", "", "", f"{lang!r} is not a language code"))
            continue
        problems += check_language(raw, lang)
    return problems


# Overlaying --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overlay:
    raw: RawGeodata  # a copy with every usable translation in place
    lang: str
    translated: frozenset[tuple[str, str, str]]
    fallbacks: frozenset[tuple[str, str, str]]  # shown in English: missing, stale or wrong
    drafts: int  # translated entries not yet reviewed by a native speaker
    # lesson id -> its TOML with the translations laid over
    lessons: dict[str, dict[str, Any]] = dataclass_field(default_factory=dict)


def _set(raw: RawGeodata, lessons: dict[str, Any], path: tuple, value: str) -> None:
    target: Any = lessons if path[0] == LESSON_FOLDER else getattr(raw, path[0])
    for step in path[1:-1]:
        target = target[step]
    target[path[-1]] = value


def overlay(raw: RawGeodata, lang: str) -> Overlay:
    """The geodata in `lang`: each text whose translation is present, current and keeps the
    English's citations, numbers and months replaces it; the rest stays English, listed."""
    problems: list[Problem] = []
    entries = read_entries(raw.root, lang, problems) if lang != SOURCE_LANGUAGE else {}
    copied = copy.deepcopy(raw)
    lessons = lesson_docs(raw.root)
    english_lessons = copy.deepcopy(lessons)
    translated, fallbacks, drafts = set(), set(), 0
    for unit in units(raw):
        entry = entries.get(unit.key)
        usable = (
            entry is not None
            and entry.text.strip()
            and entry.source_hash == text_hash(unit.text)
            and not mismatches(unit.text, entry.text, lang)
            and (not unit.names or entry.text.strip() in unit.names)
        )
        if not usable:
            if lang != SOURCE_LANGUAGE:
                fallbacks.add(unit.key)
            continue
        _set(copied, lessons, unit.path, entry.text)
        translated.add(unit.key)
        drafts += entry.status != "reviewed"
    for lesson_id, doc in lessons.items():
        _translate_choice_answers(doc, english_lessons[lesson_id])
    return Overlay(copied, lang, frozenset(translated), frozenset(fallbacks), drafts, lessons)


def _translate_choice_answers(doc: dict[str, Any], english: dict[str, Any]) -> None:
    """A choice step's answer is one of its choices: it becomes the translation of that choice,
    so that the translated lesson still knows which choice is right."""
    for step, original in zip(_list(doc.get("step")), _list(english.get("step")), strict=False):
        predict, was = _get(step, "predict"), _get(original, "predict")
        if not isinstance(predict, dict) or not isinstance(was, dict):
            continue
        choices, english_choices = _list(predict.get("choices")), _list(was.get("choices"))
        if was.get("answer") in english_choices and len(choices) == len(english_choices):
            predict["answer"] = choices[english_choices.index(was.get("answer"))]


# Stubs ---------------------------------------------------------------------------------------


def gazetteer_guess(names: tuple[str, ...], lang: str) -> str:
    """The one spelling of a place's names that is surely the language's: a Kazakh spelling
    (with ә ғ қ ң ө ұ ү һ і) for Kazakh. Other languages are chosen by a person (Жезказган and
    Джезказган are both Cyrillic), so they get ''."""
    if lang == "kk":
        return next((n for n in names if _KAZAKH & set(n.lower())), "")
    return ""


def _grouped(items: list[Unit]) -> Iterator[tuple[str, list[Unit]]]:
    files: dict[str, list[Unit]] = {}
    for unit in items:
        files.setdefault(unit.file, []).append(unit)
    yield from files.items()


def init_language(raw: RawGeodata, lang: str) -> list[Path]:
    """Create or bring up to date the stub files of a language: every English text gets an
    entry (empty text, its hash, draft); existing translations, hashes and statuses are kept,
    so a stale entry stays stale until a person checks it. Returns the files written."""
    written = []
    for file, file_units in _grouped(units(raw)):
        path = Path(raw.root) / FOLDER / lang / file
        doc = (
            tomlkit.parse(path.read_text(encoding="utf-8"))
            if path.is_file()
            else tomlkit.document()
        )
        if not path.is_file():
            doc.add(
                tomlkit.comment(f"{lang} translation of {file} (the README says how: Languages).")
            )
            doc.add(tomlkit.comment("status: draft until a native speaker has reviewed it."))
        for unit in file_units:
            table = doc.get(unit.id)
            if table is None:
                table = tomlkit.table(is_super_table=True)
                doc[unit.id] = table
            entry = table.get(unit.field)
            if entry is None:
                entry = tomlkit.table()
                entry["text"] = gazetteer_guess(unit.names, lang) if unit.names else ""
                entry["source_hash"] = text_hash(unit.text)
                entry["status"] = "draft"
                entry["reviewer"] = ""
                table[unit.field] = entry
            entry["english"] = _toml_string(unit.text)
            if unit.names and "names" not in entry:
                entry["names"] = list(unit.names)  # the spellings to choose from
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".toml.partial")
        partial.write_text(tomlkit.dumps(doc), encoding="utf-8")
        partial.replace(path)
        written.append(path)
    return written


def _toml_string(text: str) -> Any:
    return tomlkit.string(text, multiline="\n" in text)
