"""Translate library text for one language from its kb catalogs, falling back to English.

Only complete, non-fuzzy translations whose placeholders and markup match the
English are used; any other is reported (file and line) and shown in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cache import FileCache
from .catalogs import PoFileError, is_translated, kb_catalogs, read_catalog
from .checks import publication_problems
from .languages import SOURCE_LANGUAGE, language
from .model import Text
from .plurals import PluralRule, plural_rule
from .problems import Problem

Key = tuple[str | None, str]
"""(msgctxt, msgid) of a message; the msgid of a plural message is its singular."""


@dataclass
class KbTranslations:
    """The publishable kb translations of one language."""

    entries: dict[Key, tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def _read_file(path: Path, lang: str) -> tuple[dict[Key, tuple[str, ...]], list[Problem]]:
    forms = plural_rule(lang).forms
    try:
        catalog = read_catalog(path, lang)
    except PoFileError as error:
        return {}, [Problem(path, getattr(error, "lineno", 0),
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
        if isinstance(message.id, list | tuple) and len(strings) != forms:
            reasons.append(f"has {len(strings)} plural forms instead of {forms}")
        if reasons:
            problems += [Problem(path, message.lineno or 0, f"{reason}; English is shown "
                                                            "instead") for reason in reasons]
            continue
        singular = message.id[0] if isinstance(message.id, list | tuple) else message.id
        entries[(message.context, singular)] = tuple(str(string) for string in strings)
    return entries, problems


def load_kb_translations(locale_dir: Path, lang: str, cache: FileCache) -> KbTranslations:
    """Read every kb catalog of ``lang`` (reusing cached ones that did not change)."""
    result = KbTranslations()
    for path in kb_catalogs(locale_dir, lang):
        loaded = cache.get(path, f"po2:{lang}")
        if loaded is None:
            loaded = _read_file(path, lang)
            cache.put(path, f"po2:{lang}", loaded)
        entries, problems = loaded
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
        self.plural_rule: PluralRule = plural_rule(lang)

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
            return min(self.plural_rule.index(count), len(entry) - 1)
        return plural_rule(SOURCE_LANGUAGE).index(count)

    def counts_by_form(self) -> list[int]:
        """One count for each plural form of this language, in form order."""
        return self.plural_rule.counts_by_form()

    @property
    def plural_expr(self) -> str:
        """The language's plural rule as a C expression of ``n`` (the project's table)."""
        return self.plural_rule.expression
