"""The guided builder in Debian's Chromium: steps by keyboard, details grouped by the blocks
switched on, counts of samples, fields that do not apply, the kit's data fetched on choice,
and no page of the five sites wider than a 360 px phone.

Lighthouse's figures (performance, CLS) come from ``make bench``, not from a timed test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policykb.browser import serve
from policykb.build import build_sites
from policykb.languages import LANGUAGE_CODES

from .conftest import choose, copy_root, fill, reveal, show_step, wait_for_builder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    library = copy_root("library", tmp_path_factory.mktemp("guided") / "library")
    build_sites(library, library / "_build", ["en"])
    with serve(library / "_build/html") as base:
        yield base


def open_builder(page: Any, site: str) -> None:
    page.goto(f"{site}/en/builder.html")
    wait_for_builder(page)


def tab_until(page: Any, test: str) -> None:
    """Press Tab until the focused element passes ``test`` (a JS function of it)."""
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => ({test})(document.activeElement)"):
            return
    pytest.fail(f"no element with {test} can be reached with Tab")


def markdown(page: Any) -> str:
    return str(page.evaluate("() => window.policykb.toMarkdown(false)"))


def groups(page: Any) -> list[str]:
    return list(page.eval_on_selector_all(
        ".pkb-group:not([hidden])", "(groups) => groups.map((group) => group.dataset.group)"))


def test_the_steps_are_reached_and_used_by_keyboard(page: Any, site: str) -> None:
    open_builder(page, site)
    assert page.is_visible("#pkb-step-1") and page.is_hidden("#pkb-step-2")
    tab_until(page, "(element) => element.matches('#pkb-step-1 .pkb-next')")
    page.keyboard.press("Enter")
    # the next step shows, its heading takes the focus and the navigation says where we are
    assert page.evaluate("() => document.activeElement.id") == "pkb-step-2-title"
    assert page.is_hidden("#pkb-step-1") and page.is_visible("#pkb-step-2")
    assert page.get_attribute('.pkb-steps a[data-step-to="2"]', "aria-current") == "step"
    assert page.get_attribute('.pkb-steps a[data-step-to="1"]', "aria-current") is None
    tab_until(page, "(element) => element.id === 'pkb-document'")
    page.keyboard.press("ArrowDown")  # the staff handbook
    assert "The cashier checks the receipt." in page.inner_text(".pkb-document")
    tab_until(page, "(element) => element.matches('#pkb-step-2 .pkb-next')")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "pkb-step-3-title"
    # a group of details opens from the keyboard and its fields follow it
    tab_until(page, "(element) => element.matches('[data-group=refunds] > summary')")
    assert page.is_hidden("#pkb-f-refund_days")
    page.keyboard.press("Enter")
    assert page.is_visible("#pkb-f-refund_days")
    tab_until(page, "(element) => element.id === 'pkb-f-refund_days'")
    page.keyboard.press("Control+A")
    page.keyboard.type("9")
    assert "Corner Shop refunds you within 9 days." in page.inner_text(".pkb-document")
    # the steps' links move between steps too
    page.focus('.pkb-steps a[data-step-to="1"]')
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "pkb-step-1-title"


def test_only_blocks_switched_on_have_a_group_with_their_questions(page: Any,
                                                                  site: str) -> None:
    open_builder(page, site)
    assert groups(page) == ["business", "refunds", "delivery-days"]
    assert page.inner_text("[data-group=business] .pkb-group-title") == "About your business"
    assert "How long do refunds take?" in page.inner_text("[data-group=refunds] .pkb-questions")
    assert page.locator("[data-group=refunds] #pkb-f-refund_days").count() == 1
    assert page.locator("[data-group=business] #pkb-f-business_name").count() == 1
    reveal(page, '.pkb-optional-choice input[data-block="delivery-days"]')
    page.uncheck('.pkb-optional-choice input[data-block="delivery-days"]')
    assert groups(page) == ["business", "refunds"]
    assert page.locator("#pkb-details .pkb-groups #pkb-f-delivery_days").count() == 0
    page.check('.pkb-optional-choice input[data-block="delivery-days"]')
    assert groups(page) == ["business", "refunds", "delivery-days"]


def test_each_group_counts_the_samples_still_in_it(page: Any, site: str) -> None:
    open_builder(page, site)
    count = "[data-group=business] .pkb-group-count"
    assert page.inner_text(count) == "2 details are still samples"  # e-mail, website
    assert page.inner_text("[data-group=refunds] .pkb-group-count") == ""
    fill(page, "#pkb-f-contact_email", "shop@delacruz.ph")
    assert page.inner_text(count) == "1 detail is still a sample"
    fill(page, "#pkb-f-website", "https://delacruz.ph/returns")
    assert page.is_hidden(count)
    page.click(".pkb-clear")
    assert page.inner_text(count) == "2 details are still samples"


def test_a_field_that_does_not_apply_is_hidden_and_its_value_never_shown(page: Any,
                                                                        site: str) -> None:
    # cash_limit is asked only when refunds go to the original payment method (its 'when')
    open_builder(page, site)
    choose(page, "#pkb-f-refund_method", "original")
    fill(page, "#pkb-f-cash_limit", "777")
    assert "We pay cash up to ₱777.00." in markdown(page)
    choose(page, "#pkb-f-refund_method", "credit")
    assert page.is_hidden('[data-field="cash_limit"]')
    assert "777" not in markdown(page) and "777" not in page.inner_text(".pkb-document")
    assert "777" not in page.evaluate("() => window.policykb.toHtml()")
    choose(page, "#pkb-f-refund_method", "original")  # the value comes back with its field
    assert page.is_visible('[data-field="cash_limit"]')
    assert page.input_value("#pkb-f-cash_limit") == "777"


def test_the_kit_is_fetched_when_chosen_and_not_carried_by_the_page(page: Any,
                                                                    site: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    open_builder(page, site)
    assert f"{site}/en/builder-kits/starter.json" in fetched
    html = page.evaluate("async () => (await fetch(location.href)).text()")
    assert "The cashier checks the receipt." not in html  # no model in the page
    assert 'id="pkb-f-refund_days"' not in html  # nor the kit's fields
    assert "We refund to your original payment method." in markdown(page)


PAGES = ["index.html", "pages/builder.html", "kb/returns/index.html",
         "kb/returns/return-window.html", "kb/kits/online-store.html", "search.html",
         "pages/about.html", "pages/how-to-use.html", "pages/status.html",
         "pages/translate.html"]
"""Every kind of page of a site."""


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_no_page_is_wider_than_a_360_px_phone(browser: Any, published_base: str,
                                              published_site: Path, lang: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    wide = []
    for name in PAGES:
        assert (published_site / lang / name).is_file(), name
        page.goto(f"{published_base}/{lang}/{name}")
        steps: list[int | None] = [None]
        if name == "pages/builder.html":
            wait_for_builder(page)
            steps = [1, 2, 3, 4]  # every step, with every group of details open
        for step in steps:
            if step is not None:
                show_step(page, step)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 360:
                wide.append((name, step, width))
    context.close()
    assert wide == [], (lang, wide)
