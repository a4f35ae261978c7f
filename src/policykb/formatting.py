"""Format variable values for a locale from CLDR data (Babel), never by hand."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import (
    NumberPattern,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_precision,
    get_decimal_symbol,
    get_group_symbol,
)

from .model import WEEKDAYS, HourCycle, OpeningHours, VariableType

_TIME_SPACES = str.maketrans({" ": "\u00a0", "\u202f": "\u00a0"})


def format_value(kind: VariableType, value: Any, locale: Locale,
                 currency: str | None = None, hour_cycle: HourCycle | None = None) -> str:
    """``value`` of a variable of type ``kind`` as a reader of ``locale`` expects it.

    Choice and yes/no values need translated labels and are formatted by the caller.
    """
    if kind is VariableType.COUNT:
        return format_decimal(value, locale=locale)
    if kind is VariableType.MONEY:
        assert currency is not None
        return format_currency(Decimal(value), currency, locale=locale)
    if kind is VariableType.PERCENTAGE:
        return format_percent(Decimal(value) / 100, locale=locale, decimal_quantization=False)
    if kind is VariableType.WEEKDAYS:
        return format_weekdays(value, locale)
    if kind is VariableType.HOURS:
        return format_opening_hours(value, locale, hour_cycle)
    if kind is VariableType.CURRENCY:
        return str(get_currency_name(value, locale=locale))
    return str(value)


def _pattern(pattern: NumberPattern) -> dict[str, Any]:
    return {"prefix": pattern.prefix[0], "suffix": pattern.suffix[0],
            "grouping": list(pattern.grouping)}


def number_formats(locale: Locale, currencies: Sequence[str]) -> dict[str, Any]:
    """How :func:`format_value` writes numbers in ``locale``, as data for the page script:
    CLDR's decimal, currency and percent patterns (prefix, suffix, grouping) and symbols
    as Babel has them, and each currency's digits and name, so that the browser writes an
    amount, a count or a percentage exactly as the command line does."""
    return {"decimal": get_decimal_symbol(locale), "group": get_group_symbol(locale),
            "patterns": {"decimal": _pattern(locale.decimal_formats[None]),
                         "currency": _pattern(locale.currency_formats["standard"]),
                         "percent": _pattern(locale.percent_formats[None])},
            "currencyDigits": {code: get_currency_precision(code) for code in currencies},
            "currencyNames": {code: str(get_currency_name(code, locale=locale))
                              for code in currencies}}


def format_review_date(date: datetime.date, locale: Locale) -> str:
    """A date in the locale's long format, e.g. ``1 листопада 2026 р.``."""
    return format_date(date, "long", locale=locale)


def day_name(code: str, locale: Locale) -> str:
    """The locale's full name of weekday ``code`` (``mon``...``sun``)."""
    return str(locale.days["format"]["wide"][WEEKDAYS.index(code)])


def format_weekdays(days: Sequence[str], locale: Locale) -> str:
    """Weekdays as a list in the locale's words: ``Monday, Wednesday, and Friday``."""
    ordered = sorted(days, key=WEEKDAYS.index)
    return format_list([day_name(day, locale) for day in ordered], locale=locale)


def _day_runs(days: Sequence[str]) -> list[list[str]]:
    """Consecutive weekdays grouped: mon tue wed fri -> [[mon, tue, wed], [fri]]."""
    runs: list[list[str]] = []
    for day in sorted(days, key=WEEKDAYS.index):
        if runs and WEEKDAYS.index(day) == WEEKDAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def format_day_span(days: Sequence[str], locale: Locale) -> str:
    """``Monday–Friday`` for runs of consecutive days, a list for the rest."""
    parts = []
    for run in _day_runs(days):
        first, last = day_name(run[0], locale), day_name(run[-1], locale)
        parts.append(first if len(run) == 1 else f"{first}–{last}")
    return format_list(parts, locale=locale)


def format_time_of_day(value: datetime.time, locale: Locale,
                       hour_cycle: HourCycle | None) -> str:
    """``09:00`` (h23) or ``9:00 AM`` (h12) in the locale's words (CLDR skeleton ``Hm`` or
    ``hm``), with a no-break space before a day period: the page script does the same
    with ``Intl.DateTimeFormat`` and ``hourCycle``. Without a country's clock (a library
    with no country profiles), the locale's own short time, with the same no-break space."""
    if hour_cycle is None:
        pattern = "short"
    else:
        pattern = str(locale.datetime_skeletons["Hm" if hour_cycle is HourCycle.H23 else "hm"])
    return format_time(value, pattern, locale=locale).translate(_TIME_SPACES)


def format_opening_hours(hours: Sequence[OpeningHours], locale: Locale,
                         hour_cycle: HourCycle | None = None) -> str:
    """``Monday–Friday 09:00–18:00 and Saturday 10:00–14:00`` in the locale, on the
    country's clock."""
    lines = []
    for entry in hours:
        opens = format_time_of_day(entry.opens, locale, hour_cycle)
        closes = format_time_of_day(entry.closes, locale, hour_cycle)
        lines.append(f"{format_day_span(entry.days, locale)} {opens}–{closes}")
    return format_list(lines, locale=locale)


def after_value(value: str, following: str) -> str:
    """The text after a filled-in value: a value that ends with a full stop ("Α.Ε.",
    "6:30 μ.μ.") takes the place of the full stop that follows it, never doubling it."""
    if value.endswith(".") and following.startswith(".") and not following.startswith(".."):
        return following[1:]
    return following
