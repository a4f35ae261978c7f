"""Where the published site lives, and what search engines read about it.

Every absolute address on the site (hreflang and canonical links, Open Graph, the
sitemap) starts with the *base URL*: ``policykb build --base-url`` or ``make html
BASE_URL=...``. A local build uses :data:`DEFAULT_BASE_URL`, where ``make serve`` serves it.

At the root of the published site, :func:`write_crawler_files` writes ``sitemap.xml``
(every page of every language, each with its language alternates) and ``robots.txt``
(which names the sitemap).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
"""The base URL of a local build: the address ``make serve`` serves it at."""
LANGUAGE_INDEX = "index.html"
"""The root page that sends a visitor to their language (hreflang ``x-default``)."""
NOT_LISTED = frozenset({"search.html"})
"""Pages a search engine should not index (results depend on the query): no sitemap entry."""


def check_base_url(url: str) -> str:
    """``url`` as the site's base (ending in ``/``); ValueError with the reason if unusable."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base URL '{url}': give the site's absolute address, such as "
                         "https://policies.example.org/")
    if parts.query or parts.fragment:
        raise ValueError(f"base URL '{url}': no query (?) or fragment (#) allowed")
    return url.strip().rstrip("/") + "/"


def page_url(base: str, lang: str, page: str) -> str:
    """The absolute address of ``page`` (``kb/returns/return-window.html``) in ``lang``."""
    return f"{base}{lang}/{page}"


def alternates(base: str, page: str, langs: list[str]) -> list[tuple[str, str]]:
    """``(hreflang, URL)`` of ``page`` in each of ``langs``, then ``x-default``: the root
    language chooser for the home page, the first language's page for any other."""
    found = [(lang, page_url(base, lang, page)) for lang in langs]
    default = base + LANGUAGE_INDEX if page == "index.html" else found[0][1]
    return [*found, ("x-default", default)]


def site_pages(site: Path, langs: list[str]) -> dict[str, list[str]]:
    """Each page of the published ``site`` (a path under a language folder) and the
    languages it exists in, in the order of ``langs``."""
    pages: dict[str, list[str]] = {}
    for lang in langs:
        for path in sorted((site / lang).rglob("*.html")):
            name = path.relative_to(site / lang).as_posix()
            if name not in NOT_LISTED:
                pages.setdefault(name, []).append(lang)
    return dict(sorted(pages.items()))


def sitemap_xml(base: str, pages: dict[str, list[str]]) -> str:
    """A sitemap of ``pages`` (see :func:`site_pages`), every URL with its alternates; the
    root language chooser is listed with the home pages."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
             '        xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page, langs in pages.items():
        links = alternates(base, page, langs)
        urls = [url for _lang, url in links[:-1]]
        if page == "index.html":
            urls.append(base + LANGUAGE_INDEX)
        for url in urls:
            lines += ["  <url>", f"    <loc>{escape(url)}</loc>"]
            lines += [f'    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(href)}/>'
                      for lang, href in links]
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base: str) -> str:
    """Every page may be crawled (the search page says ``noindex`` itself); the sitemap's
    address. Crawlers read it at the root of a host: a site published in a sub-folder
    needs its lines in the host's own ``robots.txt``."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"


def write_crawler_files(site: Path, base: str, langs: list[str]) -> None:
    """``sitemap.xml`` and ``robots.txt`` at the root of ``site``."""
    (site / "sitemap.xml").write_text(sitemap_xml(base, site_pages(site, langs)), "utf-8")
    (site / "robots.txt").write_text(robots_txt(base), "utf-8")
