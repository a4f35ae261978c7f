"""Shared fixtures: Sphinx's test roots live in tests/roots/ (see sphinx.testing.fixtures)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policykb.browser import chromium, chromium_path, serve
from policykb.build import build_sites
from policykb.languages import LANGUAGE_CODES

PROJECT = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` folders."""
    return ROOTS


def copy_root(name: str, destination: Path) -> Path:
    """A private, writable copy of test root ``name`` (symlinks resolved)."""
    shutil.copytree(ROOTS / f"test-{name}", destination)
    return destination


@pytest.fixture
def library_src(tmp_path: Path) -> Path:
    """A writable copy of the small test library, with the project's templates."""
    return copy_root("library", tmp_path / "src")


BROWSER_SKIP = "browser test skipped"
"""Starts the reason of every skipped browser test, so the run can count them."""
BROWSER_INSTALL = "apt-get install chromium && npm ci"


def skip_browser_test(missing: str) -> None:
    """Skip a browser test for want of ``missing``; in CI (``CI`` set) fail instead."""
    message = f"{BROWSER_SKIP}: {missing} is not installed ({BROWSER_INSTALL})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if chromium_path() is None:
        skip_browser_test("Chromium (/usr/bin/chromium)")
    with chromium() as instance:
        yield instance


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line at the end that says how many browser tests did not run, and the fix."""
    skipped = [report for report in terminalreporter.stats.get("skipped", [])
               if BROWSER_SKIP in str(report.longrepr)]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} browser tests skipped: Chromium or axe-core is missing; "
            f"install them with: {BROWSER_INSTALL}", yellow=True, bold=True)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real library built once for the session in every language (read-only)."""
    out = tmp_path_factory.mktemp("published")
    build_sites(PROJECT, out, list(LANGUAGE_CODES))
    return out / "html"


@pytest.fixture(scope="session")
def published_base(published_site: Path) -> Iterator[str]:
    """The URL of :func:`published_site`, served on loopback."""
    with serve(published_site) as base:
        yield base


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab (downloads and clipboard allowed); fails on any page error."""
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], errors


# -- the guided builder: fields live in steps and groups -------------------------------


def wait_for_builder(page: Any, kit: str | None = None) -> None:
    """Wait until the builder shows the document of ``kit`` (default: the chosen kit)."""
    if kit is None:
        page.wait_for_selector(".pkb-builder[data-ready]")
    else:
        page.wait_for_selector(f'.pkb-builder[data-ready="{kit}"]')


def reveal(page: Any, selector: str) -> None:
    """Bring ``selector`` into view as a business would: its step, its group opened (no
    effect outside the builder)."""
    page.evaluate("(selector) => window.policykb.reveal(document.querySelector(selector))",
                  selector)


def fill(page: Any, selector: str, value: str) -> None:
    """Type ``value`` into a field of the page, in the builder after opening its step."""
    reveal(page, selector)
    page.fill(selector, value)


def choose(page: Any, selector: str, value: str) -> None:
    """Pick ``value`` in a drop-down; a kit chosen in the builder is waited for."""
    reveal(page, selector)
    page.select_option(selector, value)
    if selector == "#pkb-kit":
        wait_for_builder(page, value)


def show_step(page: Any, step: int) -> None:
    """Show step ``step`` of the builder with every group of details open."""
    page.evaluate("(step) => { window.policykb.showStep(step); document.querySelectorAll("
                  "'.pkb-group').forEach((group) => { group.open = true; }); }", step)


def click(page: Any, selector: str) -> None:
    """Click ``selector``, in the builder after opening its step."""
    reveal(page, selector)
    page.click(selector)
