"""`kengir-geo lesson pdf` and `kengir-geo lesson export`: a lesson as a printed handout, or
frozen into one offline file as it was taught.

Exit codes as in cli.py: 0 written, 1 the geodata has errors, 2 a usage error.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from kengir_geo.cli.options import geodata_option
from kengir_geo.cli.report import EXIT_INVALID, EXIT_USAGE
from kengir_geo.cli.writing import lang_option, load, out_option, progress, writing
from kengir_geo.data.atlas import Atlas
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.lessons import Lesson, LessonError, find_lesson, load_lessons
from kengir_geo.data.translated import atlas_in


def pick(atlas: Atlas, lesson_id: str, lang: str = "en") -> Lesson:
    """The lesson in `lang` (English where a text is not translated)."""
    try:
        lessons = load_lessons(read_geodata(atlas.root), lang)
    except LessonError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        sys.exit(EXIT_INVALID)
    try:
        return find_lesson(lessons, lesson_id)
    except LessonError as error:
        progress(f"nothing written: {error.problems[0].message}")
        sys.exit(EXIT_USAGE)


@click.group("lesson")
def lesson_command() -> None:
    """A lesson from geodata/lessons/ as a printed handout or a frozen offline file."""


@lesson_command.command("pdf")
@click.argument("lesson_id", metavar="LESSON")
@out_option("The .pdf.")
@click.option("--teacher", is_flag=True, help="The teacher's copy: answers and teacher's notes.")
@click.option("--paper", type=click.Choice(["A4", "Letter"]), default="A4", show_default=True)
@lang_option
@geodata_option()
def pdf_command(
    lesson_id: str, out: Path, teacher: bool, paper: str, lang: str, geodata: Path | None
) -> None:
    """Print LESSON as a PDF handout: each step's map, its questions with room to write, the
    sources; with --teacher, the answers and the teacher's notes too."""
    from kengir_geo.export.handout import export_handout

    atlas = atlas_in(load(geodata), lang)
    lesson = pick(atlas, lesson_id, lang)
    progress(f"drawing {len(lesson.steps)} maps and printing…")
    with writing(str(out)):
        path = export_handout(atlas, lesson, out, teacher=teacher, paper=paper, lang=lang)
    progress(f"{path}: {path.stat().st_size / 1024:.0f} KB, {len(lesson.steps)} steps")


@lesson_command.command("export")
@click.argument("lesson_id", metavar="LESSON")
@out_option("The .html.")
@lang_option
@geodata_option()
def export_lesson_command(lesson_id: str, out: Path, lang: str, geodata: Path | None) -> None:
    """Freeze LESSON into ONE offline HTML file with only its steps, stamped with the atlas
    version and today's date ("as taught on …")."""
    from kengir_geo.export.lesson_html import export_lesson

    atlas = atlas_in(load(geodata), lang)
    lesson = pick(atlas, lesson_id, lang)
    with writing(str(out)):
        path = export_lesson(atlas, lesson, out, taught_on=date.today(), lang=lang)
    progress(f"{path}: {path.stat().st_size / 1024 / 1024:.2f} MB, {len(lesson.steps)} steps")
