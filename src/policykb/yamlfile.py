"""Read a YAML file safely into plain Python data, keeping the line of every value.

Whatever the file holds (binary, empty, huge, deeply nested, YAML tags such as
``!!python/object``), the result is either data or a :class:`Problem`; never a
traceback and never an object built from a tag.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import Problem

MAX_FILE_BYTES = 1_000_000
"""A block is a few kilobytes; anything this large is a mistake, not content."""

MAX_VALUES = 100_000
"""The most values a file may expand to (YAML aliases can multiply a small file)."""

JsonPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Plain data from one file, with the line (1-based) of each key and list item."""

    path: Path
    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)

    def data_at(self, path: JsonPath) -> Any:
        """The value at ``path`` (keys and list indexes from the top)."""
        value = self.data
        for part in path:
            value = value[part]
        return value

    def line(self, path: JsonPath) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _TextDatesConstructor(RoundTripConstructor):
    """Keeps timestamps as text: the schema checks dates and can name the line."""


_TextDatesConstructor.add_constructor("tag:yaml.org,2002:timestamp",
                                      RoundTripConstructor.construct_yaml_str)


class _Rejected(Exception):
    """A value this loader refuses (a tag, a non-text key), with its line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_yaml(path: Path) -> YamlDocument | Problem:
    """Load ``path`` as YAML, or say precisely why it cannot be loaded."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        return Problem(path, 0, "is a folder, not a YAML file")
    except OSError as error:
        return Problem(path, 1, f"cannot read file: {error.strerror or error}")
    if len(raw) > MAX_FILE_BYTES:
        return Problem(path, 1, f"file is too large ({len(raw):,} bytes; the limit is "
                                f"{MAX_FILE_BYTES:,})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(path, line, "file is not UTF-8 text")
    if "\x00" in text:
        return Problem(path, text[: text.index("\x00")].count("\n") + 1,
                       "file holds a NUL byte; it is not a text file")
    if not text.strip():
        return Problem(path, 1, "file is empty")
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _TextDatesConstructor
    try:
        loaded = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        reason = error.problem or error.context or "invalid YAML"
        return Problem(path, line, f"YAML syntax error: {reason}")
    except YAMLError as error:
        return Problem(path, 1, f"YAML syntax error: {str(error).splitlines()[0]}")
    except RecursionError:
        return Problem(path, 1, "YAML is nested too deeply")
    except Exception as error:
        return Problem(path, 1, f"cannot read YAML: {error}")
    document = YamlDocument(path, None, {(): 1})
    try:
        document.data = _Converter(document.lines).plain(loaded, (), 1)
    except _Rejected as error:
        return Problem(path, error.line, error.message)
    except RecursionError:
        return Problem(path, 1, "YAML is nested too deeply")
    return document


def _tag_of(node: Any) -> str | None:
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", None)
    return value if isinstance(value, str) and value else None


class _Converter:
    """Turns ruamel's round-trip objects into dict/list/str/int/float/bool/None."""

    def __init__(self, lines: dict[JsonPath, int]) -> None:
        self.lines = lines
        self.budget = MAX_VALUES

    def plain(self, node: Any, path: JsonPath, line: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _Rejected(line, f"file expands to more than {MAX_VALUES:,} values "
                                  "(are YAML aliases repeating a large part?)")
        tag = _tag_of(node)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Rejected(line, f"YAML tag '{shown}' is not allowed; write plain values")
        if isinstance(node, CommentedMap):
            if node.merge:
                raise _Rejected(line, "YAML merge key '<<' is not allowed; write the values "
                                      "out in full")
            result: dict[str, Any] = {}
            for key, value in node.items():
                position = node.lc.key(key)
                key_line = position[0] + 1 if position else line
                if not isinstance(key, str):
                    raise _Rejected(key_line, f"key {key!r} must be text")
                self.lines[(*path, key)] = key_line
                result[key] = self.plain(value, (*path, key), key_line)
            return result
        if isinstance(node, CommentedSeq):
            items = []
            for index, value in enumerate(node):
                item_line = node.lc.item(index)[0] + 1
                self.lines[(*path, index)] = item_line
                items.append(self.plain(value, (*path, index), item_line))
            return items
        return _scalar(node, line)


def _scalar(node: Any, line: int) -> Any:
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, datetime.date):  # also datetime.datetime
        return node.isoformat()
    raise _Rejected(line, f"unsupported YAML value of type {type(node).__name__}")
