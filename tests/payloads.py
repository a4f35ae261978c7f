"""Hostile values a business might type, shared by the CLI and the browser tests.

Each one must come out of a Markdown or HTML policy as the same literal text: no
HTML, no link or image, no emphasis, heading, list item, quote or code from a value.
"""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

VALUES = [
    "Smith *Best* Shop", "Smith _Best_ Shop", "**Bold** move", "~~gone~~ shop",
    "<script>window.pwned=1</script>", '<img src=x onerror="window.pwned=1">',
    "<b>bold</b>", "<!-- hidden -->", "<div>", "<a href='javascript:window.pwned=1'>x</a>",
    "<https://evil.example>", "[click](javascript:window.pwned=1)",
    "![x](https://evil.example/x.png)", "[ref]: https://evil.example", "`code`",
    "```js", "~~~", "# Heading", "## Heading", "- item", "+ item", "* item", "1. item",
    "1) item", "> quote", "---", "===", "| a | b |", "&lt;script&gt;", "&#60;img&#62;",
    "Smith&#42;Best&#42;", "a\\*b", "\\<script>", "Smith & Sons", "50% off",
]
"""Values of a text field; ``Smith *Best* Shop`` must stay literal."""

_TEXT = {"text", "text_special", "softbreak"}


def assert_literal_in_markdown(markdown: str, value: str, following: str) -> None:
    """``value`` followed by ``following`` is a paragraph's plain text once a CommonMark
    tool renders ``markdown``; nothing in the document is HTML, a link or an image."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert not [token for token in tokens if token.type == "html_block"], markdown
    found = []
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        kinds = {child.type for child in token.children or []}
        assert not kinds & {"html_inline", "link_open", "image"}, (value, markdown)
        text = "".join(child.content for child in token.children or [] if child.type in _TEXT)
        if text.startswith(f"{value} {following}"):
            assert tokens[index - 1].type in ("paragraph_open", "list_item_open"), value
            assert kinds <= _TEXT, (value, kinds)
            found.append(text)
    assert found, (value, markdown)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_literal_in_html(page: str, value: str, following: str) -> None:
    """``value`` followed by ``following`` is text of ``page``, which has no element a
    value could have brought (script, img, a, b, svg, div)."""
    parser = _Tags()
    parser.feed(page)
    assert not parser.tags & {"script", "img", "a", "b", "svg", "div", "iframe"}, value
    assert f"{value} {following}" in " ".join("".join(parser.text).split()), value
