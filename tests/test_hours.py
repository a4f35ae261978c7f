"""Opening hours with split days, closed days and special days: the checks (``file:line``)
in a values file and in ``kb/``, and the text ``policykb assemble`` writes in each language."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.hours import hours_data, read_hours

from .conftest import PROJECT
from .test_answers import assemble as answers_assemble
from .test_assemble import policy, run, write_values
from .test_validate import edit, run_validate

SPLIT = """\
opening_hours:
  - {days: [mon, tue, wed, thu, fri], opens: "09:00", closes: "14:30"}
  - {days: [mon, tue, wed, thu, fri], opens: "17:30", closes: "21:00"}
  - {days: [sat], opens: "10:00", closes: "14:00"}
  - {date: 2026-12-24, opens: "09:00", closes: "13:00"}
  - {date: "2026-12-25", closed: true}
"""


def test_a_split_day_closed_days_and_special_days_are_written_in_the_policy(
        library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    markdown = policy(library_src, monkeypatch, SPLIT).replace("\u00a0", " ")
    assert ("We are open Monday–Friday 9:00 AM–2:30 PM and 5:30 PM–9:00 PM, Saturday "
            "10:00 AM–2:00 PM (December 24: 9:00 AM–1:00 PM, closed on December 25).") in markdown


def test_old_files_with_one_range_per_day_stay_valid(library_src: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    markdown = policy(library_src, monkeypatch, "opening_hours:\n  - days: [sat, mon]\n"
                                                "    opens: '10:00'\n    closes: '14:00'\n")
    assert "We are open Monday and Saturday 10:00\u00a0AM–2:00\u00a0PM." in markdown


@pytest.mark.parametrize(("lang", "sentence"), [
    ("el", "Επισκεφθείτε μας: Δευτέρα–Παρασκευή 09:00–14:30 και 17:30–21:00, Σάββατο "
           "10:00–14:00 (24 Δεκεμβρίου: 09:00–13:00, κλειστά στις 25 Δεκεμβρίου)."),
    ("uk", "Приходьте до нас у такі години: понеділок–пʼятниця 09:00–14:30 і 17:30–21:00, "
           "субота 10:00–14:00 (24 грудня: 09:00–13:00, не працюємо 25 грудня)."),
    ("ta", "திங்கள்–வெள்ளி காலை 9:00–பிற்பகல் 2:30 மற்றும் மாலை 5:30–இரவு 9:00, சனி காலை "
           "10:00–பிற்பகல் 2:00 (24 டிசம்பர் அன்று காலை 9:00–மதியம் 1:00, 25 டிசம்பர் அன்று "
           "விடுமுறை) நேரத்தில் எங்களிடம் வரவும்."),
    ("tl", "Bisitahin kami tuwing Lunes–Biyernes 9:00 AM–2:30 PM at 5:30 PM–9:00 PM, Sabado "
           "10:00 AM–2:00 PM (Disyembre 24: 9:00 AM–1:00 PM, sarado sa Disyembre 25)."),
])
def test_the_hours_read_naturally_inside_the_librarys_sentences(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, sentence: str) -> None:
    write_values(tmp_path, SPLIT)
    monkeypatch.chdir(PROJECT)
    result = run(PROJECT, monkeypatch, "--kit", "small-shop", "--lang", lang, "--values",
                 str(tmp_path / "values.yaml"), "-o", str(tmp_path / "policy.md"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "policy.md").read_text("utf-8").replace("\u00a0", " ")
    assert sentence in text


@pytest.mark.parametrize(("entries", "line", "message"), [
    ('  - {days: [mon], opens: "09:00", closes: "14:30"}\n'
     '  - {days: [mon, tue], opens: "14:00", closes: "18:00"}\n',
     3, "on Monday the hours 09:00–14:30 and 14:00–18:00 overlap (entry 1 and entry 2)"),
    ('  - {days: [mon], opens: "18:00", closes: "09:00"}\n',
     2, "closes at 09:00, which is not after it opens (18:00)"),
    ('  - {days: [mon], opens: "09:00", closes: "18:00"}\n  - {date: 2026-02-30, closed: true}\n',
     3, "'opening_hours[2].date' '2026-02-30' is not a valid date (write it as YYYY-MM-DD)"),
    ('  - {days: [mon], opens: "09:00", closes: "18:00"}\n'
     '  - {date: 2026-12-24, opens: "09:00", closes: "13:00", closed: true}\n',
     3, "2026-12-24: give its hours (opens, closes) or 'closed: true', not both"),
    ('  - {days: [mon], opens: "09:00", closes: "18:00"}\n  - {date: 2026-12-24}\n',
     3, "2026-12-24: give its hours (opens and closes) or 'closed: true'; 'opens' is missing"),
    ('  - {days: [mon], opens: "09:00", closes: "18:00", closed: true}\n',
     2, "'closed' belongs to a date entry"),
    ('  - {days: [mon], opens: "09:00", closes: "18:00"}\n'
     '  - {date: 2026-12-24, days: [mon], opens: "09:00", closes: "13:00"}\n',
     3, "2026-12-24: a date entry gives the hours of that date only; leave out 'days'"),
    ('  - {days: [mon], opens: "09:00", closes: "18:00", note: lunch}\n',
     2, "unknown field 'note'; expected one of: closed, closes, date, days, opens"),
    ('  - {days: [mon], opens: "09:00", closes: "18:00"}\n'
     '  - {date: 2026-12-25, closed: true}\n  - {date: 2026-12-25, closed: true}\n',
     4, "2026-12-25 is listed as closed twice (entry 2 and entry 3)"),
    ('  - {days: [mon], opens: "09:00", closes: "18:00"}\n'
     '  - {date: 2026-12-25, closed: true}\n'
     '  - {date: 2026-12-25, opens: "10:00", closes: "12:00"}\n',
     4, "2026-12-25 is listed as closed and with hours (entry 2 and entry 3)"),
    ('  - {date: 2026-12-25, closed: true}\n',
     1, "give the hours of at least one weekday (days, opens, closes)"),
    ('  - {days: [sun], opens: "09:00"}\n',
     2, "missing field 'closes' in 'opening_hours[1]'"),
])
def test_a_bad_opening_hours_value_is_reported_at_its_line(
        library_src: Path, monkeypatch: pytest.MonkeyPatch, entries: str, line: int,
        message: str) -> None:
    write_values(library_src, f"opening_hours:\n{entries}")
    result = run(library_src, monkeypatch, "--kit", "starter", "--values", "values.yaml",
                 "-o", "policy.md")
    assert result.exit_code == 1
    assert result.output.startswith(f"values.yaml:{line}: {message}"), result.output
    assert not (library_src / "policy.md").exists()


def test_a_bad_default_in_kb_is_reported_at_its_line(library_src: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    line = edit(library_src, "kb/variables.yaml", '        closes: "18:00"\n',
                '        closes: "18:00"\n      - days: [fri]\n        opens: "17:00"\n'
                '        closes: "20:00"\n')
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert (f"kb/variables.yaml:{line + 1}: on Friday the hours 09:00–18:00 and 17:00–20:00 "
            "overlap (entry 1 and entry 2)") in output.splitlines()


def test_the_value_written_for_the_page_reads_back_the_same() -> None:
    entries = [{"days": ["mon", "tue"], "opens": "09:00", "closes": "14:30"},
               {"days": ["mon"], "opens": "17:30", "closes": "21:00"},
               {"date": "2026-12-24", "opens": "09:00", "closes": "13:00"},
               {"date": "2026-12-25", "closed": True}]
    value, problems = read_hours(entries)
    assert problems == [] and value is not None
    assert hours_data(value) == entries


BRANCHES = """\
policykb: answers/1
kit: multi-branch-franchise
values:
  business_name: Το Σιτάρι
branches:
  - id: kifisia
    name: Κηφισιά
    values:
      opening_hours:
        - {days: [mon, tue, wed, thu, fri], opens: "07:00", closes: "14:00"}
        - {days: [mon, tue, wed, thu, fri], opens: "17:00", closes: "21:00"}
        - {date: 2026-12-25, closed: true}
"""


def test_a_branch_gives_its_own_split_and_special_days(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "answers.yaml").write_text(BRANCHES, "utf-8")
    hours = "Δευτέρα–Παρασκευή 07:00–14:00 και 17:00–21:00 (κλειστά στις 25 Δεκεμβρίου)"
    for args in (["--branch", "kifisia"], []):
        result = answers_assemble(tmp_path, monkeypatch, "--values", "answers.yaml", "--lang",
                                  "el", "-o", "policy.md", *args)
        assert result.exit_code == 0, result.output
        text = (tmp_path / "policy.md").read_text("utf-8")
        if args:  # the branch's edition writes its hours in the sentences
            assert f"Επισκεφθείτε μας: {hours}." in text
        else:  # the business-wide document writes them in the table of branches
            assert any(line.startswith("| Κηφισιά |") and hours in line
                       for line in text.splitlines()), text
    bad = BRANCHES.replace('opens: "17:00"', 'opens: "13:00"')
    (tmp_path / "answers.yaml").write_text(bad, "utf-8")
    result = answers_assemble(tmp_path, monkeypatch, "--values", "answers.yaml", "--branch",
                              "kifisia", "-o", "kifisia.md")
    assert result.exit_code == 1
    assert ("answers.yaml:11: on Monday the hours 07:00–14:00 and 13:00–21:00 overlap "
            "(entry 1 and entry 2)") in result.output.splitlines()
