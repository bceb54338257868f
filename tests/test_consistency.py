"""The prose agrees with its evidence: numbers and days in chapters and in disputed events are
found in what they retell, and unread works are never cited alone."""

from __future__ import annotations

import json

import pytest

from factories import collection, event, write_geodata
from kengir_geo.data.consistency import consistency_report
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.validate import validate_geodata


def _with_chapter(root, narrative: str, notes: str = ""):
    story = (root / "story.toml").read_text()
    story = story.replace(
        'narrative = "Tanks enter the camp."', f"narrative = {json.dumps(narrative)}"
    )
    if notes:
        story += f"notes = {json.dumps(notes)}\n"
    (root / "story.toml").write_text(story)
    return root


def _messages(root, file: str) -> list[str]:
    return [f"{p.feature}:{p.field}: {p.message}" for p in validate_geodata(root) if p.file == file]


def test_the_bundled_story_agrees_with_its_evidence(atlas):
    report = consistency_report(read_geodata(atlas.root))
    assert report.problems == []
    # the check really looked: every chapter, the disputed events, and every citation
    assert report.texts >= 60
    assert report.numbers >= 100
    assert report.days >= 30
    assert report.citations >= 300


@pytest.mark.parametrize(
    "narrative",
    [
        "About 1,700 soldiers stormed the camp on 26 June 1954.",  # a claim value, the event's day
        "About 1700 soldiers came, not 1,600.",  # commas or none: the same number
    ],
)
def test_numbers_and_days_found_in_the_highlighted_event_or_its_claims_pass(tmp_path, narrative):
    root = _with_chapter(write_geodata(tmp_path), narrative)
    assert _messages(root, "story.toml") == []


@pytest.mark.parametrize(
    ("narrative", "problem"),
    [
        ("About 2,000 soldiers stormed the camp.", "the number 2000 is not in its evidence"),
        ("The tanks came on 27 June.", "the day 27 June is not in its evidence"),
        ("The tanks came in 1955.", "the number 1955 is not in its evidence"),
    ],
)
def test_a_number_or_day_the_evidence_does_not_hold_is_an_error(tmp_path, narrative, problem):
    root = _with_chapter(write_geodata(tmp_path), narrative)
    assert _messages(root, "story.toml") == [f"raid:narrative: {problem}"]


def test_the_teachers_notes_are_checked_too(tmp_path):
    root = _with_chapter(write_geodata(tmp_path), "Tanks enter the camp.", notes="Five, or 6?")
    assert _messages(root, "story.toml") == ["raid:notes: the number 6 is not in its evidence"]


def test_a_disputed_event_keeps_to_the_values_of_its_dispute(tmp_path):
    root = write_geodata(tmp_path)
    events = collection(
        event("e-raid", start="1954-06-26", claims=["troops"], description="1,600 troops came."),
        event("e-plain", start="1954-06-26", description="Exactly 1,234 troops came."),
        event("e-wrong", start="1954-06-26", claims=["troops"], description="1,800 troops came."),
    )
    (root / "layers" / "events.geojson").write_text(json.dumps(events))
    story = (root / "story.toml").read_text().replace('["e-raid"]', '["e-raid", "e-wrong"]')
    (root / "story.toml").write_text(story)
    # an event without a dispute is the evidence itself; one with a dispute must match it
    assert _messages(root, "layers/events.geojson") == [
        "e-wrong:description: the number 1800 is not in its evidence"
    ]


UNREAD = '\n[[source]]\nid = "sol"\ntitle = "Archipelago"\nread = false\nvia = ["w-en"]\n'


@pytest.mark.parametrize(
    ("narrative", "alone"),
    [("Tanks came {cite:sol}.", True), ("Tanks came {cite:sol} {cite:w-en}.", False)],
)
def test_an_unread_work_is_cited_only_beside_a_read_work_that_reports_it(
    tmp_path, narrative, alone
):
    root = write_geodata(tmp_path)
    with (root / "sources.toml").open("a") as handle:
        handle.write(UNREAD)
    _with_chapter(root, narrative)
    unread = [m for m in _messages(root, "story.toml") if "a work we have not read" in m]
    assert unread == (
        [
            "raid:narrative: {cite:sol} is a work we have not read: cite it together "
            "with a read work that reports it"
        ]
        if alone
        else []
    )
