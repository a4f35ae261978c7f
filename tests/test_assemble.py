"""``policykb assemble``: one translated policy, filled with a business's values, offline."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from docx.oxml.ns import qn

from policykb import files as files_module
from policykb.assemble import (
    Document,
    Heading,
    ItemList,
    Paragraph,
    Run,
    render_docx,
    render_markdown,
    write_atomically,
)
from policykb.cli import main
from policykb.update import update_po

from .conftest import PROJECT
from .payloads import VALUES, assert_literal_in_html, assert_literal_in_markdown
from .test_translation import translate
from .test_validate import edit

UK_KB = "locales/uk/LC_MESSAGES/kb"


def run(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    """``policykb assemble ARGS`` in ``project`` (paths in messages are relative to it)."""
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["assemble", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert "Traceback" not in result.output
    return result


def write_values(project: Path, text: str, name: str = "values.yaml") -> str:
    (project / name).write_text(text, "utf-8")
    return name


def policy(project: Path, monkeypatch: pytest.MonkeyPatch, values: str | None = None,
           *args: str, output: str = "policy.md") -> str:
    """The Markdown (or HTML) of the starter kit with ``values`` (default: values.yaml)."""
    name = write_values(project, values, "my-values.yaml") if values is not None \
        else "values.yaml"
    result = run(project, monkeypatch, "--kit", "starter", "--values", name, "-o", output,
                 *args)
    assert result.exit_code == 0, result.output
    return (project / output).read_text("utf-8")


# -- the three formats --------------------------------------------------------------


def test_markdown_has_title_introduction_blocks_values_and_lists(
        library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = policy(library_src, monkeypatch)
    assert text.startswith("# Starter kit\n\nStart here.\n\n## Refunds\n\n")
    assert "Lantern Books refunds you within 14 days." in text
    assert "Write to orders@lantern.example, call +63 2 8555 0101" in text
    assert "We are open Monday–Friday 8:30\u00a0AM–5:00\u00a0PM." in text
    assert "1. The cashier checks the receipt.\n2. The cashier issues the refund.\n" in text
    assert text.count("### How we pay") == 1
    assert "## Delivery days\n\nWe deliver on Tuesday and Thursday.\n" in text
    # money without its own currency follows the business's currency value; fee keeps EUR
    assert "We pay cash up to UAH200.00." in text
    assert "A fee of €250.00 (10% of the price) applies." in text


@pytest.mark.parametrize("output", ["policy.md", "policy.html", "policy.docx"])
def test_every_format_contains_the_business_name(
        library_src: Path, monkeypatch: pytest.MonkeyPatch, output: str) -> None:
    result = run(library_src, monkeypatch, "--kit", "starter", "--values", "values.yaml",
                 "-o", output)
    assert result.exit_code == 0, result.output
    path = library_src / output
    if output.endswith(".docx"):
        text = "\n".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)
    else:
        text = path.read_text("utf-8")
    assert "Lantern Books" in text
    assert "Corner Shop" not in text
    assert [p.name for p in library_src.iterdir() if p.name.startswith(".policy")] == []


def test_docx_has_real_headings_lists_runs_and_properties(
        library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(library_src, "kb/kits/starter.yaml", "  - Start here.",
         "  - Start **here**, then read *the rules*.")
    result = run(library_src, monkeypatch, "--kit", "starter", "-o", "policy.docx")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(library_src / "policy.docx"))
    styles = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert styles[0] == ("Heading 1", "Starter kit")
    assert ("Heading 2", "Refunds") in styles
    assert ("Heading 2", "Delivery days") in styles
    assert ("Heading 3", "How we pay") in styles
    assert ("List Number", "The cashier checks the receipt.") in styles
    assert document.core_properties.title == "Starter kit"
    assert document.core_properties.language == "en"
    assert document.core_properties.author == ""
    runs = [(run.text, run.bold, run.italic) for run in document.paragraphs[1].runs]
    assert runs == [("Start ", None, None), ("here", True, None), (", then read ", None, None),
                    ("the rules", None, True), (".", None, None)]
    with zipfile.ZipFile(library_src / "policy.docx") as package:
        for name in package.namelist():  # nothing linked from outside the file
            if name.endswith(".rels"):
                assert 'TargetMode="External"' not in package.read(name).decode()
        assert '<w:lang w:val="en-US"' in package.read("word/styles.xml").decode()


def test_each_numbered_list_in_word_starts_at_one(tmp_path: Path) -> None:
    steps = ItemList(True, ((Run("a"),), (Run("b"),)))
    document = Document("uk", "T", [Heading(1, (Run("T"),)), steps, Paragraph((Run("p"),)),
                                    steps])
    (tmp_path / "t.docx").write_bytes(render_docx(document))
    word = docx.Document(str(tmp_path / "t.docx"))
    numbers = [paragraph._p.pPr.numPr.numId.val for paragraph in word.paragraphs
               if paragraph.style.name == "List Number"]
    assert len(numbers) == 4 and numbers[0] == numbers[1] != numbers[2] == numbers[3]
    numbering = word.part.numbering_part.element
    for number in set(numbers):
        start = numbering.xpath(f'w:num[@w:numId="{number}"]/w:lvlOverride/w:startOverride')
        assert start and start[0].get(qn("w:val")) == "1"
    assert word.core_properties.language == "uk"


def test_html_is_standalone_and_escapes_values(library_src: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    page = policy(library_src, monkeypatch,
                  "business_name: <script>alert(1)</script> & \"Sons\"\n",
                  output="policy.html")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert '<meta charset="utf-8">' in page
    assert "<title>Starter kit</title>" in page
    assert "<h1>Starter kit</h1>" in page and "<h2>Refunds</h2>" in page
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot; refunds you" in page
    assert "<ol>\n<li>The cashier checks the receipt.</li>" in page
    assert not re.search(r"""(src|href)=|url\(|@import|https?://(?!example)""", page)


def test_markdown_escapes_values(library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = policy(library_src, monkeypatch, "business_name: <b>*Best* [shop](https://x.example)"
                                            "\n")
    assert r"\<b>\*Best\* \[shop](https://x.example) refunds you" in text
    assert "<b>" not in text.replace(r"\<b>", "")


def test_a_value_at_the_start_of_a_line_cannot_make_a_heading_or_list() -> None:
    document = Document("en", "T", [Heading(1, (Run("T"),)), Paragraph((Run("# Not"),)),
                                    Paragraph((Run("12. Not"),)),
                                    ItemList(False, ((Run("- a"),),))])
    text = render_markdown(document)
    assert "\n\\# Not\n" in text and "\n12\\. Not\n" in text and "\n- \\- a\n" in text


# -- clauses follow the values -------------------------------------------------------


def test_a_yes_no_value_removes_its_clause(library_src: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Bring your receipt." in policy(library_src, monkeypatch)
    text = policy(library_src, monkeypatch, "receipt_needed: false\n")
    assert "Bring your receipt." not in text
    assert "Store credit needs a receipt." not in text


def test_a_choice_switches_the_alternatives(library_src: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    original = policy(library_src, monkeypatch, "refund_method: original\n")
    assert "We refund to your original payment method." in original
    assert "We give you store credit." not in original
    credit = policy(library_src, monkeypatch, "refund_method: credit\n")
    assert "We give you store credit." in credit
    assert "Store credit needs a receipt." in credit  # both of its conditions hold
    assert "We load the credit onto a card." in credit
    assert "We refund to your original payment method." not in credit
    assert "We pay cash" not in credit
    assert credit.count("### How we pay") == 1


def test_a_value_that_is_not_asked_never_reaches_the_document(
        library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # cash_limit is asked only when refunds go to the original payment method (its
    # 'when'); the clause that shows it has no condition of its own
    asked = policy(library_src, monkeypatch, "refund_method: original\ncash_limit: 777\n")
    assert "We pay cash up to ₱777.00." in asked
    hidden = policy(library_src, monkeypatch, "refund_method: credit\ncash_limit: 777\n")
    assert "777" not in hidden and "We pay cash" not in hidden


def test_defaults_fill_missing_values_and_a_text_without_one_shows_its_label(
        library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(library_src, "kb/variables.yaml", "    default: Corner Shop\n", "")
    text = policy(library_src, monkeypatch, "refund_days: 1\n")
    assert r"\[Business name] refunds you within 1 day." in text
    assert "A fee of €1,500.50 (12.5% of the price) applies." in text
    assert "We pay cash up to ₱200.00." in text


def test_optional_blocks_and_chosen_blocks(library_src: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert "## Delivery days" not in policy(library_src, monkeypatch, None, "--skip-optional")
    result = run(library_src, monkeypatch, "--blocks", "delivery-days,refunds", "-o", "b.md")
    assert result.exit_code == 0, result.output
    text = (library_src / "b.md").read_text("utf-8")
    assert text.startswith("# Delivery days and Refunds\n\n## Delivery days\n")
    result = run(library_src, monkeypatch, "--blocks", "refund", "-o", "c.md")
    assert result.exit_code == 1
    assert "unknown block 'refund' (did you mean 'refunds'?)" in result.output
    result = run(library_src, monkeypatch, "--kit", "startr", "-o", "c.md")
    assert result.exit_code == 1
    assert "unknown kit 'startr' (did you mean 'starter'?)" in result.output
    assert run(library_src, monkeypatch, "-o", "c.md").exit_code == 2
    result = run(library_src, monkeypatch, "--kit", "starter", "-o", "c.pdf")
    assert result.exit_code == 1 and "must end in .md, .html, .snippet.html, .docx" in result.output
    assert not (library_src / "c.md").exists()


# -- Ukrainian ----------------------------------------------------------------------------


@pytest.fixture
def ukrainian(library_src: Path) -> Path:
    update_po(library_src, ["uk"], library_src / "_build")
    translate(library_src / UK_KB / "shop/refunds.po", {
        "Refunds": "Повернення коштів",
        "{business_name} refunds you within {refund_days} day.": (
            "{business_name} повертає кошти протягом {refund_days} дня.",
            "{business_name} повертає кошти протягом {refund_days} днів.",
            "{business_name} повертає кошти протягом {refund_days} днів.",
        ),
        "Bring your receipt.": "Принесіть чек.",
        "store credit": "депозит у магазині",
        "We give you {refund_method}.": "Ми надаємо Вам {refund_method}.",
    })
    translate(library_src / UK_KB / "kits/starter.po", {"Starter kit": "Стартовий набір"})
    return library_src


@pytest.mark.parametrize(("days", "form"), [(1, "дня"), (2, "днів"), (5, "днів"), (21, "дня")])
def test_ukrainian_policy_uses_the_catalogs_and_the_plural_rule(
        ukrainian: Path, monkeypatch: pytest.MonkeyPatch, days: int, form: str) -> None:
    result = run(ukrainian, monkeypatch, "--kit", "starter", "--lang", "uk", "--values",
                 write_values(ukrainian, f"business_name: Ліхтар\nrefund_days: {days}\n"
                                         "refund_method: credit\n"),
                 "-o", "policy.md")
    assert result.exit_code == 0, result.output
    text = (ukrainian / "policy.md").read_text("utf-8")
    assert text.startswith("# Стартовий набір\n")
    assert "## Повернення коштів\n" in text
    assert f"Ліхтар повертає кошти протягом {days} {form}." in text
    assert "Принесіть чек." in text
    assert "Ми надаємо Вам депозит у магазині." in text  # a translated option label
    assert "We load the credit onto a card." in text  # untranslated: English
    assert "are not translated yet and are shown in English" in result.output


def test_ukrainian_plural_forms_one_few_many(library_src: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    project = library_src
    update_po(project, ["uk"], project / "_build")
    translate(project / UK_KB / "shop/refunds.po", {
        "{business_name} refunds you within {refund_days} day.": (
            "{business_name}: {refund_days} день.", "{business_name}: {refund_days} дні.",
            "{business_name}: {refund_days} днів."),
    })
    for days, word in ((1, "день"), (2, "дні"), (5, "днів"), (11, "днів"), (22, "дні")):
        write_values(project, f"refund_days: {days}\n")
        result = run(project, monkeypatch, "--kit", "starter", "--lang", "uk", "--values",
                     "values.yaml", "-o", "policy.html")
        assert result.exit_code == 0, result.output
        page = (project / "policy.html").read_text("utf-8")
        assert f"Corner Shop: {days} {word}." in page, days
        assert '<html lang="uk">' in page


# -- bad values -----------------------------------------------------------------------------


BAD_VALUES = """\
business_name: 42
contact_email: not-an-address
contact_phone: call me
website: ftp://example.com
refund_days: -3
fee: lots
fee_share: 150
opening_hours:
  - days: [mon, funday]
    opens: "9am"
    closes: "18:00"
delivery_days: [mon, someday]
refund_method: cash
receipt_needed: "yes"
currency: XYZ
refund_dayz: 3
"""


@pytest.mark.parametrize(("line", "message"), [
    (1, "'business_name' should be text, not a number"),
    (2, "'contact_email' value 'not-an-address' is not an e-mail address"),
    (3, "'contact_phone' value 'call me' is not a phone number"),
    (4, "'website' value 'ftp://example.com' is not a web address starting with https://"),
    (5, "'refund_days' must be at least 0, not -3"),
    (6, "'fee' should be a number, not text"),
    (7, "'fee_share' must be at most 100, not 150"),
    (9, "'opening_hours[1].days[2]' is 'funday'; expected one of: mon, tue"),
    (10, "'opening_hours[1].opens' '9am' is not valid: write a 24-hour time as HH:MM"),
    (12, "'delivery_days[2]' is 'someday'; expected one of"),
    (13, "'refund_method' value 'cash' is not one of the options: original, credit"),
    (14, "'receipt_needed' should be true or false, not text"),
    (15, "'currency' value 'XYZ' is not an ISO 4217 currency code"),
    (16, "unknown variable 'refund_dayz' (did you mean 'refund_days'?)"),
])
def test_each_bad_value_is_reported_with_its_line(
        library_src: Path, monkeypatch: pytest.MonkeyPatch, line: int, message: str) -> None:
    write_values(library_src, BAD_VALUES)
    result = run(library_src, monkeypatch, "--kit", "starter", "--values", "values.yaml",
                 "-o", "policy.md")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(found.startswith(f"values.yaml:{line}: {message}") for found in lines), lines
    assert len(lines) == 14  # all at once, one each
    assert not (library_src / "policy.md").exists()


@pytest.mark.parametrize(("text", "message"), [
    ("refund_days: 2.5\n", "values.yaml:1: 'refund_days' should be a whole number, not a number"),
    ("refund_days: true\n", "values.yaml:1: 'refund_days' should be a whole number, not true"),
    ("fee: -1\n", "values.yaml:1: 'fee' must be at least 0, not -1"),
    ("fee: .nan\n", "values.yaml:1: 'fee' should be a number, not nan"),
    ("currency: uah\n", "values.yaml:1: 'currency' 'uah' is not valid: write a three-letter"),
    ("opening_hours:\n  - days: [sat]\n    opens: '10:00'\n    closes: '09:00'\n",
     "values.yaml:4: closes at 09:00, which is not after it opens (10:00)"),
    ("opening_hours:\n  - days: [sat]\n    opens: '10:00'\n    closes: '24:00'\n",
     "values.yaml:4: closes at 24:00: write 23:59 for a day that ends at midnight"),
    ("opening_hours:\n  - days: [sat]\n    opens: '10:00'\n",
     "values.yaml:2: missing field 'closes' in 'opening_hours[1]'"),
    ("delivery_days: mon\n", "values.yaml:1: 'delivery_days' should be a list, not text"),
    ("business_name: ''\n", "values.yaml:1: 'business_name' must not be empty"),
    ("- business_name\n", "values.yaml:1: the file should be a mapping"),
    ("business_name: [unclosed\n", "values.yaml:2: YAML syntax error"),
])
def test_more_bad_values(library_src: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                         message: str) -> None:
    write_values(library_src, text)
    result = run(library_src, monkeypatch, "--kit", "starter", "--values", "values.yaml",
                 "-o", "policy.md")
    assert result.exit_code == 1
    assert result.output.startswith(message), result.output


def test_an_empty_value_keeps_the_default(library_src: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Corner Shop refunds you" in policy(library_src, monkeypatch, "business_name:\n")


def test_a_library_with_problems_is_refused(library_src: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    line = edit(library_src, "kb/shop/refunds.yaml", "{refund_method}.", "{refund_methd}.")
    result = run(library_src, monkeypatch, "--kit", "starter", "-o", "policy.md")
    assert result.exit_code == 1
    assert f"kb/shop/refunds.yaml:{line}: unknown variable 'refund_methd'" in result.output
    assert "fix them first" in result.output
    assert not (library_src / "policy.md").exists()


# -- writing --------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "policy.md"
    target.write_text("old", "utf-8")

    def broken(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module.os, "replace", broken)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_text("utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["policy.md"]


def test_a_written_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "policy.md"
    write_atomically(target, b"text")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert target.read_bytes() == b"text"


@pytest.mark.parametrize("value", VALUES)
def test_a_value_stays_literal_text_in_markdown_and_html(
        library_src: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    values = f"business_name: {json.dumps(value)}\n"
    markdown = policy(library_src, monkeypatch, values)
    assert_literal_in_markdown(markdown, value, "refunds you within")
    page = policy(library_src, monkeypatch, values, output="policy.html")
    assert_literal_in_html(page, value, "refunds you within")


def test_a_long_title_is_shortened_for_words_title_property(tmp_path: Path) -> None:
    title = ", ".join(f"Block number {number} of the policy" for number in range(12))
    document = Document("en", title, [Heading(1, (Run(title),))])
    path = tmp_path / "policy.docx"
    path.write_bytes(render_docx(document))
    word = docx.Document(str(path))
    assert len(title) > 255
    assert len(word.core_properties.title) <= 255
    assert word.core_properties.title.endswith("…")
    assert word.core_properties.title.startswith("Block number 0 of the policy, Block number 1")
    assert word.paragraphs[0].text == title  # the heading keeps the whole title


def test_seven_blocks_of_the_library_to_word(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    from policykb.loader import load_library

    blocks = sorted(load_library(PROJECT / "kb").library.blocks)[:8]
    result = run(PROJECT, monkeypatch, "--blocks", ",".join(blocks), "--lang", "uk",
                 "-o", str(tmp_path / "policy.docx"))
    assert result.exit_code == 0, result.output
    title = docx.Document(str(tmp_path / "policy.docx")).core_properties.title
    assert 0 < len(title) <= 255


@pytest.mark.parametrize("args, message", [
    (["--values", "folder"], "folder: is a folder, not a YAML file"),
    (["-o", "out.md"], "out.md: is a folder; name the file to write, e.g. out.md/policy.md"),
])
def test_a_folder_where_a_file_is_expected(library_src: Path, monkeypatch: pytest.MonkeyPatch,
                                           args: list[str], message: str) -> None:
    (library_src / "folder").mkdir()
    (library_src / "out.md").mkdir()
    options = ["--kit", "starter", *args]
    if "-o" not in args:
        options += ["-o", "policy.md"]
    result = run(library_src, monkeypatch, *options)
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert not (library_src / "policy.md").exists()


@pytest.mark.parametrize("values, message", [
    ("refund_days: 1000000000000000000000000000000\n",
     "my-values.yaml:1: 'refund_days' must be at most 1000000000, not "
     "1000000000000000000000000000000"),
    ("fee: 1.0e+300\n", "my-values.yaml:1: 'fee' must be at most 1000000000000, not 1e+300"),
])
def test_a_huge_number_is_refused_with_its_line(library_src: Path,
                                                monkeypatch: pytest.MonkeyPatch, values: str,
                                                message: str) -> None:
    write_values(library_src, values, "my-values.yaml")
    result = run(library_src, monkeypatch, "--kit", "starter", "--values", "my-values.yaml",
                 "-o", "policy.md")
    assert result.exit_code == 1
    assert result.output.strip() == message
