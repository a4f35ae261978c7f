"""The answers file: what a business answered, saved by the builder and read by the CLI.

A YAML file (``answers.yaml``) in one of two forms:

- ``policykb: answers/1``: the kit, document, country, channels, effective date,
  version, left-out blocks, the ``values`` (variable: value) and the ``branches`` (each
  an ``id``, a ``name`` and the values of its per-branch variables); every key but
  ``policykb`` is optional.
- the old flat form: ``variable: value`` at the top level and nothing else.

:func:`answers_schema` generates the JSON Schema of the first form from the library
(the kits, documents, countries, channels and block ids, each variable's value shape as
``variable.schema.json`` asks of its default, and which variables a branch may give);
the build publishes it at the site root (:data:`SCHEMA_FILE`) for editors and the
builder's "Open answers". :func:`read_answers` validates a file against it, then checks
each value like a default (:func:`policykb.loader.check_value`), and reports every
problem as ``file:line: message``.
"""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .documents import DocumentKind
from .loader import check_value, suggest
from .model import Library, Variable
from .problems import Problem
from .schema import field_name, load_schema, unexpected_keys, validator_problems
from .yamlfile import JsonPath, YamlDocument, read_yaml

FORMAT = "answers/1"
"""The value of the ``policykb`` key that marks the format (and its version)."""

SCHEMA_FILE = "answers.schema.json"
"""The schema's file name at the root of the published site."""

CHANNELS = {"shop": "sells_in_shop", "online": "sells_online", "delivery": "delivers_orders"}
"""The sales channels (``channels:``, ``--channels``) and the yes/no variable each sets."""

BRANCH_ID = "^[a-z0-9][a-z0-9-]*$"
"""A branch id: lower-case letters, digits and -, as in a file name (``--all-branches``)."""


class AnswersError(Exception):
    """Why an answers file cannot be used: every problem, as ``file:line: message``."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


# -- the library's variables ------------------------------------------------------


def library_variables(library: Library) -> dict[str, Variable]:
    """Every variable a business can fill in, by name (a name means one value everywhere):
    the business-wide ones in the order of ``kb/variables.yaml``, then the blocks'."""
    found = dict(library.variables)
    for block in library.blocks.values():
        for name, variable in block.variables.items():
            found.setdefault(name, variable)
    return found


def per_branch_variables(library: Library) -> dict[str, Variable]:
    """The variables a branch may give its own value of (``per_branch: true``)."""
    return {name: variable for name, variable in library_variables(library).items()
            if variable.per_branch}


# -- the schema -------------------------------------------------------------------


def _type_shapes() -> dict[str, list[dict[str, Any]]]:
    """The shape ``variable.schema.json`` asks of a default, by variable type: one rule."""
    shapes: dict[str, list[dict[str, Any]]] = {}
    for rule in load_schema("variable")["allOf"]:
        condition = rule["if"]["properties"]["type"]
        kinds = [condition["const"]] if "const" in condition else condition["enum"]
        shape = rule["then"].get("properties", {}).get("default")
        if shape is not None:
            for kind in kinds:
                shapes.setdefault(kind, []).append(shape)
    return shapes


def _nullable(shape: dict[str, Any]) -> dict[str, Any]:
    """``shape`` that also takes an empty value (``name:`` keeps the default)."""
    shape = copy.deepcopy(shape)
    kinds = shape["type"]
    shape["type"] = [*(kinds if isinstance(kinds, list) else [kinds]), "null"]
    if "enum" in shape:
        shape["enum"] = [*shape["enum"], None]
    return shape


def value_schema(variable: Variable, shapes: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The JSON Schema of a value of ``variable`` (as of its default), empty allowed."""
    rules = [dict(shape) for shape in shapes.get(variable.type.value, [{}])]
    shape: dict[str, Any] = rules[0] if len(rules) == 1 else {"allOf": rules}
    if variable.options:
        shape = {**shape, "enum": list(variable.options)}
    shape = _nullable(shape) if "type" in shape else {"anyOf": [{"type": "null"}, shape]}
    described = {"title": variable.label.value}
    if variable.help is not None:
        described["description"] = variable.help.value
    return described | shape


def answers_schema(library: Library) -> dict[str, Any]:
    """The JSON Schema of an answers file (``policykb: answers/1``) for this library."""
    variables = library_variables(library)
    shapes = _type_shapes()
    per_branch = [name for name, variable in variables.items() if variable.per_branch]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILE,
        "title": "policykb answers",
        "description": "What a business answered in the policy builder: open it in the "
                       "builder (Open answers) or run policykb assemble --values FILE.",
        "type": "object",
        "required": ["policykb"],
        "additionalProperties": False,
        "properties": {
            "policykb": {"const": FORMAT, "description": "Marks the format."},
            "kit": {"enum": list(library.kits)},
            "document": {"enum": [str(kind) for kind in DocumentKind]},
            "country": {"enum": list(library.countries)},
            "channels": {"type": "array", "minItems": 1, "uniqueItems": True,
                         "items": {"enum": list(CHANNELS)}},
            "effective_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                               "format": "date"},
            "version": {"type": "string", "minLength": 1},
            "left_out": {"type": "array", "uniqueItems": True,
                         "items": {"enum": list(library.blocks)}},
            "values": {"$ref": "#/$defs/values"},
            "branches": {"type": "array", "items": {"$ref": "#/$defs/branch"}},
        },
        "$defs": {
            "values": {"type": "object", "additionalProperties": False, "properties": {
                name: {"$ref": f"#/$defs/variables/{name}"} for name in variables}},
            "branchValues": {"type": "object", "additionalProperties": False, "properties": {
                name: {"$ref": f"#/$defs/variables/{name}"} for name in per_branch}},
            "branch": {"type": "object", "required": ["id", "name"],
                       "additionalProperties": False, "properties": {
                           "id": {"type": "string", "pattern": BRANCH_ID},
                           "name": {"type": "string", "minLength": 1},
                           "values": {"$ref": "#/$defs/branchValues"}}},
            "variables": {name: value_schema(variable, shapes)
                          for name, variable in variables.items()},
        },
    }


def schema_text(library: Library) -> str:
    """:func:`answers_schema` as the published file's text."""
    return json.dumps(answers_schema(library), ensure_ascii=False, indent=1) + "\n"


# -- reading a file -----------------------------------------------------------------


@dataclass
class Branch:
    """One branch of the business: its id, its name and its own per-branch values."""

    id: str
    name: str
    values: dict[str, Any] = field(default_factory=dict)
    line: int = 1


@dataclass
class Answers:
    """An answers file, read and checked; what it leaves out is None (or empty)."""

    document: YamlDocument
    values: dict[str, Any] = field(default_factory=dict)
    kit: str | None = None
    kind: str | None = None
    country: str | None = None
    channels: list[str] | None = None
    effective: datetime.date | None = None
    version: str | None = None
    left_out: list[str] = field(default_factory=list)
    branches: list[Branch] = field(default_factory=list)

    @property
    def path(self) -> Path:
        """The file read."""
        return self.document.path

    def line(self, *path: str | int) -> int:
        """The line of the key at ``path``."""
        return self.document.line(path)

    def branch(self, branch_id: str) -> Branch | None:
        """The branch with this id, or None."""
        return next((branch for branch in self.branches if branch.id == branch_id), None)


def read_answers(path: Path, library: Library) -> Answers:
    """The answers in ``path`` (either form), every value typed like the library's
    defaults; an empty value keeps the default. Raises :class:`AnswersError`."""
    document = read_yaml(path)
    if isinstance(document, Problem):
        raise AnswersError([document])
    if not isinstance(document.data, dict):
        raise AnswersError([Problem(path, 1, "the file should be a mapping: 'policykb: "
                                             f"{FORMAT}' and the answers, or the old form "
                                             "'variable: value'")])
    if "policykb" not in document.data:
        return Answers(document, _flat_values(document, library))
    problems = validator_problems(document, _validator(library), _Explainer(library))
    if problems:
        raise AnswersError(problems)
    return _answers(document, library)


def _validator(library: Library) -> Draft202012Validator:
    return Draft202012Validator(answers_schema(library),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def _flat_values(document: YamlDocument, library: Library) -> dict[str, Any]:
    """The old form: ``variable: value`` at the top level."""
    variables = library_variables(library)
    problems: list[Problem] = []
    for name in document.data:
        if name not in variables:
            problems.append(Problem(document.path, document.line((name,)),
                                    f"unknown variable '{name}'{suggest(name, variables)}"))
    values, found = _typed(document, (), variables)
    problems += found
    if problems:
        raise AnswersError(sorted(problems))
    return values


def _typed(document: YamlDocument, where: JsonPath,
           variables: Mapping[str, Variable]) -> tuple[dict[str, Any], list[Problem]]:
    """The values of the mapping at ``where``, checked like defaults (empty ones left out)."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, value in document.data_at(where).items():
        if name in variables and value is not None:
            typed, found = check_value(variables[name], document, (*where, name))
            problems += found
            if not found:
                values[name] = typed
    return values, problems


def _answers(document: YamlDocument, library: Library) -> Answers:
    """The ``answers/1`` form, already valid against its schema: the values checked like
    defaults, branch ids unique."""
    data = document.data
    variables = library_variables(library)
    problems: list[Problem] = []
    values, found = _typed(document, ("values",), variables) if "values" in data else ({}, [])
    problems += found
    branches: list[Branch] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data.get("branches", [])):
        line = document.line(("branches", index, "id"))
        if entry["id"] in seen:
            problems.append(Problem(document.path, line, f"branch id '{entry['id']}' is used "
                                                         f"twice (also on line "
                                                         f"{seen[entry['id']]})"))
            continue
        seen[entry["id"]] = line
        own, found = (_typed(document, ("branches", index, "values"), variables)
                      if "values" in entry else ({}, []))
        problems += found
        branches.append(Branch(entry["id"], entry["name"], own, line))
    if problems:
        raise AnswersError(sorted(problems))
    effective = data.get("effective_date")
    return Answers(document, values, data.get("kit"), data.get("document"), data.get("country"),
                   data.get("channels"),
                   datetime.date.fromisoformat(effective) if effective else None,
                   data.get("version"), list(data.get("left_out", [])), branches)


class _Explainer:
    """Messages for the errors where the usual ones would say too little or too much: a
    variable that does not exist, a business-wide variable given for a branch, an
    unknown block or kit."""

    LISTED = 8
    """Enums longer than this are not listed in a message; the closest is suggested."""

    def __init__(self, library: Library) -> None:
        self.variables = library_variables(library)
        self.per_branch = [name for name, variable in self.variables.items()
                           if variable.per_branch]

    def __call__(self, error: ValidationError,
                 path: tuple[Any, ...]) -> list[tuple[JsonPath, str]] | None:
        if error.validator == "additionalProperties" and path[-1:] == ("values",):
            return [((*path, name), self.unknown(name, in_branch=len(path) > 1))
                    for name in unexpected_keys(error)]
        enum = error.validator_value if error.validator == "enum" else None
        if isinstance(enum, list) and len(enum) > self.LISTED:
            known = [str(choice) for choice in enum]
            what = "block" if path[:1] == ("left_out",) else "value"
            return [(path, f"{field_name(path)}: unknown {what} '{error.instance}'"
                           f"{suggest(str(error.instance), known)}")]
        if error.validator == "type" and path == ("version",):
            return [(path, f"'version' should be text, not {error.instance!r}: write it in "
                           f"quotes, such as version: \"{error.instance}\"")]
        if error.validator == "pattern" and path[-1:] == ("id",):
            return [(path, f"branch id {error.instance!r} is not valid: use lower-case "
                           "letters, digits and -, starting with a letter or digit "
                           "(it names the branch's file)")]
        return None

    def unknown(self, name: str, in_branch: bool) -> str:
        if in_branch and name in self.variables:
            return (f"'{name}' is not a per-branch value; give it once under 'values' "
                    f"(a branch may give: {', '.join(self.per_branch)})")
        return f"unknown variable '{name}'{suggest(name, self.variables)}"

