"""Check YAML documents against the JSON Schemas that editors use too.

The schemas in ``policykb/schemas/`` are the single description of the file
formats: a YAML language server validates kb files with them as they are typed,
and :func:`schema_problems` turns the same errors into ``file:line`` messages.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from .problems import Problem
from .yamlfile import YamlDocument

SCHEMA_NAMES = ("block", "kit", "categories", "variables", "variable", "country")


def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (see :data:`SCHEMA_NAMES`)."""
    text = resources.files("policykb.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(name: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resources(
        (f"{other}.schema.json", Resource.from_contents(load_schema(other)))
        for other in SCHEMA_NAMES
    )
    return Draft202012Validator(
        load_schema(name), registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_problems(document: YamlDocument, name: str) -> list[Problem]:
    """Every way ``document`` breaks schema ``name``, one problem per error, ordered by line."""
    return validator_problems(document, _validator(name))


Explain = Callable[[ValidationError, tuple[Any, ...]], list[tuple[tuple[Any, ...], str]] | None]
"""Own messages for an error: (path of the line, message) pairs, or None for the usual one."""


def validator_problems(document: YamlDocument, validator: Draft202012Validator,
                       explain: Explain | None = None) -> list[Problem]:
    """Every way ``document`` breaks ``validator``'s schema, one problem per error (or the
    messages ``explain`` gives for it), at the line of the offending key, ordered by line."""
    problems: set[Problem] = set()
    for error in validator.iter_errors(document.data):
        for leaf in _leaves(error):
            path = tuple(leaf.absolute_path)
            own = explain(leaf, path) if explain is not None else None
            if own is None:
                own = [(_line_path(leaf, path), _message(leaf, path))]
            problems.update(Problem(document.path, document.line(where), message)
                            for where, message in own)
    return sorted(problems)


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The most specific errors under ``error`` (``allOf``/``if`` wrap the useful ones)."""
    if error.context:
        return [leaf for child in error.context for leaf in _leaves(child)]
    return [error]


def _line_path(error: ValidationError, path: tuple[Any, ...]) -> tuple[Any, ...]:
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = unexpected_keys(error)
        if extra:
            return (*path, extra[0])
    return path


def unexpected_keys(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
    instance = error.instance if isinstance(error.instance, dict) else {}
    return sorted(key for key in instance if key not in allowed)


def field_name(path: tuple[Any, ...]) -> str:
    if not path:
        return "the file"
    shown = ""
    for part in path:
        shown += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if shown else part)
    return f"'{shown}'"


_TYPE_NAMES = {
    "object": "a mapping (key: value)",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    return "empty" if value is None else type(value).__name__


def _pattern_rule(pattern: str) -> str:
    if pattern.startswith("^https://"):
        return "write an https:// address"
    if pattern.startswith("^\\+"):
        return "write the number in international form: + and the country code, then digits"
    if pattern.startswith("^[0-9]"):
        return "write digits only"
    if ":" in pattern:
        return "write a 24-hour time as HH:MM"
    if "A-Z" in pattern:
        return "write a three-letter ISO 4217 currency code such as EUR or PHP"
    if "_" in pattern:
        return "use lower-case letters, digits and _ (starting with a letter)"
    return "use lower-case letters, digits and -"


def _message(error: ValidationError, path: tuple[Any, ...]) -> str:
    kind = error.validator
    where = field_name(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else error.message
        return f"missing field '{missing}'" + ("" if not path else f" in {where}")
    if kind == "additionalProperties":
        extra = unexpected_keys(error)
        allowed = sorted(schema.get("properties", {}))
        names = ", ".join(f"'{key}'" for key in extra)
        hint = ""
        if len(extra) == 1:
            close = difflib.get_close_matches(extra[0], allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown field {names}{hint}; expected one of: {', '.join(allowed)}"
    expected: Any = error.validator_value
    if kind == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(str(name), str(name)) for name in kinds)
        return f"{where} should be {wanted}, not {_describe(error.instance)}"
    if kind == "enum":
        choices = ", ".join(str(choice) for choice in expected)
        return f"{where} is {error.instance!r}; expected one of: {choices}"
    if kind == "const":
        return f"{where} should be {error.validator_value!r}"
    if kind == "pattern":
        rule = _pattern_rule(str(error.validator_value))
        return f"{where} {error.instance!r} is not valid: {rule}"
    if kind in ("minLength", "minItems", "minProperties"):
        return f"{where} must not be empty"
    if kind == "maxProperties":
        return f"{where} takes one entry"
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return f"{where} must be {bound} {error.validator_value}, not {error.instance!r}"
    if kind == "uniqueItems":
        return f"{where} lists the same entry twice"
    if kind == "format":
        return f"{where} {error.instance!r} is not a valid {error.validator_value} " \
               "(write it as YYYY-MM-DD)"
    if kind == "dependentRequired":
        return f"{where}: {error.message}"
    return f"{where}: {error.message}"
