"""Search languages for Greek, Tamil, Ukrainian and Tagalog.

Sphinx splits words with ``\\w+`` (Python) and ``[\\p{Letter}\\p{Number}_]+`` (JavaScript),
which leaves out combining marks: a Tamil word is cut at every vowel sign and pulli,
and Sphinx knows none of these four languages. Each language here keeps whole
words in its script with one pattern written for both sides (letters, marks, digits,
and an apostrophe inside a word, unified to U+02BC as Ukrainian writes it), stems
Greek and Tamil with the Snowball stemmers Sphinx ships for Python and the browser,
folds Greek accents and final sigma, and drops each language's stop words.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

import snowballstemmer
from sphinx import package_dir
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

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
"""


def _words(text: str) -> frozenset[str]:
    """Stop words written as one space-separated string."""
    return frozenset(text.split())


def base_letters(word: str) -> int:
    """Letters of ``word`` not counting marks (vowel signs, pulli, accents: JS ``\\p{M}``)."""
    return sum(1 for char in word if not unicodedata.category(char).startswith("M"))


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
                                  "return inner.stemWord(foldGreek(word));") + _FOLD_GREEK_JS

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stemmer = snowballstemmer.stemmer("greek")

    def stem(self, word: str) -> str:
        return str(self.stemmer.stemWord(fold_greek(word)))


class SearchTamil(WholeWordLanguage):
    """Tamil: Snowball stems, except a stem shorter than two letters keeps the word."""

    lang = "ta"
    language_name = "Tamil"
    stopwords = _words(
        "ஒரு மற்றும் இந்த அந்த என்று என்ற உள்ள உள்ளது அல்லது அது இது அவை இவை ஆகிய போது "
        "மேலும் எந்த எல்லா ஆனால் என்பது")
    js_stemmer_code = _stemmer_js(
        "tamil-stemmer.js", "TamilStemmer",
        "const stem = inner.stemWord(word.normalize(\"NFC\")); "
        "return stem.replace(/\\p{M}/gu, \"\").length < 2 ? word : stem;")

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stemmer = snowballstemmer.stemmer("tamil")

    def stem(self, word: str) -> str:
        stem = str(self.stemmer.stemWord(unicodedata.normalize("NFC", word)))
        return word if base_letters(stem) < 2 else stem


class SearchUkrainian(WholeWordLanguage):
    """Ukrainian: whole words with the apostrophe, lower case, stop words."""

    lang = "uk"
    language_name = "Ukrainian"
    stopwords = _words(
        "і й та а але або чи що як не ні це ці цей ця той та ті в у на з із зі до від за "
        "про під над при для по через між без його її їх ми ви ваш ваша ваші наш наша наші "
        "він вона воно вони також лише вже ще ж би бо якщо коли де")


class SearchTagalog(WholeWordLanguage):
    """Tagalog: whole words, lower case, stop words (no well-kept stemmer exists)."""

    lang = "tl"
    language_name = "Tagalog"
    stopwords = _words(
        "ang ng mga sa na at ay si ni kay ka ko mo po ito iyan iyon ang mga kung para may "
        "hindi rin din lang ba pa nang kapag o")


LANGUAGES = (SearchGreek, SearchTamil, SearchUkrainian, SearchTagalog)


def register(app: Sphinx) -> None:
    """Make Sphinx index and search these languages with the classes above."""
    for language in LANGUAGES:
        app.add_search_language(language)
