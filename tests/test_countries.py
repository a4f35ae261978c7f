"""Country profiles: validated kb data, defaults per country, amounts per currency, the
country's clock, review dates; the command line and the assembled policy use them."""

from __future__ import annotations

import datetime
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale
from babel.numbers import format_currency
from click.testing import CliRunner

from policykb.assemble import assemble
from policykb.cli import main
from policykb.countries import (
    country_for_language,
    for_country,
    scale_amount,
    stale_dates,
)
from policykb.formatting import after_value, format_time_of_day
from policykb.loader import load_library
from policykb.model import HourCycle, MoneyScale

from .conftest import PROJECT
from .formats import STOPS, TIMES

KB = PROJECT / "kb"
LOCALES = PROJECT / "locales"


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    result = load_library(KB)
    assert result.problems == []
    return result.library


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's kb folder."""
    return Path(shutil.copytree(KB, tmp_path / "kb"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.output


# -- profiles -----------------------------------------------------------------------


def test_every_site_language_has_its_country(library) -> None:  # type: ignore[no-untyped-def]
    chosen = {lang: country_for_language(library, lang).id
              for lang in ("en", "tl", "el", "ta", "uk")}
    assert chosen == {"en": "neutral", "tl": "ph", "el": "gr", "ta": "in", "uk": "ua"}
    assert sorted(library.countries) == ["cy", "gr", "in", "lk", "neutral", "ph", "ua"]


def test_every_fact_names_an_official_source_and_a_check_date(
        library) -> None:  # type: ignore[no-untyped-def]
    for country in library.countries.values():
        for fact in country.facts.values():
            assert fact.source.startswith("https://"), (country.id, fact.id)
            assert isinstance(fact.checked, datetime.date)
    assert library.countries["gr"].facts["distance_withdrawal"].values == {
        "days": 14, "from": "delivery", "refund": "same_means", "refund_days": 14,
        "model_form": True}
    assert library.countries["ua"].facts["return_proper_quality"].values["days"] == 14
    assert library.countries["ph"].facts["no_return_signs"].values == {"prohibited": True}
    uncertain = {statute.number: statute.uncertain for statute in library.countries["ua"].statutes}
    assert "martial law" in (uncertain["3153-IX"] or "")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("hour_cycle: h23", "hour_cycle: 24h", "'hour_cycle' is '24h'; expected one of: h12, h23"),
    ("    source: https://eur-lex.europa.eu/eli/dir/2011/83/oj\n",
     "", "missing field 'source' in 'facts.distance_withdrawal'"),
    ("default_for: [el]", "default_for: [uk]",
     "a language has one default country"),
    ("id: gr", "id: greece", "id 'greece' must match the file name 'gr'"),
    ("currency: {code: EUR, factor: 1, step: 5}", "currency: {code: EUR, factor: 2, step: 5}",
     "EUR is scaled by cy.yaml with another factor or step"),
])
def test_a_bad_profile_is_reported_with_file_and_line(
        kb_copy: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str,
        message: str) -> None:
    path = kb_copy / "countries" / "gr.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    monkeypatch.chdir(kb_copy.parent)
    code, output = run("validate", "--kb", "kb")
    assert code == 1
    found = [line for line in output.splitlines() if message in line]
    assert found, output
    assert found[0].startswith("kb/countries/") and found[0].split(":")[1].isdigit()
    assert "Traceback" not in output


def test_a_variable_takes_either_a_country_field_or_a_default(
        kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = kb_copy / "variables.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("    country: phone\n",
                                 "    country: phone\n    default: +30 210 000 0000\n"), "utf-8")
    monkeypatch.chdir(kb_copy.parent)
    code, output = run("validate", "--kb", "kb")
    assert code == 1
    assert "kb/variables.yaml:" in output and "give 'country' or 'default', not both" in output


# -- review dates ------------------------------------------------------------------------


def test_a_fact_checked_more_than_a_year_ago_is_due(library) -> None:  # type: ignore[no-untyped-def]
    gr = library.countries["gr"]
    checked = gr.facts["distance_withdrawal"].checked
    assert stale_dates(library, checked + datetime.timedelta(days=365)) == []
    late = stale_dates(library, checked + datetime.timedelta(days=366))
    lines = [str(problem) for problem in late if problem.path.name == "gr.yaml"]
    profile = (PROJECT / "kb" / "countries" / "gr.yaml").read_text("utf-8")
    line = profile[:profile.index("  distance_withdrawal:")].count("\n") + 1
    assert any(f":{line}: fact distance_withdrawal was last checked on" in text
               for text in lines)


def test_countries_check_fails_on_an_old_date(kb_copy: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = kb_copy / "countries" / "ua.yaml"
    text = path.read_text("utf-8")
    start = text.index("  return_proper_quality:")
    at = text.index("    checked: 2026-12-06", start)
    path.write_text(text[:at] + "    checked: 2020-01-15" + text[at + 23:], "utf-8")
    line = text[:start].count("\n") + 1
    monkeypatch.chdir(kb_copy.parent)
    code, output = run("countries", "--kb", "kb", "--check")
    assert code == 1
    assert f"kb/countries/ua.yaml:{line}: fact return_proper_quality was last checked on " \
           "2020-01-15" in output
    code, listing = run("countries", "--kb", "kb")
    assert code == 0
    assert "2020-01-15  fact return_proper_quality" in listing
    assert "uncertain: Закон України «Про захист прав споживачів» (3153-IX)" in listing


# -- amounts ----------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "factor", "step", "expected"), [
    ("25", "1", "5", "25"), ("25", "40", "50", "1000"), ("25", "30", "50", "750"),
    ("25", "120", "100", "3000"), ("5", "30", "50", "150"), ("0.5", "1", "5", "5"),
    ("0", "40", "50", "0"), ("12.4", "1", "1", "12"),
])
def test_amounts_are_scaled_and_rounded_to_the_currency_steps(
        amount: str, factor: str, step: str, expected: str) -> None:
    scale = MoneyScale(Decimal(factor), Decimal(step))
    assert scale_amount(Decimal(amount), scale) == Decimal(expected)


@pytest.mark.parametrize(("country", "limit"), [
    ("gr", "25"), ("cy", "25"), ("ph", "1000"), ("in", "1000"), ("lk", "3000"), ("ua", "750"),
])
def test_a_staff_remedy_limit_makes_sense_in_every_currency(
        library, country: str, limit: str) -> None:  # type: ignore[no-untyped-def]
    localized = for_country(library, library.countries[country])
    variable = localized.blocks["remedies-compensation"].variables["staff_remedy_limit"]
    assert variable.default == Decimal(limit)
    assert localized.variables["currency"].default == library.countries[country].currency


# -- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "cycle", "text", "expected"), TIMES)
def test_times_follow_the_country_clock(lang: str, cycle: str, text: str, expected: str) -> None:
    value = datetime.time.fromisoformat(text)
    assert format_time_of_day(value, Locale.parse(lang), HourCycle(cycle)) == expected


@pytest.mark.parametrize(("value", "following", "expected"), STOPS)
def test_a_value_ending_in_a_full_stop_never_doubles_it(value: str, following: str,
                                                        expected: str) -> None:
    assert after_value(value, following) == expected


# -- the assembled policy ------------------------------------------------------------------


def policy(tmp_path: Path, lang: str, country: str | None, values: str = "") -> str:
    output = tmp_path / f"{lang}-{country}.md"
    values_path = None
    if values:
        values_path = tmp_path / "values.yaml"
        values_path.write_text(values, "utf-8")
    assemble(KB, LOCALES, lang, output, values_path, "online-store", (), True, country)
    return output.read_text("utf-8")


def test_greek_online_store_has_euros_greek_authorities_and_24_hour_times(
        tmp_path: Path) -> None:
    text = policy(tmp_path, "el", "GR")
    assert "€" in text and "https://www.dpa.gr" in text and "+30 210 123 4567" in text
    # the privacy notice names the authority, with its address
    assert ("την προστασία δεδομένων: Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα "
            "(https://www.dpa.gr).") in text
    assert "09:00–18:00" in text and "μ.μ." not in text and "π.μ." not in text
    for other in ("privacy.gov.ph", "+63", "₱", "PHP"):
        assert other not in text


def test_ukrainian_online_store_has_hryvnias_and_ukrainian_authorities(tmp_path: Path) -> None:
    text = policy(tmp_path, "uk", "UA")
    assert format_currency(3000, "UAH", locale="uk") in text
    assert "https://ombudsman.gov.ua" in text and "+380 44 123 4567" in text
    assert ("за захистом даних: Уповноважений Верховної Ради України з прав людини "
            "(https://ombudsman.gov.ua).") in text
    assert "€" not in text and "privacy.gov.ph" not in text and "+63" not in text


def test_tamil_for_sri_lanka_has_rupees_and_sri_lankan_authorities(tmp_path: Path) -> None:
    text = policy(tmp_path, "ta", "LK")
    assert "LKR" in text and "https://www.dpa.gov.lk" in text and "+94 11 234 5678" in text
    assert "புகார் செய்யலாம்: இலங்கை தரவுப் பாதுகாப்பு அதிகாரசபை (https://www.dpa.gov.lk)." in text
    assert "₹" not in text and "privacy.gov.ph" not in text and "+63" not in text


def test_the_language_gives_the_default_country(tmp_path: Path) -> None:
    assert "₹" in policy(tmp_path, "ta", None)
    text = policy(tmp_path, "tl", None)
    assert "₱" in text and "https://privacy.gov.ph" in text and "9:00\u00a0AM" in text


def test_a_value_in_the_values_file_wins_over_the_country(tmp_path: Path) -> None:
    text = policy(tmp_path, "uk", "UA", "contact_phone: +380 50 765 4321\ncurrency: USD\n")
    assert "+380 50 765 4321" in text and "+380 44 123 4567" not in text
    assert format_currency(100, "USD", locale="uk") in text  # no longer 3 000 грн
    assert "₴" not in text


def test_a_name_ending_in_a_full_stop_ends_the_sentence_once(tmp_path: Path) -> None:
    text = policy(tmp_path, "el", "GR", "business_name: Κάβα Α.Ε.\n")
    assert "Κάβα Α.Ε." in text and "Α.Ε.." not in text


def test_an_unknown_country_is_refused_with_the_known_ones(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    code, output = run("assemble", "--kit", "online-store", "--lang", "el", "--country", "GRC",
                       "-o", str(tmp_path / "x.md"))
    assert code == 1
    assert "unknown country 'GRC'" in output and "cy, gr, in, lk, neutral, ph, ua" in output


# -- statutory clauses ----------------------------------------------------------------------


def test_the_withdrawal_right_is_stated_where_the_law_gives_it(tmp_path: Path) -> None:
    greek = policy(tmp_path, "el", "GR")
    assert "δικαίωμα να υπαναχωρήσετε" in greek and "εντός 14 ημερών" in greek
    assert "με τον ίδιο τρόπο πληρωμής" in greek  # the EU refund rule
    ukrainian = policy(tmp_path, "uk", "UA")
    assert "право відмовитися від покупки, зробленої онлайн" in ukrainian
    assert "той самий спосіб, яким Ви платили" not in ukrainian  # not the EU rule (yet)
    assert "Your legal right to withdraw" not in policy(tmp_path, "en", "PH")
    assert "Your legal right to withdraw" not in policy(tmp_path, "en", "neutral")
    english = policy(tmp_path, "en", "CY")
    assert "within 14 days of the day you receive the item" in english


MODEL_FORM = {
    "el": ["### Υπόδειγμα εντύπου υπαναχώρησης",
           "- Προς την επιχείρηση Κάβα Λεμεσού, Οδός Παραδείγματος 12, Πόλη Παραδείγματος, "
           "διεύθυνση ηλεκτρονικού ταχυδρομείου help@example.com:",
           "- Εγώ/Εμείς (∗) σας γνωστοποιώ/γνωστοποιούμε (∗) ότι υπαναχωρώ/υπαναχωρούμε (∗)",
           "- Υπογραφή καταναλωτή(-ών) (μόνο εάν το παρόν έντυπο κοινοποιείται σε χαρτί),",
           "(∗) Διαγράφεται ανάλογα."],
    "en": ["### Model withdrawal form",
           "- To Κάβα Λεμεσού, 12 Example Street, Example City, e-mail help@example.com:",
           "- Ordered on (∗)/received on (∗),", "(∗) Delete as appropriate."],
}


@pytest.mark.parametrize("lang", list(MODEL_FORM))
def test_the_model_withdrawal_form_is_in_the_online_policy_in_greece_and_cyprus_only(
        tmp_path: Path, lang: str) -> None:
    for country in ("GR", "CY"):
        text = policy(tmp_path, lang, country, "business_name: Κάβα Λεμεσού\n")
        for line in MODEL_FORM[lang]:
            assert line in text, (country, line)
        # the form comes after the right it serves, before the steps for a return
        assert text.index(MODEL_FORM[lang][0]) > text.index("14")
    for country in ("UA", "PH", "IN", "LK", "neutral"):
        text = policy(tmp_path, lang, country)
        assert MODEL_FORM[lang][0] not in text and "(∗)" not in text, country
    # a business that switches the form off does not get it
    assert "(∗)" not in policy(tmp_path, lang, "GR", "withdrawal_form: false\n")


def shop_policy(tmp_path: Path, lang: str, country: str) -> str:
    output = tmp_path / f"shop-{lang}-{country}.md"
    assemble(KB, LOCALES, lang, output, None, "small-shop", (), True, country)
    return output.read_text("utf-8")


def test_the_ukrainian_exchange_of_goods_of_proper_quality_is_a_clause_in_ukraine_only(
        tmp_path: Path) -> None:
    text = shop_policy(tmp_path, "uk", "UA")
    assert "### Ваше право на обмін за законом" in text
    assert ("Закон дає Вам право обміняти непродовольчий товар належної якості протягом "
            "14 днів, не враховуючи дня покупки") in text
    assert ("Повний перелік опубліковано за адресою "
            "https://zakon.rada.gov.ua/laws/show/172-94-%D0%BF.") in text
    for country in ("GR", "CY", "PH", "IN", "LK"):
        other = shop_policy(tmp_path, "uk", country)
        assert "Ваше право на обмін за законом" not in other and "172-94" not in other, country
    assert "non-food item of proper quality within 14 days" in shop_policy(tmp_path, "en", "UA")


def warnings_of(tmp_path: Path, lang: str, country: str, values: str) -> list[str]:
    """The warnings for ``values`` (with the business's own details: no sample warns)."""
    values_path = tmp_path / "values.yaml"
    values_path.write_text(OWN_DETAILS + values, "utf-8")
    done = assemble(KB, LOCALES, lang, tmp_path / "out.md", values_path, "online-store", (),
                    True, country)
    return done.warnings


def test_no_return_no_exchange_for_clearance_items_in_the_philippines_is_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = warnings_of(tmp_path, "tl", "PH", "sale_items: no_return\n")
    assert len(found) == 1 and found[0].startswith("non-returnable-items: Kung saan kayo "
                                                   "nagbebenta, bawal ang")
    assert "Department Administrative Order No. 2, series of 1993" in found[0]
    assert found[0].endswith("(https://www.officialgazette.gov.ph/1992/04/13/"
                             "republic-act-no-7394/)")
    assert warnings_of(tmp_path, "tl", "PH", "sale_items: credit_only\n") == []
    assert warnings_of(tmp_path, "el", "GR", "sale_items: no_return\n") == []  # not a GR rule
    monkeypatch.chdir(PROJECT)
    values = tmp_path / "values.yaml"
    values.write_text("sale_items: no_return\n", "utf-8")
    code, output = run("assemble", "--kit", "online-store", "--lang", "en", "--country", "PH",
                       "--values", str(values), "-o", str(tmp_path / "ph.md"), "--strict")
    assert code == 1 and "error: non-returnable-items: Where you sell, \"No return" in output


def test_repair_first_where_the_customer_chooses_the_remedy_is_a_warning(
        tmp_path: Path) -> None:
    for country in ("GR", "CY", "UA"):
        found = warnings_of(tmp_path, "en", country, "remedy_choice: repair_first\n")
        assert [warning.split(":")[0] for warning in found] == ["faulty-goods-warranty"]
        assert "the law lets the customer choose the remedy" in found[0]
    assert warnings_of(tmp_path, "uk", "UA", "remedy_choice: customer\n") == []
    # in the Philippines the seller may first correct the fault
    assert warnings_of(tmp_path, "en", "PH", "remedy_choice: repair_first\n") == []


# -- warnings against the country's law ------------------------------------------------------


OWN_DETAILS = """\
business_name: Lantern Store
contact_email: help@lantern.example.net
contact_phone: +30 210 555 0100
postal_address: 5 Odos Ermou, Athens
policies_url: https://lantern.example.net/policies
complaint_form_url: https://lantern.example.net/complaints
privacy_email: privacy@lantern.example.net
return_address: Returns, 5 Odos Ermou, Athens
help_url: https://lantern.example.net/help
on_call_phone: +30 690 555 0100
messaging_number: +30 690 555 0101
association_name: Hellenic Retailers
association_url: https://retailers.example.net
"""
"""The business's own details for every sample variable, so that only the law warns."""


def test_a_window_below_the_withdrawal_period_is_a_warning_and_strict_makes_it_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    values = tmp_path / "values.yaml"
    values.write_text(OWN_DETAILS + "return_days: 7\nwindow_start: delivery\n", "utf-8")
    output = tmp_path / "policy.md"
    args = ["assemble", "--kit", "online-store", "--lang", "el", "--country", "GR",
            "--values", str(values), "-o", str(output)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and output.is_file()
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1, result.output
    assert warnings[0].startswith("warning: return-window: Αυτή η προθεσμία επιστροφής είναι "
                                  "μικρότερη")
    assert warnings[0].endswith("(https://eur-lex.europa.eu/eli/dir/2011/83/oj)")
    output.unlink()
    result = CliRunner().invoke(main, [*args, "--strict"])
    assert result.exit_code == 1 and not output.exists()
    assert "error: return-window:" in result.output
    values.write_text(OWN_DETAILS + "return_days: 14\nwindow_start: delivery\n", "utf-8")
    result = CliRunner().invoke(main, [*args, "--strict"])
    assert result.exit_code == 0 and "warning: " not in result.output
    values.write_text(OWN_DETAILS + "return_days: 7\nwindow_start: delivery\n", "utf-8")
    philippines = ["assemble", "--kit", "online-store", "--lang", "tl", "--country", "PH",
                   "--values", str(values), "-o", str(output), "--strict"]
    assert CliRunner().invoke(main, philippines).exit_code == 0  # no such rule there


def test_store_credit_for_a_distance_sale_in_the_eu_is_a_warning(tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text(OWN_DETAILS + "window_start: delivery\n"
                      "refund_to: credit_for_change_of_mind\n", "utf-8")
    done = assemble(KB, LOCALES, "en", tmp_path / "cy.md", values, "online-store", (), True,
                    "cy")
    assert [warning.split(":")[0] for warning in done.warnings] == ["refund-method"]
    done = assemble(KB, LOCALES, "en", tmp_path / "ua.md", values, "online-store", (), True,
                    "ua")
    assert done.warnings == []  # Ukraine's refund rule is not the EU's (yet)


def test_a_country_note_for_an_unknown_country_or_with_a_plain_placeholder_is_reported(
        kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = kb_copy / "returns" / "return-window.yaml"
    text = path.read_text("utf-8")
    text = text.replace("  lk: We know of", "  lkx: We know of")
    text = text.replace("  ph: Shops may not", "  ph: Within {return_days} days, shops may not")
    path.write_text(text, "utf-8")
    monkeypatch.chdir(kb_copy.parent)
    code, output = run("validate", "--kb", "kb")
    assert code == 1
    assert "country note for unknown country 'lkx' (did you mean 'lk'?)" in output
    assert "placeholder {return_days} in a country note must name a variable whose default " \
           "comes from the country" in output
    assert all(line.startswith("kb/returns/return-window.yaml:")
               for line in output.splitlines() if "country note" in line)


@pytest.mark.parametrize(("lang", "country", "number"), [
    ("tl", "PH", "911"), ("el", "GR", "112"), ("uk", "UA", "112"), ("ta", "LK", "1990")])
def test_the_allergy_policy_gives_the_country_emergency_number(tmp_path: Path, lang: str,
                                                                country: str, number: str) -> None:
    path = tmp_path / "allergens.md"
    code, output = run("assemble", "--blocks", "allergen-information", "--lang", lang,
                       "--country", country, "-o", str(path))
    assert code == 0, output
    text = path.read_text("utf-8")
    assert f" {number}" in text
    assert not {"112", "911", "1990"} - {number} & set(text.replace(".", " ").split())


def test_philippine_price_rules_are_warnings_where_a_choice_breaks_them(tmp_path: Path) -> None:
    found = warnings_of(tmp_path, "en", "PH", "shelf_price_rule: unless_obvious\n")
    assert [warning.split(":")[0] for warning in found] == ["pricing-errors"]
    assert "buyers pay the lower price" in found[0]
    found = warnings_of(tmp_path, "tl", "PH", "sold_out_rule: stocks_last\n")
    assert [warning.split(":")[0] for warning in found] == ["sales-promotions"]
    assert found[0].endswith("(https://www.dti.gov.ph/dti/index.php?p=754)")
    both = "shelf_price_rule: unless_obvious\nsold_out_rule: stocks_last\n"
    assert warnings_of(tmp_path, "el", "GR", both) == []  # no such rule in the GR profile
    assert warnings_of(tmp_path, "tl", "PH", "shelf_price_rule: lower_price\n") == []
