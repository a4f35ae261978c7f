"""The plural rule of every language, owned by the project.

One table serves ``update-po`` (the ``Plural-Forms`` header it writes), ``check-po``
(which compares a catalog's header with it by evaluating both), the build (which
chooses a plural form) and the browser (which gets the same expression). A rule
never comes from whichever catalog header happens to be read first, nor from the
CLDR data of the installed Babel, whose gettext rendering changes between releases.

Choices, checked against CLDR's integer categories by ``tests/test_plurals.py``:

* en, el, ta: one form for 1, another for every other number (CLDR "one"/"other").
* uk: three forms for integers: 1, 21, 31… ("one"); 2–4, 22–24… ("few"); 0, 5–20,
  25–30… ("many"). CLDR's fourth category, "other", is for fractions only and
  the counts in the library are whole numbers.
* tl: ``n != 1``. Tagalog nouns do not change for number ("1 araw", "5 araw"); CLDR's
  Filipino rule splits numbers by the last digit (4, 6, 9) for the linker *-ng*/*na*,
  which the library's translations never vary. Two forms with ``n != 1`` let a
  translator write "isang araw" for one and keep the other form for every other number.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

EVALUATED_COUNTS = range(1001)
"""The counts on which two rules must agree to be the same rule."""


@dataclass(frozen=True)
class PluralRule:
    """How many plural forms a language has and which one a count takes."""

    forms: int
    expression: str
    """A gettext (C) expression of ``n`` giving the form index."""

    @property
    def header(self) -> str:
        """The value of a catalog's ``Plural-Forms`` header."""
        return f"nplurals={self.forms}; plural={self.expression};"

    def index(self, count: int) -> int:
        """The form that ``count`` takes (0-based)."""
        return int(_compiled(self.expression)(count))

    def counts_by_form(self) -> list[int]:
        """The smallest count that takes each form, in form order (uk: 1, 2, 0)."""
        found: dict[int, int] = {}
        for count in range(200):
            found.setdefault(self.index(count), count)
        return [found[form] for form in sorted(found)]


PLURAL_RULES: dict[str, PluralRule] = {
    "en": PluralRule(2, "(n != 1)"),
    "tl": PluralRule(2, "(n != 1)"),
    "el": PluralRule(2, "(n != 1)"),
    "ta": PluralRule(2, "(n != 1)"),
    "uk": PluralRule(3, "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                        "(n%100<10 || n%100>=20) ? 1 : 2)"),
}


def plural_rule(lang: str) -> PluralRule:
    """The rule of ``lang`` (a site language)."""
    return PLURAL_RULES[lang]


@cache
def _compiled(expression: str) -> Callable[[int], int]:
    return gettext.c2py(expression)


_HEADER = re.compile(r"^\s*nplurals\s*=\s*(?P<forms>\d+)\s*;\s*plural\s*=\s*(?P<expr>.+?)\s*;?\s*$")


def header_problem(declared: str, lang: str) -> str | None:
    """Why a ``Plural-Forms`` header does not state the rule of ``lang``, or None.

    The header is compared by evaluating it for n = 0..1000, so a differently written
    equivalent passes ("n%10==1" or "(n % 10 == 1)") and a wrong rule does not.
    """
    wanted = plural_rule(lang)
    match = _HEADER.match(declared)
    if match is None:
        return f"Plural-Forms '{declared}' is not 'nplurals=N; plural=EXPRESSION;'; " \
               f"{lang} needs '{wanted.header}'"
    try:
        declared_rule = PluralRule(int(match["forms"]), match["expr"])
        differs = declared_rule.forms != wanted.forms or any(
            declared_rule.index(count) != wanted.index(count) for count in EVALUATED_COUNTS)
    except (ValueError, SyntaxError, TypeError, ZeroDivisionError, RecursionError):
        return f"Plural-Forms '{declared}' is not a gettext expression of n; {lang} needs " \
               f"'{wanted.header}'"
    if differs:
        return f"Plural-Forms is '{declared}'; {lang} needs '{wanted.header}' (or an " \
               "equivalent expression)"
    return None
