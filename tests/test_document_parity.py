"""One document model, two renderers: for every kit of ``kb/kits``, every document and
every language, the builder page writes the same Markdown, HTML page, HTML snippet and
JSON-LD as ``policykb assemble`` for the same values and country, byte for byte.

The builder's own functions are driven in Chromium (``window.policykb.buildDocument``),
without clicking, so the whole matrix runs in seconds once the sites are built.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from babel import Locale

from policykb.answers import read_answers
from policykb.assemble import (
    CHANNELS,
    build_document,
    choose_country,
    localizer_for,
    render_html,
    render_markdown,
    render_snippet,
)
from policykb.documents import DocumentKind, Frame
from policykb.formatting import format_special_date
from policykb.hours import read_hours
from policykb.i18n import load_interface
from policykb.languages import LANGUAGE_CODES
from policykb.loader import load_library
from policykb.model import Library
from policykb.structured import json_ld

from .conftest import PROJECT, choose, wait_for_builder

EFFECTIVE, VERSION = "2027-02-28", "2.1"
VALUES = {"business_name": "Lantern & Co <Kafe>", "contact_email": "help@lantern.example"}
"""The values typed in the builder and given to ``policykb assemble``: a name that needs
escaping in both Markdown and HTML."""
HOURS = [{"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "14:30"},
         {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "17:30", "closes": "21:00"},
         {"days": ["sat"], "opens": "10:00", "closes": "14:00"},
         {"date": "2026-12-24", "opens": "09:00", "closes": "13:00"},
         {"date": "2026-12-25", "closed": True}, {"date": "2026-12-26", "closed": True}]
"""Opening hours with a split day, a closed Sunday and special days, in both renderers."""
KITS = sorted(path.stem for path in (PROJECT / "kb" / "kits").glob("*.yaml"))


@pytest.fixture(scope="module")
def library() -> Library:
    result = load_library(PROJECT / "kb")
    assert result.problems == []
    return result.library


def cli_documents(library: Library, lang: str) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(kit, document, {markdown, html, jsonld}) as ``policykb assemble`` writes them."""
    chosen, problems = choose_country(library, lang, None)
    assert problems == []
    localizer, _ = localizer_for(PROJECT / "locales", lang)
    interface = load_interface(PROJECT / "locales", lang)
    for kit_id in KITS:
        kit = chosen.kits[kit_id]
        blocks = [chosen.blocks[ref.block] for ref in kit.blocks]
        for kind in DocumentKind:
            frame = Frame(kind, datetime.date.fromisoformat(EFFECTIVE), VERSION)
            document = build_document(chosen, blocks, {**kit.settings, **VALUES,
                                                       "opening_hours": read_hours(HOURS)[0]},
                                      localizer, kit, interface, frame)
            yield kit_id, str(kind), {
                "markdown": render_markdown(document), "html": render_html(document),
                "snippet": render_snippet(document),
                "jsonld": json_ld(document.structured) if document.structured else ""}


BROWSER_DOCUMENTS = """([kinds, effective, version]) => Object.fromEntries(kinds.map((kind) => {
  const api = window.policykb;
  const doc = api.buildDocument(document.querySelector("#pkb-kit").value, kind, effective, version);
  const data = api.jsonLdOf(doc);
  return [kind, { markdown: api.markdownOf(doc), html: api.htmlOf(doc), snippet: api.snippetOf(doc),
                  jsonld: data ? JSON.stringify(data, null, 2).replace(/</g, "\\\\u003c") : "" }];
}))"""


def browser_documents(page: Any, base: str, lang: str) -> dict[tuple[str, str], dict[str, str]]:
    """The same documents from the builder page of ``lang`` with ``VALUES`` typed."""
    page.goto(f"{base}/{lang}/pages/builder.html")
    page.evaluate("(values) => localStorage.setItem('policykb.values', values)",
                  json.dumps({**VALUES, "opening_hours": HOURS}))
    page.reload()
    wait_for_builder(page)
    kits = page.eval_on_selector_all("#pkb-kit option", "(options) => options.map((o) => o.value)")
    assert sorted(kits) == KITS
    found = {}
    for kit in kits:
        choose(page, "#pkb-kit", kit)
        documents = page.evaluate(BROWSER_DOCUMENTS,
                                  [[str(kind) for kind in DocumentKind], EFFECTIVE, VERSION])
        found.update({(kit, kind): document for kind, document in documents.items()})
    return found


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_builder_writes_what_the_command_line_writes(page: Any, published_base: str,
                                                         library: Library, lang: str) -> None:
    browser = browser_documents(page, published_base, lang)
    compared = with_hours = 0
    special_day = format_special_date(datetime.date(2026, 12, 26), Locale.parse(lang))
    for kit, kind, cli in cli_documents(library, lang):
        with_hours += special_day in cli["markdown"]
        shown = browser[(kit, kind)]
        for output in ("markdown", "html", "snippet", "jsonld"):
            assert shown[output] == cli[output], (lang, kit, kind, output)
        assert "Lantern & Co \\<Kafe>" in cli["markdown"]  # escaped where it would be markup
        compared += 1
    assert compared == len(KITS) * len(DocumentKind) >= 12
    assert with_hours >= len(KITS)  # the special days are written in both renderers


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF (its page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_counter_notice_prints_on_one_a4_page(page: Any, published_base: str,
                                                  lang: str) -> None:
    page.goto(f"{published_base}/{lang}/pages/builder.html")
    page.evaluate("(values) => localStorage.setItem('policykb.values', values)",
                  json.dumps(VALUES))
    page.reload()
    wait_for_builder(page)
    choose(page, "#pkb-document", "counter-notice")
    kits = page.eval_on_selector_all("#pkb-kit option", "(options) => options.map((o) => o.value)")
    assert sorted(kits) == KITS
    for kit in kits:
        choose(page, "#pkb-kit", kit)
        assert "Lantern & Co <Kafe>" in page.inner_text(".pkb-document h1")
        pdf = page.pdf(format="A4")  # printed: only the document (print style sheet)
        assert pdf_pages(pdf) == 1, (lang, kit, pdf_pages(pdf))
    page.emulate_media(media="print")
    assert page.is_hidden(".pkb-steps") and page.is_hidden(".pkb-actions")
    assert page.is_hidden(".pkb-kit-intro")
    assert page.is_hidden("#pkb-details") and page.is_visible(".pkb-document h1")
    page.emulate_media(media="screen")
    # the check counts pages: the staff handbook of the same kit takes several
    choose(page, "#pkb-document", "staff-handbook")
    assert pdf_pages(page.pdf(format="A4")) > 1


FRANCHISE = PROJECT / "tests" / "data" / "answers-franchise-12.yaml"
"""A saved franchise with 12 branches: the business-wide document ends with their table."""
EDITION = "kifisia"
"""The branch whose edition is compared too."""
BROWSER_BRANCH_DOCUMENTS = """([kit, kinds, effective, version, leftOut, branch]) =>
  Object.fromEntries(kinds.map((kind) => {
    const api = window.policykb;
    const doc = api.buildDocument(kit, kind, effective, version, new Set(leftOut), branch);
    return [kind, { markdown: api.markdownOf(doc), html: api.htmlOf(doc),
                    snippet: api.snippetOf(doc) }];
  }))"""


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_document_with_branches_is_the_same_in_the_builder_and_the_command_line(
        page: Any, published_base: str, library: Library, lang: str) -> None:
    answers = read_answers(FRANCHISE, library)
    raw = answers.document.data  # as typed: what the builder keeps
    assert answers.kit is not None and answers.channels is not None and len(answers.branches) == 12
    switches = {variable: channel in answers.channels for channel, variable in CHANNELS.items()}
    chosen, problems = choose_country(library, lang, None)
    assert problems == []
    kit = chosen.kits[answers.kit]
    blocks = [chosen.blocks[ref.block] for ref in kit.blocks if ref.block not in answers.left_out]
    values = {**kit.settings, **answers.values, **switches}
    localizer, _ = localizer_for(PROJECT / "locales", lang)
    interface = load_interface(PROJECT / "locales", lang)
    edition = answers.branch(EDITION)
    assert edition is not None

    page.goto(f"{published_base}/{lang}/pages/builder.html")
    page.evaluate("(values) => localStorage.setItem('policykb.values', values)",
                  json.dumps({**raw["values"], **switches, "@branches": raw["branches"]}))
    page.reload()
    wait_for_builder(page)
    choose(page, "#pkb-kit", answers.kit)
    kinds = [str(kind) for kind in DocumentKind]
    for branch in (None, edition):
        shown = page.evaluate(BROWSER_BRANCH_DOCUMENTS, [answers.kit, kinds, EFFECTIVE, VERSION,
                                                         answers.left_out,
                                                         branch.id if branch else None])
        for kind in DocumentKind:
            frame = Frame(kind, datetime.date.fromisoformat(EFFECTIVE), VERSION,
                          branch.name if branch else None)
            document = build_document(chosen, blocks,
                                      {**values, **branch.values} if branch else values,
                                      localizer, kit, interface, frame,
                                      () if branch else answers.branches)
            cli = {"markdown": render_markdown(document), "html": render_html(document),
                   "snippet": render_snippet(document)}
            for output, text in cli.items():
                assert shown[str(kind)][output] == text, (lang, kind, branch, output)
            markdown = cli["markdown"]
            if branch is None:  # the table: a row per branch, after its heading
                assert markdown.count("\n| ") == 2 + len(answers.branches), (lang, kind)
                assert '<th scope="col">' in cli["html"]
                # no one manager for every branch (when: lists_branches)
                assert f"{answers.values['branch_manager']}." not in markdown, (lang, kind)
            else:
                assert "Κηφισιά" in markdown.split("\n\n")[3] and "| Κηφισιά |" not in markdown
                if kind is DocumentKind.CUSTOMER_POLICY:
                    assert f"{branch.values['branch_manager']}." in markdown, lang
