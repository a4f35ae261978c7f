"""Pages built by the Sphinx extension from the small test library."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import copy_root


def page(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / name).read_text("utf-8")


def clause(html: str, clause_id: str) -> str:
    match = re.search(rf'<p class="[^"]*pkb-clause[^"]*" data-clause="{clause_id}".*?</p>',
                      html, re.S)
    assert match, f"clause {clause_id} not found"
    return match.group(0)


@pytest.mark.sphinx("html", testroot="library")
def test_small_library_builds_without_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    for name in ("index.html", "kb/shop/refunds.html", "kb/shop/delivery-days.html",
                 "kb/shop/index.html", "kb/kits/starter.html", "search.html"):
        assert (out / name).is_file(), name


@pytest.mark.sphinx("html", testroot="library")
def test_block_page_holds_clauses_with_marked_values(app: SphinxTestApp) -> None:
    app.build()
    html = page(app, "kb/shop/refunds.html")
    assert '<html lang="en"' in html
    timing = clause(html, "refunds/timing")
    assert 'data-count="refund_days"' in timing
    assert re.search(r'<span class="pkb-var" data-type="text" data-var="business_name">'
                     r"Corner Shop</span> refunds you within <span [^>]*"
                     r'data-var="refund_days">5</span> days\.', timing), timing
    fee = clause(html, "refunds/fee")
    assert ">€1,500.50</span>" in fee
    assert ">12.5%</span>" in fee
    assert ">help&#64;example.com</span>" in fee
    hours = clause(html, "refunds/hours")
    assert ">Monday–Friday 9:00\u00a0AM–6:00\u00a0PM</span>" in hours


@pytest.mark.sphinx("html", testroot="library")
def test_conditional_clauses_are_marked_and_alternatives_switched(app: SphinxTestApp) -> None:
    app.build()
    html = page(app, "kb/shop/refunds.html")
    original = clause(html, "refunds/original")
    credit = clause(html, "refunds/credit")
    assert 'data-when="{&quot;refund_method&quot;: &quot;original&quot;}"' in original
    assert "pkb-clause--off" not in original
    assert "pkb-clause--off" in credit
    assert "When “Refund method” is “store credit”:" in credit
    assert 'data-when="{&quot;receipt_needed&quot;: true}"' in clause(html, "refunds/receipt")
    both = clause(html, "refunds/receipt-and-credit")
    assert "pkb-clause--off" in both
    assert ("When “Receipt needed” is “Yes” and “Refund method” is “store credit”:"
            in both)


@pytest.mark.sphinx("html", testroot="library")
def test_alternatives_with_one_heading_share_one_section(app: SphinxTestApp) -> None:
    app.build()
    html = page(app, "kb/shop/refunds.html")
    assert html.count("<h3>How we pay") == 1
    section = html[html.index("<h3>How we pay"):]
    assert section.index('data-clause="refunds/pay-cash"') < section.index("</section>")
    assert section.index('data-clause="refunds/pay-card"') < section.index("</section>")


@pytest.mark.sphinx("html", testroot="library")
def test_money_follows_the_business_currency(app: SphinxTestApp) -> None:
    app.build()
    html = page(app, "kb/shop/refunds.html")
    cash = clause(html, "refunds/pay-cash")
    assert 'data-currency="PHP" data-currency-var="currency"' in cash
    assert ">₱200.00</span>" in cash
    assert 'data-currency="EUR"' in clause(html, "refunds/fee")


@pytest.mark.sphinx("html", testroot="library")
def test_headings_lists_links_and_page_parts(app: SphinxTestApp) -> None:
    app.build()
    html = page(app, "kb/shop/refunds.html")
    assert re.search(r"<h3>Opening hours", html)
    steps = re.search(r"<ol[^>]*>(.*?)</ol>", html[html.index('id="template"'):], re.S)
    assert steps and steps.group(1).count("<li>") == 2
    for heading in ("Questions to decide first", "Guidance", "Template",
                    "Values used in this template", "Implementation checklist",
                    "Related blocks"):
        assert f"<h2>{heading}" in html
    assert '<a class="reference internal" href="delivery-days.html">' in html
    assert "<strong>fast</strong>" in html and "<em>fair</em>" in html
    assert 'href="index.html">Shop rules</a>' in html


@pytest.mark.sphinx("html", testroot="library")
def test_category_kit_and_home_pages(app: SphinxTestApp) -> None:
    app.build()
    category = page(app, "kb/shop/index.html")
    assert '<a href="delivery-days.html">Delivery days</a>' in category
    assert '<a href="refunds.html">Refunds</a>' in category
    kit = page(app, "kb/kits/starter.html")
    assert "Start here." in kit
    assert 'data-clause="refunds/timing"' in kit and 'data-clause="delivery-days/days"' in kit
    assert kit.count("Optional: leave this part out") == 1
    home = page(app, "index.html")
    assert 'href="kb/shop/index.html">Shop rules</a>' in home
    assert 'href="kb/kits/starter.html"' in home


@pytest.mark.sphinx("html", testroot="library", confoverrides={"language": "uk"},
                    srcdir="library-uk")
def test_values_are_formatted_for_the_page_language(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    html = page(app, "kb/shop/refunds.html")
    assert '<html lang="uk"' in html
    assert ">1\u00a0500,50\u00a0EUR</span>" in clause(html, "refunds/fee")
    assert ">12,5%</span>" in clause(html, "refunds/fee")
    assert "1 листопада 2026\u202fр." in html
    days = page(app, "kb/shop/delivery-days.html")
    assert ">понеділок, середа і пʼятниця</span>" in days
    assert 'aria-current="page">Українська</a>' in html


@pytest.mark.sphinx("html", testroot="library")
def test_staff_clauses_are_labelled_and_apart(app: SphinxTestApp) -> None:
    app.build()
    html = page(app, "kb/shop/refunds.html")
    assert 'class="pkb-clause pkb-staff" data-clause="refunds/step-one"' in html
    assert 'class="pkb-clause" data-clause="refunds/hours"' in html
    part = html[html.index('id="refunds-step-one"'):]
    assert re.match(r'id="refunds-step-one">\s*<h3>For staff', part), part[:200]
    assert part.index("The cashier checks") < part.index("</section>")


@pytest.mark.sphinx("html", testroot="library")
def test_switcher_and_hreflang_on_every_page(app: SphinxTestApp) -> None:
    app.build()
    html = page(app, "kb/shop/refunds.html")
    for code, name in (("en", "English"), ("tl", "Tagalog"), ("el", "Ελληνικά"),
                       ("ta", "தமிழ்"), ("uk", "Українська")):
        href = f"http://127.0.0.1:8000/{code}/kb/shop/refunds.html"
        assert f'<link rel="alternate" hreflang="{code}" href="{href}" />' in html
        assert f'href="../../../{code}/kb/shop/refunds.html" hreflang="{code}" lang="{code}"' \
            in html and f">{name}</a>" in html
    assert ('<link rel="alternate" hreflang="x-default" '
            'href="http://127.0.0.1:8000/en/kb/shop/refunds.html" />') in html
    assert ('<link rel="alternate" hreflang="x-default" href="http://127.0.0.1:8000/index.html" />'
            in page(app, "index.html"))


def test_hostile_text_stays_text(make_app: type[SphinxTestApp], tmp_path: Path) -> None:
    source = copy_root("library", tmp_path / "hostile")
    block = source / "kb/shop/refunds.yaml"
    text = block.read_text("utf-8")
    text = text.replace("title: Refunds", "title: '<script>alert(1)</script> Refunds'")
    text = text.replace("  - Train the cashiers.",
                        "  - '.. raw:: html\n\n      <b id=raw>raw</b>'\n"
                        "  - '.. include:: /etc/passwd'\n"
                        "  - '`click <javascript:alert(1)>`_ and <img src=x onerror=alert(1)>'")
    block.write_text(text, "utf-8")
    app = make_app("html", srcdir=source)
    app.build()
    html = (Path(app.outdir) / "kb/shop/refunds.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Refunds" in html
    assert '<b id=raw>' not in html and "root:x:" not in html
    assert 'href="javascript:' not in html and "<img src=x" not in html
    assert ".. raw:: html" in html


def test_a_kits_settings_are_the_defaults_of_its_page(make_app: type[SphinxTestApp],
                                                     tmp_path: Path) -> None:
    source = copy_root("library", tmp_path / "settings")
    kit = source / "kb/kits/starter.yaml"
    kit.write_text(kit.read_text("utf-8") + "settings:\n  refund_method: credit\n"
                   "  refund_days: 14\n", "utf-8")
    app = make_app("html", srcdir=source)
    app.build()

    def defaults(name: str) -> dict[str, object]:
        html = (Path(app.outdir) / name).read_text("utf-8")
        data = re.search(r'<script type="application/json" id="pkb-data">(.*?)</script>',
                         html, re.S)
        assert data, name
        variables = json.loads(data.group(1))["variables"]
        return {key: variables[key]["default"] for key in ("refund_method", "refund_days")}

    assert defaults("kb/kits/starter.html") == {"refund_method": "credit", "refund_days": 14}
    assert defaults("kb/shop/refunds.html") == {"refund_method": "original", "refund_days": 5}


def test_invalid_library_warns_with_file_and_line(make_app: type[SphinxTestApp],
                                                  tmp_path: Path) -> None:
    source = copy_root("library", tmp_path / "invalid")
    block = source / "kb/shop/refunds.yaml"
    text = block.read_text("utf-8").replace("{refund_method}.", "{refund_methd}.", 1)
    block.write_text(text, "utf-8")
    line = text[: text.index("{refund_methd}")].count("\n") + 1
    app = make_app("html", srcdir=source)
    app.build()
    warnings = app.warning.getvalue()
    assert f"kb/shop/refunds.yaml:{line}: WARNING: unknown variable 'refund_methd'" in warnings


def test_the_preview_shows_the_opening_of_a_kits_customer_policy(
        make_app: type[SphinxTestApp], tmp_path: Path) -> None:
    source = copy_root("library", tmp_path / "preview")
    index = source / "index.rst"
    index.write_text(index.read_text("utf-8") + "\n.. policykb-preview::\n   :kit: starter\n\n"
                     ".. policykb-preview::\n   :kit: startr\n", "utf-8")
    app = make_app("html", srcdir=source)
    app.build()
    html = page(app, "index.html")
    preview = html[html.index('<figure class="pkb-preview">'):html.index("</figure>")]
    assert "“Starter kit” kit writes" in preview
    assert "<h3>Corner Shop: customer policy</h3>" in preview
    assert '<p class="pkb-preview-frame">Version: 1.0</p>' in preview
    assert "<h4>Refunds</h4><p>Corner Shop refunds you within 5 days.</p>" in preview
    # it ends on a paragraph, never on a heading without its text
    assert "<p>Bring your receipt.</p></div>" in preview and "How we pay" not in preview
    assert '<a href="pages/builder.html">' in preview
    assert html.count('<figure class="pkb-preview">') == 1
    assert ("index.rst:11: WARNING: policykb-preview: no kit 'startr' (the kits are: starter)"
            in app.warning.getvalue())
