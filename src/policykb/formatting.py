"""Format variable values for a locale from CLDR data (Babel), never by hand."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_name

from .model import WEEKDAYS, OpeningHours, VariableType


def format_value(kind: VariableType, value: Any, locale: Locale,
                 currency: str | None = None) -> str:
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
        return format_opening_hours(value, locale)
    if kind is VariableType.CURRENCY:
        return str(get_currency_name(value, locale=locale))
    return str(value)


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


def format_opening_hours(hours: Sequence[OpeningHours], locale: Locale) -> str:
    """``Monday–Friday 9:00 AM–6:00 PM and Saturday 10:00 AM–2:00 PM`` in the locale."""
    lines = []
    for entry in hours:
        opens = format_time(entry.opens, "short", locale=locale)
        closes = format_time(entry.closes, "short", locale=locale)
        lines.append(f"{format_day_span(entry.days, locale)} {opens}–{closes}")
    return format_list(lines, locale=locale)
