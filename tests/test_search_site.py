"""Search on the published sites, in Debian's Chromium: a word in another form than the
block writes it finds the block; results show snippets, categories and the count in the
page's language; the search page logs no error; Python and JavaScript stem alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from policykb import tagalog, tamil, ukrainian
from policykb.catalogs import read_catalog
from policykb.languages import LANGUAGE_CODES
from policykb.plurals import plural_rule
from policykb.search import LEMMAS_FILE, lemma_words, page_text, split_words
from policykb.search_eval import held_out, shipped_size
from policykb.word_forms import fold

from .conftest import PROJECT, skip_browser_test
from .test_browser import AXE

DATA = Path(__file__).parent / "data"
COUNT_MESSAGE = "Search finished, found one page matching the search query."

OTHER_FORMS = [
    ("en", "returning windows", "kb/returns/return-window"),
    ("en", "updates comment", "kb/sop/sop-review"),
    ("en", "methods stored", "kb/returns/refund-method"),
    ("en", "concern investigate repeats", "kb/complaints/complaint-resolution-steps"),
    ("tl", "malulutas", "kb/complaints/complaint-resolution-steps"),
    ("tl", "iangkop pumipirma dulot", "kb/sop/writing-an-sop"),
    ("tl", "pumasok alagaan nagmumungkahi", "kb/training/service-skills"),
    ("tl", "iulat ibinuod batayan", "kb/training/refresher-training"),
    ("tl", "aanunsiyo hahayaang aangkop", "kb/contact/service-hours"),
    ("el", "ΠΡΟΘΕΣΜΙΑΣ ΕΠΙΣΤΡΟΦΗ", "kb/returns/return-window"),
    ("el", "συνταξης χειρισμο", "kb/sop/writing-an-sop"),
    ("el", "αποδοση αναγνωρισης", "kb/training/performance-reviews"),
    ("el", "προστατευουν φακελος", "kb/privacy/privacy-retention-security"),
    ("ta", "புகாரின்", "kb/complaints/complaint-resolution-steps"),
    ("ta", "காலவரம்புக்கு", "kb/returns/return-window"),
    ("ta", "பயிற்சியின்", "kb/training/role-plays"),
    ("ta", "வாடிக்கையாளரை ஆய்வு", "kb/branches/branch-audits-mystery-shopping"),
    ("ta", "உரிமைகளுக்கு தரவுக்கு", "kb/privacy/privacy-customer-rights"),
    ("uk", "строком поверненням", "kb/returns/return-window"),
    ("uk", "перевірками філіях", "kb/branches/branch-audits-mystery-shopping"),
    ("uk", "рольову ситуацією", "kb/training/role-plays"),
    ("uk", "годину обслуговуванні", "kb/contact/service-hours"),
    ("uk", "способів відшкодуваннями", "kb/returns/refund-method"),
]
"""Each word in another form than the block's page writes it (checked below)."""


@pytest.fixture(scope="module")
def published(published_site: Path) -> Path:
    return published_site


@pytest.fixture(scope="module")
def base(published_base: str) -> str:
    return published_base


def open_search(browser: Any, base: str, lang: str, query: str = "") -> tuple[Any, list[str]]:
    """The search page of ``lang`` and the errors it logs."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/{lang}/search.html" + (f"?q={quote(query)}" if query else ""))
    page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
    return page, errors


def top_five(page: Any, query: str) -> list[str]:
    return list(page.evaluate("""(query) => Search._performSearch(...Search._parseQuery(query))
        .slice(-5).reverse().map((result) => result[0])""", query))


@pytest.mark.parametrize(("lang", "query", "docname"), OTHER_FORMS)
def test_another_form_of_the_words_finds_the_block(browser: Any, base: str, published: Path,
                                                   lang: str, query: str,
                                                   docname: str) -> None:
    text = page_text(published / lang / f"{docname}.html")
    written = {fold(lang, word) for word in split_words(" ".join(text.title + text.text))}
    words = split_words(query)
    assert not [word for word in words if fold(lang, word) in written], "not another form"
    assert not [word for word in words if held_out(lang, word)], "a held-out word"
    page, _ = open_search(browser, base, lang)
    assert docname in top_five(page, query)
    page.close()


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_results_show_snippets_categories_and_the_count(browser: Any, base: str,
                                                        lang: str) -> None:
    query = next(query for code, query, _ in OTHER_FORMS if code == lang)
    page, errors = open_search(browser, base, lang, query)
    page.wait_for_selector("ul.search li .pkb-result mark")
    first = page.locator("ul.search li").first
    assert first.locator(".pkb-result-category").inner_text().strip()
    assert first.locator(".pkb-result .context").inner_text().strip()
    page.wait_for_function("() => /\\d/.test(document.querySelector('.search-summary')"
                           ".textContent)")
    count = page.locator("ul.search > li").count()
    summary = page.inner_text(".search-summary")
    if lang != "en":
        catalog = read_catalog(PROJECT / f"locales/{lang}/LC_MESSAGES/sphinx.po", lang)
        expected = catalog.get(COUNT_MESSAGE).string[plural_rule(lang).index(count)]
    else:
        expected = COUNT_MESSAGE if count == 1 else \
            "Search finished, found ${resultCount} pages matching the search query."
    assert summary == expected.replace("${resultCount}", str(count))
    assert errors == []
    page.close()


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_nothing_found_suggests_what_to_do(browser: Any, base: str, lang: str) -> None:
    query = next(query for code, query, _ in OTHER_FORMS if code == lang)
    page, errors = open_search(browser, base, lang, f"{query} qqxqq")
    link = page.locator(".search-summary a")
    link.wait_for()
    assert link.inner_text() == " ".join(split_words(query))
    assert page.inner_text(".search-summary").startswith(
        page.get_attribute("#search-results", "data-pkb-none") or "?")
    assert errors == []
    page.close()


@pytest.mark.parametrize("lang", ["uk", "ta"])
def test_results_have_no_serious_accessibility_violations(browser: Any, base: str,
                                                          lang: str) -> None:
    if not AXE.is_file():
        skip_browser_test("axe-core (npm)")
    query = next(query for code, query, _ in OTHER_FORMS if code == lang)
    page, _ = open_search(browser, base, lang, query)
    page.wait_for_function("() => /\\d/.test(document.querySelector('.search-summary')"
                           ".textContent)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [violation["id"] for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")] == []
    page.close()


def test_a_title_match_ranks_above_a_mention(browser: Any, base: str) -> None:
    page, _ = open_search(browser, base, "en")
    assert top_five(page, "mystery")[0] == "kb/branches/branch-audits-mystery-shopping"
    page.close()


def _cases(name: str) -> list[list[Any]]:
    cases: list[list[Any]] = json.loads((DATA / name).read_text("utf-8"))["cases"]
    return cases


def test_the_shared_tables_hold_no_held_out_word() -> None:
    words = [("tl", word) for word, _ in _cases("tagalog_readings.json")]
    words += [("ta", word) for word, _ in _cases("tamil_stems.json")]
    assert [word for lang, word in words if held_out(lang, word)] == []


def test_python_reads_tagalog_as_the_table_says() -> None:
    assert [[word, tagalog.readings(word)] for word, _ in _cases("tagalog_readings.json")] \
        == _cases("tagalog_readings.json")


def test_python_stems_tamil_as_the_table_says() -> None:
    assert [[word, tamil.stem(word)] for word, _ in _cases("tamil_stems.json")] \
        == _cases("tamil_stems.json")


def test_javascript_reads_tagalog_as_the_table_says(browser: Any, base: str) -> None:
    cases = _cases("tagalog_readings.json")
    page, _ = open_search(browser, base, "tl")
    found = page.evaluate("(cases) => cases.map(([word]) => [word, "
                          "TagalogStemmer.readings(word)])", cases)
    assert found == cases


def test_javascript_stems_tamil_as_the_table_says(browser: Any, base: str) -> None:
    cases = _cases("tamil_stems.json")
    page, _ = open_search(browser, base, "ta")
    found = page.evaluate("(cases) => cases.map(([word]) => [word, TamilStemmer(word)])",
                          cases)
    assert found == cases


def test_the_browser_finds_the_lemma_the_build_indexed(browser: Any, base: str,
                                                       published: Path) -> None:
    site = sorted(lemma_words(published / "uk"))
    table = ukrainian.forms_table(site)
    words = site[::20]
    forms = sorted(table)[::50]
    page, _ = open_search(browser, base, "uk")
    in_browser = page.evaluate("(words) => { const stemmer = new Stemmer(); "
                               "return words.map((word) => stemmer.stemWord(word)); }",
                               words + forms)
    assert in_browser[:len(words)] == [ukrainian.lemma(word) for word in words]
    assert in_browser[len(words):] == [table.get(form, form) for form in forms]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_search_data_stays_small(published: Path, lang: str) -> None:
    assert shipped_size(published / lang) <= 300_000
    assert (published / lang / LEMMAS_FILE).is_file() == (lang == "uk")


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_pages_fit_a_360_px_phone(browser: Any, base: str, lang: str) -> None:
    """No page of the real site scrolls sideways on a 360 px phone (search box, kit choice)."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        for name in ("index.html", "pages/builder.html", "kb/returns/return-window.html",
                     "search.html?q=return"):
            page.goto(f"{base}/{lang}/{name}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, (lang, name, width)
    finally:
        page.close()
