"""``.. policykb-preview::``: the opening of a finished policy, on the home page.

The policy is assembled when the site is built, exactly as ``policykb assemble
--kit KIT --document customer-policy`` writes it in the page's language for the
site's country with the sample values, so the preview never drifts from the library.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from html import escape
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..assemble import (
    Document,
    Heading,
    ItemList,
    Paragraph,
    build_document,
    html_inline,
    kit_blocks,
)
from ..documents import DocumentKind, Frame
from ..i18n import load_interface
from .details import details
from .parser import page_sources
from .state import note_library_sources, state

_ = get_translation("policykb")
logger = logging.getLogger(__name__)

PARTS_SHOWN = 10
"""The preview ends after this many headings, paragraphs and lists of the policy."""
BUILDER = "pages/builder"


def build_date() -> datetime.date:
    """The day of the build: ``SOURCE_DATE_EPOCH`` (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def opening_html(document: Document, parts: int = PARTS_SHOWN) -> str:
    """The first ``parts`` parts of the document (never ending on a heading), headings
    two levels below the page's."""
    shown = document.parts[:parts]
    while shown and isinstance(shown[-1], Heading):
        shown.pop()
    html, in_frame = [], True  # the lines under the title: in force from, version...
    for part in shown:
        if isinstance(part, Heading):
            in_frame = part.level == 1
            level = part.level + 2
            html.append(f"<h{level}>{html_inline(part.content)}</h{level}>")
        elif isinstance(part, Paragraph):
            css = ' class="pkb-preview-frame"' if in_frame else ""
            html.append(f"<p{css}>{html_inline(part.content)}</p>")
        elif isinstance(part, ItemList):
            tag = "ol" if part.numbered else "ul"
            html.append(f"<{tag}>" + "".join(f"<li>{html_inline(item)}</li>" for item in part.items)
                        + f"</{tag}>")
    return "".join(html)


class PreviewDirective(SphinxDirective):
    """The opening of the customer policy that ``:kit:`` writes, and a way to the builder."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "kit": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        current = state(self.env)
        library, localizer = current.library, current.localizer
        kit = library.kits.get(self.options.get("kit", ""))
        if kit is None:
            logger.warning("policykb-preview: no kit '%s' (the kits are: %s)",
                           self.options.get("kit", ""), ", ".join(sorted(library.kits)),
                           location=self.get_location())
            return []
        note_library_sources(self.env, page_sources(library, kit))
        for block in kit_blocks(library, kit):
            note_library_sources(self.env, [block.path])
        document = build_document(library, kit_blocks(library, kit), dict(kit.settings),
                                  localizer, kit, load_interface(current.locale_dir,
                                                                 localizer.lang),
                                  Frame(DocumentKind.CUSTOMER_POLICY, build_date()))
        caption = str(_("A sample: the opening of the customer policy that the “%(kit)s” "
                        "kit writes, with the sample values.")) % {
            "kit": localizer.text(kit.title)}
        builder = relative_uri(f"{self.env.docname}.html", f"{BUILDER}.html")
        link = escape(str(_("Write yours in the policy builder")))
        html = (f'<figure class="pkb-preview"><figcaption>{escape(caption)}</figcaption>'
                f'<div class="pkb-preview-doc">{opening_html(document)}</div>'
                f'<p class="pkb-preview-more"><a href="{escape(builder)}">{link}</a></p>'
                "</figure>")
        return [details(html=html)]
