"""The translation pipeline: extraction, update-po, rendering with catalogs, check-po."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from policykb.catalogs import read_catalog, render_catalog, update_catalog
from policykb.cli import main
from policykb.extract import library_messages, template_catalog
from policykb.loader import load_library
from policykb.update import update_po

from .conftest import ROOTS

REGRESSION = Path(__file__).parent / "regression"
UK = "locales/uk/LC_MESSAGES"


def scrub(text: str) -> str:
    """A catalog without the lines that change with the date or the Babel version."""
    return re.sub(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By|Project-Id-Version)'
                  r': [^"]*\\n"\n', "", text, flags=re.M)


def test_extraction_matches_the_regression_file() -> None:
    library = load_library(ROOTS / "test-library" / "kb").library
    messages = library_messages(library)[Path("shop/refunds.yaml")]
    pot = render_catalog(template_catalog(messages, Path("shop/refunds.yaml"), "refunds"),
                         template=True)
    expected = REGRESSION / "refunds.pot"
    assert scrub(pot) == scrub(expected.read_text("utf-8"))


def test_extracted_messages_carry_context_comments_location_and_plurals() -> None:
    pot = (REGRESSION / "refunds.pot").read_text("utf-8")
    assert 'msgctxt "refunds/clause/timing"\nmsgid "{business_name} refunds you within ' \
           '{refund_days} day."\nmsgid_plural "{business_name} refunds you within ' \
           '{refund_days} days."' in pot
    assert "#: kb/shop/refunds.yaml:43\n" in pot
    assert "#. Placeholders (keep them exactly): {business_name} = a name that never changes" in pot
    assert '#. Block \'refunds\', clause \'receipt\' (shown when receipt_needed is True):' in pot
    assert 'msgctxt "refunds/heading"\nmsgid "How we pay"' in pot


def test_babel_extractor_entry_point(tmp_path: Path) -> None:
    from babel.messages.extract import extract_from_file

    found = list(extract_from_file("policykb", str(ROOTS / "test-library/kb/shop/refunds.yaml"),
                                   keywords={"pgettext": ((1, "c"), 2),
                                             "npgettext": ((1, "c"), 2, 3)}))
    timing = [entry for entry in found if entry[3] == "refunds/clause/timing"]
    assert timing and timing[0][1] == ("{business_name} refunds you within {refund_days} day.",
                                       "{business_name} refunds you within {refund_days} days.")


@pytest.mark.sphinx("html", testroot="plurals", confoverrides={"language": "uk"})
def test_ukrainian_plural_forms_follow_the_count(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    html = (Path(app.outdir) / "kb/shop/counts.html").read_text("utf-8")
    assert html.count('class="pkb-form"') == 6 * 3  # every form is there for the script
    visible = re.sub(r'<span class="pkb-form" data-form="\d" hidden="hidden">[^<]*<span[^>]*>'
                     r"[^<]*</span>[^<]*</span>", "", html)
    words = {1: "день", 2: "дні", 5: "днів", 11: "днів", 21: "день", 22: "дні"}
    for count, word in words.items():
        found = re.search(rf'data-clause="counts/c{count}"[^>]*><span class="pkb-form" '
                          rf'data-form="\d">Строк становить <span[^>]*>{count}</span> (\w+)\.',
                          visible)
        assert found, count
        assert found.group(1) == word, (count, found.group(1))
    assert "<h1>Строки" in html


@pytest.fixture
def updated(library_src: Path) -> Path:
    update_po(library_src, ["uk", "ta"], library_src / "_build")
    return library_src


def test_update_po_creates_catalogs_with_headers_context_and_plurals(updated: Path) -> None:
    text = (updated / UK / "kb/shop/refunds.po").read_text("utf-8")
    assert '"Language: uk\\n"' in text
    assert '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 :' in text
    assert 'msgstr[2] ""' in text
    assert 'msgctxt "refunds/clause/timing"' in text
    for name in ("kb/categories.po", "kb/variables.po", "kb/kits/starter.po",
                 "kb/shop/delivery-days.po", "policykb.po", "sphinx.po", "index.po"):
        assert (updated / UK / name).is_file(), name
    ta = (updated / "locales/ta/LC_MESSAGES/kb/shop/refunds.po").read_text("utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in ta


def test_update_po_twice_changes_nothing(updated: Path) -> None:
    before = {path: path.read_bytes() for path in sorted((updated / "locales").rglob("*.po"))}
    update_po(updated, ["uk", "ta"], updated / "_build")
    after = {path: path.read_bytes() for path in sorted((updated / "locales").rglob("*.po"))}
    assert before == after


def translate(path: Path, translations: dict[str, str | tuple[str, ...]]) -> None:
    catalog = read_catalog(path, "uk")
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple | list) else message.id
        if key in translations:
            message.string = translations[key]
    path.write_text(render_catalog(catalog), "utf-8")


def test_update_po_keeps_translations_fuzzy_obsolete_and_revived(updated: Path) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {"Bring your receipt.": "Принесіть чек.",
                   "Train the cashiers.": "Навчіть касирів."})
    block = updated / "kb/shop/refunds.yaml"
    original = block.read_text("utf-8")
    block.write_text(original.replace("Bring your receipt.", "Bring your paper receipt.")
                     .replace("  - Train the cashiers.", "  - Put up a sign by the till."),
                     "utf-8")
    update_po(updated, ["uk"], updated / "_build")
    text = po.read_text("utf-8")
    assert ('#, fuzzy\n#| msgid "Bring your receipt."\nmsgctxt "refunds/clause/receipt"\n'
            'msgid "Bring your paper receipt."\nmsgstr "Принесіть чек."') in text
    assert '#~ msgctxt "refunds/checklist"\n#~ msgid "Train the cashiers."\n' \
           '#~ msgstr "Навчіть касирів."' in text
    update_po(updated, ["uk"], updated / "_build")
    assert po.read_text("utf-8") == text, "a second update must keep the previous source"
    block.write_text(original, "utf-8")
    update_po(updated, ["uk"], updated / "_build")
    text = po.read_text("utf-8")
    assert 'msgctxt "refunds/checklist"\nmsgid "Train the cashiers."\nmsgstr "Навчіть касирів."' \
        in text
    assert "#~ msgid \"Train the cashiers.\"" not in text
    assert ('#: kb/shop/refunds.yaml:53\nmsgctxt "refunds/clause/receipt"\n'
            'msgid "Bring your receipt."\nmsgstr "Принесіть чек."') in text


WORDS = st.sampled_from(["return", "refund", "receipt", "customer", "branch", "day", "store",
                         "credit", "staff"])
SENTENCES = st.lists(WORDS, min_size=2, max_size=6).map(lambda words: " ".join(words) + ".")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources=st.lists(SENTENCES, min_size=1, max_size=8, unique=True),
       edits=st.lists(st.tuples(st.integers(0, 7), st.one_of(st.none(), SENTENCES)),
                      max_size=8),
       rounds=st.integers(1, 3))
def test_random_edits_then_update_never_lose_a_translation(
        sources: list[str], edits: list[tuple[int, str | None]], rounds: int) -> None:
    def template(texts: list[str]) -> Catalog:
        catalog = Catalog(domain="kb")
        for index, text in enumerate(texts):
            catalog.add(text, context=f"block/question/{index}")
        return catalog

    catalog = update_catalog(template(sources), None, "uk")
    for message in catalog:
        if message.id:
            message.string = f"переклад {message.id}"
    translated = {message.string for message in catalog if message.id}
    texts = list(sources)
    for _ in range(rounds):
        for index, replacement in edits:
            if index < len(texts):
                if replacement is None:
                    texts.pop(index)
                else:
                    texts[index] = replacement
        catalog = read_catalog_text(render_catalog(update_catalog(
            template(list(dict.fromkeys(texts))), catalog, "uk")))
    kept = {message.string for message in catalog if message.id}
    kept |= {message.string for message in catalog.obsolete.values()}
    assert translated <= kept


def read_catalog_text(text: str) -> Catalog:
    from io import BytesIO

    from babel.messages.pofile import read_po

    return read_po(BytesIO(text.encode("utf-8")), locale="uk")


def build(make_app: type[SphinxTestApp], source: Path, lang: str) -> tuple[SphinxTestApp, str]:
    app = make_app("html", srcdir=source, confoverrides={"language": lang})
    app.build()
    return app, (Path(app.outdir) / "kb/shop/refunds.html").read_text("utf-8")


def test_partial_translation_shows_marks_and_coverage(updated: Path,
                                                      make_app: type[SphinxTestApp]) -> None:
    translate(updated / UK / "kb/shop/refunds.po", {
        "Refunds": "Повернення коштів", "How refunds work.": "Як повертаються кошти.",
        "Bring your receipt.": "Принесіть чек."})
    _, html = build(make_app, updated, "uk")
    assert "<h1>Повернення коштів" in html
    assert "Принесіть чек." in html
    assert re.search(r'<span class="pkb-fallback" lang="en">Train the cashiers\.</span>', html)
    coverage = re.search(r'<p class="pkb-coverage">([^<]*)', html)
    assert coverage and "Texts translated: 3 of " in coverage.group(1)
    assert '<span class="pkb-fallback">not yet translated</span>' in html


@pytest.mark.parametrize("catalog, source, page", [
    ("policykb.po", "Your details", "kb/shop/refunds.html"),
    ("kb/categories.po", "Shop rules", "index.html"),
    ("kb/kits/starter.po", "Starter kit", "index.html"),
    ("kb/shop/refunds.po", "Refunds", "builder-kits/starter.json"),  # the builder's kit
])
def test_a_page_follows_a_changed_catalog_on_the_next_build(
        updated: Path, catalog: str, source: str, page: str) -> None:
    from policykb.build import build_sites

    out, html = updated / "_site", updated / "_site/html/uk" / page
    translate(updated / UK / catalog, {source: f"{source} (перше)"})
    build_sites(updated, out, ["uk"])
    assert f"{source} (перше)" in html.read_text("utf-8")
    translate(updated / UK / catalog, {source: f"{source} (друге)"})
    build_sites(updated, out, ["uk"])
    text = html.read_text("utf-8")
    assert f"{source} (друге)" in text and f"{source} (перше)" not in text


def test_a_translation_that_drops_a_placeholder_is_not_published(
        updated: Path, make_app: type[SphinxTestApp]) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {"We give you {refund_method}.": "Ми даємо вам кредит.",
                   "Bring your receipt.": "Принесіть чек."})
    line = next(number for number, row in enumerate(po.read_text("utf-8").splitlines(), 1)
                if row.startswith('msgctxt "refunds/clause/credit"')) + 1
    app, html = build(make_app, updated, "uk")
    warnings = app.warning.getvalue()
    assert re.search(rf"locales/uk/LC_MESSAGES/kb/shop/refunds\.po:{line}: WARNING: "
                     r"placeholders differ from the source: drops \{refund_method\}; English "
                     r"is shown instead", warnings), warnings
    assert "Ми даємо вам кредит." not in html
    assert "We give you " in html and "Принесіть чек." in html


def run_check_po(project: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check-po", "--langs", "uk ta"])
    return result.exit_code, result.output


@pytest.mark.parametrize(("source", "translation", "message"), [
    pytest.param("We give you {refund_method}.", "Ми даємо кредит.",
                 "placeholders differ from the source: drops {refund_method}",
                 id="dropped-placeholder"),
    pytest.param("Refunds should be **fast** and *fair*; see :block:`delivery-days`.",
                 "Повернення мають бути швидкими; див. :block:`delivery-days`.",
                 "markup differs from the source", id="markup"),
    pytest.param("Bring your receipt.", "Принесите ваш чек, пожалуйста, ы.",
                 "letters that Ukrainian does not use (ы)", id="russian-letters"),
    pytest.param("Bring your receipt.", "Φέρτε την απόδειξη.",
                 "translation holds greek letters", id="wrong-script"),
    pytest.param("Train the cashiers.", "Train the cashiers.",
                 "copy of the English source", id="copied"),
])
def test_check_po_reports_each_finding_at_its_line(
        updated: Path, monkeypatch: pytest.MonkeyPatch, source: str, translation: str,
        message: str) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {source: translation})
    code, output = run_check_po(updated, monkeypatch)
    assert code == 1, output
    rows = [row for row in output.splitlines() if message in row]
    assert rows and rows[0].startswith(f"{UK}/kb/shop/refunds.po:"), output
    line = int(rows[0].split(":")[1])
    assert po.read_text("utf-8").splitlines()[line - 1].startswith(("msgctxt", "msgid"))


def test_a_copy_of_the_english_can_be_accepted_and_survives_update(
        updated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {"Train the cashiers.": "Train the cashiers."})
    text = po.read_text("utf-8").replace('#. Block \'refunds\': implementation checklist item',
                                         "# same-as-source: a test of the escape hatch\n"
                                         "#. Block 'refunds': implementation checklist item")
    po.write_text(text, "utf-8")
    code, output = run_check_po(updated, monkeypatch)
    assert code == 0, output
    update_po(updated, ["uk"], updated / "_build")
    assert "# same-as-source: a test of the escape hatch" in po.read_text("utf-8")


def test_check_po_reports_plural_count_and_header(updated: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    text = po.read_text("utf-8")
    text = text.replace('msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""',
                        'msgstr[0] "{business_name}: {refund_days} день."\n'
                        'msgstr[1] "{business_name}: {refund_days} дні."', 1)
    text = text.replace("nplurals=3; plural=(n%10==1", "nplurals=2; plural=(n%10==1")
    po.write_text(text, "utf-8")
    code, output = run_check_po(updated, monkeypatch)
    assert code == 1
    assert re.search(rf"{UK}/kb/shop/refunds\.po:\d+: Plural-Forms is 'nplurals=2;", output), output
    assert re.search(r"refunds\.po:\d+: has 2 plural forms; uk needs 3", output), output


def test_check_po_passes_on_fresh_catalogs(updated: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = run_check_po(updated, monkeypatch)
    assert code == 0, output


def test_check_po_leaves_fuzzy_messages_to_the_translator(
        updated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {"Bring your receipt.": "Принесіть чек."})
    block = updated / "kb/shop/refunds.yaml"
    block.write_text(block.read_text("utf-8").replace("Bring your receipt.",
                                                      "Bring your **paper** receipt."), "utf-8")
    update_po(updated, ["uk", "ta"], updated / "_build")
    assert '#, fuzzy\n#| msgid "Bring your receipt."' in po.read_text("utf-8")
    code, output = run_check_po(updated, monkeypatch)
    assert code == 0, output


def test_broken_catalog_is_reported_not_overwritten(updated: Path) -> None:
    from policykb.update import UpdateError

    po = updated / UK / "kb/shop/refunds.po"
    po.write_text(po.read_text("utf-8") + '\nmsgid "unterminated\n', "utf-8")
    before = po.read_bytes()
    with pytest.raises(UpdateError, match=r"refunds\.po:\d+: cannot read catalog"):
        update_po(updated, ["uk"], updated / "_build")
    assert po.read_bytes() == before


def test_search_strings_reach_the_browser(updated: Path,
                                          make_app: type[SphinxTestApp]) -> None:
    app, _ = build(make_app, updated, "uk")
    script = (Path(app.outdir) / "_static/translations.js").read_text("utf-8")
    assert '"Search Results": "Результати пошуку"' in script
    search_page = (Path(app.outdir) / "search.html").read_text("utf-8")
    assert 'src="_static/translations.js' in search_page
    assert '"locale": "uk"' in script


def test_status_page_shows_every_language(updated: Path, make_app: type[SphinxTestApp]) -> None:
    (updated / "status.rst").write_text("Status\n======\n\n.. policykb-status::\n", "utf-8")
    app = make_app("html", srcdir=updated, confoverrides={
        "language": "ta", "include_patterns": ["index.rst", "status.rst", "kb/*/*.yaml"]})
    app.build()
    html = (Path(app.outdir) / "status.html").read_text("utf-8")
    assert '<svg class="pkb-chart" role="img"' in html
    for name in ("Українська", "தமிழ்"):
        assert name in html


def test_every_interface_string_of_the_extension_is_extracted() -> None:
    import ast

    from policykb.interface import policykb_template

    package = Path(__file__).parents[1] / "src/policykb/sphinxext"
    called = {node.args[0].value
              for source in package.glob("*.py")
              for node in ast.walk(ast.parse(source.read_text("utf-8")))
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("_", "ngettext") and node.args
              and isinstance(node.args[0], ast.Constant)}
    extracted = {message.id[0] if isinstance(message.id, tuple) else message.id
                 for message in policykb_template() if message.id}
    assert called and called <= extracted, sorted(called - extracted)


def test_check_po_runs_msgfmt_on_interface_catalogs(updated: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    po = updated / UK / "policykb.po"
    translate(po, {"When %(conditions)s:": "Коли %(condition)s:"})
    code, output = run_check_po(updated, monkeypatch)
    assert code == 1
    assert re.search(r"policykb\.po:\d+: placeholders differ from the source: drops "
                     r"%\(conditions\)s; adds %\(condition\)s", output), output
    assert re.search(r"policykb\.po:\d+: msgfmt: .*'condition'", output), output


def test_check_po_holds_translations_to_the_glossary(updated: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (updated / "locales/uk/glossary.yaml").write_text(
        "terms:\n  - en: receipt\n    translation: чек\n    match: [чек]\n", "utf-8")
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {"Bring your receipt.": "Принесіть квитанцію."})
    code, output = run_check_po(updated, monkeypatch)
    assert code == 1
    assert re.search(r"refunds\.po:\d+: glossary: 'receipt' is translated as 'чек'", output)
    translate(po, {"Bring your receipt.": "Принесіть чек."})
    code, output = run_check_po(updated, monkeypatch)
    assert code == 0, output
    (updated / "locales/uk/glossary.yaml").write_text(
        "terms:\n  - en: delivery\n    translation: доставка\n    match: [доставк]\n", "utf-8")
    translate(po, {"Refunds should be **fast** and *fair*; see :block:`delivery-days`.":
                   "Повернення мають бути **швидкими** і *чесними*; див. :block:`delivery-days`."})
    code, output = run_check_po(updated, monkeypatch)
    assert code == 0, output  # the link's id is not a use of the term


@pytest.mark.parametrize(("english", "text", "found"), [
    ("policy", "Our policies are short.", True),
    ("policy", "The policy is short.", True),
    ("branch", "Both branches agree.", True),
    ("business day", "within three business days", True),
    ("refund", "refundable", False),
    ("day", "Holidays differ.", False),
])
def test_a_glossary_term_is_found_singular_or_plural(english: str, text: str,
                                                     found: bool) -> None:
    from policykb.checks import GlossaryTerm

    assert GlossaryTerm(english, "", ()).in_source(text) is found


def msgfmt_check(*paths: Path) -> str:
    """The complaints of ``msgfmt -c --statistics`` about ``paths`` (only statistics if none)."""
    import subprocess

    found = []
    for path in paths:
        process = subprocess.run(["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(path)],
                                 capture_output=True, text=True, check=False)
        found += [row for row in process.stderr.splitlines()
                  if not re.search(r"translated messages?[,.]", row)]
        if process.returncode:
            found.append(f"{path}: exit {process.returncode}")
    return "\n".join(found)


def edit_block(project: Path, name: str, *replacements: tuple[str, str]) -> str:
    """Apply text replacements to a kb file; returns its original text."""
    path = project / "kb" / name
    original = text = path.read_text("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    return original


FEE = ("A fee of {fee} ({fee_share} of the price) applies. Write to {contact_email}, call "
       "{contact_phone} or see {website}.")
FEE_UK = ("Стягується плата {fee} ({fee_share} від ціни). Пишіть на {contact_email}, "
          "телефонуйте {contact_phone} або дивіться {website}.")
TIMING_UK = ("{business_name} повертає кошти протягом {refund_days} дня.",
             "{business_name} повертає кошти протягом {refund_days} днів.",
             "{business_name} повертає кошти протягом {refund_days} днів (багато).")


def test_long_and_short_changed_messages_stay_valid_po_and_revert_active(updated: Path) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {FEE: FEE_UK, "Bring your receipt.": "Принесіть чек."})
    original = edit_block(updated, "shop/refunds.yaml", ("applies. Write", "applies today. Write"),
                          ("Bring your receipt.", "Bring the receipt."))
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    text = po.read_text("utf-8")
    assert re.search(r'#, fuzzy, python-brace-format\n#\| msgid ""\n(#\| "[^"\n]*"\n){2,}'
                     r'msgctxt "refunds/clause/fee"', text), text
    assert '#| msgid "Bring your receipt."\nmsgctxt "refunds/clause/receipt"' in text
    assert msgfmt_check(po) == ""
    fee = read_catalog(po, "uk").get(FEE.replace("applies.", "applies today."),
                                     "refunds/clause/fee")
    assert fee is not None and fee.fuzzy and fee.previous_id == [FEE]
    (updated / "kb/shop/refunds.yaml").write_text(original, "utf-8")
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    catalog = read_catalog(po, "uk")
    for source, translation in ((FEE, FEE_UK), ("Bring your receipt.", "Принесіть чек.")):
        message = catalog.get(source, f"refunds/clause/{'fee' if source == FEE else 'receipt'}")
        assert message is not None and not message.fuzzy and message.string == translation
    assert "#|" not in po.read_text("utf-8") and "#~" not in po.read_text("utf-8")


def test_a_clause_keeps_its_plural_forms_when_it_stops_being_plural_and_back(
        updated: Path) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {"{business_name} refunds you within {refund_days} day.": TIMING_UK})
    original = edit_block(updated, "shop/refunds.yaml", (
        '    count: refund_days\n    text: "{business_name} refunds you within {refund_days} day."'
        '\n    text_plural: "{business_name} refunds you within {refund_days} days."',
        '    text: "{business_name} refunds you within a few days."'),
        ("  refund_days:\n    type: count\n    unit: days\n    label: Refund time\n"
         "    default: 5\n", ""))
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    text = po.read_text("utf-8")
    assert msgfmt_check(po) == ""
    assert ('#| msgid "{business_name} refunds you within {refund_days} day."\n'
            '#| msgid_plural "{business_name} refunds you within {refund_days} days."\n'
            'msgctxt "refunds/clause/timing"\n'
            'msgid "{business_name} refunds you within a few days."\n'
            f'msgstr "{TIMING_UK[0]}"') in text
    assert ('#~ msgctxt "refunds/clause/timing"\n'
            '#~ msgid "{business_name} refunds you within {refund_days} day."\n'
            '#~ msgid_plural "{business_name} refunds you within {refund_days} days."\n'
            f'#~ msgstr[0] "{TIMING_UK[0]}"\n#~ msgstr[1] "{TIMING_UK[1]}"\n'
            f'#~ msgstr[2] "{TIMING_UK[2]}"') in text
    (updated / "kb/shop/refunds.yaml").write_text(original, "utf-8")
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    message = read_catalog(po, "uk").get("{business_name} refunds you within {refund_days} day.",
                                         "refunds/clause/timing")
    assert message is not None and not message.fuzzy and message.string == TIMING_UK
    assert "#~" not in po.read_text("utf-8")


def test_renamed_and_moved_blocks_carry_their_translations(updated: Path) -> None:
    old_po = updated / UK / "kb/shop/delivery-days.po"
    translate(old_po, {"Delivery days": "Дні доставки", "Publish the days.": "Оприлюдніть дні."})
    kb = updated / "kb"
    (kb / "categories.yaml").write_text((kb / "categories.yaml").read_text("utf-8") +
                                        "  - id: office\n    title: Office\n"
                                        "    summary: Office rules.\n", "utf-8")
    (kb / "office").mkdir()
    moved = (kb / "shop/delivery-days.yaml").read_text("utf-8").replace("category: shop",
                                                                       "category: office")
    (kb / "office/delivery-days.yaml").write_text(moved, "utf-8")
    (kb / "shop/delivery-days.yaml").unlink()
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    new_po = updated / UK / "kb/office/delivery-days.po"
    catalog = read_catalog(new_po, "uk")
    title = catalog.get("Delivery days", "delivery-days/title")
    assert title is not None and not title.fuzzy and title.string == "Дні доставки"
    assert not old_po.exists(), "the old catalog holds nothing the new one lacks"
    renamed = moved.replace("id: delivery-days", "id: delivery-schedule")
    (kb / "office/delivery-schedule.yaml").write_text(renamed, "utf-8")
    (kb / "office/delivery-days.yaml").unlink()
    edit_block(updated, "shop/refunds.yaml", ("delivery-days", "delivery-schedule"))
    edit_block(updated, "kits/starter.yaml", ("block: delivery-days", "block: delivery-schedule"))
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    renamed_po = updated / UK / "kb/office/delivery-schedule.po"
    text = renamed_po.read_text("utf-8")
    assert ('#, fuzzy\n#| msgctxt "delivery-schedule/checklist"' not in text)
    assert ('#, fuzzy\n#| msgctxt "delivery-days/checklist"\n#| msgid "Publish the days."\n'
            'msgctxt "delivery-schedule/checklist"\nmsgid "Publish the days."\n'
            'msgstr "Оприлюдніть дні."') in text
    assert msgfmt_check(renamed_po, new_po) == ""


def test_a_renamed_variable_and_back_leaves_nothing_fuzzy(updated: Path) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {"Refund time": "Строк повернення коштів"})
    original = edit_block(updated, "shop/refunds.yaml", ("  refund_days:", "  refund_days_x:"),
                          ("count: refund_days", "count: refund_days_x"),
                          ("{refund_days}", "{refund_days_x}"))
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    label = read_catalog(po, "uk").get("Refund time", "refunds/variable/refund_days_x/label")
    assert label is not None and label.fuzzy and label.string == "Строк повернення коштів"
    (updated / "kb/shop/refunds.yaml").write_text(original, "utf-8")
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    text = po.read_text("utf-8")
    assert "#, fuzzy" not in text and "#~" not in text
    label = read_catalog(po, "uk").get("Refund time", "refunds/variable/refund_days/label")
    assert label is not None and not label.fuzzy


def test_headers_are_the_projects_and_the_revision_date_moves_with_translations(
        updated: Path) -> None:
    update_po(updated, ["tl"], updated / "_build")
    for lang, name in (("uk", "Ukrainian"), ("tl", "Tagalog")):
        folder = updated / f"locales/{lang}/LC_MESSAGES"
        catalogs = sorted(folder.rglob("*.po"))
        assert len(catalogs) > 5
        for path in catalogs:
            text = path.read_text("utf-8")
            assert text.startswith(f"# {name} translations for Customer-service policy "
                                   "library.\n"), path
            assert f'"Language-Team: {name} <translators@policykb.org>\\n"' in text, path
            assert '"Last-Translator: policykb translators <translators@policykb.org>\\n"' \
                in text
            assert "#, fuzzy\nmsgid \"\"" not in text and "YEAR-MO-DA" not in text, path
        assert msgfmt_check(*catalogs) == ""
    po = updated / UK / "kb/shop/refunds.po"

    def revision() -> str:
        found = re.search(r'"PO-Revision-Date: ([^"]*)\\n"', po.read_text("utf-8"))
        assert found
        return found.group(1)

    def set_revision() -> None:
        po.write_text(po.read_text("utf-8").replace(revision(), "2026-01-01 00:00+0000"),
                      "utf-8")

    set_revision()
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    assert revision() == "2026-01-01 00:00+0000", "nothing changed, the date stays"
    translate(po, {"Bring your receipt.": "Принесіть чек."})
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    assert revision() != "2026-01-01 00:00+0000", "a translator added a translation"
    set_revision()
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    assert revision() == "2026-01-01 00:00+0000"
    edit_block(updated, "shop/refunds.yaml", ("Bring your receipt.", "Bring a receipt."))
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    assert revision() != "2026-01-01 00:00+0000", "a translation turned fuzzy"


def test_purge_obsolete_drops_obsolete_entries_and_orphan_catalogs(
        updated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {"Train the cashiers.": "Навчіть касирів."})
    translate(updated / UK / "kb/shop/delivery-days.po", {"Publish the days.": "Оприлюдніть."})
    edit_block(updated, "shop/refunds.yaml", ("  - Train the cashiers.", "  - Train staff."),
               (":block:`delivery-days`", "the delivery page"), ("  - delivery-days\n", ""),
               ("related:\n", ""))
    edit_block(updated, "kits/starter.yaml", ("  - block: delivery-days\n    optional: true\n",
                                              ""))
    (updated / "kb/shop/delivery-days.yaml").unlink()
    update_po(updated, ["uk"], updated / "_build", site_pages=False)
    assert '#~ msgstr "Навчіть касирів."' in po.read_text("utf-8")
    assert (updated / UK / "kb/shop/delivery-days.po").is_file()
    monkeypatch.chdir(updated)
    result = CliRunner().invoke(main, ["update-po", "--langs", "uk", "--purge-obsolete"])
    assert result.exit_code == 0, result.output
    assert "#~" not in po.read_text("utf-8")
    assert not (updated / UK / "kb/shop/delivery-days.po").exists()
    assert all("#~" not in path.read_text("utf-8")
               for path in (updated / UK).rglob("*.po"))


@pytest.mark.parametrize(("damage", "reason"), [
    pytest.param(lambda text: text.replace('msgstr "Принесіть чек."', 'msgstr "Принесіть чек'),
                 "unterminated string", id="unterminated"),
    pytest.param(lambda text: text.replace('msgstr "Принесіть чек."', 'msgstr "Принесіть\0чек."'),
                 "control character", id="nul-byte"),
])
def test_a_broken_kb_catalog_is_not_published(
        updated: Path, make_app: type[SphinxTestApp], damage: Any, reason: str) -> None:
    po = updated / UK / "kb/shop/refunds.po"
    translate(po, {"Bring your receipt.": "Принесіть чек.", "Refunds": "Повернення коштів"})
    text = damage(po.read_text("utf-8"))
    po.write_text(text, "utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1)
                if row.startswith('msgstr "Принесіть'))
    app, html = build(make_app, updated, "uk")
    warnings = app.warning.getvalue()
    assert re.search(rf"locales/uk/LC_MESSAGES/kb/shop/refunds\.po:{line}: WARNING: cannot "
                     rf"read catalog \([^)]*{reason}", warnings), warnings
    assert "Принесіть" not in html and "Повернення коштів" not in html and "\0" not in html
    assert "Bring your receipt." in html


def test_a_catalog_that_is_not_utf8_or_binary_is_reported_at_its_line(updated: Path) -> None:
    from policykb.catalogs import CatalogError

    po = updated / UK / "kb/shop/refunds.po"
    text = po.read_text("utf-8")
    po.write_bytes(text.encode("utf-8").replace(b"Bring your receipt.",
                                                "Bring your receipt.".encode("utf-16")))
    line = next(number for number, row in enumerate(text.splitlines(), 1)
                if "Bring your receipt." in row)
    with pytest.raises(CatalogError, match=r"control character|not UTF-8") as error:
        read_catalog(po, "uk")
    assert error.value.lineno == line
    po.write_bytes(b"\xde\x12\x04\x95" + bytes(range(256)))
    with pytest.raises(CatalogError):
        read_catalog(po, "uk")


@pytest.mark.parametrize(("catalog", "source", "translation", "page"), [
    ("policykb.po", "Your details", "Ваші дані", "kb/shop/refunds.html"),
    ("index.po", "Test library", "Тестова бібліотека", "index.html"),
])
def test_a_broken_interface_or_page_catalog_is_not_published(
        updated: Path, make_app: type[SphinxTestApp], catalog: str, source: str,
        translation: str, page: str) -> None:
    from policykb.build import build_sites

    po = updated / UK / catalog
    translate(po, {source: translation})
    build_sites(updated, updated / "_site", ["uk"])
    assert translation in (updated / "_site/html/uk" / page).read_text("utf-8")
    text = po.read_text("utf-8").replace(f'msgstr "{translation}"', f'msgstr "{translation}')
    po.write_text(text, "utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1)
                if row.startswith(f'msgstr "{translation}'))
    app, _ = build(make_app, updated, "uk")
    html = (Path(app.outdir) / page).read_text("utf-8")
    assert re.search(rf"locales/uk/LC_MESSAGES/{re.escape(catalog)}:{line}: WARNING: cannot "
                     r"read catalog \(unterminated string\)", app.warning.getvalue())
    assert translation not in html and source in html


@pytest.fixture(scope="module")
def fuzzer(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A copy of the test library with two categories and every uk message translated."""
    from policykb.po_fuzz import Fuzzer

    from .conftest import copy_root

    project = copy_root("library", tmp_path_factory.mktemp("fuzz") / "src")
    kb = project / "kb"
    (kb / "categories.yaml").write_text((kb / "categories.yaml").read_text("utf-8") +
                                        "  - id: office\n    title: Office\n"
                                        "    summary: Office rules.\n", "utf-8")
    (kb / "office").mkdir()
    (kb / "office/delivery-days.yaml").write_text(
        (kb / "shop/delivery-days.yaml").read_text("utf-8").replace("category: shop",
                                                                    "category: office"), "utf-8")
    (kb / "shop/delivery-days.yaml").unlink()
    update_po(project, ["uk"], project / "_build", site_pages=False)
    for number, path in enumerate(sorted((project / UK / "kb").rglob("*.po"))):
        catalog = read_catalog(path, "uk")
        for index, message in enumerate(catalog):
            if not message.id:
                continue
            source = message.id[0] if isinstance(message.id, tuple | list) else message.id
            names = " ".join(re.findall(r"\{[a-z_]+\}", source))
            if isinstance(message.id, tuple | list):
                message.string = tuple(f"форма {form} {number}.{index} {names}"
                                       for form in range(3))
            else:
                message.string = f"переклад {number}.{index} {names}"
        path.write_text(render_catalog(catalog), "utf-8")
    return Fuzzer(project, ["uk"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.sampled_from(sorted(__import__("policykb.po_fuzz").po_fuzz
                                                       .EDITS)),
                                st.integers(0, 2**32 - 1)), min_size=1, max_size=4))
def test_random_english_edits_never_lose_a_translation_and_a_revert_restores_all(
        fuzzer: Any, edits: list[tuple[str, int]]) -> None:
    """Hypothesis draws sequences of author edits; update-po runs after each (see po_fuzz)."""
    from policykb.po_fuzz import Figures

    figures = Figures()
    fuzzer.run(edits, figures)
    assert figures.clean, "\n".join([str(figures), *figures.failures])
