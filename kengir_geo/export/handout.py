"""A lesson as a printed handout: each step's map picture, its questions with room to write, the
sources; the teacher's copy adds the answers and the teacher's notes.

The page is plain HTML with the pictures inline; Debian's Chromium prints it to PDF headless,
as it draws the map pictures (export/picture.py). No online service, no network.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from pathlib import Path

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.lessons import Compare, Discuss, Lesson, Observe, Predict, Step
from kengir_geo.export.html import ExportError
from kengir_geo.export.lesson_html import IN_ENGLISH, WHO_SAYS, WORK_SAYS
from kengir_geo.export.picture import export_picture, find_chromium, run_headless
from kengir_geo.i18n import N_, translator
from kengir_geo.i18n.review import translation_notice
from kengir_geo.map.escape import esc
from kengir_geo.map.rich_text import rich_html, sources_html
from kengir_geo.story.lessons import answer_words, lesson_sources, step_view

# Words put inside the page's markup (marked here for the catalogues)
ANSWER = N_("Answer:")
LEARNING_GOALS = N_("Learning goals")


PAPERS = {"A4": "210mm 297mm", "Letter": "8.5in 11in"}
PICTURE_SIZE = (1400, 900)

CSS = """
@page { size: %(paper)s; margin: 14mm 14mm 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
  color: #111; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 0 0 4pt; break-after: avoid; }
.meta, .when { color: #444; font-size: 9.5pt; }
.note { border-left: 3pt solid #7a1f12; padding: 2pt 8pt; margin: 6pt 0; }
.step { break-inside: avoid-page; margin-top: 12pt; }
.step + .step { border-top: 1pt solid #999; padding-top: 8pt; }
img { width: 100%%; max-height: 95mm; object-fit: contain; border: 1pt solid #bbb; }
.q { margin: 8pt 0 2pt; font-weight: 600; }
.lines { height: 22mm; border-bottom: 1pt dotted #777;
  background: repeating-linear-gradient(#fff 0 6.6mm, #bbb 6.6mm 6.9mm); }
.choices li { margin: 2pt 0; }
table { border-collapse: collapse; width: 100%%; font-size: 9.5pt; }
td, th { border: 1pt solid #999; padding: 3pt 5pt; vertical-align: top; text-align: left; }
.teacher { background: #f3efe6; padding: 4pt 8pt; margin-top: 6pt; }
.sources { font-size: 9pt; }
"""


def _questions(prompts: tuple[str, ...], kind: str, atlas: Atlas) -> str:
    return "".join(
        f'<p class="q">{esc(kind)}: {rich_html(p, atlas.sources)}</p><div class="lines"></div>'
        for p in prompts
    )


def _compare_table(atlas: Atlas, compare: Compare, lang: str) -> str:
    t = translator(lang)
    claim = atlas.claims.get(compare.claim)
    if claim is None:
        return ""
    rows = "".join(
        f"<tr><td>{esc(v.value)}</td><td>{sources_html(v.sources, atlas.sources, lang)}</td></tr>"
        for v in claim.values
        if not compare.sources or set(v.sources) & set(compare.sources)
    )
    return (
        f"<p><b>{esc(claim.item)}</b></p>"
        f"<table><tr><th>{esc(t.gettext(WORK_SAYS))}</th>"
        f"<th>{esc(t.gettext(WHO_SAYS))}</th></tr>{rows}</table>"
    )


def _activity_html(atlas: Atlas, step: Step, teacher: bool, lang: str = "en") -> str:
    t = translator(lang)
    activity = step.activity
    if isinstance(activity, Observe):
        return (
            _questions(activity.observe, t.gettext("Observe"), atlas)
            + _questions(activity.reflect, t.gettext("Reflect"), atlas)
            + _questions(activity.question, t.gettext("Question"), atlas)
        )
    if isinstance(activity, Predict):
        html = _questions((activity.question,), t.gettext("Predict"), atlas)
        if activity.choices:
            items = "".join(f"<li>☐ {esc(c)}</li>" for c in activity.choices)
            html += f'<ul class="choices">{items}</ul>'
        if teacher:
            html += (
                f'<div class="teacher"><b>{esc(t.gettext(ANSWER))}</b> {esc(answer_words(atlas, activity, lang))}. '
                f"{rich_html(activity.reveal, atlas.sources)}</div>"
            )
        return html
    if isinstance(activity, Compare):
        table = _compare_table(atlas, activity, lang)
        if teacher and (claim := atlas.claims.get(activity.claim)) and claim.note:
            why = esc(t.gettext("Why the works differ:"))
            table += f'<div class="teacher"><b>{why}</b> {esc(claim.note)}</div>'
        return table + _questions(activity.questions, t.gettext("Compare"), atlas)
    assert isinstance(activity, Discuss)
    return _questions(activity.questions, t.gettext("Discuss"), atlas)


def _step_html(
    atlas: Atlas,
    number: int,
    step: Step,
    picture: Path | None,
    teacher: bool,
    lang: str = "en",
    in_english: bool = False,
) -> str:
    t = translator(lang)
    view = step_view(atlas, step, lang)
    html = f'<section class="step"><h2>{number}. {esc(step.title)}</h2>'
    html += f'<div class="when">{esc(view.when)}</div>'
    if picture is not None:
        data = base64.b64encode(picture.read_bytes()).decode("ascii")
        alt = esc(t.gettext("The map for this step"))
        html += f'<img src="data:image/png;base64,{data}" alt="{alt}">'
    if step.text:
        html += f"<p>{rich_html(step.text, atlas.sources)}</p>"
    html += _activity_html(atlas, step, teacher, lang)
    if teacher and step.teacher_note:
        note = esc(t.gettext("For the teacher:"))
        html += f'<div class="teacher"><b>{note}</b> {esc(step.teacher_note)}</div>'
    if in_english:
        html += f'<p class="when">{esc(t.gettext(IN_ENGLISH))}</p>'
    return html + "</section>"


def handout_html(
    atlas: Atlas,
    lesson: Lesson,
    pictures: dict[int, Path],
    teacher: bool = False,
    paper: str = "A4",
    lang: str = "en",
) -> str:
    """The handout as one HTML page; `pictures` maps a step's number to its PNG. `atlas` and
    `lesson` are already in `lang`; the handout's own words and dates are put in it here."""
    if paper not in PAPERS:
        raise ExportError(f"paper is one of {', '.join(PAPERS)}, not {paper!r}")
    t = translator(lang)
    who = t.gettext("Teacher's copy") if teacher else t.gettext("Name: ____________________")
    meta = t.gettext("Ages {youngest}–{oldest} · {minutes} minutes").format(
        youngest=lesson.ages[0], oldest=lesson.ages[1], minutes=lesson.minutes
    )
    head = (
        f"<h1>{esc(lesson.title)}</h1>"
        f'<div class="meta">{esc(meta)} · {esc(atlas.settings.title)} · {esc(who)}</div>'
    )
    if notice := translation_notice(lang):  # a draft translation says so on paper too
        head += f'<div class="meta">{esc(notice)}</div>'
    if lesson.content_note:
        label = esc(t.gettext("Content note."))
        head += f'<div class="note"><b>{label}</b> {esc(lesson.content_note)}</div>'
    if teacher:
        goals = "".join(f"<li>{esc(g)}</li>" for g in lesson.goals)
        head += f"<p><b>{esc(t.gettext(LEARNING_GOALS))}</b></p><ul>{goals}</ul>"
    steps = "".join(
        _step_html(
            atlas,
            n,
            step,
            pictures.get(n),
            teacher,
            lang,
            lang != "en" and lesson.step_in_english(n),
        )
        for n, step in enumerate(lesson.steps, start=1)
    )
    cited = sources_html(lesson_sources(atlas, lesson), atlas.sources, lang)
    return (
        f'<!DOCTYPE html><html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f"<title>{esc(lesson.title)}</title><style>{CSS % {'paper': PAPERS[paper]}}</style>"
        f'</head><body>{head}{steps}<p class="sources">{cited}</p></body></html>'
    )


def step_picture(atlas: Atlas, step: Step, out: Path, lang: str = "en") -> Path:
    """The step's map as a PNG. A predict step is drawn on its own day without the chapter's
    text, so the picture does not give the answer away."""
    view = step_view(atlas, step, lang)
    if step.chapter and not isinstance(step.activity, Predict) and not step.date:
        return export_picture(atlas, out, chapter=step.chapter, size=PICTURE_SIZE, lang=lang)
    return export_picture(atlas, out, day=view.day, size=PICTURE_SIZE, frame=view.frame, lang=lang)


def export_handout(
    atlas: Atlas,
    lesson: Lesson,
    out: Path,
    teacher: bool = False,
    paper: str = "A4",
    pictures: bool = True,
    lang: str = "en",
) -> Path:
    """Write the handout as a PDF (atomically); ExportError says why when it cannot."""
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise ExportError(f"{out.name}: a handout is written as .pdf")
    chromium = find_chromium()
    with tempfile.TemporaryDirectory(prefix="kengir-handout-") as name:
        folder = Path(name)
        drawn = {
            n: step_picture(atlas, step, folder / f"step-{n}.png", lang)
            for n, step in enumerate(lesson.steps, start=1)
            if pictures
        }
        page = folder / "handout.html"
        page.write_text(handout_html(atlas, lesson, drawn, teacher, paper, lang), encoding="utf-8")
        pdf = folder / "handout.pdf"
        run_headless(
            chromium,
            page,
            folder,
            [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"],
            "the handout",
        )
        if not pdf.is_file():
            raise ExportError("Chromium could not print the handout")
        out.parent.mkdir(parents=True, exist_ok=True)
        part = out.with_name(out.name + ".part")  # beside the target: the rename is atomic
        shutil.copyfile(pdf, part)
        os.replace(part, out)
    return out
