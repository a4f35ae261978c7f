"""Assemble one translated, filled policy from a kit (or chosen blocks), offline.

The result is the policy a business builds in the browser: the kit's title and
introduction, then each block with the clauses that apply to the business's
values, every placeholder replaced by its value formatted for the reader's
locale. Text without a publishable translation is shown in English.

The steps are plain functions: :func:`policykb.answers.read_answers` (the answers
file, checked like the library's defaults), :func:`build_document` (a small document
model), :func:`render_markdown`, :func:`render_html`, :func:`render_docx` and
:func:`render_text`, and :func:`policykb.files.write_atomically`; :func:`assemble` runs
them all for the command line.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import io
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.core import get_global
from babel.lists import format_list

from . import docmodel, documents, markup, structured
from .answers import CHANNELS, Answers, AnswersError, Branch, library_variables, read_answers
from .cache import FileCache
from .countries import (
    country_for_language,
    country_name,
    for_country,
    money_default,
    warning_holds,
)
from .files import write_atomically
from .formatting import after_value, format_value
from .i18n import Localizer, load_interface, load_kb_translations
from .languages import SOURCE_LANGUAGE
from .loader import load_library, suggest
from .model import LISTS_BRANCHES, SWITCHES, Block, Kit, Library, Text, Variable, VariableType
from .plurals import plural_rule
from .problems import Problem, display_path
from .yamlfile import YamlDocument

SNIPPET = ".snippet.html"
FORMATS = (".md", ".html", SNIPPET, ".docx", ".jsonld", ".txt")
"""The output formats, by how the output file's name ends."""


class AssembleError(Exception):
    """Why no policy was written: one message per problem, all found at once."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)


# -- the document model -------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Plain text, possibly strong and/or emphasised. Never markup: renderers escape it."""

    text: str
    strong: bool = False
    emphasis: bool = False


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    """A heading of level 1 (the policy), 2 (a block) or 3 (a part of a block)."""

    level: int
    content: Inline


@dataclass(frozen=True)
class Paragraph:
    """One paragraph."""

    content: Inline


@dataclass(frozen=True)
class ItemList:
    """A numbered or bulleted list; each item one paragraph."""

    numbered: bool
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; every cell is plain text (the table of branches)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Part = Heading | Paragraph | ItemList | Table


@dataclass
class Document:
    """An assembled policy, and how much of its text is translated."""

    lang: str
    title: str
    parts: list[Part] = field(default_factory=list)
    texts: int = 0
    untranslated: int = 0
    footer: str = ""
    """The running footer of printed pages (with the page number), if any."""
    structured: dict[str, Any] | None = None
    """Its schema.org data (JSON-LD), for a returns policy (:mod:`policykb.structured`)."""
    samples: dict[str, str] = field(default_factory=dict)
    """The samples it shows where the business's own details belong (name: text shown)."""


def plain(content: Inline) -> str:
    """The text of ``content`` without styles."""
    return "".join(run.text for run in content)


_SPACE = re.compile(r"[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+")


def _clean(text: str) -> str:
    """Text safe for every format: line breaks become spaces, control characters go."""
    text = _SPACE.sub(" ", text)
    return "".join(char for char in text if unicodedata.category(char) not in ("Cc", "Cs")
                   and char not in "\ufffe\uffff")


def _tidy(runs: list[Run]) -> Inline:
    """Runs cleaned, merged where the style is the same, without outer spaces."""
    merged: list[Run] = []
    for run in runs:
        text = _clean(run.text)
        if not text:
            continue
        if merged and (merged[-1].strong, merged[-1].emphasis) == (run.strong, run.emphasis):
            merged[-1] = Run(merged[-1].text + text, run.strong, run.emphasis)
        else:
            merged.append(Run(text, run.strong, run.emphasis))
    if merged:
        first, last = merged[0], merged[-1]
        merged[0] = Run(first.text.lstrip(), first.strong, first.emphasis)
        merged[-1] = Run(merged[-1].text.rstrip(), last.strong, last.emphasis)
    return tuple(run for run in merged if run.text)


class _Filler:
    """The document model (:mod:`policykb.docmodel`) in one language with the business's
    values filled in: the same rules as the page script (``policykb.js``)."""

    def __init__(self, library: Library, localizer: Localizer,
                 values: Mapping[str, Any], interface: Mapping[str, str] | None = None) -> None:
        self.library = library
        self.localizer = localizer
        self.interface = interface or {}
        self.locale = localizer.language.locale
        self.values = values
        self.variables = library_variables(library)
        self.hour_cycle = library.country.hour_cycle if library.country else None
        self.texts = 0
        self.untranslated = 0
        self.samples: dict[str, str] = {}
        """The sample values written for want of the business's own, by variable name."""
        self.switches = dict.fromkeys(SWITCHES, False)
        """The switches the document sets (:data:`policykb.model.SWITCHES`)."""

    def ui(self, message: str) -> str:
        """An interface message (``policykb.po``) in the policy's language, else English."""
        return self.interface.get(message, message)

    def say(self, text: docmodel.Data) -> Inline:
        """A text of the model with the values filled in; counted for the coverage."""
        self.texts += 1
        self.untranslated += bool(text.get("en"))
        return self.fill(text["s"])

    def inline(self, value: str) -> Inline:
        """Library markup in the policy's language with the values filled in."""
        return self.fill(docmodel.segments(value, self.library, self.localizer))

    def fill(self, segments: Sequence[docmodel.Data]) -> Inline:
        """Segments as runs: each placeholder's value written for the reader; a full stop
        after a value that ends with one is left out (:func:`after_value`)."""
        runs: list[Run] = []
        filled = ""  # the value just filled in, if the previous segment was one
        for segment in segments:
            style = segment.get("style")
            if "v" in segment:
                filled = self.placeholder(segment["v"])
                text = filled
            else:
                text, filled = after_value(filled, segment["t"]), ""
            runs.append(Run(text, style == "strong", style == "em"))
        return _tidy(runs)

    def clause(self, clause: docmodel.Data) -> Inline:
        """A clause; a plural clause in the form its count's value asks for."""
        if "forms" not in clause:
            return self.say(clause["text"])
        count = int(self.value(clause["count"]) or 0)
        rule = plural_rule(SOURCE_LANGUAGE if clause.get("en") else self.localizer.lang)
        forms = clause["forms"]
        self.texts += 1
        self.untranslated += bool(clause.get("en"))
        return self.fill(forms[min(rule.index(count), len(forms) - 1)]["s"])

    def applies(self, clause: docmodel.Data) -> bool:
        """True when every ``when`` condition of ``clause`` holds for the values."""
        return all((self.switches[name] if name in self.switches else self.value(name))
                   == wanted for name, wanted in clause["when"].items())

    def value(self, name: str) -> Any:
        """The business's value of the variable ``name``, else its default."""
        return self.value_of(self.variables.get(name))

    def value_of(self, variable: Variable | None) -> Any:
        """The business's value of ``variable``, else its default."""
        if variable is None:
            return None
        if variable.name in self.values:
            return self.values[variable.name]
        if variable.type is VariableType.MONEY:
            return money_default(self.library, variable, self.currency_of(variable))
        return variable.default

    def structured(self, block_ids: Sequence[str]) -> dict[str, Any] | None:
        """The schema.org data of a document of these blocks (a returns policy's)."""
        country = self.library.country
        return structured.return_policy(block_ids, self.value,
                                        self.placeholder("business_name"),
                                        country.territory if country else None)

    def currency_of(self, variable: Variable) -> str | None:
        """The currency of a money variable: its own, else the business's, else the default."""
        business = self.library.business_currency()
        if variable.currency is None and business is not None and business.name in self.values:
            return str(self.values[business.name])
        return self.library.currency_of(variable)

    def placeholder(self, name: str) -> str:
        """The value of ``name`` written for the reader (``[label]`` while it has none)."""
        variable = self.variables.get(name)
        if variable is None:
            return "{" + name + "}"
        written = self.written(variable)
        if variable.sample and name not in self.values:
            self.samples.setdefault(name, written)
        return written

    def written(self, variable: Variable) -> str:
        """The value of ``variable`` as the reader sees it."""
        value = self.value_of(variable)
        if value is None:  # no default, no value: the label in brackets, as on the site
            return f"[{self.localizer.text(variable.label)}]"
        if isinstance(value, Text):
            return markup.plain_text(self.localizer.text(value))
        if variable.type is VariableType.CHOICE:
            return self.localizer.text(variable.options[value])
        return format_value(variable.type, value, self.locale, self.currency_of(variable),
                            self.hour_cycle, self.ui)

    def branch_table(self, model: docmodel.Data, branches: Sequence[Branch]) -> list[Part]:
        """The end of a business-wide document with branches: a level-2 heading (the frame
        word ``branches``, "Our branches") and a table. Its first column is each branch's
        name (header: the frame word ``branchColumn``, "Branch"); then one column for each
        variable of ``model["branchVariables"]`` that at least one branch gives a (non-empty)
        value of, in that order, headed by the variable's label. A cell is the value as the
        text writes it (:meth:`placeholder` with the branch's values over the business's):
        the branch's own, else the business-wide one, else its default, a sample or
        ``[label]`` like anywhere in the document, so no cell is empty; a sample in a cell
        is a sample the document shows. One row per branch, in the order of the answers
        file. Every header and cell is cleaned like a run (:func:`_tidy`: line breaks and
        separators become spaces, control characters go, no outer spaces)."""
        columns = [column for column in model["branchVariables"]
                   if any(column["name"] in branch.values for branch in branches)
                   and self.applies(column)]
        rows = []
        for branch in branches:
            edition = _Filler(self.library, self.localizer, {**self.values, **branch.values},
                              self.interface)
            rows.append(tuple(_cell(text) for text in [
                branch.name, *(edition.placeholder(column["name"]) for column in columns)]))
            for name, shown in edition.samples.items():
                self.samples.setdefault(name, shown)
        words = docmodel.frame_model(self.localizer, self.ui)
        header = (words["branchColumn"], *(column["label"] for column in columns))
        return [Heading(2, _tidy([Run(words["branches"])])),
                Table(tuple(_cell(text) for text in header), tuple(rows))]

    def block(self, block: docmodel.Data, kind: str | None) -> list[Part]:
        """The parts of a block of the model that apply (and, with ``kind``, belong in that
        document): a heading only above a clause shown, a run of list clauses one list."""
        parts: list[Part] = []
        for group in block["groups"]:
            body: list[Part] = []
            for run in group["runs"]:
                shown = [self.clause(clause) for clause in run["clauses"]
                         if (kind is None or kind in clause["documents"])
                         and self.applies(clause)]
                if not shown:
                    continue
                if run["list"] is None:
                    body += [Paragraph(content) for content in shown]
                else:
                    body.append(ItemList(run["list"] == "numbered", tuple(shown)))
            if body and group["heading"] is not None:
                parts.append(Heading(3, self.say(group["heading"])))
            parts += body
        return parts


def _cell(text: str) -> str:
    """A table cell's text, cleaned like a run (:func:`_tidy`)."""
    return plain(_tidy([Run(text)]))


def legal_warnings(library: Library, blocks: Sequence[Block], values: Mapping[str, Any],
                   localizer: Localizer) -> list[str]:
    """The warnings against the country's law that hold for these values, in the policy's
    language, each with the block it concerns and its source."""
    filler = _Filler(library, localizer, values)
    country = library.country
    found = []
    for block in blocks:
        def value_of(name: str, block: Block = block) -> Any:
            return filler.value_of(library.variable(block, name))

        for warning in block.warnings:
            if warning_holds(warning, country, value_of):
                assert country is not None
                text = markup.plain_text(localizer.text(warning.text))
                found.append(f"{block.id}: {text} ({country.facts[warning.fact].source})")
    return found


def sample_warnings(document: Document) -> list[str]:
    """One warning for each sample the document shows where the business's own detail
    belongs (a variable marked ``sample: true`` that the values do not give)."""
    return [f"'{name}' is {'not filled in' if shown.startswith('[') else 'a sample'}: the "
            f"document shows '{shown}' where your own belongs; give {name} in the values file"
            for name, shown in document.samples.items()]


def kit_blocks(library: Library, kit: Kit, include_optional: bool = True) -> list[Block]:
    """The blocks of ``kit`` in order; optional ones only with ``include_optional``."""
    return [library.blocks[ref.block] for ref in kit.blocks
            if ref.block in library.blocks and (include_optional or not ref.optional)]


def document_model(library: Library, blocks: Sequence[Block], localizer: Localizer,
                   kit: Kit | None, ui: Callable[[str], str]) -> docmodel.Data:
    """The model of ``blocks`` (of ``kit``, else chosen ones: then the title lists them)."""
    if kit is not None:
        return docmodel.kit_model(
            library, localizer, blocks, kit, docmodel.text_model(kit.title, library, localizer),
            [docmodel.text_model(text, library, localizer) for text in kit.introduction], ui)
    names = [markup.plain_text(localizer.text(block.title)) for block in blocks]
    title = docmodel.plain(format_list(names, locale=localizer.language.locale) if names
                           else "")
    return docmodel.kit_model(library, localizer, blocks, None, title, [], ui)


def build_document(library: Library, blocks: Sequence[Block], values: Mapping[str, Any],
                   localizer: Localizer, kit: Kit | None = None,
                   interface: Mapping[str, str] | None = None,
                   frame: documents.Frame | None = None,
                   branches: Sequence[Branch] = ()) -> Document:
    """The policy: the kit's title (H1) and introduction, then each block (H2) with the
    clauses that apply. Without a kit the title lists the blocks' titles.

    With ``frame``, the document of its kind: a title with the business's name, the
    frame (effective date, version, branch, next review, country, language), and each
    block that goes in it and has a clause in it; never the kit's introduction, which is
    for the owner. With ``branches``, it ends with the table of branches
    (:meth:`_Filler.branch_table`)."""
    filler = _Filler(library, localizer, values, interface)
    model = document_model(library, blocks, localizer, kit, filler.ui)
    return render_model(filler, model, frame, branches)


def render_model(filler: _Filler, model: docmodel.Data, frame: documents.Frame | None,
                 branches: Sequence[Branch] = ()) -> Document:
    """The document of ``model`` (all of it, or the document of ``frame``'s kind), ending
    with the table of ``branches`` if there are any."""
    lang = filler.localizer.lang
    if frame is None:
        title = filler.say(model["title"])
        document = Document(lang, plain(title), [Heading(1, title), *(
            Paragraph(filler.say(text)) for text in model["introduction"])])
    else:
        words = docmodel.frame_model(filler.localizer, filler.ui)
        title = _tidy([Run(words["titles"][frame.kind].format(
            business_name=filler.placeholder("business_name")))])
        document = Document(lang, plain(title), [Heading(1, title), *(
            Paragraph(_tidy([Run(line)])) for line in frame_lines(filler, words, frame))],
            footer=f"{plain(title)} · {frame.version}")
    kind = None if frame is None else str(frame.kind)
    filler.switches[LISTS_BRANCHES] = bool(branches)
    shown = []
    for block in model["blocks"]:
        if kind is not None and kind not in block["documents"]:
            continue
        parts = filler.block(block, kind)
        if parts or kind is None:
            document.parts += [Heading(2, filler.say(block["title"])), *parts]
            shown.append(block["id"])
    if branches:
        document.parts += filler.branch_table(model, branches)
    document.texts, document.untranslated = filler.texts, filler.untranslated
    document.structured = filler.structured(shown)
    document.samples = dict(filler.samples)
    return document


def frame_lines(filler: _Filler, words: docmodel.Data, frame: documents.Frame) -> list[str]:
    """The lines under a document's title: in force from, version, branch (in a branch's
    edition), next review, country (where the profile is a country), language."""
    lines = [words["effective"].format(date=docmodel.long_date(frame.effective,
                                                               filler.localizer)),
             words["version"].format(version=frame.version),
             *([words["branch"].format(branch=frame.branch)] if frame.branch else []),
             words["nextReview"].format(date=docmodel.long_date(frame.next_review,
                                                                filler.localizer))]
    country = filler.library.country
    if country is not None and country.territory is not None:
        lines.append(words["country"].format(country=country_name(
            country, filler.locale, filler.localizer.text)))
    lines.append(words["language"].format(language=words["languageName"]))
    return lines


# -- Markdown ---------------------------------------------------------------------


_MD_SPECIAL = re.compile(r"([\\`*_\[<~])|&(?=#?[0-9A-Za-z]+;)")
_MD_LINE_START = re.compile(r"(?:[#>+=|-]|(\d{1,9})[.)])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(lambda match: "\\" + match.group(0), text)


def _md_inline(content: Inline) -> str:
    parts = []
    for run in content:
        text = _md_escape(run.text)
        core = text.strip()
        if not core or not (run.strong or run.emphasis):
            parts.append(text)
            continue
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if run.emphasis:
            core = f"_{core}_"
        if run.strong:
            core = f"**{core}**"
        parts.append(lead + core + trail)
    line = "".join(parts)
    start = _MD_LINE_START.match(line)
    if start is None:
        return line
    if start.group(1) is not None:  # "12. " would start a numbered list
        digits = len(start.group(1))
        return line[:digits] + "\\" + line[digits:]
    return "\\" + line


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_md_escape(cell).replace("|", "\\|") for cell in cells) + " |"


def render_markdown(document: Document) -> str:
    """The policy as Markdown: #, ##, ### headings, numbered and bulleted lists, **, _; a
    table as a pipe table: ``| a | b |`` for the header, ``| --- | --- |``, a line per row,
    an empty line; each cell escaped like text (:func:`_md_escape`, without the escape at
    the start of a line) and its ``|`` written ``\\|``."""
    lines: list[str] = []
    for part in document.parts:
        if isinstance(part, Table):
            lines += [_md_row(part.header), "|" + " --- |" * len(part.header),
                      *(_md_row(row) for row in part.rows), ""]
        elif isinstance(part, Heading):
            text = _md_inline(part.content)
            if text.endswith("#"):
                text = text[:-1] + "\\#"
            lines += ["#" * part.level + " " + text, ""]
        elif isinstance(part, Paragraph):
            lines += [_md_inline(part.content), ""]
        else:
            for number, item in enumerate(part.items, 1):
                marker = f"{number}. " if part.numbered else "- "
                lines.append(marker + _md_inline(item))
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# -- HTML -------------------------------------------------------------------------


_CSS = """\
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.5;color:#111;\
background:#fff;max-width:45rem;margin:2rem auto;padding:0 1rem}
h1,h2,h3{line-height:1.25;break-after:avoid;page-break-after:avoid}
h2{margin-top:2rem;border-bottom:1px solid #ccc}
p,li{orphans:3;widows:3}
table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:start;vertical-align:top}
@page{size:A4;margin:2cm}
@media print{body{max-width:none;margin:0;padding:0;font-size:11pt}}"""


HTML_PAGE = (
    "<!DOCTYPE html>\n"
    '<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'\">\n"
    f"<title>{{title}}</title>\n<style>\n{_CSS}\n</style>\n{{data}}"
    "</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
)
"""A standalone page, no remote resources and no script but data: the CLI and the builder
(through the page data, policykb.js) fill the slots {lang}, {title} (both escaped), {data}
(the JSON-LD script element, or nothing) and {body}."""

_PAGE_SLOT = re.compile(r"\{(lang|title|data|body)\}")


def html_page(lang: str, title: str, body: str, data: dict[str, Any] | None = None) -> str:
    """:data:`HTML_PAGE` with its slots filled in one pass (a value never fills a slot)."""
    script = (f'<script type="application/ld+json">\n{structured.json_ld(data)}\n</script>\n'
              if data else "")
    values = {"lang": html.escape(lang, quote=True), "title": html.escape(title),
              "data": script, "body": body}
    return _PAGE_SLOT.sub(lambda slot: values[slot.group(1)], HTML_PAGE)


def html_inline(content: Inline) -> str:
    """One run of text as HTML: escaped, with <em> and <strong>."""
    parts = []
    for run in content:
        text = html.escape(run.text, quote=True)
        if run.emphasis:
            text = f"<em>{text}</em>"
        if run.strong:
            text = f"<strong>{text}</strong>"
        parts.append(text)
    return "".join(parts)


def html_table(table: Table) -> str:
    """A table as HTML, one element per line: ``<table>``, ``<thead>``, one ``<tr>`` of
    ``<th scope="col">`` cells, ``</thead>``, ``<tbody>``, a ``<tr>`` of ``<td>`` cells per
    row (each ``<tr>`` on one line), ``</tbody>``, ``</table>``; every cell escaped like
    text (:func:`html_inline`)."""
    def row(cells: Sequence[str], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{html.escape(cell, quote=True)}</{tag.split()[0]}>"
                                for cell in cells) + "</tr>"

    return "\n".join(["<table>", "<thead>", row(table.header, 'th scope="col"'), "</thead>",
                      "<tbody>", *(row(cells, "td") for cells in table.rows), "</tbody>",
                      "</table>"])


def html_body(document: Document, shift: int = 0) -> str:
    """The document's headings (each ``shift`` levels lower), paragraphs, lists and tables
    as HTML."""
    body = []
    for part in document.parts:
        if isinstance(part, Table):
            body.append(html_table(part))
        elif isinstance(part, Heading):
            level = part.level + shift
            body.append(f"<h{level}>{html_inline(part.content)}</h{level}>")
        elif isinstance(part, Paragraph):
            body.append(f"<p>{html_inline(part.content)}</p>")
        else:
            tag = "ol" if part.numbered else "ul"
            items = "".join(f"\n<li>{html_inline(item)}</li>" for item in part.items)
            body.append(f"<{tag}>{items}\n</{tag}>")
    return "\n".join(body)


def render_html(document: Document) -> str:
    """The policy as one standalone UTF-8 HTML page: no scripts, no remote resources."""
    return html_page(document.lang, document.title, html_body(document), document.structured)


HTML_SNIPPET = '<section lang="{lang}">\n{body}\n</section>\n'
"""A fragment to paste into a page of a website builder (its "HTML" or "embed" block): the
document in a section in its language, headings from h2 (the page has its own h1), no
style, script, class or attribute but ``lang``. The CLI (``-o policy.snippet.html``) and
the builder's "Copy HTML snippet" (the page data, policykb.js) fill {lang} and {body}."""


def render_snippet(document: Document) -> str:
    """The policy as :data:`HTML_SNIPPET`, every value escaped."""
    values = {"lang": html.escape(document.lang, quote=True), "body": html_body(document, 1)}
    return re.sub(r"\{(lang|body)\}", lambda slot: values[slot.group(1)], HTML_SNIPPET)


# -- Word ---------------------------------------------------------------------------


WORD_TITLE_LIMIT = 255
"""Word's title property holds at most this many characters."""


def shorten(text: str, limit: int) -> str:
    """``text``, cut at a word boundary and ended with an ellipsis if longer than ``limit``."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


def render_docx(document: Document) -> bytes:
    """The policy as a Word file: Heading 1-3, List Number / List Bullet, bold and italic
    runs, the title and language in the core properties. Nothing is linked or embedded."""
    import docx
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Mm

    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4
    if document.footer:
        _add_footer(section, document.footer)
    properties = word.core_properties
    properties.title = shorten(document.title, WORD_TITLE_LIMIT)
    properties.language = document.lang
    properties.author = properties.last_modified_by = ""
    properties.comments = properties.keywords = properties.subject = ""
    properties.created = properties.modified = datetime.datetime.now(datetime.UTC)
    properties.revision = 1
    run_properties = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/"
                                              f"{qn('w:rPr')}")
    if run_properties is not None:  # the proofing language of all text
        language = run_properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_properties.append(language)
        language.set(qn("w:val"), _language_tag(document.lang))

    def add(style: str | None, content: Inline) -> Any:
        paragraph = word.add_paragraph(style=style)
        for run in content:
            added = paragraph.add_run(run.text)
            added.bold = run.strong or None
            added.italic = run.emphasis or None
        return paragraph

    for part in document.parts:
        if isinstance(part, Table):
            _add_table(word, part)
        elif isinstance(part, Heading):
            add(f"Heading {part.level}", part.content)
        elif isinstance(part, Paragraph):
            add(None, part.content)
        elif not part.numbered:
            for item in part.items:
                add("List Bullet", item)
        else:
            number = _new_numbering(word)
            for item in part.items:
                paragraph = add("List Number", item)
                properties_element = paragraph._p.get_or_add_pPr()
                numbering = properties_element.get_or_add_numPr()
                numbering.get_or_add_ilvl().val = 0
                numbering.get_or_add_numId().val = number
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _add_table(word: Any, table: Table) -> None:
    """A Word table with grid lines: the header row in bold, repeated on every page."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    grid = word.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    for index, cells in enumerate([table.header, *table.rows]):
        for column, text in enumerate(cells):
            grid.cell(index, column).paragraphs[0].add_run(text).bold = index == 0 or None
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    word.add_paragraph()  # Word joins a table to one right after it


def _add_footer(section: Any, text: str) -> None:
    """A centred running footer: ``text``, then the page number and the number of pages."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{text} · ")
    for index, field_code in enumerate(("PAGE", "NUMPAGES")):
        if index:
            paragraph.add_run(" / ")
        run = paragraph.add_run()
        for kind, code in (("begin", None), (None, field_code), ("end", None)):
            if kind is not None:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = f" {code} "
            run._r.append(element)


def _language_tag(lang: str) -> str:
    """``uk`` -> ``uk-UA``: the language with its likely country, as Word's proofing wants."""
    likely = str(get_global("likely_subtags").get(lang, lang)).split("_")
    territory = next((part for part in likely[1:] if part.isupper() or part.isdigit()), None)
    return f"{lang}-{territory}" if territory else lang


def _new_numbering(word: Any) -> int:
    """A numbering of the List Number style that starts again at 1 (each list its own)."""
    numbering = word.part.numbering_part.numbering_definitions._numbering
    style_number = word.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_number).abstractNumId.val
    number = numbering.add_num(abstract)
    number.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(number.numId)


def render_text(document: Document) -> str:
    """The policy as plain text, as the builder's Copy writes it: a heading or paragraph is
    a line and an empty line; a list item a line starting ``1. `` (numbered) or ``- ``,
    an empty line after the list. A table: for each row, its first cell alone on a line,
    then a line ``<header>: <cell>`` for each other column, then an empty line (the header
    of the first column is not written). The text ends with one line break."""
    lines: list[str] = []
    for part in document.parts:
        if isinstance(part, Table):
            for row in part.rows:
                lines += [row[0], *(f"{header}: {cell}"
                                    for header, cell in zip(part.header[1:], row[1:],
                                                            strict=True)), ""]
        elif isinstance(part, ItemList):
            lines += [(f"{number}. " if part.numbered else "- ") + plain(item)
                      for number, item in enumerate(part.items, 1)]
            lines.append("")
        else:
            lines += [plain(part.content), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def output_format(path: Path) -> str | None:
    """The format of the file ``path`` names: the longest of :data:`FORMATS` it ends in."""
    name = path.name.lower()
    return max((suffix for suffix in FORMATS if name.endswith(suffix)), key=len, default=None)


def render(document: Document, suffix: str) -> bytes:
    """The document in the format of ``suffix`` (``.md``, ``.html``, ``.snippet.html``,
    ``.docx``, ``.txt``, or ``.jsonld``: its schema.org data alone, which only a returns
    policy has)."""
    suffix = suffix.lower()
    if suffix == SNIPPET:
        return render_snippet(document).encode("utf-8")
    if suffix == ".jsonld":
        if document.structured is None:
            raise ValueError(f"a {suffix} file holds a returns policy's schema.org data; "
                             f"this document has no return window ({structured.RETURN_WINDOW})")
        return (structured.json_ld(document.structured) + "\n").encode("utf-8")
    if suffix == ".md":
        return render_markdown(document).encode("utf-8")
    if suffix == ".html":
        return render_html(document).encode("utf-8")
    if suffix == ".docx":
        return render_docx(document)
    if suffix == ".txt":
        return render_text(document).encode("utf-8")
    raise ValueError(f"unknown format {suffix!r}; use one of {', '.join(FORMATS)}")


# -- writing --------------------------------------------------------------------------


# -- all together -------------------------------------------------------------------------


@dataclass
class Assembled:
    """What :func:`assemble` wrote, and what a reader should know about it."""

    output: Path
    document: Document
    blocks: int
    warnings: list[str] = field(default_factory=list)
    country: str | None = None
    """The id of the country whose defaults filled the policy."""
    files: list[Path] = field(default_factory=list)
    """Every file written: ``output``, or one per branch in it (``--all-branches``)."""


def select_blocks(library: Library, kit_id: str | None, block_ids: Sequence[str],
                  include_optional: bool = True) -> tuple[Kit | None, list[Block], list[str]]:
    """The kit and its blocks, or the blocks named; and the problems with the names."""
    if kit_id is not None:
        kit = library.kits.get(kit_id)
        if kit is None:
            known = ", ".join(sorted(library.kits)) or "none"
            return None, [], [f"unknown kit '{kit_id}'{suggest(kit_id, library.kits)}; "
                              f"the kits are: {known}"]
        return kit, kit_blocks(library, kit, include_optional), []
    problems = [f"unknown block '{name}'{suggest(name, library.blocks)}"
                for name in block_ids if name not in library.blocks]
    blocks = [library.blocks[name] for name in dict.fromkeys(block_ids)
              if name in library.blocks]
    if not block_ids:
        problems.append("name at least one block")
    return None, blocks, problems


def channel_values(channels: Sequence[str]) -> tuple[dict[str, bool], list[str]]:
    """The channel variables for the channels a business sells through (each on if
    named, off if not), and the problems with unknown channel names."""
    problems = [f"unknown sales channel '{name}'{suggest(name, CHANNELS)}; the channels are: "
                f"{', '.join(CHANNELS)}" for name in channels if name not in CHANNELS]
    if not channels:
        problems.append(f"name at least one sales channel: {', '.join(CHANNELS)}")
    return {variable: name in channels for name, variable in CHANNELS.items()}, problems


def choose_country(library: Library, lang: str,
                   country_id: str | None) -> tuple[Library, list[str]]:
    """The library with the defaults of ``country_id`` (a profile id such as ``gr``, any
    case), else of the language's country; and the problem with an unknown id."""
    if country_id is None:
        return for_country(library, country_for_language(library, lang)), []
    country = library.countries.get(country_id.lower())
    if country is None:
        known = ", ".join(sorted(library.countries)) or "none"
        return library, [f"unknown country '{country_id}'"
                         f"{suggest(country_id.lower(), library.countries)}; the country "
                         f"profiles are: {known}"]
    return for_country(library, country), []


def localizer_for(locale_dir: Path, lang: str) -> tuple[Localizer, list[str]]:
    """The localizer of ``lang`` from its kb catalogs, and warnings about them."""
    if lang == SOURCE_LANGUAGE:
        return Localizer(lang), []
    translations = load_kb_translations(locale_dir, lang, FileCache(None))
    warnings = []
    if not translations.files:
        warnings.append(f"no kb catalogs for '{lang}' in {display_path(locale_dir)}: "
                        "the policy is in English")
    elif translations.problems:
        count = len(translations.problems)
        warnings.append(f"{count} translation{'s' if count != 1 else ''} in "
                        f"{display_path(locale_dir)} cannot be used and English is shown "
                        "instead (see policykb check-po)")
    return Localizer(lang, translations), warnings


def leave_out(kit: Kit, blocks: Sequence[Block],
              answers: Answers) -> tuple[list[Block], list[str]]:
    """The blocks without those the answers file leaves out (``left_out``), and a problem
    for each one that the kit does not let a business leave out."""
    required = {ref.block for ref in kit.blocks if not ref.optional}
    problems = [str(Problem(answers.path, answers.line("left_out", index),
                            f"'{name}' is not an optional block of the kit '{kit.id}'; only "
                            "optional blocks can be left out"))
                for index, name in enumerate(answers.left_out) if name in required]
    return [block for block in blocks if block.id not in answers.left_out], problems


def editions(answers: Answers | None, branch_id: str | None,
             all_branches: bool) -> tuple[list[Branch | None], list[str]]:
    """The editions to write: the business-wide document (None), the branch ``branch_id``
    or every branch; and the problems with the choice."""
    if branch_id is None and not all_branches:
        return [None], []
    option = "--all-branches" if all_branches else "--branch"
    if answers is None or not answers.branches:
        where = f"; {display_path(answers.path)} has none" if answers is not None else ""
        return [], [f"{option} needs an answers file with branches (--values FILE, with "
                    f"'branches:'){where}"]
    if all_branches:
        return list(answers.branches), []
    assert branch_id is not None
    branch = answers.branch(branch_id)
    if branch is None:
        ids = [known.id for known in answers.branches]
        return [], [f"unknown branch '{branch_id}'{suggest(branch_id, ids)}; the branches in "
                    f"{display_path(answers.path)} are: {', '.join(ids)}"]
    return [branch], []


def write_all(files: Sequence[tuple[Path, bytes]], folder: Path | None) -> None:
    """Write every file, or none: into ``folder`` (created) through a staging folder in it
    whose files are renamed into place once all are written, else the one file
    atomically. A folder created for files that could not all be written is removed."""
    if folder is None:
        for path, data in files:
            write_atomically(path, data)
        return
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=".policykb-"))
    try:
        for path, data in files:
            write_atomically(staging / path.name, data)
    except BaseException:
        shutil.rmtree(folder if created else staging, ignore_errors=True)
        raise
    for path, _ in files:
        os.replace(staging / path.name, path)
    staging.rmdir()


def assemble(kb_dir: Path, locale_dir: Path, lang: str, output: Path,
             values_path: Path | None = None, kit_id: str | None = None,
             block_ids: Sequence[str] = (), include_optional: bool = True,
             country_id: str | None = None, strict: bool = False,
             channels: Sequence[str] | None = None, document_kind: str | None = None,
             effective: datetime.date | None = None, version: str | None = None,
             branch_id: str | None = None, all_branches: bool = False,
             folder_format: str = ".md") -> Assembled:
    """Load the library and the answers file ``values_path`` (either form, see
    :mod:`policykb.answers`), assemble the policy in ``lang`` and write it to ``output``
    (its suffix picks the format). The command line wins over the answers file: the kit
    (or ``block_ids``), ``document_kind``, ``country_id`` (default: the language's
    country), ``channels``, ``effective`` (default: today) and ``version`` (default
    1.0); the file's ``left_out`` blocks are left out of its kit. Values come from the
    kit's settings, then the file, then the channels.

    With ``document_kind`` (see :class:`policykb.documents.DocumentKind`) the document of
    that kind. When the file lists branches, the business-wide document ends with the
    table of branches; ``branch_id`` writes that branch's edition instead (its values
    replace the business-wide ones; the frame names it) and ``all_branches`` every
    branch's, into the folder ``output`` as ``<id><folder_format>``, all or none.
    Warnings against the country's law are reported (with ``strict``, they are errors and
    nothing is written). Raises :class:`AssembleError`."""
    folder = output if all_branches else None
    suffix = output_format(Path("x" + folder_format)) if folder else output_format(output)
    if suffix is None or (folder is not None and suffix == ".jsonld"):
        raise AssembleError([f"{display_path(output)}: the output must end in "
                             f"{', '.join(FORMATS)}" if folder is None else
                             f"--format {folder_format.lstrip('.')}: choose one of "
                             f"{', '.join(f.lstrip('.') for f in FORMATS if f != '.jsonld')}"])
    if folder is None and output.is_dir():
        raise AssembleError([f"{display_path(output)}: is a folder; name the file to write, "
                             f"e.g. {display_path(output / ('policy' + output.suffix))}"])
    if folder is not None and folder.exists() and not folder.is_dir():
        raise AssembleError([f"{display_path(folder)}: --all-branches writes one file per "
                             "branch into a folder, and this is a file"])
    result = load_library(kb_dir)
    if result.problems:
        count = len(result.problems)
        raise AssembleError([*(str(problem) for problem in result.problems),
                             f"{count} problem{'s' if count != 1 else ''} in "
                             f"{display_path(kb_dir)}: fix them first (policykb validate)"])
    answers = None
    if values_path is not None:
        try:
            answers = read_answers(values_path, result.library)
        except AnswersError as error:
            raise AssembleError([str(problem) for problem in error.problems]) from None
    if kit_id is None and not block_ids:
        kit_id = answers.kit if answers is not None else None
        if kit_id is None:
            raise AssembleError(["name the kit (--kit) or the blocks (--blocks), or give an "
                                 "answers file that names its kit ('kit:' in --values)"])
    from_file = answers or Answers(YamlDocument(Path(), {}))
    document_kind = document_kind or from_file.kind
    frame = None
    if document_kind is not None:
        kind = documents.parse_kind(document_kind)
        if kind is None:
            kinds = [str(known) for known in documents.DocumentKind]
            raise AssembleError([f"unknown document '{document_kind}'"
                                 f"{suggest(document_kind, kinds)}; the documents are: "
                                 f"{', '.join(kinds)}"])
        version = (version if version is not None else from_file.version or "1.0").strip()
        if not version:
            raise AssembleError(["the version must not be empty (such as 1.0)"])
        frame = documents.Frame(kind, effective or from_file.effective or datetime.date.today(),
                                version)
    library, problems = choose_country(result.library, lang, country_id or from_file.country)
    kit, blocks, found = select_blocks(library, kit_id, block_ids, include_optional)
    problems += found
    if kit is not None and answers is not None:
        blocks, found = leave_out(kit, blocks, answers)
        problems += found
    values: dict[str, Any] = dict(kit.settings) if kit is not None else {}
    values.update(from_file.values)
    channels = channels if channels is not None else from_file.channels
    if channels is not None:
        switches, found = channel_values(channels)
        values.update(switches)
        problems += found
    chosen, found = editions(answers, branch_id, all_branches)
    problems += found
    if problems:
        raise AssembleError(problems)
    localizer, warnings = localizer_for(locale_dir, lang)
    interface = load_interface(locale_dir, lang)
    written: list[tuple[Path, bytes]] = []
    flagged: list[str] = []  # the warnings --strict makes errors
    conflicts = shows_samples = False
    for branch in chosen:
        own = values if branch is None else {**values, **branch.values}
        document = build_document(library, blocks, own, localizer, kit, interface,
                                  frame if frame is None or branch is None else
                                  dataclasses.replace(frame, branch=branch.name),
                                  from_file.branches if branch is None else ())
        found = legal_warnings(library, blocks, own, localizer)
        samples = [warning if branch is None or folder is None else f"{branch.id}: {warning}"
                   for warning in sample_warnings(document)]
        flagged += [warning for warning in found + samples if warning not in flagged]
        conflicts, shows_samples = conflicts or bool(found), shows_samples or bool(samples)
        target = output if folder is None or branch is None else folder / f"{branch.id}{suffix}"
        try:
            written.append((target, render(document, suffix)))
        except ValueError as error:
            raise AssembleError([f"{display_path(target)}: {error}"]) from error
    if strict and (conflicts or shows_samples):
        raise AssembleError([f"error: {warning}" for warning in flagged]
                            + (["--strict: the policy conflicts with the law of the country "
                                "chosen; nothing was written"] if conflicts else [])
                            + (["--strict: the policy shows samples where your own details "
                                "belong; give them in the values file (--values); nothing was "
                                "written"] if shows_samples else []))
    try:
        write_all(written, folder)
    except OSError as error:
        raise AssembleError([f"cannot write {display_path(output)}: "
                             f"{error.strerror or error}"]) from error
    return Assembled(output, document, len(blocks), warnings + flagged,
                     library.country.id if library.country else None,
                     [path for path, _ in written])
