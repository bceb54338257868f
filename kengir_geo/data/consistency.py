"""Prose that agrees with its evidence.

A chapter retells its highlighted events; an event that names disputes retells their values. So
every number and every day written in a chapter (title, narrative, notes) must also be found in
the chapter's own dates, its highlighted events or the features it frames (their texts and
dates), or the claims those name; and every number and day in the description of an event that names claims must be
found in its own texts, dates or those claims' items, values and notes. An event without claims
is the evidence itself: its figures rest on the works it cites.

Every `{cite:ID}` in any reader text must name a work the project read, or an unread work cited
together with one of the read works that report it (its `via`), the rule features and claims
already follow for their `sources` lists.

Numbers are compared as written digits ("1,700" and "1700" are the same); days as a day and a
month ("16 May" matches "1954-05-16" or another "16 May"). Spelled-out numbers are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kengir_geo.data.citations import cited_ids
from kengir_geo.data.folder import STORY, RawGeodata, by_id
from kengir_geo.data.reader_text import reader_texts
from kengir_geo.data.schema import Problem, as_list

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# "16 May", "16–18 May" (both days), "1 and 2 June"
DAY = re.compile(r"\b(\d{1,2})(?:\s*(?:–|-|and|or)\s*(\d{1,2}))?\s+(" + "|".join(MONTHS) + r")\b")
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+")
ISO_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
EVENT_TEXT = ("name", "label", "description", "note")


@dataclass
class Evidence:
    """The numbers and days a text may use."""

    numbers: set[str] = field(default_factory=set)
    days: set[tuple[int, int]] = field(default_factory=set)

    def add_text(self, text: str) -> None:
        for day, month in _days(text):
            self.days.add((day, month))
        self.numbers.update(_numbers(text))

    def add_date(self, value: Any) -> None:
        """An ISO date or EDTF interval: its year and day count as written numbers, and the day
        with its month as a written day."""
        for match in ISO_DAY.finditer(str(value or "")):
            year, month, day = match.groups()
            self.numbers.add(year)
            if month and day:
                self.numbers.add(str(int(day)))
                self.days.add((int(day), int(month)))


@dataclass
class Report:
    """What the check looked at, for the closing note and the CLI."""

    texts: int = 0
    numbers: int = 0
    days: int = 0
    citations: int = 0
    problems: list[Problem] = field(default_factory=list)


def _days(text: str) -> Iterator[tuple[int, int]]:
    for match in DAY.finditer(text):
        month = MONTHS.index(match.group(3)) + 1
        for day in (match.group(1), match.group(2)):
            if day:
                yield int(day), month


def _numbers(text: str) -> list[str]:
    """The numbers written outside day-and-month dates, without thousands commas."""
    rest = DAY.sub(" ", re.sub(r"\{cite:[^{}]*\}", " ", text))
    return [n.replace(",", "") for n in NUMBER.findall(rest)]


def _features(raw: RawGeodata, events_only: bool) -> dict[str, tuple[str, dict[str, Any]]]:
    """Feature id -> (its layer's file, its properties), user layers left out."""
    events: dict[str, tuple[str, dict[str, Any]]] = {}
    for entry in raw.manifest:
        if entry.get("group") == "user" or (events_only and entry.get("type") != "events"):
            continue
        doc = raw.layers.get(entry.get("id")) if isinstance(entry.get("id"), str) else None
        for feature in doc.get("features", []) if isinstance(doc, dict) else []:
            props = feature.get("properties") if isinstance(feature, dict) else None
            if isinstance(props, dict) and isinstance(props.get("id"), str):
                events[props["id"]] = (str(entry.get("file", "")), props)
    return events


def _claim_evidence(claim: dict[str, Any], evidence: Evidence) -> None:
    for key in ("item", "note"):
        evidence.add_text(str(claim.get(key) or ""))
    for value in claim.get("value", []) if isinstance(claim.get("value"), list) else []:
        if isinstance(value, dict):
            evidence.add_text(str(value.get("value") or ""))
            evidence.add_text(str(value.get("note") or ""))


def _event_evidence(event: dict[str, Any], claims: dict[str, dict], evidence: Evidence) -> None:
    for key in EVENT_TEXT:
        evidence.add_text(str(event.get(key) or ""))
    evidence.add_date(event.get("start"))
    evidence.add_date(event.get("end"))
    for claim_id in as_list(event.get("claims")):
        if claim_id in claims:
            _claim_evidence(claims[claim_id], evidence)


def _compare(
    texts: Iterable[tuple[str, str]],
    evidence: Evidence,
    where: tuple[str, str],
    report: Report,
) -> None:
    file, label = where
    for key, text in texts:
        report.texts += 1
        for number in _numbers(text):
            report.numbers += 1
            if number not in evidence.numbers:
                report.problems.append(
                    Problem(file, label, key, f"the number {number} is not in its evidence")
                )
        for day, month in _days(text):
            report.days += 1
            if (day, month) not in evidence.days:
                report.problems.append(
                    Problem(
                        file,
                        label,
                        key,
                        f"the day {day} {MONTHS[month - 1]} is not in its evidence",
                    )
                )


def _check_citations(raw: RawGeodata, report: Report) -> None:
    sources = by_id(raw.sources)
    for file, label, key, text in reader_texts(raw):
        cited = cited_ids(text)
        for source_id in cited:
            report.citations += 1
            source = sources.get(source_id)
            if source is None or source.get("read", True) is not False:
                continue  # unknown ids are reported by the reader-text check
            if not set(as_list(source.get("via"))) & set(cited):
                report.problems.append(
                    Problem(
                        file,
                        label,
                        key,
                        f"{{cite:{source_id}}} is a work we have not read: cite it together "
                        "with a read work that reports it",
                    )
                )


def consistency_report(raw: RawGeodata) -> Report:
    report = Report()
    events = _features(raw, events_only=True)
    features = _features(raw, events_only=False)
    claims = by_id(raw.claims)
    for chapter in raw.chapters:
        evidence = Evidence()
        evidence.add_date(chapter.get("date"))
        evidence.add_date(chapter.get("until"))
        for event_id in as_list(chapter.get("highlight")):
            if event_id in events:
                _event_evidence(events[event_id][1], claims, evidence)
        for feature_id in as_list(chapter.get("frame")):  # what the map shows the chapter with
            if feature_id in features:
                _event_evidence(features[feature_id][1], claims, evidence)
        texts = [
            (k, chapter[k])
            for k in ("title", "narrative", "notes")
            if isinstance(chapter.get(k), str)
        ]
        _compare(texts, evidence, (STORY, str(chapter.get("id", ""))), report)
    for event_id, (file, event) in events.items():
        if not as_list(event.get("claims")) or not isinstance(event.get("description"), str):
            continue
        evidence = Evidence()
        evidence.add_date(event.get("start"))
        evidence.add_date(event.get("end"))
        for key in ("name", "note"):
            evidence.add_text(str(event.get(key) or ""))
        for claim_id in as_list(event.get("claims")):
            if claim_id in claims:
                _claim_evidence(claims[claim_id], evidence)
        _compare([("description", event["description"])], evidence, (file, event_id), report)
    _check_citations(raw, report)
    return report


def check_consistency(raw: RawGeodata) -> list[Problem]:
    return consistency_report(raw).problems
