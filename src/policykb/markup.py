"""The small inline markup allowed in library text.

Library text is plain text with four additions and nothing else, so that it can
never become raw HTML, include a file or run a directive:

* ``{name}`` a placeholder for a variable (``{{`` and ``}}`` write literal braces);
* ``**strong**`` and ``*emphasis*``;
* ``:block:`block-id``` a link to another block, shown with that block's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ROLES = ("block",)
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")

_TOKEN = re.compile(
    r"""
      (?P<lbrace>\{\{) | (?P<rbrace>\}\})
    | \{(?P<placeholder>[^{}]*)\}
    | \*\*(?P<strong>[^*]+?)\*\*
    | \*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*
    | :(?P<role>[a-z][a-z-]*):`(?P<target>[^`]*)`
    | (?P<brokenrole>:[a-z][a-z-]*:`)
    | (?P<stray>[{}])
    """,
    re.VERBOSE,
)


_KINDS = ("lbrace", "rbrace", "placeholder", "strong", "em", "role", "brokenrole", "stray")


@dataclass(frozen=True)
class Literal:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Placeholder:
    """A ``{name}`` to be replaced by a variable's value."""

    name: str


@dataclass(frozen=True)
class Styled:
    """``**strong**`` or ``*emphasis*`` around literal text and placeholders."""

    style: str
    children: tuple[Literal | Placeholder, ...]


@dataclass(frozen=True)
class Role:
    """``:role:`target```; the only role is ``block``."""

    name: str
    target: str


Segment = Literal | Placeholder | Styled | Role


@dataclass(frozen=True)
class Parsed:
    """The segments of a text and the mistakes found in it."""

    segments: tuple[Segment, ...]
    errors: tuple[str, ...]

    def placeholders(self) -> list[str]:
        """Placeholder names in order of appearance (repeats kept)."""
        names: list[str] = []
        for segment in self.segments:
            inner = segment.children if isinstance(segment, Styled) else (segment,)
            names.extend(part.name for part in inner if isinstance(part, Placeholder))
        return names

    def roles(self) -> list[Role]:
        """The roles used, in order."""
        return [segment for segment in self.segments if isinstance(segment, Role)]


@lru_cache(maxsize=65_536)
def parse(text: str, *, allow_styles: bool = True) -> Parsed:
    """Split ``text`` into segments, collecting every markup mistake."""
    segments: list[Segment] = []
    errors: dict[str, None] = {}  # each mistake once, in order
    literal: list[str] = []  # plain text not yet added: joined once (linear time)

    def flush() -> None:
        if literal:
            segments.append(Literal("".join(literal)))
            literal.clear()

    def add(segment: Segment) -> None:
        if isinstance(segment, Literal):
            literal.append(segment.text)
        else:
            flush()
            segments.append(segment)

    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            literal.append(text[position : match.start()])
        position = match.end()
        kind = next(name for name in _KINDS if match.group(name) is not None)
        if kind == "lbrace":
            literal.append("{")
        elif kind == "rbrace":
            literal.append("}")
        elif kind == "placeholder":
            add(_placeholder(match.group("placeholder"), errors))
        elif kind in ("strong", "em") and allow_styles:
            inner = parse(match.group(kind), allow_styles=False)
            errors.update(dict.fromkeys(inner.errors))
            children = tuple(s for s in inner.segments if isinstance(s, Literal | Placeholder))
            add(Styled(kind, children))
        elif kind in ("strong", "em"):
            literal.append(match.group(0))
        elif kind == "role":
            name, target = match.group("role"), match.group("target")
            if name not in ROLES:
                errors.setdefault(f"unknown role ':{name}:'; the only role is :block:`block-id`")
            add(Role(name, target.strip()))
        elif kind == "brokenrole":
            errors.setdefault(f"broken role '{match.group(0)}': the closing ` is missing")
            literal.append(match.group(0))
        else:
            errors.setdefault(f"unbalanced '{match.group(0)}': write '{match.group(0) * 2}' "
                              "for a literal brace")
            literal.append(match.group(0))
    if position < len(text):
        literal.append(text[position:])
    flush()
    return Parsed(tuple(segments), tuple(errors))


def _placeholder(name: str, errors: dict[str, None]) -> Segment:
    if NAME.match(name):
        return Placeholder(name)
    errors.setdefault(f"malformed placeholder '{{{name}}}': use lower-case letters, digits and _")
    return Literal("{" + name + "}")


def plain_text(text: str) -> str:
    """``text`` without markup: emphasis unwrapped, roles as their target, braces unescaped."""
    parts: list[str] = []
    for segment in parse(text).segments:
        inner = segment.children if isinstance(segment, Styled) else (segment,)
        for part in inner:
            if isinstance(part, Literal):
                parts.append(part.text)
            elif isinstance(part, Placeholder):
                parts.append("{" + part.name + "}")
            else:
                parts.append(part.target)
    return "".join(parts)
