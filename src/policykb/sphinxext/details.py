"""The "Your details" panel of block, kit and builder pages, and the data its script reads.

The panel is written at build time (labels, help and messages in the page's
language, one input per variable that fits its type) and stays hidden until
``policykb.js`` runs, so a page without JavaScript shows the defaults only.
Values are kept in the browser's localStorage and never sent anywhere.
"""

from __future__ import annotations

import json
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from babel.numbers import get_currency_name, get_currency_symbol
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation, get_translator

from ..build import COUNTRIES_FOLDER, COUNTRY_DATA
from ..countries import COUNTRY_FIELDS, NEUTRAL, country_name, country_value, money_scales
from ..formatting import day_name, hours_words, number_formats
from ..hours import hours_data, is_hours
from ..i18n import Localizer
from ..languages import SOURCE_LANGUAGE
from ..model import (
    WEEKDAYS,
    Country,
    Library,
    Text,
    Unit,
    Variable,
    VariableType,
)
from .state import state

_ = get_translation("policykb")

CURRENCIES = ("PHP", "EUR", "INR", "LKR", "UAH", "USD", "GBP")
"""Currencies offered in the panel: those of the library's markets first."""
INTL_LOCALES = {"tl": "fil"}
"""Browsers know Tagalog's CLDR data as Filipino."""


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of an interface message that fits ``count`` (Sphinx's ``_`` has no plurals)."""
    return get_translator("policykb").ngettext(singular, plural, count)


def _unit_names(count: int) -> dict[Unit, str]:
    return {Unit.MINUTES: ngettext("minute", "minutes", count),
            Unit.HOURS: ngettext("hour", "hours", count),
            Unit.DAYS: ngettext("day", "days", count),
            Unit.BUSINESS_DAYS: ngettext("business day", "business days", count),
            Unit.WEEKS: ngettext("week", "weeks", count),
            Unit.MONTHS: ngettext("month", "months", count),
            Unit.YEARS: ngettext("year", "years", count)}


def unit_forms(unit: Unit, localizer: Localizer) -> list[str]:
    """The unit shown after a count input, in each plural form of the page's language."""
    return [_unit_names(count)[unit] for count in localizer.counts_by_form()]


def messages() -> dict[str, str]:
    """Messages the script shows, in the page's language."""
    return {
        "email": _("Enter an e-mail address, such as name@example.com."),
        "phone": _("Enter a phone number: digits, spaces and + ( ) - only."),
        "url": _("Enter a web address that starts with https://."),
        "count": _("Enter a whole number, 0 or more."),
        "money": _("Enter an amount, 0 or more."),
        "percentage": _("Enter a percentage from 0 to 100."),
        "hours": _("Each closing time must be after the opening time."),
        "hoursMissing": _("Enter the opening and the closing time of each range of hours."),
        "hoursOverlap": _("Two ranges of hours on the same day overlap."),
        "hoursDate": _("Enter the date of each special day."),
        "hoursDateTwice": _("List each special day only once."),
        "hoursNoDay": _("Open at least one day of the week."),
        "samples": _("Still samples, not your own details: {details}. Fill them in under "
                     "“Your details”."),
        "samplesConfirm": _("The document still shows samples where your own details belong: "
                            "{details}. Continue anyway?"),
        "copied": _("Copied."),
        "snippetCopied": _("Copied: paste it into an HTML or embed block of your website."),
        "copyFailed": _("Your browser did not allow copying; select the text instead."),
        "newVersion": _("Your document has changed since you took away version {version}; "
                        "the builder now suggests version {next}. Type another number if "
                        "you prefer."),
    }


def _json_value(value: Any, localizer: Localizer) -> Any:
    if isinstance(value, Text):
        return localizer.text(value)
    if isinstance(value, Decimal):
        return float(value)
    if is_hours(value):
        return hours_data(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def ordered_countries(library: Library, localizer: Localizer) -> list[Country]:
    """The countries to choose from: the site's first, then by name, 'another country' last."""
    locale = localizer.language.locale
    site = library.country
    return sorted(library.countries.values(), key=lambda country: (
        country is not site, country.id == NEUTRAL,
        country_name(country, locale, localizer.text).casefold()))


def country_data(country: Country, localizer: Localizer) -> dict[str, Any]:
    """A country as the script needs it: its name, clock, facts and the value it gives each
    country field (:data:`~policykb.countries.COUNTRY_FIELDS`)."""
    return {
        "name": country_name(country, localizer.language.locale, localizer.text),
        "hourCycle": country.hour_cycle.value,
        "territory": country.territory,
        "facts": {fact.id: fact.source for fact in country.facts.values()},
        "defaults": {name: _json_value(country_value(country, name), localizer)
                     for name in COUNTRY_FIELDS},
    }


def countries_script(library: Library, localizer: Localizer) -> str:
    """Every country's data in the page's language, as a script published at the site's root
    (:data:`~policykb.build.COUNTRY_DATA`): a page carries only its own country, so that no
    other country's phone numbers or authorities are written into it; this file, loaded
    before ``policykb.js``, lets a business switch country, offline too."""
    data = {country.id: country_data(country, localizer)
            for country in ordered_countries(library, localizer)}
    return (f"window.policykbCountries = "
            f"{json.dumps(data, ensure_ascii=False, sort_keys=True)};\n")


def variable_definitions(library: Library, localizer: Localizer, variables: list[Variable],
                         defaults: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each variable as the page script needs it: type, label, default (``defaults`` first),
    options, unit, country field, sample, base amount, currency and ``when``."""
    definitions = {}
    for variable in variables:
        definition: dict[str, Any] = {
            "type": variable.type.value,
            "label": localizer.text(variable.label),
            "default": _json_value(defaults.get(variable.name, variable.default), localizer),
        }
        if variable.options:
            definition["options"] = {code: localizer.text(label)
                                     for code, label in variable.options.items()}
        if variable.unit is not None:
            definition["unitForms"] = unit_forms(variable.unit, localizer)
        if variable.country is not None:
            definition["country"] = variable.country
        if variable.sample:
            definition["sample"] = True
        if variable.base_amount is not None:
            definition["base"] = float(variable.base_amount)
        if variable.when:  # asked only while these hold (as a clause's ``when``)
            definition["when"] = {condition.variable: condition.value
                                  for condition in variable.when}
        if variable.type is VariableType.MONEY:
            definition["currency"] = library.currency_of(variable)
            business = library.business_currency()
            if variable.currency is None and business is not None:
                definition["currencyVar"] = business.name
        definitions[variable.name] = definition
    return definitions


def page_data(library: Library, localizer: Localizer, variables: list[Variable],
              defaults: dict[str, Any]) -> dict[str, Any]:
    """What ``policykb.js`` needs: the language, its plural rule, each variable and the
    countries a business may choose (with the defaults each gives); ``defaults`` (a kit's
    settings) replace variables' own defaults."""
    definitions = variable_definitions(library, localizer, variables, defaults)
    lang = localizer.lang
    return {"lang": lang, "intl": INTL_LOCALES.get(lang, lang),
            "plural": localizer.plural_expr, "variables": definitions,
            "country": library.country.id if library.country else None,
            "countries": ({library.country.id: country_data(library.country, localizer)}
                          if library.country else {}),
            "currencySymbols": {code: get_currency_symbol(code, locale=localizer.language.locale)
                                for code in sorted({*CURRENCIES, *money_scales(library)})},
            "numbers": number_formats(localizer.language.locale,
                                      sorted({*CURRENCIES, *money_scales(library)})),
            "hours": hours_words(localizer.language.locale, lambda message: str(_(message))),
            "moneyScale": {code: {"factor": float(scale.factor), "step": float(scale.step)}
                           for code, scale in money_scales(library).items()},
            "yes": str(_("Yes")), "no": str(_("No")),
            "messages": {key: str(text) for key, text in messages().items()}}


class details(nodes.General, nodes.Element):
    """The panel: ``html`` holds its markup, built (and escaped) by :func:`panel_html`."""


def _field(variable: Variable, localizer: Localizer, library: Library) -> str:
    name = escape(variable.name)
    ident = f"pkb-f-{name}"
    label = escape(localizer.text(variable.label))
    help_text = escape(localizer.text(variable.help)) if variable.help else ""
    described = f"pkb-h-{name} pkb-e-{name}" if help_text else f"pkb-e-{name}"
    kind = variable.type
    common = f'id="{ident}" name="{name}" aria-describedby="{described}"'
    suffix = ""
    if kind in (VariableType.TEXT, VariableType.EMAIL, VariableType.PHONE, VariableType.URL):
        input_type = {VariableType.TEXT: "text", VariableType.EMAIL: "email",
                      VariableType.PHONE: "tel", VariableType.URL: "url"}[kind]
        control = f'<input type="{input_type}" {common} autocomplete="off">'
    elif kind is VariableType.COUNT:
        assert variable.unit is not None
        control = (f'<input type="number" min="0" max="1000000000" step="1" '
                   f'inputmode="numeric" {common}>')
        count = variable.default if isinstance(variable.default, int) else 0
        unit = _unit_names(count)[variable.unit]
        suffix = f'<span class="pkb-unit" data-unit-of="{name}">{escape(unit)}</span>'
    elif kind is VariableType.MONEY:
        control = (f'<input type="number" min="0" max="1000000000000" step="0.01" '
                   f'inputmode="decimal" {common}>')
        suffix = f'<span class="pkb-unit" data-currency-of="{name}"></span>'
    elif kind is VariableType.PERCENTAGE:
        control = (f'<input type="number" min="0" max="100" step="0.1" inputmode="decimal" '
                   f"{common}>")
        suffix = '<span class="pkb-unit">%</span>'
    elif kind in (VariableType.CHOICE, VariableType.CURRENCY):
        options = ({code: localizer.text(text) for code, text in variable.options.items()}
                   if kind is VariableType.CHOICE else
                   {code: f"{get_currency_name(code, locale=localizer.language.locale)} "
                          f"({code})" for code in CURRENCIES})
        control = f"<select {common}>" + "".join(
            f'<option value="{escape(code)}">{escape(text)}</option>'
            for code, text in options.items()) + "</select>"
    elif kind is VariableType.YESNO:
        control = f'<input type="checkbox" role="switch" {common}>'
        return (f'<div class="pkb-field pkb-field--switch" data-field="{name}">{control}'
                f'<label for="{ident}">{label}</label>{_help(name, help_text)}</div>')
    elif kind is VariableType.WEEKDAYS:
        return _fieldset(name, label, help_text, "".join(
            f'<label><input type="checkbox" name="{name}" value="{day}"> '
            f"{escape(day_name(day, localizer.language.locale))}</label>" for day in WEEKDAYS))
    else:
        return _fieldset(name, label, help_text, _hours_rows(name, localizer))
    return (f'<div class="pkb-field" data-field="{name}"><label for="{ident}">{label}</label>'
            f'<div class="pkb-input">{control}{suffix}</div>{_help(name, help_text)}</div>')


def _country_field(library: Library, localizer: Localizer) -> str:
    """"Where do you sell?": the site's country chosen until the business picks another."""
    if not library.countries:
        return ""
    options = "".join(
        f'<option value="{escape(country.id)}"'
        f'{" selected" if country is library.country else ""}>'
        f"{escape(country_name(country, localizer.language.locale, localizer.text))}</option>"
        for country in ordered_countries(library, localizer))
    label = escape(str(_("Where do you sell?")))
    help_text = escape(str(_("Your country sets the example phone numbers, the currency and "
                             "its amounts, the time zone, the authorities and how times are "
                             "written. Anything you have typed stays as it is.")))
    return (f'<div class="pkb-field pkb-country-field" data-country-field>'
            f'<label for="pkb-country">{label}</label><div class="pkb-input">'
            f'<select id="pkb-country" aria-describedby="pkb-h-country">{options}</select>'
            f'</div><p class="pkb-help" id="pkb-h-country">{help_text}</p></div>')


def _help(name: str, help_text: str) -> str:
    shown = f'<p class="pkb-help" id="pkb-h-{name}">{help_text}</p>' if help_text else ""
    return shown + f'<p class="pkb-error" id="pkb-e-{name}" role="alert" hidden></p>'


def _fieldset(name: str, label: str, help_text: str, content: str) -> str:
    return (f'<fieldset class="pkb-field" data-field="{name}"><legend>{label}</legend>'
            f'{content}{_help(name, help_text)}</fieldset>')


def _hours_rows(name: str, localizer: Localizer) -> str:
    """An opening-hours field: per weekday open or closed and one or more ranges ("Add
    hours", "Remove"), then the special days (a date, open or closed, its ranges). The
    script (the hours part of ``policykb.js``) fills the ranges and rows from the templates
    at the end; nothing here has an id, so several hours fields can share a page."""
    words = {key: escape(str(text)) for key, text in {
        "open": _("open"), "opens": _("opens"), "closes": _("closes"), "add": _("Add hours"),
        "remove": _("Remove"), "special": _("Special days"), "date": _("Date"),
        "addDate": _("Add a special day"), "removeDate": _("Remove this day"),
        "specialHelp": _("Holidays and other dates when your hours differ or you are "
                         "closed."),
    }.items()}
    days = "".join(
        f'<fieldset class="pkb-hours-day" data-day="{day}"><legend class="pkb-day">'
        f"{escape(day_name(day, localizer.language.locale))}</legend>"
        f'<label class="pkb-hours-open"><input type="checkbox" name="{name}-{day}-open"> '
        f'{words["open"]}</label><div class="pkb-hours-ranges"></div>'
        f'<button type="button" class="pkb-hours-add">{words["add"]}</button></fieldset>'
        for day in WEEKDAYS)
    special = (f'<fieldset class="pkb-hours-special"><legend>{words["special"]}</legend>'
               f'<p class="pkb-help">{words["specialHelp"]}</p>'
               f'<div class="pkb-hours-dates"></div><button type="button" '
               f'class="pkb-hours-add-date">{words["addDate"]}</button></fieldset>')
    one_range = (f'<div class="pkb-hours-range"><label><span class="pkb-hours-word">'
                 f'{words["opens"]}</span> <input type="time" class="pkb-hours-opens"></label>'
                 f'<span aria-hidden="true">–</span><label><span class="pkb-hours-word">'
                 f'{words["closes"]}</span> <input type="time" class="pkb-hours-closes">'
                 f'</label><button type="button" class="pkb-hours-remove" '
                 f'aria-label="{words["remove"]}" title="{words["remove"]}">×</button></div>')
    one_date = (f'<div class="pkb-hours-date"><label>{words["date"]} '
                f'<input type="date" class="pkb-hours-on"></label><label '
                f'class="pkb-hours-open"><input type="checkbox"> {words["open"]}</label>'
                f'<div class="pkb-hours-ranges"></div><button type="button" '
                f'class="pkb-hours-add">{words["add"]}</button><button type="button" '
                f'class="pkb-hours-remove-date">{words["removeDate"]}</button></div>')
    return (f'<div class="pkb-hours" data-hours="{name}">{days}{special}'
            f'<template class="pkb-hours-range-template">{one_range}</template>'
            f'<template class="pkb-hours-date-template">{one_date}</template></div>')


def fields_html(library: Library, localizer: Localizer, variables: list[Variable]) -> str:
    """One input (or group of inputs) for each of ``variables``, labelled, with its help."""
    return "".join(_field(variable, localizer, library) for variable in variables)


def country_field_html(library: Library, localizer: Localizer) -> str:
    """"Where do you sell?", or nothing in a library without countries."""
    return _country_field(library, localizer)


def data_script(content: dict[str, Any]) -> str:
    """``content`` as the page data ``policykb.js`` reads (``#pkb-data``)."""
    # no "<" at all inside the script element: neither "</script>" nor "<!--" can end it
    data = json.dumps(content, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f'<script type="application/json" id="pkb-data">{data}</script>'


def json_value(value: Any, localizer: Localizer) -> Any:
    """A variable's value (a default, a kit's setting) as the page script holds it."""
    return _json_value(value, localizer)


def panel_html(library: Library, localizer: Localizer, variables: list[Variable],
               defaults: dict[str, Any] | None = None) -> str:
    """The panel's markup and the page data, every value from content escaped."""
    fields = country_field_html(library, localizer) + fields_html(library, localizer,
                                                                  variables)
    content = page_data(library, localizer, variables, defaults or {})
    title = escape(str(_("Your details")))
    intro = escape(str(_("Fill in your own details: every template on this site uses them. "
                         "They are kept only in this browser and never sent anywhere.")))
    clear = escape(str(_("Clear my details")))
    return (
        '<form class="pkb-details" id="pkb-details" hidden aria-labelledby="pkb-details-title">'
        f'<h2 id="pkb-details-title">{title}</h2><p class="pkb-help">{intro}</p>{fields}'
        f'<p><button type="button" class="pkb-clear">{clear}</button></p></form>'
        f"{data_script(content)}")


def visit_details_html(self: Any, node: details) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def skip(self: Any, node: details) -> None:
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    """Add the panel node and the page script."""
    app.add_node(details, html=(visit_details_html, None), latex=(skip, None),
                 text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.connect("builder-inited", _add_countries_script)
    app.connect("build-finished", _write_countries_script)
    app.add_js_file("policykb.js", defer="defer")


def _add_countries_script(app: Sphinx) -> None:
    """Pages load the countries of their language from the site's root, before their script
    (a file in ``_static`` is the base of the path Sphinx writes)."""
    language = app.config.language or SOURCE_LANGUAGE
    app.add_js_file(f"../../{COUNTRIES_FOLDER}/{language}.js", defer="defer", priority=400)


def _write_countries_script(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    current = state(app.env)
    (Path(app.outdir) / COUNTRY_DATA).write_text(
        countries_script(current.library, current.localizer), "utf-8")
