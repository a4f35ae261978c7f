"""Search in Tamil, Greek and Ukrainian, run in Debian's Chromium through Playwright."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from policykb.browser import serve
from policykb.build import build_sites
from policykb.search import split_words
from policykb.update import update_po

from .conftest import copy_root
from .test_translation import translate

TRANSLATIONS = {
    "ta": {"Refunds": "பணத்தைத் திருப்பித் தருதல்",
           "Bring your receipt.": "வாடிக்கையாளர் ரசீதைக் கொண்டு வர வேண்டும்.",
           "Train the cashiers.": "காசாளர்களுக்குப் பயிற்சி அளிக்கவும்."},
    "el": {"Refunds": "Επιστροφή χρημάτων",
           "Bring your receipt.": "Φέρτε την απόδειξη αγοράς.",
           "Train the cashiers.": "Εκπαιδεύστε τους ταμίες."},
    "uk": {"Refunds": "Повернення коштів",
           "Bring your receipt.": "Принесіть чек у пʼятницю.",
           "Train the cashiers.": "Навчіть касирів."},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    source = copy_root("library", tmp_path_factory.mktemp("search") / "src")
    update_po(source, list(TRANSLATIONS), source / "_build")
    for lang, texts in TRANSLATIONS.items():
        translate(source / f"locales/{lang}/LC_MESSAGES/kb/shop/refunds.po", texts)
    build_sites(source, source / "_build", list(TRANSLATIONS))
    with serve(source / "_build" / "html") as base:
        yield base


def search(browser: Any, base: str, lang: str, query: str) -> list[str]:
    """The first five pages the site's own search returns for ``query``."""
    page = browser.new_page()
    try:
        page.goto(f"{base}/{lang}/search.html")
        page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
        return list(page.evaluate("""(query) => {
            const results = Search._performSearch(...Search._parseQuery(query));
            return results.slice(-5).reverse().map((result) => result[0]);
        }""", query))
    finally:
        page.close()


@pytest.mark.parametrize(("lang", "query"), [
    pytest.param("ta", "வாடிக்கையாளர்", id="tamil-whole-word"),
    pytest.param("ta", "வாடிக்கையாளருக்கு", id="tamil-inflected"),
    pytest.param("ta", "காசாளர்களுக்குப் பயிற்சி", id="tamil-two-words"),
    pytest.param("el", "επιστροφής", id="greek-genitive"),
    pytest.param("el", "ΑΠΟΔΕΙΞΗ", id="greek-capitals-without-accents"),
    pytest.param("uk", "п'ятницю", id="ukrainian-ascii-apostrophe"),
    pytest.param("uk", "п’ятницю", id="ukrainian-typographic-apostrophe"),
    pytest.param("uk", "пʼятницю", id="ukrainian-modifier-apostrophe"),
])
def test_search_finds_the_block(browser: Any, site: str, lang: str, query: str) -> None:
    assert search(browser, site, lang, query)[:1] == ["kb/shop/refunds"]


def test_the_index_holds_whole_tamil_words(site: str) -> None:
    from urllib.request import urlopen

    with urlopen(f"{site}/ta/searchindex.js") as response:
        script = response.read().decode("utf-8")
    terms = json.loads(script[script.index("(") + 1 : script.rindex(")")])["terms"]
    assert "வாடிக்கையாளர்" in terms
    assert "ட" not in terms and "ளர" not in terms


def test_python_and_javascript_split_alike(browser: Any, site: str) -> None:
    samples = ["வாடிக்கையாளர் புகாரைப் பதிவு செய்கிறார்.",
               "Η επιστροφή χρημάτων γίνεται σε 14 ημέρες· ΕΠΙΣΤΡΟΦΉ!",
               "Повернення в п'ятницю, п’ятницю чи пʼятницю — «так».",
               "Ibalik ang resibo sa branch (ika-3 araw).", "e-mail: help@example.com"]
    page = browser.new_page()
    page.goto(f"{site}/uk/search.html")
    in_browser = page.evaluate("(samples) => samples.map((text) => splitQuery(text))", samples)
    assert in_browser == [split_words(text) for text in samples]


def test_search_page_speaks_the_page_language(browser: Any, site: str) -> None:
    page = browser.new_page()
    page.goto(f"{site}/uk/search.html?q=" + "чек")
    page.wait_for_selector("#search-results h2")
    assert page.inner_text("#search-results h2") == "Результати пошуку"
    assert page.locator("html").get_attribute("lang") == "uk"


@pytest.mark.parametrize(("lang", "words"), [
    ("ta", ["புகார்களுக்கு", "அச்சுறுத்தல்", "புகார்", "புகாரின்", "வாடிக்கையாளருக்கு", "இங்கே",
            "கிளைகளில்", "பணத்தை", "ஊழியர்களுக்கு", "தனியுரிமை"]),
    ("el", ["Επιστροφής", "επιστροφή", "ΚΑΤΑΣΤΗΜΑΤΟΣ", "καταστήματα", "απόδειξη", "ΑΠΟΔΕΊΞΕΩΝ",
            "υποκαταστήματα", "πελάτες"]),
])
def test_index_and_query_stem_alike(browser: Any, site: str, lang: str,
                                    words: list[str]) -> None:
    from policykb.search import LANGUAGES

    language = next(cls for cls in LANGUAGES if cls.lang == lang)({})
    page = browser.new_page()
    page.goto(f"{site}/{lang}/search.html")
    in_browser = page.evaluate("(words) => { const stemmer = new Stemmer(); "
                               "return words.map((w) => stemmer.stemWord(w.toLowerCase())); }",
                               words)
    assert in_browser == [language.stem(word).lower() for word in words]
