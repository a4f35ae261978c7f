"""Country editions in the browser: each site starts with its country's defaults, a business
can pick another country without losing what it typed, and the page writes the same text
as ``policykb assemble`` for the same values and country."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import get_currency_symbol

from policykb.assemble import assemble, localizer_for
from policykb.countries import country_for_language
from policykb.loader import load_library

from .conftest import PROJECT, choose, fill, skip_browser_test, wait_for_builder
from .formats import STOPS, TIMES
from .test_web import structured_data, vnu_errors

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
NBSP = "\u00a0"
# What the online-store policy shows with no values: currency sign, phone code, the
# data-protection authority's site, a time of day; and what belongs to other countries.
SITES = {
    "en": ("€", "[Customer service phone]", "[Website of the data-protection authority]",
           "09:00–18:00"),
    "tl": ("₱", "+63 2 8123 4567", "https://privacy.gov.ph", f"9:00{NBSP}AM–6:00{NBSP}PM"),
    "el": ("€", "+30 210 123 4567", "https://www.dpa.gr", "09:00–18:00"),
    "ta": ("₹", "+91 44 2345 6789", "https://www.meity.gov.in/data-protection-framework",
           f"காலை{NBSP}9:00–அந்தி{NBSP}மாலை{NBSP}6:00"),
    "uk": ("₴", "+380 44 123 4567", "https://ombudsman.gov.ua", "09:00–18:00"),
}
FOREIGN = ["+63", "+30 ", "+91", "+380", "+357", "+94", "privacy.gov.ph", "dpa.gr",
           "ombudsman.gov.ua", "meity.gov.in"]


@pytest.fixture(scope="module")
def site(published_base: str) -> str:
    return published_base



def open_builder(page: Any, site: str, lang: str) -> None:
    page.goto(f"{site}/{lang}/pages/builder.html")
    wait_for_builder(page)
    choose(page, "#pkb-kit", "online-store")


def policy_text(page: Any) -> str:
    return str(page.evaluate("() => window.policykb.toMarkdown(true)"))


@pytest.mark.parametrize("lang", list(SITES))
def test_each_site_starts_with_its_country(page: Any, site: str, lang: str) -> None:
    open_builder(page, site, lang)
    text = policy_text(page)
    currency, phone, authority, hours = SITES[lang]
    assert currency in text and phone in text and authority in text and hours in text
    own = {part for part in FOREIGN if part in phone or part in authority}
    for foreign in set(FOREIGN) - own:
        assert foreign not in text, (lang, foreign)
    # the static page, before any script, says the same
    html = page.content()
    visible = re.sub(r'<script type="application/json" id="pkb-data">.*?</script>', "", html,
                     flags=re.S)
    for foreign in set(FOREIGN) - own:
        assert foreign not in visible, (lang, foreign)


def test_choosing_another_country_changes_the_defaults_not_typed_values(
        page: Any, site: str) -> None:
    open_builder(page, site, "el")
    assert page.input_value("#pkb-country") == "gr"
    fill(page, "#pkb-f-business_name", "Κάβα Α.Ε.")
    fill(page, "#pkb-f-contact_phone", "+30 697 000 0000")
    choose(page, "#pkb-country", "cy")
    text = policy_text(page)
    assert "+30 697 000 0000" in text and "+30 210 123 4567" not in text
    assert "https://www.dataprotection.gov.cy" in text and "https://www.dpa.gr" not in text
    assert "€" in text and "09:00–18:00" in text
    assert "δικαίωμα να υπαναχωρήσετε" in text and "εντός 14 ημερών" in text
    choose(page, "#pkb-country", "ua")
    text = policy_text(page)
    assert get_currency_symbol("UAH", locale="el") in text and "€" not in text
    assert "+30 697 000 0000" in text
    assert page.input_value("#pkb-f-currency") == "UAH"
    choose(page, "#pkb-country", "ph")
    text = policy_text(page)
    assert f"9:00{NBSP}π.μ." in text and "PHP" in text and "+30 697 000 0000" in text
    assert "μ.μ.." not in text
    assert page.input_value("#pkb-f-business_name") == "Κάβα Α.Ε."
    assert "δικαίωμα να υπαναχωρήσετε" not in text  # no such right in the Philippines
    assert "Α.Ε.." not in text
    # the choice is kept with the values, on every page
    page.goto(f"{site}/el/kb/contact/service-hours.html")
    page.wait_for_selector("#pkb-details:not([hidden])")
    assert page.input_value("#pkb-country") == "ph"
    # a currency the business picks wins over the country's
    page.goto(f"{site}/el/pages/builder.html")
    page.wait_for_selector("#pkb-details:not([hidden])")
    choose(page, "#pkb-kit", "online-store")
    choose(page, "#pkb-f-currency", "EUR")
    choose(page, "#pkb-country", "in")
    assert "€" in policy_text(page) and "₹" not in policy_text(page)


@pytest.mark.parametrize(("lang", "cycle", "text", "expected"), TIMES)
def test_times_are_written_like_the_build(page: Any, site: str, lang: str, cycle: str,
                                          text: str, expected: str) -> None:
    page.goto(f"{site}/{lang}/kb/contact/service-hours.html")
    page.wait_for_selector("#pkb-details:not([hidden])")
    country = {"h23": "gr", "h12": "ph"}[cycle]
    choose(page, "#pkb-country", country)
    assert page.evaluate("(text) => window.policykb.time(text)", text) == expected


@pytest.mark.parametrize(("value", "following", "expected"), STOPS)
def test_a_full_stop_after_a_value_is_written_once(page: Any, site: str, value: str,
                                                   following: str, expected: str) -> None:
    page.goto(f"{site}/el/kb/contact/service-hours.html")
    page.wait_for_selector("#pkb-details:not([hidden])")
    assert page.evaluate("([value, following]) => window.policykb.afterValue(value, following)",
                         [value, following]) == expected


def test_a_time_at_the_end_of_a_sentence_keeps_one_full_stop(page: Any, site: str) -> None:
    page.goto(f"{site}/el/kb/contact/service-hours.html")
    page.wait_for_selector("#pkb-details:not([hidden])")
    choose(page, "#pkb-country", "ph")  # a 12-hour clock: times end in "μ.μ."
    text = page.inner_text(".pkb-block")
    assert "μ.μ." in text and "μ.μ.." not in text


def test_a_short_online_window_in_greece_gets_a_warning_until_it_is_long_enough(
        page: Any, site: str) -> None:
    open_builder(page, site, "el")
    warning = '.pkb-kit-online-store [data-warning="return-window/shorter-than-withdrawal"]'
    assert page.is_hidden(warning)
    fill(page, "#pkb-f-return_days", "7")
    assert page.is_visible(warning)
    text = page.inner_text(warning)
    assert "μικρότερη" in text and "https://eur-lex.europa.eu/eli/dir/2011/83/oj" in text
    assert "μικρότερη" not in policy_text(page)  # a note for the business, not the policy
    fill(page, "#pkb-f-return_days", "14")
    assert page.is_hidden(warning)
    fill(page, "#pkb-f-return_days", "7")
    choose(page, "#pkb-country", "ph")  # no withdrawal right there
    assert page.is_hidden(warning)


@pytest.mark.parametrize("lang", ["el", "ta"])
def test_the_country_choice_and_warnings_have_no_serious_accessibility_violations(
        page: Any, site: str, lang: str) -> None:
    if not AXE.is_file():
        skip_browser_test("axe-core (npm)")
    page.goto(f"{site}/{lang}/kb/returns/return-window.html")
    page.wait_for_selector("#pkb-details:not([hidden])")
    choose(page, "#pkb-country", "cy")  # an EU country: the withdrawal right applies
    fill(page, "#pkb-f-return_days", "7")
    assert page.is_visible('[data-warning="return-window/shorter-than-withdrawal"]')
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{violation['id']}: {violation['help']}" for violation in result["violations"]
               if violation["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_guidance_shows_the_note_of_the_chosen_country(page: Any, site: str) -> None:
    page.goto(f"{site}/el/kb/returns/return-window.html")
    page.wait_for_selector("#pkb-details:not([hidden])")
    note = '.pkb-country-note[data-country="{}"]'
    assert page.is_visible(note.format("gr")) and page.is_hidden(note.format("cy"))
    greek = page.inner_text(note.format("gr"))
    assert greek.startswith("Ελλάδα:") and "εντός 14 ημερών" in greek and "2251/1994" in greek
    choose(page, "#pkb-country", "ua")
    assert page.is_visible(note.format("ua")) and page.is_hidden(note.format("gr"))
    assert "3153-IX" in page.inner_text(note.format("ua"))
    choose(page, "#pkb-country", "neutral")  # no note for another country
    assert page.locator(".pkb-country-note:visible").count() == 0


def test_the_command_line_writes_what_the_browser_shows(page: Any, site: str,
                                                        tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("business_name: Κάβα Λεμεσού\ncontact_phone: +357 25 123456\n", "utf-8")
    output = tmp_path / "cy.md"
    assemble(PROJECT / "kb", PROJECT / "locales", "el", output, values, "online-store", (),
             True, "cy", document_kind="customer-policy", effective=datetime.date(2027, 1, 15),
             version="1.2")
    open_builder(page, site, "el")
    choose(page, "#pkb-country", "cy")
    fill(page, "#pkb-f-business_name", "Κάβα Λεμεσού")
    fill(page, "#pkb-f-contact_phone", "+357 25 123456")
    fill(page, "#pkb-effective", "2027-01-15")
    fill(page, "#pkb-version", "1.2")
    browser = page.evaluate("() => window.policykb.toMarkdown(false)")
    assert "Χώρα: Κύπρος" in browser and "+357 25 123456" in browser
    assert browser == output.read_text("utf-8")


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_the_builder_html_is_valid_with_the_same_json_ld(page: Any, site: str, tmp_path: Path,
                                                         lang: str) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("business_name: </script> & Co\n", "utf-8")
    output = tmp_path / "cli.html"
    assemble(PROJECT / "kb", PROJECT / "locales", lang, output, values, "online-store")
    open_builder(page, site, lang)
    fill(page, "#pkb-f-business_name", "</script> & Co")
    browser = tmp_path / "browser.html"
    browser.write_text(page.evaluate("() => window.policykb.toHtml()"), "utf-8")
    assert structured_data(browser.read_text("utf-8")) == structured_data(
        output.read_text("utf-8"))
    assert structured_data(browser.read_text("utf-8"))["name"] == "</script> & Co"
    assert vnu_errors(browser) == ""
    page.once("dialog", lambda dialog: dialog.accept())  # its samples: e-mail, phone...
    with page.expect_download() as download:
        page.click(".pkb-jsonld")
    assert download.value.suggested_filename == f"online-store-customer-policy-{lang}.jsonld"
    assert json.loads(Path(download.value.path()).read_text("utf-8")) == structured_data(
        output.read_text("utf-8"))
    choose(page, "#pkb-kit", "restaurant-cafe")  # no return window: no JSON-LD
    assert page.is_hidden(".pkb-jsonld")
    assert "ld+json" not in page.evaluate("() => window.policykb.toHtml()")


@pytest.mark.parametrize("lang", ["el", "ta", "uk"])
def test_a_language_site_carries_only_its_own_country(published_site: Path, lang: str) -> None:
    library = load_library(PROJECT / "kb").library
    localizer = localizer_for(PROJECT / "locales", lang)[0]
    own = country_for_language(library, lang)
    assert own is not None
    names = {country.id: localizer.text(country.data_protection_authority.name)
             for country in library.countries.values()
             if country.data_protection_authority is not None}
    builder = (published_site / lang / "pages" / "builder.html").read_text("utf-8")
    assert names[own.id] in builder
    for other, name in names.items():
        assert other == own.id or name not in builder, (other, name)
    # no page, script or index of the language site holds another country's defaults
    for path in (published_site / lang).rglob("*"):
        if path.suffix in (".html", ".js", ".json", ".txt"):
            text = path.read_text("utf-8", errors="replace")
            assert "privacy.gov.ph" not in text and "+63" not in text, path
    # the countries a business can switch to come from the site's root
    shared = (published_site / "countries" / f"{lang}.js").read_text("utf-8")
    assert "https://privacy.gov.ph" in shared and "+63 2 8123 4567" in shared


def test_the_model_withdrawal_form_follows_the_chosen_country(page: Any, site: str) -> None:
    open_builder(page, site, "el")
    form = "Υπόδειγμα εντύπου υπαναχώρησης"
    assert form in policy_text(page)
    choose(page, "#pkb-country", "ua")
    text = policy_text(page)
    assert form not in text and "(∗)" not in text
    choose(page, "#pkb-country", "cy")
    text = policy_text(page)
    assert form in text and "(∗) Διαγράφεται ανάλογα." in text


def test_no_return_no_exchange_in_the_philippines_gets_a_warning_until_it_is_changed(
        page: Any, site: str) -> None:
    open_builder(page, site, "tl")
    warning = '.pkb-kit-online-store [data-warning="non-returnable-items/no-return-no-exchange"]'
    assert page.is_hidden(warning)
    choose(page, "#pkb-f-sale_items", "no_return")
    assert page.is_visible(warning)
    shown = page.inner_text(warning)
    assert "Department Administrative Order No. 2, series of 1993" in shown
    assert "officialgazette.gov.ph" in shown
    choose(page, "#pkb-f-sale_items", "credit_only")
    assert page.is_hidden(warning)
    choose(page, "#pkb-f-sale_items", "no_return")
    choose(page, "#pkb-country", "gr")  # no such rule in Greece
    assert page.is_hidden(warning)

