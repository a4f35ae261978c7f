"""Saved answers and branches in the builder, in Debian's Chromium, on the real library:
a 12-branch franchise filled in, saved, cleared and opened again; the saved file given to
``policykb assemble --values``; a broken file refused in the page's language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from policykb.answers import read_answers
from policykb.cli import main
from policykb.loader import load_library

from .conftest import PROJECT

KIT = "multi-branch-franchise"
EFFECTIVE, VERSION = "2027-03-01", "2.0"
BRANCHES = [("Κηφισιά", "kifisia"), ("Γλυφάδα", None), ("Πειραιάς", None), ("Μαρούσι", None),
            ("Χαλάνδρι", None), ("Θεσσαλονίκη Κέντρο", "thessaloniki"), ("Πάτρα", None),
            ("Ηράκλειο", None), ("Λάρισα", None), ("Βόλος", None), ("Ιωάννινα", None),
            ("Χανιά", None)]
"""Twelve branches by name, and the id typed for some (the others keep the one made)."""


def open_builder(page: Any, base: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/pages/builder.html")
    page.wait_for_selector(".pkb-answers:not([hidden])")


def fill_franchise(page: Any) -> None:
    """The business and its twelve branches, typed as a business would."""
    page.select_option("#pkb-kit", KIT)
    page.fill("#pkb-f-business_name", "Ταβέρνα «Ο Μύλος» | Α.Ε.")
    page.fill("#pkb-f-contact_email", "info@mylos.example")
    page.fill("#pkb-effective", EFFECTIVE)
    page.fill("#pkb-version", VERSION)
    for number, (name, ident) in enumerate(BRANCHES):
        page.click(".pkb-branch-add")
        page.fill("#pkb-branch-name", name)
        if ident:
            page.fill("#pkb-branch-id", ident)
        page.fill("#pkb-bf-contact_phone", f"+30 210 555 {number:04d}")
        if number % 2:
            page.fill("#pkb-bf-postal_address", f"Οδός {name} {number}, 10{number:03d} Αθήνα")
        if number % 4 == 0:
            page.fill("#pkb-bf-contact_email", f"branch{number}@mylos.example")
        if number == 0:  # a split day: 07:00-14:30 and 17:30-21:00 on Monday
            day = page.locator('[data-branch-field="opening_hours"] [data-day="mon"]')
            day.locator(".pkb-hours-open input").check()
            day.locator(".pkb-hours-opens").fill("07:00")
            day.locator(".pkb-hours-closes").fill("14:30")
            day.locator(".pkb-hours-add").click()
            day.locator(".pkb-hours-opens").nth(1).fill("17:30")
            day.locator(".pkb-hours-closes").nth(1).fill("21:00")


def documents(page: Any) -> dict[str, str]:
    """The Markdown of the document with the branches table and of two branches' editions."""
    shown = {}
    for view in ("", "kifisia", "thessaloniki"):
        page.select_option("#pkb-branch", view)
        shown[view] = page.evaluate("() => window.policykb.toMarkdown()")
    page.select_option("#pkb-branch", "")
    return shown


def save_answers(page: Any) -> str:
    with page.expect_download() as saved:
        page.click(".pkb-save-answers")
    assert saved.value.suggested_filename == "answers.yaml"
    return Path(saved.value.path()).read_text("utf-8")


def open_answers(page: Any, text: str, name: str = "answers.yaml") -> str:
    """Open ``text`` as the file ``name``; what the builder says about it."""
    page.set_input_files("#pkb-open-answers", files=[
        {"name": name, "mimeType": "application/yaml", "buffer": text.encode("utf-8")}])
    page.wait_for_function("(name) => document.querySelector('.pkb-answers-status')"
                           ".textContent.includes(name)", arg=name)
    return str(page.inner_text(".pkb-answers-status"))


@pytest.fixture
def franchise(page: Any, published_base: str) -> tuple[dict[str, str], str]:
    """The franchise filled in the Greek builder: its documents and its saved answers."""
    open_builder(page, published_base, "el")
    fill_franchise(page)
    return documents(page), save_answers(page)


def test_a_franchise_saved_cleared_and_reopened_gives_the_same_documents(
        page: Any, franchise: tuple[dict[str, str], str]) -> None:
    before, saved = franchise
    table = before[""]
    assert table.count("\n| ") == 1 + 1 + len(BRANCHES)  # header, rule, one row a branch
    row = next(line for line in table.splitlines() if line.startswith("| Κηφισιά |"))
    assert row.startswith("| Κηφισιά | branch0@mylos.example | +30 210 555 0000 |")
    assert "07:00–14:30" in row and "17:30–21:00" in row  # the branch's split day
    assert "+30 210 555 0000" in before["kifisia"] and "+30 210 555 0001" not in before["kifisia"]
    assert "Οδός Θεσσαλονίκη Κέντρο 5" in before["thessaloniki"]
    assert saved.startswith("# policykb answers:") and 'policykb: "answers/1"' in saved
    assert f'kit: "{KIT}"' in saved and f'effective_date: "{EFFECTIVE}"' in saved
    assert saved.count("  - id: ") == len(BRANCHES) and 'id: "kifisia"' in saved
    assert "branch_manager" not in saved and saved.count("opening_hours") == 1  # typed once

    page.click(".pkb-clear")
    assert page.evaluate("() => localStorage.getItem('policykb.values')") == "{}"
    assert page.is_hidden(".pkb-branch-view")
    assert "Κηφισιά" not in page.evaluate("() => window.policykb.toMarkdown()")

    said = open_answers(page, saved)
    assert said.startswith("Φορτώθηκαν οι απαντήσεις από το αρχείο answers.yaml.")
    assert "Κηφισιά; Γλυφάδα" in said
    assert page.input_value("#pkb-kit") == KIT and page.input_value("#pkb-effective") == EFFECTIVE
    assert documents(page) == before
    assert save_answers(page) == saved  # the same file again

    answers = page.evaluate("() => window.policykb.answersOf()")  # the same answers as JSON
    page.click(".pkb-clear")
    assert open_answers(page, json.dumps(answers, ensure_ascii=False, indent=2),
                        "answers.json").startswith("Φορτώθηκαν")
    assert documents(page) == before


def test_the_saved_file_gives_policykb_assemble_the_builders_documents(
        page: Any, franchise: tuple[dict[str, str], str], tmp_path: Path) -> None:
    before, saved = franchise
    answers = tmp_path / "answers.yaml"
    answers.write_text(saved, "utf-8")
    for view, output in (("", "policy.md"), ("kifisia", "kifisia.md"),
                         ("thessaloniki", "thessaloniki.html"), ("", "policy.snippet.html")):
        command = ["assemble", "--kb", str(PROJECT / "kb"), "--locales", str(PROJECT / "locales"),
                   "--values", str(answers), "--lang", "el", "-o", str(tmp_path / output)]
        result = CliRunner().invoke(main, [*command, *(["--branch", view] if view else [])])
        assert result.exit_code == 0, result.output
        page.select_option("#pkb-branch", view)
        browser = page.evaluate(
            "(format) => { const api = window.policykb; const doc = api.buildDocument("
            "document.querySelector('#pkb-kit').value, document.querySelector('#pkb-document')"
            ".value, document.querySelector('#pkb-effective').value, document.querySelector("
            "'#pkb-version').value, undefined, document.querySelector('#pkb-branch').value "
            "|| null); return format === 'md' ? api.markdownOf(doc) : format === 'html' ? "
            "api.htmlOf(doc) : api.snippetOf(doc); }", output.split(".", 1)[1].split(".")[0])
        assert (tmp_path / output).read_text("utf-8") == browser, output
    assert (tmp_path / "policy.md").read_text("utf-8") == before[""]


BROKEN = [
    ('kit: "multi-branch-franchise"\n', 'kit: multi-branch-franchise: shop\n', 4),
    ('  - id: "kifisia"\n', '  - id: "kifisia"\n    colour: "blue"\n', None),
    ('contact_phone: "+30 210 555 0001"', 'contact_phone: "call us"', None),
]
"""Each a change that breaks the saved file: (what, with what, the line it breaks)."""
MESSAGES = {
    "el": ("Το αρχείο answers.yaml δεν άνοιξε και δεν άλλαξε τίποτα:", "Γραμμή 4: το εργαλείο "
           "σύνταξης δεν μπορεί να διαβάσει αυτή τη γραμμή.", "αυτό δεν ανήκει σε αρχείο "
           "απαντήσεων.", "Εισαγάγετε έναν αριθμό τηλεφώνου"),
    "uk": ("Файл answers.yaml не відкрито, нічого не змінилося:", "Рядок 4: конструктор не може "
           "прочитати цей рядок.", "це не частина файлу відповідей.", "Введіть номер телефону"),
}


@pytest.mark.parametrize("lang", ["el", "uk"])
def test_a_broken_file_is_refused_in_the_pages_language_and_changes_nothing(
        page: Any, published_base: str, lang: str) -> None:
    open_builder(page, published_base, lang)
    fill_franchise(page)
    saved = save_answers(page)
    page.fill("#pkb-f-business_name", "Something else")
    page.select_option("#pkb-kit", "small-shop")
    stored = page.evaluate("() => localStorage.getItem('policykb.values')")
    shown = page.evaluate("() => window.policykb.toMarkdown()")
    refused, syntax, unknown, phone = MESSAGES[lang]
    for (old, new, line), expected in zip(BROKEN, (syntax, unknown, phone), strict=True):
        assert old in saved
        said = open_answers(page, saved.replace(old, new, 1))
        assert said.startswith(refused) and expected in said, said
        if line is None:  # the line of the problem is named
            broken = saved.replace(old, new, 1).splitlines()
            number = next(index for index, text in enumerate(broken, 1)
                          if new.splitlines()[-1] in text)
            assert said.splitlines()[-1].split(":")[0].endswith(f" {number}")
        assert page.evaluate("() => localStorage.getItem('policykb.values')") == stored
        assert page.evaluate("() => window.policykb.toMarkdown()") == shown
        assert page.input_value("#pkb-kit") == "small-shop"
    json_said = open_answers(page, json.dumps({"policykb": "answers/1", "values": {}})[:-1],
                             "answers.json")
    assert json_said.startswith(refused.replace("answers.yaml", "answers.json"))
    assert ("JSON" in json_said.splitlines()[-1]
            and ("Γραμμή 1" if lang == "el" else "Рядок 1") in json_said)


TRICKY = 'Ο "Μύλος" \\ | <b>&amp;</b> #1: - [x] {y} \u2028 \u0085 \u00a0 😀 \ufeff ~ null'
"""Characters a YAML writer must escape or quote: quotes, backslash, line separators, C1
controls, a BOM, an astral character, and text that reads as YAML syntax."""


def test_the_saved_yaml_reads_back_alike_in_the_command_line(page: Any, published_base: str,
                                                              tmp_path: Path) -> None:
    open_builder(page, published_base, "uk")
    page.fill("#pkb-f-business_name", TRICKY)
    page.click(".pkb-branch-add")
    page.fill("#pkb-branch-name", TRICKY)
    page.fill("#pkb-bf-postal_address", "yes")  # a word YAML 1.1 would read as true
    saved = tmp_path / "answers.yaml"
    saved.write_text(save_answers(page), "utf-8")
    answers = read_answers(saved, load_library(PROJECT / "kb").library)
    stored = json.loads(page.evaluate("() => localStorage.getItem('policykb.values')"))
    assert all(char in stored["business_name"] for char in '"\\\u2028\u0085😀')
    assert answers.values["business_name"] == stored["business_name"]
    assert [(branch.name, branch.values) for branch in answers.branches] == [
        (branch["name"], branch["values"]) for branch in stored["@branches"]]
    assert answers.branches[0].values == {"postal_address": "yes"}
    assert page.evaluate("(text) => window.policykb.readAnswers(text)",
                         saved.read_text("utf-8")) == page.evaluate(
        "() => window.policykb.answersOf()")
