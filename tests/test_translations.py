"""Geodata translation files: stubs made by `translate init`, and what validate says about
missing, stale and mismatched entries, each with its file, id and field; the overlay."""

from __future__ import annotations

import json

import pytest
import tomlkit

from command_line import run
from factories import collection, event, feature, write_geodata
from kengir_geo.data.atlas import build_atlas
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.translations import (
    check_translations,
    init_language,
    mismatches,
    overlay,
    text_hash,
    units,
)
from kengir_geo.data.validate import validate_geodata

NARRATIVE = "On 26 June 1954, 1,700 soldiers and five tanks entered the camp {cite:w-en}."


@pytest.fixture
def geodata(tmp_path):
    root = write_geodata(tmp_path / "geodata")
    story = (root / "story.toml").read_text().replace("Tanks enter the camp.", NARRATIVE)
    (root / "story.toml").write_text(story)
    places = collection(
        feature(
            "zhezkazgan",
            name="Zhezkazgan",
            names=["Zhezkazgan", "Жезказган", "Джезказган", "Жезқазған"],
        ),
        feature("kengir", name="Kengir", description="A settlement founded in 1940."),
    )
    (root / "layers" / "places.geojson").write_text(json.dumps(places, ensure_ascii=False))
    events = collection(event("e-raid", start="1954-06-26T03:30", claims=["troops"]))
    (root / "layers" / "events.geojson").write_text(json.dumps(events, ensure_ascii=False))
    return root


def _entry(root, lang, file, id_, field):
    path = root / "i18n" / lang / file
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    return path, doc, doc[id_][field]


def _write(path, doc):
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")


def _problems(root, level=None):
    found = [p for p in check_translations(read_geodata(root))]
    return [p for p in found if level is None or p.level == level]


def test_no_language_folder_means_nothing_to_report(geodata):
    assert _problems(geodata) == []


def test_init_creates_one_stub_per_geodata_file_and_reports_every_text_missing(geodata):
    raw = read_geodata(geodata)
    written = init_language(raw, "uk")
    names = sorted(p.relative_to(geodata / "i18n" / "uk").as_posix() for p in written)
    assert names == [
        "atlas.toml",
        "claims.toml",
        "layers.toml",
        "layers/events.toml",
        "layers/places.toml",
        "story.toml",  # no sources.toml: the test bibliography has no notes to translate
    ]
    missing = _problems(geodata)
    assert {p.level for p in missing} == {"warning"}
    assert len(missing) == len(units(raw))
    assert any(
        (p.file, p.feature, p.field) == ("i18n/uk/story.toml", "raid", "narrative") for p in missing
    )
    _, _, entry = _entry(geodata, "uk", "story.toml", "raid", "narrative")
    assert entry["status"] == "draft" and entry["source_hash"] == text_hash(NARRATIVE)


def test_kazakh_stub_takes_the_kazakh_spelling_from_the_gazetteer(geodata):
    init_language(read_geodata(geodata), "kk")
    _, _, entry = _entry(geodata, "kk", "layers/places.toml", "zhezkazgan", "name")
    assert entry["text"] == "Жезқазған"
    _, _, entry = (
        _entry(geodata, "ru", "layers/places.toml", "zhezkazgan", "name")
        if False
        else (
            None,
            None,
            None,
        )
    )


def test_a_good_translation_is_not_reported_and_is_shown(geodata):
    init_language(read_geodata(geodata), "uk")
    path, doc, entry = _entry(geodata, "uk", "story.toml", "raid", "narrative")
    entry["text"] = "26 червня 1954 р. 1 700 солдатів і п’ять танків увійшли до табору {cite:w-en}."
    _write(path, doc)
    path, doc, entry = _entry(geodata, "uk", "layers/places.toml", "zhezkazgan", "name")
    entry["text"] = "Жезказган"
    _write(path, doc)
    reported = {(p.file, p.feature, p.field) for p in _problems(geodata)}
    assert ("i18n/uk/story.toml", "raid", "narrative") not in reported
    assert ("i18n/uk/layers/places.toml", "zhezkazgan", "name") not in reported
    shown = overlay(read_geodata(geodata), "uk")
    atlas = build_atlas(shown.raw, [])
    assert atlas.chapters[0].narrative.startswith("26 червня")
    places = atlas.layers["places"].frame.set_index("id")
    assert places.loc["zhezkazgan", "name"] == "Жезказган"
    assert ("story.toml", "raid", "narrative") in shown.translated
    assert ("story.toml", "raid", "title") in shown.fallbacks  # still English, and said so
    assert shown.drafts == 2


def test_a_stale_translation_is_reported_and_falls_back_to_english(geodata):
    init_language(read_geodata(geodata), "uk")
    path, doc, entry = _entry(geodata, "uk", "story.toml", "raid", "narrative")
    entry["text"] = "26 червня 1954 р. 1 700 солдатів і п’ять танків увійшли до табору {cite:w-en}."
    _write(path, doc)
    story = (geodata / "story.toml").read_text().replace("five tanks", "four tanks")
    (geodata / "story.toml").write_text(story)
    stale = [p for p in _problems(geodata) if "stale" in p.message]
    assert [(p.file, p.feature, p.field, p.level) for p in stale] == [
        ("i18n/uk/story.toml", "raid", "narrative", "warning")
    ]
    shown = overlay(read_geodata(geodata), "uk")
    assert build_atlas(shown.raw, []).chapters[0].narrative.startswith("On 26 June")
    assert ("story.toml", "raid", "narrative") in shown.fallbacks
    # init refreshes the English beside the entry but keeps the old hash: still stale
    init_language(read_geodata(geodata), "uk")
    assert [p.field for p in _problems(geodata) if "stale" in p.message] == ["narrative"]


@pytest.mark.parametrize(
    ("translated", "wrong"),
    [
        ("26 червня 1954 р. 1 700 солдатів і п’ять танків увійшли до табору.", "cites"),
        ("26 червня 1954 р. 1 600 солдатів і п’ять танків увійшли {cite:w-en}.", "numbers"),
        ("26 травня 1954 р. 1 700 солдатів і п’ять танків увійшли {cite:w-en}.", "months"),
        ("26 червня 1954 р. 1 700 солдатів {cite:s002}.", "cites"),
    ],
)
def test_a_translation_that_changes_cites_numbers_or_dates_is_an_error(geodata, translated, wrong):
    init_language(read_geodata(geodata), "uk")
    path, doc, entry = _entry(geodata, "uk", "story.toml", "raid", "narrative")
    entry["text"] = translated
    _write(path, doc)
    errors = _problems(geodata, "error")
    assert [(p.file, p.feature, p.field) for p in errors] == [
        ("i18n/uk/story.toml", "raid", "narrative")
    ]
    assert wrong in errors[0].message
    assert ("story.toml", "raid", "narrative") in overlay(read_geodata(geodata), "uk").fallbacks
    # validate reports it with the rest of the folder, and it is an error there too
    assert any(p.file == "i18n/uk/story.toml" and p.is_error for p in validate_geodata(geodata))


def test_a_place_name_must_come_from_the_gazetteer(geodata):
    init_language(read_geodata(geodata), "ru")
    path, doc, entry = _entry(geodata, "ru", "layers/places.toml", "zhezkazgan", "name")
    entry["text"] = "Жезгазган"  # a free spelling, not one of its names
    _write(path, doc)
    errors = _problems(geodata, "error")
    assert [(p.feature, p.field) for p in errors] == [("zhezkazgan", "name")]
    assert "Джезказган" in errors[0].message


def test_status_and_reviewer_are_checked(geodata):
    init_language(read_geodata(geodata), "lt")
    path, doc, entry = _entry(geodata, "lt", "story.toml", "raid", "title")
    entry["text"] = "Puolimas"
    entry["status"] = "reviewed"
    _write(path, doc)
    errors = _problems(geodata, "error")
    assert [(p.feature, p.field, p.message) for p in errors] == [
        ("raid", "title", "a reviewed entry names its reviewer")
    ]


def test_an_entry_for_text_that_no_longer_exists_is_reported(geodata):
    init_language(read_geodata(geodata), "uk")
    path = geodata / "i18n" / "uk" / "story.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[gone.title]\ntext = "Зникле"\nsource_hash = "x"\nstatus = "draft"\nreviewer = ""\n',
        encoding="utf-8",
    )
    extra = [p for p in _problems(geodata) if p.feature == "gone"]
    assert [(p.field, p.level) for p in extra] == [("title", "warning")]


def test_mismatch_rules():
    english = "About 5,000 prisoners held out from 16 May to 26 June 1954 {cite:w-en}."
    assert (
        mismatches(
            english,
            "Близько 5 000 в’язнів трималися з 16 травня до 26 червня 1954 р. {cite:w-en}.",
            "uk",
        )
        == []
    )
    assert (
        mismatches(
            english,
            "Около 5000 заключённых держались с 16 мая по 26 июня 1954 г. {cite:w-en}.",
            "ru",
        )
        == []
    )
    assert (
        mismatches(
            english,
            "Apie 5 000 kalinių laikėsi nuo gegužės 16 d. iki 1954 m. birželio 26 d. {cite:w-en}.",
            "lt",
        )
        == []
    )
    assert (
        mismatches(
            english, "1954 ж. 16 мамырдан 26 маусымға дейін 5 000-ға жуық тұтқын {cite:w-en}.", "kk"
        )
        == []
    )
    # a wrong month is found even with a case ending
    assert mismatches(
        english, "1954 ж. 16 мамырдан 26 шілдеге дейін 5 000-ға жуық тұтқын {cite:w-en}.", "kk"
    ) == ["the months differ from the English text's dates"]


def test_the_english_verb_may_is_not_the_month_may():
    english = "The camp may have stood here; the walls may both be right, as in May 1954."
    translated = (
        "Lageris galėjo stovėti čia; abi sienos gali būti teisingos, kaip 1954 m. gegužės mėn."
    )
    assert mismatches(english, translated, "lt") == []
    # the month itself is still counted
    assert mismatches(english, "Lageris galėjo stovėti čia, kaip 1954 m.", "lt") == [
        "the months differ from the English text's dates"
    ]


def test_translate_init_is_one_command_and_validate_reports_the_language(tmp_path):
    root = write_geodata(tmp_path / "geodata")
    made = run("translate", "init", "lv", "--geodata", root, "--no-ui")
    assert made.exit_code == 0, made.stderr
    assert (root / "i18n" / "lv" / "story.toml").is_file()
    checked = run("validate", root)
    assert checked.exit_code == 0  # missing translations are warnings: English is shown
    assert "i18n/lv/story.toml:raid:narrative: warning: not translated yet" in checked.stdout
    status = run("translate", "status", "--geodata", root)
    assert "lv: geodata 0/" in status.stdout
    assert "uk: geodata 0/" in status.stdout  # the interface's languages are listed too
    assert run("translate", "init", "xx-nonsense", "--geodata", root).exit_code == 2
    assert run("translate", "init", "en", "--geodata", root).exit_code == 2


def test_exports_in_a_language(geodata, tmp_path):
    from kengir_geo.data.atlas import load_atlas
    from kengir_geo.data.translated import atlas_in
    from kengir_geo.export.data import export_data
    from kengir_geo.export.html import export_page

    init_language(read_geodata(geodata), "uk")
    path, doc, entry = _entry(geodata, "uk", "layers/places.toml", "kengir", "description")
    entry["text"] = "Селище, засноване 1940 року."
    _write(path, doc)
    atlas = atlas_in(load_atlas(geodata), "uk")
    page = export_page(atlas, lang="uk")
    assert '<html lang="uk">' in page
    assert "Легенда" in page and "Селище, засноване 1940 року." in page
    assert "не перевірив носій мови" in page  # the draft notice travels with the export
    export_data(atlas, tmp_path / "out", "uk")
    places = json.loads((tmp_path / "out" / "layers" / "places.geojson").read_text())
    kengir = next(f for f in places["features"] if f["properties"]["id"] == "kengir")
    assert kengir["properties"]["description"] == "Селище, засноване 1940 року."
    lpf = json.loads((tmp_path / "out" / "linked-places.json").read_text())
    described = next(f for f in lpf["features"] if f["@id"].endswith(":kengir"))
    assert described["descriptions"] == [{"value": "Селище, засноване 1940 року.", "lang": "uk"}]


def test_a_translated_state_label_keeps_the_code_and_its_colour(tmp_path):
    """A state's reader label is translated in atlas.toml's [labels]; the data keeps its code,
    so the colour, the legend and the popups all follow the one label."""
    from kengir_geo.data.atlas import load_atlas
    from kengir_geo.data.translated import atlas_in
    from kengir_geo.map.legend import legend_html
    from kengir_geo.map.styles import layer_color
    from kengir_geo.story.details import feature_details

    root = write_geodata(tmp_path / "geodata")
    manifest = (root / "layers.toml").read_text()
    manifest = manifest.replace(
        'id = "places"\ntitle = "Places"',
        'id = "places"\ntitle = "Places"\nstate_colors = { "held by prisoners" = "#1f77b4" }',
    )
    (root / "layers.toml").write_text(manifest)
    settings = (root / "atlas.toml").read_text()
    labels = '\n[labels.state]\n"held by prisoners" = "Held by the prisoners"\n'
    (root / "atlas.toml").write_text(settings + labels)
    places = collection(feature("kengir", name="Kengir", state="held by prisoners"))
    (root / "layers" / "places.geojson").write_text(json.dumps(places, ensure_ascii=False))
    init_language(read_geodata(root), "ru")
    path, doc, entry = _entry(root, "ru", "atlas.toml", "labels.state", "held by prisoners")
    assert entry["english"] == "Held by the prisoners"
    entry["text"] = "В руках заключённых"
    _write(path, doc)
    atlas = atlas_in(load_atlas(root), "ru")
    layer = atlas.layers["places"]
    assert list(layer.frame["state"]) == ["held by prisoners"]
    assert layer_color(layer.style, None, "held by prisoners") == "#1f77b4"
    assert atlas.settings.label("state", "held by prisoners") == "В руках заключённых"
    assert "В руках заключённых" in legend_html(atlas, lang="ru")
    assert feature_details(atlas, "places", "kengir", "ru").state == "В руках заключённых"


def test_russian_months_with_a_case_ending_and_the_english_verb_may():
    # "may" the verb is no month; в мае, в июне are May and June
    english = "The tolls may differ: in May 1954 and in June."
    assert mismatches(english, "Числа могут расходиться: в мае 1954 года и в июне.", "ru") == []
    assert mismatches(english, "Числа могут расходиться: в мае 1954 года и в июле.", "ru") == [
        "the months differ from the English text's dates"
    ]
