"""The table of how values are written (``tests/data/value_formats.json``), shared by the
command line's formatting (:mod:`policykb.formatting`) and the page script's."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel import Locale

from policykb.docmodel import long_date
from policykb.formatting import format_value
from policykb.hours import read_hours
from policykb.i18n import Localizer, load_interface
from policykb.model import HourCycle, VariableType

TABLE = Path(__file__).resolve().parent / "data" / "value_formats.json"
LOCALES = Path(__file__).resolve().parent.parent / "locales"
"""The interface catalogs whose words opening hours use (``closed on {dates}``)."""


def cases() -> list[dict[str, Any]]:
    """Every case: lang, type, value, currency, cycle and the text expected."""
    return list(json.loads(TABLE.read_text("utf-8")))


def python_format(case: dict[str, Any]) -> str:
    """What the command line writes for ``case``."""
    value = case["value"]
    if case["type"] == "date":
        return long_date(datetime.date.fromisoformat(value), Localizer(case["lang"]))
    kind = VariableType(case["type"])
    if kind is VariableType.MONEY or kind is VariableType.PERCENTAGE:
        value = Decimal(str(value))
    elif kind is VariableType.HOURS:
        value, problems = read_hours(value)
        assert not problems, problems
    cycle = HourCycle(case["cycle"]) if case.get("cycle") else None
    interface = load_interface(LOCALES, case["lang"])
    return format_value(kind, value, Locale.parse(case["lang"]), case.get("currency"), cycle,
                        lambda message: interface.get(message, message))
