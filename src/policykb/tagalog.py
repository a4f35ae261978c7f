"""A Tagalog stemmer: affixed forms of a word meet at one stem.

Snowball has no Tagalog stemmer. This one strips what Tagalog grammar adds to a
root: the ligature ``-ng``, the suffixes ``-an``/``-in`` (``-han``/``-hin`` after a
vowel), prefixes (``mag-``, ``nag-``, ``pag-``, ``ma-``, ``na-``, ``i-``, ``ipa-``,
``maki-`` and their stacks), the infixes ``-um-`` and ``-in-`` and the reduplicated
first syllable; then it writes ``u`` as ``o`` and a final ``r`` as ``d``, because a
suffix turns ``sagot`` into ``sagutin`` and ``bayad`` into ``bayaran``. Each step keeps
at least two vowels, so a root is never cut down to a syllable.

Some words have more than one reading, which no rule can choose between:
``bigyan`` is ``bigay`` + ``-an`` with the root's last vowel dropped, ``gawin`` is
``gawa`` + ``-in``, ``nagawa`` is ``na-`` + ``gawa`` as well as ``nag-`` + ``awa``, and
``patakarang`` is ``patakaran`` + the ligature ``-g`` as well as ``patakara`` + ``-ng``.
:func:`readings` gives the stems of all of them: the index holds every reading of a
word of the site, and a query word takes the reading that most pages hold.

``search_js/tagalog.js`` is the same algorithm for the browser; a shared table of
cases (``tests/data/tagalog_stems.json``) proves both agree.
"""

from __future__ import annotations

import re

VOWELS = frozenset("aeiou")
PREFIXES = tuple(sorted((
    "pakikipag", "makipag", "nakipag", "ipinag", "ipina", "pinaka", "pinag", "pagka",
    "nakaka", "makaka", "mapag", "napag", "naka", "maka", "ipag", "pina", "paki", "maki",
    "naki", "taga", "mag", "nag", "pag", "tag", "ika", "ipa", "ka", "ma",
    "na", "pa", "um", "in", "ni", "i"), key=lambda prefix: (-len(prefix), prefix)))
"""Longest first. ``um-`` and ``in-`` stand before a vowel, ``ni-`` before l, y or w."""
SUFFIXES = ("han", "hin", "an", "in")
_LATIN_WORD = re.compile(r"[a-zñ]+")
MAX_ROUNDS = 4


def _vowels(text: str) -> int:
    return sum(1 for char in text if char in VOWELS)


def _root_like(text: str) -> bool:
    """What may be left after a cut: three letters or more with two vowels or more."""
    return len(text) >= 3 and _vowels(text) >= 2


def _strip_ligature(word: str) -> str:
    if word.endswith("ng") and len(word) > 2 and word[-3] in VOWELS \
            and _root_like(word[:-2]):
        return word[:-2]
    return word


def _strip_suffix(word: str) -> str:
    for suffix in SUFFIXES:
        rest = word[: -len(suffix)]
        if word.endswith(suffix) and _root_like(rest) \
                and (suffix[0] != "h" or rest[-1] in VOWELS):
            return rest
    return word


def _strip_prefix(word: str) -> str:
    for prefix in PREFIXES:
        rest = word[len(prefix):]
        if not word.startswith(prefix) or not _root_like(rest):
            continue
        if prefix in ("um", "in") and rest[0] not in VOWELS:
            continue
        if prefix == "ni" and rest[0] not in "lyw":
            continue
        return rest
    return word


def _strip_infix(word: str) -> str:
    if len(word) > 4 and word[0] not in VOWELS and word[1:3] in ("um", "in") \
            and word[3] in VOWELS and _root_like(word[0] + word[3:]):
        return word[0] + word[3:]
    return word


def _strip_reduplication(word: str) -> str:
    if len(word) >= 4 and word[0] not in VOWELS and word[1] in VOWELS \
            and word[2:4] == word[:2] and _root_like(word[2:]):
        return word[2:]
    if len(word) >= 3 and word[0] in VOWELS and word[1] == word[0] \
            and _root_like(word[1:]):
        return word[1:]
    return word


def _strip_front(word: str) -> str:
    for _ in range(MAX_ROUNDS):
        before = word
        word = _strip_reduplication(_strip_infix(_strip_prefix(word)))
        if word == before:
            break
    return word


def stem(word: str, *, suffix_first: bool = True) -> str:
    """The stem of a Tagalog word; a word that is not Tagalog letters stays as it is.

    The suffix is cut before the prefixes (``isipin``: ``isip``), or after them with
    ``suffix_first=False`` (``nilalaman``: ``laman``)."""
    word = word.lower()
    if len(word) < 4 or not _LATIN_WORD.fullmatch(word):
        return word
    word = _strip_ligature(word)
    word = (_strip_front(_strip_suffix(word)) if suffix_first
            else _strip_suffix(_strip_front(word)))
    word = word.replace("u", "o")
    if word.endswith("r"):
        word = word[:-1] + "d"
    return _strip_ligature(word)


def alternatives(word: str) -> list[str]:
    """Other words ``word`` may be read as (see the module's docstring)."""
    word = word.lower()
    found: list[str] = []
    if len(word) < 4 or not _LATIN_WORD.fullmatch(word):
        return found
    if word.endswith("ng") and word[-3] in VOWELS:
        found.append(word[:-1])                                  # patakarang: patakaran
    for suffix in ("an", "in"):
        rest = word[: -len(suffix)]
        if not word.endswith(suffix) or len(rest) < 3:
            continue
        if rest[-2] not in VOWELS and rest[-1] not in VOWELS \
                and not rest.endswith("ng"):                     # bigyan: bigayan
            found += [rest[:-1] + vowel + rest[-1] + suffix for vowel in "aiou"]
        elif rest[-2] in VOWELS and rest[-1] not in VOWELS \
                and _vowels(rest) < 2:                           # gawin: gawahin
            found += [rest + vowel + "h" + suffix for vowel in "aiou"]
    if word[:3] in ("nag", "mag", "pag") and word[3] in VOWELS:
        found.append(word[2:])                                   # nagawa: gawa
    return found


def readings(word: str) -> list[str]:
    """The stem of ``word`` first, then its stem with the suffix cut last, then the stems
    of its :func:`alternatives`."""
    found = [stem(word)]
    for other in [stem(word, suffix_first=False)] + [stem(other) for other in alternatives(word)]:
        if other not in found:
            found.append(other)
    return found
