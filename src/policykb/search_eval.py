"""``make search-eval``: recall@5 of the sites' real search, per language.

For every block page of every language, two queries of two or three words of the
block (two title words and a word of its text; three other words of its text), each
asked twice:

* **exact**: the words as the page writes them;
* **other form**: every word replaced by another form of it that is *not* on the
  page (a form is compared without case, and without accents in Greek), made by
  grammar (:mod:`policykb.word_forms`: pymorphy3 for Ukrainian, suffix paradigms for
  Greek and Tamil, affixation of the root for Tagalog, number and verb forms for
  English), never by the stemmers under test. A form written elsewhere on the site is
  preferred; where a paradigm gives only unattested forms (Greek, Tamil, Tagalog) the
  query uses one and is counted as "generated". English uses attested forms only, and
  so do Tamil and Tagalog words that are a form of no word of the site. A word with no
  other form (an unknown paradigm, a word that does not inflect) is not chosen; a pool
  with fewer than two such words gives no query.

Some words are held out (:func:`held_out`): no test may use them, and the report shows
the recall of the queries that contain one separately, so that the figure is not tuned.

Each query runs through the site's own search code in headless Chromium; a query
counts as found when the block is among the first five results.
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

from . import tagalog
from .browser import chromium, serve
from .languages import LANGUAGE_CODES
from .search import LANGUAGES, page_text, site_words, split_words
from .word_forms import fold, other_forms, paradigm_roots

EXACT_TARGET = 0.98
OTHER_TARGET = 0.90
MIN_WORDS = 2
"""A query has two or three words: one common word alone names no block."""
MAX_PAGE_SHARE = 0.25
"""Query words come from the block's own content: a word whose forms (as the site's
index stems them) are on more than this share of block pages is page furniture
("Questions", "Guidance") or too common to search for."""
HELD_OUT_SHARE = 5
"""One word in this many is held out of every test."""
_RUN_QUERIES_JS = """(queries) => queries.map((query) => {
  const parsed = Search._parseQuery(query);
  const results = Search._performSearch(...parsed);
  return results.slice(-5).reverse().map((result) => result[0]);
})"""


def held_out(lang: str, word: str) -> bool:
    """Whether ``word`` is kept out of every test (a fixed hash of the word)."""
    key = f"{lang}:{fold(lang, word)}".encode()
    return zlib.crc32(key) % HELD_OUT_SHARE == 0


@dataclass
class Query:
    """One search and the page it should find."""

    docname: str
    text: str
    kind: str
    """"exact" or "other"."""
    generated: bool = False
    """An other-form query with a form found nowhere on the site."""
    held_out: bool = False


@dataclass
class Tally:
    """How many queries of one kind found their page in the first five results."""

    found: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.found += hit

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0


@dataclass
class LanguageResult:
    """The recall of one language's queries, by kind."""

    lang: str
    exact: Tally = field(default_factory=Tally)
    other: Tally = field(default_factory=Tally)
    held_out: Tally = field(default_factory=Tally)
    generated: int = 0
    words_without_forms: int = 0
    shipped: int = 0
    misses: list[str] = field(default_factory=list)


def _search_language(lang: str) -> SearchLanguage:
    classes = {language.lang: language for language in LANGUAGES}
    return classes.get(lang, SearchEnglish)({})


def _candidates(words: list[str], language: SearchLanguage) -> list[str]:
    found = []
    for word in words:
        stem = language.stem(word)
        if len(word) >= 4 and not word.isdigit() and language.word_filter(stem) \
                and word.lower() not in language.stopwords:
            found.append(word)
    return list(dict.fromkeys(found))


def block_pages(site: Path) -> list[Path]:
    """The block pages of one language site."""
    return sorted(path for path in site.glob("kb/*/*.html")
                  if path.name != "index.html" and path.parent.name != "kits")


def _keys(lang: str, language: SearchLanguage, word: str) -> list[str]:
    """The index terms ``word`` may be searched as: its stem, and in Tagalog every
    reading (a query takes the reading most pages hold)."""
    return tagalog.readings(word) if lang == "tl" else [language.stem(word)]


def _page_words(path: Path) -> tuple[list[str], list[str]]:
    page = page_text(path)
    return page.title, page.text


def make_queries(site: Path, lang: str) -> tuple[list[Query], int]:
    """Exact and other-form queries for every block page, and the number of chosen
    words that had no other form."""
    language = _search_language(lang)
    pages = {}
    on_page: dict[str, set[str]] = {}
    for path in block_pages(site):
        title, text = _page_words(path)
        docname = path.relative_to(site).with_suffix("").as_posix()
        pages[docname] = (_candidates(split_words(" ".join(title)), language),
                          _candidates(split_words(" ".join(text)), language))
        on_page[docname] = {fold(lang, word)
                            for word in split_words(" ".join(title + text))}
    pages_with: dict[str, int] = defaultdict(int)
    for words in on_page.values():
        for key in {key for word in words for key in _keys(lang, language, word)}:
            pages_with[key] += 1
    limit = MAX_PAGE_SHARE * len(pages)
    vocabulary = {fold(lang, word) for word in site_words(site)}
    roots = paradigm_roots(lang, vocabulary) if lang in ("tl", "ta") else None
    queries: list[Query] = []
    without_forms = 0
    for docname, (title, text) in pages.items():
        rng = random.Random(f"{lang}:{docname}")
        title = [word for word in title
                 if max(pages_with[key] for key in _keys(lang, language, word)) <= limit]
        text = [word for word in text
                if max(pages_with[key] for key in _keys(lang, language, word)) <= limit]
        rest = [word for word in text if word not in title]
        rng.shuffle(rest)
        for pool in (title[:2] + rest[:1], rest[1:]):
            chosen: list[str] = []
            replaced: list[str] = []
            generated = False
            for word in pool:
                if len(chosen) == 3:
                    break
                attested, made = other_forms(lang, word, vocabulary, roots)
                attested -= on_page[docname]
                made -= on_page[docname]
                if not attested and not made:
                    without_forms += 1
                    continue
                chosen.append(word)
                form = rng.choice(sorted(attested or made))
                replaced.append(form[:-1] + "ς" if lang == "el" and form.endswith("σ") else form)
                generated = generated or not attested
            if len(chosen) < MIN_WORDS:
                continue
            hidden = any(held_out(lang, word) for word in replaced)
            queries.append(Query(docname, " ".join(chosen), "exact", held_out=hidden))
            queries.append(Query(docname, " ".join(replaced), "other", generated, hidden))
    return queries, without_forms


def evaluate(html_root: Path, langs: list[str]) -> list[LanguageResult]:
    """Run every language's queries in Chromium against the built sites in ``html_root``."""
    results = []
    with serve(html_root) as base, chromium() as browser:
        page = browser.new_page()
        for lang in langs:
            queries, without_forms = make_queries(html_root / lang, lang)
            page.goto(f"{base}/{lang}/search.html")
            page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
            tops = page.evaluate(_RUN_QUERIES_JS, [query.text for query in queries])
            result = LanguageResult(lang, words_without_forms=without_forms,
                                    shipped=shipped_size(html_root / lang))
            for query, top in zip(queries, tops, strict=True):
                hit = query.docname in top
                (result.exact if query.kind == "exact" else result.other).add(hit)
                if query.kind == "other":
                    result.generated += query.generated
                    if query.held_out:
                        result.held_out.add(hit)
                if not hit:
                    result.misses.append(f"{query.kind}: {query.text!r} -> {query.docname}")
            results.append(result)
    return results


_SCRIPT = re.compile(r'<script src="([^"]+)"')


def shipped_size(site: Path) -> int:
    """Bytes, gzipped, of the scripts and index the search page of ``site`` loads."""
    page = site / "search.html"
    sources = {source.split("?")[0] for source in _SCRIPT.findall(page.read_text("utf-8"))}
    return sum(len(gzip.compress((site / source).read_bytes(), 9))
               for source in sorted(sources) if (site / source).is_file())


def report(results: list[LanguageResult]) -> tuple[str, bool]:
    """A table of recall@5 per language and kind, and whether every target is met."""
    lines = [f"{'lang':<5} {'exact':>16} {'other form':>16} {'held out':>16} "
             f"{'generated':>10} {'no form':>8} {'search data':>12}"]

    def cell(tally: Tally) -> str:
        return f"{tally.recall:6.1%} ({tally.found}/{tally.total})"

    for result in results:
        lines.append(f"{result.lang:<5} {cell(result.exact):>16} {cell(result.other):>16} "
                     f"{cell(result.held_out):>16} {result.generated:>10} "
                     f"{result.words_without_forms:>8} {result.shipped / 1000:>8.0f} kB")
    ok = all(result.exact.recall >= EXACT_TARGET and result.other.recall >= OTHER_TARGET
             for result in results)
    lines.append("exact: the words as the block writes them; other form: every word in "
                 "another form, absent from the block's page; held out: other-form queries "
                 "with a word no test uses; generated: other-form queries with a form "
                 "written nowhere on the site; no form: chosen words without another form; "
                 "search data: what the search page loads (index and scripts), gzipped")
    lines.append(f"targets: exact >= {EXACT_TARGET:.0%}, other form >= {OTHER_TARGET:.0%} "
                 f"in every language: {'OK' if ok else 'TARGET MISSED'}")
    return "\n".join(lines), ok


def main() -> None:
    """Entry point of ``python -m policykb.search_eval [HTML_ROOT]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_root", nargs="?", type=Path, default=Path("_build/html"))
    parser.add_argument("--langs", default=" ".join(LANGUAGE_CODES))
    parser.add_argument("--show-misses", action="store_true")
    arguments = parser.parse_args()
    results = evaluate(arguments.html_root, arguments.langs.split())
    table, ok = report(results)
    print(table)
    if arguments.show_misses:
        for result in results:
            for miss in result.misses:
                print(f"[{result.lang}] missed {miss}")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()

