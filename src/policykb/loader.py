"""Load ``kb/`` into the typed model and report every problem in it at once.

Layout::

    kb/categories.yaml            the categories, in display order
    kb/variables.yaml             business-wide variables (name, contacts, hours...)
    kb/<category>/<block-id>.yaml one block each
    kb/kits/<kit-id>.yaml         one kit each

Structure is checked against the JSON Schemas (:mod:`policykb.schema`); this
module adds what a schema cannot see: ids that must match file names, values of
the right type, references between files and placeholders that must resolve.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.numbers import list_currencies

from . import markup
from .cache import FileCache
from .countries import COUNTRIES_DIR, COUNTRY_FIELDS, check_countries, read_country
from .hours import read_hours
from .model import (
    SWITCHES,
    Audience,
    Block,
    BlockRef,
    Category,
    Clause,
    Condition,
    Kit,
    LegalWarning,
    Library,
    Text,
    Unit,
    Variable,
    VariableType,
)
from .problems import Problem, display_path
from .schema import schema_problems
from .yamlfile import JsonPath, YamlDocument, read_yaml

KITS_DIR = "kits"
CATEGORIES_FILE = "categories.yaml"
VARIABLES_FILE = "variables.yaml"

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
_PHONE = re.compile(r"\+?[0-9][0-9 ().\-]{4,}\Z")
_AUDIENCE_HEADINGS = ("for staff", "for customers")
_BLOCK_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass
class LoadResult:
    """The library (only its valid parts) and everything wrong with the rest."""

    library: Library
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def load_library(root: Path, cache: Path | None = None) -> LoadResult:
    """Load and check every file under ``root`` (the ``kb`` folder).

    With ``cache``, files unchanged since the last load are not parsed again.
    """
    file_cache = FileCache(cache)
    result = _Loader(root, file_cache).run()
    file_cache.save()
    return result


SAMPLE_TYPES = (VariableType.TEXT, VariableType.EMAIL, VariableType.PHONE, VariableType.URL)
"""The kinds of variable whose default can stand for the business's own data."""
EXAMPLE = re.compile(r"\bexample\b", re.IGNORECASE)
"""A default that is an example: example.com/.org (RFC 2606), "Example Street"..."""
EXAMPLE_COUNTRY_FIELDS = ("phone", "mobile_phone")
"""Country profile fields that hold example numbers, never the business's."""


def suggest(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def typed_value(kind: VariableType, value: Any, options: Collection[str],
                what: str = "default") -> tuple[Any, list[tuple[JsonPath, str]]]:
    """``value`` (already of the shape variable.schema.json asks of a default) as a Python
    value of type ``kind``, and the problems found: (path inside the value, message).

    ``what`` names the value in messages: ``default 'x' is not an e-mail address``.
    """
    error = None
    if kind is VariableType.EMAIL and not _EMAIL.match(value):
        error = f"{what} {value!r} is not an e-mail address"
    elif kind is VariableType.PHONE and not _PHONE.match(value):
        error = f"{what} {value!r} is not a phone number (digits, spaces, + ( ) - .)"
    elif kind is VariableType.URL:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            error = f"{what} {value!r} is not a web address starting with https://"
    elif kind is VariableType.CURRENCY and value not in list_currencies():
        error = f"{what} {value!r} is not an ISO 4217 currency code such as EUR"
    elif kind is VariableType.CHOICE and value not in options:
        error = f"{what} {value!r} is not one of the options: {', '.join(options)}"
    elif kind is VariableType.MONEY or kind is VariableType.PERCENTAGE:
        return Decimal(str(value)), []
    elif kind is VariableType.WEEKDAYS:
        return tuple(value), []
    elif kind is VariableType.HOURS:
        return read_hours(value)
    if error:
        return None, [((), error)]
    return value, []


_DEFAULT_FIELD = re.compile(r"'default(?=['\[.])")


def check_value(variable: Variable, document: YamlDocument,
                where: JsonPath) -> tuple[Any, list[Problem]]:
    """The value at ``where`` in ``document`` as a Python value of ``variable``'s type,
    checked exactly like a default: the variable schema's rule for its type, then
    :func:`policykb.loader.typed_value`. Returns (value, problems)."""
    value = document.data_at(where)
    name = variable.name
    # The same JSON Schema rule that checks the variable's default checks the value.
    data: dict[str, Any] = {"type": variable.type.value, "label": variable.label.value,
                            "default": value}
    if variable.unit is not None:
        data["unit"] = variable.unit.value
    if variable.options:
        data["options"] = {code: label.value for code, label in variable.options.items()}
    lines = {("default", *path[len(where):]): line for path, line in document.lines.items()
             if path[:len(where)] == where}
    lines[()] = document.line(where)
    wrapped = YamlDocument(document.path, data, lines)
    problems = [Problem(problem.path, problem.line,
                        _DEFAULT_FIELD.sub(f"'{name}", problem.message))
                for problem in schema_problems(wrapped, "variable")]
    if not problems and isinstance(value, float) and not math.isfinite(value):
        problems.append(Problem(document.path, document.line(where),
                                f"'{name}' should be a number, not {value}"))
    if problems:
        return None, problems
    typed, errors = typed_value(variable.type, value, variable.options, what=f"'{name}' value")
    return typed, [Problem(document.path, document.line((*where, *path)), message)
                   for path, message in errors]


class _Loader:
    def __init__(self, root: Path, cache: FileCache) -> None:
        self.root = root
        self.cache = cache
        self.result = LoadResult(Library(root))
        self.library = self.result.library
        self.block_files: dict[str, Path] = {}
        self.block_stems: set[str] = set()
        self.used_globals: set[str] = set()
        self.broken_variables: set[str] = set()
        self.definitions: dict[str, Variable] = {}
        self.complete = True

    # -- plumbing -----------------------------------------------------------

    def problem(self, path: Path, line: int, message: str) -> None:
        self.result.problems.append(Problem(path, line, message))

    def read(self, path: Path, schema: str) -> YamlDocument | None:
        """The document in ``path`` if it parses and fits ``schema``; else its problems."""
        self.result.files.append(path)
        checked = self.cache.get(path, schema)
        if checked is None:
            checked = self.parse(path, schema)
            self.cache.put(path, schema, checked)
        document, problems = checked
        self.result.problems.extend(problems)
        return document

    @staticmethod
    def parse(path: Path, schema: str) -> tuple[YamlDocument | None, list[Problem]]:
        document = read_yaml(path)
        if isinstance(document, Problem):
            return None, [document]
        if not isinstance(document.data, dict):
            return None, [Problem(path, 1, "the file should be a mapping (key: value), not "
                                           f"{type(document.data).__name__}")]
        problems = schema_problems(document, schema)
        return (None if problems else document), problems

    def text(self, doc: YamlDocument, path: JsonPath, context: str, comment: str = "") -> Text:
        return Text(doc.data_at(path), doc.line(path), context, comment)

    # -- the run --------------------------------------------------------------

    def run(self) -> LoadResult:
        if not self.root.is_dir():
            self.problem(self.root, 0, "the library folder does not exist")
            return self.result
        self.load_categories()
        self.load_countries()
        self.load_global_variables()
        self.load_blocks()
        self.load_kits()
        self.check_references()
        self.result.problems.sort()
        self.result.files.sort()
        return self.result

    def load_categories(self) -> None:
        path = self.root / CATEGORIES_FILE
        if not path.is_file():
            self.problem(path, 0, "missing: the library needs its list of categories")
            return
        doc = self.read(path, "categories")
        if doc is None:
            return
        for index, entry in enumerate(doc.data["categories"]):
            where = ("categories", index)
            category_id = entry["id"]
            if category_id in self.library.categories or category_id in (KITS_DIR,
                                                                         COUNTRIES_DIR):
                reason = ("is used twice" if category_id in self.library.categories
                          else f"is reserved for {category_id}")
                self.problem(path, doc.line((*where, "id")), f"category id '{category_id}' "
                                                             f"{reason}")
                continue
            context = f"category/{category_id}"
            self.library.categories[category_id] = Category(
                category_id,
                self.text(doc, (*where, "title"), f"{context}/title"),
                self.text(doc, (*where, "summary"), f"{context}/summary"),
                doc.line(where),
            )

    def load_countries(self) -> None:
        folder = self.root / COUNTRIES_DIR
        if not folder.is_dir():
            return
        for path in self.yaml_files(folder):
            doc = self.read(path, "country")
            if doc is not None:
                country = read_country(doc)
                self.library.countries[country.id] = country
        self.result.problems.extend(check_countries(self.library))

    def load_global_variables(self) -> None:
        path = self.root / VARIABLES_FILE
        if not path.is_file():
            return
        doc = self.read(path, "variables")
        if doc is None:
            return
        for name in doc.data["variables"]:
            variable = self.variable(doc, ("variables", name), "variables", is_global=True)
            if variable is not None:
                self.library.variables[name] = variable
        for variable in self.library.variables.values():
            for condition in variable.when:
                self.check_variable_condition(
                    variable, condition, self.library.variables.get(condition.variable),
                    self.library.variables)

    def load_blocks(self) -> None:
        for entry in sorted(self.root.iterdir()):
            if entry.is_dir() and entry.name not in (KITS_DIR, COUNTRIES_DIR) \
                    and not entry.name.startswith("."):
                if entry.name not in self.library.categories:
                    self.problem(entry, 0, f"folder '{entry.name}' is not a category in "
                                           f"{CATEGORIES_FILE}"
                                           f"{suggest(entry.name, self.library.categories)}")
                for path in self.yaml_files(entry):
                    self.block_stems.add(path.stem)
                    self.load_block(path)
            elif entry.is_file() and entry.name not in (CATEGORIES_FILE, VARIABLES_FILE) \
                    and not entry.name.startswith("."):
                self.problem(entry, 1, "unexpected file: kb/ holds categories.yaml, "
                                       "variables.yaml and one folder per category")

    def yaml_files(self, folder: Path) -> list[Path]:
        files = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            if path.is_file() and path.suffix == ".yaml":
                files.append(path)
            else:
                self.problem(path, 1 if path.is_file() else 0,
                             "unexpected file: each entry here is <id>.yaml")
        return files

    def load_block(self, path: Path) -> None:
        problems_before = len(self.result.problems)
        self._load_block(path)
        if len(self.result.problems) > problems_before:
            self.complete = False

    def _load_block(self, path: Path) -> None:
        doc = self.read(path, "block")
        if doc is None:
            return
        data = doc.data
        block_id = data["id"]
        if not self.check_id(doc, block_id, "block"):
            return
        if block_id in self.block_files:
            first = self.block_files[block_id]
            self.problem(path, doc.line(("id",)), f"duplicate block id '{block_id}' "
                                                  f"(also in {first.as_posix()})")
            return
        self.block_files[block_id] = path
        category = data["category"]
        if category not in self.library.categories:
            hint = suggest(category, self.library.categories)
            self.problem(path, doc.line(("category",)), f"unknown category '{category}'{hint}")
            return
        if category != path.parent.name:
            self.problem(path, doc.line(("category",)), f"category '{category}' does not match "
                                                        f"the folder '{path.parent.name}'")
            return
        ctx = block_id
        audience = Audience(data.get("audience", Audience.CUSTOMERS))
        variables: dict[str, Variable] = {}
        for name in data.get("variables", {}):
            variable = self.variable(doc, ("variables", name), ctx)
            if variable is None:
                continue
            if name in self.library.variables:
                self.problem(path, doc.line(("variables", name)),
                             f"variable '{name}' is already business-wide in {VARIABLES_FILE}; "
                             "use it without declaring it again")
                continue
            variables[name] = variable
        block = Block(
            id=block_id,
            category=category,
            path=path,
            title=self.text(doc, ("title",), f"{ctx}/title"),
            summary=self.text(doc, ("summary",), f"{ctx}/summary"),
            questions=self.texts(doc, ("questions",), f"{ctx}/question"),
            guidance=self.texts(doc, ("guidance",), f"{ctx}/guidance"),
            variables=variables,
            clauses=self.clauses(doc, ctx, audience),
            checklist=self.texts(doc, ("checklist",), f"{ctx}/checklist"),
            related=[BlockRef(ref, doc.line(("related", i)))
                     for i, ref in enumerate(data.get("related", []))],
            reviewed=datetime.date.fromisoformat(data["reviewed"]),
            translator_notes=self.texts(doc, ("translator_notes",), f"{ctx}/note"),
            warnings=self.warnings(doc, ctx),
            country_notes={code: self.text(doc, ("country_notes", code), f"{ctx}/note/{code}")
                           for code in data.get("country_notes", {})},
            audience=audience,
        )
        self.check_block_text(block)
        self.library.blocks[block_id] = block

    def check_id(self, doc: YamlDocument, value: str, kind: str) -> bool:
        if value != doc.path.stem:
            self.problem(doc.path, doc.line(("id",)), f"{kind} id '{value}' does not match the "
                                                      f"file name '{doc.path.name}'")
            return False
        return True

    def texts(self, doc: YamlDocument, path: JsonPath, context: str) -> list[Text]:
        parent, key = doc.data_at(path[:-1]), path[-1]
        items = parent.get(key, []) if isinstance(parent, dict) else parent[key]
        return [self.text(doc, (*path, index), context) for index in range(len(items))]

    def clauses(self, doc: YamlDocument, ctx: str, audience: Audience) -> list[Clause]:
        clauses = []
        seen: set[str] = set()
        for index, data in enumerate(doc.data["clauses"]):
            where: JsonPath = ("clauses", index)
            clause_id = data["id"]
            if clause_id in seen:
                self.problem(doc.path, doc.line((*where, "id")),
                             f"clause id '{clause_id}' is used twice in this block")
                continue
            seen.add(clause_id)
            note = data.get("note", "")
            context = f"{ctx}/clause/{clause_id}"
            clauses.append(Clause(
                id=clause_id,
                text=self.text(doc, (*where, "text"), context, note),
                line=doc.line(where),
                text_plural=(self.text(doc, (*where, "text_plural"), context, note)
                             if "text_plural" in data else None),
                count=data.get("count"),
                when=self.conditions(doc, (*where, "when")) if "when" in data else (),
                heading=(self.text(doc, (*where, "heading"), f"{ctx}/heading")
                         if "heading" in data else None),
                list=data.get("list"),
                audience=self.clause_audience(doc, where, audience),
                notice=bool(data.get("notice", False)),
            ))
        return clauses

    def clause_audience(self, doc: YamlDocument, where: JsonPath,
                        default: Audience) -> Audience:
        """The clause's ``audience``, else the block's; saying the block's again is reported."""
        if "audience" not in doc.data_at(where):
            return default
        audience = Audience(doc.data_at((*where, "audience")))
        if audience is default:
            self.problem(doc.path, doc.line((*where, "audience")),
                         f"'audience: {audience.value}' is already the block's audience; "
                         "remove it from the clause")
        return audience

    def warnings(self, doc: YamlDocument, ctx: str) -> list[LegalWarning]:
        found = []
        for index, data in enumerate(doc.data.get("warnings", [])):
            where: JsonPath = ("warnings", index)
            below = data.get("below")
            found.append(LegalWarning(
                id=data["id"],
                text=self.text(doc, (*where, "text"), f"{ctx}/warning/{data['id']}"),
                fact=data["fact"],
                line=doc.line(where),
                when=self.conditions(doc, (*where, "when")) if "when" in data else (),
                below=(below["value"], below["minimum"]) if below else None,
            ))
        return found

    @staticmethod
    def conditions(doc: YamlDocument, path: JsonPath) -> tuple[Condition, ...]:
        """``when: name`` or ``when: {name: value, ...}`` (every condition must hold)."""
        value = doc.data_at(path)
        if isinstance(value, str):
            return (Condition(value, True, doc.line(path)),)
        return tuple(Condition(name, wanted, doc.line((*path, name)))
                     for name, wanted in value.items())

    # -- variables ------------------------------------------------------------

    def variable(self, doc: YamlDocument, where: JsonPath, ctx: str,
                 is_global: bool = False) -> Variable | None:
        data = doc.data_at(where)
        name = str(where[-1])
        kind = VariableType(data["type"])
        context = f"{ctx}/variable/{name}"
        note = data.get("note", "")
        for key, owner in (("unit", VariableType.COUNT), ("currency", VariableType.MONEY),
                           ("options", VariableType.CHOICE), ("proper_name", VariableType.TEXT)):
            if key in data and kind is not owner:
                self.problem(doc.path, doc.line((*where, key)),
                             f"'{key}' applies only to {owner.value} variables, and "
                             f"'{name}' is {kind.value}")
                self.broken_variables.add(name)
                return None
        options = {
            code: self.text(doc, (*where, "options", code), f"{context}/option/{code}", note)
            for code in data.get("options", {})
        }
        currency = data.get("currency")
        if currency is not None and currency not in list_currencies():
            self.problem(doc.path, doc.line((*where, "currency")),
                         f"unknown currency '{currency}'; use an ISO 4217 code such as EUR")
            self.broken_variables.add(name)
            return None
        country = data.get("country")
        if country is not None and not self.check_country_field(doc, where, kind, data):
            self.broken_variables.add(name)
            return None
        default = data.get("default")
        if kind is VariableType.TEXT and default is not None:
            default = self.text(doc, (*where, "default"), f"{context}/default", note)
        elif default is not None:
            default = self.typed_default(doc, (*where, "default"), kind, default, options)
            if default is None:
                self.broken_variables.add(name)
                return None
        per_branch = bool(data.get("per_branch", False))
        if per_branch and kind is VariableType.YESNO:
            self.problem(doc.path, doc.line((*where, "per_branch")),
                         f"'per_branch' does not apply to yes/no variables such as '{name}': a "
                         "branch's values are shown, and a yes/no never is")
            self.broken_variables.add(name)
            return None
        if "column" in data and not per_branch:
            self.problem(doc.path, doc.line((*where, "column")),
                         f"'column' heads a column in the table of branches, which only "
                         f"per_branch variables have: mark '{name}' per_branch: true or "
                         "remove 'column'")
        sample = bool(data.get("sample", False))
        if not self.check_sample(doc, where, kind, data, sample):
            self.broken_variables.add(name)
            return None
        return Variable(
            name=name,
            type=kind,
            label=self.text(doc, (*where, "label"), f"{context}/label", note),
            path=doc.path,
            line=doc.line(where),
            help=self.text(doc, (*where, "help"), f"{context}/help", note)
            if "help" in data else None,
            default=default,
            unit=Unit(data["unit"]) if "unit" in data else None,
            currency=currency,
            country=country,
            base_amount=default if kind is VariableType.MONEY and currency is None else None,
            options=options,
            proper_name=bool(data.get("proper_name", False)),
            sample=sample,
            is_global=is_global,
            when=self.conditions(doc, (*where, "when")) if "when" in data else (),
            per_branch=per_branch,
            column=self.text(doc, (*where, "column"), f"{context}/column", note)
            if "column" in data else None,
        )

    def check_sample(self, doc: YamlDocument, where: JsonPath, kind: VariableType,
                     data: dict[str, Any], sample: bool) -> bool:
        """``sample: true`` marks a default that stands for the business's own data: only a
        text, e-mail, phone or web address can be one, and a default that is an example
        (example.com, "Example Street", a country's example phone number) must be one."""
        name = where[-1]
        if sample and kind not in SAMPLE_TYPES:
            self.problem(doc.path, doc.line((*where, "sample")),
                         f"'sample' applies only to {', '.join(t.value for t in SAMPLE_TYPES)} "
                         f"variables, and '{name}' is {kind.value}")
            return False
        default = data.get("default")
        example = (isinstance(default, str) and EXAMPLE.search(default)) or data.get(
            "country") in EXAMPLE_COUNTRY_FIELDS
        if example and not sample:
            shown = (f"default '{default}'" if isinstance(default, str)
                     else f"default from the country's '{data['country']}'")
            self.problem(doc.path, doc.line(where),
                         f"'{name}': the {shown} is an example of the business's own data; "
                         "mark the variable 'sample: true' so that it is never published "
                         "as if it were real")
            return False
        return True

    def check_country_field(self, doc: YamlDocument, where: JsonPath, kind: VariableType,
                            data: dict[str, Any]) -> bool:
        """``country: phone`` takes the default from the chosen country's profile."""
        field_name = data["country"]
        line = doc.line((*where, "country"))
        if "default" in data:
            self.problem(doc.path, line, "give 'country' or 'default', not both: the default "
                                         "comes from the country a business chooses")
            return False
        if COUNTRY_FIELDS[field_name] is not kind:
            self.problem(doc.path, line, f"'country: {field_name}' fills "
                                         f"{COUNTRY_FIELDS[field_name].value} variables, and "
                                         f"'{where[-1]}' is {kind.value}")
            return False
        return True

    def typed_default(self, doc: YamlDocument, where: JsonPath, kind: VariableType,
                      value: Any, options: dict[str, Text]) -> Any:
        """The default as a Python value of the variable's type, or None after a problem."""
        typed, errors = typed_value(kind, value, options)
        for path, message in errors:
            self.problem(doc.path, doc.line((*where, *path)), message)
        return None if errors else typed

    # -- checks across a block ------------------------------------------------

    def check_block_text(self, block: Block) -> None:
        used: set[str] = set()
        for clause in block.clauses:
            for text in (clause.text, clause.text_plural):
                if text is not None:
                    names = self.check_text(block, text, placeholders=True)
                    self.check_counts_inflect(block, clause, text, names)
                    used.update(names)
            if clause.heading is not None:
                self.check_text(block, clause.heading)
                if clause.heading.value.casefold() in _AUDIENCE_HEADINGS:
                    self.problem(block.path, clause.heading.line,
                                 f"heading '{clause.heading.value}': say who a clause is for "
                                 "with 'audience: staff' or 'audience: customers'; the page "
                                 "labels it")
            if clause.count is not None:
                used.add(clause.count)
                self.check_count(block, clause)
            for condition in clause.when:
                used.add(condition.variable)
                self.check_condition(block, condition, in_clause=True)
        for text in (block.title, block.summary, *block.questions, *block.guidance,
                     *block.checklist, *(warning.text for warning in block.warnings)):
            self.check_text(block, text)
        for code, note in block.country_notes.items():
            used.update(self.check_country_note(block, code, note))
        for warning in block.warnings:
            for condition in warning.when:
                used.add(condition.variable)
                self.check_condition(block, condition)
            for name in warning.below or ():
                used.add(name)
                variable = self.library.variable(block, name)
                if variable is None or variable.type not in (VariableType.COUNT,
                                                             VariableType.MONEY,
                                                             VariableType.PERCENTAGE):
                    found = "unknown" if variable is None else variable.type.value
                    self.problem(block.path, warning.line, f"'below' compares numbers: '{name}' "
                                                           f"is {found}")
        for name, variable in block.variables.items():
            if name not in used:
                self.problem(block.path, variable.line,
                             f"variable '{name}' is declared but no clause uses it")
            if variable.type is VariableType.MONEY and variable.currency is None:
                business = self.library.business_currency()
                if business is None:
                    self.problem(block.path, variable.line,
                                 f"money variable '{name}' needs 'currency', or a business-wide "
                                 f"variable of type currency in {VARIABLES_FILE}")
                else:
                    used.add(business.name)
            self.check_same_meaning(block, variable)
            for condition in variable.when:
                self.check_variable_condition(
                    variable, condition, self.library.variable(block, condition.variable),
                    [*block.variables, *self.library.variables])
        for clause in block.clauses:
            self.check_clause_can_show(block, clause)
        self.used_globals.update(used)

    def check_country_note(self, block: Block, code: str, note: Text) -> set[str]:
        """A note is for a known country; its placeholders (returned) show that country's
        values."""
        if code not in self.library.countries:
            self.problem(block.path, note.line, f"country note for unknown country '{code}'"
                                                f"{suggest(code, self.library.countries)}")
        parsed = markup.parse(note.value)
        for error in parsed.errors:
            self.problem(block.path, note.line, error)
        for name in parsed.placeholders():
            variable = self.library.variable(block, name)
            if variable is None or variable.country is None:
                self.problem(block.path, note.line, f"placeholder {{{name}}} in a country note "
                                                    "must name a variable whose default comes "
                                                    "from the country (country: ...)")
        return set(parsed.placeholders())

    def check_same_meaning(self, block: Block, variable: Variable) -> None:
        """A name means one value everywhere: a business enters it once for every block."""
        first = self.definitions.setdefault(variable.name, variable)
        if first is variable:
            return
        differences = [aspect for aspect, get in (
            ("type", lambda v: v.type), ("unit", lambda v: v.unit),
            ("currency", lambda v: v.currency), ("options", lambda v: sorted(v.options)),
            ("when", lambda v: sorted((c.variable, str(c.value)) for c in v.when)),
            ("per_branch", lambda v: v.per_branch),
            ("default", lambda v: v.default.value if isinstance(v.default, Text) else v.default),
        ) if get(first) != get(variable)]
        if differences:
            self.problem(block.path, variable.line,
                         f"variable '{variable.name}' is also declared in "
                         f"{display_path(first.path)}:{first.line} with another "
                         f"{', '.join(differences)}; a name must mean the same value in every "
                         "block (rename one, or make them alike)")

    def check_text(self, block: Block, text: Text, placeholders: bool = False) -> set[str]:
        """Report markup mistakes and unresolved names; return the placeholders used."""
        parsed = markup.parse(text.value)
        for error in parsed.errors:
            self.problem(block.path, text.line, error)
        names = set(parsed.placeholders())
        if names and not placeholders:
            shown = ", ".join(f"{{{name}}}" for name in sorted(names))
            self.problem(block.path, text.line, f"placeholder {shown} outside a clause is never "
                                                "filled in; placeholders belong in clauses")
            return set()
        for name in sorted(names - self.broken_variables):
            variable = self.library.variable(block, name)
            if variable is None:
                known = [*block.variables, *self.library.variables]
                self.problem(block.path, text.line, f"unknown variable '{name}'"
                                                    f"{suggest(name, known)}")
            elif variable.type is VariableType.YESNO:
                self.problem(block.path, text.line, f"yes/no variable '{name}' cannot be shown "
                                                    "in text; use it in 'when' to switch a clause")
        return names

    def check_counts_inflect(self, block: Block, clause: Clause, text: Text,
                             names: set[str]) -> None:
        """A number of days, hours... changes the words around it: it needs a plural clause."""
        for name in sorted(names):
            variable = self.library.variable(block, name)
            if variable is not None and variable.type is VariableType.COUNT \
                    and name != clause.count:
                self.problem(block.path, text.line,
                             f"count variable '{name}' needs a plural clause: add "
                             f"'count: {name}' and 'text_plural' (one count per clause)")

    def check_count(self, block: Block, clause: Clause) -> None:
        assert clause.count is not None and clause.text_plural is not None
        variable = self.library.variable(block, clause.count)
        if variable is None or variable.type is not VariableType.COUNT:
            found = "unknown" if variable is None else f"a {variable.type.value}"
            self.problem(block.path, clause.line, f"'count: {clause.count}' must name a count "
                                                  f"variable, but it is {found}")
        elif f"{{{clause.count}}}" not in clause.text_plural.value:
            self.problem(block.path, clause.text_plural.line,
                         f"the plural text must show {{{clause.count}}}")

    def check_condition(self, block: Block, condition: Condition,
                        in_clause: bool = False) -> None:
        """A ``when`` of a block's clause or warning; a clause's may use a switch the
        document sets (:data:`policykb.model.SWITCHES`)."""
        if in_clause and condition.variable in SWITCHES:
            if not isinstance(condition.value, bool):
                self.problem(block.path, condition.line,
                             f"'{condition.variable}' is a yes/no switch the document sets: "
                             "compare it with true or false")
            return
        self.check_condition_on(block.path, condition,
                                self.library.variable(block, condition.variable),
                                [*block.variables, *self.library.variables])

    def check_condition_on(self, path: Path, condition: Condition, variable: Variable | None,
                           known: Iterable[str]) -> None:
        """A ``when`` in ``path`` names a known yes/no or choice ``variable`` and one of its
        values."""
        name = condition.variable
        if name in self.broken_variables:
            return
        if variable is None:
            self.problem(path, condition.line, f"unknown variable '{name}' in 'when'"
                                               f"{suggest(name, known)}")
        elif variable.type is VariableType.YESNO:
            if not isinstance(condition.value, bool):
                self.problem(path, condition.line, f"'{name}' is yes/no: compare it with "
                                                   "true or false")
        elif variable.type is VariableType.CHOICE:
            if condition.value not in variable.options:
                self.problem(path, condition.line,
                             f"{condition.value!r} is not an option of '{name}' "
                             f"({', '.join(variable.options)})")
        else:
            self.problem(path, condition.line, f"'when' needs a yes/no or choice "
                                               f"variable; '{name}' is "
                                               f"{variable.type.value}")

    def check_variable_condition(self, owner: Variable, condition: Condition,
                                 variable: Variable | None, known: Iterable[str]) -> None:
        """A variable's ``when``, as a clause's; a variable cannot depend on itself."""
        if condition.variable == owner.name:
            self.problem(owner.path, condition.line, f"'{owner.name}' cannot be asked only "
                                                     "when it has a value itself")
            return
        self.check_condition_on(owner.path, condition, variable, known)

    def check_clause_can_show(self, block: Block, clause: Clause) -> None:
        """The variables a clause uses are asked when the clause shows: a variable asked only
        when X is one value, in a clause shown only when X is another, is a mistake."""
        wanted: dict[str, Condition] = {}
        for condition in self.library.clause_conditions(block, clause):
            first = wanted.setdefault(condition.variable, condition)
            if first.value != condition.value:
                self.problem(block.path, clause.line,
                             f"clause '{clause.id}' can never show: it needs "
                             f"'{condition.variable}' to be {first.value!r} and "
                             f"{condition.value!r} (a variable it uses is asked only when "
                             "the other holds; see their 'when')")
                return

    # -- kits and references --------------------------------------------------

    def load_kits(self) -> None:
        folder = self.root / KITS_DIR
        if not folder.is_dir():
            return
        for path in self.yaml_files(folder):
            doc = self.read(path, "kit")
            if doc is None or not self.check_id(doc, doc.data["id"], "kit"):
                continue
            kit_id = doc.data["id"]
            ctx = f"kit/{kit_id}"
            refs = []
            for index, entry in enumerate(doc.data["blocks"]):
                line = doc.line(("blocks", index))
                if isinstance(entry, str):
                    refs.append(BlockRef(entry, line))
                else:
                    refs.append(BlockRef(entry["block"], line, entry.get("optional", False)))
            kit = Kit(
                id=kit_id,
                path=path,
                title=self.text(doc, ("title",), f"{ctx}/title"),
                summary=self.text(doc, ("summary",), f"{ctx}/summary"),
                introduction=self.texts(doc, ("introduction",), f"{ctx}/introduction"),
                blocks=refs,
                settings=self.kit_settings(doc),
                documents=self.kit_documents(doc, refs),
            )
            for text in (kit.title, kit.summary, *kit.introduction):
                for error in markup.parse(text.value).errors:
                    self.problem(path, text.line, error)
            self.library.kits[kit_id] = kit

    def kit_documents(self, doc: YamlDocument,
                      refs: list[BlockRef]) -> dict[str, tuple[str, ...]]:
        """The blocks a kit lists for a document (``documents: {counter-notice: [...]}``),
        each one of the kit's blocks (the schema checks the document names)."""
        in_kit = {ref.block for ref in refs}
        found = {}
        for kind, names in doc.data.get("documents", {}).items():
            for position, name in enumerate(names):
                if name not in in_kit:
                    self.problem(doc.path, doc.line(("documents", kind, position)),
                                 f"block '{name}' of the {kind} is not in the kit's blocks"
                                 f"{suggest(name, in_kit)}")
            found[kind] = tuple(name for name in names if name in in_kit)
        return found

    def kit_settings(self, doc: YamlDocument) -> dict[str, Any]:
        """A kit's defaults for variables, each checked like a variable's default."""
        known: dict[str, Variable] = dict(self.library.variables)
        for block in self.library.blocks.values():
            for name, variable in block.variables.items():
                known.setdefault(name, variable)
        settings = {}
        for name in doc.data.get("settings", {}):
            where: JsonPath = ("settings", name)
            if name not in known:
                if name not in self.broken_variables:
                    self.problem(doc.path, doc.line(where), f"setting for unknown variable "
                                                            f"'{name}'{suggest(name, known)}")
                continue
            value, problems = check_value(known[name], doc, where)
            self.result.problems.extend(problems)
            if not problems:
                settings[name] = value
        return settings

    def check_references(self) -> None:
        """Links must reach a block file; a file that failed to load has its own problems."""
        known = self.block_stems
        for block in self.library.blocks.values():
            for ref in block.related:
                if ref.block == block.id:
                    self.problem(block.path, ref.line, "a block cannot be related to itself")
                elif ref.block not in known:
                    self.problem(block.path, ref.line, f"related block '{ref.block}' does not "
                                                       f"exist{suggest(ref.block, known)}")
            for text in (block.title, block.summary, *block.questions, *block.guidance,
                         *block.checklist, *(clause.text for clause in block.clauses)):
                self.check_roles(block.path, text, known)
        for kit in self.library.kits.values():
            seen: set[str] = set()
            for ref in kit.blocks:
                if ref.block not in known:
                    self.problem(kit.path, ref.line, f"kit entry '{ref.block}' is not a block"
                                                     f"{suggest(ref.block, known)}")
                elif ref.block in seen:
                    self.problem(kit.path, ref.line, f"block '{ref.block}' is listed twice")
                seen.add(ref.block)
            for text in kit.introduction:
                self.check_roles(kit.path, text, known)
        if not self.complete:
            return  # a block that failed to load may be the one using a variable
        for name, variable in self.library.variables.items():
            if name not in self.used_globals:
                self.problem(variable.path, variable.line,
                             f"business-wide variable '{name}' is declared but no block uses it")

    def check_roles(self, path: Path, text: Text, known: set[str]) -> None:
        for role in markup.parse(text.value).roles():
            if role.name == "block" and role.target not in known:
                self.problem(path, text.line, f"link to unknown block '{role.target}'"
                                              f"{suggest(role.target, known)}")
