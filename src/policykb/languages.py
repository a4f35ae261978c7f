"""The languages of the library and their CLDR data (through Babel)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale

SOURCE_LANGUAGE = "en"
LANGUAGE_CODES = ("en", "tl", "el", "ta", "uk")


@dataclass(frozen=True)
class Language:
    """A site language: its code, its CLDR locale and its name in itself."""

    code: str
    locale: Locale

    @property
    def native_name(self) -> str:
        """The language's own name for itself, capitalised for a menu (CLDR)."""
        name = str(self.locale.languages.get(self.code) or self.code)
        return name[:1].upper() + name[1:]

    @property
    def english_name(self) -> str:
        """The language's name in English (CLDR)."""
        return str(Locale("en").languages.get(self.code, self.code))


@cache
def language(code: str) -> Language:
    """The :class:`Language` for ``code``; Babel maps ``tl`` to Filipino (``fil``) data."""
    return Language(code, Locale.parse(code))


def all_languages() -> list[Language]:
    """Every site language, the source first."""
    return [language(code) for code in LANGUAGE_CODES]
