"""``.. policykb-builder::``: a guided builder that turns a kit into a document.

Four steps a business understands: where and how it sells (country, sales channels);
the kit, the document (customer policy, staff handbook or counter notice), its optional
blocks, date and version; its details, grouped by block (business-wide first, then one
group per block switched on, with the block's questions beside its fields); and the
preview with Copy, Markdown, HTML, Print, JSON-LD for a returns policy and "Copy HTML
snippet" after the document.

The page carries the first step's fields and the frame's words; each kit's document
model (:mod:`policykb.docmodel`), the variables it uses with their fields, its settings and
its groups are a JSON file per kit next to the page (:data:`KITS_FOLDER`), which the page
script fetches when the kit is chosen (the first as soon as the script runs) and renders as
``policykb assemble`` does, so that a phone loads one kit, not all of them. (No
``<link rel="preload">``: a large kit's file, several hundred KB, would then count
towards the first paint in Lighthouse's model of a phone.) Without
JavaScript the page links to each kit's page, which shows its templates with the default
values.
"""

from __future__ import annotations

import json
import posixpath
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from .. import docmodel, markup
from ..answers import CHANNELS, per_branch_variables
from ..assemble import HTML_PAGE, HTML_SNIPPET
from ..documents import DocumentKind
from ..i18n import Localizer
from ..model import Kit, Library, Variable
from .answers import answers_html
from .details import (
    country_field_html,
    data_script,
    details,
    fields_html,
    json_value,
    ngettext,
    page_data,
    variable_definitions,
)
from .parser import page_sources
from .render import PageRenderer
from .state import note_library_sources, state

_ = get_translation("policykb")

KITS_FOLDER = "builder-kits"
"""Beside the builder page: ``<kit id>.json`` for each kit, in the page's language."""

DOCUMENT_NAMES = {
    DocumentKind.CUSTOMER_POLICY: _("Customer policy"),
    DocumentKind.STAFF_HANDBOOK: _("Staff handbook"),
    DocumentKind.COUNTER_NOTICE: _("Counter notice"),
}
"""The name of each document in the builder's choice."""

STEPS = (_("Where and how you sell"), _("Kit and document"), _("Your details"),
         _("Preview and take away"))
"""The builder's steps, in order."""

ACTIONS = (("pkb-copy", _("Copy")), ("pkb-snippet", _("Copy HTML snippet")),
           ("pkb-markdown", _("Download Markdown")), ("pkb-html", _("Download HTML")),
           ("pkb-jsonld", _("Download JSON-LD")), ("pkb-print", _("Print or save as PDF")))
"""The take-away buttons after the document: class (the script's hook) and label."""


def step_html(number: int, content: str, hidden: bool = True) -> str:
    """Step ``number`` (1-based): its heading, ``content`` and the Back and Next buttons."""
    title = escape(str(STEPS[number - 1]))
    buttons = []
    if number > 1:
        buttons.append(f'<button type="button" class="pkb-back" data-step-to="{number - 1}">'
                       f'{escape(str(_("Back")))}</button>')
    if number < len(STEPS):
        following = escape(str(_("Next: %(step)s") % {"step": STEPS[number]}))
        buttons.append(f'<button type="button" class="pkb-next" data-step-to="{number + 1}">'
                       f"{following}</button>")
    return (f'<section class="pkb-step" id="pkb-step-{number}" data-step="{number}" '
            f'aria-labelledby="pkb-step-{number}-title"{" hidden" if hidden else ""}>'
            f'<h2 id="pkb-step-{number}-title" tabindex="-1">'
            f'<span class="pkb-step-number">{number}</span> {title}</h2>{content}'
            f'<p class="pkb-step-buttons">{"".join(buttons)}</p></section>')


def steps_nav() -> str:
    """The steps as links; the script marks the current one (``aria-current="step"``)."""
    current = ' aria-current="step"'
    items = "".join(
        f'<li><a href="#pkb-step-{number}" data-step-to="{number}"'
        f'{current if number == 1 else ""}>'
        f'<span class="pkb-step-number">{number}</span> {escape(str(title))}</a></li>'
        for number, title in enumerate(STEPS, start=1))
    label = escape(str(_("Steps of the builder")))
    return f'<nav class="pkb-steps" aria-label="{label}"><ol>{items}</ol></nav>'


def where_step(library: Library, localizer: Localizer, channels: list[Variable]) -> str:
    """Step 1: the country and the sales channels."""
    intro = escape(str(_("Your country and the way you sell decide which clauses apply and "
                         "which details the builder asks for.")))
    return step_html(1, f'<p class="pkb-help">{intro}</p>'
                        f"{country_field_html(library, localizer)}"
                        f"{fields_html(library, localizer, channels)}", hidden=False)


def kit_step(renderer: PageRenderer, kits: list[Kit]) -> str:
    """Step 2: the kit (with its introduction for the owner), the document, its optional
    blocks, the date it takes effect and its version."""
    library, localizer = renderer.library, renderer.localizer
    kit_label, optional_legend = escape(str(_("Kit"))), escape(str(_("Optional parts")))
    options = "".join(f'<option value="{escape(kit.id)}">{escape(localizer.text(kit.title))}'
                      "</option>" for kit in kits)
    kinds = "".join(f'<option value="{kind}">{escape(str(name))}</option>'
                    for kind, name in DOCUMENT_NAMES.items())
    document_label, effective_label, version_label = (
        escape(str(_("Document"))), escape(str(_("In force from"))), escape(str(_("Version"))))
    choices = (f'<div class="pkb-field"><label for="pkb-kit">{kit_label}</label> '
               f'<select id="pkb-kit" class="pkb-kit-choice">{options}</select></div>'
               '<div class="pkb-kit-intro"></div>'
               f'<div class="pkb-field"><label for="pkb-document">{document_label}</label> '
               f'<select id="pkb-document" class="pkb-document-choice">{kinds}</select></div>')
    optional = []
    for kit in kits:
        boxes = "".join(
            f'<label><input type="checkbox" checked data-kit="{escape(kit.id)}" '
            f'data-block="{escape(ref.block)}"> '
            f"{escape(localizer.text(library.blocks[ref.block].title))}</label>"
            for ref in kit.blocks if ref.optional and ref.block in library.blocks)
        if boxes:
            optional.append(f'<fieldset class="pkb-optional-choice" data-kit="{escape(kit.id)}"'
                            f'{"" if kit is kits[0] else " hidden"}>'
                            f"<legend>{optional_legend}</legend>{boxes}</fieldset>")
    dates = (f'<div class="pkb-field pkb-dates"><label for="pkb-effective">{effective_label}'
             '</label> <input type="date" id="pkb-effective" class="pkb-effective" required> '
             f'<label for="pkb-version">{version_label}</label> '
             '<input type="text" id="pkb-version" class="pkb-version" value="1.0" size="6" '
             'required></div>')
    return step_html(2, choices + "".join(optional) + dates)


def details_step() -> str:
    """Step 3: the groups of details; the script brings the chosen kit's fields into the
    pool and groups them by block."""
    intro = escape(str(_("Fill in your own details: every template on this site uses them. "
                         "They are kept only in this browser and never sent anywhere.")))
    clear = escape(str(_("Clear my details")))
    return step_html(3, f'<p class="pkb-help">{intro}</p><div class="pkb-groups"></div>'
                        '<div class="pkb-field-pool" hidden></div>'
                        f'<p><button type="button" class="pkb-clear">{clear}</button></p>')


def preview_start(renderer: PageRenderer, kits: list[Kit]) -> str:
    """Step 4, up to the warnings: its heading and, without the script, a link to each
    kit's page."""
    links = "".join(
        f'<li><a href="{escape(renderer.uri(kit.docname))}">'
        f"{escape(markup.plain_text(renderer.localizer.text(kit.title)))}</a></li>"
        for kit in kits)
    title = escape(str(STEPS[-1]))
    return ('<section class="pkb-step pkb-preview-step" id="pkb-step-4" data-step="4" '
            'aria-labelledby="pkb-step-4-title"><h2 id="pkb-step-4-title" tabindex="-1">'
            f'<span class="pkb-step-number">4</span> {title}</h2>'
            f'<noscript><ul class="pkb-kit-links">{links}</ul></noscript>')


def preview_end() -> str:
    """Step 4 after the warnings: the document, then what to do with it."""
    buttons = "".join(f'<button type="button" class="{css}">{escape(str(label))}</button> '
                      for css, label in ACTIONS)
    back = escape(str(_("Back")))
    return ('<div class="pkb-policy" id="pkb-policy">'
            '<p class="pkb-samples" role="status" hidden></p>'
            '<div class="pkb-document" aria-busy="true"></div></div>'
            f'<p class="pkb-actions">{buttons}</p>'
            '<p class="pkb-builder-status" role="status" aria-live="polite"></p>'
            f'<p class="pkb-step-buttons"><button type="button" class="pkb-back" '
            f'data-step-to="3">{back}</button></p></section>')


def kit_data(renderer: PageRenderer, kit: Kit) -> dict[str, Any]:
    """What the script fetches when ``kit`` is chosen: its document model, the variables it
    uses, its settings and its groups of details (business-wide, then each block's own
    variables with the block's questions)."""
    library, localizer = renderer.library, renderer.localizer
    used = renderer.kit_variables(kit)
    asked = [variable for variable in used if variable.name not in CHANNELS.values()]
    groups = []
    for ref in kit.blocks:
        block = library.blocks.get(ref.block)
        if block is None:
            continue
        own = [variable.name for variable in renderer.variables_used(block)
               if not variable.is_global]
        groups.append({"block": block.id, "title": markup.plain_text(localizer.text(block.title)),
                       "questions": [markup.plain_text(localizer.text(question))
                                     for question in block.questions],
                       "variables": own})
    return {"model": docmodel.model_of_kit(library, localizer, kit.id, ui),
            "variables": [variable.name for variable in used],
            "definitions": variable_definitions(library, localizer, used, {}),
            "fields": fields_html(library, localizer, asked),
            "business": [variable.name for variable in asked if variable.is_global],
            "settings": {name: json_value(value, localizer)
                         for name, value in kit.settings.items()},
            "groups": groups}


def builder_data(library: Library, localizer: Localizer, variables: list[Variable],
                 kits: list[Kit]) -> dict[str, Any]:
    """The page data of the builder: ``variables`` (the sales channels and the per-branch
    ones; the kits' files bring their own), the frame's words, the words of the groups and
    where the kits' files are."""
    content = page_data(library, localizer, variables, {})
    content.update({
        "htmlPage": HTML_PAGE, "htmlSnippet": HTML_SNIPPET,
        "documents": {"kits": {}, "frame": docmodel.frame_model(localizer, ui)},
        "kitsFolder": f"{KITS_FOLDER}/", "kitIds": [kit.id for kit in kits],
        "business": str(_("About your business")),
        "questions": str(_("Questions to ask yourself")),
        "samplesLeft": [ngettext("%(count)s detail is still a sample",
                                 "%(count)s details are still samples", count)
                        % {"count": "{count}"} for count in localizer.counts_by_form()],
    })
    content["messages"]["kitFailed"] = str(_("The kit could not be loaded. Check your "
                                             "connection and reload the page."))
    return content


class BuilderDirective(SphinxDirective):
    """The guided builder; the kits' files are written when the build finishes."""

    def run(self) -> list[nodes.Node]:
        current = state(self.env)
        library = current.library
        kits = sorted(library.kits.values(),
                      key=lambda kit: current.localizer.text(kit.title).casefold())
        renderer = PageRenderer(library, current.localizer, self.env.docname)
        builders(self.env).add(self.env.docname)
        channels: dict[str, Variable] = {}
        warnings: list[nodes.Node] = []
        for kit in kits:
            note_library_sources(self.env, page_sources(library, kit))
            for variable in renderer.kit_variables(kit):
                if variable.name in CHANNELS.values():
                    channels.setdefault(variable.name, variable)
            # warnings against the country's law, shown while they hold (the page script)
            kit_warnings = nodes.container(classes=["pkb-kit-warnings", f"pkb-kit-{kit.id}"])
            kit_warnings += [renderer.legal_warning(block, warning)
                             for block in (library.blocks[ref.block] for ref in kit.blocks
                                           if ref.block in library.blocks)
                             for warning in block.warnings]
            warnings.append(kit_warnings)
        sales = [channels[name] for name in CHANNELS.values() if name in channels]
        # the page's own variables: the channels, and those a branch may give (the branch
        # editor's fields are on the page); a kit's file brings the rest
        inline = [*sales, *(variable for variable in per_branch_variables(library).values()
                            if variable not in sales)]
        start = (f'<div class="pkb-builder" data-step="1">{steps_nav()}'
                 '<div class="pkb-builder-grid"><form class="pkb-details" id="pkb-details">'
                 f"{where_step(library, current.localizer, sales)}"
                 f"{kit_step(renderer, kits)}"
                 f"{details_step()}</form>"
                 f"{preview_start(renderer, kits)}")
        end = (f"{answers_html(library, current.localizer, self.env.docname)}"
               f"{preview_end()}</div></div>"
               f"{data_script(builder_data(library, current.localizer, inline, kits))}")
        return [details(html=start), *warnings, details(html=end)]


def builders(env: BuildEnvironment) -> set[str]:
    """The pages of the environment that hold a builder."""
    if not hasattr(env, "policykb_builders"):
        env.policykb_builders = set()  # type: ignore[attr-defined]
    found: set[str] = env.policykb_builders  # type: ignore[attr-defined]
    return found


def _forget_builder(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    builders(env).discard(docname)


def _write_kits(app: Sphinx, exception: Exception | None) -> None:
    """Each kit's file beside each builder page, in the page's language."""
    if exception is not None or app.builder.format != "html":
        return
    current = state(app.env)
    for docname in sorted(builders(app.env)):
        renderer = PageRenderer(current.library, current.localizer, docname)
        folder = Path(app.outdir) / posixpath.dirname(docname) / KITS_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for kit in current.library.kits.values():
            (folder / f"{kit.id}.json").write_text(
                json.dumps(kit_data(renderer, kit), ensure_ascii=False, sort_keys=True,
                           separators=(",", ":")), "utf-8")


def register(app: Sphinx) -> None:
    """The directive, and the kits' files written at the end of an HTML build."""
    app.add_directive("policykb-builder", BuilderDirective)
    app.connect("env-purge-doc", _forget_builder)
    app.connect("build-finished", _write_kits)


def ui(message: str) -> str:
    """An interface message in the page's language (as ``policykb assemble`` reads it)."""
    return str(_(message))
