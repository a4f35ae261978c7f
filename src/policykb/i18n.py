"""Translate library text for one language, falling back to English.

Library text is translated through gettext catalogs with a context for every
message (``msgctxt``), so the lookups are ``pgettext`` and ``npgettext``. A
language without catalogs shows the English source.
"""

from __future__ import annotations

import gettext

from .languages import language
from .model import Text


class Localizer:
    """Library text and plural choice for one language."""

    def __init__(self, lang: str, translations: gettext.NullTranslations | None = None) -> None:
        self.lang = lang
        self.language = language(lang)
        self.translations = translations or gettext.NullTranslations()

    def text(self, text: Text) -> str:
        """``text`` in this language, or the English source."""
        return self.translations.pgettext(text.context, text.value)

    def plural(self, singular: Text, plural: Text, count: int) -> str:
        """The form of a plural message that fits ``count`` in this language."""
        return self.translations.npgettext(singular.context, singular.value, plural.value, count)
