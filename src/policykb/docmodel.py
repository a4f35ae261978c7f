"""What a document holds: the one definition the command line and the browser both render.

:func:`kit_model` turns a kit (or chosen blocks) in one language into plain data: each
block with its title and the documents it goes in, its clauses grouped under their
headings (a "For staff" part where staff rules follow customer clauses), consecutive
clauses of one list style as one run, each clause with its conditions (``when``), the
documents it belongs in and its translated text (every plural form, with the rule that
picks one) as segments: literal text, placeholders and their styles, already parsed
from the library's markup; and the per-branch variables a table of branches may show
(``branchVariables``, :func:`branch_variables`). :func:`frame_model` gives the words of a
document's frame in the language, the branch's frame line and the table's heading and
first header among them. The build writes both into the builder page (``policykb.js`` renders
them); ``policykb assemble`` renders the same data (:mod:`policykb.assemble`). What
remains for a renderer is to hold the values against ``when``, pick the plural form,
format the values (``tests/data/value_formats.json`` is the table both pass) and write
Markdown or HTML.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from babel.core import Locale
from babel.dates import format_date

from . import documents, markup
from .i18n import Localizer
from .model import Audience, Block, Clause, Kit, Library, Text, Variable

FOR_STAFF = "For staff"
"""The heading of staff rules among customer clauses; the site's label (policykb.po)."""

Data = dict[str, Any]


def segments(value: str, library: Library, localizer: Localizer) -> list[Data]:
    """Library markup as segments: ``{"t": text}`` or ``{"v": name}``, with ``"style"``
    (``strong`` or ``em``) when styled; a link to a block becomes its title."""
    found: list[Data] = []
    for segment in markup.parse(value).segments:
        if isinstance(segment, markup.Literal):
            found.append({"t": segment.text})
        elif isinstance(segment, markup.Placeholder):
            found.append({"v": segment.name})
        elif isinstance(segment, markup.Styled):
            found += [({"t": part.text} if isinstance(part, markup.Literal)
                       else {"v": part.name}) | {"style": segment.style}
                      for part in segment.children]
        elif segment.name == "block" and segment.target in library.blocks:
            title = localizer.text(library.blocks[segment.target].title)
            found.append({"t": markup.plain_text(title)})
        else:
            found.append({"t": segment.target})
    return found


def text_model(text: Text, library: Library, localizer: Localizer) -> Data:
    """A library text in the language: ``{"s": segments}``, and ``"en": true`` when the
    English is shown for want of a translation."""
    found: Data = {"s": segments(localizer.text(text), library, localizer)}
    if not localizer.is_translated(text):
        found["en"] = True
    return found


def plain(text: str) -> Data:
    """Text with no markup and no placeholder (an interface message)."""
    return {"s": [{"t": text}]}


def _clause(block: Block, clause: Clause, library: Library, localizer: Localizer) -> Data:
    found: Data = {"id": clause.id,
                   "when": {condition.variable: condition.value
                            for condition in library.clause_conditions(block, clause)},
                   "documents": [str(kind) for kind in documents.DocumentKind
                                 if documents.holds(kind, block, clause)]}
    if clause.count is None or clause.text_plural is None:
        found["text"] = text_model(clause.text, library, localizer)
        return found
    found["count"] = clause.count
    found["forms"] = [{"s": segments(form, library, localizer)}
                      for form in localizer.plural_forms(clause.text, clause.text_plural)]
    if not localizer.is_translated(clause.text):
        found["en"] = True  # English forms, English's rule
    return found


@dataclass
class Group:
    """Clauses of a block under one heading: the clause's own ``heading``, the "For staff"
    part (``for_staff``) where staff rules follow customer clauses, or none; in runs of one
    list style (``None``: paragraphs)."""

    heading: Text | None
    for_staff: bool = False
    staff_label: bool = False
    """A heading group that starts the block's staff rules (the site labels it)."""
    runs: list[tuple[str | None, list[Clause]]] = field(default_factory=list)

    @property
    def first(self) -> Clause:
        """The group's first clause (its id names the group's section on a page)."""
        return self.runs[0][1][0]


def clause_groups(block: Block) -> list[Group]:
    """The clauses of ``block`` under their headings: a heading opens a group (consecutive
    equal headings once), and so do staff rules after customer clauses; within a group,
    consecutive clauses of one list style form a run. Block pages and documents alike."""
    groups: list[Group] = []
    open_heading: str | None = None
    previous: Clause | None = None
    for clause in block.clauses:
        staff_starts = (block.audience is Audience.CUSTOMERS
                        and clause.audience is Audience.STAFF
                        and (previous is None or previous.audience is not Audience.STAFF))
        previous = clause
        if clause.heading is not None and clause.heading.value != open_heading:
            open_heading = clause.heading.value
            groups.append(Group(clause.heading, staff_label=staff_starts))
        elif staff_starts:
            open_heading = None
            groups.append(Group(None, for_staff=True))
        elif not groups:
            groups.append(Group(None))
        runs = groups[-1].runs
        if not runs or runs[-1][0] != clause.list:
            runs.append((clause.list, []))
        runs[-1][1].append(clause)
    return groups


def _groups(block: Block, library: Library, localizer: Localizer,
            ui: Callable[[str], str]) -> list[Data]:
    """:func:`clause_groups` as data, headings and clauses in the language."""
    return [{"heading": (plain(ui(FOR_STAFF)) if group.for_staff else
                         text_model(group.heading, library, localizer)
                         if group.heading is not None else None),
             "runs": [{"list": style, "clauses": [_clause(block, clause, library, localizer)
                                                  for clause in clauses]}
                      for style, clauses in group.runs]}
            for group in clause_groups(block)]


def block_documents(block: Block, listed: Mapping[str, Sequence[str]]) -> list[str]:
    """The documents ``block`` goes in: for a document whose blocks its kit lists
    (``listed``), when it is listed; for the others, when the document holds one of its
    clauses (by audience)."""
    return [str(kind) for kind in documents.DocumentKind
            if (block.id in listed[kind] if kind in listed else
                any(documents.holds(kind, block, clause) for clause in block.clauses))]


def kit_model(library: Library, localizer: Localizer, blocks: Sequence[Block],
              kit: Kit | None, title: Data, introduction: Sequence[Data],
              ui: Callable[[str], str]) -> Data:
    """The document model of ``blocks`` of ``kit`` (or chosen blocks): see the module."""
    optional = {ref.block for ref in kit.blocks if ref.optional} if kit is not None else set()
    listed = kit.documents if kit is not None else {}
    every = ([library.blocks[ref.block] for ref in kit.blocks if ref.block in library.blocks]
             if kit is not None else blocks)
    return {"id": kit.id if kit is not None else "", "title": title,
            "introduction": list(introduction),
            "branchVariables": branch_variables(library, localizer, every), "blocks": [
                {"id": block.id, "title": text_model(block.title, library, localizer),
                 "optional": block.id in optional,
                 "documents": block_documents(block, listed),
                 "groups": _groups(block, library, localizer, ui)}
                for block in blocks]}


def branch_variables(library: Library, localizer: Localizer,
                     blocks: Sequence[Block]) -> list[Data]:
    """The per-branch variables (``per_branch: true``) a table of branches may have a column
    for, in column order: the business-wide ones in the order of ``kb/variables.yaml``, then
    those of ``blocks`` in the blocks' order (each name once); ``{"name", "label"}``, the
    column's header in the language as plain text: the variable's short ``column``
    heading, else its label. A kit's model lists those of all its blocks, whether a
    business leaves an optional one out or not; ``"when"``: the column is left out while
    that does not hold (a value that is not asked is never shown)."""
    found: dict[str, Data] = {}
    owners: list[tuple[Block | None, Variable]] = [
        *((None, variable) for variable in library.variables.values()),
        *((block, variable) for block in blocks for variable in block.variables.values())]
    for owner, variable in owners:
        if variable.per_branch and variable.name not in found:
            found[variable.name] = {"name": variable.name,
                                    "label": markup.plain_text(localizer.text(
                                        variable.column or variable.label)),
                                    "when": {condition.variable: condition.value for condition
                                             in library.variable_conditions(owner, variable.name)}}
    return list(found.values())


def model_of_kit(library: Library, localizer: Localizer, kit_id: str,
                 ui: Callable[[str], str]) -> Data:
    """:func:`kit_model` of the library's kit ``kit_id``, every block of it."""
    kit = library.kits[kit_id]
    blocks = [library.blocks[ref.block] for ref in kit.blocks if ref.block in library.blocks]
    return kit_model(library, localizer, blocks, kit, text_model(kit.title, library, localizer),
                     [text_model(text, library, localizer) for text in kit.introduction], ui)


DATE_FIELDS = "yMLd"
"""The date fields of CLDR patterns that :func:`date_format` describes."""


def date_format(locale: Locale) -> Data:
    """How the language writes a long date: CLDR's pattern and the month names it uses, so
    that the page script writes the date exactly as :func:`babel.dates.format_date`."""
    return {"pattern": str(locale.date_formats["long"].pattern),
            "months": [str(locale.months["format"]["wide"][month]) for month in range(1, 13)],
            "standalone": [str(locale.months["stand-alone"]["wide"][month])
                           for month in range(1, 13)]}


def frame_model(localizer: Localizer, ui: Callable[[str], str]) -> Data:
    """The words of a document's frame in the language: each kind's title, the lines with
    a slot each (``branch``: "Branch: {branch}", the line after the version in a branch's
    edition), the table of branches' heading (``branches``) and first column's header
    (``branchColumn``), the language's own name and how it writes a date."""
    locale = localizer.language.locale
    return {"titles": {str(kind): ui(message) for kind, message in documents.TITLES.items()},
            "effective": ui(documents.EFFECTIVE), "version": ui(documents.VERSION),
            "nextReview": ui(documents.NEXT_REVIEW), "country": ui(documents.COUNTRY),
            "language": ui(documents.LANGUAGE), "branch": ui(documents.BRANCH),
            "branches": ui(documents.BRANCHES), "branchColumn": ui(documents.BRANCH_COLUMN),
            "languageName": Locale.parse(locale).get_display_name(locale) or localizer.lang,
            "date": date_format(locale)}


def long_date(date: datetime.date, localizer: Localizer) -> str:
    """``date`` in the language's long format (what the page script writes from
    :func:`date_format`)."""
    return format_date(date, "long", locale=localizer.language.locale)

