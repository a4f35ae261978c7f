"""Format variable values for a locale from CLDR data (Babel), never by hand."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.core import get_global, parse_locale
from babel.dates import format_date, format_time, tokenize_pattern
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

from .hours import CLOSED_ON, SPECIAL_DAY, WITH_SPECIAL_DAYS
from .model import WEEKDAYS, HourCycle, HoursEntry, OpeningHours, VariableType

_TIME_SPACES = str.maketrans({" ": "\u00a0", "\u202f": "\u00a0"})


def format_value(kind: VariableType, value: Any, locale: Locale,
                 currency: str | None = None, hour_cycle: HourCycle | None = None,
                 ui: Callable[[str], str] | None = None) -> str:
    """``value`` of a variable of type ``kind`` as a reader of ``locale`` expects it; ``ui``
    translates the interface messages opening hours use (English without it).

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
        return format_opening_hours(value, locale, hour_cycle, ui or _english)
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


def _latin(text: str) -> bool:
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def _script(locale: Locale) -> str:
    """The locale's script (CLDR likely subtags): ``Taml`` for ``ta``."""
    if locale.script:
        return str(locale.script)
    likely = get_global("likely_subtags").get(locale.language, locale.language)
    return str(parse_locale(likely)[2] or "Latn")


def _has_field(pattern: str, field: str) -> bool:
    return any(kind == "field" and value[0] == field for kind, value in tokenize_pattern(pattern))


def time_pattern(locale: Locale, hour_cycle: HourCycle | None) -> str:
    """The CLDR pattern times are written with: skeleton ``Hm`` (h23) or ``hm`` (h12), the
    locale's short time without a country's clock. A 12-hour pattern whose day period
    (``a``) is Latin in a language of another script (Tamil's "AM") takes CLDR's flexible
    day periods instead (skeleton ``Bhm``: ``காலை 9:00``)."""
    if hour_cycle is HourCycle.H23:
        return str(locale.datetime_skeletons["Hm"].pattern)
    pattern = str(locale.datetime_skeletons["hm"].pattern if hour_cycle is HourCycle.H12
                  else locale.time_formats["short"].pattern)
    if _has_field(pattern, "a") and _script(locale) != "Latn" \
            and _latin(format_time(datetime.time(9), "a", locale=locale)):
        return str(locale.datetime_skeletons["Bhm"].pattern)
    return pattern


def format_time_of_day(value: datetime.time, locale: Locale,
                       hour_cycle: HourCycle | None) -> str:
    """``09:00`` (h23), ``9:00 AM`` or ``காலை 9:00`` (h12) by :func:`time_pattern`, with a
    no-break space for any space; the page script writes the same from :func:`clock_words`."""
    return format_time(value, time_pattern(locale, hour_cycle),
                       locale=locale).translate(_TIME_SPACES)


_CLOCK_FIELDS = {"H", "h", "m", "a", "B"}


def clock_words(locale: Locale, hour_cycle: HourCycle | None) -> dict[str, Any]:
    """The pattern of :func:`time_pattern` as data for the page script: its parts (text, or
    a field and its width: ``["h", 1]``) and, if it has a day period, the period's words as
    Babel writes them with the minute of the day each starts at (``[[0, "நள்ளிரவு"],
    [1, "இரவு"], ...]``)."""
    pattern = time_pattern(locale, hour_cycle)
    parts: list[str | list[Any]] = []
    periods: list[list[Any]] = []
    for kind, value in tokenize_pattern(pattern):
        if kind == "chars":
            parts.append(str(value).translate(_TIME_SPACES))
            continue
        field, width = str(value[0]), int(value[1])
        if field not in _CLOCK_FIELDS:
            raise ValueError(f"time pattern {pattern!r} of {locale}: field {field!r} "
                             "is not one the page script writes")
        parts.append([field, width])
        if field in "aB":
            for minute in range(24 * 60):
                word = format_time(datetime.time(minute // 60, minute % 60), field * width,
                                   locale=locale).translate(_TIME_SPACES)
                if not periods or periods[-1][1] != word:
                    periods.append([minute, word])
    return {"parts": parts, "periods": periods}


def _english(message: str) -> str:
    return message


def _join(items: Sequence[str], locale: Locale) -> str:
    """Items joined with the middle of the locale's list (CLDR ``{0}, {1}``): for items that
    hold an "and" list themselves."""
    pattern = str(locale.list_patterns["standard"]["middle"])
    text = items[0]
    for item in items[1:]:
        text = pattern.replace("{0}", text).replace("{1}", item)
    return text


def _ranges(ranges: Sequence[tuple[datetime.time, datetime.time]], locale: Locale,
            hour_cycle: HourCycle | None) -> str:
    """``09:00–14:30 and 17:30–21:00``: a day's ranges, in order."""
    return format_list([f"{format_time_of_day(opens, locale, hour_cycle)}–"
                        f"{format_time_of_day(closes, locale, hour_cycle)}"
                        for opens, closes in sorted(ranges)], locale=locale)


def format_special_date(date: datetime.date, locale: Locale) -> str:
    """A date of the special days, day and month (CLDR skeleton ``MMMMd``): ``December 24``,
    ``24 грудня``."""
    return format_date(date, _day_month(locale), locale=locale)


def _day_month(locale: Locale) -> str:
    return str(locale.datetime_skeletons["MMMMd"].pattern)


def format_opening_hours(hours: Sequence[HoursEntry], locale: Locale,
                         hour_cycle: HourCycle | None = None,
                         ui: Callable[[str], str] = _english) -> str:
    """``Monday–Friday 09:00–14:30 and 17:30–21:00, Saturday 10:00–14:00 (December 24:
    09:00–13:00, closed on December 25)`` in the locale, on the country's clock.

    Weekdays with the same ranges are written together, in weekday order, each group as its
    days (runs of consecutive days) and its ranges; the groups form the locale's "and" list
    when each is one run of days with one range, else are joined with commas. Special days
    follow in brackets in date order: a date with its ranges
    (:data:`~policykb.hours.SPECIAL_DAY`), or adjacent closed dates together
    (:data:`~policykb.hours.CLOSED_ON`). The page script writes the same from
    :func:`hours_words`."""
    by_day: dict[str, list[tuple[datetime.time, datetime.time]]] = {day: [] for day in WEEKDAYS}
    by_date: dict[datetime.date, list[tuple[datetime.time, datetime.time]]] = {}
    for entry in hours:
        if isinstance(entry, OpeningHours):
            for day in entry.days:
                by_day[day].append((entry.opens, entry.closes))
        else:
            ranges = by_date.setdefault(entry.date, [])
            if entry.opens is not None and entry.closes is not None:
                ranges.append((entry.opens, entry.closes))
    groups: dict[tuple[tuple[datetime.time, datetime.time], ...], list[str]] = {}
    for day in WEEKDAYS:
        if by_day[day]:
            groups.setdefault(tuple(sorted(by_day[day])), []).append(day)
    weekly = [f"{format_day_span(days, locale)} {_ranges(ranges, locale, hour_cycle)}"
              for ranges, days in groups.items()]
    split = any(len(ranges) > 1 or len(_day_runs(days)) > 1 for ranges, days in groups.items())
    text = (_join(weekly, locale) if split else format_list(weekly, locale=locale)) \
        if weekly else ""
    special: list[str] = []
    closed: list[str] = []
    for date in sorted(by_date):
        if not by_date[date]:
            closed.append(format_special_date(date, locale))
            continue
        if closed:
            special.append(ui(CLOSED_ON).replace("{dates}", format_list(closed, locale=locale)))
            closed = []
        special.append(ui(SPECIAL_DAY).replace("{date}", format_special_date(date, locale))
                       .replace("{hours}", _ranges(by_date[date], locale, hour_cycle)))
    if closed:
        special.append(ui(CLOSED_ON).replace("{dates}", format_list(closed, locale=locale)))
    if not special:
        return text
    return ui(WITH_SPECIAL_DAYS).replace("{hours}", text).replace(
        "{special_days}", _join(special, locale))


def hours_words(locale: Locale, ui: Callable[[str], str] = _english) -> dict[str, Any]:
    """How :func:`format_opening_hours` writes hours in ``locale``, as data for the page
    script: the weekday names, CLDR's "and" list, the day-and-month pattern with the month
    names it uses, the time patterns of each clock (:func:`clock_words`; ``none``: no
    country's clock) and the three messages in the page's language."""
    return {"days": [day_name(day, locale) for day in WEEKDAYS],
            "list": {key: str(pattern)
                     for key, pattern in locale.list_patterns["standard"].items()},
            "date": {"pattern": _day_month(locale),
                     "months": [str(locale.months["format"]["wide"][month])
                                for month in range(1, 13)],
                     "standalone": [str(locale.months["stand-alone"]["wide"][month])
                                    for month in range(1, 13)]},
            "clock": {"h23": clock_words(locale, HourCycle.H23),
                      "h12": clock_words(locale, HourCycle.H12),
                      "none": clock_words(locale, None)},
            "closedOn": ui(CLOSED_ON), "specialDay": ui(SPECIAL_DAY),
            "withSpecialDays": ui(WITH_SPECIAL_DAYS)}


def after_value(value: str, following: str) -> str:
    """The text after a filled-in value: a value that ends with a full stop ("Α.Ε.",
    "6:30 μ.μ.") takes the place of the full stop that follows it, never doubling it."""
    if value.endswith(".") and following.startswith(".") and not following.startswith(".."):
        return following[1:]
    return following
