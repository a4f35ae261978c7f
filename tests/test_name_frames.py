"""Name frames: a name placeholder only where any name stays grammatical (check-po)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykb.catalogs import read_catalog, render_catalog
from policykb.cli import main
from policykb.frames import NameFrames
from policykb.update import update_po

UK = "locales/uk/LC_MESSAGES"
UK_GLOSSARY = """\
terms: []
name_frames:
  rule: The name follows a carrier noun (компанія) or opens a sentence.
  before: ["компані\\\\w*", "магазин\\\\w*"]
  opens: true
"""


def frames(before: tuple[str, ...] = (), after: tuple[str, ...] = (),
           opens: bool = False) -> NameFrames:
    return NameFrames("", tuple(re.compile(p, re.I) for p in before),
                      tuple(re.compile(p, re.I) for p in after), opens)


def allowed(rule: NameFrames, text: str) -> bool:
    start = text.index("{business_name}")
    return rule.allows(text, start, start + len("{business_name}"))


@pytest.mark.parametrize(("text", "expected"), [
    ("Напишіть до компанії «{business_name}».", True),
    ("Напишіть до {business_name}.", False),
    ("{business_name} повертає кошти.", True),
    ("**Скарги.** {business_name} відповідає.", True),
    ("Адреса: {business_name}, вул. Шевченка, 1.", True),
    ("Працівники {business_name} допомагають.", False),
])
def test_ukrainian_frames(text: str, expected: bool) -> None:
    rule = frames(before=(r"компані\w*",), opens=True)
    assert allowed(rule, text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ο πελάτης γράφει στην επιχείρηση {business_name}.", True),
    ("Το προσωπικό του {business_name} βοηθά.", False),
    ("Το {business_name} εξυπηρετεί.", False),
])
def test_greek_article_needs_a_carrier_noun(text: str, expected: bool) -> None:
    rule = frames(before=(r"επιχείρησ\w*",))
    assert allowed(rule, text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("{business_name} நிறுவனத்திடம் திருப்பி அளிக்கலாம்.", True),
    ("{business_name}இடம் திருப்பி அளிக்கலாம்.", False),
])
def test_tamil_carrier_noun_follows_the_name(text: str, expected: bool) -> None:
    rule = frames(after=(r"நிறுவன\w*",))
    assert allowed(rule, text) is expected


def check_po(project: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check-po", "--langs", "uk", "--no-msgfmt"])
    return result.exit_code, result.output


@pytest.fixture
def project(library_src: Path) -> Path:
    update_po(library_src, ["uk"], library_src / "_build")
    (library_src / "locales/uk/glossary.yaml").write_text(UK_GLOSSARY, "utf-8")
    return library_src


def translate_refund(project: Path, forms: tuple[str, str, str], comment: str = "") -> int:
    """Translate the plural refund clause; returns the line of its entry."""
    path = project / UK / "kb/shop/refunds.po"
    catalog = read_catalog(path, "uk")
    for message in catalog:
        if isinstance(message.id, tuple | list) and "{business_name}" in message.id[0]:
            message.string = forms
            message.user_comments = [comment] if comment else []
    path.write_text(render_catalog(catalog), "utf-8")
    text = path.read_text("utf-8")
    return text[:text.index('msgid "{business_name} refunds')].count("\n") + 1


def test_check_po_names_a_name_out_of_its_frame(project: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    line = translate_refund(project, (
        "Кошти повертає {business_name} протягом {refund_days} дня.",
        "Кошти повертає {business_name} протягом {refund_days} днів.",
        "Кошти повертає {business_name} протягом {refund_days} днів."))
    code, output = check_po(project, monkeypatch)
    assert code == 1
    assert f"{UK}/kb/shop/refunds.po:{line}: {{business_name}} after 'Кошти повертає': uk " \
           "cannot change the form of a name here" in output, output
    assert "after a carrier word such as 'компані'" in output


def test_carrier_noun_and_reviewed_exception_pass(project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    translate_refund(project, (
        "Компанія «{business_name}» повертає кошти протягом {refund_days} дня.",
        "{business_name} повертає кошти протягом {refund_days} днів.",
        "Кошти повертає магазин «{business_name}» протягом {refund_days} днів."))
    code, output = check_po(project, monkeypatch)
    assert code == 0, output
    translate_refund(project, ("Кошти повертає {business_name} за {refund_days} день.",) * 3,
                     comment="name-frame: nominative subject after its verb")
    code, output = check_po(project, monkeypatch)
    assert code == 0, output


def test_broken_name_frames_entry_is_reported(project: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "locales/uk/glossary.yaml").write_text(
        "terms: []\nname_frames:\n  rule: x\n  before: ['компані(']\n", "utf-8")
    code, output = check_po(project, monkeypatch)
    assert code == 1
    assert re.search(r"locales/uk/glossary\.yaml:4: name_frames: 'компані\(' is not a regex",
                     output), output
