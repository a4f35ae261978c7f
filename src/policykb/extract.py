"""Extract the translatable text of ``kb/`` as gettext messages.

Every message carries a ``msgctxt`` naming the block and field, ``#.`` comments
(the field, the placeholders it holds, and any note the author left for
translators) and ``#:`` its YAML file and line. A clause whose wording depends on
a count becomes a plural entry. :func:`babel_extractor` exposes the same to
``pybabel extract`` through the ``babel.extractors`` entry point ``policykb``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog

from . import markup
from .catalogs import new_catalog
from .countries import COUNTRIES_DIR
from .loader import CATEGORIES_FILE, KITS_DIR, VARIABLES_FILE, load_library
from .model import Block, Country, Kit, Library, Text, Variable, VariableType


@dataclass(frozen=True)
class KbMessage:
    """One translatable text of a kb file."""

    text: Text
    where: str
    plural: Text | None = None
    notes: tuple[str, ...] = ()
    placeholders: dict[str, str] = field(default_factory=dict)

    @property
    def comments(self) -> list[str]:
        """The ``#.`` lines a translator sees above the message."""
        lines = [self.where]
        if self.placeholders:
            shown = "; ".join(f"{{{name}}} = {meaning}"
                              for name, meaning in self.placeholders.items())
            lines.append(f"Placeholders (keep them exactly): {shown}")
        if self.plural is not None:
            lines.append("Plural: give every plural form of your language.")
        if self.text.comment:
            lines.append(f"Note: {self.text.comment}")
        lines += [f"Note: {note}" for note in self.notes]
        return lines


def _meaning(variable: Variable) -> str:
    if variable.proper_name:
        return (f"a name that never changes its form ({variable.label}): put it where your "
                "glossary's name_frames allow")
    if variable.type is VariableType.COUNT and variable.unit is not None:
        return f"a number of {variable.unit.value.replace('_', ' ')} ({variable.label})"
    kind = {
        VariableType.TEXT: "text", VariableType.EMAIL: "an e-mail address",
        VariableType.PHONE: "a phone number", VariableType.URL: "a web address",
        VariableType.MONEY: "an amount of money", VariableType.PERCENTAGE: "a percentage",
        VariableType.HOURS: "opening hours, e.g. 'Monday–Friday 9:00–18:00'",
        VariableType.WEEKDAYS: "a list of weekdays", VariableType.CHOICE: "one of the options",
        VariableType.CURRENCY: "the name of a currency",
    }.get(variable.type, variable.type.value)
    return f"{kind} ({variable.label})"


def _placeholders(library: Library, block: Block, *texts: Text | None) -> dict[str, str]:
    names: dict[str, str] = {}
    for text in texts:
        if text is None:
            continue
        for name in markup.parse(text.value).placeholders():
            variable = library.variable(block, name)
            if variable is not None:
                names[name] = _meaning(variable)
    return names


def _variable_messages(variable: Variable, owner: str, notes: tuple[str, ...] = ()
                       ) -> Iterator[KbMessage]:
    where = f"{owner}, variable '{variable.name}' ({variable.type.value})"
    yield KbMessage(variable.label, f"{where}: label shown beside the input", notes=notes)
    if variable.column is not None:
        yield KbMessage(variable.column, f"{where}: short column heading in the table of "
                                         "branches", notes=notes)
    if variable.help is not None:
        yield KbMessage(variable.help, f"{where}: help text under the input", notes=notes)
    if isinstance(variable.default, Text):
        yield KbMessage(variable.default, f"{where}: example value shown until the business "
                                          "enters its own", notes=notes)
    for code, label in variable.options.items():
        yield KbMessage(label, f"{where}: option '{code}'", notes=notes)


def block_messages(library: Library, block: Block) -> Iterator[KbMessage]:
    """The messages of one block file, in file order."""
    notes = tuple(note.value for note in block.translator_notes)
    owner = f"Block '{block.id}'"
    yield KbMessage(block.title, f"{owner}: title", notes=notes)
    yield KbMessage(block.summary, f"{owner}: one-sentence summary", notes=notes)
    for text in block.questions:
        yield KbMessage(text, f"{owner}: question the business answers first", notes=notes)
    for text in block.guidance:
        yield KbMessage(text, f"{owner}: guidance paragraph", notes=notes)
    for code, text in block.country_notes.items():
        names = {name: _meaning(variable) + f", as the profile of '{code}' gives it"
                 for name in markup.parse(text.value).placeholders()
                 if (variable := library.variable(block, name)) is not None}
        yield KbMessage(text, f"{owner}: guidance for businesses selling in '{code}' only; "
                              "write it for readers of your language who sell there",
                        notes=notes, placeholders=names)
    for variable in block.variables.values():
        yield from _variable_messages(variable, owner, notes)
    for clause in block.clauses:
        where = f"{owner}, clause '{clause.id}'"
        if clause.when:
            shown = " and ".join(f"{condition.variable} is {condition.value}"
                                 for condition in clause.when)
            where += f" (shown when {shown})"
        if clause.heading is not None:
            yield KbMessage(clause.heading, f"{owner}: heading inside the template", notes=notes)
        kind = "numbered step" if clause.list == "numbered" else "template clause"
        yield KbMessage(clause.text, f"{where}: {kind} the business publishes",
                        plural=clause.text_plural, notes=notes,
                        placeholders=_placeholders(library, block, clause.text,
                                                   clause.text_plural))
    for text in block.checklist:
        yield KbMessage(text, f"{owner}: implementation checklist item", notes=notes)
    for warning in block.warnings:
        yield KbMessage(warning.text, f"{owner}, warning '{warning.id}': shown to the business "
                                      f"where the country's law ({warning.fact}) applies",
                        notes=notes)


def kit_messages(kit: Kit) -> Iterator[KbMessage]:
    """The messages of one kit file."""
    owner = f"Kit '{kit.id}'"
    yield KbMessage(kit.title, f"{owner}: title")
    yield KbMessage(kit.summary, f"{owner}: one-sentence summary")
    for text in kit.introduction:
        yield KbMessage(text, f"{owner}: introduction paragraph")


def country_messages(country: Country) -> Iterator[KbMessage]:
    """The messages of one country profile: what pages show of it."""
    owner = f"Country profile '{country.id}'"
    if country.name is not None:
        yield KbMessage(country.name, f"{owner}: the choice in 'Where do you sell?'")
    for zone in country.time_zones:
        yield KbMessage(zone.name, f"{owner}: time zone {zone.id}, shown as the default of "
                                   "'Time zone'")
    for authority, what in ((country.consumer_authority, "consumer authority"),
                            (country.data_protection_authority, "data-protection authority")):
        if authority is not None:
            yield KbMessage(authority.name, f"{owner}: name of the {what} ({authority.url}), "
                                            "shown as a default value")


def library_messages(library: Library) -> dict[Path, list[KbMessage]]:
    """Messages per kb file (paths relative to the kb folder), files sorted."""
    files: dict[Path, list[KbMessage]] = {}
    if library.categories:
        files[Path(CATEGORIES_FILE)] = [
            message for category in library.categories.values() for message in (
                KbMessage(category.title, f"Category '{category.id}': title"),
                KbMessage(category.summary, f"Category '{category.id}': summary"))]
    if library.variables:
        files[Path(VARIABLES_FILE)] = [
            message for variable in library.variables.values()
            for message in _variable_messages(variable, "Business-wide")]
    for block in library.blocks.values():
        files[block.path.relative_to(library.root)] = list(block_messages(library, block))
    for kit in library.kits.values():
        files[Path(KITS_DIR) / f"{kit.id}.yaml"] = list(kit_messages(kit))
    for country in library.countries.values():
        files[Path(COUNTRIES_DIR) / f"{country.id}.yaml"] = list(country_messages(country))
    return dict(sorted(files.items()))


def template_catalog(messages: list[KbMessage], kb_relative: Path, domain: str) -> Catalog:
    """A template (POT) catalog for one kb file."""
    catalog = new_catalog(None, domain)
    location = (Path("kb") / kb_relative).as_posix()
    for message in messages:
        msgid: str | tuple[str, str] = message.text.value
        if message.plural is not None:
            msgid = (message.text.value, message.plural.value)
        catalog.add(msgid, string=("", "") if message.plural is not None else "",
                    locations=[(location, message.text.line)],
                    flags=("python-brace-format",) if message.placeholders else (),
                    auto_comments=message.comments, context=message.text.context)
    return catalog


def babel_extractor(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                    options: dict[str, Any]) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel extraction method ``policykb`` for kb YAML files.

    Map it in a Babel config with ``[policykb: kb/**.yaml]``; each message comes
    with its context, comments and plural form.
    """
    path = Path(os.path.abspath(str(getattr(fileobj, "name", ""))))
    kb_root = next((parent for parent in path.parents if parent.name == "kb"), path.parent)
    library = load_library(kb_root).library
    for message in library_messages(library).get(path.relative_to(kb_root), []):
        context = message.text.context
        if message.plural is not None:
            yield (message.text.line, "npgettext",
                   (context, message.text.value, message.plural.value), message.comments)
        else:
            yield (message.text.line, "pgettext", (context, message.text.value),
                   message.comments)
