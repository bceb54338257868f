"""Languages: the one date formatter, numbers and plural forms per locale, the catalogues."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kengir_geo.data.dates import DateSpan, parse_date
from kengir_geo.i18n import available_languages, negotiate, normalize_language, translator
from kengir_geo.i18n.catalogs import LOCALES, po_path
from kengir_geo.i18n.dates import format_day, format_span, format_span_with_precision
from kengir_geo.i18n.review import catalog_status, unreviewed_share
from kengir_geo.i18n.words import word
from kengir_geo.story.links import link_language, write_link
from kengir_geo.story.timeline import clock_label

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("uk", "ru", "kk", "lt")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def plain(text: str) -> str:
    """CLDR keeps a year's word with its number by a (narrow) no-break space."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_the_languages_of_the_issue_have_catalogues_and_native_names():
    assert set(LANGUAGES) | {"en"} <= set(available_languages())
    assert available_languages()[0] == "en"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "16 May 1954"),
        # the issue writes "16 травня 1954"; CLDR's long form adds "р." (рік), as Ukrainian
        # print does
        ("uk", "16 травня 1954 р."),
        ("ru", "16 мая 1954 г."),
        ("kk", "1954 ж. 16 мамыр"),
        ("lt", "1954 m. gegužės 16 d."),
    ],
)
def test_an_exact_day_in_each_language(lang, words):
    assert plain(format_day(date(1954, 5, 16), lang)) == words
    assert plain(format_span(parse_date("1954-05-16"), lang)) == words


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "May 1954"),
        ("uk", "травень 1954 р."),  # the standalone month, not "травня"
        ("ru", "май 1954 г."),
        ("kk", "1954 ж. мамыр"),
        ("lt", "1954 m. gegužė"),
    ],
)
def test_a_month_only_date_uses_the_standalone_month(lang, words):
    assert plain(format_span(parse_date("1954-05"), lang)) == words


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "about mid-May 1954"),
        ("uk", "приблизно середина травня 1954 р."),
        ("ru", "примерно середина мая 1954 г."),
        ("kk", "шамамен 1954 ж. мамыр айының ортасы"),
        ("lt", "apytiksliai 1954 m. gegužės vidurys"),
    ],
)
def test_a_fuzzy_third_of_a_month(lang, words):
    span = DateSpan("1954-05-11/1954-05-20~", date(1954, 5, 11), date(1954, 5, 20), "~")
    assert plain(format_span(span, lang)) == words


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("1954-05-24/1954-06-26", "en", "24 May – 26 June 1954"),
        ("1954-05-24/1954-06-26", "uk", "24 травня – 26 червня 1954 р."),
        ("1954-05-24/1954-06-26", "ru", "24 мая – 26 июня 1954 г."),
        ("1954-05-24/1954-06-26", "kk", "1954 ж. 24 мамыр – 26 маусым"),
        ("1954-05-24/1954-06-26", "lt", "1954 m. gegužės 24 d. – birželio 26 d."),
        ("1954-05-16/1954-05-18", "ru", "16–18 мая 1954 г."),
        ("1954-05~", "uk", "приблизно травень 1954 р."),
        ("1954-06-26T03:30", "ru", "26 июня 1954 г., 03:30"),
        ("1953", "kk", "1953"),
    ],
)
def test_spans_in_each_language(text, lang, words):
    assert plain(format_span(parse_date(text), lang)) == words


def test_precision_is_worded_in_the_language():
    assert (
        format_span_with_precision(parse_date("1954-05~")) == "about May 1954 (month, approximate)"
    )
    assert plain(format_span_with_precision(parse_date("1954-05-16"), "lt")) == (
        "1954 m. gegužės 16 d. (diena)"
    )


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("en", ["1 day", "2 days", "5 days", "21 days"]),
        ("uk", ["1 день", "2 дні", "5 днів", "21 день"]),
        ("ru", ["1 день", "2 дня", "5 дней", "21 день"]),
        ("kk", ["1 күн", "2 күн", "5 күн", "21 күн"]),
        ("lt", ["1 diena", "2 dienos", "5 dienos", "21 diena"]),
    ],
)
def test_day_counts_take_the_plural_form_of_the_language(lang, counts):
    assert [translator(lang).days(n) for n in (1, 2, 5, 21)] == counts


def test_numbers_are_grouped_by_locale():
    assert translator("en").number(5200) == "5,200"
    assert plain(translator("uk").number(5200)) == "5 200"


def test_the_day_counter_in_ukrainian():
    from kengir_geo.data.settings import Focus

    focus = Focus(
        name="the uprising",
        first=date(1954, 5, 16),
        last=date(1954, 6, 26),
        counter_from=date(1954, 5, 16),
    )
    assert (
        plain(clock_label(focus, date(1954, 5, 24), "uk"))
        == "День 9 від 16 травня · 24 травня 1954 р."
    )


def test_unknown_languages_fall_back_to_english():
    assert translator("xx").lang == "en"
    assert translator(None).gettext("Story") == "Story"
    assert translator("uk").gettext("a string no catalogue holds") == "a string no catalogue holds"
    assert normalize_language("uk-UA") == "uk"
    assert negotiate("ru-RU") == "ru"
    assert negotiate("de-DE,de;q=0.9,kk;q=0.8") == "kk"
    assert negotiate("de-DE") == "en"


def test_certainty_words_are_translated_where_shown():
    assert word("approximate") == "approximate"
    assert word("approximate", "uk") == "приблизно"
    assert word("my-own-word", "uk") == "my own word"


def test_categories_are_the_atlas_labels_not_a_second_list(atlas):
    """Kinds, categories and states are worded once, by atlas.toml's [labels]."""
    from kengir_geo.i18n.words import WORDS

    assert not set(WORDS) & set(atlas.settings.labels.get("category", {}))
    assert atlas.settings.label("category", "daily-life") == "Daily life"


def test_links_keep_the_language():
    assert link_language({"lang": "uk"}) == ("uk", None)
    assert link_language({"lang": "xx"}) == (None, "xx")
    assert link_language({}) == (None, None)


def _messages(lang: str):
    with po_path(lang).open("rb") as handle:
        return {m.id: m for m in read_po(handle, locale=lang) if m.id}


def _template_ids() -> set:
    with (LOCALES / "messages.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


# every language with a catalogue, so a language added by `translate init` is checked too
@pytest.mark.parametrize("lang", [lang for lang in available_languages() if lang != "en"])
def test_every_ui_string_is_translated_and_keeps_its_placeholders(lang):
    messages = _messages(lang)
    assert set(messages) == _template_ids(), "run `make messages`"
    for msgid, message in messages.items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{lang}: {ids[0]!r} is not translated"
        assert not message.fuzzy, f"{lang}: {ids[0]!r} is fuzzy"
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, (lang, ids[0], text)
            assert text.count("**") == ids[0].count("**"), (lang, ids[0], text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogues_say_they_are_drafts(lang):
    status = catalog_status(lang)
    assert status.translated == status.entries > 150
    assert status.reviewed == 0  # nobody has reviewed them yet: the pages say so
    assert unreviewed_share(lang) == 1.0
    assert unreviewed_share("en") == 0.0


def test_the_template_holds_every_string_of_the_code(tmp_path):
    """`make messages` has been run: extracting again finds no string the template lacks."""
    out = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "--mapping-file",
            str(ROOT / "babel.cfg"),
            "--keywords",
            "N_",
            "--no-location",
            "--output-file",
            str(out),
            str(ROOT / "kengir_geo"),
        ],
        check=True,
        capture_output=True,
    )
    with out.open("rb") as handle:
        fresh = {m.id for m in read_po(handle) if m.id}
    assert fresh == _template_ids()


def test_links_written_by_pages_carry_the_language(atlas):
    day = date(1954, 5, 24)
    assert write_link(atlas, day, [], lang="uk")["lang"] == "uk"
    assert "lang" not in write_link(atlas, day, [], lang="en")


def test_an_entry_is_reviewed_when_a_native_speaker_signs_it(tmp_path):
    po = po_path("uk", tmp_path)
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: uk\\n"\n\n'
        '# reviewed: Olena K.\nmsgid "Story"\nmsgstr "Історія"\n\n'
        'msgid "Sources"\nmsgstr "Джерела"\n\n'
        'msgid "Timeline"\nmsgstr ""\n',
        encoding="utf-8",
    )
    status = catalog_status("uk", tmp_path)
    assert (status.entries, status.translated, status.reviewed, status.drafts) == (3, 2, 1, 1)
