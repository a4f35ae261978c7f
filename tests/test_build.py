"""``policykb build`` (what ``make html`` runs): five sites, published whole or not at all."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from policykb.build import BuildError, build_sites
from policykb.languages import LANGUAGE_CODES
from policykb.sitemap import DEFAULT_BASE_URL

LINK = re.compile(r'<(?:a|link)\b[^>]*\bhref="([^"#?]+)"[^>]*\bhreflang="([^"]+)"'
                  r'|<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"')


def tree_digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import copy_root

    source = copy_root("library", tmp_path_factory.mktemp("site") / "src")
    build_sites(source, source / "_build", list(LANGUAGE_CODES))
    return source / "_build" / "html"


def test_all_five_languages_are_published(built_site: Path) -> None:
    for code in LANGUAGE_CODES:
        html = (built_site / code / "kb/shop/refunds.html").read_text("utf-8")
        assert f'<html lang="{code}"' in html
    index = (built_site / "index.html").read_text("utf-8")
    for code in LANGUAGE_CODES:
        assert f'<li lang="{code}"><p><a href="{code}/index.html" hreflang="{code}">' in index
    assert "navigator.languages" in index


def test_switcher_and_hreflang_links_resolve_in_every_language(built_site: Path) -> None:
    pages = sorted(built_site.glob("*/**/*.html"))
    assert len(pages) == 5 * 7
    checked = 0
    for page in pages:
        html = page.read_text("utf-8")
        page_url = page.relative_to(built_site).as_posix()
        for match in LINK.finditer(html):
            href = match.group(1) or match.group(4)
            if match.group(4):  # alternates are absolute
                assert href.startswith(DEFAULT_BASE_URL), (page_url, href)
                href = "/" + href.removeprefix(DEFAULT_BASE_URL)
            target = built_site / urljoin(page_url, href).lstrip("/")
            assert target.is_file(), f"{page_url}: {href} -> {target} is missing"
            checked += 1
        assert html.count('rel="alternate" hreflang=') == 6, page_url
    assert checked >= len(pages) * 11


def test_a_subset_keeps_the_other_languages(built_site: Path) -> None:
    source = built_site.parent.parent
    before = tree_digest(built_site / "el")
    build_sites(source, source / "_build", ["uk"])
    assert tree_digest(built_site / "el") == before
    assert (built_site / "uk/kb/shop/refunds.html").is_file()


def test_invalid_library_publishes_nothing(library_src: Path) -> None:
    out = library_src / "_build"
    build_sites(library_src, out, ["en"])
    before = tree_digest(out / "html")
    block = library_src / "kb/shop/refunds.yaml"
    block.write_text(block.read_text("utf-8").replace("title: Refunds", "title: [Refunds"),
                     "utf-8")
    with pytest.raises(BuildError) as failure:
        build_sites(library_src, out, ["en", "uk"])
    assert re.search(r"kb/shop/refunds.yaml:[34]: YAML syntax error", str(failure.value))
    assert "nothing was built or published" in str(failure.value)
    assert tree_digest(out / "html") == before


def test_failed_sphinx_build_leaves_the_previous_site(library_src: Path) -> None:
    out = library_src / "_build"
    build_sites(library_src, out, ["en", "uk"], strict=True)
    before = tree_digest(out / "html")
    index = library_src / "index.rst"
    index.write_text(index.read_text("utf-8") + "\nSee :doc:`missing-page`.\n", "utf-8")
    with pytest.raises(BuildError) as failure:
        build_sites(library_src, out, ["en", "uk"], strict=True)
    assert "missing-page" in str(failure.value)
    assert "published site was left as it was" in str(failure.value)
    assert tree_digest(out / "html") == before


def test_two_clean_builds_are_byte_identical(library_src: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build_sites(library_src, library_src / "_one", ["en", "ta"])
    build_sites(library_src, library_src / "_two", ["en", "ta"])
    one, two = tree_digest(library_src / "_one/html"), tree_digest(library_src / "_two/html")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_unknown_language_is_refused(library_src: Path) -> None:
    with pytest.raises(BuildError, match="unknown language xx"):
        build_sites(library_src, library_src / "_build", ["en", "xx"])
