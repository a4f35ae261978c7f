"""Translate library text for one language from its kb catalogs, falling back to English.

Only complete, non-fuzzy translations whose placeholders and markup match the
English are used; any other is reported (file and line) and shown in English.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import FileCache
from .catalogs import PoFileError, is_translated, kb_catalogs, read_catalog
from .checks import publication_problems
from .languages import SOURCE_LANGUAGE, language
from .model import Text
from .problems import Problem

Key = tuple[str | None, str]
"""(msgctxt, msgid) of a message; the msgid of a plural message is its singular."""


@dataclass
class KbTranslations:
    """The publishable kb translations of one language."""

    entries: dict[Key, tuple[str, ...]] = field(default_factory=dict)
    plural_expr: str = "(n != 1)"
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def _read_file(path: Path, lang: str) -> tuple[dict[Key, tuple[str, ...]], str, list[Problem]]:
    try:
        catalog = read_catalog(path, lang)
    except PoFileError as error:
        return {}, "(n != 1)", [Problem(path, getattr(error, "lineno", 0),
                                        f"cannot read catalog ({error}); English is shown "
                                        "for its messages")]
    entries: dict[Key, tuple[str, ...]] = {}
    problems = []
    for message in catalog:
        if not is_translated(message):
            continue
        reasons = publication_problems(message, kb=True)
        strings = message.string if isinstance(message.string, list | tuple) \
            else (message.string,)
        if isinstance(message.id, list | tuple) and len(strings) != catalog.num_plurals:
            reasons.append(f"has {len(strings)} plural forms instead of {catalog.num_plurals}")
        if reasons:
            problems += [Problem(path, message.lineno or 0, f"{reason}; English is shown "
                                                            "instead") for reason in reasons]
            continue
        singular = message.id[0] if isinstance(message.id, list | tuple) else message.id
        entries[(message.context, singular)] = tuple(str(string) for string in strings)
    return entries, catalog.plural_expr, problems


def load_kb_translations(locale_dir: Path, lang: str, cache: FileCache) -> KbTranslations:
    """Read every kb catalog of ``lang`` (reusing cached ones that did not change)."""
    result = KbTranslations()
    for path in kb_catalogs(locale_dir, lang):
        loaded = cache.get(path, f"po:{lang}")
        if loaded is None:
            loaded = _read_file(path, lang)
            cache.put(path, f"po:{lang}", loaded)
        entries, result.plural_expr, problems = loaded
        result.entries.update(entries)
        result.problems += problems
        result.files.append(path)
    cache.save()
    return result


class Localizer:
    """Library text and plural choice for one language."""

    def __init__(self, lang: str, translations: KbTranslations | None = None) -> None:
        self.lang = lang
        self.language = language(lang)
        self.is_source = lang == SOURCE_LANGUAGE
        self.translations = translations or KbTranslations()
        self._plural_index: Callable[[int], int] = gettext.c2py(self.translations.plural_expr)

    def _entry(self, text: Text) -> tuple[str, ...] | None:
        return self.translations.entries.get((text.context, text.value))

    def is_translated(self, text: Text) -> bool:
        """True for the source language and for texts with a publishable translation."""
        return self.is_source or self._entry(text) is not None

    def text(self, text: Text) -> str:
        """``text`` in this language, or the English source."""
        entry = self._entry(text)
        return entry[0] if entry else text.value

    def plural(self, singular: Text, plural: Text, count: int) -> str:
        """The form of a plural message that fits ``count`` in this language."""
        forms = self.plural_forms(singular, plural)
        return forms[self.plural_index(singular, count)]

    def plural_forms(self, singular: Text, plural: Text) -> tuple[str, ...]:
        """Every form of a plural message: the translation's, or the two English ones."""
        return self._entry(singular) or (singular.value, plural.value)

    def plural_index(self, singular: Text, count: int) -> int:
        """Which form fits ``count``: the language's rule, or English's for a fallback."""
        entry = self._entry(singular)
        if entry:
            return min(self._plural_index(count), len(entry) - 1)
        return 0 if count == 1 else 1

    def counts_by_form(self) -> list[int]:
        """One count for each plural form of this language, in form order (uk: 1, 2, 5)."""
        found: dict[int, int] = {}
        for count in range(200):
            found.setdefault(self._plural_index(count), count)
        return [found[form] for form in sorted(found)]

    @property
    def plural_expr(self) -> str:
        """The language's plural rule as a C expression of ``n`` (gettext, from CLDR)."""
        return self.translations.plural_expr
