"""``.. policykb-builder::``: pick a kit, switch optional blocks, fill in, take it away.

Every kit is written into the page as a complete document; the page script shows
the chosen one, leaves out the optional blocks switched off, and offers Copy,
Markdown, HTML, Print, and for a returns policy its schema.org data (JSON-LD).
Without JavaScript the page shows every kit with the default values.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from ..model import Kit, Variable
from .details import details, panel_html
from .parser import page_sources
from .render import PageRenderer
from .state import note_library_sources, state

_ = get_translation("policykb")


def controls_html(renderer: PageRenderer, kits: list[Kit]) -> str:
    """The kit choice, the optional blocks of each kit and the take-away buttons."""
    library, localizer = renderer.library, renderer.localizer
    kit_label, optional_legend = escape(str(_("Kit"))), escape(str(_("Optional parts")))
    options = "".join(f'<option value="{escape(kit.id)}">{escape(localizer.text(kit.title))}'
                      "</option>" for kit in kits)
    optional = []
    for kit in kits:
        boxes = "".join(
            f'<label><input type="checkbox" checked data-kit="{escape(kit.id)}" '
            f'data-block="{escape(ref.block)}"> '
            f"{escape(localizer.text(library.blocks[ref.block].title))}</label>"
            for ref in kit.blocks if ref.optional and ref.block in library.blocks)
        if boxes:
            optional.append(f'<fieldset class="pkb-optional-choice" data-kit="{escape(kit.id)}">'
                            f"<legend>{optional_legend}</legend>{boxes}"
                            "</fieldset>")
    buttons = "".join(f'<button type="button" class="{css}">{escape(str(label))}</button> '
                      for css, label in (("pkb-copy", _("Copy")),
                                         ("pkb-markdown", _("Download Markdown")),
                                         ("pkb-html", _("Download HTML")),
                                         ("pkb-jsonld", _("Download JSON-LD")),
                                         ("pkb-print", _("Print or save as PDF"))))
    return (f'<div class="pkb-builder" hidden><p><label for="pkb-kit">{kit_label}'
            f'</label> <select id="pkb-kit" class="pkb-kit-choice">{options}</select></p>'
            f'{"".join(optional)}<p class="pkb-actions">{buttons}</p>'
            '<p class="pkb-builder-status" role="status" aria-live="polite"></p></div>')


class BuilderDirective(SphinxDirective):
    """Every kit as one document, with the controls and the details panel."""

    def run(self) -> list[nodes.Node]:
        current = state(self.env)
        library = current.library
        kits = sorted(library.kits.values(),
                      key=lambda kit: current.localizer.text(kit.title).casefold())
        renderer = PageRenderer(library, current.localizer, self.env.docname)
        variables: dict[str, Variable] = {}
        per_kit: dict[str, list[str]] = {}
        documents: list[nodes.Node] = []
        for kit in kits:
            note_library_sources(self.env, page_sources(library, kit))
            for variable in renderer.kit_variables(kit):
                variables.setdefault(variable.name, variable)
            per_kit[kit.id] = [variable.name for variable in renderer.kit_variables(kit)]
            renderer.id_prefix = f"{kit.id}--"
            document = nodes.container(classes=["pkb-kit-doc", f"pkb-kit-{kit.id}"])
            document += renderer.kit_page(kit, with_panel=False)
            documents.append(document)
        ordered = sorted(variables.values(), key=lambda variable: not variable.is_global)
        policy = nodes.container(ids=["pkb-policy"], classes=["pkb-policy"])
        policy += documents
        return [details(html=controls_html(renderer, kits)),
                details(html=panel_html(library, current.localizer, ordered, per_kit,
                                        kit_settings={kit.id: kit.settings for kit in kits})),
                policy]
