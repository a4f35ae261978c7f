"""The details panel, live templates and the policy builder, in Debian's Chromium."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policykb.assemble import assemble
from policykb.browser import serve
from policykb.build import build_sites
from policykb.languages import LANGUAGE_CODES

from .conftest import (
    PROJECT,
    ROOTS,
    choose,
    copy_root,
    fill,
    reveal,
    show_step,
    skip_browser_test,
    wait_for_builder,
)
from .payloads import VALUES, assert_literal_in_html, assert_literal_in_markdown
from .test_web import vnu_errors

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
PAYLOADS = ['<img src=x onerror="window.pwned=1">', "<script>window.pwned=1</script>",
            '"><svg onload="window.pwned=1">', "javascript:window.pwned=1",
            "{{constructor.constructor('window.pwned=1')()}}", "</script><b>x</b>",
            "${window.pwned=1}"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    library = copy_root("library", root / "library")
    build_sites(library, library / "_build", list(LANGUAGE_CODES))
    plurals = copy_root("plurals", root / "plurals")
    build_sites(plurals, plurals / "_build", ["uk"])
    (library / "_build/html/plurals").symlink_to(plurals / "_build/html")
    with serve(library / "_build/html") as base:
        yield base



def open_page(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#pkb-details:not([hidden])")
    if "builder" in url:
        wait_for_builder(page)


def clause_text(page: Any, clause: str) -> str:
    return str(page.inner_text(f'[data-clause="{clause}"]'))


def test_a_value_follows_the_business_to_other_pages_and_languages(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/kb/shop/refunds.html")
    fill(page, "#pkb-f-business_name", "Sari-Sari Corner")
    assert clause_text(page, "refunds/timing").startswith("Sari-Sari Corner refunds you")
    open_page(page, f"{site}/en/kb/kits/starter.html")
    assert "Sari-Sari Corner" in clause_text(page, "refunds/timing")
    open_page(page, f"{site}/uk/kb/shop/refunds.html")
    assert "Sari-Sari Corner" in clause_text(page, "refunds/timing")
    assert page.input_value("#pkb-f-business_name") == "Sari-Sari Corner"
    page.click(".pkb-clear")
    assert clause_text(page, "refunds/timing").startswith("Corner Shop refunds you")


def test_values_are_formatted_like_the_build(page: Any, site: str) -> None:
    open_page(page, f"{site}/uk/kb/shop/refunds.html")
    built = {name: page.inner_text(f'[data-clause="refunds/fee"] [data-var="{name}"]')
             for name in ("fee", "fee_share")}
    fill(page, "#pkb-f-fee_share", "12.5")
    after = page.inner_text('[data-clause="refunds/fee"] [data-var="fee_share"]')
    assert after == built["fee_share"] == "12,5%"
    fill(page, "#pkb-f-refund_days", "3")
    assert "3" in clause_text(page, "refunds/timing")


@pytest.mark.parametrize(("count", "word"), [(1, "день"), (2, "дні"), (5, "днів"),
                                             (11, "днів"), (21, "день"), (22, "дні")])
def test_ukrainian_plural_forms_switch_with_the_count(page: Any, site: str, count: int,
                                                      word: str) -> None:
    open_page(page, f"{site}/plurals/uk/kb/shop/counts.html")
    fill(page, "#pkb-f-d5", str(count))
    assert clause_text(page, "counts/c5") == f"Строк становить {count} {word}."


def test_the_unit_after_a_count_follows_the_number(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/kb/shop/refunds.html")
    unit = '.pkb-unit[data-unit-of="refund_days"]'
    assert page.inner_text(unit) == "days"
    fill(page, "#pkb-f-refund_days", "1")
    assert page.inner_text(unit) == "day"
    fill(page, "#pkb-f-refund_days", "3")
    assert page.inner_text(unit) == "days"


def test_a_yes_no_switch_removes_its_clause(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/kb/shop/refunds.html")
    assert page.is_visible('[data-clause="refunds/receipt"]')
    page.uncheck("#pkb-f-receipt_needed")
    assert page.is_hidden('[data-clause="refunds/receipt"]')
    choose(page, "#pkb-f-refund_method", "credit")
    assert page.is_visible('[data-clause="refunds/credit"]')
    assert page.is_hidden('[data-clause="refunds/original"]')


def test_an_invalid_value_gets_a_message_in_the_page_language(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/kb/shop/refunds.html")
    fill(page, "#pkb-f-contact_email", "not an address")
    assert page.get_attribute("#pkb-f-contact_email", "aria-invalid") == "true"
    assert "e-mail address" in page.inner_text("#pkb-e-contact_email")
    assert "help@example.com" in clause_text(page, "refunds/fee")


def test_builder_copy_markdown_and_html_hold_the_values(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/builder.html")
    page.on("dialog", lambda dialog: dialog.accept())  # the samples left (see below)
    fill(page, "#pkb-f-business_name", "Dela Cruz Hardware")
    assert "Start here." in page.inner_text(".pkb-kit-intro")  # for the owner only
    page.click(".pkb-copy")
    page.wait_for_function("() => document.querySelector('.pkb-builder-status').textContent")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("Dela Cruz Hardware: customer policy\n")
    assert "Dela Cruz Hardware refunds you within 5 days." in copied
    assert "Start here." not in copied and "cashier" not in copied
    with page.expect_download() as download:
        page.click(".pkb-markdown")
    assert download.value.suggested_filename == "starter-customer-policy-en.md"
    markdown = Path(download.value.path()).read_text("utf-8")
    assert markdown.startswith("# Dela Cruz Hardware: customer policy\n\nIn force from: ")
    assert "## Refunds" in markdown and "Dela Cruz Hardware" in markdown
    assert "cashier" not in markdown
    choose(page, "#pkb-document", "staff-handbook")
    assert "1. The cashier checks the receipt." in page.evaluate(
        "() => window.policykb.toMarkdown(false)")
    assert "The cashier checks the receipt." in page.inner_text(".pkb-document")
    with page.expect_download() as download:
        page.click(".pkb-html")
    assert download.value.suggested_filename == "starter-staff-handbook-en.html"
    html = Path(download.value.path()).read_text("utf-8")
    assert html == page.evaluate("() => window.policykb.toHtml()")


def test_builder_html_is_the_page_the_command_line_writes(page: Any, site: str,
                                                          tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text('business_name: "Dela Cruz & Sons <Hardware>"\n', "utf-8")
    output = tmp_path / "starter.html"
    assemble(ROOTS / "test-library" / "kb", PROJECT / "locales", "en", output, values,
             "starter", document_kind="customer-policy",
             effective=datetime.date(2027, 3, 1), version="2.0")
    open_page(page, f"{site}/en/builder.html")
    fill(page, "#pkb-f-business_name", "Dela Cruz & Sons <Hardware>")
    fill(page, "#pkb-effective", "2027-03-01")
    fill(page, "#pkb-version", "2.0")
    html = page.evaluate("() => window.policykb.toHtml()")
    title = "Dela Cruz &amp; Sons &lt;Hardware&gt;: customer policy"
    assert f"<title>{title}</title>" in html and f"<h1>{title}</h1>" in html
    assert "class=" not in html and "data-" not in html and "<a " not in html
    assert "ld+json" not in html and page.is_hidden(".pkb-jsonld")  # no return window
    assert html.splitlines() == output.read_text("utf-8").splitlines()
    pages = [output]
    for lang in ("en", "uk"):
        open_page(page, f"{site}/{lang}/builder.html")
        pages.append(tmp_path / f"browser-{lang}.html")
        pages[-1].write_text(page.evaluate("() => window.policykb.toHtml()"), "utf-8")
    assert vnu_errors(*pages) == ""


def test_samples_are_marked_and_confirmed_before_anything_is_taken_away(page: Any,
                                                                        site: str) -> None:
    open_page(page, f"{site}/en/builder.html")
    choose(page, "#pkb-document", "customer-policy")
    assert "help@example.com" in page.eval_on_selector_all(
        ".pkb-document mark.pkb-sample", "(marks) => marks.map((mark) => mark.textContent)")
    assert page.inner_text(".pkb-samples") == ("Still samples, not your own details: E-mail and "
                                               "Website. Fill them in under “Your details”.")
    assert page.get_attribute('[data-field="contact_email"]', "class").endswith(
        "pkb-field--sample")
    asked: list[str] = []
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click(".pkb-markdown")
    page.wait_for_timeout(300)
    assert asked == ["The document still shows samples where your own details belong: "
                     "E-mail and Website. Continue anyway?"]
    assert downloads == []  # cancelled: nothing taken away
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_download():
        page.click(".pkb-markdown")
    fill(page, "#pkb-f-contact_email", "shop@delacruz.ph")
    assert "E-mail" not in page.inner_text(".pkb-samples")
    fill(page, "#pkb-f-website", "https://delacruz.ph/returns")
    assert page.is_hidden(".pkb-samples")
    assert page.locator(".pkb-document mark.pkb-sample").count() == 0
    with page.expect_download():  # no sample left: no question
        page.click(".pkb-markdown")
    assert len(asked) == 1


def test_builder_optional_blocks_switch_off(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/builder.html")
    reveal(page, '.pkb-optional-choice input[data-block="delivery-days"]')
    page.uncheck('.pkb-optional-choice input[data-block="delivery-days"]')
    assert "Delivery days" not in page.evaluate("() => window.policykb.toMarkdown(false)")


def test_script_injection_never_runs(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/builder.html")
    show_step(page, 3)
    text_fields = page.eval_on_selector_all(
        "#pkb-details input[type=text], #pkb-details input[type=email], "
        "#pkb-details input[type=tel], #pkb-details input[type=url]",
        "(inputs) => inputs.filter((input) => !input.closest('[hidden]')).map((i) => i.id)")
    assert len(text_fields) >= 4
    for payload in PAYLOADS:
        for field in text_fields:
            page.fill(f"#{field}", payload)
        page.evaluate("() => window.policykb.toMarkdown(false)")
        assert page.evaluate("() => window.pwned") is None, payload
        assert page.locator(".pkb-policy img, .pkb-policy svg, .pkb-policy b").count() == 0
    assert PAYLOADS[-1] in page.inner_text(".pkb-policy")
    page.goto(f"{site}/en/search.html?q=" + json.dumps(PAYLOADS[0]))
    page.wait_for_timeout(300)
    page.goto(f"{site}/en/kb/shop/refunds.html?q=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E"
              "&highlight=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.pwned") is None


def tab_to(page: Any, element_id: str) -> None:
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} cannot be reached with Tab")


def test_the_form_works_by_keyboard_alone(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/kb/shop/refunds.html")
    tab_to(page, "pkb-f-business_name")
    page.keyboard.type("Keyboard Shop")
    tab_to(page, "pkb-f-receipt_needed")
    page.keyboard.press("Space")
    assert clause_text(page, "refunds/timing").startswith("Keyboard Shop")
    assert page.is_hidden('[data-clause="refunds/receipt"]')


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_pages_have_no_serious_accessibility_violations(page: Any, site: str, lang: str) -> None:
    if not AXE.is_file():
        skip_browser_test("axe-core (npm)")
    for name in ("index.html", "kb/shop/refunds.html", "kb/kits/starter.html", "builder.html"):
        page.goto(f"{site}/{lang}/{name}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{violation['id']}: {violation['help']}" for violation in
                   result["violations"] if violation["impact"] in ("serious", "critical")]
        assert serious == [], (lang, name, serious)


def test_printing_the_builder_prints_only_the_policy(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/builder.html")
    fill(page, "#pkb-f-business_name", "Print Test Shop")
    page.emulate_media(media="print")
    for hidden in (".pkb-header", ".pkb-breadcrumbs", ".pkb-footer", "#pkb-details",
                   ".pkb-steps", ".pkb-actions", "#pkb-step-4-title", "main > section > h1"):
        assert page.is_hidden(hidden), hidden
    assert page.is_hidden(".pkb-kit-intro")  # the kit's introduction is for the owner
    assert page.is_visible(".pkb-document h2")
    assert "Print Test Shop" in page.inner_text(".pkb-document")
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_values_stay_literal_in_the_builders_markdown_and_html(page: Any, site: str) -> None:
    open_page(page, f"{site}/en/builder.html")
    for value in VALUES:
        fill(page, "#pkb-f-business_name", value)
        markdown = page.evaluate("() => window.policykb.toMarkdown(false)")
        assert_literal_in_markdown(markdown, value, "refunds you within")
        assert_literal_in_html(page.evaluate("() => window.policykb.toHtml()"), value,
                               "refunds you within")
    assert page.evaluate("() => window.pwned") is None


def test_a_new_version_is_suggested_when_answers_change_after_taking_a_document(
        page: Any, site: str) -> None:
    open_page(page, f"{site}/en/builder.html")
    page.on("dialog", lambda dialog: dialog.accept())  # the samples left
    fill(page, "#pkb-f-business_name", "Dela Cruz Hardware")
    with page.expect_download():
        page.click(".pkb-markdown")
    assert page.input_value("#pkb-version") == "1.0"
    fill(page, "#pkb-effective", "2027-01-15")  # the frame alone is not a new version
    assert page.input_value("#pkb-version") == "1.0"
    fill(page, "#pkb-f-business_name", "Dela Cruz Hardware and Sons")
    assert page.input_value("#pkb-version") == "1.1"
    assert page.inner_text(".pkb-builder-status") == (
        "Your document has changed since you took away version 1.0; the builder now suggests "
        "version 1.1. Type another number if you prefer.")
    assert "Version: 1.1" in page.evaluate("() => window.policykb.toMarkdown(false)")
    fill(page, "#pkb-version", "3.0")  # a number the business typed is never overwritten
    fill(page, "#pkb-f-business_name", "Dela Cruz Sons")
    assert page.input_value("#pkb-version") == "3.0"
    page.reload()  # remembered on this device
    wait_for_builder(page)
    fill(page, "#pkb-f-business_name", "Dela Cruz Hardware and Daughters")
    assert page.input_value("#pkb-version") == "1.1"


def _pdf_text_operations(pdf: bytes) -> int:
    """How many text-showing operations the PDF's page streams hold."""
    import zlib

    count = 0
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        count += content.count(b"Tj") + content.count(b"TJ")
    return count


def test_a_printed_document_has_its_title_and_page_numbers_at_the_foot(page: Any,
                                                                      site: str) -> None:
    open_page(page, f"{site}/en/builder.html")
    page.on("dialog", lambda dialog: dialog.accept())  # the samples left
    fill(page, "#pkb-f-business_name", "Print Test Shop")
    bare = page.pdf(format="A4")
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.click(".pkb-print")
    assert page.evaluate("() => window.printed") is True
    running = page.evaluate("() => getComputedStyle(document.documentElement)"
                            ".getPropertyValue('--pkb-running-title')")
    assert running.strip() == '"Print Test Shop: customer policy"'
    titled = page.pdf(format="A4")
    page.add_style_tag(content="@page { @bottom-left { content: none } "
                               "@bottom-right { content: none } }")
    without_foot = page.pdf(format="A4")
    # the foot prints: page numbers on the bare page, and the title once the builder set it
    assert _pdf_text_operations(without_foot) < _pdf_text_operations(bare) \
        < _pdf_text_operations(titled)
