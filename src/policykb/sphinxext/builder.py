"""``.. policykb-builder::``: pick a kit and a document, fill in, take it away.

Every kit's document model (:mod:`policykb.docmodel`) is written into the page data,
with the words of a document's frame; the page script renders the chosen document
(customer policy, staff handbook or counter notice) from it, as ``policykb assemble``
does, leaves out the optional blocks switched off, shows the kit's introduction to
the owner (never in the document), and offers Copy, Markdown, HTML, Print, and for a
returns policy its schema.org data (JSON-LD); "Copy HTML snippet" copies the document as a
fragment for a website builder. Without JavaScript the page links to
each kit's page, which shows its templates with the default values.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from .. import docmodel, markup
from ..documents import DocumentKind
from ..model import Kit, Variable
from .answers import answers_html
from .details import details, panel_html
from .parser import page_sources
from .render import PageRenderer
from .state import note_library_sources, state

_ = get_translation("policykb")


DOCUMENT_NAMES = {
    DocumentKind.CUSTOMER_POLICY: _("Customer policy"),
    DocumentKind.STAFF_HANDBOOK: _("Staff handbook"),
    DocumentKind.COUNTER_NOTICE: _("Counter notice"),
}
"""The name of each document in the builder's choice."""


def controls_html(renderer: PageRenderer, kits: list[Kit]) -> str:
    """The kit and document choices, the document's date and version, the optional blocks
    of each kit and the take-away buttons."""
    library, localizer = renderer.library, renderer.localizer
    kit_label, optional_legend = escape(str(_("Kit"))), escape(str(_("Optional parts")))
    options = "".join(f'<option value="{escape(kit.id)}">{escape(localizer.text(kit.title))}'
                      "</option>" for kit in kits)
    kinds = "".join(f'<option value="{kind}">{escape(str(name))}</option>'
                    for kind, name in DOCUMENT_NAMES.items())
    document_label, effective_label, version_label = (
        escape(str(_("Document"))), escape(str(_("In force from"))), escape(str(_("Version"))))
    choices = (f'<p><label for="pkb-kit">{kit_label}</label> <select id="pkb-kit" '
               f'class="pkb-kit-choice">{options}</select></p>'
               f'<p><label for="pkb-document">{document_label}</label> '
               f'<select id="pkb-document" class="pkb-document-choice">{kinds}</select></p>'
               f'<p><label for="pkb-effective">{effective_label}</label> '
               '<input type="date" id="pkb-effective" class="pkb-effective" required> '
               f'<label for="pkb-version">{version_label}</label> '
               '<input type="text" id="pkb-version" class="pkb-version" value="1.0" size="6" '
               'required></p>')
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
                                         ("pkb-snippet", _("Copy HTML snippet")),
                                         ("pkb-markdown", _("Download Markdown")),
                                         ("pkb-html", _("Download HTML")),
                                         ("pkb-jsonld", _("Download JSON-LD")),
                                         ("pkb-print", _("Print or save as PDF"))))
    return (f'<div class="pkb-builder" hidden>{choices}'
            f'{"".join(optional)}<p class="pkb-actions">{buttons}</p>'
            '<p class="pkb-builder-status" role="status" aria-live="polite"></p></div>')


def policy_html(renderer: PageRenderer, kits: list[Kit]) -> str:
    """Where the script writes the kit's introduction (for the owner) and the document;
    without the script, a link to each kit's page."""
    links = "".join(
        f'<li><a href="{escape(renderer.uri(kit.docname))}">'
        f"{escape(markup.plain_text(renderer.localizer.text(kit.title)))}</a></li>"
        for kit in kits)
    return ('<div class="pkb-policy" id="pkb-policy"><div class="pkb-kit-intro" hidden></div>'
            '<p class="pkb-samples" role="status" hidden></p>'
            '<div class="pkb-document" hidden></div>'
            f'<ul class="pkb-kit-links">{links}</ul></div>')


class BuilderDirective(SphinxDirective):
    """The controls, the details panel, every kit's document model and the document."""

    def run(self) -> list[nodes.Node]:
        current = state(self.env)
        library = current.library
        kits = sorted(library.kits.values(),
                      key=lambda kit: current.localizer.text(kit.title).casefold())
        renderer = PageRenderer(library, current.localizer, self.env.docname)
        variables: dict[str, Variable] = {}
        per_kit: dict[str, list[str]] = {}
        models: dict[str, docmodel.Data] = {}
        warnings: list[nodes.Node] = []
        for kit in kits:
            note_library_sources(self.env, page_sources(library, kit))
            for variable in renderer.kit_variables(kit):
                variables.setdefault(variable.name, variable)
            per_kit[kit.id] = [variable.name for variable in renderer.kit_variables(kit)]
            models[kit.id] = docmodel.model_of_kit(library, current.localizer, kit.id, ui)
            # warnings against the country's law, shown while they hold (the page script)
            kit_warnings = nodes.container(classes=["pkb-kit-warnings", f"pkb-kit-{kit.id}"])
            kit_warnings += [renderer.legal_warning(block, warning)
                             for block in (library.blocks[ref.block] for ref in kit.blocks
                                           if ref.block in library.blocks)
                             for warning in block.warnings]
            warnings.append(kit_warnings)
        ordered = sorted(variables.values(), key=lambda variable: not variable.is_global)
        return [details(html=controls_html(renderer, kits)),
                details(html=panel_html(library, current.localizer, ordered, per_kit,
                                        kit_settings={kit.id: kit.settings for kit in kits},
                                        documents={"kits": models, "frame": docmodel.frame_model(
                                            current.localizer, ui)})),
                *warnings,
                details(html=answers_html(library, current.localizer, self.env.docname)),
                details(html=policy_html(renderer, kits))]


def ui(message: str) -> str:
    """An interface message in the page's language (as ``policykb assemble`` reads it)."""
    return str(_(message))
