"""Other forms of a word, for the search evaluation: made by grammar, not by our stemmers.

* uk: pymorphy3's lexeme of the word: its other cases and numbers (verbs: the other
  forms of the lexeme).
* el, ta: suffix paradigms by the ending of the word (Greek noun, adjective and verb
  endings; Tamil case and plural endings of nouns ending in a consonant, ``-ம்``,
  ``-உ`` or a vowel); Greek forms are written without accents (stress shifts are not
  modelled; search folds accents), and only the endings of one paradigm (``GREEK_SURE``)
  may give forms the site does not write.
* tl: the affixed forms of a root (``mag-``, ``nag-``, ``pag-``, ``ma-``, ``na-``,
  ``i-``, ``ipa-``, ``maki-``, ``-um-``, ``-in-``, ``-in``/``-hin``, ``-an``/``-han``, a
  reduplicated first syllable), with the sound changes a suffix brings (``sagot`` ->
  ``sagutin``, ``bayad`` -> ``bayaran``); the root of a word of the page is a word of the
  site whose forms include it.
* en: the other number of a noun and the other forms of a regular verb.

A paradigm does not know which words follow it, so a generated form may not exist;
:func:`other_forms` marks which forms are attested (written somewhere on the site).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from . import ukrainian
from .search import fold_greek

# -- Greek ---------------------------------------------------------------------------

GREEK_PARADIGMS: tuple[tuple[str, ...], ...] = (
    ("ικος", "ικου", "ικο", "ικη", "ικης", "ικα", "ικοι", "ικων", "ικες", "ικους"),
    ("ση", "σης", "σεις", "σεων"),
    ("ξη", "ξης", "ξεις", "ξεων"),
    ("ψη", "ψης", "ψεις", "ψεων"),
    ("μα", "ματος", "ματα", "ματων"),
    ("εια", "ειας", "ειες", "ειων"),
    ("ια", "ιας", "ιες", "ιων"),
    ("ος", "ου", "ο", "οι", "ους", "ων"),
    ("ο", "ου", "α", "ων"),
    ("ι", "ιου", "ια", "ιων"),
    ("α", "ας", "ες", "ων"),
    ("η", "ης", "ες", "ων"),
    ("ης", "η", "ες", "ων"),
    ("ας", "α", "ες", "ων"),
    ("ω", "εις", "ει", "ουμε", "ετε", "ουν"),
)


GREEK_SURE = GREEK_PARADIGMS[:6]
"""Endings that belong to one paradigm only (-ικός, -ση, -ξη, -ψη, -μα, -εια); the
others are shared by nouns, adjectives and verbs of other paradigms."""


def greek_forms(word: str, *, sure_only: bool = False) -> set[str]:
    """The word's ending paradigm applied to its stem (accents folded, final sigma ς)."""
    folded = fold_greek(word)
    best: tuple[int, tuple[str, ...], str] | None = None
    for written in GREEK_SURE if sure_only else GREEK_PARADIGMS:
        paradigm = tuple(ending.replace("ς", "σ") for ending in written)
        for ending in paradigm:
            if folded.endswith(ending) and len(folded) - len(ending) >= 3 \
                    and (best is None or len(ending) > best[0]):
                best = (len(ending), paradigm, ending)
    if best is None:
        return set()
    _, paradigm, ending = best
    stem = folded[: -len(ending)]
    return {_final_sigma(stem + other) for other in paradigm if other != ending}


def _final_sigma(word: str) -> str:
    return word[:-1] + "ς" if word.endswith("σ") else word


# -- Tamil ---------------------------------------------------------------------------

PULLI = "\u0bcd"
_TAMIL_CASES = ("ை", "ின்", "ுக்கு", "ில்", "ால்", "ோடு", "ும்")
"""Accusative, genitive, dative, locative, instrumental, sociative, "and": vowel-initial,
written as a vowel sign on the consonant before them."""
_PLURAL_CASES = ("ை", "ின்", "ுக்கு", "ில்", "ால்", "ும்")


def _after_consonant(base: str) -> set[str]:
    """``base`` ends in a bare consonant; add each case ending to it."""
    return {base + ending for ending in _TAMIL_CASES}


def tamil_forms(word: str) -> set[str]:
    """Case and plural forms of a Tamil noun in its dictionary form."""
    word = unicodedata.normalize("NFC", word)
    forms: set[str] = set()
    if len(word) < 3:
        return forms
    last = word[-1]
    if word.endswith("ம்") and word[-3] != PULLI:
        base = word[:-2] + "த்த"
        forms |= _after_consonant(base) | {base + "ிற்கு"}
        plural = word[:-2] + "ங்கள"
    elif last == PULLI:
        forms |= _after_consonant(word[:-1])
        plural = word + "கள"
    elif last == "\u0bc1" and word[-2] not in "டற":
        forms |= {word[:-1] + ending for ending in _TAMIL_CASES if ending != "ுக்கு"}
        forms.add(word + "க்கு")
        plural = word + "கள"
    elif last in "\u0bc8\u0bbf\u0bc0\u0bc7":
        forms |= _after_consonant(word + "ய") - {word + "யுக்கு"}
        forms.add(word + "க்கு")
        plural = word + "கள"
    else:
        return forms
    forms.add(plural + PULLI)
    forms |= {plural + ending for ending in _PLURAL_CASES}
    return forms - {word}


# -- Tagalog -------------------------------------------------------------------------

_TL_VOWELS = "aeiou"


def _suffixed(root: str, suffix: str) -> str:
    """``root`` + ``-in``/``-an``: ``-hin``/``-han`` after a vowel, o -> u in the last
    syllable, d -> r between vowels."""
    if root[-1] in _TL_VOWELS:
        return root + "h" + suffix
    last_o = root.rfind("o")
    if last_o >= 0 and all(char not in _TL_VOWELS for char in root[last_o + 1:]):
        root = root[:last_o] + "u" + root[last_o + 1:]
    if root.endswith("d") and root[-2] in _TL_VOWELS:
        root = root[:-1] + "r"
    return root + suffix


def _infixed(root: str, infix: str) -> str:
    if root[0] in _TL_VOWELS:
        return infix + root
    if infix == "in" and root[0] in "ly":
        return "ni" + root
    return root[0] + infix + root[1:]


def tagalog_forms(root: str) -> set[str]:
    """The affixed forms of a Tagalog root of two syllables or more (vowel-initial roots
    take no hyphen here: ``mag-ayos`` is two words to a search box)."""
    root = root.lower()
    if len(root) < 4 or not root.isalpha() or sum(char in _TL_VOWELS for char in root) < 2:
        return set()
    first = root[0] if root[0] in _TL_VOWELS else root[:2]
    if root[0] not in _TL_VOWELS and root[1] not in _TL_VOWELS:
        return set()
    vowel_initial = root[0] in _TL_VOWELS
    forms = {
        "ma" + root, "na" + root, "i" + root, "ipa" + root, "maki" + root, "naki" + root,
        "pina" + root, "ipina" + root, "ma" + first + root, "na" + first + root,
        _infixed(root, "um"), _infixed(root, "in"), first + root,
        _infixed(first + root, "um"), _infixed(first + root, "in"),
        _suffixed(root, "in"), _suffixed(root, "an"), first + _suffixed(root, "in"),
        _infixed(_suffixed(root, "an"), "in"), "i" + _infixed(root, "in"),
        "pag" + _suffixed(root, "an") if not vowel_initial else "pa" + _suffixed(root, "an"),
    }
    if not vowel_initial:
        forms |= {prefix + root for prefix in ("mag", "nag", "pag")}
        forms |= {prefix + first + root for prefix in ("mag", "nag", "pag")}
    return forms - {root}


def paradigm_roots(lang: str, words: Iterable[str]) -> dict[str, set[str]]:
    """For Tagalog and Tamil: each form of each of ``words`` taken as a root (a dictionary
    form), with the roots it is a form of."""
    paradigm = tagalog_forms if lang == "tl" else tamil_forms
    roots: dict[str, set[str]] = defaultdict(set)
    vocabulary = {word.lower() for word in words}
    for root in vocabulary:
        if lang == "tl" and root.endswith("ng") and {root[:-1], root[:-2]} & vocabulary:
            continue                      # a word with the ligature -ng/-g, not a root
        for form in paradigm(root):
            roots[form].add(root)
    return roots


# -- English -------------------------------------------------------------------------

def english_forms(word: str) -> set[str]:
    """The other number of a noun and the other forms of a regular verb."""
    w = word.lower()
    forms: set[str] = set()
    if len(w) < 4 or not w.isalpha():
        return forms
    if w.endswith("ies"):
        forms.add(w[:-3] + "y")
    elif w.endswith(("ches", "shes", "sses", "xes")):
        forms.add(w[:-2])
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        forms.add(w[:-1])
    elif w.endswith("y") and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    elif w.endswith(("ch", "sh", "ss", "x")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms.add(w + "s")
    if w.endswith("ing"):
        forms |= {w[:-3], w[:-3] + "e", w[:-3] + "s", w[:-3] + "es", w[:-3] + "ed"}
    elif w.endswith("ed"):
        forms |= {w[:-2], w[:-1], w[:-2] + "ing", w[:-2] + "s", w[:-1] + "s"}
    elif w.endswith("e"):
        forms |= {w + "d", w[:-1] + "ing"}
    elif not w.endswith("s"):
        forms |= {w + "ed", w + "ing"}
    return forms - {w}


# -- Ukrainian -----------------------------------------------------------------------

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def ukrainian_forms(word: str) -> set[str]:
    """Other cases and numbers of a noun or adjective (the forms of its pymorphy3
    lexeme, without the vocative); the other forms of the lexeme for a verb."""
    readings = ukrainian.parses(word)
    if not readings:
        return set()
    parse = readings[0]
    forms: set[str] = set()
    if parse.tag.POS in ("NOUN", "ADJF"):
        forms = {form.word for form in parse.lexeme
                 if form.tag.case in _CASES and form.tag.POS == parse.tag.POS}
    elif parse.tag.POS in ("VERB", "INFN"):
        forms = {form.word for form in parse.lexeme}
    return {form.replace("'", ukrainian.APOSTROPHE) for form in forms} - {word.lower()}


def fold(lang: str, word: str) -> str:
    """How a word is compared for "is this form on the page": Greek without accents."""
    return fold_greek(word) if lang == "el" else unicodedata.normalize("NFC", word.lower())


def other_forms(lang: str, word: str, site: set[str],
                roots: dict[str, set[str]] | None = None) -> tuple[set[str], set[str]]:
    """(attested, generated) other forms of ``word``, folded; ``site`` holds the folded
    words of the whole site, in which forms are attested.

    Tagalog and Tamil forms come from the roots ``word`` is a form of (``roots``, see
    :func:`paradigm_roots`); a word that is a form of no word of the site is taken as a
    root itself, and then only its attested forms count (it may be inflected already,
    and the paradigm of an inflected word makes no words).
    """
    lower = fold(lang, word)
    attested_only = lang == "en"
    if lang == "uk":
        forms = ukrainian_forms(word)
    elif lang == "el":
        forms = greek_forms(word)
        attested_only = not greek_forms(word, sure_only=True)
    elif lang in ("tl", "ta"):
        paradigm = tagalog_forms if lang == "tl" else tamil_forms
        found = (roots or {}).get(lower, set())
        attested_only = not found
        forms = set(found)
        for root in found or {lower}:
            forms |= paradigm(root)
    else:
        forms = english_forms(word)
    folded = {fold(lang, form) for form in forms} - {lower}
    attested = {form for form in folded if form in site}
    return attested, set() if attested_only else folded
