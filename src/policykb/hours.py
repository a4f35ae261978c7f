"""Opening hours (variables of type ``hours``): the value read and checked, and its words.

The value is a list of entries, in YAML and JSON alike::

    - {days: [mon, tue, wed, thu, fri], opens: "09:00", closes: "14:30"}
    - {days: [mon, tue, wed, thu, fri], opens: "17:30", closes: "21:00"}  # a split day
    - {days: [sat], opens: "10:00", closes: "14:00"}       # no entry for sunday: closed
    - {date: "2026-12-24", opens: "09:00", closes: "13:00"}  # special hours on one date
    - {date: "2026-12-25", closed: true}                     # closed on one date

The JSON Schema (``default`` of an ``hours`` variable in ``variable.schema.json``) checks
each entry's fields; :func:`read_hours` checks what a schema cannot see (times, overlaps,
a date both closed and open). :func:`policykb.formatting.format_opening_hours` writes the
value, and the page script the same from :func:`policykb.formatting.hours_words`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from .model import WEEKDAYS, HoursEntry, OpeningHours, SpecialDay
from .yamlfile import JsonPath


def _(message: str) -> str:
    """Mark ``message`` for the interface catalog; it is translated where it is shown."""
    return message


# Translators: the dates a business is closed, in brackets after its weekly opening hours.
# Example: "closed on December 25 and January 1". {dates} is a list of dates.
CLOSED_ON = _("closed on {dates}")
# Translators: weekly opening hours followed by special days in brackets.
# Example: "Monday–Friday 09:00–18:00 (December 24: 09:00–13:00, closed on December 25)".
# The whole stands inside sentences such as "Visit us {opening_hours}."
WITH_SPECIAL_DAYS = _("{hours} ({special_days})")
# Translators: a special day and its hours, in the brackets after the
# weekly hours. Example: "December 24: 09:00–13:00" in
# "Monday–Friday 09:00–18:00 (December 24: 09:00–13:00, closed on
# December 25)". {date} is a day and month; {hours} one or more
# ranges of hours ("09:00–12:00 and 16:00–19:00").
SPECIAL_DAY = _("{date}: {hours}")

DAY_NAMES = dict(zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                "Saturday", "Sunday"), strict=True))
"""English weekday names, for messages."""

Problems = list[tuple[JsonPath, str]]


def read_hours(value: Sequence[dict[str, Any]]) -> tuple[tuple[HoursEntry, ...] | None, Problems]:
    """The entries of ``value`` (already of the schema's shape), or None and every problem
    found: (path inside the value, message)."""
    entries: list[HoursEntry] = []
    problems: Problems = []
    for index, entry in enumerate(value):
        typed = _entry(index, entry, problems)
        if typed is not None:
            entries.append(typed)
    if not problems:
        problems += _overlaps(entries)
    if not problems and not any(isinstance(entry, OpeningHours) for entry in entries):
        problems.append(((), "give the hours of at least one weekday (days, opens, closes); "
                             "a date entry changes the hours of that date only"))
    return (None, problems) if problems else (tuple(entries), [])


def _entry(index: int, entry: dict[str, Any], problems: Problems) -> HoursEntry | None:
    if "date" not in entry:
        if "closed" in entry:
            problems.append(((index, "closed"), "'closed' belongs to a date entry (date: "
                                                "YYYY-MM-DD); a weekday no entry names is "
                                                "closed"))
            return None
        times = _times(index, entry, problems)
        return None if times is None else OpeningHours(tuple(entry["days"]), *times)
    try:
        date = datetime.date.fromisoformat(str(entry["date"]))
    except ValueError:
        problems.append(((index, "date"), f"{entry['date']!r} is not a date: write it as "
                                          "YYYY-MM-DD"))
        return None
    has_hours = "opens" in entry or "closes" in entry
    if "days" in entry:
        problems.append(((index, "days"), f"{date}: a date entry gives the hours of that date "
                                          "only; leave out 'days'"))
    elif entry.get("closed") is True and has_hours:
        problems.append(((index, "closed"), f"{date}: give its hours (opens, closes) or "
                                            "'closed: true', not both"))
    elif entry.get("closed") is True:
        return SpecialDay(date)
    elif "opens" not in entry or "closes" not in entry:
        missing = "closes" if "opens" in entry else "opens"
        problems.append(((index,), f"{date}: give its hours (opens and closes) or 'closed: "
                                   f"true'; '{missing}' is missing"))
    else:
        times = _times(index, entry, problems)
        return None if times is None else SpecialDay(date, *times)
    return None


def _times(index: int, entry: dict[str, Any],
           problems: Problems) -> tuple[datetime.time, datetime.time] | None:
    try:
        opens = datetime.time.fromisoformat(entry["opens"])
        closes = datetime.time.fromisoformat(entry["closes"])
    except ValueError:  # the schema allows 24:00, which is not a time of day in Python
        problems.append(((index, "closes"), f"closes at {entry['closes']}: write 23:59 for a "
                                            "day that ends at midnight"))
        return None
    if closes <= opens:
        problems.append(((index, "closes"), f"closes at {entry['closes']}, which is not "
                                            f"after it opens ({entry['opens']})"))
        return None
    return opens, closes


def _overlaps(entries: Sequence[HoursEntry]) -> Problems:
    """Two ranges of one weekday or one date that overlap, a date closed twice or closed and
    open: each reported at the later entry."""
    problems: Problems = []
    seen: dict[str | datetime.date, list[tuple[int, HoursEntry]]] = {}
    for index, entry in enumerate(entries):
        keys: Sequence[str | datetime.date] = (entry.days if isinstance(entry, OpeningHours)
                                                else (entry.date,))
        for key in keys:
            where = DAY_NAMES[key] if isinstance(key, str) else str(key)
            for earlier_index, earlier in seen.get(key, []):
                message = _clash(where, earlier, entry)
                if message and not any(found[0] == (index,) for found in problems):
                    problems.append(((index,), f"{message} (entry {earlier_index + 1} and "
                                               f"entry {index + 1})"))
            seen.setdefault(key, []).append((index, entry))
    return problems


def _clash(where: str, first: HoursEntry, second: HoursEntry) -> str | None:
    if isinstance(first, SpecialDay) and isinstance(second, SpecialDay):
        if first.closed and second.closed:
            return f"{where} is listed as closed twice"
        if first.closed or second.closed:
            return f"{where} is listed as closed and with hours"
    assert first.opens is not None and first.closes is not None
    assert second.opens is not None and second.closes is not None
    if first.opens < second.closes and second.opens < first.closes:
        return (f"on {where} the hours {_hm(first.opens)}–{_hm(first.closes)} and "
                f"{_hm(second.opens)}–{_hm(second.closes)} overlap")
    return None


def _hm(time: datetime.time) -> str:
    return time.strftime("%H:%M")


def hours_data(value: Sequence[HoursEntry]) -> list[dict[str, Any]]:
    """The value as YAML and JSON write it (what :func:`read_hours` reads back)."""
    data: list[dict[str, Any]] = []
    for entry in value:
        if isinstance(entry, OpeningHours):
            data.append({"days": list(entry.days), "opens": _hm(entry.opens),
                         "closes": _hm(entry.closes)})
        elif entry.opens is None or entry.closes is None:
            data.append({"date": entry.date.isoformat(), "closed": True})
        else:
            data.append({"date": entry.date.isoformat(), "opens": _hm(entry.opens),
                         "closes": _hm(entry.closes)})
    return data


def is_hours(value: Any) -> bool:
    """True for an opening-hours value (a non-empty tuple of entries)."""
    return (isinstance(value, tuple) and bool(value)
            and isinstance(value[0], OpeningHours | SpecialDay))
