"""Ukrainian lemmas for search: pymorphy3 with its Ukrainian dictionary at build time,
a form -> lemma table of the site's own vocabulary in the browser.

The index holds the lemma of every word (``покупцем`` is indexed as ``покупець``).
The browser cannot run pymorphy3, so the build writes, for every word of the site,
every form of its lemma with that lemma (``скарзі``, ``скаргою``, ``скарг``... ->
``скарга``), grouped by lemma and written as suffix edits to stay small. A query word
found in the table searches for its lemma; any other word searches as typed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

APOSTROPHE = "\u02bc"
_DICTIONARY_APOSTROPHE = "'"


@cache
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _to_dictionary(word: str) -> str:
    return word.lower().replace(APOSTROPHE, _DICTIONARY_APOSTROPHE)


def _from_dictionary(word: str) -> str:
    return word.replace(_DICTIONARY_APOSTROPHE, APOSTROPHE)


_UNLIKELY = frozenset({"Abbr", "Surn", "Name", "Patr", "voct"})
"""Readings a search word rarely has: abbreviations (``гру``), names, the vocative."""


@cache
def parses(word: str) -> tuple[Any, ...]:
    """The readings of ``word`` (pymorphy3 ``Parse``) whose lemma is :func:`lemma`'s.

    The dictionary gives every reading the same score, so the lemma is the one most of
    the word's likely readings share (``графіку``: ``графік`` dative and locative over
    ``графіка`` accusative), the first in the dictionary's order on a tie."""
    found = _analyzer().parse(_to_dictionary(word))
    likely = [parse for parse in found if not _UNLIKELY & parse.tag.grammemes] or found
    if not likely:
        return ()
    counts: dict[str, int] = defaultdict(int)
    for parse in likely:
        counts[parse.normal_form] += 1
    best = max(counts.values())
    chosen = next(parse.normal_form for parse in likely if counts[parse.normal_form] == best)
    return tuple(parse for parse in found if parse.normal_form == chosen)


def lemma(word: str) -> str:
    """The lemma of ``word``, lower case, with the Ukrainian apostrophe."""
    readings = parses(word)
    return _from_dictionary(readings[0].normal_form) if readings else word.lower()


def forms_of(word: str) -> set[str]:
    """Every form of every reading of ``word`` whose lemma is ``lemma(word)``."""
    forms = {word.lower()}
    for parse in parses(word):
        forms.update(_from_dictionary(form.word) for form in parse.lexeme)
    return forms


def forms_table(words: Iterable[str]) -> dict[str, str]:
    """Form -> lemma for every form of the lemmas of ``words``.

    A form shared by two lemmas of the site goes to its own most likely lemma when that
    is one of them, else to the first in alphabetical order; a word of the site always
    goes to the lemma it was indexed under.
    """
    site_words = {word.lower() for word in words}
    candidates: dict[str, set[str]] = defaultdict(set)
    for word in site_words:
        for form in forms_of(word):
            candidates[form].add(lemma(word))
    table = {}
    for form, lemmas in candidates.items():
        own = lemma(form)
        table[form] = own if own in lemmas else min(lemmas)
    table.update({word: lemma(word) for word in site_words})
    return table


def _edit(lemma_: str, form: str) -> str:
    """``form`` as (letters to drop from the end of the lemma, letters to add)."""
    common = 0
    while common < min(len(lemma_), len(form)) and lemma_[common] == form[common]:
        common += 1
    return f"{len(lemma_) - common}{form[common:]}"


def encode(table: dict[str, str]) -> dict[str, str]:
    """Group ``table`` by lemma: ``{"скарга": "1зі 1у 1ою ..."}`` (see ``ukrainian.js``)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for form, lemma_ in table.items():
        if form != lemma_:
            grouped[lemma_].append(_edit(lemma_, form))
    for lemma_ in set(table.values()):
        grouped.setdefault(lemma_, [])
    return {lemma_: " ".join(sorted(edits)) for lemma_, edits in sorted(grouped.items())}


def forms_script(words: Iterable[str]) -> str:
    """The JavaScript file that gives the browser the site's form -> lemma table."""
    data = json.dumps(encode(forms_table(words)), ensure_ascii=False, separators=(",", ":"))
    return f"var POLICYKB_LEMMAS = {data};\n"
