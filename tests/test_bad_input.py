"""The bad-input corpus of issue 14, one test per class: what a user sees, and that
nothing unsafe is published.

The classes that concern a kb file, a values file or the output file live beside their
kind in test_validate.py and test_assemble.py; this file holds the catalogs (check-po
and every way a translation reaches a page) and the build's own safety (one build at a
time, a killed build).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sphinx.search import js_index
from sphinx.testing.util import SphinxTestApp

from policykb.build import LOCK_FILE, UNFINISHED, BuildError, build_lock, build_sites
from policykb.catalogs import read_catalog
from policykb.checks import check_catalog
from policykb.cli import main
from policykb.update import update_po

from .test_translation import UK
from .test_validate import edit

PAGE_LINK = "Read `the guide <https://example.com/guide>`_ first."
PAGE_PLAIN = "Welcome to the library."
PWNED = "window.pwned=1"
COVERAGE = "Texts translated: %(done)s of %(total)s (%(share)s)."
POLICYKB = str(Path(sys.executable).parent / "policykb")


@pytest.fixture
def uk(library_src: Path) -> Path:
    """The test library with a site page that has a link, and its uk catalogs."""
    index = library_src / "index.rst"
    index.write_text(index.read_text("utf-8") + f"\n{PAGE_LINK}\n\n{PAGE_PLAIN}\n", "utf-8")
    update_po(library_src, ["uk"], library_src / "_build")
    return library_src


def write_msgstr(po: Path, translations: dict[str, str]) -> None:
    """Give each msgid its msgstr in the file's text (Babel's writer takes quadratic time
    to wrap a long word, and these strings are long)."""
    text = po.read_text("utf-8")
    for msgid, msgstr in translations.items():
        escaped = msgstr.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        entry = f'msgid "{msgid}"\nmsgstr ""\n'
        assert entry in text, msgid
        text = text.replace(entry, f'msgid "{msgid}"\nmsgstr "{escaped}"\n')
    po.write_text(text, "utf-8")


def line_of(po: Path, msgid: str) -> int:
    """The line Babel gives the message (what check-po and the build report)."""
    message = next(message for message in read_catalog(po, "uk")
                   if (message.id[0] if isinstance(message.id, tuple | list)
                       else message.id) == msgid)
    return int(message.lineno)


def check_po(project: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check-po", "--langs", "uk", "--no-msgfmt"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.output


# -- check-po: what no translation may hold ---------------------------------------------

RECEIPT = "Bring your receipt."


@pytest.mark.parametrize("translation, message", [
    pytest.param(f"<script>{PWNED}</script>Принесіть чек.", "holds HTML <script>",
                 id="script"),
    pytest.param(f'<img src=x onerror="{PWNED}">Принесіть чек.', "holds HTML <img src=x",
                 id="img-onerror"),
    pytest.param("Принесіть чек: javascript:alert(1)", "holds a javascript: or data: link",
                 id="javascript"),
    pytest.param("Принесіть чек data:text/html;base64,PHNjcmlwdD4=,",
                 "holds a javascript: or data: link", id="data"),
    pytest.param("Принесіть `чек <javascript:alert(1)>`_.", "links to a javascript: address",
                 id="rest-link"),
    pytest.param(".. raw:: html\n\n   <b>Принесіть чек.</b>", "holds reST explicit markup",
                 id="directive"),
    pytest.param("Принесіть \u202eчек.", "holds invisible control or bidirectional "
                 "characters (U+202E)", id="bidi"),
    pytest.param("**Принесіть чек.", "unbalanced markup: 2 '*' where the English has 0",
                 id="unbalanced"),
    pytest.param("Принесіть чек. " + "дуже " * 1_000_000,
                 "is 5,000,015 characters long, the English 19: too long", id="5MB"),
])
def test_check_po_flags_what_no_page_may_show(uk: Path, monkeypatch: pytest.MonkeyPatch,
                                              translation: str, message: str) -> None:
    po = uk / UK / "kb/shop/refunds.po"
    write_msgstr(po, {RECEIPT: translation})
    output = check_po(uk, monkeypatch)
    assert f"{UK}/kb/shop/refunds.po:{line_of(po, RECEIPT)}: {message}" in output, output


def test_check_po_refuses_a_catalog_with_a_control_character(
        uk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A raw control character is not PO text: the whole catalog is refused at its line."""
    po = uk / UK / "kb/shop/refunds.po"
    write_msgstr(po, {RECEIPT: "Принесіть\x07 чек."})
    line = next(number for number, text in enumerate(po.read_text("utf-8").splitlines(), 1)
                if "\x07" in text)
    output = check_po(uk, monkeypatch)
    assert f"{UK}/kb/shop/refunds.po:{line}: cannot read catalog: holds a control character" \
        in output, output


@pytest.mark.parametrize("catalog, source, translation, message", [
    ("sphinx.po", "Skip to content", f"<script>{PWNED}</script>Перейти до вмісту",
     "holds HTML <script>"),
    ("index.po", PAGE_LINK, "Прочитайте `посібник <javascript:alert(1)>`_ спершу.",
     "links to a javascript: address"),
    ("index.po", PAGE_PLAIN, "Ласкаво просимо до `бібліотеки <data:text/html,x>`_.",
     "links to a data: address"),
    ("policykb.po", COVERAGE,
     "Перекладено %s %(done)s з %(total)s (%(share)s).",
     "placeholders differ from the source: adds %s"),
])
def test_check_po_holds_every_catalog_to_the_same_rule(
        uk: Path, monkeypatch: pytest.MonkeyPatch, catalog: str, source: str,
        translation: str, message: str) -> None:
    po = uk / UK / catalog
    write_msgstr(po, {source: translation})
    output = check_po(uk, monkeypatch)
    assert f"{UK}/{catalog}:{line_of(po, source)}: {message}" in output, output


@pytest.mark.parametrize("text", ["<" * 100_000, "<a" * 50_000, "{" * 100_000,
                                  "%(" * 50_000, "`" * 100_000, "a" * 100_000,
                                  "${" * 50_000, "**a" * 33_000, "a@" * 50_000])
def test_check_po_takes_linear_time(uk: Path, text: str) -> None:
    """Doubling a msgstr at most triples check-po's CPU time (CPU time: other processes
    on the machine do not count)."""
    po = uk / UK / "kb/shop/refunds.po"
    template = po.read_text("utf-8")
    seconds = []
    for size in (1, 2):
        po.write_text(template, "utf-8")
        write_msgstr(po, {RECEIPT: text * size})
        started = time.process_time()
        problems = list(check_catalog(po, "uk"))
        seconds.append(time.process_time() - started)
        assert any(problem.message.startswith(f"is {len(text) * size:,} characters long")
                   for problem in problems)
    assert seconds[0] < 3 and seconds[1] < 3 * seconds[0] + 0.5, seconds


# -- nothing unsafe is published ----------------------------------------------------------


def test_unsafe_translations_are_never_published(uk: Path,
                                                 make_app: type[SphinxTestApp]) -> None:
    kb = uk / UK / "kb/shop/refunds.po"
    write_msgstr(kb, {RECEIPT: f"<script>{PWNED}</script>Принесіть чек.",
                   "Train the cashiers.": "**Навчіть касирів.",
                   "We pay cash up to {cash_limit}.": "Готівкою \u202eдо {cash_limit}.",
                   "Refunds": "Повернення коштів"})
    write_msgstr(uk / UK / "sphinx.po", {"Skip to content": f"<script>{PWNED}</script>Перейти"})
    write_msgstr(uk / UK / "index.po", {
        PAGE_LINK: "Прочитайте `посібник <javascript:alert(1)>`_ спершу.",
        PAGE_PLAIN: "Ласкаво просимо до `бібліотеки <javascript:alert(2)>`_."})
    app = make_app("html", srcdir=uk, confoverrides={"language": "uk"})
    app.build()
    pages = {path.relative_to(app.outdir).as_posix(): path.read_text("utf-8")
             for path in Path(app.outdir).rglob("*.html")}
    everything = "\n".join(pages.values())
    assert PWNED not in everything and "javascript:" not in everything
    assert "\u202e" not in everything and "**Навчіть" not in everything
    refunds = pages["kb/shop/refunds.html"]
    assert "Повернення коштів" in refunds and "Пошук" in refunds  # the good ones are used
    for english in (RECEIPT, "Train the cashiers.", "Skip to content"):
        assert english in refunds, english
    index = pages["index.html"]
    assert '<a class="reference external" href="https://example.com/guide">the guide</a>' \
        in index
    assert PAGE_PLAIN in index
    warnings = app.warning.getvalue()
    for catalog, source, reason in [
            ("kb/shop/refunds.po", RECEIPT, "holds HTML <script>"),
            ("kb/shop/refunds.po", "Train the cashiers.", "unbalanced markup"),
            ("sphinx.po", "Skip to content", "holds HTML <script>"),
            ("index.po", PAGE_LINK, "links to a javascript: address"),
            ("index.po", PAGE_PLAIN, "links to a javascript: address")]:
        line = line_of(uk / UK / catalog, source)
        assert re.search(rf"{UK}/{re.escape(catalog)}:{line}: WARNING: {re.escape(reason)}"
                         r"[^\n]*; English is shown instead", warnings), (catalog, warnings)
    script = (Path(app.outdir) / "_static/translations.js").read_text("utf-8")
    assert "Skip to content" not in script and PWNED not in script


@pytest.mark.parametrize("translation, reason", [
    ("Перекладено %(готово)s з %(total)s (%(share)s).",
     "placeholders differ from the source: drops %(done)s"),
    ("Перекладено %s %(done)s з %(total)s (%(share)s).",
     "placeholders differ from the source: adds %s"),
    ("Перекладено %(done)s з %(total)s (%(share)s) %(extra)s.",
     "placeholders differ from the source: adds %(extra)s"),
    ("Перекладено %(done)s з %(total)s (%(share)s, 100 % = усе).",
     "holds a lone '%' in a %-format string"),
])
def test_an_interface_format_string_that_does_not_match_shows_english(
        uk: Path, make_app: type[SphinxTestApp], translation: str, reason: str) -> None:
    write_msgstr(uk / UK / "kb/shop/refunds.po", {RECEIPT: "Принесіть чек."})
    source = COVERAGE
    write_msgstr(uk / UK / "policykb.po", {source: translation})
    app = make_app("html", srcdir=uk, confoverrides={"language": "uk"})
    app.build()
    html = (Path(app.outdir) / "kb/shop/refunds.html").read_text("utf-8")
    coverage = re.search(r'<p class="pkb-coverage">([^<]*)', html)
    assert coverage and coverage.group(1).startswith("Texts translated: 1 of "), coverage
    assert "Перекладено" not in html and "{'done'" not in html
    assert f"{UK}/policykb.po:{line_of(uk / UK / 'policykb.po', source)}: WARNING: " \
           f"{reason}" in app.warning.getvalue()


def test_the_site_title_of_the_language_index_follows_the_same_rule(uk: Path) -> None:
    from policykb.build import SITE_TITLE, render_language_index

    write_msgstr(uk / UK / "sphinx.po", {SITE_TITLE: f"<script>{PWNED}</script>Бібліотека"})
    page = render_language_index(uk, ["en", "uk"])
    assert PWNED not in page and "&lt;script" not in page


# -- one build at a time; a killed build is not trusted -----------------------------------


def test_a_second_build_waits_for_the_first(library_src: Path) -> None:
    out = library_src / "_build"
    with build_lock(out):
        second = subprocess.Popen([POLICYKB, "build", "--langs",
                                   "en", "--out", str(out)], cwd=library_src,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert second.poll() is None, "the second build did not wait"
        assert not (out / "html").exists()
    _, errors = second.communicate(timeout=300)
    assert second.returncode == 0, errors
    assert f"Another build of {out} is running; waiting for it to finish..." in errors
    assert "Traceback" not in errors
    assert (out / "html/en/kb/shop/refunds.html").is_file()


def test_two_builds_started_together_leave_a_complete_site(library_src: Path) -> None:
    out = library_src / "_build"
    command = [POLICYKB, "build", "--langs", "en uk",
               "--out", str(out)]
    builds = [subprocess.Popen(command, cwd=library_src, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [build.communicate(timeout=600) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], results
    assert not any("Traceback" in errors for _, errors in results)
    for lang in ("en", "uk"):
        assert (out / "html" / lang / "kb/shop/refunds.html").is_file()
        assert_search_index_complete(out / "html" / lang)
    assert sorted(path.name for path in out.iterdir() if path.name.startswith("html")) == \
        ["html"]


def search_index(site: Path) -> dict[str, object]:
    text = (site / "searchindex.js").read_text("utf-8")
    loaded = js_index.loads(text)
    assert isinstance(loaded, dict)
    return loaded


LIBRARY_PAGES = {"index", "builder", "kb/shop/refunds", "kb/shop/delivery-days"}


def assert_search_index_complete(site: Path) -> None:
    assert set(search_index(site)["docnames"]) >= LIBRARY_PAGES  # type: ignore[call-overload]


def test_a_build_killed_after_sphinx_read_is_rebuilt_afresh(library_src: Path) -> None:
    out = library_src / "_build"
    build_sites(library_src, out, ["en"])
    work = out / "work" / "en"
    complete = search_index(work)
    assert len(complete["docnames"]) >= 3  # type: ignore[arg-type]
    # What a first build killed after Sphinx's read phase leaves: an environment that
    # says every page is read, no search index yet, and the marker of its start.
    (work / "searchindex.js").unlink()
    (out / "work" / f"en{UNFINISHED}").touch()
    build_sites(library_src, out, ["en"])
    rebuilt = search_index(out / "html" / "en")
    assert rebuilt["docnames"] == complete["docnames"]
    assert rebuilt["terms"] == complete["terms"]
    assert not (out / "work" / f"en{UNFINISHED}").exists()
    assert (out / LOCK_FILE).exists()


def test_a_build_killed_while_sphinx_runs_is_followed_by_a_whole_one(library_src: Path) -> None:
    out = library_src / "_build"
    build_sites(library_src, out, ["en"])
    complete = search_index(out / "html" / "en")
    (library_src / "kb/shop/refunds.yaml").touch()  # something to do
    build = subprocess.Popen([POLICYKB, "build", "--langs", "en",
                              "--out", str(out)], cwd=library_src, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (out / "work" / f"en{UNFINISHED}").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    os.killpg(build.pid, 9)
    build.wait()
    build_sites(library_src, out, ["en"])
    assert search_index(out / "html" / "en")["docnames"] == complete["docnames"]


def test_a_publish_killed_between_its_two_renames_keeps_every_language(
        library_src: Path) -> None:
    out = library_src / "_build"
    build_sites(library_src, out, ["en", "uk"])
    os.replace(out / "html", out / "html.old")  # killed right after the first rename
    build_sites(library_src, out, ["en"])
    assert (out / "html/uk/kb/shop/refunds.html").is_file()
    assert (out / "html/en/kb/shop/refunds.html").is_file()


@pytest.mark.parametrize("old, new, message", [
    ("    when: {refund_method: credit}\n", "    when:\n      <<: {refund_method: x}\n",
     "YAML merge key '<<' is not allowed; write the values out in full"),
    ("    default: 5\n", "    default: 1000000000000000000000000000000\n",
     "'variables.refund_days.default' must be at most 1000000000"),
])
def test_a_library_the_build_cannot_use_publishes_nothing(library_src: Path, old: str,
                                                          new: str, message: str) -> None:
    out = library_src / "_build"
    build_sites(library_src, out, ["en"])
    before = sorted((path.relative_to(out / "html"), path.read_bytes())
                    for path in (out / "html").rglob("*") if path.is_file())
    line = edit(library_src, "kb/shop/refunds.yaml", old, new)
    with pytest.raises(BuildError) as failure:
        build_sites(library_src, out, ["en"])
    assert re.search(rf"kb/shop/refunds\.yaml:{line}: {re.escape(message)}",
                     str(failure.value), re.M), str(failure.value)
    assert "nothing was built or published" in str(failure.value)
    assert sorted((path.relative_to(out / "html"), path.read_bytes())
                  for path in (out / "html").rglob("*") if path.is_file()) == before


def test_check_po_finds_a_catalog_out_of_step_with_the_library(
        uk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A msgid edited by hand would leave its page in English without a word from check-po."""
    po = uk / UK / "kb/shop/refunds.po"
    assert "out of step" not in check_po(uk, monkeypatch)
    assert "run make update-po" not in check_po(uk, monkeypatch)
    po.write_text(po.read_text("utf-8").replace(f'msgid "{RECEIPT}"',
                                                'msgid "Bring your receipt!"'), "utf-8")
    output = check_po(uk, monkeypatch)
    line = line_of(po, "Bring your receipt!")
    assert (f"{UK}/kb/shop/refunds.po:{line}: this English is not in the library (edited by "
            "hand?), so its translation is never shown; run make update-po") in output, output
    assert f"{UK}/kb/shop/refunds.po:1: 1 message of the library missing; run make update-po" \
        in output
    update_po(uk, ["uk"], uk / "_build")
    assert "run make update-po" not in check_po(uk, monkeypatch)
