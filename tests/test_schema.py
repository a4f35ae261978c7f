"""The JSON Schemas (used by editors) and the typed model describe the same format."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from policykb.countries import COUNTRY_FIELDS
from policykb.model import WEEKDAYS, Block, Clause, HourCycle, Kit, Unit, Variable, VariableType
from policykb.schema import SCHEMA_NAMES, load_schema

from .conftest import PROJECT

# Fields the loader derives (file, line, name from the key) or folds into other fields.
DERIVED = {"path", "line", "name", "is_global", "base_amount"}
# Keys of the files that the model keeps inside other objects: a note becomes the
# translator comment of the texts it annotates.
FOLDED = {"note"}


def schema_keys(schema: dict[str, object]) -> set[str]:
    properties = schema["properties"]
    assert isinstance(properties, dict)
    return set(properties) - FOLDED


def model_keys(cls: type) -> set[str]:
    return {field.name for field in fields(cls)} - DERIVED


@pytest.mark.parametrize(("schema", "cls"), [
    (load_schema("block"), Block),
    (load_schema("block")["$defs"]["clause"], Clause),
    (load_schema("variable"), Variable),
    (load_schema("kit"), Kit),
])
def test_schema_fields_match_the_model(schema: dict[str, object], cls: type) -> None:
    assert schema_keys(schema) == model_keys(cls)


def test_enumerations_match_the_model() -> None:
    variable = load_schema("variable")
    assert variable["properties"]["type"]["enum"] == [kind.value for kind in VariableType]
    assert variable["properties"]["unit"]["enum"] == [unit.value for unit in Unit]
    weekdays = [rule["then"]["properties"]["default"] for rule in variable["allOf"]
                if rule["if"]["properties"]["type"].get("const") == "weekdays"]
    assert weekdays[0]["items"]["enum"] == list(WEEKDAYS)


def test_every_variable_type_has_a_default_rule() -> None:
    covered: set[str] = set()
    for rule in load_schema("variable")["allOf"]:
        kind = rule["if"]["properties"]["type"]
        covered.update(kind.get("enum", [kind.get("const")]))
    assert covered == {kind.value for kind in VariableType}


def test_schemas_are_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator

    for name in SCHEMA_NAMES:
        Draft202012Validator.check_schema(load_schema(name))


def test_kb_files_point_editors_at_the_schemas() -> None:
    for path in sorted((PROJECT / "kb").rglob("*.yaml")):
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: {target}"
        json.loads(target.read_text("utf-8"))


def test_country_fields_match_the_model() -> None:
    country = load_schema("country")
    assert country["properties"]["hour_cycle"]["enum"] == [cycle.value for cycle in HourCycle]
    variable = load_schema("variable")
    assert variable["properties"]["country"]["enum"] == list(COUNTRY_FIELDS)
