"""The typed model of the library: categories, variables, blocks and kits.

Every piece of text keeps the file and line it came from, so that validation
messages, translation catalogs and build warnings can point at the YAML.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from . import markup


class VariableType(StrEnum):
    """The kinds of value a business fills in."""

    TEXT = "text"
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    COUNT = "count"
    MONEY = "money"
    PERCENTAGE = "percentage"
    HOURS = "hours"
    WEEKDAYS = "weekdays"
    CHOICE = "choice"
    YESNO = "yesno"
    CURRENCY = "currency"


class Unit(StrEnum):
    """The unit a count variable is measured in."""

    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"
    BUSINESS_DAYS = "business_days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


class HourCycle(StrEnum):
    """How a country writes times of day: ``h23`` 09:00–18:00, ``h12`` 9:00 AM–6:00 PM."""

    H12 = "h12"
    H23 = "h23"


class Audience(StrEnum):
    """Who a clause is written for: customers (published) or staff (internal)."""

    CUSTOMERS = "customers"
    STAFF = "staff"


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday codes in CLDR order (Monday first)."""


@dataclass(frozen=True)
class Text:
    """A translatable string with the place it was written and its gettext context."""

    value: str
    line: int
    context: str
    comment: str = ""

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class OpeningHours:
    """Weekly opening hours: some weekdays, from one time to another. Several entries for
    the same day give it several ranges (a split day); a weekday no entry names is closed."""

    days: tuple[str, ...]
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class SpecialDay:
    """The hours of one date (a holiday, a late opening) instead of its weekday's: one range,
    or closed all day when ``opens`` is None. Several entries for a date give it several
    ranges."""

    date: datetime.date
    opens: datetime.time | None = None
    closes: datetime.time | None = None

    @property
    def closed(self) -> bool:
        """True when the business is closed all day on this date."""
        return self.opens is None


HoursEntry = OpeningHours | SpecialDay
"""One entry of an opening-hours value (a tuple of entries, in the order written)."""


LISTS_BRANCHES = "lists_branches"
"""The switch that holds in the business-wide document of a business with branches, the
one that ends with the table of branches (not in a branch's edition, not without branches)."""
SWITCHES = (LISTS_BRANCHES,)
"""Yes/no conditions a clause's ``when`` may use that the document sets, not the business
(``policykb.js`` sets the same): each is false unless the document says otherwise."""


@dataclass(frozen=True)
class Variable:
    """A typed value a business fills in; ``default`` is already of the right Python type."""

    name: str
    type: VariableType
    label: Text
    path: Path
    line: int
    help: Text | None = None
    default: Any = None
    unit: Unit | None = None
    currency: str | None = None
    options: dict[str, Text] = field(default_factory=dict)
    country: str | None = None
    """The field of the chosen country's profile that gives the default (``phone``,
    ``currency``...); see :data:`policykb.countries.COUNTRY_FIELDS`."""
    base_amount: Decimal | None = None
    """For a money variable in the business's currency: the amount written in the library
    (euro price level), which :meth:`Library.for_country` scales to the currency."""
    proper_name: bool = False
    """A text that holds a name (of the business, an association): it never inflects, so
    translations frame it (see :mod:`policykb.frames`)."""
    sample: bool = False
    """Its default stands for the business's own data (a name, an e-mail address, a phone
    number, an address, a web address): until the business fills it in, the builder
    highlights it and ``policykb assemble`` warns (``--strict``: refuses)."""
    is_global: bool = False
    when: tuple[Condition, ...] = ()
    """The value is asked only while these conditions hold (as a clause's ``when``): the
    builder hides the field otherwise, and no clause that uses it is shown (see
    :meth:`Library.clause_conditions`)."""
    per_branch: bool = False
    """Each branch of a business may give its own value (see :mod:`policykb.answers`)."""
    column: Text | None = None
    """A short heading for its column in the table of branches (else the label)."""


@dataclass(frozen=True)
class Condition:
    """Shows a clause only when a yes/no or choice variable has a given value."""

    variable: str
    value: bool | str
    line: int

    def holds(self, value: Any) -> bool:
        """True when ``value`` (the variable's current value) switches the clause on."""
        return bool(value == self.value)


@dataclass(frozen=True)
class Clause:
    """One template sentence or paragraph, possibly plural, conditional or a list item."""

    id: str
    text: Text
    line: int
    text_plural: Text | None = None
    count: str | None = None
    when: tuple[Condition, ...] = ()
    heading: Text | None = None
    list: str | None = None
    audience: Audience = Audience.CUSTOMERS
    """The clause's own ``audience``, else its block's."""
    notice: bool = False
    """Part of the short form of the block on a one-page counter notice."""


@dataclass(frozen=True)
class LegalWarning:
    """A check against the chosen country's law: it holds where the country has ``fact``,
    every ``when`` condition holds and, with ``below``, the first variable's value is less
    than the second's. Shown on the page, in the builder and by ``policykb assemble``."""

    id: str
    text: Text
    fact: str
    line: int
    when: tuple[Condition, ...] = ()
    below: tuple[str, str] | None = None


@dataclass(frozen=True)
class BlockRef:
    """A reference from one block or kit to another block, with its line."""

    block: str
    line: int
    optional: bool = False


@dataclass(frozen=True)
class Category:
    """A group of blocks shown on its own page."""

    id: str
    title: Text
    summary: Text
    line: int


@dataclass(frozen=True)
class Block:
    """A policy building block: why it matters, what to decide, the clauses to adopt."""

    id: str
    category: str
    path: Path
    title: Text
    summary: Text
    questions: list[Text]
    guidance: list[Text]
    variables: dict[str, Variable]
    clauses: list[Clause]
    checklist: list[Text]
    related: list[BlockRef]
    reviewed: datetime.date
    translator_notes: list[Text] = field(default_factory=list)
    warnings: list[LegalWarning] = field(default_factory=list)
    country_notes: dict[str, Text] = field(default_factory=dict)
    """Guidance for one country each, by country profile id."""
    audience: Audience = Audience.CUSTOMERS
    """The audience of clauses that do not name their own."""

    @property
    def docname(self) -> str:
        """The Sphinx document name of the block's page."""
        return f"kb/{self.category}/{self.id}"


@dataclass(frozen=True)
class Kit:
    """An ordered set of blocks that makes a complete policy for one kind of business."""

    id: str
    path: Path
    title: Text
    summary: Text
    introduction: list[Text]
    blocks: list[BlockRef]
    settings: dict[str, Any] = field(default_factory=dict)
    """Defaults the kit gives variables (already typed), by name."""
    documents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The blocks of a document (``counter-notice``...), where the kit lists them; a
    document it does not list holds each block with a clause for its audience."""

    @property
    def docname(self) -> str:
        """The Sphinx document name of the kit's page."""
        return f"kb/kits/{self.id}"


@dataclass(frozen=True)
class Authority:
    """A public body customers can turn to: its name (translated) and website."""

    name: Text
    url: str
    checked: datetime.date
    line: int


@dataclass(frozen=True)
class Statute:
    """A law: its official title, number, year and where to read it."""

    id: str
    title: str
    number: str
    year: int
    url: str
    checked: datetime.date
    line: int
    uncertain: str | None = None


@dataclass(frozen=True)
class Fact:
    """A typed statutory fact (``distance_withdrawal``: days, from, refund...), with the
    official source it was checked against and when."""

    id: str
    values: dict[str, Any]
    source: str
    checked: datetime.date
    line: int
    uncertain: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class MoneyScale:
    """How the library's amounts become amounts that make sense in one currency."""

    factor: Decimal
    step: Decimal


@dataclass(frozen=True)
class TimeZone:
    """An IANA time zone and the name customers know it by (translated)."""

    id: str
    name: Text


@dataclass(frozen=True)
class Country:
    """A country profile (``kb/countries/<id>.yaml``): defaults, formats and law."""

    id: str
    path: Path
    territory: str | None
    """The ISO 3166 code whose name CLDR gives in every language; None for 'neutral'."""
    name: Text | None
    default_for: tuple[str, ...]
    checked: datetime.date
    currency: str
    money: MoneyScale
    hour_cycle: HourCycle
    phone_code: str | None = None
    phone_example: str | None = None
    mobile_example: str | None = None
    emergency_number: str | None = None
    time_zones: tuple[TimeZone, ...] = ()
    consumer_authority: Authority | None = None
    data_protection_authority: Authority | None = None
    statutes: tuple[Statute, ...] = ()
    facts: dict[str, Fact] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each top-level key, for messages."""

    def line_of(self, key: str) -> int:
        """The line of top-level ``key`` (1 if it is not there)."""
        return self.lines.get(key, 1)


@dataclass
class Library:
    """Everything in ``kb/`` that loaded without errors."""

    root: Path
    categories: dict[str, Category] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    blocks: dict[str, Block] = field(default_factory=dict)
    kits: dict[str, Kit] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    country: Country | None = None
    """The country whose defaults the variables hold (:func:`policykb.countries.for_country`)."""

    def blocks_in(self, category: str) -> list[Block]:
        """The blocks of one category, ordered by title."""
        found = [b for b in self.blocks.values() if b.category == category]
        return sorted(found, key=lambda b: (b.title.value.casefold(), b.id))

    def variable(self, block: Block, name: str) -> Variable | None:
        """Resolve a variable name as a block sees it: its own first, then business-wide."""
        return block.variables.get(name) or self.variables.get(name)

    def clause_conditions(self, block: Block, clause: Clause) -> tuple[Condition, ...]:
        """When ``clause`` shows: its own ``when`` and the ``when`` of every variable it uses
        (:meth:`variable_conditions`), so that a value that is not asked never reaches a
        document or a page. One condition per variable and value, in order of discovery."""
        names = [condition.variable for condition in clause.when]
        for text in (clause.text, clause.text_plural):
            if text is not None:
                names += markup.parse(text.value).placeholders()
        if clause.count is not None:
            names.append(clause.count)
        found = {(condition.variable, condition.value): condition for condition in clause.when}
        for name in names:
            for condition in self.variable_conditions(block, name):
                found.setdefault((condition.variable, condition.value), condition)
        return tuple(found.values())

    def variable_conditions(self, block: Block | None, name: str) -> tuple[Condition, ...]:
        """When the variable ``name`` (as ``block`` sees it; None: business-wide) is asked:
        its ``when`` and those of the variables it names, and so on."""
        found: dict[tuple[str, bool | str], Condition] = {}
        names, seen = [name], set()
        while names:
            current = names.pop(0)
            variable = (self.variable(block, current) if block is not None
                        else self.variables.get(current))
            if current in seen or variable is None:
                continue
            seen.add(current)
            for condition in variable.when:
                found.setdefault((condition.variable, condition.value), condition)
                names.append(condition.variable)
        return tuple(found.values())

    def proper_names(self) -> frozenset[str]:
        """The placeholders, business-wide or of any block, that hold a proper name."""
        every = [*self.variables.values(),
                 *(variable for block in self.blocks.values()
                   for variable in block.variables.values())]
        return frozenset(variable.name for variable in every if variable.proper_name)

    def business_currency(self) -> Variable | None:
        """The business-wide currency variable that money without its own currency uses."""
        return next((variable for variable in self.variables.values()
                     if variable.type is VariableType.CURRENCY), None)

    def currency_of(self, variable: Variable) -> str | None:
        """The ISO code a money variable is shown in (its own, else the business's default)."""
        if variable.currency is not None:
            return variable.currency
        business = self.business_currency()
        return str(business.default) if business is not None and business.default else None

    def by_docname(self, docname: str) -> Block | Kit | None:
        """The block or kit whose page is ``docname``."""
        parts = docname.split("/")
        if len(parts) != 3 or parts[0] != "kb":
            return None
        if parts[1] == "kits":
            return self.kits.get(parts[2])
        block = self.blocks.get(parts[2])
        return block if block is not None and block.category == parts[1] else None
