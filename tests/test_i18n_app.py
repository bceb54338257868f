"""The app in another language: ?lang=uk gives Ukrainian words, a notice that the translation
is a draft, links that keep the language, and <html lang="uk"> in a real Chromium."""

from __future__ import annotations

import pytest

from apptest_support import app, open_page, write_app_geodata


@pytest.fixture(scope="module")
def geodata(tmp_path_factory):
    return write_app_geodata(tmp_path_factory.mktemp("geodata"))


def _labels(at) -> list[str]:
    return [w.label for w in (*at.selectbox, *at.multiselect, *at.text_input)]


def test_lang_uk_shows_the_ukrainian_interface_and_the_draft_notice(monkeypatch, geodata):
    at = app(monkeypatch, geodata, lang="uk").run()
    assert not at.exception, [e.value for e in at.exception]
    labels = _labels(at)
    assert {"Мова", "Знайти місце", "Період", "Шари", "Підкладка"} <= set(labels), labels
    assert at.selectbox(key="lang_menu").value == "uk"
    captions = [c.value for c in at.sidebar.caption]
    assert any("не перевірив носій мови" in c for c in captions), captions
    assert at.query_params["lang"] == ["uk"] or at.query_params["lang"] == "uk"


def test_the_language_menu_switches_and_the_link_follows(monkeypatch, geodata):
    at = app(monkeypatch, geodata).run()
    assert "Find a place" in _labels(at)
    assert not [c.value for c in at.sidebar.caption if "native speaker" in c.value]
    at.selectbox(key="lang_menu").set_value("lt").run()
    assert "Rasti vietą" in _labels(at)
    assert "lt" in str(at.query_params["lang"])


def test_an_unknown_language_in_a_link_says_so_in_english(monkeypatch, geodata):
    at = app(monkeypatch, geodata, lang="xx").run()
    assert any("No language “xx”" in w.value for w in at.warning)
    assert "Find a place" in _labels(at)


@pytest.mark.slow  # a page sweep (make test); test-fast opens a page in Ukrainian above
@pytest.mark.parametrize(
    ("page", "words"),
    [
        ("timeline", "Хронологія"),
        ("sources", "Джерела"),
        ("story", "Далі ▶"),
        ("figures", "Числа у вигляді таблиці"),
    ],
)
def test_every_page_speaks_the_link_language(monkeypatch, geodata, page, words):
    at = open_page(app(monkeypatch, geodata, lang="uk"), page)
    assert not at.exception, [e.value for e in at.exception]
    shown = [
        *(t.value for t in at.title),
        *(b.label for b in at.button),
        *(e.label for e in at.expander),
    ]
    assert words in shown, shown


@pytest.mark.browser
def test_the_page_sets_html_lang_and_shows_ukrainian(app_server, page):
    page.goto(f"{app_server.url}/timeline?lang=uk")
    page.wait_for_function("document.documentElement.lang === 'uk'", timeout=30_000)
    page.get_by_text("Хронологія").first.wait_for(timeout=30_000)
    # moving to another page keeps the language, in the page and in the address
    page.goto(f"{app_server.url}/sources?lang=kk")
    page.wait_for_function("document.documentElement.lang === 'kk'", timeout=30_000)
    page.get_by_text("Дереккөздер").first.wait_for(timeout=30_000)
    assert "lang=kk" in page.url


def test_the_story_shows_translated_chapters_and_marks_the_rest(monkeypatch, tmp_path):
    import tomlkit

    from kengir_geo.data.folder import read_geodata
    from kengir_geo.data.translations import init_language

    root = write_app_geodata(tmp_path / "geodata")
    init_language(read_geodata(root), "uk")
    path = root / "i18n" / "uk" / "story.toml"
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    doc["revolt"]["title"]["text"] = "16 травня: стіни падають"
    doc["revolt"]["narrative"]["text"] = "Чоловіки проламують стіну."
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    at = open_page(app(monkeypatch, root, lang="uk"), "story")
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value.replace("\\", "") == "16 травня: стіни падають"
    assert "Чоловіки проламують стіну." in [m.value.replace("\\", "") for m in at.markdown]
    assert "Ще не перекладено: показано англійською." not in [c.value for c in at.caption]
    at.button(key="story_next").click().run()  # the next chapter has no translation yet
    assert at.header[0].value.replace("\\", "") == "26 June: the tanks"
    assert "Ще не перекладено: показано англійською." in [c.value for c in at.caption]


def test_a_link_says_what_it_could_not_use_in_its_language(geodata):
    from kengir_geo.app.state import initial_state, state_from_link
    from kengir_geo.data.atlas import load_atlas
    from kengir_geo.story.periods import periods

    atlas = load_atlas(geodata)
    options = periods(atlas, "ru")
    params = {"lang": "ru", "place": "Atlantis", "chapter": "nowhere"}
    _, problems = state_from_link(initial_state(atlas, options), params, atlas, options)
    assert problems == ["Главы «nowhere» нет; она пропущена.", "Место «Atlantis» не найдено."]


@pytest.mark.browser
def test_the_browser_language_is_the_default_and_the_menu_changes_it(app_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ru-RU")
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/timeline")  # no ?lang: the browser says Russian
        page.wait_for_function("document.documentElement.lang === 'ru'", timeout=30_000)
        assert "lang=ru" in page.url  # and links made from here keep it
        page.get_by_role("combobox", name="Язык").click()
        page.get_by_role("option", name="Lietuvių").click()
        page.wait_for_function("document.documentElement.lang === 'lt'", timeout=30_000)
        page.get_by_text("Chronologija").first.wait_for(timeout=30_000)
        page.get_by_role("link", name="Šaltiniai").click()  # the page menu keeps the language
        page.wait_for_url("**/sources?lang=lt", timeout=30_000)
        assert page.evaluate("document.documentElement.lang") == "lt"
    finally:
        context.close()


def test_an_unknown_language_is_reported_once(monkeypatch, geodata):
    at = app(monkeypatch, geodata, lang="xx").run()
    assert any("No language “xx”" in w.value for w in at.warning)
    assert "lang" not in at.query_params
    at.run()
    assert not any("No language" in w.value for w in at.warning)


# the plugin's English words that a translated page must not show (whole lines of its text)
PLUGIN_ENGLISH = ("Play", "Legend", "On this day", "Go to date", "Days", "Months", "Next ›")


def _lines(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines() if line.strip()}


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "words", "month"),
    [
        ("uk", {"▶ Відтворити", "Легенда", "Далі ›", "Перейти до дати"}, "16 травня 1954"),
        # Chromium's Intl has no Kazakh months: the page writes them from Babel's patterns
        ("kk", {"▶ Ойнату", "Келесі ›", "Күнге өту"}, "1954\u202fж. 16 мамыр"),
    ],
)
def test_the_export_in_a_language_shows_its_words_and_dates(browser, tmp_path, lang, words, month):
    from kengir_geo.data.atlas import load_atlas
    from kengir_geo.data.translated import atlas_in
    from kengir_geo.export.html import export_html

    out = export_html(atlas_in(load_atlas(), lang), tmp_path / f"{lang}.html", lang=lang)
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(out.as_uri())
        page.locator(".kg-clock").wait_for(timeout=30_000)
        assert page.evaluate("document.documentElement.lang") == lang
        assert month in page.locator(".kg-clock").inner_text()
        shown = _lines(page.inner_text("body"))
        assert words <= shown, sorted(shown)[:80]
        assert not set(PLUGIN_ENGLISH) & shown
        page.keyboard.press("PageDown")  # the first chapter: the story panel's words
        count = {"uk": "Розділ 1 з 17", "kk": "17 тараудың 1-тарауы"}[lang]
        page.get_by_text(count).first.wait_for(timeout=10_000)
    finally:
        context.close()


@pytest.mark.browser
def test_the_app_map_speaks_the_language_and_follows_the_menu(app_server, page):
    page.goto(f"{app_server.url}/?lang=uk&date=1954-05-16")
    frame = page.frame_locator('iframe[src*="timemap"]')
    frame.locator(".kg-play", has_text="Відтворити").wait_for(timeout=60_000)
    frame.locator(".kg-clock", has_text="16 травня 1954").wait_for(timeout=30_000)
    assert "Перейти до дати" in frame.locator("body").inner_text()
    page.get_by_role("combobox", name="Мова").click()
    page.get_by_role("option", name="Lietuvių").click()  # the same map, now in Lithuanian
    frame.locator(".kg-play", has_text="Leisti").wait_for(timeout=60_000)
    frame.locator(".kg-clock", has_text="gegužės 16").wait_for(timeout=30_000)


@pytest.mark.browser
def test_the_map_speaks_the_language_the_menu_switches_to(app_server, page):
    """The map fetches its words once per language: a switch in the menu brings the new ones,
    on the same day."""
    page.goto(f"{app_server.url}/?lang=uk&date=1954-05-20")
    frame = page.frame_locator('iframe[src*="timemap"]')
    frame.locator(".kg-play", has_text="Відтворити").wait_for(timeout=60_000)
    page.get_by_role("combobox", name="Мова").click()
    page.get_by_role("option", name="Lietuvių").click()
    frame.locator(".kg-play", has_text="Leisti").wait_for(timeout=60_000)
    frame.locator(".kg-clock", has_text="1954").wait_for(timeout=30_000)
    assert "gegužės 20" in frame.locator(".kg-clock").inner_text()
