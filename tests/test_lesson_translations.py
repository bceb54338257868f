"""Lessons in the geodata translation scheme: per lesson file, id ("lesson", "step-N") and
field; validate's missing, stale and mismatched entries; the translated lesson with its English
fallback listed; a typed day in the reader's digits; how far off a guess was, in words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tomlkit

from command_line import run
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.lessons import Predict, find_lesson, load_lessons
from kengir_geo.data.translated import atlas_in
from kengir_geo.data.translations import (
    check_translations,
    lesson_units,
    overlay,
    text_hash,
    units,
)
from kengir_geo.export.bibliography import markdown
from kengir_geo.i18n.dates import parse_typed_day
from kengir_geo.map.lesson_control import lesson_strings
from kengir_geo.map.rich_text import rich_plain
from kengir_geo.story.lessons import how_far_off

BUNDLED = Path(__file__).resolve().parent.parent / "geodata"
LANGS = ("uk", "ru", "kk", "lt")
REVEAL = ("lessons/how-many-died.toml", "step-2", "predict.reveal")


@pytest.fixture
def geodata(tmp_path):
    """The bundled geodata with the two languages the edits below touch (checking the others
    would only repeat the same work)."""
    root = Path(shutil.copytree(BUNDLED, tmp_path / "geodata"))
    for lang in (root / "i18n").iterdir():
        if lang.name not in ("uk", "ru"):
            shutil.rmtree(lang)
    return root


def _edit(root: Path, lang: str, change) -> None:
    path = root / "i18n" / lang / REVEAL[0]
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    change(doc[REVEAL[1]][REVEAL[2]])
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")


def _about_reveal(root: Path) -> list:
    return [
        p
        for p in check_translations(read_geodata(root))
        if p.file == f"i18n/uk/{REVEAL[0]}" and (p.feature, p.field) == REVEAL[1:]
    ]


@pytest.fixture(scope="module")
def bundled_raw():
    return read_geodata(BUNDLED)


@pytest.fixture(scope="module")
def lesson_keys():
    return {u.key for u in lesson_units(BUNDLED)}


def test_the_three_lessons_have_every_text_to_translate_and_no_problem(bundled_raw, lesson_keys):
    assert len(lesson_keys) >= 90 and {k[0] for k in lesson_keys} == {
        "lessons/forty-days.toml",
        "lessons/how-many-died.toml",
        "lessons/why-here.toml",
    }
    assert [p for p in check_translations(bundled_raw) if "/lessons/" in p.file] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_of_the_three_lessons_is_translated_as_a_draft(bundled_raw, lesson_keys, lang):
    shown = overlay(bundled_raw, lang)
    assert lesson_keys <= shown.translated  # present, current, same numbers, dates and citations
    assert not lesson_keys & shown.fallbacks
    lessons = load_lessons(bundled_raw, lang)
    assert [lesson.language for lesson in lessons] == [lang] * 3
    assert all(not lesson.english for lesson in lessons)


def test_a_translated_choice_answer_is_its_translated_choice(bundled_raw):
    lesson = find_lesson(load_lessons(bundled_raw, "uk"), "why-here")
    predict = lesson.steps[1].activity
    assert isinstance(predict, Predict) and predict.kind == "choice"
    assert predict.answer in predict.choices
    assert predict.answer == "Видобуток руди й будівництво для мідного району"
    assert how_far_off(predict, predict.answer, "uk") == "Ваша відповідь правильна."


def test_a_changed_number_or_citation_is_an_error_with_file_id_and_field(geodata):
    _edit(geodata, "uk", lambda e: e.__setitem__("text", e["text"].replace("46", "47")))
    _edit(geodata, "ru", lambda e: e.__setitem__("text", e["text"].replace("{cite:ati} ", "")))
    problems = _about_reveal(geodata)
    assert [p.level for p in problems] == ["error"]
    assert "numbers differ" in problems[0].message and "'46'" in problems[0].message
    ru = [p for p in check_translations(read_geodata(geodata)) if p.file.startswith("i18n/ru/")]
    assert [(p.feature, p.field, p.level) for p in ru] == [(*REVEAL[1:], "error")]
    assert "cites" in ru[0].message
    # the page shows the English for it, and says so
    lesson = find_lesson(load_lessons(read_geodata(geodata), "uk"), "how-many-died")
    assert lesson.english == {REVEAL[1:]}
    assert lesson.step_in_english(2) and not lesson.step_in_english(1)
    assert lesson.steps[1].activity.reveal.startswith("The official papers count 37")


def test_a_changed_english_text_makes_its_translations_stale(geodata):
    path = geodata / REVEAL[0]
    path.write_text(path.read_text().replace("46 in all", "46 altogether"))
    problems = _about_reveal(geodata)
    assert [p.level for p in problems] == ["warning"]
    assert "stale" in problems[0].message
    lesson = find_lesson(load_lessons(read_geodata(geodata), "uk"), "how-many-died")
    assert "46 altogether" in lesson.steps[1].activity.reveal  # English shown, marked
    assert lesson.english == {REVEAL[1:]}


def test_a_missing_entry_is_reported_and_a_month_must_stay_the_same(geodata):
    _edit(geodata, "uk", lambda e: e.__setitem__("text", ""))
    assert ["not translated yet" in p.message for p in _about_reveal(geodata)] == [True]
    step2 = ("lessons/forty-days.toml", "step-2", "text")
    path = geodata / "i18n" / "uk" / step2[0]
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    doc["step-2"]["text"]["text"] = "24 червня в'язні вдруге вигнали охорону."  # May -> June
    doc["step-2"]["text"]["source_hash"] = text_hash(doc["step-2"]["text"]["english"])
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    problems = [
        p
        for p in check_translations(read_geodata(geodata))
        if (p.file, p.feature, p.field) == (f"i18n/uk/{step2[0]}", *step2[1:])
    ]
    assert [p.message for p in problems] == ["the months differ from the English text's dates"]


def test_translate_status_counts_the_lessons(bundled_raw):
    result = run("translate", "status")
    assert result.exit_code == 0, result.output
    total = len(units(bundled_raw))
    for lang in LANGS:
        assert f"{lang}: geodata {total}/{total} texts" in result.output


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("26.06.1954", "uk", "1954-06-26"),
        ("26.6.1954", "ru", "1954-06-26"),
        ("26.06.1954", "kk", "1954-06-26"),
        ("1954-06-26", "lt", "1954-06-26"),
        ("26/06/1954", "en", "1954-06-26"),
        ("1954-06-26", "uk", "1954-06-26"),  # ISO in every language
        ("06/26/1954", "en", None),  # the browser's American order is not the reader's
        ("31.06.1954", "uk", None),
        ("26.06.54", "ru", None),  # 1954 or 2054?
        ("26 June 1954", "en", None),
    ],
)
def test_a_day_is_typed_in_the_readers_digits_or_iso(text, lang, day):
    found = parse_typed_day(text, lang)
    assert (found.isoformat() if found else None) == day


def test_how_far_off_a_date_is_said_with_the_languages_plural_forms():
    predict = Predict(question="?", kind="date", answer="1954-06-26", reveal="!")
    assert how_far_off(predict, "24.06.1954", "uk") == "Ваша відповідь раніша на 2 дні."
    assert how_far_off(predict, "21.06.1954", "uk") == "Ваша відповідь раніша на 5 днів."
    assert how_far_off(predict, "27.06.1954", "ru") == "Ваш ответ позже на 1 день."
    assert how_far_off(predict, "1954-06-28", "lt") == "Jūsų spėjimas 2 dienomis per vėlyvas."
    # the frozen lesson gets one sentence per CLDR category, for Intl.PluralRules to pick
    uk = lesson_strings("uk")
    assert {k for k in uk if k.startswith("late_")} == {"late_one", "late_few", "late_many"}
    assert uk["late_few"].format(n=2) == "Ваша відповідь пізніша на 2 дні."
    assert lesson_strings("en")["late_one"] == "Your guess was {n} day late."


HEADINGS = {"uk": "# Джерела", "ru": "# Источники", "kk": "# Дереккөздер", "lt": "# Šaltiniai"}


def test_export_data_writes_the_bibliography_in_the_language_asked(tmp_path):
    result = run("export-data", "--out", tmp_path, "--lang", "uk")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sources.md").read_text(encoding="utf-8").startswith(HEADINGS["uk"] + "\n")


@pytest.mark.parametrize("lang", LANGS)
def test_the_bibliography_is_in_the_language(atlas, lang):
    text = markdown(atlas_in(atlas, lang), lang)  # what export-data writes as sources.md
    assert text.startswith(HEADINGS[lang] + "\n")
    for english in ("Cited by", "Read for this atlas", "Not read by us", "Every work the atlas"):
        assert english not in text
    # the wording for a work the bibliography lacks comes from one place, in the language
    missing = rich_plain("{cite:no-such-work}", atlas.sources, lang)
    assert missing and "bibliography" not in missing
