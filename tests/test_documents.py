"""Documents from the real library: channels, kit settings, audience."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner, Result

from policykb.cli import main

from .test_countries import OWN_DETAILS

PROJECT = Path(__file__).resolve().parent.parent


def assemble(tmp_path: Path, *args: str, output: str = "policy.md") -> Result:
    """``policykb assemble`` on the project's library, writing into ``tmp_path``."""
    result = CliRunner().invoke(main, ["assemble", "--kb", str(PROJECT / "kb"),
                                       "--locales", str(PROJECT / "locales"),
                                       "-o", str(tmp_path / output), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert "Traceback" not in result.output
    return result


def written(tmp_path: Path, *args: str) -> str:
    result = assemble(tmp_path, *args)
    assert result.exit_code == 0, result.output
    return (tmp_path / "policy.md").read_text("utf-8")


IN_A_SHOP = re.compile(r"\bcounter\b|\btill\b|in person|\bvisit us\b|bring it back|"
                       r"security camera", re.I)


def test_the_online_store_never_speaks_of_a_counter(tmp_path: Path) -> None:
    text = written(tmp_path, "--kit", "online-store", "--lang", "en")
    assert not IN_A_SHOP.findall(text)
    # the kit's settings: the window from delivery, refunds by the original payment method
    assert "within 30 days of the day it is delivered to you" in text
    assert "We refund you using the method you paid with." in text
    assert "form on our website" in text
    assert "by phone on" in text and "We refund you" in text


def test_a_shop_only_policy_never_speaks_of_online_orders(tmp_path: Path) -> None:
    text = written(tmp_path, "--kit", "small-shop", "--lang", "en", "--skip-optional")
    customer = text.split("## ")
    assert "online order" not in text and "online shop" not in text
    assert any("counter" in part for part in customer)


def test_channels_switch_clauses_and_unknown_ones_are_refused(tmp_path: Path) -> None:
    text = written(tmp_path, "--blocks", "refund-method,privacy-sharing", "--lang", "en",
                   "--channels", "online,delivery")
    assert "at our counter" not in text and "till system" not in text
    assert "When you send an item back to us" in text
    assert "website, online payments and e-mail" in text
    shop = written(tmp_path, "--blocks", "refund-method", "--channels", "shop")
    assert "at our counter" in shop and "When you send an item back" not in shop
    result = assemble(tmp_path, "--blocks", "refund-method", "--channels", "shop,onlin",
                      output="other.md")
    assert result.exit_code == 1
    assert ("unknown sales channel 'onlin' (did you mean 'online'?); the channels are: "
            "shop, online, delivery") in result.output
    assert not (tmp_path / "other.md").exists()


def test_the_restaurant_kit_has_table_service_and_the_complaint_sop(tmp_path: Path) -> None:
    text = written(tmp_path, "--kit", "restaurant-cafe", "--lang", "en")
    assert "## Sample SOP: handling a complaint up the escalation ladder" in text
    assert "shows them to a table" in text
    assert "a high chair" in text
    assert "basket" not in text and "browse" not in text


def test_staff_rules_among_customer_clauses_have_their_own_heading(tmp_path: Path) -> None:
    text = written(tmp_path, "--blocks", "refund-method", "--lang", "uk")
    assert "### Для персоналу" in text
    staff = text.split("### Для персоналу")[1]
    assert "менеджер" in staff.lower()


def frame_args(tmp_path: Path, kind: str) -> list[str]:
    values = tmp_path / "values.yaml"
    values.write_text("business_name: Kafe Lantern\n", "utf-8")
    return ["--values", str(values), "--document", kind, "--effective-date", "2027-03-01",
            "--version", "2.1"]


def test_the_customer_policy_has_its_frame_and_no_staff_rules(tmp_path: Path) -> None:
    text = written(tmp_path, "--kit", "online-store", "--lang", "en",
                   *frame_args(tmp_path, "customer-policy"))
    assert text.startswith("# Kafe Lantern: customer policy\n\nIn force from: March 1, 2027\n\n"
                           "Version: 2.1\n\nNext review: March 1, 2028\n\n"
                           "Language: English\n\n## ")
    assert "This kit is for" not in text  # the kit's instructions are for the owner
    assert "Staff refund a card payment" not in text and "For staff" not in text
    assert "## Sample SOP" not in text and "## Customer profile" not in text
    assert not IN_A_SHOP.findall(text)


def test_the_frame_is_translated(tmp_path: Path) -> None:
    text = written(tmp_path, "--kit", "small-shop", "--lang", "uk", "--country", "ua",
                   *frame_args(tmp_path, "customer-policy"))
    assert text.startswith("# Kafe Lantern: політика обслуговування клієнтів\n\n"
                           "Дата набрання чинності: 1 березня 2027\u202fр.\n\nВерсія: 2.1\n\n"
                           "Наступний перегляд: 1 березня 2028\u202fр.\n\nКраїна: Україна\n\n"
                           "Мова: українська\n\n## "), text[:300]


def test_the_staff_handbook_holds_the_sops_and_staff_rules(tmp_path: Path) -> None:
    text = written(tmp_path, "--kit", "restaurant-cafe", "--lang", "en",
                   *frame_args(tmp_path, "staff-handbook"))
    assert text.startswith("# Kafe Lantern: staff handbook\n")
    assert "## Sample SOP: greeting customers" in text
    assert "## Sample SOP: handling a complaint up the escalation ladder" in text
    assert "shows them to a table" in text and "basket" not in text
    # a customer block with staff rules comes with the promises they implement
    assert "### Who may approve a remedy" in text and "## Remedies" in text
    assert "## Complaint channels" not in text  # customer clauses only


def test_the_counter_notice_holds_the_promises_for_the_till(tmp_path: Path) -> None:
    text = written(tmp_path, "--kit", "small-shop", "--lang", "en",
                   *frame_args(tmp_path, "counter-notice"))
    assert text.startswith("# Kafe Lantern: our promises to you\n")
    blocks = re.findall(r"^## (.*)$", text, re.M)
    assert blocks == ["Return window", "Refund method and timing", "Ways to make a complaint",
                      "Contact channels"], blocks
    assert len(text) < 2500  # fits one printed page


def test_word_document_is_a4_with_page_numbers_and_a_footer(tmp_path: Path) -> None:
    import docx

    result = assemble(tmp_path, "--kit", "online-store", *frame_args(tmp_path,
                                                                     "customer-policy"),
                      output="policy.docx")
    assert result.exit_code == 0, result.output
    word = docx.Document(str(tmp_path / "policy.docx"))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = section.footer._element.xml
    assert "Kafe Lantern: customer policy · 2.1" in footer
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert word.core_properties.title == "Kafe Lantern: customer policy"


def test_every_block_makes_a_word_document(tmp_path: Path) -> None:
    blocks = sorted(path.stem for path in (PROJECT / "kb").glob("*/*.yaml")
                    if path.parent.name not in ("kits", "countries"))
    assert len(blocks) >= 74  # the whole library, every block at once
    result = assemble(tmp_path, "--blocks", ",".join(blocks), output="all.docx")
    assert result.exit_code == 0, result.output
    import docx

    title = docx.Document(str(tmp_path / "all.docx")).core_properties.title
    assert len(title) <= 255 and title.endswith("…")


def test_an_unknown_document_is_refused_with_the_kinds(tmp_path: Path) -> None:
    result = assemble(tmp_path, "--kit", "small-shop", "--document", "customer-polcy")
    assert result.exit_code == 1
    assert result.output == ("unknown document 'customer-polcy' (did you mean "
                             "'customer-policy'?); the documents are: customer-policy, "
                             "staff-handbook, counter-notice\n")
    assert not (tmp_path / "policy.md").exists()


def test_a_heading_shows_only_over_its_own_clauses(tmp_path: Path) -> None:
    text = written(tmp_path, "--blocks", "faulty-goods-warranty,exchanges", "--lang", "en",
                   *frame_args(tmp_path, "customer-policy"))
    assert "### Our warranty" not in text  # no warranty offered by default
    assert "### Your legal rights\n\nNothing in this policy limits" in text
    assert "### Faulty items\n\nIf an item is faulty, we replace it" in text


def test_samples_are_warnings_and_strict_refuses_them(tmp_path: Path) -> None:
    result = assemble(tmp_path, "--kit", "online-store", "--lang", "en", "--document",
                      "customer-policy")
    assert result.exit_code == 0, result.output
    assert ("warning: 'business_name' is not filled in: the document shows '[Business name]' "
            "where your own belongs; give business_name in the values file") in result.output
    assert ("warning: 'contact_email' is a sample: the document shows 'help@example.com' "
            "where your own belongs") in result.output
    refused = assemble(tmp_path, "--kit", "online-store", "--lang", "en", "--document",
                       "customer-policy", "--strict", output="strict.md")
    assert refused.exit_code == 1 and not (tmp_path / "strict.md").exists()
    assert "error: 'business_name' is not filled in" in refused.output
    assert "--strict: the policy shows samples where your own details belong" in refused.output
    values = tmp_path / "own.yaml"
    values.write_text(OWN_DETAILS, "utf-8")
    own = assemble(tmp_path, "--kit", "online-store", "--lang", "en", "--document",
                   "customer-policy", "--values", str(values), "--strict", output="own.md")
    assert own.exit_code == 0 and "warning:" not in own.output, own.output
    text = (tmp_path / "own.md").read_text("utf-8")
    assert text.startswith("# Lantern Store: customer policy")
    assert "example.com" not in text and "Example Street" not in text
    assert "Business name" not in text
