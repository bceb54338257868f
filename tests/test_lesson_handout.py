"""`kengir-geo lesson pdf`: a real PDF printed by Chromium, read back with pypdf."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from command_line import run
from kengir_geo.data.folder import bundled_geodata, read_geodata
from kengir_geo.data.lessons import Predict, load_lessons
from kengir_geo.export.handout import export_handout
from kengir_geo.map.rich_text import rich_plain

LESSONS = load_lessons(read_geodata(bundled_geodata()))

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium")


def words(text: str) -> str:
    """The PDF's text with ligatures undone and every run of spaces or line breaks as one."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_text(path: Path) -> str:
    return words(" ".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.browser  # Chromium prints the PDF
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_the_pupils_handout_holds_every_question_and_no_answer(atlas, lesson, tmp_path):
    out = export_handout(atlas, lesson, tmp_path / "h.pdf", paper="Letter", pictures=False)
    text = pdf_text(out)
    for step in lesson.steps:
        assert words(step.title) in text
        for prompt in step.activity.prompts:
            assert words(rich_plain(prompt, atlas.sources)) in text, prompt
        if isinstance(step.activity, Predict):
            assert words(rich_plain(step.activity.reveal, atlas.sources)) not in text
        if step.teacher_note:
            assert words(step.teacher_note) not in text
    width, height = PdfReader(out).pages[0].mediabox[2:]
    assert (round(float(width)), round(float(height))) == (612, 792)  # Letter, in points


@pytest.mark.browser  # Chromium draws the maps and prints the PDF
def test_the_teachers_copy_from_the_command_line_has_maps_answers_and_notes(atlas, tmp_path):
    lesson = next(lesson for lesson in LESSONS if lesson.id == "how-many-died")
    out = tmp_path / "teacher.pdf"
    result = run("lesson", "pdf", lesson.id, "--out", out, "--teacher", "--paper", "A4")
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(out)
    width, height = reader.pages[0].mediabox[2:]
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4, in points
    pictures = [image for page in reader.pages for image in page.images]
    assert len(pictures) == len(lesson.steps)
    text = pdf_text(out)
    for step in lesson.steps:
        for prompt in step.activity.prompts:
            assert words(rich_plain(prompt, atlas.sources)) in text
        if step.teacher_note:
            assert words(step.teacher_note) in text
    assert "Answer: 46." in text
    assert "Dunn (2021)" in text  # the sources cited


def test_an_unknown_lesson_is_a_usage_error_and_writes_nothing(tmp_path):
    result = run("lesson", "pdf", "no-such-lesson", "--out", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert "no lesson 'no-such-lesson'" in result.stderr
    assert "forty-days" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
