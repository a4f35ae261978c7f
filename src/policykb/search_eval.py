"""``make search-eval``: recall@5 of the sites' real search, per language.

For every block page of every language: a query of three words taken from its
title and text, and for Greek and Tamil also the same query with one word in
another inflected form (a form found elsewhere in the site that shares its stem).
Each query runs through the site's own search code in headless Chromium; a query
counts as found when the block is among the first five results.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

from .browser import chromium, serve
from .languages import LANGUAGE_CODES
from .search import LANGUAGES

TARGET = 0.95
INFLECTED = ("el", "ta")
MAX_PAGE_SHARE = 0.25
"""Query words come from the block's own content: a word on more than this share of
block pages is page furniture ("Questions", "Guidance") or too common to search for."""
_RUN_QUERIES_JS = """(queries) => queries.map((query) => {
  const parsed = Search._parseQuery(query);
  const results = Search._performSearch(...parsed);
  return results.slice(-5).reverse().map((result) => result[0]);
})"""


class _PageText(HTMLParser):
    """The title and the indexed text of a page's ``<main>``: without condition labels, the
    details form and the page data, which are not text of the page."""

    SKIPPED = ("form", "script", "style")
    VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr")

    def __init__(self) -> None:
        super().__init__()
        self.title: list[str] = []
        self.text: list[str] = []
        self._depth = {"main": 0, "h1": 0, "skip": 0}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        classes = dict(attrs).get("class") or ""
        if tag == "main":
            self._depth["main"] += 1
        elif tag == "h1":
            self._depth["h1"] += 1
        if self._depth["skip"] or tag in self.SKIPPED or "pkb-when" in classes \
                or "headerlink" in classes:
            self._depth["skip"] += 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth["skip"]:
            self._depth["skip"] -= 1
        if tag in ("main", "h1"):
            self._depth[tag] -= 1

    def handle_data(self, data: str) -> None:
        if not self._depth["main"] or self._depth["skip"]:
            return
        (self.title if self._depth["h1"] else self.text).append(data)


@dataclass
class Query:
    """One search and the page it should find."""

    docname: str
    text: str
    inflected: bool = False


@dataclass
class LanguageResult:
    """How many queries of one language found their page in the first five results."""

    lang: str
    found: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0


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


def make_queries(site: Path, lang: str) -> list[Query]:
    """Three-word queries for every block page (and inflected ones for el and ta)."""
    language = _search_language(lang)
    pages = {}
    forms: dict[str, set[str]] = defaultdict(set)
    for path in block_pages(site):
        parser = _PageText()
        parser.feed(path.read_text("utf-8"))
        title = _candidates(language.split(" ".join(parser.title)), language)
        text = _candidates(language.split(" ".join(parser.text)), language)
        docname = path.relative_to(site).with_suffix("").as_posix()
        pages[docname] = (title, text)
        for word in title + text:
            forms[language.stem(word)].add(word.lower())
    pages_with: dict[str, int] = defaultdict(int)
    for title, text in pages.values():
        for word in {word.lower() for word in title + text}:
            pages_with[word] += 1
    limit = MAX_PAGE_SHARE * len(pages)
    pages = {docname: ([word for word in title if pages_with[word.lower()] <= limit],
                       [word for word in text if pages_with[word.lower()] <= limit])
             for docname, (title, text) in pages.items()}
    queries = []
    for docname, (title, text) in pages.items():
        rng = random.Random(f"{lang}:{docname}")
        chosen = title[:2] + rng.sample([w for w in text if w not in title[:2]],
                                        k=min(3 - min(2, len(title)), len(text)))
        if not chosen:
            continue
        queries.append(Query(docname, " ".join(chosen)))
        if lang in INFLECTED:
            for index, word in enumerate(chosen):
                others = sorted(forms[language.stem(word)] - {word.lower()})
                if others:
                    inflected = [*chosen[:index], rng.choice(others), *chosen[index + 1:]]
                    queries.append(Query(docname, " ".join(inflected), inflected=True))
                    break
    return queries


def evaluate(html_root: Path, langs: list[str]) -> list[LanguageResult]:
    """Run every language's queries in Chromium against the built sites in ``html_root``."""
    results = []
    with serve(html_root) as base, chromium() as browser:
        page = browser.new_page()
        for lang in langs:
            queries = make_queries(html_root / lang, lang)
            page.goto(f"{base}/{lang}/search.html")
            page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
            tops = page.evaluate(_RUN_QUERIES_JS, [query.text for query in queries])
            result = LanguageResult(lang, total=len(queries))
            for query, top in zip(queries, tops, strict=True):
                if query.docname in top:
                    result.found += 1
                else:
                    result.misses.append(f"{query.text!r} -> {query.docname}")
            results.append(result)
    return results


def report(results: list[LanguageResult]) -> tuple[str, bool]:
    """A table of recall@5 per language and whether every language meets the target."""
    lines = [f"{'lang':<5} {'queries':>8} {'found':>6} {'recall@5':>9}"]
    for result in results:
        lines.append(f"{result.lang:<5} {result.total:>8} {result.found:>6} "
                     f"{result.recall:>9.1%}")
    ok = all(result.recall >= TARGET for result in results)
    lines.append(f"target: recall@5 >= {TARGET:.0%} in every language: "
                 f"{'OK' if ok else 'TARGET MISSED'}")
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

