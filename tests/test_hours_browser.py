"""The opening-hours field of the builder, in Debian's Chromium on the published site: a split
day, closed days and special days typed with the buttons give the document `policykb
assemble` writes for the same values; messages in the page's language; keyboard; 360 px."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from policykb.assemble import assemble
from policykb.languages import LANGUAGE_CODES

from .conftest import PROJECT, choose, show_step, wait_for_builder

FIELD = '[data-field="opening_hours"]'
EFFECTIVE, VERSION = "2027-01-15", "1.2"
WORKDAYS = ["mon", "tue", "wed", "thu", "fri"]
TYPED = [{"days": WORKDAYS, "opens": "09:00", "closes": "14:30"},
         {"days": WORKDAYS, "opens": "17:30", "closes": "21:00"},
         {"days": ["sat"], "opens": "10:00", "closes": "14:00"},
         {"date": "2026-12-24", "opens": "09:00", "closes": "13:00"},
         {"date": "2026-12-25", "closed": True}]
"""What the steps of :func:`type_split_days` enter, as the field reads it."""


def open_builder(page: Any, base: str, lang: str, kit: str = "small-shop") -> None:
    page.goto(f"{base}/{lang}/pages/builder.html")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    wait_for_builder(page)
    choose(page, "#pkb-kit", kit)
    show_step(page, 3)  # the details, every group open


def day(name: str, field: str = FIELD) -> str:
    return f'{field} .pkb-hours-day[data-day="{name}"]'


def type_split_days(page: Any) -> None:
    """Monday to Friday 09:00–14:30 and 17:30–21:00, Saturday as it was (10:00–14:00),
    Sunday opened and closed again, 24 December 09:00–13:00 and closed on 25 December:
    with the field's buttons."""
    for name in WORKDAYS:
        page.fill(f"{day(name)} .pkb-hours-range >> nth=0 >> .pkb-hours-closes", "14:30")
        page.click(f"{day(name)} .pkb-hours-add")
        assert page.evaluate("() => document.activeElement.className") == "pkb-hours-opens"
        page.fill(f"{day(name)} .pkb-hours-range >> nth=1 >> .pkb-hours-opens", "17:30")
        page.fill(f"{day(name)} .pkb-hours-range >> nth=1 >> .pkb-hours-closes", "21:00")
    page.check(f'{day("sun")} .pkb-hours-open input')  # opens with Saturday's range
    assert page.input_value(f'{day("sun")} .pkb-hours-opens') == "10:00"
    page.uncheck(f'{day("sun")} .pkb-hours-open input')
    assert page.is_hidden(f'{day("sun")} .pkb-hours-ranges')
    page.click(f"{FIELD} .pkb-hours-add-date")
    page.fill(f"{FIELD} .pkb-hours-date >> nth=0 >> .pkb-hours-on", "2026-12-24")
    page.check(f"{FIELD} .pkb-hours-date >> nth=0 >> .pkb-hours-open input")
    page.fill(f"{FIELD} .pkb-hours-date >> nth=0 >> .pkb-hours-opens", "09:00")
    page.fill(f"{FIELD} .pkb-hours-date >> nth=0 >> .pkb-hours-closes", "13:00")
    page.click(f"{FIELD} .pkb-hours-add-date")
    page.fill(f"{FIELD} .pkb-hours-date >> nth=1 >> .pkb-hours-on", "2026-12-25")


@pytest.mark.parametrize(("lang", "sentence"), [
    ("el", "Επισκεφθείτε μας: Δευτέρα–Παρασκευή 09:00–14:30 και 17:30–21:00, Σάββατο "
           "10:00–14:00 (24 Δεκεμβρίου: 09:00–13:00, κλειστά στις 25 Δεκεμβρίου)."),
    ("ta", "திங்கள்–வெள்ளி காலை 9:00–பிற்பகல் 2:30 மற்றும் மாலை 5:30–இரவு 9:00, சனி காலை "
           "10:00–பிற்பகல் 2:00 (24 டிசம்பர் அன்று காலை 9:00–மதியம் 1:00, 25 டிசம்பர் அன்று "
           "விடுமுறை) நேரத்தில் எங்களிடம் வரவும்."),
])
def test_a_split_day_typed_in_the_builder_is_what_assemble_writes(
        page: Any, published_base: str, tmp_path: Path, lang: str, sentence: str) -> None:
    open_builder(page, published_base, lang)
    type_split_days(page)
    assert page.inner_text("#pkb-e-opening_hours") == ""
    assert page.evaluate("() => window.policykb.valueOf('opening_hours')") == TYPED
    shown = page.evaluate("([effective, version]) => window.policykb.markdownOf("
                          "window.policykb.buildDocument('small-shop', 'customer-policy', "
                          "effective, version))", [EFFECTIVE, VERSION])
    values = tmp_path / "answers.yaml"
    values.write_text(json.dumps({"opening_hours": TYPED}), "utf-8")  # JSON is YAML
    output = tmp_path / "policy.md"
    assemble(PROJECT / "kb", PROJECT / "locales", lang, output, values, "small-shop",
             document_kind="customer-policy", effective=datetime.date.fromisoformat(EFFECTIVE),
             version=VERSION)
    assert shown == output.read_text("utf-8")
    assert sentence in shown.replace("\u00a0", " ")
    page.reload()  # the value stays in the browser and fills the field again
    wait_for_builder(page)
    assert page.locator(f'{day("mon")} .pkb-hours-range').count() == 2
    assert page.is_hidden(f'{day("sun")} .pkb-hours-ranges')
    assert page.locator(f"{FIELD} .pkb-hours-date").count() == 2
    assert not page.is_checked(f"{FIELD} .pkb-hours-date >> nth=1 >> .pkb-hours-open input")


def test_hours_problems_are_named_in_the_page_language(page: Any, published_base: str) -> None:
    open_builder(page, published_base, "uk")
    error = "#pkb-e-opening_hours"
    before = page.inner_text(".pkb-document")
    page.click(f'{day("mon")} .pkb-hours-add')
    page.fill(f'{day("mon")} .pkb-hours-range >> nth=1 >> .pkb-hours-opens', "17:00")
    assert page.inner_text(error) == "Укажіть час початку і час закінчення кожного проміжку " \
                                     "роботи."
    page.fill(f'{day("mon")} .pkb-hours-range >> nth=1 >> .pkb-hours-closes', "20:00")
    assert page.inner_text(error) == "Два проміжки роботи одного дня перетинаються."
    assert page.get_attribute(f'{day("mon")} .pkb-hours-opens >> nth=0', "aria-invalid") == "true"
    assert page.inner_text(".pkb-document") == before  # the last valid value stays
    page.click(f'{day("mon")} .pkb-hours-range >> nth=1 >> .pkb-hours-remove')
    assert page.inner_text(error) == ""
    page.click(f"{FIELD} .pkb-hours-add-date")
    page.check(f"{FIELD} .pkb-hours-date .pkb-hours-open input")
    page.fill(f"{FIELD} .pkb-hours-date .pkb-hours-opens", "10:00")
    page.fill(f"{FIELD} .pkb-hours-date .pkb-hours-closes", "12:00")
    assert page.inner_text(error) == "Укажіть дату кожного особливого дня."
    page.click(f"{FIELD} .pkb-hours-remove-date")
    for name in ("mon", "tue", "wed", "thu", "fri", "sat"):
        if page.is_checked(f"{day(name)} .pkb-hours-open input"):
            page.uncheck(f"{day(name)} .pkb-hours-open input")
    assert page.inner_text(error) == "Позначте принаймні один робочий день тижня."


def tab_to_class(page: Any, name: str) -> None:
    """Press Tab until the element with the focus has class ``name``."""
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.className") == name:
            return
    pytest.fail(f".{name} cannot be reached with Tab")


def test_the_hours_field_works_by_keyboard(page: Any, published_base: str) -> None:
    open_builder(page, published_base, "en")
    page.focus(f'{day("sun")} .pkb-hours-open input')
    page.keyboard.press("Space")  # Sunday opens with Saturday's hours
    for _ in range(12):  # through the time fields and Remove to "Add hours"
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('[data-day]')?.dataset.day "
                         "=== 'sun' && document.activeElement.textContent === 'Add hours'"):
            break
    else:
        pytest.fail("Sunday's 'Add hours' cannot be reached with Tab")
    page.keyboard.press("Enter")  # a new range; its opening time has the focus
    page.keyboard.type("0300P")
    tab_to_class(page, "pkb-hours-closes")  # Tab moves through the time's fields first
    page.keyboard.type("0600P")
    sunday = [entry for entry in page.evaluate("() => window.policykb.valueOf('opening_hours')")
              if "sun" in entry.get("days", [])]
    assert [(entry["opens"], entry["closes"]) for entry in sunday] == [("10:00", "14:00"),
                                                                       ("15:00", "18:00")]
    tab_to_class(page, "pkb-hours-remove")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Remove"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.textContent") == "Add hours"
    assert "Saturday–Sunday 10:00" in page.evaluate("() => window.policykb.format("
                                                    "'opening_hours')").replace("\u00a0", " ")


def test_two_hours_fields_on_one_page_keep_their_own_values(page: Any,
                                                            published_base: str) -> None:
    open_builder(page, published_base, "en")
    phone = '[data-field="phone_hours"]'
    assert page.is_hidden(phone)  # asked only when the phone has hours of its own ('when')
    choose(page, "#pkb-f-phone_hours_mode", "different")
    assert page.is_visible(phone)
    before = page.evaluate("() => window.policykb.valueOf('opening_hours')")
    page.click(f"{day('mon', phone)} .pkb-hours-add")
    page.fill(f"{day('mon', phone)} .pkb-hours-range >> nth=1 >> .pkb-hours-opens", "18:00")
    page.fill(f"{day('mon', phone)} .pkb-hours-range >> nth=1 >> .pkb-hours-closes", "19:00")
    assert page.locator(f'{day("mon")} .pkb-hours-range').count() == 1
    assert page.evaluate("() => window.policykb.valueOf('opening_hours')") == before
    assert page.evaluate("() => window.policykb.valueOf('phone_hours')")[-1] == {
        "days": ["mon"], "opens": "18:00", "closes": "19:00"}


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_hours_field_fits_a_360_px_phone(browser: Any, published_base: str,
                                             lang: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        open_builder(page, published_base, lang)
        page.click(f'{day("mon")} .pkb-hours-add')
        page.click(f"{FIELD} .pkb-hours-add-date")
        page.check(f"{FIELD} .pkb-hours-date .pkb-hours-open input")
        page.click(f"{FIELD} .pkb-hours-date .pkb-hours-add")
        overflow = page.eval_on_selector(FIELD, """(field) =>
            [field, ...field.querySelectorAll('*')]
            .filter((element) => element.getClientRects().length)
            .filter((element) => element.getBoundingClientRect().right > window.innerWidth
                                 || element.getBoundingClientRect().left < 0)
            .map((element) => element.outerHTML.slice(0, 80))""")
        assert overflow == [], (lang, overflow)
        assert page.eval_on_selector(FIELD, "(field) => field.scrollWidth <= field.clientWidth")
    finally:
        context.close()
