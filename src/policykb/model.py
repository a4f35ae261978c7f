"""The typed model of the library: categories, variables, blocks and kits.

Every piece of text keeps the file and line it came from, so that validation
messages, translation catalogs and build warnings can point at the YAML.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


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
    """One line of opening hours: some weekdays, from one time to another."""

    days: tuple[str, ...]
    opens: datetime.time
    closes: datetime.time


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
    proper_name: bool = False
    """A text that holds a name (of the business, an association): it never inflects, so
    translations frame it (see :mod:`policykb.frames`)."""
    is_global: bool = False


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

    @property
    def docname(self) -> str:
        """The Sphinx document name of the kit's page."""
        return f"kb/kits/{self.id}"


@dataclass
class Library:
    """Everything in ``kb/`` that loaded without errors."""

    root: Path
    categories: dict[str, Category] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    blocks: dict[str, Block] = field(default_factory=dict)
    kits: dict[str, Kit] = field(default_factory=dict)

    def blocks_in(self, category: str) -> list[Block]:
        """The blocks of one category, ordered by title."""
        found = [b for b in self.blocks.values() if b.category == category]
        return sorted(found, key=lambda b: (b.title.value.casefold(), b.id))

    def variable(self, block: Block, name: str) -> Variable | None:
        """Resolve a variable name as a block sees it: its own first, then business-wide."""
        return block.variables.get(name) or self.variables.get(name)

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
