"""The five real sites as a crawler and a validator see them: valid HTML, absolute
language alternates and canonical links, a sitemap of every page, robots.txt, a
description and Open Graph data per page, a favicon, unique titles; and the home page
for businesses, with the opening of a policy the library assembles."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from policykb.build import BuildError, build_sites
from policykb.cli import main
from policykb.languages import LANGUAGE_CODES, SOURCE_LANGUAGE
from policykb.sitemap import DEFAULT_BASE_URL
from policykb.yamlfile import read_yaml

from .conftest import PROJECT, copy_root, skip_browser_test
from .test_browser import AXE
from .test_documents import assemble
from .test_web import vnu_errors

BASE = DEFAULT_BASE_URL
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" />')


@pytest.fixture(scope="module")
def site(published_site: Path) -> Path:
    return published_site


def pages(site: Path, lang: str) -> dict[str, str]:
    """Each page of a language site (path under the language folder) and its HTML."""
    return {path.relative_to(site / lang).as_posix(): path.read_text("utf-8")
            for path in sorted((site / lang).rglob("*.html"))}


def meta(html: str, attribute: str, name: str) -> list[str]:
    return [unescape(value) for value in
            re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)" />', html)]


def test_every_page_passes_the_nu_html_checker(site: Path) -> None:
    every = sorted(site.rglob("*.html"))
    assert len(every) > 5 * 80
    assert vnu_errors(*every) == ""


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_alternates_and_canonical_links_are_absolute(site: Path, lang: str) -> None:
    for name, html in pages(site, lang).items():
        links = ALTERNATE.findall(html)
        assert [code for code, _href in links] == [*LANGUAGE_CODES, "x-default"], name
        for code, href in links[:-1]:
            assert href == f"{BASE}{code}/{name}", (name, href)
            assert (site / code / name).is_file(), href
        default = f"{BASE}index.html" if name == "index.html" else f"{BASE}en/{name}"
        assert links[-1][1] == default, name
        assert re.findall(r'<link rel="canonical" href="([^"]+)" />', html) == \
            [f"{BASE}{lang}/{name}"], name


def test_the_sitemap_lists_every_page_with_its_alternates(site: Path) -> None:
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    listed = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        listed[loc] = {link.get("hreflang"): link.get("href")
                       for link in url.iter(f"{XHTML}link")}
    expected = {f"{BASE}{lang}/{name}" for lang in LANGUAGE_CODES for name in pages(site, lang)
                if name != "search.html"} | {f"{BASE}index.html"}
    assert set(listed) == expected
    for loc, alternates in listed.items():
        name = loc.removeprefix(BASE).partition("/")[2] or "index.html"
        assert alternates == {**{code: f"{BASE}{code}/{name}" for code in LANGUAGE_CODES},
                              "x-default": f"{BASE}index.html" if name == "index.html"
                              else f"{BASE}en/{name}"}, loc
    for lang in LANGUAGE_CODES:  # new blocks of any category are listed without a change here
        assert f"{BASE}{lang}/kb/returns/return-window.html" in listed
    assert '<meta name="robots" content="noindex" />' in (site / "uk/search.html").read_text()


def test_robots_txt_names_the_sitemap(site: Path) -> None:
    robots = (site / "robots.txt").read_text("utf-8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {BASE}sitemap.xml" in robots
    assert not [line for line in robots if line.startswith("Disallow")]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_head_has_one_viewport_a_favicon_and_no_unused_stylesheet(site: Path, lang: str) -> None:
    for name, html in pages(site, lang).items():
        head = html.split("</head>", 1)[0]
        assert head.count('name="viewport"') == 1, name
        assert "pygments.css" not in head, name
        icons = re.findall(r'<link rel="icon" href="([^"]+)"', head)
        assert len(icons) == 2, name
        for icon in icons:
            assert (site / lang / Path(name).parent / icon).resolve().is_file(), (name, icon)
        assert 'action=""' not in html, name
    assert (site / "favicon.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (site / lang / "_static/favicon.svg").read_text("utf-8").startswith("<svg")


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_title_is_unique_in_its_language(site: Path, lang: str) -> None:
    seen: defaultdict[str, list[str]] = defaultdict(list)
    for name, html in pages(site, lang).items():
        seen[re.findall(r"<title>([^<]+)</title>", html)[0]].append(name)
    assert {title: names for title, names in seen.items() if len(names) > 1} == {}


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_page_describes_itself_in_its_language(site: Path, lang: str) -> None:
    for name, html in pages(site, lang).items():
        description = meta(html, "name", "description")
        assert len(description) == 1 and description[0].strip(), name
        assert meta(html, "property", "og:description") == description, name
        title = unescape(re.findall(r"<title>([^<]+)</title>", html)[0])
        assert title.startswith(meta(html, "property", "og:title")[0]), name
        assert meta(html, "property", "og:url") == [f"{BASE}{lang}/{name}"], name
        summary = re.search(r'<p class="pkb-summary">(.*?)</p>', html, re.S)
        if name.startswith("kb/"):  # block, kit and category pages: the summary they show
            assert summary, name
            assert description[0] == unescape(re.sub(r"<[^>]+>", "", summary.group(1))), name
    locale = {"en": "en_US", "tl": "tl_PH", "el": "el_GR", "ta": "ta_IN", "uk": "uk_UA"}[lang]
    assert meta(pages(site, lang)["index.html"], "property", "og:locale") == [locale]


def test_a_block_page_is_described_by_its_translated_summary(site: Path) -> None:
    english = read_yaml(PROJECT / "kb/returns/return-window.yaml").data["summary"]
    with (PROJECT / "locales/uk/LC_MESSAGES/kb/returns/return-window.po").open("rb") as po:
        ukrainian = read_po(po, locale="uk").get(english, context="return-window/summary").string
    html = (site / "uk/kb/returns/return-window.html").read_text("utf-8")
    assert meta(html, "name", "description") == [ukrainian]
    html = (site / "en/kb/returns/return-window.html").read_text("utf-8")
    assert meta(html, "name", "description") == [english]


def paragraphs(html: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", text)).strip()
            for text in re.findall(r"<(?:p|h[1-6]|li)>(.*?)</(?:p|h[1-6]|li)>", html, re.S)]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_home_page_previews_a_policy_the_library_assembles(site: Path, tmp_path: Path,
                                                              lang: str) -> None:
    home = (site / lang / "index.html").read_text("utf-8")
    preview = re.search(r'<div class="pkb-preview-doc">(.*?)</div>', home, re.S)
    assert preview, "no preview on the home page"
    result = assemble(tmp_path, "--kit", "small-shop", "--document", "customer-policy",
                      "--lang", lang, output="policy.html")
    assert result.exit_code == 0, result.output
    policy = (tmp_path / "policy.html").read_text("utf-8").split("<body>", 1)[1]
    frame, blocks = policy.split("<h2>", 1)
    shown_title, shown_blocks = preview.group(1).split("<h4>", 1)
    # the same title and, after the frame (dates, version), the same first parts, word
    # for word
    assert paragraphs(shown_title)[0] == paragraphs(frame)[0]
    shown = paragraphs("<h4>" + shown_blocks)
    assert len(shown) >= 3
    assert shown == paragraphs("<h2>" + blocks)[:len(shown)]
    assert 'href="pages/builder.html"' in home.split('<div class="pkb-preview-doc">', 1)[1]
    assert home.index('id="start-from-a-kit"') < home.index("pkb-preview")


@pytest.mark.parametrize("lang", [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE])
def test_a_fully_translated_page_shows_no_coverage_line(site: Path, lang: str) -> None:
    assert [name for name, html in pages(site, lang).items() if "pkb-coverage" in html] == []
    assert '<table class="pkb-status' in (site / lang / "pages/status.html").read_text("utf-8")


def test_the_base_url_is_where_the_site_is_published(tmp_path: Path) -> None:
    source = copy_root("library", tmp_path / "src")
    build_sites(source, source / "_build", ["en", "uk"],
                base_url="https://policies.example.org/shop")
    site = source / "_build" / "html"
    html = (site / "uk/kb/shop/refunds.html").read_text("utf-8")
    assert ('<link rel="canonical" '
            'href="https://policies.example.org/shop/uk/kb/shop/refunds.html" />') in html
    assert ('<link rel="alternate" hreflang="x-default" '
            'href="https://policies.example.org/shop/en/kb/shop/refunds.html" />') in html
    assert "Sitemap: https://policies.example.org/shop/sitemap.xml" in \
        (site / "robots.txt").read_text("utf-8")
    assert "<loc>https://policies.example.org/shop/uk/kb/shop/refunds.html</loc>" in \
        (site / "sitemap.xml").read_text("utf-8")
    with pytest.raises(BuildError, match=re.escape("base URL 'policies.example.org': give "
                                                   "the site's absolute address")):
        build_sites(source, source / "_build", ["en"], base_url="policies.example.org")
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--langs", "en",
                                       "--base-url", "ftp://example.org/"])
    assert result.exit_code == 1
    assert "base URL 'ftp://example.org/': give the site's absolute address" in result.output


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_home_page_loads_everything_and_is_accessible(page: Any, published_base: str,
                                                          lang: str) -> None:
    """No request fails (the browser's favicon included); no serious axe-core violation."""
    if not AXE.is_file():
        skip_browser_test("axe-core (npm)")
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url)
            if response.status >= 400 else None)
    for name in ("kb/returns/return-window.html", "index.html"):
        page.goto(f"{published_base}/{lang}/{name}", wait_until="networkidle")
    assert failed == []
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [f"{violation['id']}: {violation['help']}" for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")] == []
