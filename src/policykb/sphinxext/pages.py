"""Pages around the blocks: the home listings, category pages, language links, breadcrumbs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .. import markup
from ..languages import SOURCE_LANGUAGE, language
from ..loader import CATEGORIES_FILE
from ..model import Text
from .config import PolicyKBConfig
from .render import PageRenderer, category_pagename
from .state import note_library_sources, state

_ = get_translation("policykb")


class CategoriesDirective(SphinxDirective):
    """``.. policykb-categories::`` lists every category with its summary."""

    def run(self) -> list[nodes.Node]:
        current = state(self.env)
        note_library_sources(self.env, [current.kb_dir / CATEGORIES_FILE])
        renderer = PageRenderer(current.library, current.localizer, self.env.docname)
        listing = nodes.bullet_list(classes=["pkb-cards"])
        for category in current.library.categories.values():
            link = nodes.reference("", "", *renderer.say(category.title),
                                   refuri=renderer.uri(category_pagename(category.id)))
            listing += nodes.list_item("", nodes.paragraph("", "", nodes.strong("", "", link)),
                                       renderer.paragraph(category.summary))
        return [listing]


class KitsDirective(SphinxDirective):
    """``.. policykb-kits::`` lists every kit with its summary."""

    def run(self) -> list[nodes.Node]:
        current = state(self.env)
        renderer = PageRenderer(current.library, current.localizer, self.env.docname)
        listing = nodes.bullet_list(classes=["pkb-cards"])
        for kit in sorted(current.library.kits.values(), key=lambda kit: kit.id):
            note_library_sources(self.env, [kit.path])
            link = renderer.doc_link(kit.docname, renderer.say(kit.title))
            listing += nodes.list_item("", nodes.paragraph("", "", nodes.strong("", "", link)),
                                       renderer.paragraph(kit.summary))
        return [listing]


def category_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """One page per category (``html-collect-pages``), listing its blocks."""
    current = state(app.env)
    localizer = current.localizer

    def text(value: Text) -> dict[str, Any]:
        return {"text": markup.plain_text(localizer.text(value)),
                "fallback": not localizer.is_translated(value)}

    for category in current.library.categories.values():
        pagename = category_pagename(category.id)
        blocks = [{
            "title": text(block.title),
            "summary": text(block.summary),
            "href": relative_uri(f"{pagename}.html", f"{block.docname}.html"),
        } for block in current.library.blocks_in(category.id)]
        context = {
            "title": localizer.text(category.title),
            "pkb_title": text(category.title),
            "pkb_summary": text(category.summary),
            "pkb_blocks": blocks,
        }
        yield pagename, context, "category.html"


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: nodes.document | None) -> None:
    """Give every page its language switcher and breadcrumbs (``html-page-context``)."""
    settings = PolicyKBConfig.of(app.config)
    current = app.config.language or SOURCE_LANGUAGE
    root = "../" * (pagename.count("/") + 1)
    context["pkb_languages"] = [{
        "code": code,
        "name": language(code).native_name,
        "href": f"{root}{code}/{pagename}.html",
        "current": code == current,
    } for code in settings.languages]
    context["pkb_breadcrumbs"] = _breadcrumbs(app, pagename, context)


def _breadcrumbs(app: Sphinx, pagename: str, context: dict[str, Any]) -> list[dict[str, str]]:
    """The trail above ``pagename``: home, then the category of a block."""
    if pagename == app.config.root_doc:
        return []
    trail = [{"title": str(_("Home")),
              "href": relative_uri(f"{pagename}.html", f"{app.config.root_doc}.html")}]
    current = state(app.env)
    item = current.library.by_docname(pagename)
    category_id = getattr(item, "category", None)
    if category_id is not None:
        category = current.library.categories[category_id]
        trail.append({
            "title": current.localizer.text(category.title),
            "href": relative_uri(f"{pagename}.html", f"{category_pagename(category_id)}.html"),
        })
    return trail
