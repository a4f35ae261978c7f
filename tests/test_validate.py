"""``policykb validate``: every kind of bad input gives ``kb/file.yaml:LINE: message``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykb.cli import main
from policykb.loader import load_library

REFUNDS = "kb/shop/refunds.yaml"


def run_validate(project: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["validate", "--kb", "kb"])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.output


def edit(project: Path, path: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in a file; return the line where ``new`` starts."""
    file = project / path
    text = file.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    start = text.index(old)
    file.write_text(text[:start] + new + text[start + len(old):], "utf-8")
    return text[:start].count("\n") + 1


def test_the_test_library_is_valid(library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = run_validate(library_src, monkeypatch)
    assert code == 0, output
    assert "2 blocks, 1 categories, 1 kits" in output


def test_misspelt_placeholder_names_file_line_and_variable(
        library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = edit(library_src, REFUNDS, "We refund to your {refund_method}.",
                "We refund to your {refund_methd}.")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert (f"{REFUNDS}:{line}: unknown variable 'refund_methd' (did you mean "
            "'refund_method'?)") in output.splitlines()
    assert "Traceback" not in output


CASES = [
    pytest.param("title: Refunds", "title: [Refunds", "YAML syntax error", id="yaml-syntax"),
    pytest.param("summary: How refunds work.", "sumary: How refunds work.",
                 "unknown field 'sumary' (did you mean 'summary'?)", id="unknown-field"),
    pytest.param("questions:\n  - How long do refunds take?", "questions: How long?",
                 "'questions' should be a list, not text", id="wrong-type"),
    pytest.param("category: shop", "category: shopp",
                 "unknown category 'shopp' (did you mean 'shop'?)", id="unknown-category"),
    pytest.param("related:\n  - delivery-days", "related:\n  - delivery-dayz",
                 "related block 'delivery-dayz' does not exist (did you mean "
                 "'delivery-days'?)", id="missing-related"),
    pytest.param("    default: 5", "    default: five",
                 "'variables.refund_days.default' should be a whole number, not text",
                 id="count-default-type"),
    pytest.param("    default: original", "    default: cash",
                 "default 'cash' is not one of the options: original, credit",
                 id="choice-default"),
    pytest.param("    currency: EUR", "    currency: EUX",
                 "unknown currency 'EUX'", id="currency"),
    pytest.param("    when: {refund_method: credit}", "    when: {refund_method: cash}",
                 "'cash' is not an option of 'refund_method' (original, credit)",
                 id="when-option"),
    pytest.param("  receipt_needed:\n", "  receipt_needed:\n",
                 "", id="unchanged-sanity"),
    pytest.param("    when: receipt_needed\n", "    when: {receipt_needed: true, lists_branches: "
                 "false}\n", "", id="when-switch"),
    pytest.param("    when: receipt_needed\n", "    when: {lists_branches: 'yes'}\n",
                 "'lists_branches' is a yes/no switch the document sets: compare it with true "
                 "or false", id="when-switch-not-boolean"),
    pytest.param("    label: Receipt needed\n", "    label: Receipt needed\n    column: Receipt\n",
                 "'column' heads a column in the table of branches, which only per_branch "
                 "variables have", id="column-not-per-branch"),
    pytest.param("    text: Bring your receipt.", "    text: Bring your {receipt_needed}.",
                 "yes/no variable 'receipt_needed' cannot be shown in text", id="yesno-in-text"),
    pytest.param("    text: Bring your receipt.", "    text: It takes {refund_days} days.",
                 "count variable 'refund_days' needs a plural clause", id="count-not-plural"),
    pytest.param("    text: Bring your receipt.", "    text: See :blok:`delivery-days`.",
                 "unknown role ':blok:'", id="unknown-role"),
    pytest.param("    text: Bring your receipt.", "    text: Bring {your receipt.",
                 "unbalanced '{'", id="unbalanced-brace"),
    pytest.param("    text: Bring your receipt.", "    text: 'See :block:`delivery-day`.'",
                 "link to unknown block 'delivery-day'", id="role-target"),
    pytest.param("    text: Bring your receipt.", "    text: Bring {Your Receipt}.",
                 "malformed placeholder '{Your Receipt}'", id="malformed-placeholder"),
    pytest.param("  - Train the cashiers.", "  - Give {refund_days} days of training.",
                 "placeholder {refund_days} outside a clause is never filled in",
                 id="placeholder-outside-clause"),
    pytest.param("title: Refunds", "title: !!python/object:os.system Refunds",
                 "YAML tag '!!python/object:os.system' is not allowed", id="python-tag"),
    pytest.param("title: Refunds", "title: Refunds\ntitle: Again",
                 "YAML syntax error: found duplicate key \"title\"", id="duplicate-key"),
    pytest.param("reviewed: 2026-11-01", "reviewed: 2026-13-45",
                 "'reviewed' '2026-13-45' is not a valid date", id="bad-date"),
    pytest.param("  - id: credit", "  - id: original",
                 "clause id 'original' is used twice in this block", id="duplicate-clause"),
    pytest.param("    text: Bring your receipt.", "    audience: cashiers\n    text: Bring it.",
                 "'clauses[4].audience' is 'cashiers'; expected one of: customers, staff",
                 id="clause-audience"),
    pytest.param("clauses:", "audience: everyone\nclauses:",
                 "'audience' is 'everyone'; expected one of: customers, staff",
                 id="block-audience"),
    pytest.param("    text: Bring your receipt.", "    audience: customers\n    text: Bring it.",
                 "'audience: customers' is already the block's audience", id="same-audience"),
    pytest.param("    text: Bring your receipt.", "    heading: For staff\n    text: Bring it.",
                 "heading 'For staff': say who a clause is for with 'audience: staff'",
                 id="audience-heading"),
    pytest.param("    when: {refund_method: credit}\n", "    when:\n      <<: {refund_method: x}\n",
                 "YAML merge key '<<' is not allowed; write the values out in full",
                 id="merge-key-flow"),
    pytest.param("  - id: credit\n", "  - <<: {text: x}\n    id: credit\n",
                 "YAML merge key '<<' is not allowed; write the values out in full",
                 id="merge-key-in-list"),
    pytest.param("    default: 5\n", "    default: 1000000000000000000000000000000\n",
                 "'variables.refund_days.default' must be at most 1000000000, not "
                 "1000000000000000000000000000000", id="huge-count"),
    pytest.param("    default: 1500.5\n", "    default: 1.0e+300\n",
                 "'variables.fee.default' must be at most 1000000000000, not 1e+300",
                 id="huge-money"),
]


@pytest.mark.parametrize(("old", "new", "message"), CASES)
def test_each_bad_input_is_reported_at_its_line(
        library_src: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str,
        message: str) -> None:
    line = edit(library_src, REFUNDS, old, new)
    code, output = run_validate(library_src, monkeypatch)
    if not message:
        assert code == 0, output
        return
    assert code == 1, output
    found = [row for row in output.splitlines() if message in row]
    assert found, output
    assert found[0].startswith(f"{REFUNDS}:"), found
    reported = int(found[0].split(":")[1])
    assert line <= reported <= line + new.count("\n") + 1, (line, found)
    assert "Traceback" not in output


@pytest.mark.parametrize(("setting", "message"), [
    ("refund_method: cash", "'refund_method' value 'cash' is not one of the options: "
                            "original, credit"),
    ("refund_days: soon", "'refund_days' should be a whole number, not text"),
    ("refund_dayz: 3", "setting for unknown variable 'refund_dayz' (did you mean "
                       "'refund_days'?)"),
])
def test_a_kit_setting_is_checked_like_a_default(library_src: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 setting: str, message: str) -> None:
    kit = library_src / "kb/kits/starter.yaml"
    line = len(kit.read_text("utf-8").splitlines()) + 2
    kit.write_text(kit.read_text("utf-8") + f"settings:\n  {setting}\n", "utf-8")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert f"kb/kits/starter.yaml:{line}: {message}" in output.splitlines(), output


def test_unused_variable(library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = edit(library_src, REFUNDS, "variables:\n",
                "variables:\n  spare:\n    type: text\n    label: Spare\n") + 1
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert f"{REFUNDS}:{line}: variable 'spare' is declared but no clause uses it" in output


def test_unused_business_wide_variable(library_src: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    edit(library_src, REFUNDS, " or see {website}", "")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert ("kb/variables.yaml:16: business-wide variable 'website' is declared but no block "
            "uses it") in output


def test_same_name_must_mean_the_same_value(library_src: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    edit(library_src, "kb/shop/delivery-days.yaml", "variables:\n",
                "variables:\n  refund_days:\n    type: count\n    unit: hours\n"
                "    label: Refund time\n    default: 5\n")
    edit(library_src, "kb/shop/delivery-days.yaml", "We deliver on {delivery_days}.",
         "We deliver on {delivery_days}.\n  - id: hours\n    count: refund_days\n"
         "    text: Refunds take {refund_days} hour.\n"
         "    text_plural: Refunds take {refund_days} hours.")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert re.search(r"kb/shop/(refunds|delivery-days)\.yaml:\d+: variable 'refund_days' is "
                     r"also declared in kb/shop/(refunds|delivery-days)\.yaml:\d+ with "
                     r"another unit", output), output


def test_money_without_currency_needs_a_business_currency(
        library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (library_src / "kb/variables.yaml").read_text("utf-8")
    (library_src / "kb/variables.yaml").write_text(text[: text.index("  currency:")], "utf-8")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert "money variable 'cash_limit' needs 'currency', or a business-wide variable of " \
           "type currency" in output


def test_duplicate_block_id(library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(library_src, "kb/categories.yaml", "categories:\n",
         "categories:\n  - id: other\n    title: Other\n    summary: More.\n")
    (library_src / "kb/other").mkdir()
    copy = (library_src / REFUNDS).read_text("utf-8").replace("category: shop",
                                                              "category: other")
    (library_src / "kb/other/refunds.yaml").write_text(copy, "utf-8")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert ("kb/shop/refunds.yaml:1: duplicate block id 'refunds' (also in "
            in output), output


def test_missing_kit_entry(library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = edit(library_src, "kb/kits/starter.yaml", "  - refunds", "  - refundz")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert (f"kb/kits/starter.yaml:{line}: kit entry 'refundz' is not a block (did you mean "
            "'refunds'?)") in output


def test_an_example_default_must_be_marked_a_sample(library_src: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    line = edit(library_src, "kb/variables.yaml", "    sample: true\n    label: Website\n",
                "    label: Website\n") - 2
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert (f"kb/variables.yaml:{line}: 'website': the default 'https://example.com/returns' is "
            "an example of the business's own data; mark the variable 'sample: true' so that "
            "it is never published as if it were real") in output.splitlines(), output


def test_only_a_text_email_phone_or_url_can_be_a_sample(library_src: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    line = edit(library_src, "kb/variables.yaml", "  currency:\n    type: currency\n",
                "  currency:\n    type: currency\n    sample: true\n") + 2
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert (f"kb/variables.yaml:{line}: 'sample' applies only to text, email, phone, url "
            "variables, and 'currency' is currency") in output.splitlines(), output


def test_a_kit_lists_only_known_documents_and_its_own_blocks(
        library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kit = library_src / "kb/kits/starter.yaml"
    kit.write_text(kit.read_text("utf-8") + "documents:\n  counter-notise: [refunds]\n", "utf-8")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1 and "counter-notise" in output and "counter-notice" in output, output
    kit.write_text(kit.read_text("utf-8").replace("counter-notise: [refunds]",
                                                  "counter-notice: [refund]"), "utf-8")
    line = len(kit.read_text("utf-8").splitlines())
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert (f"kb/kits/starter.yaml:{line}: block 'refund' of the counter-notice is not in the "
            "kit's blocks (did you mean 'refunds'?)") in output.splitlines(), output


def test_every_problem_is_reported_at_once(library_src: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    edit(library_src, REFUNDS, "{refund_method}.", "{refund_methd}.")
    edit(library_src, "kb/shop/delivery-days.yaml", "summary:", "sumary:")
    edit(library_src, "kb/kits/starter.yaml", "  - refunds", "  - refundz")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert "4 problems in kb" in output
    for fragment in ("refund_methd", "unknown field 'sumary'", "missing field 'summary'",
                     "refundz"):
        assert fragment in output


@pytest.mark.parametrize(("content", "message"), [
    pytest.param(b"", "file is empty", id="empty"),
    pytest.param(b"   \n\n", "file is empty", id="blank"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "file is not UTF-8 text", id="binary"),
    pytest.param(b"id: x\x00\n", "file holds a NUL byte", id="nul"),
    pytest.param(b"title: " + b"x" * 1_100_000, "file is too large", id="huge"),
    pytest.param(b"- just\n- a list\n", "the file should be a mapping", id="list"),
    pytest.param(b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                 b"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                 b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                 b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                 b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                 b"f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
                 "file expands to more than", id="alias-bomb"),
    pytest.param(b"[" * 20000, "", id="deep-nesting"),
    pytest.param(b"!!python/object/apply:os.system ['true']\n", "is not allowed",
                 id="python-apply"),
])
def test_hostile_files_never_cause_a_traceback(
        library_src: Path, monkeypatch: pytest.MonkeyPatch, content: bytes,
        message: str) -> None:
    (library_src / REFUNDS).write_bytes(content)
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    rows = [row for row in output.splitlines() if row.startswith(f"{REFUNDS}:")]
    assert rows, output
    assert message in rows[0]
    assert re.match(rf"{REFUNDS}:[1-9][0-9]*: ", rows[0]), rows  # a line, 1 for the file
    assert "Traceback" not in output


@pytest.mark.parametrize("name, content, message", [
    pytest.param("kb/shop/refunds.yml", b"id: refunds\n",
                 "kb/shop/refunds.yml:1: unexpected file: each entry here is <id>.yaml",
                 id="yml"),
    pytest.param("kb/README.txt", b"notes\n", "kb/README.txt:1: unexpected file: kb/ holds "
                 "categories.yaml, variables.yaml and one folder per category", id="stray-file"),
    pytest.param("kb/shop/big.yaml", b"title: " + b"x" * 20_000_000,
                 "kb/shop/big.yaml:1: file is too large (20,000,007 bytes; the limit is "
                 "1,000,000)", id="20MB"),
    pytest.param("kb/shop/deep.yaml", b"a: " + b"[" * 5000, "kb/shop/deep.yaml:1: YAML is "
                 "nested too deeply", id="deep"),
    pytest.param("kb/shop/empty.yaml", b"", "kb/shop/empty.yaml:1: file is empty", id="empty"),
])
def test_a_whole_file_problem_is_at_line_one(library_src: Path,
                                             monkeypatch: pytest.MonkeyPatch, name: str,
                                             content: bytes, message: str) -> None:
    (library_src / name).write_bytes(content)
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert message in output.splitlines(), output
    assert "Traceback" not in output


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_any_file_content_gives_problems_not_exceptions(library_src: Path,
                                                        content: bytes | str) -> None:
    path = library_src / REFUNDS
    if isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_bytes(content)
    result = load_library(library_src / "kb")
    assert all(problem.message for problem in result.problems)


@pytest.mark.parametrize(("when", "message"), [
    ("{refund_methd: original}", "unknown variable 'refund_methd' in 'when' (did you mean "
                                 "'refund_method'?)"),
    ("{refund_method: cash}", "'cash' is not an option of 'refund_method' (original, credit)"),
    ("refund_days", "'when' needs a yes/no or choice variable; 'refund_days' is count"),
    ("cash_limit", "'cash_limit' cannot be asked only when it has a value itself"),
])
def test_a_variables_when_is_checked_like_a_clauses(library_src: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    when: str, message: str) -> None:
    line = edit(library_src, REFUNDS, "    when: {refund_method: original}\n",
                f"    when: {when}\n")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert f"{REFUNDS}:{line}: {message}" in output.splitlines(), output


def test_a_clause_cannot_need_a_variable_asked_only_for_another_value(
        library_src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = (library_src / REFUNDS).read_text("utf-8").splitlines().index("  - id: pay-card") + 1
    edit(library_src, REFUNDS, "    text: We load the credit onto a card.",
         "    text: We load the credit onto a card, up to {cash_limit}.")
    code, output = run_validate(library_src, monkeypatch)
    assert code == 1
    assert (f"{REFUNDS}:{line}: clause 'pay-card' can never show: it needs 'refund_method' to "
            "be 'credit' and 'original' (a variable it uses is asked only when the other "
            "holds; see their 'when')") in output.splitlines(), output
