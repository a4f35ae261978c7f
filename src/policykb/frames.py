"""Name frames: where a name placeholder may stand so that any name stays grammatical.

A business name (``{business_name}`` and every text variable marked ``proper_name``)
is filled in as the business writes it and never inflects. Each language states, in
the ``name_frames`` entry of ``locales/<lang>/glossary.yaml``, the places where that
is safe: right after a carrier noun or marker (``before``), right before one
(``after``, for suffixing languages such as Tamil), or opening a sentence or
following a colon (``opens``). ``before`` and ``after`` are regular expressions that
must match at the start of the neighbouring word (case-insensitive; end one with ``$``
to ask for the whole word), so a stem covers every case form. ``check-po`` applies
the rule to every translation, and the filled-text test applies the same function to
every rendered clause.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .problems import Problem
from .yamlfile import YamlDocument

NAME_FRAME_COMMENT = "name-frame"
"""A translator comment (``# name-frame: reason``) that accepts a reviewed exception."""

OPENING_QUOTES = "«“„\"'‘‹"
CLOSING_QUOTES = "»”\"'’›"
_SENTENCE_ENDS = (".", "!", "?", ":", ";", "\n")
_WORD_JOINERS = "’'-"


@dataclass(frozen=True)
class NameFrames:
    """One language's safe places for a name (see the module docstring)."""

    rule: str
    before: tuple[re.Pattern[str], ...]
    after: tuple[re.Pattern[str], ...]
    opens: bool

    def allows(self, text: str, start: int, end: int) -> bool:
        """True if the name at ``text[start:end]`` stands in a safe place."""
        preceding = text[:start].rstrip(" \u00a0*" + OPENING_QUOTES)
        if self.opens and (not preceding or preceding.endswith(_SENTENCE_ENDS)):
            return True
        previous = _last_word(preceding)
        if previous and any(pattern.match(previous) for pattern in self.before):
            return True
        following = _first_word(text[end:].lstrip(" \u00a0*" + CLOSING_QUOTES))
        return bool(following) and any(pattern.match(following) for pattern in self.after)

    def problem(self, text: str, start: int, end: int, lang: str) -> str | None:
        """Why the name at ``text[start:end]`` breaks the rule, or None."""
        if self.allows(text, start, end):
            return None
        words = " ".join(text[:start].split()[-2:])
        return (f"{text[start:end]} after '{words}': {lang} cannot change the form of a "
                f"name here; {self.advice()}")

    def advice(self) -> str:
        """What a translator may do instead, in one sentence."""
        places = []
        if self.before:
            places.append("after a carrier word such as '"
                          + "', '".join(_example(pattern) for pattern in self.before[:3]) + "'")
        if self.after:
            places.append("before a carrier word such as '"
                          + "', '".join(_example(pattern) for pattern in self.after[:3]) + "'")
        if self.opens:
            places.append("at the start of a sentence or after a colon")
        return (f"put it {' or '.join(places)} (name_frames in the glossary; a reviewed "
                f"exception takes the comment '# {NAME_FRAME_COMMENT}: reason')")


def _is_word_char(char: str) -> bool:
    # Tamil vowel signs and virama are marks (M*), not letters, but belong to the word
    return char.isalnum() or unicodedata.category(char).startswith("M") or char in _WORD_JOINERS


def _last_word(text: str) -> str:
    end = len(text)
    start = end
    while start > 0 and _is_word_char(text[start - 1]):
        start -= 1
    return text[start:end].strip(_WORD_JOINERS)


def _first_word(text: str) -> str:
    end = 0
    while end < len(text) and _is_word_char(text[end]):
        end += 1
    return text[:end].strip(_WORD_JOINERS)


def _example(pattern: re.Pattern[str]) -> str:
    return re.sub(r"\\w[*+]|[\\()?|^$]|\[.*?\]", "", pattern.pattern) or pattern.pattern


def load_name_frames(document: YamlDocument) -> tuple[NameFrames | None, list[Problem]]:
    """The ``name_frames`` entry of a glossary document, if it has one."""
    data = document.data.get("name_frames") if isinstance(document.data, dict) else None
    if data is None:
        return None, []
    line = document.line(("name_frames",))
    if not isinstance(data, dict) or not isinstance(data.get("rule"), str):
        return None, [Problem(document.path, line, "name_frames needs a 'rule' (text) and "
                                                   "lists 'before' and 'after' of regexes")]
    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    problems = []
    for key in ("before", "after"):
        values = data.get(key) or []
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            problems.append(Problem(document.path, document.line(("name_frames", key)),
                                    f"name_frames: '{key}' must be a list of regexes"))
            values = []
        compiled = []
        for index, value in enumerate(values):
            try:
                compiled.append(re.compile(value, re.IGNORECASE))
            except re.error as error:
                problems.append(Problem(document.path,
                                        document.line(("name_frames", key, index)),
                                        f"name_frames: '{value}' is not a regex: {error}"))
        patterns[key] = tuple(compiled)
    frames = NameFrames(data["rule"], patterns["before"], patterns["after"],
                        bool(data.get("opens", False)))
    return frames, problems


def name_frame_problems(strings: Sequence[str], names: frozenset[str], frames: NameFrames,
                        lang: str) -> Iterator[str]:
    """Every name placeholder of ``strings`` (a message's forms) out of its frame."""
    seen = set()
    for string in strings:
        for name in names:
            placeholder = "{" + name + "}"
            start = string.find(placeholder)
            while start != -1:
                problem = frames.problem(string, start, start + len(placeholder), lang)
                if problem and problem not in seen:
                    seen.add(problem)
                    yield problem
                start = string.find(placeholder, start + 1)
