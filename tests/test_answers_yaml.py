"""The answers file as a person writes it: the shared table
(``tests/data/answers_yaml_cases.json``: YAML text, then the data and the line of each
value, or the line of the problem) read alike by policykb and by the builder's "Open
answers"; the project's hand-written sample opened in the builder gives the documents of
``policykb assemble --values``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from policykb.cli import main
from policykb.yamlfile import YamlDocument, read_yaml

from .conftest import PROJECT
from .test_answers_browser import open_answers, open_builder

DATA = Path(__file__).parent / "data"
CASES = json.loads((DATA / "answers_yaml_cases.json").read_text("utf-8"))
SAMPLE = DATA / "answers-franchise-12.yaml"


def lines_of(document: YamlDocument) -> dict[str, int]:
    """The line of each value, keyed as the table keys them (the path as compact JSON)."""
    return {json.dumps(list(path), ensure_ascii=False, separators=(",", ":")): line
            for path, line in document.lines.items()}


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_policykb_reads_each_case_of_the_shared_table(case: dict[str, Any],
                                                     tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(case["yaml"], "utf-8")
    read = read_yaml(path)
    if "data" in case:  # policykb reads it (the builder may still refuse it: "builder")
        assert isinstance(read, YamlDocument), read
        assert read.data == case["data"]
        if "lines" in case:
            assert lines_of(read) == case["lines"]
    else:
        assert not isinstance(read, YamlDocument) and read.line == case["line"], read


def test_the_builder_reads_the_shared_table_as_policykb_does(page: Any,
                                                             published_base: str) -> None:
    open_builder(page, published_base, "el")
    for case in CASES:
        got = page.evaluate("(text) => window.policykb.readAnswersCase(text)", case["yaml"])
        if "line" in case:
            unsupported = case.get("builder") == "unsupported"
            assert got.get("line") == case["line"], case["case"]
            assert (got.get("problem") == "unsupported") == unsupported, case["case"]
        else:
            assert got == {"data": case["data"], "lines": case["lines"]}, case["case"]


def assembled(tmp_path: Path, values: Path, branch: str | None) -> str:
    output = tmp_path / f"{branch or 'policy'}.md"
    result = CliRunner().invoke(main, [
        "assemble", "--kb", str(PROJECT / "kb"), "--locales", str(PROJECT / "locales"),
        "--values", str(values), "--lang", "el", "-o", str(output),
        *(["--branch", branch] if branch else [])])
    assert result.exit_code == 0, result.output
    return output.read_text("utf-8")


def test_the_hand_written_sample_opens_and_gives_the_documents_of_policykb_assemble(
        page: Any, published_base: str, tmp_path: Path) -> None:
    open_builder(page, published_base, "el")
    said = open_answers(page, SAMPLE.read_text("utf-8"), SAMPLE.name)
    assert said.startswith(f"Φορτώθηκαν οι απαντήσεις από το αρχείο {SAMPLE.name}."), said
    for branch in ("", "marousi"):
        page.select_option("#pkb-branch", branch)
        shown = page.evaluate("() => window.policykb.toMarkdown()")
        assert shown == assembled(tmp_path, SAMPLE, branch or None), branch or "table"
    page.select_option("#pkb-branch", "")
    assert "| Μαρούσι |" in page.evaluate("() => window.policykb.toMarkdown()")


def test_the_old_flat_form_opens_as_the_values_and_unknown_names_are_named(
        page: Any, published_base: str) -> None:
    open_builder(page, published_base, "el")
    flat = "# the old form\nbusiness_name: Φούρνος «Το Σιτάρι»\ncontact_phone: +30 210 555 0100\n"
    assert open_answers(page, flat, "flat.yaml").startswith("Φορτώθηκαν")
    shown = page.evaluate("() => window.policykb.toMarkdown()")
    assert "Φούρνος «Το Σιτάρι»" in shown and "+30 210 555 0100" in shown

    said = open_answers(page, flat + "busines_name: x\n", "typo.yaml")
    assert said.startswith("Το αρχείο typo.yaml δεν άνοιξε"), said
    assert "Γραμμή 4: busines_name:" in said
    said = open_answers(page, flat + "contact_email: &mail a@b.example\n", "anchor.yaml")
    assert "Γραμμή 4: οι άγκυρες (&)" in said, said
