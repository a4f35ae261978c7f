"""The project's plural table: agrees with CLDR where meant to, and check-po compares by value."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel import Locale
from click.testing import CliRunner

from policykb.cli import main
from policykb.plurals import EVALUATED_COUNTS, PLURAL_RULES, header_problem, plural_rule

ROOT = Path(__file__).resolve().parent.parent
CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


@pytest.mark.parametrize("lang", ["en", "el", "ta", "uk"])
def test_rule_gives_cldr_integer_categories(lang: str) -> None:
    """Form i is the i-th CLDR category that integers take, for every count to 1000."""
    locale = Locale.parse(lang)
    categories = sorted({locale.plural_form(n) for n in EVALUATED_COUNTS}, key=CLDR_ORDER.index)
    rule = plural_rule(lang)
    assert rule.forms == len(categories)
    for n in EVALUATED_COUNTS:
        assert categories[rule.index(n)] == locale.plural_form(n), (lang, n)


def test_tagalog_keeps_one_form_for_exactly_one() -> None:
    """tl is a decision, not CLDR's Filipino rule: form 0 for 1 only (see plurals.py)."""
    rule = plural_rule("tl")
    assert [rule.index(n) for n in (0, 1, 2, 4, 5, 11, 21, 100)] == [1, 0, 1, 1, 1, 1, 1, 1]


def test_uk_counts_by_form() -> None:
    assert plural_rule("uk").counts_by_form() == [1, 2, 0]


@pytest.mark.parametrize("declared", [
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && "
    "(n % 100 < 12 || n % 100 > 14) ? 1 : 2;",
    " nplurals = 3 ;  plural = ((n%10==1) && (n%100!=11)) ? 0 : "
    "((n%10>=2 && n%10<=4 && (n%100<12 || n%100>14)) ? 1 : 2)",
])
def test_equivalent_uk_header_passes(declared: str) -> None:
    assert header_problem(declared, "uk") is None


@pytest.mark.parametrize(("declared", "reason"), [
    ("nplurals=2; plural=(n != 1);", "needs 'nplurals=3"),
    ("nplurals=3; plural=(n%10==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);", "needs 'nplurals=3"),
    ("nplurals=3; plural=n === 1 ? 0 : 1;", "not a gettext expression"),
    ("nplurals=3; plural=__import__('os').system('true');", "not a gettext expression"),
    ("nplurals=3; plural=" + "(" * 5000 + "n" + ")" * 5000 + ";", "not a gettext expression"),
    ("plural=(n != 1)", "is not 'nplurals=N"),
])
def test_wrong_uk_header_is_named(declared: str, reason: str) -> None:
    problem = header_problem(declared, "uk")
    assert problem is not None and reason in problem


def test_every_language_has_a_rule() -> None:
    from policykb.languages import LANGUAGE_CODES
    assert set(PLURAL_RULES) == set(LANGUAGE_CODES)


def _check_po_on_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      header: str) -> tuple[int, str]:
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales" / "uk", locales / "uk")
    po = locales / "uk" / "LC_MESSAGES" / "kb" / "variables.po"
    text = po.read_text("utf-8")
    text, count = re.subn(r'"Plural-Forms: .*?\\n"\n(?=")', f'"Plural-Forms: {header}\\\\n"\n',
                          text, count=1, flags=re.S)
    assert count == 1
    po.write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check-po", "--langs", "uk", "--no-msgfmt"])
    return result.exit_code, result.output


def test_check_po_accepts_an_equivalent_rewrite(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _check_po_on_copy(
        tmp_path, monkeypatch, "nplurals=3; plural=(n % 10 == 1 && n % 100 != 11) ? 0 : "
        "((n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) ? 1 : 2);")
    assert code == 0, output


def test_check_po_names_file_and_line_of_a_wrong_rule(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _check_po_on_copy(tmp_path, monkeypatch, "nplurals=3; plural=(n != 1);")
    assert code == 1
    assert re.search(r"locales/uk/LC_MESSAGES/kb/variables\.po:\d+: Plural-Forms is "
                     r"'nplurals=3; plural=\(n != 1\);'; uk needs", output), output
    assert "Traceback" not in output
