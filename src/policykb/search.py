"""Search languages for Greek, Tamil, Ukrainian and Tagalog.

Sphinx splits words with ``\\w+`` (Python) and ``[\\p{Letter}\\p{Number}_]+`` (JavaScript),
which leaves out combining marks: a Tamil word is cut at every vowel sign and pulli,
and Sphinx knows none of these four languages. Each language here keeps whole
words in its script with one pattern written for both sides (letters, marks, digits,
and an apostrophe inside a word, unified to U+02BC as Ukrainian writes it), drops its
stop words and brings the forms of a word to one index term, the same way at build
time (Python) and in the browser (JavaScript):

* Greek: the Snowball stemmer Sphinx ships, after folding case, accents and final sigma,
  with its stems of one word brought together (:func:`trim_greek`);
* Tamil: the noun stemmer of :mod:`policykb.tamil`;
* Tagalog: the affix stripper of :mod:`policykb.tagalog`;
* Ukrainian: the lemma from pymorphy3's dictionary (:mod:`policykb.ukrainian`); the
  browser gets a form -> lemma table of the site's vocabulary, written at the end of
  the build into ``_static/policykb-lemmas.js``.

Sphinx's search rather than Pagefind: Pagefind stems Greek and Tamil with the same
Snowball stemmers and has neither Ukrainian nor Tagalog, and its index cannot take a
stemmer of ours; here one function per language serves the index and the query.
"""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import snowballstemmer
from sphinx import package_dir
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

from . import tagalog, tamil, ukrainian

LEMMAS_FILE = "_static/policykb-lemmas.js"
"""The Ukrainian site's form -> lemma table, loaded by its search page."""
WEIGHTS_FILE = "_static/policykb-weights.js"
"""How often each term occurs in each page, for ranking: loaded by the search page."""

APOSTROPHE = "\u02bc"
"""The Ukrainian apostrophe; ' and ’ inside a word are read as this letter."""

_JS_WORD = r"[\p{L}\p{M}\p{N}_]+(?:['’ʼ][\p{L}\p{M}\p{N}_]+)*"

SPLITTER_JS = f"""
/* policykb: whole words in every script (letters, combining marks, digits, inner
   apostrophes), the same pattern as the index in policykb/search.py. */
var splitQuery = (query) =>
  (query.normalize("NFC").match(/{_JS_WORD}/gu) || []).map((word) =>
    word.replace(/['’]/g, "{APOSTROPHE}"));
"""


@cache
def _word_pattern() -> re.Pattern[str]:
    """The Python twin of ``_JS_WORD``: ``\\w`` plus every combining mark (``\\p{M}``)."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    marks = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)
    char = rf"[\w{marks}]"
    return re.compile(rf"{char}+(?:['’ʼ]{char}+)*")


def split_words(text: str) -> list[str]:
    """Whole words of ``text`` as the browser's ``splitQuery`` finds them."""
    return [re.sub("['’]", APOSTROPHE, word)
            for word in _word_pattern().findall(unicodedata.normalize("NFC", text))]


def fold_greek(word: str) -> str:
    """Lower case without accents, final sigma as sigma: ``Επιστροφής`` -> ``επιστροφησ``."""
    stripped = "".join(char for char in unicodedata.normalize("NFD", word.lower())
                       if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).replace("ς", "σ")


_FOLD_GREEK_JS = """
const foldGreek = (word) => word.toLowerCase().normalize("NFD").replace(/\\p{M}/gu, "")
  .normalize("NFC").replace(/ς/g, "σ");
const trimGreek = (stem) => {
  if (stem.endsWith("ικ") && stem.length - 2 >= 7) stem = stem.slice(0, -2);
  if (stem.endsWith("ι") && stem.length >= 4) stem = stem.slice(0, -1);
  return stem;
};
"""


def trim_greek(stem: str) -> str:
    """Where Snowball's Greek stems of one word differ: ``υπηρεσία`` gives ``υπηρεσ``,
    ``υπηρεσίες`` ``υπηρεσι``; ``ελαττωματικά`` ``ελαττωματ``, ``ελαττωματικός``
    ``ελαττωματικ``. A final ``ι`` goes, and a final ``ικ`` of a long stem."""
    if stem.endswith("ικ") and len(stem) - 2 >= 7:
        stem = stem[:-2]
    if stem.endswith("ι") and len(stem) >= 4:
        stem = stem[:-1]
    return stem


def _words(text: str) -> frozenset[str]:
    """Stop words written as one space-separated string."""
    return frozenset(text.split())


def _stemmer_js(snowball: str, name: str, body: str) -> str:
    """Sphinx's minified Snowball stemmer for the browser, wrapped like the Python side."""
    folder = package_dir / "search" / "minified-js"
    return "\n".join(((folder / "base-stemmer.js").read_text("utf-8"),
                      (folder / snowball).read_text("utf-8"),
                      f"var Stemmer = function () {{\n  const inner = new {name}();\n"
                      f"  this.stemWord = (word) => {{ {body} }};\n}};"))


class WholeWordLanguage(SearchLanguage):
    """A language whose words are kept whole in the index and the query."""

    js_splitter_code = SPLITTER_JS

    def split(self, input: str) -> list[str]:
        return split_words(input)

    def stem(self, word: str) -> str:
        return word.lower()


class SearchGreek(WholeWordLanguage):
    """Greek: Snowball stems, accents and final sigma folded on both sides."""

    lang = "el"
    language_name = "Greek"
    stopwords = _words(
        "ο η το οι τα του της των τον την τους τις ένα ένας μια μία ενός μιας και ή να θα "
        "σε στο στη στην στον στα στις στους με για από ως που πως ότι δεν μη μην αν είναι "
        "ειναι αυτό αυτή αυτά αυτο αυτη αυτα μας σας τους")
    js_stemmer_code = _stemmer_js("greek-stemmer.js", "GreekStemmer",
                                  "return trimGreek(inner.stemWord(foldGreek(word)));"
                                  ) + _FOLD_GREEK_JS

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stemmer = snowballstemmer.stemmer("greek")

    def stem(self, word: str) -> str:
        return trim_greek(str(self.stemmer.stemWord(fold_greek(word))))


def _package_js(name: str) -> str:
    return (resources.files("policykb") / "search_js" / name).read_text("utf-8")


def _rule_stemmer_js(source: str, function: str) -> str:
    """A ``Stemmer`` for the browser around ``function``: a stem that is a stop word
    keeps the word, as :meth:`RuleLanguage.stem` does."""
    return (_package_js(source) + "\nvar Stemmer = function () {\n"
            f"  this.stemWord = (word) => {{ const stem = {function}(word); "
            "return stopwords.has(stem) ? word.toLowerCase() : stem; };\n};\n")


class RuleLanguage(WholeWordLanguage):
    """A language stemmed by one of our rule sets, written in Python and JavaScript."""

    rules: Callable[[str], str]

    def stem(self, word: str) -> str:
        stem = type(self).rules(word)
        return word.lower() if stem in self.stopwords else stem


class SearchTamil(RuleLanguage):
    """Tamil: case, plural and clitic endings of nouns stripped (:mod:`policykb.tamil`)."""

    lang = "ta"
    language_name = "Tamil"
    stopwords = _words(
        "ஒரு மற்றும் இந்த அந்த என்று என்ற உள்ள உள்ளது அல்லது அது இது அவை இவை ஆகிய போது "
        "மேலும் எந்த எல்லா ஆனால் என்பது")
    rules = staticmethod(tamil.stem)
    js_stemmer_code = _rule_stemmer_js("tamil.js", "TamilStemmer")


class SearchTagalog(RuleLanguage):
    """Tagalog: affixes, infixes and reduplication stripped (:mod:`policykb.tagalog`).

    The index holds every reading of a word (``bigyan``: ``bigay`` + ``-an``); a query
    word takes the reading most pages hold."""

    lang = "tl"
    language_name = "Tagalog"
    stopwords = _words(
        "ang ng mga sa na at ay si ni kay ka ko mo po ito iyan iyon ang mga kung para may "
        "hindi rin din lang ba pa nang kapag o")
    rules = staticmethod(tagalog.stem)
    js_stemmer_code = _rule_stemmer_js("tagalog.js", "tagalogQueryStem")
    READING = "\ue000"
    """Marks a reading (a stem, not a word) that :meth:`split` adds for the index."""

    def split(self, input: str) -> list[str]:
        words = split_words(input)
        return words + [self.READING + reading for word in words
                        for reading in tagalog.readings(word)[1:]]

    def stem(self, word: str) -> str:
        if word.startswith(self.READING):
            return word[len(self.READING):]
        return super().stem(word)


class SearchUkrainian(WholeWordLanguage):
    """Ukrainian: the lemma of each word (:mod:`policykb.ukrainian`)."""

    lang = "uk"
    language_name = "Ukrainian"
    stopwords = _words(
        "і й та а але або чи що як не ні це ці цей ця той та ті в у на з із зі до від за "
        "про під над при для по через між без його її їх ми ви ваш ваша ваші наш наша наші "
        "він вона воно вони також лише вже ще ж би бо якщо коли де")
    js_stemmer_code = (_package_js("ukrainian.js") + "\nvar Stemmer = function () {\n"
                       "  this.stemWord = (word) => UkrainianLemmas(word);\n};\n")

    def stem(self, word: str) -> str:
        if any(char.isdigit() for char in word):
            return word.lower()
        return ukrainian.lemma(word)


LANGUAGES = (SearchGreek, SearchTamil, SearchUkrainian, SearchTagalog)


class PageText(HTMLParser):
    """The title and the indexed text of a page's ``<main>``: without condition labels, the
    details form, the page data and what Sphinx does not index (``no-search``)."""

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
        skipped = {"pkb-when", "no-search", "headerlink"} & set(classes.split())
        if self._depth["skip"] or tag in self.SKIPPED or skipped:
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


def page_text(path: Path) -> PageText:
    """The title and text of the built page at ``path``."""
    parser = PageText()
    parser.feed(path.read_text("utf-8"))
    return parser


def term_weights(outdir: Path, language: SearchLanguage) -> dict[str, Any]:
    """How often each index term occurs in each page, where it occurs more than once:
    ``{"docnames": [...], "terms": {term: [doc, count, doc, count...]}}``."""
    docnames = []
    terms: dict[str, list[int]] = {}
    for number, path in enumerate(sorted(outdir.rglob("*.html"))):
        docnames.append(path.relative_to(outdir).with_suffix("").as_posix())
        page = page_text(path)
        counts: dict[str, int] = {}
        for word in split_words(" ".join(page.title + page.text)):
            term = language.stem(word).lower()
            if language.word_filter(term):
                counts[term] = counts.get(term, 0) + 1
        for term, count in sorted(counts.items()):
            if count > 1:
                terms.setdefault(term, []).extend((number, count))
    return {"docnames": docnames, "terms": dict(sorted(terms.items()))}


_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)


def site_words(outdir: Path) -> set[str]:
    """Every word written on the pages in ``outdir``, lower case."""
    words: set[str] = set()
    for page in outdir.rglob("*.html"):
        text = html.unescape(_TAG.sub(" ", page.read_text("utf-8")))
        words.update(word.lower() for word in split_words(text))
    return words


def lemma_words(outdir: Path) -> set[str]:
    """The words of a Ukrainian site the form -> lemma table covers (no digits)."""
    return {word for word in site_words(outdir) if not any(char.isdigit() for char in word)}


def _write(target: Path, text: str) -> None:
    if not target.is_file() or target.read_text("utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


def _write_search_data(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the term weights of every site and the Ukrainian form -> lemma
    table, for the search page."""
    indexer = getattr(app.builder, "indexer", None)
    if exception is not None or app.builder.format != "html" or indexer is None:
        return
    outdir = Path(app.outdir)
    weights = json.dumps(term_weights(outdir, indexer.lang), ensure_ascii=False,
                         separators=(",", ":"))
    _write(outdir / WEIGHTS_FILE, f"var POLICYKB_WEIGHTS = {weights};\n")
    if app.config.language == "uk":
        _write(outdir / LEMMAS_FILE, ukrainian.forms_script(lemma_words(outdir)))


def _search_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """The search page loads the term weights, and in Ukrainian the lemma table."""
    if pagename == "search":
        context["pkb_search_data"] = [WEIGHTS_FILE] + (
            [LEMMAS_FILE] if app.config.language == "uk" else [])


def register(app: Sphinx) -> None:
    """Make Sphinx index and search these languages with the classes above."""
    for language in LANGUAGES:
        app.add_search_language(language)
    app.connect("html-page-context", _search_page_context)
    app.connect("build-finished", _write_search_data)
