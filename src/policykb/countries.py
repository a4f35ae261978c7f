"""Country profiles: the defaults, formats and law of the countries where a business sells.

``kb/countries/<id>.yaml`` holds one profile each (checked against
``country.schema.json``). A site language has a default country (``default_for``);
a business may choose another. :func:`for_country` gives the library as that
country sees it: phone numbers, currency, time zone and authorities from the
profile, amounts scaled to its currency. Every statutory fact carries its source
and the day it was checked; :func:`stale_dates` finds those due for a review.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel import Locale

from .model import (
    Authority,
    Country,
    Fact,
    HourCycle,
    LegalWarning,
    Library,
    MoneyScale,
    Statute,
    Text,
    TimeZone,
    Variable,
    VariableType,
)
from .problems import Problem
from .yamlfile import JsonPath, YamlDocument

COUNTRIES_DIR = "countries"
NEUTRAL = "neutral"
REVIEW_AFTER_DAYS = 365
"""A fact checked longer ago than this is due for a review (``policykb countries --check``)."""

COUNTRY_FIELDS: dict[str, VariableType] = {
    "currency": VariableType.CURRENCY,
    "phone": VariableType.PHONE,
    "mobile_phone": VariableType.PHONE,
    "time_zone": VariableType.TEXT,
    "consumer_authority": VariableType.TEXT,
    "consumer_authority_url": VariableType.URL,
    "data_protection_authority": VariableType.TEXT,
    "data_protection_authority_url": VariableType.URL,
    "distance_withdrawal": VariableType.YESNO,
    "distance_withdrawal_days": VariableType.COUNT,
    "distance_withdrawal_same_means": VariableType.YESNO,
    "distance_withdrawal_form": VariableType.YESNO,
    "proper_quality_exchange": VariableType.YESNO,
    "proper_quality_exchange_days": VariableType.COUNT,
    "proper_quality_exchange_exceptions": VariableType.URL,
    "consumer_chooses_remedy": VariableType.YESNO,
    "emergency_number": VariableType.TEXT,
}
"""What a variable's ``country:`` may name, and the variable type it fills."""

DEFAULT_SCALE = MoneyScale(Decimal(1), Decimal(1))
"""A currency no profile declares (USD, GBP): the library's amounts, in whole units."""


def _date(value: Any) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def read_country(doc: YamlDocument) -> Country:
    """The profile in ``doc`` (already valid against ``country.schema.json``)."""
    data = doc.data
    ident = data["id"]
    ctx = f"country/{ident}"

    def text(path: JsonPath, context: str, comment: str = "") -> Text:
        return Text(doc.data_at(path), doc.line(path), f"{ctx}/{context}", comment)

    def authority(key: str, what: str) -> Authority | None:
        if key not in data:
            return None
        entry = data[key]
        return Authority(text((key, "name"), key, f"The official name of {what}; use its "
                                                  "official form in your language where one "
                                                  "exists."),
                         entry["url"], _date(entry["checked"]), doc.line((key,)))

    phone = data.get("phone", {})
    facts = {
        name: Fact(name, {key: value for key, value in entry.items()
                          if key not in ("source", "checked", "uncertain", "note")},
                   entry["source"], _date(entry["checked"]), doc.line(("facts", name)),
                   entry.get("uncertain"), entry.get("note"))
        for name, entry in data.get("facts", {}).items()}
    statutes = tuple(
        Statute(entry["id"], entry["title"], entry["number"], entry["year"], entry["url"],
                _date(entry["checked"]), doc.line(("statutes", index)), entry.get("uncertain"))
        for index, entry in enumerate(data.get("statutes", [])))
    zones = tuple(
        TimeZone(entry["id"], text(("time_zones", index, "name"), f"time_zone/{entry['id']}",
                                   "The time zone as customers name it, with its offset from "
                                   "UTC."))
        for index, entry in enumerate(data.get("time_zones", [])))
    return Country(
        id=ident,
        path=doc.path,
        territory=data.get("country"),
        name=text(("name",), "name", "The choice for a business whose country has no profile.")
        if "name" in data else None,
        default_for=tuple(data.get("default_for", ())),
        checked=_date(data["checked"]),
        currency=data["currency"]["code"],
        money=MoneyScale(Decimal(str(data["currency"]["factor"])),
                         Decimal(str(data["currency"]["step"]))),
        hour_cycle=HourCycle(data["hour_cycle"]),
        phone_code=phone.get("code"),
        phone_example=phone.get("example"),
        mobile_example=phone.get("mobile_example"),
        emergency_number=phone.get("emergency"),
        time_zones=zones,
        consumer_authority=authority("consumer_authority", "the consumer authority"),
        data_protection_authority=authority("data_protection_authority",
                                            "the data-protection authority"),
        statutes=statutes,
        facts=facts,
        lines={key: doc.line((key,)) for key in data},
    )


def check_countries(library: Library) -> list[Problem]:
    """What no schema sees: the file name, one default country per language, a currency
    scaled the same way by every profile that uses it, a real territory code."""
    problems = []
    languages: dict[str, Country] = {}
    scales: dict[str, Country] = {}
    english = Locale("en")
    for country in library.countries.values():
        if country.path.stem != country.id:
            problems.append(Problem(country.path, country.line_of("id"),
                                    f"id '{country.id}' must match the file "
                                                     f"name '{country.path.stem}'"))
        if country.territory is None and country.name is None:
            problems.append(Problem(country.path, 1, "give 'country' (an ISO 3166 code) or, "
                                                     "for a profile of no country, 'name'"))
        if country.territory is not None and country.territory not in english.territories:
            problems.append(Problem(country.path, country.line_of("country"),
                                    f"'{country.territory}' is not an ISO 3166 country code"))
        for lang in country.default_for:
            if lang in languages:
                problems.append(Problem(country.path, country.line_of("default_for"),
                                        f"'{lang}' already defaults to "
                                                         f"'{languages[lang].id}'; a language "
                                                         "has one default country"))
            languages[lang] = country
        first = scales.setdefault(country.currency, country)
        if first.money != country.money:
            problems.append(Problem(country.path, country.line_of("currency"),
                                    f"{country.currency} is scaled by "
                                                     f"{first.path.name} with another factor "
                                                     "or step; amounts in one currency must "
                                                     "be the same in every profile"))
    return problems


def country_for_language(library: Library, lang: str) -> Country | None:
    """The country a site in ``lang`` shows until a business picks one."""
    return next((country for country in library.countries.values()
                 if lang in country.default_for), library.countries.get(NEUTRAL))


def country_name(country: Country, locale: Locale, localizer_text: Any) -> str:
    """The country's name in ``locale`` (CLDR), or the neutral profile's translated name."""
    if country.territory is not None:
        return str(locale.territories.get(country.territory, country.territory))
    assert country.name is not None
    return str(localizer_text(country.name))


def money_scales(library: Library) -> dict[str, MoneyScale]:
    """The scale of every currency a profile declares."""
    return {country.currency: country.money for country in library.countries.values()}


def scale_amount(amount: Decimal, scale: MoneyScale) -> Decimal:
    """``amount`` (written at the library's price level) in a currency: times its factor,
    rounded to its step; a positive amount never becomes 0."""
    steps = (amount * scale.factor / scale.step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if amount > 0 and steps == 0:
        steps = Decimal(1)
    return steps * scale.step


def money_default(library: Library, variable: Variable, currency: str | None) -> Any:
    """A money variable's default in ``currency``; amounts in their own currency stay."""
    if variable.base_amount is None or currency is None:
        return variable.default
    return scale_amount(variable.base_amount, money_scales(library).get(currency,
                                                                        DEFAULT_SCALE))


def country_value(country: Country, name: str) -> Any:
    """The value of ``name`` (one of :data:`COUNTRY_FIELDS`) in the profile, or None."""
    if name == "currency":
        return country.currency
    if name == "phone":
        return country.phone_example
    if name == "mobile_phone":
        return country.mobile_example
    if name == "emergency_number":
        return country.emergency_number
    if name == "time_zone":
        return country.time_zones[0].name if country.time_zones else None
    if name.startswith("distance_withdrawal"):
        fact = country.facts.get("distance_withdrawal")
        if name == "distance_withdrawal_days":
            return fact.values["days"] if fact else None
        if name == "distance_withdrawal_same_means":
            return fact is not None and fact.values["refund"] == "same_means"
        if name == "distance_withdrawal_form":
            return fact is not None and bool(fact.values.get("model_form"))
        return fact is not None
    if name.startswith("proper_quality_exchange"):
        fact = country.facts.get("return_proper_quality")
        if name == "proper_quality_exchange_days":
            return fact.values["days"] if fact else None
        if name == "proper_quality_exchange_exceptions":
            return fact.values["exceptions"] if fact else None
        return fact is not None
    if name == "consumer_chooses_remedy":
        fact = country.facts.get("faulty_goods")
        return fact is not None and fact.values.get("chooser") == "consumer"
    found = (country.consumer_authority if name.startswith("consumer")
             else country.data_protection_authority)
    if found is None:
        return None
    return found.url if name.endswith("_url") else found.name


def for_country(library: Library, country: Country | None) -> Library:
    """The library with the defaults of ``country``: values from its profile, amounts in
    its currency. Without a country (a library with no profiles) it is unchanged."""
    if country is None:
        return library
    currency = country.currency

    def localized(variable: Variable) -> Variable:
        if variable.country is not None:
            return dataclasses.replace(variable, default=country_value(country,
                                                                       variable.country))
        if variable.base_amount is not None:
            return dataclasses.replace(variable, default=money_default(library, variable,
                                                                       currency))
        return variable

    blocks = {ident: dataclasses.replace(block, variables={
        name: localized(variable) for name, variable in block.variables.items()})
        for ident, block in library.blocks.items()}
    return dataclasses.replace(
        library, variables={name: localized(variable)
                            for name, variable in library.variables.items()},
        blocks=blocks, country=country)


def dated_entries(country: Country) -> list[tuple[str, datetime.date, int]]:
    """Everything in a profile that carries a check date: (what, date, line)."""
    entries = [("profile", country.checked, country.line_of("checked"))]
    for key, found in (("consumer_authority", country.consumer_authority),
                       ("data_protection_authority", country.data_protection_authority)):
        if found is not None:
            entries.append((key, found.checked, found.line))
    entries += [(f"statute {statute.id}", statute.checked, statute.line)
                for statute in country.statutes]
    entries += [(f"fact {fact.id}", fact.checked, fact.line) for fact in country.facts.values()]
    return entries


def stale_dates(library: Library, today: datetime.date) -> list[Problem]:
    """A problem for every check date more than :data:`REVIEW_AFTER_DAYS` before ``today``
    (or after it), with its file and line."""
    problems = []
    for country in library.countries.values():
        for what, checked, line in dated_entries(country):
            age = (today - checked).days
            if age > REVIEW_AFTER_DAYS:
                problems.append(Problem(country.path, line, f"{what} was last checked on "
                                                            f"{checked.isoformat()}, {age} days "
                                                            "ago: check it against its source "
                                                            "and update 'checked'"))
            elif age < 0:
                problems.append(Problem(country.path, line, f"{what}: 'checked' "
                                                            f"{checked.isoformat()} is in the "
                                                            "future"))
    return sorted(problems)


def warning_holds(warning: LegalWarning, country: Country | None,
                  value_of: Callable[[str], Any]) -> bool:
    """True when ``warning`` applies: the country has its fact, every ``when`` condition
    holds and, with ``below``, the value is less than the minimum (``policykb.js`` applies
    the same rule in the browser)."""
    if country is None or warning.fact not in country.facts:
        return False
    if not all(condition.holds(value_of(condition.variable)) for condition in warning.when):
        return False
    if warning.below is None:
        return True
    value, minimum = (value_of(name) for name in warning.below)
    return value is not None and minimum is not None and value < minimum
