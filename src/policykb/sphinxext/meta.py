"""What a page tells search engines and link previews: its description, its language
alternates (absolute, with ``x-default``) and its Open Graph title, description and locale.

A page's description is its own summary: a block's or kit's, or a category's (whole, as
the page shows it); or the first paragraph of a site page, shortened; a page with none
(the search page) takes the home page's. All are in the page's language.
"""

from __future__ import annotations

import re
from typing import Any

from babel.core import get_global
from docutils import nodes
from sphinx.application import Sphinx

from .. import markup
from ..languages import SOURCE_LANGUAGE
from ..sitemap import alternates
from .config import PolicyKBConfig
from .state import state

DESCRIPTION_LIMIT = 300
"""A site page's first paragraph longer than this is cut at a word, with an ellipsis."""
_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\s*')
"""Docutils' own viewport tag; the theme writes one already."""


def og_locale(lang: str) -> str:
    """The Open Graph locale of ``lang`` (``uk_UA``): its most likely territory (CLDR)."""
    likely = str(get_global("likely_subtags").get(lang, lang)).split("_")
    return f"{likely[0]}_{likely[-1]}" if len(likely) > 1 else likely[0]


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut at a word with an ellipsis if longer than ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def first_paragraph(doctree: nodes.document | None) -> str:
    """The text of the first paragraph of a page, or ``""``."""
    if doctree is None:
        return ""
    return next((paragraph.astext() for paragraph in doctree.findall(nodes.paragraph)
                 if paragraph.astext().strip()), "")


def description(app: Sphinx, pagename: str, context: dict[str, Any],
                doctree: nodes.document | None) -> str:
    """The page's description (see the module's docstring)."""
    current = state(app.env)
    item = current.library.by_docname(pagename)
    if item is not None:
        return " ".join(markup.plain_text(current.localizer.text(item.summary)).split())
    if "pkb_summary" in context:  # a category page
        return " ".join(str(context["pkb_summary"]["text"]).split())
    text = first_paragraph(doctree)
    if not text.strip():
        text = first_paragraph(app.env.get_doctree(app.config.root_doc))
    return shorten(text)


def page_meta(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
              doctree: nodes.document | None) -> None:
    """Give every page its description, alternates and Open Graph data
    (``html-page-context``); drop docutils' second viewport tag."""
    settings = PolicyKBConfig.of(app.config)
    current = app.config.language or SOURCE_LANGUAGE
    page = f"{pagename}.html"
    context["pkb_alternates"] = alternates(settings.base_url, page, list(settings.languages))
    context["pkb_description"] = description(app, pagename, context, doctree)
    context["pkb_og"] = {
        "url": f"{settings.base_url}{current}/{page}",
        "locale": og_locale(current),
        "alternates": [og_locale(code) for code in settings.languages if code != current],
    }
    context["metatags"] = _VIEWPORT.sub("", context.get("metatags", ""))
