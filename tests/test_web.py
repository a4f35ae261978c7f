"""Web-ready documents: the HTML that `policykb assemble` writes passes the Nu Html Checker."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import PROJECT
from .test_documents import assemble, frame_args

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(*pages: Path) -> str:
    """The Nu Html Checker's errors on ``pages`` (empty when they are valid)."""
    missing = ("Java (apt-get install default-jre-headless)" if shutil.which("java") is None
               else None if VNU.is_file() else "the Nu Html Checker (npm ci)")
    if missing:
        message = f"HTML validation skipped: {missing} is not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", *map(str, pages)],
                         capture_output=True, text=True, timeout=300)
    return run.stderr + run.stdout if run.returncode else ""


def test_the_online_store_policy_is_valid_html(tmp_path: Path) -> None:
    pages = []  # with its JSON-LD
    for lang in ("en", "uk"):
        output = f"policy-{lang}.html"
        result = assemble(tmp_path, "--kit", "online-store", "--lang", lang,
                          *frame_args(tmp_path, "customer-policy"), output=output)
        assert result.exit_code == 0, result.output
        pages.append(tmp_path / output)
        assert structured_data(pages[-1].read_text("utf-8"))["hasMerchantReturnPolicy"]
    assert vnu_errors(*pages) == ""


def structured_data(page: str) -> dict[str, Any]:
    """The JSON-LD of an HTML page (exactly one script element of it)."""
    found = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    assert len(found) == 1, page[:2000]
    data = json.loads(found[0])
    assert isinstance(data, dict)
    return data


def test_a_returns_policy_carries_its_merchant_return_policy(tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("business_name: Lantern Books\nreturn_days: 21\ncharge_fee: true\n"
                      "fee_percent: 15\n", "utf-8")
    args = ["--blocks", "return-window,restocking-fee,refund-method", "--lang", "uk",
            "--values", str(values)]
    result = assemble(tmp_path, *args, "--channels", "shop,online", output="returns.html")
    assert result.exit_code == 0, result.output
    data = structured_data((tmp_path / "returns.html").read_text("utf-8"))
    assert data == {
        "@context": "https://schema.org", "@type": "Organization", "name": "Lantern Books",
        "hasMerchantReturnPolicy": {
            "@type": "MerchantReturnPolicy", "applicableCountry": "UA",
            "returnPolicyCountry": "UA",
            "returnPolicyCategory": "https://schema.org/MerchantReturnFiniteReturnWindow",
            "merchantReturnDays": 21,
            "returnMethod": ["https://schema.org/ReturnByMail",
                             "https://schema.org/ReturnInStore"],
            "returnFees": "https://schema.org/RestockingFees", "restockingFee": 15}}
    # on its own, the same data
    result = assemble(tmp_path, *args, "--channels", "shop,online", output="returns.jsonld")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "returns.jsonld").read_text("utf-8")) == data
    # a shop with no fee: returns in store, free; another country
    values.write_text("return_days: 14\n", "utf-8")
    result = assemble(tmp_path, *args, "--channels", "shop", "--country", "gr",
                      output="shop.jsonld")
    assert result.exit_code == 0, result.output
    policy = json.loads((tmp_path / "shop.jsonld").read_text("utf-8"))["hasMerchantReturnPolicy"]
    assert policy["applicableCountry"] == "GR" and policy["merchantReturnDays"] == 14
    assert policy["returnMethod"] == "https://schema.org/ReturnInStore"
    assert policy["returnFees"] == "https://schema.org/FreeReturn"


def test_only_a_returns_policy_has_structured_data(tmp_path: Path) -> None:
    result = assemble(tmp_path, "--blocks", "refund-method", "--lang", "en", output="x.html")
    assert result.exit_code == 0, result.output
    assert "application/ld+json" not in (tmp_path / "x.html").read_text("utf-8")
    result = assemble(tmp_path, "--blocks", "refund-method", "--lang", "en", output="x.jsonld")
    assert result.exit_code != 0
    assert "x.jsonld: a .jsonld file holds a returns policy's schema.org data" in result.output
    assert "no return window (return-window)" in result.output
    assert not (tmp_path / "x.jsonld").exists()


def test_no_value_can_end_the_script_element(tmp_path: Path) -> None:
    name = "</script><script>alert(1)</script><!--"
    values = tmp_path / "values.yaml"
    values.write_text(f"business_name: {json.dumps(name)}\n", "utf-8")
    result = assemble(tmp_path, "--blocks", "return-window", "--values", str(values),
                      output="x.html")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "x.html").read_text("utf-8")
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script
    assert structured_data(page)["name"] == name


def test_the_snippet_is_a_fragment_for_a_website_builder(tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text('business_name: "Lantern <Books> & Co"\n', "utf-8")
    result = assemble(tmp_path, "--kit", "online-store", "--lang", "uk", "--values",
                      str(values), "--document", "customer-policy", output="policy.snippet.html")
    assert result.exit_code == 0, result.output
    snippet = (tmp_path / "policy.snippet.html").read_text("utf-8")
    assert snippet.startswith('<section lang="uk">\n<h2>Lantern &lt;Books&gt; &amp; Co: ')
    assert snippet.endswith("</section>\n") and "<h1" not in snippet and "<h3>" in snippet
    tags = set(re.findall(r"</?([a-z0-9]+)", snippet))
    assert tags <= {"section", "h2", "h3", "h4", "p", "ol", "ul", "li", "strong", "em"}, tags
    assert set(re.findall(r"<[a-z0-9]+ ([a-z-]+)=", snippet)) == {"lang"}
    page = tmp_path / "page.html"  # pasted into a page, it is valid HTML
    page.write_text('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Shop'
                    f"</title></head><body><main><h1>Shop</h1>\n{snippet}</main></body></html>\n",
                    "utf-8")
    assert vnu_errors(page) == ""
