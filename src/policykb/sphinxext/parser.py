"""The source parser that turns a kb YAML file into a block or kit page."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.parsers import Parser
from sphinx.util import logging

from .. import markup
from ..loader import CATEGORIES_FILE, VARIABLES_FILE
from ..model import Block, Kit, Library
from .render import PageRenderer
from .state import note_library_sources, state

logger = logging.getLogger(__name__)


class LibraryParser(Parser):
    """Builds a page from the library model loaded for this build, not from reST."""

    supported = ("policykb",)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        current = state(env)
        docname = env.docname
        item = current.library.by_docname(docname)
        _mark_orphan(document)
        if item is None:
            logger.warning("this file has problems and is left out of the site; run "
                           "'policykb validate' to see them", location=docname,
                           type="policykb", subtype="invalid")
            title = nodes.section(ids=["invalid"])
            title += nodes.title("", Path(docname).name)
            document += title
            return
        renderer = PageRenderer(current.library, current.localizer, docname)
        note_library_sources(env, page_sources(current.library, item))
        if isinstance(item, Block):
            document += renderer.block_page(item)
        else:
            document += renderer.kit_page(item)


def _mark_orphan(document: nodes.document) -> None:
    """Library pages are reached from category pages, not from a toctree."""
    field = nodes.field("", nodes.field_name("", "orphan"), nodes.field_body())
    document += nodes.docinfo("", field)


def page_sources(library: Library, item: Block | Kit) -> list[Path]:
    """Files whose change must rebuild the page of ``item``: the ones it takes text from."""
    found = [library.root / VARIABLES_FILE]
    if library.country is not None:
        found.append(library.country.path)
    found.append(item.path)
    if isinstance(item, Block):
        found.append(library.root / CATEGORIES_FILE)
        linked = [ref.block for ref in item.related]
        texts = [*item.questions, *item.guidance, *item.checklist,
                 *(clause.text for clause in item.clauses)]
    else:
        linked = [ref.block for ref in item.blocks]
        texts = list(item.introduction)
    for text in texts:
        linked += [role.target for role in markup.parse(text.value).roles()]
    found += [library.blocks[block].path for block in dict.fromkeys(linked)
              if block in library.blocks]
    return found
