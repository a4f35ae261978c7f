"""A Tamil noun stemmer: the case, plural and clitic forms of a noun meet at one stem.

Snowball's Tamil stemmer leaves stacked suffixes (``-களுக்கு``), cuts short words to
one letter (``புகார்`` becomes ``ப்``) and keeps the oblique ``-த்த-`` of ``-ம்``
nouns. This stemmer strips, longest first and again while something is left to
strip, the case and clitic endings (``-ஐ``, ``-இன்``, ``-உக்கு``, ``-இல்``,
``-இலிருந்து``, ``-ஆல்``, ``-ஓடு``, ``-உடன்``, ``-உம்``...), the plural ``-கள்`` and a
final doubling consonant of sandhi (``புகாரைப்``). A vowel ending merges with the
consonant before it, so cutting one restores that consonant's pulli
(``புகாரை`` to ``புகார்``). Then one spelling is chosen for what the endings change:
the glide ``ய்``/``வ்`` after a vowel goes, a final short ``u`` goes (``கணக்கு``
and ``கணக்கை`` meet), ``-த்த்`` and ``-ங்`` are the ``-ம்`` of the nominative
(``பணத்தை``, ``பணங்கள்``, ``பணம்``), and a doubled consonant is written once. A stem
keeps at least two letters.

``search_js/tamil.js`` is the same algorithm for the browser; a shared table of
cases (``tests/data/tamil_stems.json``) proves both agree.
"""

from __future__ import annotations

import unicodedata

PULLI = "\u0bcd"
VOWEL_SIGNS = frozenset("\u0bbe\u0bbf\u0bc0\u0bc1\u0bc2\u0bc6\u0bc7\u0bc8\u0bca\u0bcb\u0bcc")
ENDINGS = tuple(sorted({
    # case endings that begin with a vowel (written as a vowel sign after the consonant)
    "ை", "ின்", "ினை", "ினால்", "ினுடைய", "ில்", "ிலே", "ிலும்", "ிலிருந்து", "ிடம்",
    "ிடமிருந்து", "ிற்கு", "ிற்காக", "ுக்கு", "ுக்காக", "ுடன்", "ுடைய", "ோடு", "ால்",
    "ாக", "ான", "ும்", "ே", "ோ",
    # case endings after a vowel
    "க்கு", "க்காக",
}, key=lambda ending: (-len(ending), ending)))
PLURALS = ("கள்",)
SANDHI = frozenset("கசதப")
MAX_ROUNDS = 5


def base_letters(word: str) -> int:
    """Letters of ``word`` not counting vowel signs and pulli (JS ``\\p{M}``)."""
    return sum(1 for char in word if not unicodedata.category(char).startswith("M"))


def _cut(word: str, ending: str) -> str | None:
    """``word`` without ``ending``, the pulli restored; None if too little is left."""
    if not word.endswith(ending):
        return None
    rest = word[: -len(ending)]
    if ending[0] in VOWEL_SIGNS:
        rest += PULLI
    return rest if base_letters(rest) >= 2 else None


def _normalize(word: str) -> str:
    """One spelling for what an ending changed at the end of the stem."""
    if word.endswith("\u0bc1") and base_letters(word) >= 2:       # final short u
        word = word[:-1] + PULLI
    if word[-2:] in ("ய்", "வ்") and len(word) > 2 and word[-3] in VOWEL_SIGNS:
        word = word[:-2]                                            # glide after a vowel
    if word.endswith("த்த்") and base_letters(word) >= 4:
        word = word[:-4] + "ம்"                                     # oblique of -ம்
    elif word.endswith("ங்") and base_letters(word) >= 3:
        word = word[:-2] + "ம்"                                     # -ங்கள் of -ம்
    if len(word) >= 4 and word[-1] == PULLI and word[-3] == PULLI and word[-2] == word[-4]:
        word = word[:-2]                                            # doubled consonant
    return word


def _strip_once(word: str) -> str:
    for ending in ENDINGS:
        rest = _cut(word, ending)
        if rest is not None and (ending[0] != "க" or rest[-1] in VOWEL_SIGNS):
            return _normalize(rest)
    for plural in PLURALS:
        rest = _cut(word, plural)
        if rest is not None:
            if rest.endswith("ட்"):
                rest = rest[:-2] + "ள்"                              # பொருட்கள்
            elif rest.endswith("ற்"):
                rest = rest[:-2] + "ல்"                              # கற்கள்
            return _normalize(rest)
    return _normalize(word)


def stem(word: str) -> str:
    """The stem of a Tamil noun form; other words pass through normalized to NFC."""
    word = unicodedata.normalize("NFC", word)
    if not any("\u0b80" <= char <= "\u0bff" for char in word):
        return word.lower()
    if len(word) > 2 and word[-1] == PULLI and word[-2] in SANDHI and word[-3] != PULLI \
            and base_letters(word) >= 3:
        word = word[:-2]                                            # sandhi doubling
    for _ in range(MAX_ROUNDS):
        before = word
        word = _strip_once(word)
        if word == before:
            break
    return word
