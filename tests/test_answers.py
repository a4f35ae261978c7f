"""The answers file and branches: its JSON Schema (generated, published, printed),
``policykb assemble --values`` with a saved 12-branch franchise (the table of branches in
every format, ``--branch`` editions, ``--all-branches``), and bad files reported at
file:line with nothing written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from docx.oxml.ns import qn
from jsonschema import Draft202012Validator

from policykb import docmodel
from policykb import files as files_module
from policykb.answers import SCHEMA_FILE, answers_schema, schema_text
from policykb.assemble import localizer_for
from policykb.build import build_sites
from policykb.cli import main
from policykb.i18n import load_interface
from policykb.loader import load_library
from policykb.model import Library
from policykb.yamlfile import read_yaml

from .conftest import PROJECT
from .test_web import vnu_errors

FRANCHISE = PROJECT / "tests" / "data" / "answers-franchise-12.yaml"
"""A Greek bakery franchise with 12 branches, as "Save my answers" would write it."""
BRANCH_IDS = ["kifisia", "marousi", "chalandri", "glyfada", "peiraias", "kolonaki",
              "pagkrati", "nea-smyrni", "peristeri", "thessaloniki-kentro", "kalamaria",
              "patra"]
HEADER = ("| Κατάστημα | Διεύθυνση ηλεκτρονικού ταχυδρομείου εξυπηρέτησης πελατών | "
          "Τηλέφωνο εξυπηρέτησης πελατών | Ώρες εξυπηρέτησης πελατών | Ταχυδρομική διεύθυνση "
          "| Υπεύθυνος/η καταστήματος |")
"""The table's header in Greek: Branch, then the per-branch variables' labels in the order
of kb/variables.yaml."""
PAGKRATI = ("| Παγκράτι | info@sitari.example | +30 210 756 2280 | Δευτέρα–Παρασκευή "
            "08:00–20:00 και Σάββατο 09:00–15:00 | Υμηττού 96, 116 33 Αθήνα | "
            "Ελένη Παπαδοπούλου |")
"""A branch that gives only its address and phone: the rest is the business-wide value."""


@pytest.fixture(scope="module")
def library() -> Library:
    result = load_library(PROJECT / "kb")
    assert result.problems == []
    return result.library


def assemble(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    """``policykb assemble ARGS`` on the real library, run in ``folder``."""
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["assemble", "--kb", str(PROJECT / "kb"), "--locales",
                                       str(PROJECT / "locales"), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert "Traceback" not in result.output
    return result


def franchise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str,
              output: str = "policy.md") -> str:
    """The franchise's document in Greek, as text (Markdown, HTML, snippet, plain text)."""
    result = assemble(tmp_path, monkeypatch, "--values", str(FRANCHISE), "--lang", "el",
                      "-o", output, *args)
    assert result.exit_code == 0, result.output
    return (tmp_path / output).read_text("utf-8")


# -- the schema ----------------------------------------------------------------------


def test_the_schema_validates_the_saved_file_and_says_what_a_branch_may_give(
        library: Library, tmp_path: Path) -> None:
    printed = CliRunner().invoke(main, ["answers-schema", "--kb", str(PROJECT / "kb")])
    assert printed.exit_code == 0, printed.output
    schema = json.loads(printed.output)
    assert schema == answers_schema(library)
    document = read_yaml(FRANCHISE)
    assert not hasattr(document, "message"), document
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER
                         ).validate(document.data)
    per_branch = schema["$defs"]["branchValues"]["properties"]
    assert list(per_branch)[:5] == ["contact_email", "contact_phone", "opening_hours",
                                    "postal_address", "branch_manager"]
    assert {"messaging_number", "local_delivery_area"} <= set(per_branch)
    assert "business_name" not in per_branch
    assert "business_name" in schema["$defs"]["values"]["properties"]
    assert schema["properties"]["kit"]["enum"] == list(library.kits)
    assert "multi-branch-franchise" in schema["properties"]["kit"]["enum"]
    written = tmp_path / "schema.json"
    result = CliRunner().invoke(main, ["answers-schema", "--kb", str(PROJECT / "kb"),
                                       "-o", str(written)])
    assert result.exit_code == 0
    assert written.read_text("utf-8") == printed.output


def test_the_build_publishes_the_schema_at_the_site_root(library_src: Path) -> None:
    out = library_src / "_build"
    build_sites(library_src, out, ["en"])
    published = (out / "html" / SCHEMA_FILE).read_text("utf-8")
    assert published == schema_text(load_library(library_src / "kb").library)
    printed = CliRunner().invoke(main, ["answers-schema", "--kb", str(library_src / "kb")])
    assert printed.output == published


def test_the_builder_model_carries_the_columns_and_the_frame_words(library: Library) -> None:
    localizer, _ = localizer_for(PROJECT / "locales", "el")
    interface = load_interface(PROJECT / "locales", "el")
    model = docmodel.model_of_kit(library, localizer, "multi-branch-franchise",
                                  lambda message: interface.get(message, message))
    assert model["branchVariables"] == [
        {"name": "contact_email",
         "label": "Διεύθυνση ηλεκτρονικού ταχυδρομείου εξυπηρέτησης πελατών"},
        {"name": "contact_phone", "label": "Τηλέφωνο εξυπηρέτησης πελατών"},
        {"name": "opening_hours", "label": "Ώρες εξυπηρέτησης πελατών"},
        {"name": "postal_address", "label": "Ταχυδρομική διεύθυνση"},
        {"name": "branch_manager", "label": "Υπεύθυνος/η καταστήματος"},
        {"name": "messaging_number", "label": "Αριθμός για μηνύματα"}]
    words = docmodel.frame_model(localizer, lambda message: interface.get(message, message))
    assert (words["branch"], words["branches"], words["branchColumn"]) == (
        "Κατάστημα: {branch}", "Τα καταστήματά μας", "Κατάστημα")


# -- the business-wide document and its table of branches --------------------------------


def test_the_markdown_ends_with_the_table_of_branches(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = franchise(tmp_path, monkeypatch)
    lines = text.splitlines()
    # the file's kit, document, country, date, version and left-out block
    assert lines[0] == "# Φούρνος «Το Σιτάρι»: πολιτική εξυπηρέτησης πελατών"
    assert "Ισχύει από: 6 Δεκεμβρίου 2026" in lines and "Έκδοση: 1.1" in lines
    assert "Χώρα: Ελλάδα" in lines
    assert "## Ασφάλεια προϊόντων και ανακλήσεις" not in text
    assert "Κατάστημα: " not in text  # no branch's frame line
    table = lines[lines.index("## Τα καταστήματά μας") + 2:]
    assert table[0] == HEADER
    assert table[1] == "|" + " --- |" * 6
    assert len(table) == 2 + 12
    assert [row.split(" | ")[0] for row in table[2:]] == [
        "| Κηφισιά", "| Μαρούσι", "| Χαλάνδρι", "| Γλυφάδα", "| Πειραιάς", "| Κολωνάκι",
        "| Παγκράτι", "| Νέα Σμύρνη", "| Περιστέρι", "| Θεσσαλονίκη – Κέντρο", "| Καλαμαριά",
        "| Πάτρα"]
    assert PAGKRATI in table
    assert ("| Μαρούσι | marousi@sitari.example | +30 210 612 3380 | Δευτέρα–Παρασκευή "
            "06:30–20:30 και Σάββατο–Κυριακή 08:00–14:00 | Βασιλίσσης Σοφίας 31, 151 24 "
            "Μαρούσι | Κατερίνα Νικολάου |") in table
    # the business-wide values stay in the text
    assert "μιλήσετε με το άτομο που έχει την ευθύνη του καταστήματος: Ελένη Παπαδοπούλου." in text
    assert "+30 210 555 0100" in text


def test_the_table_in_html_snippet_and_plain_text(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page = franchise(tmp_path, monkeypatch, output="policy.html")
    assert page.count("<table>") == 1
    assert ('<table>\n<thead>\n<tr><th scope="col">Κατάστημα</th><th scope="col">'
            "Διεύθυνση ηλεκτρονικού ταχυδρομείου εξυπηρέτησης πελατών</th>") in page
    assert ("<tr><td>Παγκράτι</td><td>info@sitari.example</td><td>+30 210 756 2280</td>"
            "<td>Δευτέρα–Παρασκευή 08:00–20:00 και Σάββατο 09:00–15:00</td><td>Υμηττού 96, "
            "116 33 Αθήνα</td><td>Ελένη Παπαδοπούλου</td></tr>") in page
    assert page.count("<tr><td>") == 12
    assert "<h2>Τα καταστήματά μας</h2>\n<table>" in page
    assert page.index("</table>") > page.rindex("<h2>")
    snippet = franchise(tmp_path, monkeypatch, output="policy.snippet.html")
    assert "<h3>Τα καταστήματά μας</h3>\n<table>\n<thead>" in snippet
    assert snippet.count("<tr><td>") == 12
    plain = franchise(tmp_path, monkeypatch, output="policy.txt").splitlines()
    start = plain.index("Τα καταστήματά μας")
    assert plain[start + 1:start + 9] == [
        "", "Κηφισιά", "Διεύθυνση ηλεκτρονικού ταχυδρομείου εξυπηρέτησης πελατών: "
        "kifisia@sitari.example", "Τηλέφωνο εξυπηρέτησης πελατών: +30 210 801 4420",
        "Ώρες εξυπηρέτησης πελατών: Δευτέρα–Παρασκευή 07:00–21:00 και Σάββατο 08:00–16:00",
        "Ταχυδρομική διεύθυνση: Κασσαβέτη 14, 145 62 Κηφισιά",
        "Υπεύθυνος/η καταστήματος: Γιώργος Αντωνίου", ""]
    assert plain[-1] == "Υπεύθυνος/η καταστήματος: Βασίλης Μιχαηλίδης"
    assert vnu_errors(tmp_path / "policy.html") == ""  # skips where the checker is missing


def test_the_table_in_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = assemble(tmp_path, monkeypatch, "--values", str(FRANCHISE), "--lang", "el",
                      "-o", "policy.docx")
    assert result.exit_code == 0, result.output
    word = docx.Document(str(tmp_path / "policy.docx"))
    assert len(word.tables) == 1
    table = word.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert "| " + " | ".join(rows[0]) + " |" == HEADER
    assert len(rows) == 13
    assert "| " + " | ".join(rows[7]) + " |" == PAGKRATI
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    headings = [paragraph.text for paragraph in word.paragraphs
                if paragraph.style.name == "Heading 2"]
    assert headings[-1] == "Τα καταστήματά μας"


def test_a_cell_is_escaped_like_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = FRANCHISE.read_text("utf-8").replace(
        "name: Κολωνάκι", 'name: "Κολωνάκι | Σκουφά *27* <b>&"')
    (tmp_path / "answers.yaml").write_text(answers, "utf-8")
    result = assemble(tmp_path, monkeypatch, "--values", "answers.yaml", "-o", "p.md")
    assert result.exit_code == 0, result.output
    assert "| Κολωνάκι \\| Σκουφά \\*27\\* \\<b>& | " in (tmp_path / "p.md").read_text("utf-8")
    result = assemble(tmp_path, monkeypatch, "--values", "answers.yaml", "-o", "p.html")
    assert "<tr><td>Κολωνάκι | Σκουφά *27* &lt;b&gt;&amp;</td>" in \
        (tmp_path / "p.html").read_text("utf-8")


def test_the_command_line_wins_over_the_file(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    text = franchise(tmp_path, monkeypatch, "--version", "2.0", "--document",
                     "counter-notice", "--effective-date", "2027-01-10", "--lang", "uk")
    lines = text.splitlines()
    assert lines[0] == "# Φούρνος «Το Σιτάρι»: наші зобов’язання перед Вами"
    assert "Версія: 2.0" in lines and "Дата набрання чинності: 10 січня 2027\u202fр." in lines
    assert lines[lines.index("## Наші філії") + 2].startswith("| Філія | ")


def browser_style(value: object, indent: str = "") -> list[str]:
    """``value`` as the builder's "Save my answers" writes YAML: block mappings and
    sequences, every string double-quoted with JSON escapes, numbers and booleans plain."""
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, dict | list):
                lines += [f"{indent}{key}:", *browser_style(item, indent + "  ")]
            else:
                lines.append(f"{indent}{key}: {browser_style(item)[0]}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            nested = browser_style(item, indent + "  ")
            if isinstance(item, dict | list):
                lines += [f"{indent}- {nested[0].lstrip()}", *nested[1:]]
            else:
                lines.append(f"{indent}- {nested[0]}")
        return lines
    return [json.dumps(value, ensure_ascii=True) if isinstance(value, str)
            else json.dumps(value)]


def test_the_browser_style_of_the_same_answers_gives_the_same_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = read_yaml(FRANCHISE)
    assert not hasattr(document, "message"), document
    saved = "\n".join(browser_style(document.data)) + "\n"
    assert '  - id: "kifisia"\n    name: "\\u039a\\u03b7' in saved
    (tmp_path / "saved.yaml").write_text(saved, "utf-8")
    for args in ((), ("--branch", "thessaloniki-kentro")):
        result = assemble(tmp_path, monkeypatch, "--values", "saved.yaml", "--lang", "el",
                          "-o", "saved.md", *args)
        assert result.exit_code == 0, result.output
        assert (tmp_path / "saved.md").read_text("utf-8") == franchise(tmp_path, monkeypatch,
                                                                       *args)


# -- the branches' editions ------------------------------------------------------------------


def test_a_branch_edition_has_the_branch_values_and_the_business_wide_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = franchise(tmp_path, monkeypatch, "--branch", "kifisia")
    lines = text.splitlines()
    assert lines[lines.index("Έκδοση: 1.1") + 2] == "Κατάστημα: Κηφισιά"
    assert "μιλήσετε με το άτομο που έχει την ευθύνη του καταστήματος: Γιώργος Αντωνίου." in text
    assert "Καλέστε στο +30 210 801 4420" in text
    assert "Δευτέρα–Παρασκευή 07:00–21:00 και Σάββατο 08:00–16:00" in text
    assert "kifisia@sitari.example" in text
    for business_wide in ("+30 210 555 0100", "info@sitari.example", "Ελένη Παπαδοπούλου"):
        assert business_wide not in text
    assert "Τα καταστήματά μας" not in text and "| Κατάστημα |" not in text
    text = franchise(tmp_path, monkeypatch, "--branch", "pagkrati")
    assert "Κατάστημα: Παγκράτι" in text
    assert "Καλέστε στο +30 210 756 2280" in text
    assert "info@sitari.example" in text  # the branch gives no e-mail, hours or manager
    assert "μιλήσετε με το άτομο που έχει την ευθύνη του καταστήματος: Ελένη Παπαδοπούλου." in text
    assert "Δευτέρα–Παρασκευή 08:00–20:00 και Σάββατο 09:00–15:00" in text


def test_all_branches_writes_one_file_per_branch(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    result = assemble(tmp_path, monkeypatch, "--values", str(FRANCHISE), "--lang", "el",
                      "--all-branches", "-o", "editions/docx", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert "wrote 12 files into editions/docx" in result.output
    folder = tmp_path / "editions" / "docx"
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        f"{branch}.docx" for branch in BRANCH_IDS)
    patra = [paragraph.text for paragraph in docx.Document(str(folder / "patra.docx")).paragraphs]
    assert "Κατάστημα: Πάτρα" in patra
    assert any("+30 2610 271 330" in paragraph for paragraph in patra)
    result = assemble(tmp_path, monkeypatch, "--values", str(FRANCHISE), "--lang", "el",
                      "--all-branches", "-o", "md")
    assert result.exit_code == 0, result.output
    marousi = (tmp_path / "md" / "marousi.md").read_text("utf-8")
    assert "Κατάστημα: Μαρούσι" in marousi and "Κατερίνα Νικολάου" in marousi
    assert len(list((tmp_path / "md").iterdir())) == 12


def test_all_branches_writes_nothing_when_one_edition_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = FRANCHISE.read_text("utf-8").replace("  contact_email: info@sitari.example\n", "")
    (tmp_path / "answers.yaml").write_text(answers, "utf-8")
    result = assemble(tmp_path, monkeypatch, "--values", "answers.yaml", "--all-branches",
                      "-o", "editions", "--strict")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"error: {branch}: 'contact_email' is a sample: the document shows 'help@example.com' "
        "where your own belongs; give contact_email in the values file"
        for branch in ("chalandri", "pagkrati")]
    assert not (tmp_path / "editions").exists()

    def full(source: object, destination: object) -> None:
        if str(destination).endswith("patra.md"):
            raise OSError(28, "No space left on device")
        real_replace(source, destination)

    real_replace = os.replace
    monkeypatch.setattr(files_module.os, "replace", full)
    result = assemble(tmp_path, monkeypatch, "--values", str(FRANCHISE), "--all-branches",
                      "-o", "editions")
    assert result.exit_code == 1
    assert "cannot write editions: No space left on device" in result.output
    assert not (tmp_path / "editions").exists()


def test_branch_choices_that_cannot_be_met(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    result = assemble(tmp_path, monkeypatch, "--values", str(FRANCHISE), "--branch",
                      "pagrati", "-o", "p.md")
    assert result.exit_code == 1
    assert "unknown branch 'pagrati' (did you mean 'pagkrati'?); the branches in" in \
        result.output
    (tmp_path / "flat.yaml").write_text("business_name: Το Σιτάρι\n", "utf-8")
    for option in (["--branch", "kifisia", "-o", "p.md"], ["--all-branches", "-o", "out"]):
        result = assemble(tmp_path, monkeypatch, "--kit", "multi-branch-franchise",
                          "--values", "flat.yaml", *option)
        assert result.exit_code == 1
        assert f"{option[0]} needs an answers file with branches" in result.output
    result = assemble(tmp_path, monkeypatch, "--kit", "small-shop", "--branch", "x", "-o",
                      "p.md")
    assert "--branch needs an answers file with branches (--values FILE" in result.output
    assert not (tmp_path / "p.md").exists() and not (tmp_path / "out").exists()
    no_kit = "policykb: answers/1\nvalues:\n  business_name: Το Σιτάρι\n"
    (tmp_path / "no-kit.yaml").write_text(no_kit, "utf-8")
    result = assemble(tmp_path, monkeypatch, "--values", "no-kit.yaml", "-o", "p.md")
    assert result.exit_code == 1
    assert "name the kit (--kit) or the blocks (--blocks), or give an answers file that " \
           "names its kit" in result.output


# -- bad answers files -----------------------------------------------------------------------


GOOD = """\
policykb: answers/1
kit: multi-branch-franchise
values:
  business_name: Το Σιτάρι
branches:
  - id: kifisia
    name: Κηφισιά
    values:
      contact_phone: +30 210 801 4420
  - id: marousi
    name: Μαρούσι
"""


@pytest.mark.parametrize(("change", "message"), [
    (("kit: multi", "kitt: multi"),
     "answers.yaml:2: unknown field 'kitt' (did you mean 'kit'?)"),
    (("  business_name", "  busines_name"),
     "answers.yaml:4: unknown variable 'busines_name' (did you mean 'business_name'?)"),
    (("      contact_phone", "      business_name"),
     "answers.yaml:9: 'business_name' is not a per-branch value; give it once under 'values' "
     "(a branch may give: contact_email, contact_phone, opening_hours, postal_address, "
     "branch_manager"),
    (("id: marousi", "id: kifisia"), "answers.yaml:10: branch id 'kifisia' is used twice "
                                     "(also on line 6)"),
    (("id: marousi", "id: Marousi Centre"),
     "answers.yaml:10: branch id 'Marousi Centre' is not valid: use lower-case letters"),
    (("+30 210 801 4420", "2108014420"),
     "answers.yaml:9: 'branches[1].values.contact_phone' should be text or empty, "
     "not a number"),
    (("+30 210 801 4420", "call us"),
     "answers.yaml:9: 'contact_phone' value 'call us' is not a phone number"),
    (("    name: Μαρούσι\n", ""), "answers.yaml:10: missing field 'name' in 'branches[2]'"),
    (("answers/1", "answers/2"), "answers.yaml:1: 'policykb' should be 'answers/1'"),
    (("kit: multi-branch-franchise", "kit: multi-branch-franchise\nleft_out: [escalation-ladder]"),
     "answers.yaml:3: 'escalation-ladder' is not an optional block of the kit "
     "'multi-branch-franchise'"),
    (("kit: multi-branch-franchise", "kit: multi-branch-franchise\nleft_out: [escalation]"),
     "answers.yaml:3: 'left_out[1]': unknown block 'escalation' (did you mean "
     "'escalation-ladder'?)"),
    (("kit: multi-branch-franchise", "kit: multi-branch-franchise\neffective_date: 2026-02-30"),
     "answers.yaml:3: 'effective_date' '2026-02-30' is not a valid date"),
    (("    name: Κηφισιά", "    name: [Κηφισιά"), "answers.yaml:8: YAML syntax error"),
    (("kit: multi-branch-franchise", "kit: multi-branch-franchise\nversion: 1.1"),
     "answers.yaml:3: 'version' should be text, not 1.1: write it in quotes, such as "
     'version: "1.1"'),
])
def test_a_bad_answers_file_is_reported_at_its_line_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: tuple[str, str],
        message: str) -> None:
    assert GOOD.count(change[0]) == 1
    (tmp_path / "answers.yaml").write_text(GOOD.replace(*change), "utf-8")
    for output in (["-o", "policy.md"], ["--all-branches", "-o", "editions"],
                   ["--branch", "kifisia", "-o", "kifisia.docx"]):
        result = assemble(tmp_path, monkeypatch, "--values", "answers.yaml", *output)
        assert result.exit_code == 1, result.output
        assert any(line.startswith(message) for line in result.output.splitlines()), \
            result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["answers.yaml"]


def test_the_good_file_of_the_bad_ones_works(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "answers.yaml").write_text(GOOD, "utf-8")
    result = assemble(tmp_path, monkeypatch, "--values", "answers.yaml", "--all-branches",
                      "-o", "editions", "--format", "html")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "editions").iterdir()) == [
        "kifisia.html", "marousi.html"]
