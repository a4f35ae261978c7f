"""How values are written, one table for both renderers: the command line (Babel) and the
page script (``policykb.js``) write every case of ``tests/data/value_formats.json`` alike."""

from __future__ import annotations

from typing import Any

import pytest

from policykb.languages import LANGUAGE_CODES

from .conftest import wait_for_builder
from .value_formats import cases, python_format

CASES = cases()


def test_the_table_covers_every_language_and_kind_of_value() -> None:
    assert {case["lang"] for case in CASES} == set(LANGUAGE_CODES)
    assert {case["type"] for case in CASES} >= {"count", "money", "percentage", "currency",
                                                 "weekdays", "hours", "date"}


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['lang']}-{case['type']}-"
                                                         f"{case['value']}-{case.get('cycle')}")
def test_the_command_line_writes_each_case(case: dict[str, Any]) -> None:
    assert python_format(case) == case["expected"]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_page_script_writes_each_case(page: Any, published_base: str, lang: str) -> None:
    page.goto(f"{published_base}/{lang}/pages/builder.html")
    wait_for_builder(page)
    mine = [case for case in CASES if case["lang"] == lang]
    written = page.evaluate("(cases) => cases.map((c) => window.policykb.formatCase("
                            "c.type, c.value, c.currency, c.cycle || null))", mine)
    assert len(written) == len(mine)
    assert [(case["type"], case["value"], text) for case, text in zip(mine, written, strict=True)] \
        == [(case["type"], case["value"], case["expected"]) for case in mine]
    assert len(mine) > 20
